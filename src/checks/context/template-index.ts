/**
 * Pod templates indexed by namespace and label, and whether a Service-style selector selects a template's pods
 * (counting the labels that controllers add at run time).
 */
import { KUBEVIRT_KINDS, KUBEVIRT_VM_NAME_LABEL, KUBEVIRT_VMI_ID_LABEL, kubevirtMemberLabelMatches } from '../../model/kubevirt';
import { asArray, asRecord } from '../../model/manifest';
import { SHARD_LABEL, shardsOf } from '../../model/workload-kinds';
import { pushTo } from '../helpers';
import { PodTemplate, possibleOrdinals } from './pod-templates';
import { selectorMatches } from '../validation/selector';

/**
 * Pod templates indexed by namespace and by label pair, built once per check run, so that rules look templates up
 * instead of scanning all of them for every Service (linear in the objects; bench/ measures it).
 */
export class TemplateIndex {
  private readonly byNamespace = new Map<string, PodTemplate[]>();
  /** `key=value` -> templates of every namespace; built when first asked (only findings' hints ask). */
  private byLabel?: Map<string, PodTemplate[]>;
  /** namespace -> label key -> label value -> templates (no joined key texts to build per template or look-up). */
  private readonly byNamespaceLabel = new Map<string, Map<string, Map<string, PodTemplate[]>>>();
  private sortedNamespaces?: string[];
  /** Each template's index in `all` (input order), made when first asked. */
  private position?: Map<PodTemplate, number>;

  public constructor(public readonly all: readonly PodTemplate[]) {
    let namespace: string | undefined;
    let nsTemplates: PodTemplate[] = [];
    let nsLabels: Map<string, Map<string, PodTemplate[]>> | undefined;
    for (let i = 0; i < all.length; i++) { // indexed: see src/model/scan.ts
      const t = all[i];
      // Input order: a namespace's templates are (almost always) consecutive, so its entries are looked up once.
      if (t.namespace !== namespace || !nsLabels) {
        namespace = t.namespace;
        nsTemplates = this.byNamespace.get(namespace) ?? [];
        if (nsTemplates.length === 0) this.byNamespace.set(namespace, nsTemplates);
        nsLabels = this.byNamespaceLabel.get(namespace);
        if (!nsLabels) this.byNamespaceLabel.set(namespace, (nsLabels = new Map()));
      }
      nsTemplates.push(t);
      for (const k of Object.keys(t.labels)) {
        let values = nsLabels.get(k);
        if (!values) nsLabels.set(k, (values = new Map()));
        pushTo(values, t.labels[k], t);
      }
    }
  }

  /** The namespaces that have templates, sorted. */
  public get namespaces(): readonly string[] {
    this.sortedNamespaces ??= [...this.byNamespace.keys()].sort();
    return this.sortedNamespaces;
  }

  /** The templates of a namespace, in input order. */
  public inNamespace(namespace: string): readonly PodTemplate[] {
    return this.byNamespace.get(namespace) ?? [];
  }

  /**
   * The templates of a namespace that a Service-style selector selects, in input order: those carrying its first
   * label that controllers do not add (a look-up), or, for a selector of controller-added labels only, every template
   * of the namespace.
   */
  public selected(namespace: string, selector: { readonly [key: string]: string }): PodTemplate[] {
    const key = firstTemplateKey(selector);
    const candidates = key === undefined ? this.inNamespace(namespace) : this.byNamespaceLabel.get(namespace)?.get(key)?.get(selector[key]) ?? [];
    return candidates.filter((t) => templateSelects(t, selector));
  }

