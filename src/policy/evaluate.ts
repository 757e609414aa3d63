/**
 * The one evaluation of the ExternalName policy, shared by the construct side (`ExternalNamePolicy`, fails synth)
 * and the checker rule `externalname-policy` (internal, pure: no cdk8s, no fs).
 *
 * - `resolvePolicy(options, where)`: validates and normalizes `ExternalNamePolicyOptions`; bad options throw one
 *   sentence prefixed with `where`.
 * - `evaluateExternalName(subject, policy)`: the violations of one ExternalName target (and the TLS server name its
 *   clients verify), each with a `detail` that completes an error sentence: `<prop> "<value>" <rule>; <fix>.` Each
 *   side prefixes it with its subject (`ExternalDependency "prod/db": ` or `Service "db": `).
 *
 * Order of the target rules (only the first that applies is reported, so one bad value gives one message):
 * cloud metadata (always forbidden) -> forbidden hosts -> in-cluster names (namespace rule) or external names
 * (suffix rule). The TLS server name is checked on its own, unless it is the target and the target already failed.
 */
import { cloudMetadataTarget } from './cloud-metadata';
import { ExternalNamePolicyOptions } from './external-name-policy-options';
import { parseQuery } from '../dns/parse';
import { isDns1123Label, isDns1123Subdomain } from '../k8s-syntax/names';
import { checkStruct } from '../prop-check';
import { showValue } from '../show-value';

/** The kinds of violation, stable (tests and docs refer to them). */
export type PolicyViolationKind = 'cloud-metadata' | 'forbidden-host' | 'external-suffix' | 'namespace' | 'tls-server-name';

/** One violation of the policy. */
export interface PolicyViolation {
  readonly kind: PolicyViolationKind;
  /** The offending value as written. */
  readonly value: string;
  /** The end of the error sentence: `<prop> "<value>" <rule>; <fix>.` */
  readonly detail: string;
}

/** The policy with defaults applied and every name normalized. */
export interface ResolvedExternalNamePolicy {
  /** Normalized suffixes; undefined = any external domain. */
  readonly allowedExternalSuffixes?: readonly string[];
  readonly allowedNamespaces: readonly string[];
  readonly allNamespaces: boolean;
  readonly forbiddenHosts: readonly string[];
  /** Normalized suffixes; undefined = no TLS server name rule. */
  readonly tlsServerNameSuffixes?: readonly string[];
  /** Normalized; undefined = each side's own cluster domain. */
  readonly clusterDomain?: string;
}

/** What is evaluated: one ExternalName and its context. */
export interface ExternalNameSubject {
  /** The namespace of the ExternalName Service. */
  readonly namespace: string;
  /** The target as written (`spec.externalName`). */
  readonly target: string;
  /** How messages name the target, e.g. `externalName` or `spec.externalName`. */
  readonly targetProp: string;
  /** The name clients verify TLS certificates against, when known. */
  readonly tlsServerName?: string;
  /** How messages name it, e.g. `tlsServerName`. @default 'tlsServerName' */
  readonly tlsProp?: string;
  /** The cluster domain (lower case, no trailing dot); the policy's own `clusterDomain` wins. */
  readonly clusterDomain: string;
}

/** A DNS-1123 subdomain of any length (the clusterDomain check; domains in lists also keep the 253 limit). */
const DOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Lower case, trimmed, without one trailing dot or IPv6 brackets. */
export function normalizeHost(value: string): string {
  return value.trim().toLowerCase().replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1');
}

/** Whether `host` equals `suffix` or is a subdomain of it (label boundary). */
export function underSuffix(host: string, suffix: string): boolean {
  return host === suffix || host.endsWith(`.${suffix}`);
}

function domainList(where: string, prop: string, values: unknown): string[] | undefined {
  if (values === undefined || values === null) return undefined;
  if (!Array.isArray(values)) throw new Error(`${where}: ${prop} ${showValue(values)} is not a list; give domains such as ["example.com"].`);
  const out: string[] = [];
  for (const v of values) {
    if (typeof v !== 'string') throw new Error(`${where}: ${prop} entry ${showValue(v)} is not a string; give domains such as "example.com".`);
    const d = normalizeHost(v).replace(/^\*?\./, '');
    if (!isDns1123Subdomain(d)) {
      throw new Error(`${where}: ${prop} entry ${showValue(v)} is not a DNS domain; give a domain such as "example.com" (no scheme, port, path or wildcard in the middle).`);
    }
    if (!out.includes(d)) out.push(d);
  }
  return out.sort();
}

