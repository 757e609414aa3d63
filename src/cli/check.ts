/**
 * `cdk8s-dns check [-f PATH]... [--json] [--complete] [--domain D] [--service-cidr C] [--pod-cidr C] [--default-namespace NS]`:
 * runs the Service checker on manifests (files, folders, `-` for standard input; default dist/). `--complete`: the
 * input is the whole cluster, so references to Services or namespaces it does not have are findings.
 * Text output groups findings by object; `--json` prints `{"success","findings":[{"rule","level","resource","message"}]}`.
 * Exit 1 when any finding is an error, 0 otherwise, 2 on bad usage (an invalid CIDR or namespace, named with its
 * flag), unreadable input (one line naming the file) or input without any Kubernetes object.
 */
import { commonOptions, MODEL_OPTIONS, parseArgs, UsageError } from './args';
import type { CliIo } from './main';
import { POLICY_OPTION_VALUES, POLICY_USAGE, policyFromArgs } from './policy-args';
import { check } from '../checks/engine';
import { formatJson } from '../checks/reporters/json';
import { formatText } from '../checks/reporters/text';
import { ClusterModel } from '../model/cluster-model';
import { loadManifests } from '../model/load';
import type { SkippedInput } from '../model/manifest';

const CHECK_OPTIONS = { values: { ...MODEL_OPTIONS.values, ...POLICY_OPTION_VALUES }, flags: { ...MODEL_OPTIONS.flags, '--json': 'json', '--complete': 'complete', '--help': 'help', '-h': 'help' } };

export const CHECK_USAGE = `usage: cdk8s-dns check [-f PATH]... [--json] [--complete] [--domain D] [--service-cidr C] [--pod-cidr C]
                 [--default-namespace NS] ${POLICY_USAGE}
  -f PATH: file or folder (repeatable, - for standard input), default dist/
  --complete: the input is the whole cluster: names of Services or namespaces it does not have are findings
              (default: names into namespaces the input does not describe are listed as info, not judged)
  --jobs N, -j N: threads that read YAML of 8 MiB and more (default: the CPUs, at most 4; 1: no worker threads)
  exit 1 when a finding is an error, 0 otherwise, 2 on bad usage, unreadable input or no objects; rules: RULES.md`;

/** Runs `check`; returns the exit code. */
export function runCheck(argv: string[], io: CliIo): number {
  let model: ClusterModel;
  let json: boolean;
  let complete: boolean;
  let externalNamePolicy: ReturnType<typeof policyFromArgs>;
  const skipped: SkippedInput[] = [];
  try {
    const args = parseArgs(argv, CHECK_OPTIONS);
    if (args.positional.length > 0) throw new UsageError(`check takes no arguments (got "${args.positional[0]}"); use -f PATH for input`);
    if (args.flags.help === true) {
      io.stdout(`${CHECK_USAGE}\n`);
      return 0;
    }
    json = args.flags.json === true;
    complete = args.flags.complete === true;
    externalNamePolicy = policyFromArgs(args);
    const common = commonOptions(args);
    const docs = loadManifests(common.files, { stdin: io.stdin, jobs: common.jobs, skipped });
    if (docs.length === 0) throw new Error(`no Kubernetes objects found in ${common.files.join(', ')}${skippedText(skipped)}`);
    model = ClusterModel.fromDocuments(docs, common.model);
  } catch (e: any) {
    io.stderr(`cdk8s-dns check: ${String(e?.message ?? e).split('\n')[0]}\n`);
    if (e instanceof UsageError) io.stderr(`${CHECK_USAGE}\n`);
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
