/**
 * networkpolicy-selects-nothing (warning): a NetworkPolicy whose `spec.podSelector` selects no pod of its namespace
 * (it protects nothing: a typo in a label leaves the pods open, or a default-deny meant for them never applies), and
 * ingress `from` / egress `to` peers whose `podSelector` selects no pod (that allow rule is dead: the traffic it was
 * meant to allow is blocked once other policies isolate the pods). kube-score networkpolicy-targets-pod, kube-linter
 * dangling-networkpolicy and dangling-networkpolicypeer-podselector.
 *
 * Pods are those of the input's pod templates (every workload kind, Jobs and CronJobs, bare Pods, live exports:
 * context/pod-templates.ts), looked up in the run's TemplateIndex by label (`matching`). The input cannot always tell:
 * - an empty selector (`{}`, or none) selects every pod: never reported; a peer with only a namespaceSelector or an
 *   ipBlock is not judged;
 * - a selector that matches the pods an add-on makes by itself in any namespace for a short time (cert-manager's ACME
 *   HTTP-01 solver pods, `acme.cert-manager.io/http01-solver: "true"`; well-known.ts ADD_ON_TRANSIENT_PODS) selects them;
 * - a namespace whose workloads the input does not hold (no pod template there but of bare Pods: a spawner's user pod,
 *   an example), and `kube-system`, are judged only with `--complete`; the pods of the cluster's own components in `kube-system` (well-known.ts) always match;
 * - a custom resource of the namespace that carries the selector's pairs in a `labels` map of its spec, or whose
 *   operator labels its pods so (context/pod-makers.ts), and a chart release into the namespace (context/chart-releases.ts)
 *   make it an **info** naming them; any other custom resource that may make pods (lib/monitors.ts) leaves it unjudged;
 * - a peer's `namespaceSelector` is judged only when it names its namespaces by `kubernetes.io/metadata.name`, or, with
 *   `--complete`, when the input's Namespace objects show every namespace's labels; each namespace is then judged as
 *   above, and one that cannot be leaves the peer unjudged;
 * - a Flux `${VAR}` placeholder in a selector, and a selector the API server rejects, are not judged;
 * - the labels that kustomize's `commonLabels` and `labels` (with `includeTemplates`) of a kustomization of the input
 *   give the templates it builds count (lib/kustomize-labels.ts), though the checker does not otherwise apply them.
 * Never an error: nothing fails at apply, and only a network plugin that enforces NetworkPolicies changes any traffic.
 */
import { ADD_ON_TRANSIENT_PODS, CLUSTER_COMPONENT_PODS } from '../../k8s-syntax/well-known';
import { asArray, asRecord, stringMap } from '../../model/manifest';
import type { CheckContext } from '../context/check-context';
import { POD_MAKER_SCAN_BOUND } from '../context/pod-makers';
import { IGNORE_ANNOTATION, resourceId } from '../helpers';
import { releasesText } from '../lib/chart-releases-text';
import { listed } from '../lib/entry-backends';
import { monitorSelectorText, selectorHasPlaceholder } from '../lib/monitor-selectors';
import { namespacesWithMakers } from '../lib/monitors';
import { nearestHint } from '../lib/near-misses';
import { NameHints } from '../lib/nearest-name';
import { NAME_KEY, NAMESPACE_NAME_LABEL, namespaceLabels, NetworkPolicyRecord, networkPolicies, selectorVerdict, ValueSets } from '../lib/network-policies';
import { finding, Finding, Rule } from '../rule';
import { selectorMatches } from '../validation/selector';

type Selector = { readonly [key: string]: unknown };

/** What the input shows of the pods a selector selects (in one namespace, or in a peer's namespaces). */
type Pods =
  | { readonly kind: 'some' }
  /** `cut`: not judged, as a bound cut it (the objects that ask are recorded as left unjudged). */
  | { readonly kind: 'unknown'; readonly cut?: true }
  /** None of the input's; `maybe`: what may make them although the input does not hold them (an info). */
  | { readonly kind: 'none'; readonly maybe?: string; readonly hint?: string };