/** Validates and normalizes policy options; throws one sentence starting with `where`. */
export function resolvePolicy(options: ExternalNamePolicyOptions | undefined, where: string): ResolvedExternalNamePolicy {
  const o = checkStruct(where, 'options', options ?? {}, 'give options such as { allowedExternalSuffixes: ["example.com"] }.');
  const allowedExternalSuffixes = domainList(where, 'allowedExternalSuffixes', o.allowedExternalSuffixes);
  const forbiddenHosts = domainList(where, 'forbiddenHosts', o.forbiddenHosts) ?? [];
  const tlsServerNameSuffixes = domainList(where, 'tlsServerNameSuffixes', o.tlsServerNameSuffixes) ?? allowedExternalSuffixes;
  const namespaces: string[] = [];
  let allNamespaces = false;
  if (o.allowedNamespaces !== undefined && o.allowedNamespaces !== null) {
    if (!Array.isArray(o.allowedNamespaces)) {
      throw new Error(`${where}: allowedNamespaces ${showValue(o.allowedNamespaces)} is not a list; give namespaces such as ["shared-infra"].`);
    }
    for (const ns of o.allowedNamespaces) {
      if (ns === '*') {
        allNamespaces = true;
        continue;
      }
      if (typeof ns !== 'string' || !isDns1123Label(ns)) {
        throw new Error(`${where}: allowedNamespaces entry ${showValue(ns)} is not a namespace name (a DNS-1123 label such as "shared-infra") or "*".`);
      }
      if (!namespaces.includes(ns)) namespaces.push(ns);
    }
  }
  let clusterDomain: string | undefined;
  if (o.clusterDomain !== undefined && o.clusterDomain !== null) {
    clusterDomain = typeof o.clusterDomain === 'string' ? normalizeHost(o.clusterDomain) : '';
    if (!DOMAIN.test(clusterDomain)) {
      throw new Error(`${where}: clusterDomain ${showValue(o.clusterDomain)} is not a DNS domain; use a domain such as "cluster.local".`);
    }
  }
  return {
    allowedExternalSuffixes,
    allowedNamespaces: namespaces.sort(),
    allNamespaces,
    forbiddenHosts,
    tlsServerNameSuffixes,
    clusterDomain,
  };
}

