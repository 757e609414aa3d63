/**
 * Argument parsing shared by the commands: `--opt value`, `--opt=value`, flags, repeatable `-f`, read in one pass
 * against the command's options. Problems throw `UsageError` (exit 2).
 *
 * Accepted: a short option alone (`-f PATH`, not `-fPATH` or `-jf`), a long one with its value after it or after `=`,
 * `-` as an argument, and `--`, after which everything is an argument. A value option takes the next argument whatever
 * it is (`--ttl -5`, `-f --`), as kubectl's flags do.
 */

import * as os from 'os';
import { modelOptionProblems, ttlProblem } from '../model/model-options';
import type { ClusterModelOptions, PodsMode } from '../model/records';
import { showValue } from '../show-value';

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

const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/**
 * The most arguments a command reads (input stays bounded whatever calls `main`). Parsing is one pass, linear in
 * their number: 100,000 `-f FILE` pairs take milliseconds. `util.parseArgs`, used before, takes each argument off the
 * front of its list, so its time grew with the square of their number (100,000 pairs: 11 s), and a cap of 20,000
 * refused a pipeline that lists more than 10,000 files.
 */
export const MAX_ARGUMENTS = 1_000_000;

/** Parses argv against a spec, in one pass; problems are reported in argument order. */
export function parseArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  if (argv.length > MAX_ARGUMENTS) {
    throw new UsageError(`too many arguments (${argv.length.toLocaleString('en-US')}; at most ${MAX_ARGUMENTS.toLocaleString('en-US')}): name a folder with -f DIR instead of each of its files`);
  }
  const out: ParsedArgs = { positional: [], values: {}, flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const raw = String(argv[i]);
    if (raw === '--') {
      for (i++; i < argv.length; i++) out.positional.push(String(argv[i]));
      break;
    }
    if (raw === '-' || !raw.startsWith('-')) {
      out.positional.push(raw);
      continue;
    }
    // `--opt=value`; a short option stands alone (`-fPATH`, `-f=PATH` and grouped `-jf` are unknown options)
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq >= 0 ? raw.slice(0, eq) : raw;
    if (has(spec.flags, flag)) {
      if (eq >= 0) throw new UsageError(`${flag} takes no value`);
      out.flags[spec.flags[flag]] = true;
    } else if (has(spec.values, flag)) {
      if (eq < 0 && i + 1 >= argv.length) throw new UsageError(`${flag} needs a value`);
      // the next argument whatever it is (`--ttl -5`, `-f --`), as kubectl's flags take it
      const value = eq >= 0 ? raw.slice(eq + 1) : String(argv[++i]);
      (out.values[spec.values[flag]] ??= []).push(value);
    } else {
      throw new UsageError(`unknown option ${showValue(raw)}`);
    }
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
    if (problem) throw new UsageError(`--ttl must be ${problem.expected} (got ${showValue(ttlText)})`);
  }
  const jobsText = last(args, 'jobs');
  let jobs = defaultJobs();
  if (jobsText !== undefined) {
    jobs = /^\d+$/.test(jobsText) ? Number(jobsText) : NaN;
    if (!(jobs >= 1 && jobs <= MAX_JOBS)) throw new UsageError(`--jobs must be a whole number from 1 to ${MAX_JOBS} (got ${showValue(jobsText)})`);
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