const SOME: Pods = { kind: 'some' };
const UNKNOWN: Pods = { kind: 'unknown' };
/** Not judged: the run's scan of the labels kustomize adds was spent (lib/kustomize-labels.ts MAX_BUILT_SCAN). */
const PAST_BOUND: Pods = { kind: 'unknown', cut: true };
/** Not judged: the run's search for operators that may make the pods was spent (context/pod-makers.ts MAX_POD_MAKER_SCAN). */
const PAST_MAKERS_BOUND: Pods = { kind: 'unknown', cut: true };


/** At most this many dead peers are named in one message. */
const MAX_LISTED_PEERS = 5;

/** One run's answers, kept per namespace and selector (many policies repeat a selector). */
class PolicyPods {
  private readonly pods = new Map<string, Pods>();
  private readonly namespaces = new Map<string, readonly string[] | undefined>();
  private readonly hints = new NameHints();
  private readonly workloads = new Map<string, boolean>();
  /** The values of the namespaceSelectors' requirements, as sets: one selector is judged against every namespace. */
  private readonly valueSets: ValueSets = new WeakMap();
  private labels?: Map<string, { readonly [key: string]: string }>;
  private makers?: ReadonlySet<string>;

  public constructor(private readonly ctx: CheckContext) {}

  /**
   * The pods `sel` selects in `namespace` (see the file comment); `closeHint`: the near misses of the hint are only those
   * whose label values are a typo away (a peer's hint), not every template with the selector's keys. `asker`: the
   * policy, recorded as left unjudged when a bound stopped the answer (each policy that asks, though it is kept).
   */
  public in(namespace: string, sel: Selector, closeHint: boolean, asker: string): Pods {
    const key = `${namespace}\u0000${closeHint}\u0000${JSON.stringify(sel)}`;
    let v = this.pods.get(key);
    if (v === undefined) this.pods.set(key, v = this.judge(namespace, sel, closeHint, asker));
    else if (v === PAST_BOUND) this.ctx.kustomizeBuilt.leftUnjudged(asker);
    else if (v === PAST_MAKERS_BOUND) this.ctx.unjudged.record(POD_MAKER_SCAN_BOUND, asker);
    return v;
  }

  /** The namespaces a peer's namespaceSelector selects, when the input shows them all; undefined when it cannot. */
  public selectedNamespaces(nsSel: Selector): readonly string[] | undefined {
    const key = JSON.stringify(nsSel);
    if (!this.namespaces.has(key)) this.namespaces.set(key, this.readNamespaces(nsSel));
    return this.namespaces.get(key);
  }

  private judge(namespace: string, sel: Selector, closeHint: boolean, asker: string): Pods {
    const ctx = this.ctx;
    const index = ctx.templateIndex;
    const matched = index.matching(namespace, sel);
    if (matched === undefined) return UNKNOWN;
    if (matched.length > 0) return SOME;
    const built = ctx.kustomizeBuilt.matches(namespace, sel, asker);
    if (built !== false) return built ? SOME : PAST_BOUND;
    if (namespace === 'kube-system' && CLUSTER_COMPONENT_PODS.some((labels) => selectorMatches(sel, labels))) return SOME;
    // pods an add-on makes for a while in any namespace (cert-manager's HTTP-01 solvers): no manifest holds them
    if (selectsAddOnPods(sel)) return SOME;
    // bare Pods alone (a spawner's user pod, an example, a debug pod) do not show the namespace's workloads
    if (!ctx.options.complete && (namespace === 'kube-system' || !this.showsWorkloads(namespace))) return UNKNOWN;
    const pairs = stringMap(sel.matchLabels);
    const makers = ctx.podMakers(namespace, pairs, asker);
    if (makers === undefined) return PAST_MAKERS_BOUND; // recorded as not judged
    if (makers.length > 0) {
      const names = listed(makers.map((m) => (m.madeBy ? `the ${m.madeBy.operator} operator labels the ${m.madeBy.pods} it makes for ${resourceId(m.object)} so`
        : `${resourceId(m.object)} carries them (${m.paths.join(', ')})`)), 3);
      return { kind: 'none', maybe: `${names}, so an operator probably makes such pods` };
    }
    const releases = ctx.chartReleasesInto(namespace);
    if (releases.length > 0) return { kind: 'none', maybe: `${releasesText(releases)} into namespace "${namespace}", whose pods the input does not hold` };
    if ((this.makers ??= namespacesWithMakers(ctx)).has(namespace)) return UNKNOWN;
    // the near misses are a scan of the namespace's templates: paid from the run's hint work, no hint once it is spent
    const templates = index.inNamespace(namespace);
    return { kind: 'none', hint: this.hints.spend(templates.length) ? nearestHint(namespace, pairs, templates, this.hints, closeHint) : undefined };
  }