  /**
   * The templates of a namespace whose pods a LabelSelector (`matchLabels`, `matchExpressions`: a NetworkPolicy's) may
   * select, in input order: `matchLabels` as `selected` reads a Service's selector, each requirement as
   * validation/selector.ts reads it, except that one on a label controllers add (`pod-template-hash`, a StatefulSet's
   * `statefulset.kubernetes.io/pod-name`) counts as met. Undefined when the selector is not one the API server takes
   * (a `matchLabels` value that is no string, a requirement that is no object with a string key): it is not judged.
   * With `labelsOf`, each template of `among` (default: the namespace's) is judged by the labels it gives (its own when
   * undefined) instead: a scan of those templates.
   */
  public matching(namespace: string, sel: { readonly [key: string]: unknown },
    labelsOf?: (t: PodTemplate) => { readonly [key: string]: string } | undefined, among?: readonly PodTemplate[]): PodTemplate[] | undefined {
    const labels = asRecord(sel.matchLabels) ?? {};
    const pairs: { [key: string]: string } = {};
    for (const k of Object.keys(labels)) {
      if (typeof labels[k] !== 'string') return undefined;
      pairs[k] = labels[k];
    }
    const requirements = asArray(sel.matchExpressions);
    if (requirements.some((e) => typeof asRecord(e)?.key !== 'string')) return undefined;
    const judged = requirements.filter((e) => !CONTROLLER_LABELS.has(asRecord(e)!.key));
    const candidates = labelsOf === undefined
      ? this.inRequirement(namespace, pairs, judged) ?? this.selected(namespace, pairs)
      : (among ?? this.inNamespace(namespace)).filter((t) => {
        const built = labelsOf(t);
        return templateSelects(built === undefined ? t : { ...t, labels: built }, pairs);
      });
    return candidates.filter((t) => judged.length === 0 || selectorMatches({ matchExpressions: judged }, labelsOf?.(t) ?? t.labels));
  }

  /**
   * For a selector whose pairs are all labels controllers add (none: `matchExpressions` only), the templates of the
   * namespace that its pairs select (templateSelects) and whose own labels meet its first `In` requirement (look-ups of
   * its values, in input order), which hold every template the selector selects: thousands of policies selecting by `app In (...)` then cost no scan of the
   * namespace each. Undefined when there is no such requirement, or the pairs have a key to look up.
   */
  private inRequirement(namespace: string, pairs: { readonly [key: string]: string }, requirements: readonly unknown[]): PodTemplate[] | undefined {
    if (firstTemplateKey(pairs) !== undefined) return undefined;
    const r = requirements.map(asRecord).find((e) => e?.operator === 'In');
    if (r === undefined) return undefined;
    const byValue = this.byNamespaceLabel.get(namespace)?.get(r.key as string);
    const lists = [...new Set(asArray(r.values))].flatMap((v) => (typeof v === 'string' && byValue?.has(v) ? [byValue.get(v)!] : []));
    if (lists.length <= 1) return (lists[0] ?? []).filter((t) => templateSelects(t, pairs));
    if (this.position === undefined) {
      const position = new Map<PodTemplate, number>();
      this.all.forEach((t, i) => position.set(t, i));
      this.position = position;
    }
    const position = this.position;
    return lists.flat().filter((t) => templateSelects(t, pairs)).sort((a, b) => position.get(a)! - position.get(b)!);
  }

  /** The templates of every namespace that a selector selects, in input order. */
  public selectedAnywhere(selector: { readonly [key: string]: string }): readonly PodTemplate[] {
    const key = firstTemplateKey(selector);
    if (key === undefined) return this.all.filter((t) => templateSelects(t, selector));
    if (!this.byLabel) {
      this.byLabel = new Map();
      for (const t of this.all) for (const k of Object.keys(t.labels)) pushTo(this.byLabel, `${k}=${t.labels[k]}`, t);
    }
    return (this.byLabel.get(`${key}=${selector[key]}`) ?? []).filter((t) => templateSelects(t, selector));
  }
}

/**
 * The first selector key that no controller adds: a template the selector selects carries exactly that pair in its
 * own labels (see templateSelects), so the label indexes find every such template.
 */
function firstTemplateKey(selector: { readonly [key: string]: string }): string | undefined {
  for (const k of Object.keys(selector)) if (!CONTROLLER_LABELS.has(k)) return k;
  return undefined;
}

/**
 * Labels that controllers add to the pods of a workload, so they are in no template but selectors may use them
 * (kube-linter#465): StatefulSet `statefulset.kubernetes.io/pod-name` and `apps.kubernetes.io/pod-index`
 * (pkg/controller/statefulset/stateful_set_utils.go initIdentity), prometheus-operator's shard of a Prometheus pod
 * (`operator.prometheus.io/shard`, 0 to shards-1), KubeVirt's VMI ID and hostname labels of a VM pool's pods (one per
 * VMI `<pool>-<i>`, i below its replicas) and of a VMI replica set's (generated VMI names), and hash/generation/job
 * labels whose values are only known at run time (KubeVirt's virt-launcher pods: the VMI's uid; a VM pool's: its
 * revision). (Labels with values known beforehand, such as prometheus-operator's selector labels, OpenShift's
 * `deploymentconfig` or a KubeVirt VM's ID and hostname, are in the template's labels: see
 * src/model/workload-kinds.ts.)
 */
