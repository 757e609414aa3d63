/**
 * `cdk8s-dns check [-f PATH]... [--format text|json|sarif|junit] [--json] [--complete] [--all-findings] [--domain D] ...`:
 * runs the Service checker on manifests (files, folders, `-` for standard input; default dist/). `--complete`: the input
 * is the whole cluster, so references to Services or namespaces it does not have are findings. `--all-findings`: every
 * finding is listed (else at most 100 of one rule on one object, the rest counted in one more: src/checks/fold.ts).
 * The report (src/checks/reporters/): text grouped by object (default), `--format json` (or `--json`)
 * `{"success","findings":[{"rule","level","resource","message","file","line"}]}`, `--format sarif` (SARIF 2.1.0),
 * `--format junit` (JUnit XML). Exit 1 when any finding is an error, 0 otherwise, in every format; 2 on bad usage (an
 * invalid CIDR or namespace, named with its flag; an unknown format), unreadable input (one line naming the file) or
 * input without any Kubernetes object.
 */
import * as path from 'path';
import { commonOptions, last, parseArgs, ParsedArgs, UsageError } from './args';
import type { CliIo } from './main';
import { policyFromArgs } from './policy-args';
import { commandHelp, commandUsage, optionSpec, wantsHelp } from './usage';
import { packageInfo } from './version';
import { check, CheckResult } from '../checks/engine';
import { formatJson } from '../checks/reporters/json';
import { formatJunit } from '../checks/reporters/junit';
import { formatSarif } from '../checks/reporters/sarif';
import { formatText } from '../checks/reporters/text';
import { ClusterModel } from '../model/cluster-model';
import { isKustomizationFile } from '../model/documents';
import { loadManifests } from '../model/load';
import type { SkippedInput } from '../model/manifest';

/** Runs `check`; returns the exit code. */
export function runCheck(argv: string[], io: CliIo): number {
  let model: ClusterModel;
  let format: ReportFormat;
  let complete: boolean;
  let allFindings: boolean;
  let externalNamePolicy: ReturnType<typeof policyFromArgs>;
  const skipped: SkippedInput[] = [];
  if (wantsHelp(argv)) {
    io.stdout(`${commandHelp('check')}\n`);
    return 0;
  }
  try {
    const args = parseArgs(argv, optionSpec('check'));
    if (args.positional.length > 0) throw new UsageError(`check takes no arguments (got "${args.positional[0]}"); use -f PATH for input`);
    format = reportFormat(args);
    complete = args.flags.complete === true;
    allFindings = args.flags.allFindings === true;
    externalNamePolicy = policyFromArgs(args);
    const common = commonOptions(args);
    const docs = loadManifests(common.files, { stdin: io.stdin, jobs: common.jobs, skipped });
    if (docs.length === 0) throw new Error(`no Kubernetes objects found in ${common.files.join(', ')}${skippedText(skipped)}${buildHint(skipped)}`);
    model = ClusterModel.fromDocuments(docs, common.model);
  } catch (e: any) {
    io.stderr(`cdk8s-dns check: ${String(e?.message ?? e).split('\n')[0]}\n`);
    if (e instanceof UsageError) io.stderr(`${commandUsage('check')}\n`);
    return 2;
  }
  const result = check(model, { externalNamePolicy, complete, skippedInputs: skipped, allFindings });
  io.stdout(REPORTERS[format](result));
  return result.success ? 0 : 1;
}

/** The report formats of `--format`. */
export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit'] as const;
type ReportFormat = typeof REPORT_FORMATS[number];

const REPORTERS: Record<ReportFormat, (result: CheckResult) => string> = {
  text: formatText,
  json: formatJson,
  sarif: (result) => formatSarif(result, { ...packageInfo(), name: 'cdk8s-dns' }),
  junit: (result) => formatJunit(result),
};

/** `--format` (its last value), or `json` for `--json`, which may be given with `--format json` only. */
function reportFormat(args: ParsedArgs): ReportFormat {
  const given = last(args, 'format');
  if (given !== undefined && !(REPORT_FORMATS as readonly string[]).includes(given)) {
    throw new UsageError(`--format must be ${REPORT_FORMATS.slice(0, -1).join(', ')} or ${REPORT_FORMATS[REPORT_FORMATS.length - 1]} (got "${given}")`);
  }
  if (args.flags.json === true && given !== undefined && given !== 'json') throw new UsageError(`--json is --format json; it cannot be given with --format ${given}`);
  return args.flags.json === true ? 'json' : (given as ReportFormat | undefined) ?? 'text';
}

/**
 * `; to check what the cluster gets, check the build: kustomize build overlays/dev | cdk8s-dns check -f -` when the
 * input held kustomize's own files (an overlay of patches only): the objects are in the build, not in the files.
 */
function buildHint(skipped: readonly SkippedInput[]): string {
  const charts = [...new Set(skipped.flatMap((s) => (s.helmChart === undefined ? [] : [s.helmChart])))];
  if (charts.length > 0 && !skipped.some((s) => s.kustomize)) {
    const each = charts.length > 1 ? ` of each of the ${charts.length} charts` : '';
    return `; to check what the cluster gets, check the rendered chart${each}: helm template ${charts.length === 1 ? charts[0] : '<chart>'} | cdk8s-dns check -f -`;
  }
  if (!skipped.some((s) => s.kustomize)) return '';
  const roots = [...new Set(skipped.filter((s) => s.kustomize && isKustomizationFile(s.file)).map((s) => path.dirname(s.file)))];
  const helm = skipped.some((s) => s.kustomization) ? ' --enable-helm' : '';
  const each = roots.length > 1 ? ` of each of the ${roots.length} kustomization folders` : '';
  return `; to check what the cluster gets, check the build${each}: kustomize build${helm} ${roots.length === 1 ? roots[0] : '<folder>'} | cdk8s-dns check -f -`;
}

/** `; skipped: a.yaml (why), ...` for the error of an input without objects: at most three, then how many more. */
function skippedText(skipped: readonly SkippedInput[]): string {
  if (skipped.length === 0) return '';
  const shown = skipped.slice(0, 3).map((s) => `${s.file}${s.document === undefined ? '' : ` document ${s.document}`} (${s.reason})`);
  return `; skipped: ${shown.join(', ')}${skipped.length > 3 ? ` and ${skipped.length - 3} more` : ''}`;
}