  /** Whether the input holds a pod template of `namespace` other than a bare Pod's (a scan per namespace, not per selector). */
  private showsWorkloads(namespace: string): boolean {
    let v = this.workloads.get(namespace);
    if (v === undefined) this.workloads.set(namespace, v = this.ctx.templateIndex.inNamespace(namespace).some((t) => t.kind !== 'Pod'));
    return v;
  }

  private readNamespaces(nsSel: Selector): readonly string[] | undefined {
    const pinned = pinnedNames(nsSel);
    const candidates = pinned ?? (this.ctx.options.complete ? this.ctx.model.namespaces() : undefined);
    if (candidates === undefined) return undefined;
    this.labels ??= namespaceLabels(this.ctx.model);
    const out: string[] = [];
    for (const ns of candidates) {
      const labels = this.labels.get(ns);
      // with --complete the input is the whole cluster: a namespace without a Namespace object has the name label only
      const v = selectorVerdict(nsSel, labels ?? { [NAMESPACE_NAME_LABEL]: ns }, labels || this.ctx.options.complete ? 'all' : NAME_KEY, this.valueSets);
      if (v === 'maybe') return undefined;
      if (v === 'yes') out.push(ns);
    }
    return out;
  }
}

/** The namespace names a namespaceSelector pins by `kubernetes.io/metadata.name` (matchLabels, or an `In`), if any. */
function pinnedNames(nsSel: Selector): readonly string[] | undefined {
  const name = asRecord(nsSel.matchLabels)?.[NAMESPACE_NAME_LABEL];
  if (typeof name === 'string') return [name];
  const req = asArray(nsSel.matchExpressions).map(asRecord).find((r) => r?.key === NAMESPACE_NAME_LABEL && r.operator === 'In');
  return req ? [...new Set(asArray(req.values).filter((v): v is string => typeof v === 'string'))] : undefined;
}

/**
 * Whether `sel` asks for the pods an add-on makes by itself (ADD_ON_TRANSIENT_PODS): it matches their labels and
 * requires one of their keys (matchLabels, `In`, `Exists`); a NotIn or DoesNotExist that they pass only by lacking an
 * application's label does not count (it was written for the application's pods).
 */
function selectsAddOnPods(sel: Selector): boolean {
  const pairs = asRecord(sel.matchLabels) ?? {};
  const required = (key: string) => key in pairs || asArray(sel.matchExpressions).map(asRecord)
    .some((r) => r?.key === key && (r.operator === 'In' || r.operator === 'Exists'));
  return ADD_ON_TRANSIENT_PODS.some((labels) => Object.keys(labels).some(required) && selectorMatches(sel, labels));
}

