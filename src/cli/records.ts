/**
 * `cdk8s-dns records [-f PATH]... [--domain D] [--pods M] [--endpoint-pod-names]`: every record cluster DNS would
 * serve, sorted, one zone-file line each (`; simulated` marks records built on made-up values). Exit 0, or 2 on bad
 * usage or unreadable input.
 */
import { commonOptions, parseArgs, UsageError } from './args';
import type { CliIo } from './main';
import { commandHelp, commandUsage, optionSpec, wantsHelp } from './usage';
import { listRecords } from '../dns/records';
import { Resolver } from '../dns/resolver';
import { ClusterModel } from '../model/cluster-model';
import { loadManifests } from '../model/load';

/** Runs `records`; returns the exit code. */
export function runRecords(argv: string[], io: CliIo): number {
  let lines: string[];
  if (wantsHelp(argv)) {
    io.stdout(`${commandHelp('records')}\n`);
    return 0;
  }
  try {
    const args = parseArgs(argv, optionSpec('records'));
    if (args.positional.length > 0) throw new UsageError(`records takes no NAME (got "${args.positional[0]}"); use -f PATH for input`);
    const common = commonOptions(args);
    const model = ClusterModel.fromDocuments(loadManifests(common.files, { stdin: io.stdin, jobs: common.jobs }), common.model);
    lines = listRecords(model, new Resolver(model, { ttl: common.ttl }));
  } catch (e: any) {
    io.stderr(`cdk8s-dns: ${String(e?.message ?? e).split('\n')[0]}\n`);
    if (e instanceof UsageError) io.stderr(`${commandUsage('records')}\n`);
    return 2;
  }
  io.stdout(lines.map((l) => `${l}\n`).join(''));
  return 0;
}
