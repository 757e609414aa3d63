/**
 * Argument parsing shared by the commands: `--opt value`, `--opt=value`, flags, repeatable `-f`. Problems throw
 * `UsageError` (exit 2).
 */

import * as os from 'os';
import { modelOptionProblems, ttlProblem } from '../model/model-options';
import type { ClusterModelOptions, PodsMode } from '../model/records';

/** Bad usage: the message is one line; exit 2. */
export class UsageError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  /** Options taking a value, with aliases mapped to a canonical name: `{ '-f': 'file', '--file': 'file' }`. */
  readonly values: { readonly [flag: string]: string };
  /** Boolean flags: `{ '--json': 'json' }`. */
  readonly flags: { readonly [flag: string]: string };
}

export interface ParsedArgs {
  readonly positional: string[];
  /** Every value of each option, in order. */
  readonly values: { [name: string]: string[] };
  readonly flags: { [name: string]: boolean };
}

/** Parses argv against a spec. */
export function parseArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const out: ParsedArgs = { positional: [], values: {}, flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      for (const rest of argv.slice(i + 1)) out.positional.push(rest);
      break;
    }
    if (a === '-' || !a.startsWith('-')) {
      out.positional.push(a);
      continue;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (Object.prototype.hasOwnProperty.call(spec.flags, flag)) {
      if (eq > 0) throw new UsageError(`${flag} takes no value`);
      out.flags[spec.flags[flag]] = true;
      continue;
    }
    if (Object.prototype.hasOwnProperty.call(spec.values, flag)) {
      let value: string;
      if (eq > 0) {value = a.slice(eq + 1);} else {
        if (i + 1 >= argv.length) throw new UsageError(`${flag} needs a value`);
        value = argv[++i];
      }
      const name = spec.values[flag];
      (out.values[name] ??= []).push(value);
      continue;
    }
    throw new UsageError(`unknown option "${a}"`);
  }
  return out;
}

/** The last value of an option. */
export function last(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return v && v.length > 0 ? v[v.length - 1] : undefined;
}

export interface CommonOptions {
  readonly files: string[];
  readonly model: {
    clusterDomain?: string;
    pods?: 'disabled' | 'insecure' | 'verified';
    endpointPodNames?: boolean;
    serviceCidr?: string;
    podCidr?: string;
    defaultNamespace?: string;
  };
  readonly ttl?: number;
  /** Threads that read the manifests (`--jobs`; default: the CPUs this process may use, at most 4). */
  readonly jobs: number;
}

/** The most threads `--jobs` takes. */
export const MAX_JOBS = 64;

/**
 * The default `--jobs`: the CPUs this process may use, at most 4. The main thread turns every worker's output back into
 * objects (`JSON.parse`, about a fifth of the parse), so each added worker gains less than the one before; only two
 * CPUs were measured (bench/README.md).
 */
export function defaultJobs(): number {
  const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cpus, 4));
}

/** The flag of each model option (for usage errors). */
const FLAG_OF: { readonly [option: string]: string } = {
  defaultNamespace: '--default-namespace',
  clusterDomain: '--domain',
  serviceCidr: '--service-cidr',
  podCidr: '--pod-cidr',
  pods: '--pods',
  endpointPodNames: '--endpoint-pod-names',
};

/** Reads and checks the options every command takes (usage.ts lists them: the manifests, the model, --ttl, --jobs). */
export function commonOptions(args: ParsedArgs): CommonOptions {
  const pods = last(args, 'pods');
  const domain = last(args, 'domain');
  const ns = last(args, 'defaultNamespace');
  const given: ClusterModelOptions = {
    defaultNamespace: ns, clusterDomain: domain, serviceCidr: last(args, 'serviceCidr'), podCidr: last(args, 'podCidr'), pods: pods as PodsMode | undefined,
  };
  const problems = modelOptionProblems(given);
  if (problems.length > 0) throw new UsageError(problems.map((p) => `${FLAG_OF[p.option] ?? p.option} must be ${p.expected} (got ${p.shown})`).join('; '));
  const ttlText = last(args, 'ttl');
  let ttl: number | undefined;
  if (ttlText !== undefined) {
    ttl = /^\d+$/.test(ttlText) ? Number(ttlText) : undefined;
    const problem = ttlProblem(ttl ?? ttlText);
    if (problem) throw new UsageError(`--ttl must be ${problem.expected} (got "${ttlText}")`);
  }
  const jobsText = last(args, 'jobs');
  let jobs = defaultJobs();
  if (jobsText !== undefined) {
    jobs = /^\d+$/.test(jobsText) ? Number(jobsText) : NaN;
    if (!(jobs >= 1 && jobs <= MAX_JOBS)) throw new UsageError(`--jobs must be a whole number from 1 to ${MAX_JOBS} (got "${jobsText}")`);
  }
  const files = args.values.file && args.values.file.length > 0 ? args.values.file : ['dist/'];
  return {
    files,
    ttl,
    jobs,
    model: {
      clusterDomain: domain,
      pods: pods as CommonOptions['model']['pods'],
      endpointPodNames: args.flags.endpointPodNames === true,
      serviceCidr: last(args, 'serviceCidr'),
      podCidr: last(args, 'podCidr'),
      defaultNamespace: ns,
    },
  };
}