/** A selector that selects every pod (absent, `{}`, or no pairs and no requirements); undefined when none is written. */
function emptySelector(sel: Selector | undefined): boolean {
  return sel === undefined || (Object.keys(asRecord(sel.matchLabels) ?? {}).length === 0 && asArray(sel.matchExpressions).length === 0);
}

/** The policy's effective policyTypes: as written, or as the API server defaults them. */
function policyTypes(spec: NetworkPolicyRecord['spec']): readonly string[] {
  const types = asArray(spec.policyTypes);
  if (types.length > 0) return types.filter((t): t is string => typeof t === 'string');
  return asArray(spec.egress).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** A peer whose podSelector selects no pod: where it is and what it asks for, and what may make the pods. */
interface DeadPeer {
  readonly text: string;
  readonly maybe?: string;
}

/** The pods one peer selects (see the file comment). */
function peerPods(state: PolicyPods, policyNamespace: string, peer: Selector, policy: string): { pods: Pods; where: string } {
  const podSel = asRecord(peer.podSelector);
  const nsSel = peer.namespaceSelector === undefined || peer.namespaceSelector === null ? undefined : asRecord(peer.namespaceSelector);
  const none = { pods: UNKNOWN, where: '' };
  if (podSel === undefined || emptySelector(podSel) || peer.ipBlock !== undefined || selectorHasPlaceholder(podSel)) return none;
  if (peer.namespaceSelector !== undefined && peer.namespaceSelector !== null && (nsSel === undefined || selectorHasPlaceholder(nsSel))) return none;
  const namespaces = nsSel === undefined ? [policyNamespace] : state.selectedNamespaces(nsSel);
  if (namespaces === undefined || namespaces.length === 0) return none;
  const nones: Extract<Pods, { kind: 'none' }>[] = [];
  for (const ns of namespaces) {
    const v = state.in(ns, podSel, true, policy);
    if (v.kind === 'some') return { pods: SOME, where: '' };
    if (v.kind === 'unknown') return none;
    nones.push(v);
  }
  // the first that names what may make the pods; a near-miss hint only for one namespace
  const first = nones.find((v) => v.maybe !== undefined) ?? nones[0];
  const where = namespaces.length === 1 ? `namespace "${namespaces[0]}"` : `namespaces ${listed(namespaces.map((n) => `"${n}"`), 3)}`;
  return { pods: namespaces.length === 1 ? first : { ...first, hint: undefined }, where };
}

/** The dead peers of the policy's rules of the types it enforces, in order. */
function deadPeers(state: PolicyPods, p: NetworkPolicyRecord): DeadPeer[] {
  const out: DeadPeer[] = [];
  const id = resourceId(p.object);
  const types = policyTypes(p.spec);
  for (const [field, peers, enforced] of [['ingress', 'from', types.includes('Ingress')], ['egress', 'to', types.includes('Egress')]] as const) {
    if (!enforced) continue;
    asArray(p.spec[field]).forEach((rule, i) => {
      asArray(asRecord(rule)?.[peers]).forEach((raw, j) => {
        const peer = asRecord(raw);
        if (peer === undefined) return;
        const { pods, where } = peerPods(state, p.namespace, peer, id);
        if (pods.kind !== 'none') return;
        const hint = pods.hint === undefined ? '' : `; ${pods.hint}`;
        out.push({ text: `spec.${field}[${i}].${peers}[${j}] (${monitorSelectorText(peer.podSelector)} in ${where}${hint})`, maybe: pods.maybe });
      });
    });
  }
  return out;
}

export const networkPolicySelectsNothing: Rule = {
  id: 'networkpolicy-selects-nothing',
  level: 'warning',
  description: 'NetworkPolicy whose spec.podSelector, or an ingress/egress peer\'s podSelector, selects no pod (an info when a custom resource or a chart release of the namespace may make the pods; not judged where the input does not hold the namespace\'s workloads, without `--complete`)',
  explanation: 'A NetworkPolicy applies to the pods of its namespace that its `spec.podSelector` selects (an empty selector: every pod); one that selects none isolates nothing, so the pods it was written for stay open, or a default-deny never applies. A `from`/`to` peer allows traffic from or to the pods its `podSelector` selects, in the policy\'s namespace or, with a `namespaceSelector`, in the namespaces whose labels match (every namespace carries `kubernetes.io/metadata.name`); a peer that selects no pod allows nothing, so the traffic it was meant to allow is blocked once the pods are isolated (NetworkPolicy API reference: NetworkPolicySpec, NetworkPolicyPeer, kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1; kube-score networkpolicy-targets-pod; kube-linter dangling-networkpolicy, dangling-networkpolicypeer-podselector). Pods are those of the input\'s workloads, Jobs, CronJobs and Pods, and the ACME HTTP-01 solver pods cert-manager makes in any namespace while it solves a challenge (label `acme.cert-manager.io/http01-solver: "true"`); a warning only where the input holds the namespace\'s workloads (or with `--complete`), never an error: the API server accepts the policy, and only a network plugin that enforces NetworkPolicies changes any traffic.',
  fix: 'Change the podSelector to labels the pods carry (and a peer\'s namespaceSelector to their namespace), or add the labels to the pod template.',
  check(ctx) {
    const out: Finding[] = [];
    const policies = networkPolicies(ctx.model);
    if (policies.length === 0) return out;
    const state = new PolicyPods(ctx);
    for (const p of policies) {
      const id = resourceId(p.object);
      const sel = asRecord(p.spec.podSelector);
      const pods = sel === undefined || emptySelector(sel) || selectorHasPlaceholder(sel) ? UNKNOWN : state.in(p.namespace, sel, false, id);
      if (pods.kind === 'none') {
        const what = `NetworkPolicy "${p.name}" selects pods with ${monitorSelectorText(sel)} (spec.podSelector)`;
        out.push(pods.maybe === undefined
          ? finding(this, id, `${what}, but no pod template in namespace "${p.namespace}" has those labels${pods.hint === undefined ? '' : ` (${pods.hint})`}, so the policy applies to no pod: the pods it was meant for are not isolated by it. Fix: change spec.podSelector to labels the pods carry, or add the labels to the pod template.`)
          : { ...finding(this, id, `${what}, which no pod template of the input in namespace "${p.namespace}" has, but ${pods.maybe}; if those pods do not carry the labels, the policy applies to no pod. Fix: make sure they do, or annotate the NetworkPolicy ${IGNORE_ANNOTATION}: "${this.id}".`), level: 'info' });
        continue; // its peers do not matter: it applies to no pod
      }
      const dead = deadPeers(state, p);
      const sure = dead.filter((d) => d.maybe === undefined);
      if (sure.length > 0) {
        out.push(finding(this, id, `NetworkPolicy "${p.name}" has peers whose podSelector selects no pod of the input: ${listed(sure.map((d) => d.text), MAX_LISTED_PEERS)}; ${sure.length === 1 ? 'that peer allows' : 'those peers allow'} nothing, so the traffic meant to be allowed is blocked once the pods are isolated. Fix: change the peer's podSelector to labels the pods carry (and its namespaceSelector to their namespace), or add the labels to the pod template.`));
      }
      const maybe = dead.filter((d) => d.maybe !== undefined);
      if (maybe.length > 0) {
        out.push({
          ...finding(this, id, `NetworkPolicy "${p.name}" has peers whose podSelector selects no pod of the input: ${listed(maybe.map((d) => d.text), MAX_LISTED_PEERS)}, but ${maybe[0].maybe}; if those pods do not carry the labels, ${maybe.length === 1 ? 'that peer allows' : 'those peers allow'} nothing. Fix: make sure they do, or annotate the NetworkPolicy ${IGNORE_ANNOTATION}: "${this.id}".`),
          level: 'info',
        });
      }
    }
    return out;
  },
};
