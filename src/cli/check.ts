/**
 * `cdk8s-dns check [-f PATH]... [--json] [--complete] [--domain D] [--service-cidr C] [--pod-cidr C] [--default-namespace NS]`:
 * runs the Service checker on manifests (files, folders, `-` for standard input; default dist/). `--complete`: the
 * input is the whole cluster, so references to Services or namespaces it does not have are findings.
 * Text output groups findings by object; `--json` prints `{"success","findings":[{"rule","level","resource","message"}]}`.
 * Exit 1 when any finding is an error, 0 otherwise, 2 on bad usage (an invalid CIDR or namespace, named with its
 * flag), unreadable input (one line naming the file) or input without any Kubernetes object.
 */
import { commonOptions, parseArgs, UsageError } from './args';
import type { CliIo } from './main';
import { policyFromArgs } from './policy-args';
import { commandHelp, commandUsage, optionSpec, wantsHelp } from './usage';
import { check } from '../checks/engine';
import { formatJson } from '../checks/reporters/json';
import { formatText } from '../checks/reporters/text';
import { ClusterModel } from '../model/cluster-model';
import { loadManifests } from '../model/load';
import type { SkippedInput } from '../model/manifest';

/** Runs `check`; returns the exit code. */
export function runCheck(argv: string[], io: CliIo): number {
  let model: ClusterModel;
  let json: boolean;
  let complete: boolean;
  let externalNamePolicy: ReturnType<typeof policyFromArgs>;
  const skipped: SkippedInput[] = [];
  if (wantsHelp(argv)) {
    io.stdout(`${commandHelp('check')}\n`);
    return 0;
  }
  try {
    const args = parseArgs(argv, optionSpec('check'));
    if (args.positional.length > 0) throw new UsageError(`check takes no arguments (got "${args.positional[0]}"); use -f PATH for input`);
    json = args.flags.json === true;
    complete = args.flags.complete === true;
    externalNamePolicy = policyFromArgs(args);
    const common = commonOptions(args);
    const docs = loadManifests(common.files, { stdin: io.stdin, jobs: common.jobs, skipped });
    if (docs.length === 0) throw new Error(`no Kubernetes objects found in ${common.files.join(', ')}${skippedText(skipped)}`);
    model = ClusterModel.fromDocuments(docs, common.model);
  } catch (e: any) {
    io.stderr(`cdk8s-dns check: ${String(e?.message ?? e).split('\n')[0]}\n`);
    if (e instanceof UsageError) io.stderr(`${commandUsage('check')}\n`);
    return 2;
  }
  const result = check(model, { externalNamePolicy, complete, skippedInputs: skipped });
  io.stdout(json ? formatJson(result) : formatText(result));
  return result.success ? 0 : 1;
}

/** `; skipped: a.yaml (why), ...` for the error of an input without objects: at most three, then how many more. */
function skippedText(skipped: readonly SkippedInput[]): string {
  if (skipped.length === 0) return '';
  const shown = skipped.slice(0, 3).map((s) => `${s.file}${s.document === undefined ? '' : ` document ${s.document}`} (${s.reason})`);
  return `; skipped: ${shown.join(', ')}${skipped.length > 3 ? ` and ${skipped.length - 3} more` : ''}`;
}
