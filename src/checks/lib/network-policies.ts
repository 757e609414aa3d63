/**
 * Which NetworkPolicies isolate a pod for egress, and whether their egress rules let it reach the cluster DNS pods, for
 * networkpolicy-blocks-dns. Pure reads of the input; every answer is `yes`, `maybe` (depends on what the input does not
 * say: the CNI's reading of an ipBlock, labels kube-system or the DNS pods may carry) or `no`.
 *
 * Sources: the NetworkPolicy API reference (kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1)
 * and the Network Policies concept page (kubernetes.io/docs/concepts/services-networking/network-policies).
 */
import type { ClusterModel } from '../../model/cluster-model';
import { asArray, asNumber, asRecord, nonEmptyString, stringMap } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';
import { nameOf } from '../helpers';

/** How sure an answer is: `yes` and `no` follow from the input, `maybe` depends on the cluster. */
export type Verdict = 'yes' | 'maybe' | 'no';

const RANK: { readonly [v in Verdict]: number } = { no: 0, maybe: 1, yes: 2 };

/** The namespace of the cluster DNS pods (kubeadm, kind, k3s, EKS, GKE, AKS). */
export const DNS_NAMESPACE = 'kube-system';
/**
 * Where cluster DNS pods run, with the labels they carry: CoreDNS or kube-dns in kube-system (`k8s-app: kube-dns`, which
 * their Service `kube-dns` selects), and OpenShift's CoreDNS daemon set in openshift-dns.
 */
const DNS_HOMES: readonly { namespace: string; podLabels: { readonly [key: string]: string } }[] = [
  { namespace: DNS_NAMESPACE, podLabels: { 'k8s-app': 'kube-dns' } },
  { namespace: 'openshift-dns', podLabels: { 'dns.operator.openshift.io/daemonset-dns': 'default' } },
];
/**
 * The ports the DNS pods listen on (a NetworkPolicy matches the destination pod's port, after a Service's targetPort):
 * 53, 5353 (OpenShift's CoreDNS, behind its Service's port 53) and 8053 (Gardener's CoreDNS).
 */
const DNS_PORTS: readonly number[] = [53, 5353, 8053];
/** The label the API server sets on every namespace (NamespaceDefaultLabelName, Kubernetes 1.21+). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
/** The container port names of the CoreDNS and kube-dns pods: `dns` is UDP, `dns-tcp` is TCP. */
const DNS_PORT_NAMES: { readonly [protocol: string]: string } = { UDP: 'dns', TCP: 'dns-tcp' };

/** A networking.k8s.io NetworkPolicy that isolates the pods it selects for egress. */
export interface EgressPolicy {
  readonly object: NamespacedObject;
  readonly name: string;
  readonly namespace: string;
  /** spec.podSelector (`{}` when absent: every pod of the namespace). */
  readonly podSelector: unknown;
  /** spec.egress (each rule raw). */
  readonly rules: readonly unknown[];
}

/** A networking.k8s.io NetworkPolicy of the input. */
export interface NetworkPolicyRecord {
  readonly object: NamespacedObject;
  readonly name: string;
  readonly namespace: string;
  /** spec (`{}` when absent or not a map). */
  readonly spec: { readonly [key: string]: any };
}

/** The NetworkPolicies of the input (networking.k8s.io, any version), in input order. */
export function networkPolicies(model: ClusterModel): NetworkPolicyRecord[] {
  const out: NetworkPolicyRecord[] = [];
  const objects = model.objects;
  for (let i = 0; i < objects.length; i++) { // indexed: see src/model/scan.ts
    const o = objects[i];
    if (o.object?.kind !== 'NetworkPolicy' || !inGroup(o.object.apiVersion, 'networking.k8s.io')) continue;
    out.push({ object: o, name: nameOf(o) ?? '(no name)', namespace: o.namespace, spec: asRecord(o.object.spec) ?? {} });
  }
  return out;
}

/**
 * The NetworkPolicies of the input whose policyTypes include `Egress`: as written, or as the API server defaults an
 * empty or absent list (`Ingress`, plus `Egress` when the policy has egress rules).
 */
export function egressPolicies(model: ClusterModel): EgressPolicy[] {
  const out: EgressPolicy[] = [];
  for (const p of networkPolicies(model)) {
    const rules = asArray(p.spec.egress);
    const types = asArray(p.spec.policyTypes);
    if (!(types.length > 0 ? types.includes('Egress') : rules.length > 0)) continue;
    out.push({ object: p.object, name: p.name, namespace: p.namespace, podSelector: p.spec.podSelector ?? {}, rules });
  }
  return out;
}

/**
 * The labels of the input's Namespace objects by name, each with the name label the API server sets
 * (`NAMESPACE_NAME_LABEL`); a namespace the input holds no Namespace object of is absent (its labels are not known).
 */
