/**
 * The rules for the cluster model's options, shared by every entry point: the CLI turns a problem into a usage error
 * naming the flag (`--service-cidr must be ... (got "...")`), the library API (`ClusterModel`, `ClusterDns`,
 * `ServiceChecker`, `ServiceGraph`) throws `ModelOptionsError` naming the option, and the cdk8s-cli plugin reports it
 * as a violation. A value that breaks a rule is never replaced by the default: a checker that silently checks
 * against 10.96.0.0/12 when the user meant another range gives wrong answers with no sign of it.
 */
import { Cidr } from './ip';
import type { ClusterModelOptions, ResolvedModelOptions } from './records';
import { isDns1123Label } from '../k8s-syntax/names';
import { showValue } from '../show-value';

/** One option whose value breaks its rule. */
export interface ModelOptionProblem {
  /** The option's name, e.g. `serviceCidr` (a `ClusterModelOptions` key, or `ttl` for `ClusterDns`). */
  readonly option: string;
  /** The value as given: a string as is; anything else as JSON (`10`, `true`, `{}`). */
  readonly value: string;
  /** The value quoted for a message, cut to about 80 characters: `"10.96.0.0/33"`, or `10` for a number. */
  readonly shown: string;
  /** What the value must be, to follow "must be": e.g. `a DNS name like cluster.local`. */
  readonly expected: string;
  /** The default used when the option is unset, for the fix. */
  readonly defaultValue: string;
}

/** A problem with `value` as given to `option`. */
export function optionProblem(option: string, value: unknown, expected: string, defaultValue: string): ModelOptionProblem {
  const text = typeof value === 'string' ? value : safeJson(value);
  // shown cut to about 80 characters: a 1 MB value gives a message of one short line
  const shown = typeof value === 'string' ? showValue(value) : text.length > SHOWN_JSON ? `${text.slice(0, SHOWN_JSON)}...` : text;
  return { option, value: text, shown, expected, defaultValue };
}

/** Characters of a value that is not a string shown in a message. */
const SHOWN_JSON = 80;

/** JSON of a value, never throwing; a number as JavaScript writes it (JSON writes NaN and Infinity as `null`). */
function safeJson(v: unknown): string {
  if (typeof v === 'number') return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** The defaults of the options, as `ResolvedModelOptions`. */
export const MODEL_OPTION_DEFAULTS: ResolvedModelOptions = {
  defaultNamespace: 'default',
  clusterDomain: 'cluster.local',
  serviceCidr: '10.96.0.0/12',
  podCidr: '10.244.0.0/16',
  serviceCidrAssumed: true,
  podCidrAssumed: true,
  pods: 'disabled',
  endpointPodNames: false,
};

const DNS_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?\.?$/i;

/**
 * Why a CIDR list is unusable, or undefined: one CIDR, or one IPv4 and one IPv6, comma-separated (spaces around the
 * comma are allowed, as YAML users write them; `normalizeCidrList` removes them).
 */
export function cidrListProblem(text: string): string | undefined {
  const parts = text.split(',');
  if (parts.length > 2) return 'at most two CIDRs, one IPv4 and one IPv6';
  const cidrs = parts.map((p) => Cidr.parse(p));
  if (cidrs.some((c) => c === undefined)) return 'a CIDR like 10.96.0.0/12, or an IPv4 and an IPv6 CIDR separated by a comma';
  if (cidrs.length === 2 && cidrs[0]!.family === cidrs[1]!.family) return 'one IPv4 and one IPv6 CIDR when two are given';
  return undefined;
}

/** `10.96.0.0/12, fd00::/108` -> `10.96.0.0/12,fd00::/108` (a list `cidrListProblem` accepts). */
export function normalizeCidrList(text: string): string {
  return text.split(',').map((p) => p.trim()).join(',');
}

/** Every option of `options` that is set and breaks its rule, in the order of `ClusterModelOptions`. */
export function modelOptionProblems(options: ClusterModelOptions): ModelOptionProblem[] {
  const out: ModelOptionProblem[] = [];
  const o = options ?? {};
  const d = MODEL_OPTION_DEFAULTS;
  const text = (option: keyof ClusterModelOptions, expected: string, problem: (v: string) => string | undefined | false) => {
    const v: unknown = o[option];
    if (v === undefined || v === null) return;
    const p = typeof v === 'string' ? problem(v) : expected;
    if (p) out.push(optionProblem(option, v, p, String(d[option])));
  };
  const namespace = 'a namespace name: a DNS-1123 label of at most 63 lower-case letters, digits and \'-\'';
  text('defaultNamespace', namespace, (v) => !isDns1123Label(v) && namespace);
  const domain = 'a DNS name like cluster.local';
  text('clusterDomain', domain, (v) => (v.length > 253 || !DNS_NAME.test(v)) && domain);
  const cidr = 'a CIDR like 10.96.0.0/12, or an IPv4 and an IPv6 CIDR separated by a comma';
  text('serviceCidr', cidr, cidrListProblem);
  text('podCidr', cidr, cidrListProblem);
  const pods = 'disabled, insecure or verified';
  text('pods', pods, (v) => v !== 'disabled' && v !== 'insecure' && v !== 'verified' && pods);
  const epn = o.endpointPodNames as unknown;
  if (epn !== undefined && epn !== null && typeof epn !== 'boolean') out.push(optionProblem('endpointPodNames', epn, 'true or false', 'false'));
  return out;
}

/** The problem with a record TTL (`ClusterDns` option `ttl`, CLI `--ttl`), if any: an integer from 0 to 3600 (CoreDNS). */
export function ttlProblem(value: unknown): ModelOptionProblem | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 3600) return undefined;
  return optionProblem('ttl', value, 'an integer number of seconds from 0 to 3600', '5');
}

/** Thrown by the library API for options that break their rules; the message names every such option. */
export class ModelOptionsError extends Error {
  public constructor(public readonly problems: readonly ModelOptionProblem[]) {
    super(problems.map((p) => `Option ${p.option} must be ${p.expected} (got ${p.shown}). Fix: correct it, or leave it unset for the default ${JSON.stringify(p.defaultValue)}.`).join(' '));
    this.name = 'ModelOptionsError';
  }
}

/** Resolves options against the defaults; throws `ModelOptionsError` when a value breaks its rule. */
export function resolveModelOptions(options: ClusterModelOptions = {}): ResolvedModelOptions {
  const o = options ?? {};
  const problems = modelOptionProblems(o);
  if (problems.length > 0) throw new ModelOptionsError(problems);
  const d = MODEL_OPTION_DEFAULTS;
  return {
    defaultNamespace: o.defaultNamespace ?? d.defaultNamespace,
    clusterDomain: (o.clusterDomain ?? d.clusterDomain).toLowerCase().replace(/\.$/, ''),
    serviceCidr: normalizeCidrList(o.serviceCidr ?? d.serviceCidr),
    podCidr: normalizeCidrList(o.podCidr ?? d.podCidr),
    serviceCidrAssumed: o.serviceCidr === undefined || o.serviceCidr === null,
    podCidrAssumed: o.podCidr === undefined || o.podCidr === null,
    pods: o.pods ?? d.pods,
    endpointPodNames: o.endpointPodNames ?? d.endpointPodNames,
  };
}