const CONTROLLER_LABELS = new Set([
  'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index', 'controller-revision-hash', 'pod-template-hash',
  'pod-template-generation', 'job-name', 'batch.kubernetes.io/job-name', 'controller-uid', 'batch.kubernetes.io/controller-uid',
  'rollouts-pod-template-hash', 'deployment', SHARD_LABEL, 'kubevirt.io/created-by', KUBEVIRT_VMI_ID_LABEL, KUBEVIRT_VM_NAME_LABEL,
  'kubevirt.io/vm-pool-revision-name',
]);
/** The kinds whose pods carry each label with a value known only at run time. */
const RUNTIME_VALUE_LABELS: { readonly [key: string]: readonly string[] } = {
  'controller-revision-hash': ['StatefulSet', 'DaemonSet', 'Prometheus', 'Alertmanager', 'ThanosRuler'],
  'pod-template-hash': ['Deployment', 'ReplicaSet'],
  'pod-template-generation': ['DaemonSet'],
  'job-name': ['Job', 'CronJob'],
  'batch.kubernetes.io/job-name': ['Job', 'CronJob'],
  'controller-uid': ['Job', 'CronJob'],
  'batch.kubernetes.io/controller-uid': ['Job', 'CronJob'],
  // Argo Rollouts labels each ReplicaSet's pods with its hash and adds it to the stable/canary Services' selectors.
  'rollouts-pod-template-hash': ['Rollout'],
  // OpenShift: deployment=<name>-<version> (openshift/origin MakeDeployment).
  'deployment': ['DeploymentConfig'],
  // KubeVirt: the VMI's uid (kubevirt template.go podLabels).
  'kubevirt.io/created-by': KUBEVIRT_KINDS,
  // KubeVirt: <pool>-<generation> in each pool VM's template (pool.go injectPoolRevisionLabelsIntoVM).
  'kubevirt.io/vm-pool-revision-name': ['VirtualMachinePool'],
};

function controllerLabelMatches(t: PodTemplate, key: string, value: string): boolean {
  const kinds = RUNTIME_VALUE_LABELS[key];
  if (kinds) return kinds.includes(t.kind);
  // The VMI's ID and hostname: a VM's or VMI's are in its labels (unknown only for an ID of a name past 63 characters,
  // which KubeVirt hashes); a pool's and a replica set's are per VMI.
  if (key === KUBEVIRT_VMI_ID_LABEL || key === KUBEVIRT_VM_NAME_LABEL) {
    if (!KUBEVIRT_KINDS.includes(t.kind) || t.labels[key] !== undefined) return false;
    return t.kind === 'VirtualMachine' || t.kind === 'VirtualMachineInstance' ? key === KUBEVIRT_VMI_ID_LABEL
      : kubevirtMemberLabelMatches(t.kind, t.name, asRecord(t.owner.object?.spec), key, value);
  }
  if (key === SHARD_LABEL) {
    return t.kind === 'Prometheus' && /^(0|[1-9][0-9]{0,2})$/.test(value) && Number(value) < shardsOf(asRecord(t.owner.object?.spec));
  }
  if (t.kind !== 'StatefulSet') return false;
  const { from, to } = possibleOrdinals(t);
  let ordinal: string;
  if (key === 'statefulset.kubernetes.io/pod-name') {
    if (!value.startsWith(`${t.name}-`)) return false;
    ordinal = value.slice(t.name.length + 1);
  } else if (key === 'apps.kubernetes.io/pod-index') {
    ordinal = value;
  } else {
    return false;
  }
  if (!/^(0|[1-9][0-9]{0,15})$/.test(ordinal)) return false;
  const n = Number(ordinal);
  return n >= from && n < to;
}

/** Whether a Service-style selector selects (some of) the pods of a template, counting controller-added labels. */
export function templateSelects(t: PodTemplate, selector: { readonly [key: string]: string }): boolean {
  for (const k of Object.keys(selector)) {
    const v = selector[k];
    if (t.labels[k] === v) continue;
    if (!CONTROLLER_LABELS.has(k) || !controllerLabelMatches(t, k, v)) return false;
  }
  return true;
}