/** `"a", "b"` for messages. */
function listText(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

/**
 * The namespace of a cluster-internal name, `null` for an internal name that names none (the zone apex), or
 * `undefined` when the name is not cluster-internal. Shortened `<svc>.<ns>.svc` forms count as internal.
 */
function internalNamespace(host: string, zone: string): string | null | undefined {
  if (host === zone || host.endsWith(`.${zone}`)) {
    const q = parseQuery(host, zone);
    return q.kind === 'service' || q.kind === 'pod' || q.kind === 'namespace' ? q.namespace : null;
  }
  const labels = host.split('.');
  if (labels.length >= 2 && labels[labels.length - 1] === 'svc') return labels[labels.length - 2];
  return undefined;
}

function namespaceAllowed(ns: string, own: string, policy: ResolvedExternalNamePolicy): boolean {
  return ns === own || policy.allNamespaces || policy.allowedNamespaces.includes(ns);
}

function namespaceRuleText(own: string, policy: ResolvedExternalNamePolicy): string {
  const extra = policy.allowedNamespaces.filter((n) => n !== own);
  return extra.length === 0 ? `only in its own namespace "${own}"` : `only in its own namespace "${own}" and in ${listText(extra)}`;
}

/** The violations of one ExternalName (empty when it complies). */
export function evaluateExternalName(subject: ExternalNameSubject, policy: ResolvedExternalNamePolicy): PolicyViolation[] {
  const zone = policy.clusterDomain ?? normalizeHost(subject.clusterDomain);
  const out: PolicyViolation[] = [];
  const target = evaluateTarget(subject, policy, zone);
  if (target) out.push(target);
  const tls = subject.tlsServerName;
  if (tls !== undefined && !(target && normalizeHost(tls) === normalizeHost(subject.target))) {
    const v = evaluateTls(subject, tls, policy, zone);
    if (v) out.push(v);
  }
  return out;
}

function evaluateTarget(subject: ExternalNameSubject, policy: ResolvedExternalNamePolicy, zone: string): PolicyViolation | undefined {
  const value = subject.target;
  const host = normalizeHost(value);
  const prefix = `${subject.targetProp} ${JSON.stringify(value)}`;
  const metadata = cloudMetadataTarget(host);
  if (metadata) {
    return {
      kind: 'cloud-metadata',
      value,
      detail: `${prefix} reaches ${metadata}, which the ExternalName policy always forbids because any pod resolving this name would be sent to the node's cloud credentials; remove the Service or point it at the dependency's own host.`,
    };
  }
  const forbidden = policy.forbiddenHosts.find((f) => underSuffix(host, f));
  if (forbidden) {
    return {
      kind: 'forbidden-host',
      value,
      detail: `${prefix} is under the forbidden host ${JSON.stringify(forbidden)} of the ExternalName policy (forbiddenHosts); point it at a host the platform team permits.`,
    };
  }
  const ns = internalNamespace(host, zone);
  if (ns !== undefined) {
    if (ns !== null && namespaceAllowed(ns, subject.namespace, policy)) return undefined;
    const where = ns === null ? 'a cluster-internal name of no namespace' : `a cluster-internal name in namespace ${JSON.stringify(ns)}`;
    const fix = ns === null ? 'point it at a Service name <service>.<namespace>.svc.' + zone : `point it at a Service of an allowed namespace, or ask the platform team to add ${JSON.stringify(ns)} to allowedNamespaces`;
    return {
      kind: 'namespace',
      value,
      detail: `${prefix} is ${where}, but the ExternalName policy allows in-cluster targets ${namespaceRuleText(subject.namespace, policy)}; ${fix}.`,
    };
  }
  const suffixes = policy.allowedExternalSuffixes;
  if (suffixes && !suffixes.some((s) => underSuffix(host, s))) {
    return {
      kind: 'external-suffix',
      value,
      detail: `${prefix} is outside the external domains the ExternalName policy allows (${listText(suffixes)}); point it at a host under one of them, or ask the platform team to add its domain to allowedExternalSuffixes.`,
    };
  }
  return undefined;
}

function evaluateTls(subject: ExternalNameSubject, value: string, policy: ResolvedExternalNamePolicy, zone: string): PolicyViolation | undefined {
  const host = normalizeHost(value);
  const prefix = `${subject.tlsProp ?? 'tlsServerName'} ${JSON.stringify(value)}`;
  const metadata = cloudMetadataTarget(host);
  if (metadata) {
    return {
      kind: 'tls-server-name',
      value,
      detail: `${prefix} names ${metadata}, which the ExternalName policy always forbids; use the TLS name of the dependency's own host.`,
    };
  }
  const ns = internalNamespace(host, zone);
  if (ns !== undefined) {
    if (ns !== null && namespaceAllowed(ns, subject.namespace, policy)) return undefined;
    return {
      kind: 'tls-server-name',
      value,
      detail: `${prefix} is a cluster-internal name ${ns === null ? 'of no namespace' : `in namespace ${JSON.stringify(ns)}`}, but the ExternalName policy allows in-cluster TLS names ${namespaceRuleText(subject.namespace, policy)}; use a Service of an allowed namespace, or ask the platform team to allow that namespace.`,
    };
  }
  const suffixes = policy.tlsServerNameSuffixes;
  if (suffixes && !suffixes.some((s) => underSuffix(host, s))) {
    return {
      kind: 'tls-server-name',
      value,
      detail: `${prefix} is outside the TLS server name domains the ExternalName policy requires (${listText(suffixes)}), so clients would trust certificates for a host the platform does not; use a dependency whose TLS name is under one of them, or ask the platform team to add its domain to tlsServerNameSuffixes.`,
    };
  }
  return undefined;
}
