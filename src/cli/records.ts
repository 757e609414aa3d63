/**
 * `cdk8s-dns records [-f PATH]... [--domain D] [--pods M] [--endpoint-pod-names]`: every record cluster DNS would
 * serve, sorted, one zone-file line each (`; simulated` marks records built on made-up values); what the bounds of
 * dns/records.ts leave out follows as `; ` comment lines, and as notes on standard error. Exit 0, or 2 on bad
 * usage or unreadable input.
 */
import { commonOptions, parseArgs, UsageError } from './args';
import type { CliIo } from './main';
import { commandHelp, commandUsage, optionSpec, wantsHelp } from './usage';
import { listingResolver, RecordListing, recordListing } from '../dns/records';
import { ClusterModel } from '../model/cluster-model';
import { loadManifests } from '../model/load';
import { showValue } from '../show-value';

/** Lines written at once. */
const LINES_PER_WRITE = 10_000;

/** Runs `records`; returns the exit code. */
export function runRecords(argv: string[], io: CliIo): number {
  let listing: RecordListing;
  if (wantsHelp(argv)) {
    io.stdout(`${commandHelp('records')}\n`);
    return 0;
  }
  try {
    const args = parseArgs(argv, optionSpec('records'));
    if (args.positional.length > 0) throw new UsageError(`records takes no NAME (got ${showValue(args.positional[0])}); use -f PATH for input`);
    const common = commonOptions(args);
    const model = ClusterModel.fromDocuments(loadManifests(common.files, { stdin: io.stdin, jobs: common.jobs }), common.model);
    listing = recordListing(model, listingResolver(model, common.ttl));
  } catch (e: any) {
    io.stderr(`cdk8s-dns: ${String(e?.message ?? e).split('\n')[0]}\n`);
    if (e instanceof UsageError) io.stderr(`${commandUsage('records')}\n`);
    return 2;
  }
  const { lines, notes } = listing;
  // in pieces: a million lines joined at once could pass the longest string V8 makes (2^29 characters)
  for (let i = 0; i < lines.length; i += LINES_PER_WRITE) io.stdout(`${lines.slice(i, i + LINES_PER_WRITE).join('\n')}\n`);
  for (const n of notes) {
    io.stdout(`; ${n}\n`);
    io.stderr(`cdk8s-dns records: note: ${n}\n`);
  }
  return 0;
}
