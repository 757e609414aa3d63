/**
 * The rules for the cluster model's options, shared by every entry point: the CLI turns a problem into a usage error
 * naming the flag (`--service-cidr must be ... (got "...")`), the library API (`ClusterModel`, `ClusterDns`,
 * `ServiceChecker`, `ServiceGraph`) throws `ModelOptionsError` naming the option, and the cdk8s-cli plugin reports it
 * as a violation. A value that breaks a rule is never replaced by the default: a checker that silently checks
 * against 10.96.0.0/12 when the user meant another range gives wrong answers with no sign of it.
 */
import { Cidr } from './ip';
import type { ClusterModelOptions, ResolvedModelOptions } from './records';

/** One option whose value breaks its rule. */
export interface ModelOptionProblem {
  /** The option's name in `ClusterModelOptions`, e.g. `serviceCidr`. */
  readonly option: keyof ClusterModelOptions;
  /** The value as given (non-strings as `String(value)`). */
  readonly value: string;
  /** What the value must be, to follow "must be": e.g. `a DNS name like cluster.local`. */
  readonly expected: string;
}

/** The defaults of the options, as `ResolvedModelOptions`. */
export const MODEL_OPTION_DEFAULTS: ResolvedModelOptions = {
  defaultNamespace: 'default',
  clusterDomain: 'cluster.local',
  serviceCidr: '10.96.0.0/12',
  podCidr: '10.244.0.0/16',
  pods: 'disabled',
  endpointPodNames: false,
};

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?\.?$/i;

/** Why a CIDR list is unusable, or undefined: one CIDR, or one IPv4 and one IPv6, comma-separated. */
export function cidrListProblem(text: string): string | undefined {
  const parts = text.split(',');
  if (parts.length > 2) return 'at most two CIDRs, one IPv4 and one IPv6';
  const cidrs = parts.map((p) => Cidr.parse(p));
  if (parts.some((p) => p.trim() !== p) || cidrs.some((c) => c === undefined)) return 'a CIDR like 10.96.0.0/12, or an IPv4 and an IPv6 CIDR separated by a comma';
  if (cidrs.length === 2 && cidrs[0]!.family === cidrs[1]!.family) return 'one IPv4 and one IPv6 CIDR when two are given';
  return undefined;
}

/** Every option of `options` that is set and breaks its rule, in the order of `ClusterModelOptions`. */
export function modelOptionProblems(options: ClusterModelOptions): ModelOptionProblem[] {
  const out: ModelOptionProblem[] = [];
  const text = (option: keyof ClusterModelOptions, expected: string, problem: (v: string) => string | undefined | false) => {
    const v: unknown = options[option];
    if (v === undefined || v === null) return;
    const p = typeof v === 'string' ? problem(v) : expected;
    if (p) out.push({ option, value: String(v), expected: p });
  };
  const namespace = 'a namespace name: a DNS-1123 label of at most 63 lower-case letters, digits and \'-\'';
  text('defaultNamespace', namespace, (v) => (v.length > 63 || !DNS1123_LABEL.test(v)) && namespace);
  const domain = 'a DNS name like cluster.local';
  text('clusterDomain', domain, (v) => (v.length > 253 || !DNS_NAME.test(v)) && domain);
  const cidr = 'a CIDR like 10.96.0.0/12, or an IPv4 and an IPv6 CIDR separated by a comma';
  text('serviceCidr', cidr, cidrListProblem);
  text('podCidr', cidr, cidrListProblem);
  const pods = 'disabled, insecure or verified';
  text('pods', pods, (v) => v !== 'disabled' && v !== 'insecure' && v !== 'verified' && pods);
  const epn = options.endpointPodNames as unknown;
  if (epn !== undefined && epn !== null && typeof epn !== 'boolean') out.push({ option: 'endpointPodNames', value: String(epn), expected: 'true or false' });
  return out;
}

/** Thrown by the library API for options that break their rules; the message names every such option. */
export class ModelOptionsError extends Error {
  public constructor(public readonly problems: readonly ModelOptionProblem[]) {
    super(problems.map((p) => {
      const dflt = MODEL_OPTION_DEFAULTS[p.option];
      return `Cluster model option ${p.option} must be ${p.expected} (got "${p.value}"). Fix: correct it, or leave it unset for the default "${dflt}".`;
    }).join(' '));
    this.name = 'ModelOptionsError';
  }
}

/** Resolves options against the defaults; throws `ModelOptionsError` when a value breaks its rule. */
export function resolveModelOptions(options: ClusterModelOptions = {}): ResolvedModelOptions {
  const problems = modelOptionProblems(options ?? {});
  if (problems.length > 0) throw new ModelOptionsError(problems);
  const d = MODEL_OPTION_DEFAULTS;
  return {
    defaultNamespace: options.defaultNamespace ?? d.defaultNamespace,
    clusterDomain: options.clusterDomain === undefined ? d.clusterDomain : options.clusterDomain.toLowerCase().replace(/\.$/, ''),
    serviceCidr: options.serviceCidr ?? d.serviceCidr,
    podCidr: options.podCidr ?? d.podCidr,
    pods: options.pods ?? d.pods,
    endpointPodNames: options.endpointPodNames ?? d.endpointPodNames,
  };
}