export function namespaceLabels(model: ClusterModel): Map<string, { readonly [key: string]: string }> {
  const out = new Map<string, { readonly [key: string]: string }>();
  const objects = model.objects;
  for (let i = 0; i < objects.length; i++) { // indexed: see src/model/scan.ts
    const o = objects[i];
    const name = o.object?.kind === 'Namespace' ? nameOf(o) : undefined;
    if (name !== undefined && !out.has(name)) out.set(name, { ...stringMap(asRecord(o.object.metadata)?.labels), [NAMESPACE_NAME_LABEL]: name });
  }
  return out;
}

function inGroup(apiVersion: unknown, group: string): boolean {
  return typeof apiVersion === 'string' && apiVersion.startsWith(`${group}/`);
}

/** Other policy APIs that can allow what NetworkPolicies deny; cluster-wide ones apply in every namespace. */
const OTHER_POLICY_KINDS: readonly { group: string; kind: string; clusterWide: boolean }[] = [
  { group: 'cilium.io', kind: 'CiliumNetworkPolicy', clusterWide: false },
  { group: 'cilium.io', kind: 'CiliumClusterwideNetworkPolicy', clusterWide: true },
  { group: 'crd.projectcalico.org', kind: 'NetworkPolicy', clusterWide: false },
  { group: 'projectcalico.org', kind: 'NetworkPolicy', clusterWide: false },
  { group: 'crd.projectcalico.org', kind: 'GlobalNetworkPolicy', clusterWide: true },
  { group: 'projectcalico.org', kind: 'GlobalNetworkPolicy', clusterWide: true },
  { group: 'crd.antrea.io', kind: 'NetworkPolicy', clusterWide: false },
  { group: 'crd.antrea.io', kind: 'ClusterNetworkPolicy', clusterWide: true },
  // the admin tier, evaluated before NetworkPolicies (its Allow skips them); BaselineAdminNetworkPolicy comes after
  // them and cannot allow what they deny
  { group: 'policy.networking.k8s.io', kind: 'AdminNetworkPolicy', clusterWide: true },
  { group: 'policy.networking.k8s.io', kind: 'ClusterNetworkPolicy', clusterWide: true },
];

/** The input's policies of other APIs (`OTHER_POLICY_KINDS`) that apply to pods of `namespace`, in input order. */
export function otherPolicies(model: ClusterModel): (namespace: string) => NamespacedObject[] {
  const found: { o: NamespacedObject; clusterWide: boolean }[] = [];
  for (const o of model.objects) {
    const entry = OTHER_POLICY_KINDS.find((k) => k.kind === o.object?.kind && inGroup(o.object?.apiVersion, k.group));
    if (entry) found.push({ o, clusterWide: entry.clusterWide });
  }
  return (namespace) => found.filter((f) => f.clusterWide || f.o.namespace === namespace).map((f) => f.o);
}

/**
 * What the DNS peer check knows of the cluster: the namespaces where DNS pods run, each with its labels (the API
 * server's name label, plus those of its Namespace object in the input, when the input holds it). openshift-dns counts
 * only for inputs that show OpenShift (an `*.openshift.io` API, or an egress policy that names openshift-dns): elsewhere
 * a namespace selector on labels kube-system does not carry would be `maybe` through it.
 */
export function dnsTarget(model: ClusterModel, policies: readonly EgressPolicy[]): DnsTarget {
  const openShift = model.objects.some((o) => typeof o.object?.apiVersion === 'string' && /^[^/]*openshift\.io\//.test(o.object.apiVersion))
    || policies.some((p) => JSON.stringify(p.rules).includes('"openshift-dns"'));
  const homes = openShift ? DNS_HOMES : DNS_HOMES.filter((h) => h.namespace === DNS_NAMESPACE);
  const known = namespaceLabels(model);
  return {
    homes: homes.map((h) => {
      const labels = known.get(h.namespace);
      return { ...h, namespaceLabels: labels ?? { [NAMESPACE_NAME_LABEL]: h.namespace }, namespaceKnown: labels !== undefined };
    }),
  };
}

/**
 * Whether a LabelSelector matches `labels`; a requirement on a key outside `certainKeys` that fails is `maybe`. With
 * `valueSets`, the values of `In` and `NotIn` requirements are looked up in sets made once (one selector against many
 * label sets).
 */
export function selectorVerdict(sel: unknown, labels: { readonly [key: string]: string }, certainKeys: ReadonlySet<string> | 'all',
  valueSets?: ValueSets): Verdict {
  const s = asRecord(sel);
  if (s === undefined) return 'yes'; // absent or null: every pod or namespace
  let verdict: Verdict = 'yes';
  const fail = (key: unknown): Verdict => (certainKeys === 'all' || (typeof key === 'string' && certainKeys.has(key)) ? 'no' : 'maybe');
  for (const [k, v] of Object.entries(asRecord(s.matchLabels) ?? {})) {
    if (labels[k] !== v) verdict = lower(verdict, fail(k));
  }
  for (const e of asArray(s.matchExpressions)) {
    const r = asRecord(e);
    const key = r?.key;
    const ok = r !== undefined && typeof key === 'string' && requirementHolds(r, labels, valueSets);
    if (!ok) verdict = lower(verdict, fail(key));
  }
  return verdict;
}

/**
 * The values of each `In`/`NotIn` requirement read, as a set (`selectorVerdict`'s `valueSets`: a run's, kept by its
 * caller): a selector judged against every namespace it may pin (a requirement of 80,000 names against each of them)
 * would otherwise cost the square of its values.
 */
export type ValueSets = WeakMap<object, ReadonlySet<unknown>>;

function valuesOf(r: { [key: string]: any }, sets: ValueSets): ReadonlySet<unknown> {
  let set = sets.get(r);
  if (set === undefined) sets.set(r, set = new Set(asArray(r.values)));
  return set;
}

function requirementHolds(r: { [key: string]: any }, labels: { readonly [key: string]: string }, sets?: ValueSets): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const holds = () => (sets === undefined ? asArray(r.values).includes(labels[r.key]) : valuesOf(r, sets).has(labels[r.key]));
  switch (r.operator) {
    case 'In': return has && holds();
    case 'NotIn': return !(has && holds());
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    default: return false;
  }
}

/** The lower of two verdicts (`and`). */
export function lower(a: Verdict, b: Verdict): Verdict {
  return RANK[a] <= RANK[b] ? a : b;
}

/** The higher of two verdicts (`or`). */
export function higher(a: Verdict, b: Verdict): Verdict {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Whether one `ports` entry of an egress rule allows DNS over `protocol` (`DNS_PORTS`, or the DNS pods' port names). */
export function portAllowsDns(entry: unknown, protocol: 'UDP' | 'TCP'): boolean {
  const p = asRecord(entry);
  if (p === undefined) return false;
  if ((nonEmptyString(p.protocol) ?? 'TCP').toUpperCase() !== protocol) return false; // protocol defaults to TCP
  const port = p.port;
  if (port === undefined || port === null) return true; // every port of the protocol
  if (typeof port === 'string' && !/^[0-9]+$/.test(port)) return port === DNS_PORT_NAMES[protocol];
  const first = asNumber(typeof port === 'string' ? Number(port) : port);
  if (first === undefined) return false;
  const last = asNumber(p.endPort) ?? first;
  return DNS_PORTS.some((d) => first <= d && d <= last);
}

/** Whether a rule's `ports` allow DNS over `protocol` (no `ports`, or an empty list: every port). */
export function portsAllowDns(ports: unknown, protocol: 'UDP' | 'TCP'): boolean {
  const list = asArray(ports);
  return list.length === 0 || list.some((e) => portAllowsDns(e, protocol));
}

/** A namespace where cluster DNS pods run. */
export interface DnsHome {
  readonly namespace: string;
  /** The labels the DNS pods carry on every distribution that runs them there. */
  readonly podLabels: { readonly [key: string]: string };
  /** The namespace's labels as far as known. */
  readonly namespaceLabels: { readonly [key: string]: string };
  /** True when the input holds the Namespace object, whose labels are then known. */
  readonly namespaceKnown: boolean;
}

/** What the DNS peer check knows about the cluster (`dnsTarget`). */
export interface DnsTarget {
  readonly homes: readonly DnsHome[];
}

/** The label keys whose values the API server sets on every namespace (`selectorVerdict`'s `certainKeys`). */
export const NAME_KEY: ReadonlySet<string> = new Set([NAMESPACE_NAME_LABEL]);
const NO_KEY: ReadonlySet<string> = new Set<string>([]);

/**
 * Whether one `to` peer of a rule in namespace `policyNamespace` includes the DNS pods of some `DnsHome`. A pod selector
 * that the DNS pods' label does not satisfy is `maybe` (a distribution may label them otherwise), a namespace selector on
 * other labels than the name label is `maybe` unless the input holds kube-system's Namespace object, and an ipBlock is
 * `maybe` (whether it selects pod IPs, and which, depends on the CNI and the cluster's addresses).
 */
export function peerReachesDns(peer: unknown, policyNamespace: string, target: DnsTarget): Verdict {
  const p = asRecord(peer);
  if (p === undefined) return 'no';
  if (asRecord(p.ipBlock) !== undefined) return 'maybe';
  let best: Verdict = 'no';
  for (const home of target.homes) best = higher(best, peerReachesHome(p, policyNamespace, home));
  return best;
}

function peerReachesHome(p: { [key: string]: any }, policyNamespace: string, home: DnsHome): Verdict {
  const nsSel = p.namespaceSelector;
  let namespace: Verdict;
  if (nsSel === undefined || nsSel === null) namespace = policyNamespace === home.namespace ? 'yes' : 'no';
  else namespace = selectorVerdict(nsSel, home.namespaceLabels, home.namespaceKnown ? 'all' : NAME_KEY);
  if (namespace === 'no') return 'no';
  return lower(namespace, selectorVerdict(p.podSelector, home.podLabels, NO_KEY));
}

/** Whether a rule's `to` peers include the DNS pods (no `to`, or an empty list: every destination). */
export function peersReachDns(to: unknown, policyNamespace: string, target: DnsTarget): Verdict {
  const list = asArray(to);
  if (list.length === 0) return 'yes';
  let best: Verdict = 'no';
  for (const peer of list) best = higher(best, peerReachesDns(peer, policyNamespace, target));
  return best;
}
