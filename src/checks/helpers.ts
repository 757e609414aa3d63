/**
 * Read-only helpers over the resolver's `ClusterModel` for the checker rules. Nothing here re-reads manifests:
 * everything comes from `model.objects` (objects with their effective namespace) and the model's indexes.
 *
 * What the model does not offer and the checker needs (kept here, not in src/model):
 * - pod templates of every workload kind, including those with `replicas: 0` and Jobs/CronJobs, with the
 *   workload that owns them and per-container ports (the model flattens ports and simulates only running pods);
 * - `Kind/namespace/name` resource ids for findings.
 */
import type { ClusterModel } from '../model/cluster-model';
import { isClusterScoped } from '../model/cluster-scoped';
import { arr, builtinKind, num, rec, str, strMap, strMapGet } from '../model/manifest';
import { impliedOwner, OwnerRef, ownerRefs } from '../model/owners';
import type { NamespacedObject } from '../model/pods';
import type { ServiceRecord } from '../model/records';
import { readWorkload, SHARD_LABEL, shardsOf, workloadKind, workloadRefOf } from '../model/workload-kinds';


/** `Kind/namespace/name` of an object (namespace defaulted by the model). */
export function resourceId(o: NamespacedObject): string {
  const kind = str(o.object?.kind) ?? '(no kind)';
  const name = str(rec(o.object?.metadata)?.name) ?? str(rec(o.object?.metadata)?.generateName) ?? '(no name)';
  return `${kind}/${isClusterScoped(kind, str(o.object?.apiVersion)) ? '' : o.namespace}/${name}`;
}

/** The object's name, or undefined. */
export function nameOf(o: NamespacedObject): string | undefined {
  return str(rec(o.object?.metadata)?.name);
}

/** The object's labels (non-string values dropped). */
export function labelsOf(o: NamespacedObject): { [key: string]: string } {
  return strMap(rec(o.object?.metadata)?.labels);
}

/** `labelsOf(o)[key]` for a label key (without building the map). */
export function labelOf(o: NamespacedObject, key: string): string | undefined {
  return strMapGet(rec(o.object?.metadata)?.labels, key);
}

/**
 * What the rules of a run share about one model, built on first use in one pass over the objects and kept per model
 * (a model never changes; bench/: every rule filtering all objects again was a tenth of the check).
 */
interface Shared {
  /** Built-in objects by kind (`builtinKind`: a Knative `Service` is not among the Services), in input order. */
  readonly byKind: Map<string, NamespacedObject[]>;
  /** Pods and workloads (the objects that have pod templates), in input order. */
  readonly templateSources: NamespacedObject[];
  templates?: readonly PodTemplate[];
  templateIndex?: TemplateIndex;
  selectedBy?: Map<ServiceRecord, PodTemplate[]>;
  servicesByName?: Map<string, ServiceRecord[]>;
  covered?: ReadonlySet<string>;
  handWrittenSlices?: readonly NamespacedObject[];
  endpoints?: readonly NamespacedObject[];
}

const SHARED = new WeakMap<ClusterModel, Shared>();

function shared(model: ClusterModel): Shared {
  let s = SHARED.get(model);
  if (!s) {
    const byKind = new Map<string, NamespacedObject[]>();
    const templateSources: NamespacedObject[] = [];
    let lastKind: string | undefined;
    let list: NamespacedObject[] = [];
    const objects = model.objects;
    // Indexed (see src/model/scan.ts): this loop runs once per model.
    for (let i = 0; i < objects.length; i++) {
      const o = objects[i];
      const kind = builtinKind(o.object);
      if (kind !== undefined) {
        // Objects of one kind often come in a row: their list is looked up once per run of them.
        if (kind !== lastKind) {
          lastKind = kind;
          list = byKind.get(kind) ?? [];
          if (list.length === 0) byKind.set(kind, list);
        }
        list.push(o);
      }
      if (kind === 'Pod' || workloadKind(o.object) !== undefined) templateSources.push(o);
    }
    s = { byKind, templateSources };
    SHARED.set(model, s);
  }
  return s;
}

/** The built-in kinds that rules read by kind (`builtinKind`, src/model/manifest.ts). */
export type RuleKind = 'Service' | 'Endpoints' | 'EndpointSlice' | 'StatefulSet' | 'ConfigMap';

/**
 * The objects of one built-in kind in its own API group (any version of it: apps/v1beta1 StatefulSets are read as
 * apps/v1, see removed-apis.ts), in input order; a new array, callers may change it. Kinds that other groups reuse are
 * not theirs: a Knative or ACK `Service`, an OpenKruise `StatefulSet` is judged by its own controller and webhook, not
 * by the rules of the built-in kind.
 */
export function objectsOfKind(model: ClusterModel, kind: RuleKind): NamespacedObject[] {
  return shared(model).byKind.get(kind)?.slice() ?? [];
}

/** One container port as declared. */
export interface DeclaredPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: string;
}

/** One container of a template. */
export interface TemplateContainer {
  readonly name: string;
  readonly ports: readonly DeclaredPort[];
  readonly env: readonly { name: string; value: string }[];
  readonly args: readonly string[];
}

/** A pod template and the workload that owns it (a bare Pod is its own template). */
export interface PodTemplate {
  /** The workload (or Pod) object. */
  readonly owner: NamespacedObject;
  /** `Deployment/default/api`. */
  readonly ownerId: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly labels: { readonly [key: string]: string };
  /** The pod spec (raw). */
  readonly spec: { readonly [key: string]: any };
  /**
   * Regular containers, then native sidecars (init containers with `restartPolicy: Always`): the endpoint controllers
   * find a named targetPort among those (k8s.io/endpointslice utils.go FindPort). Init containers that run to
   * completion are not Service backends.
   */
  readonly containers: readonly TemplateContainer[];
  /** Declared replicas (undefined = default). */
  readonly replicas?: number;
}

function readContainers(podSpec: { [key: string]: any }): TemplateContainer[] {
  // Plain loops, no intermediate lists (bench/: a third of the time of map/filter/spread). Holes of sparse arrays
  // (YAML `[,]` cannot make them, JSON-built objects can) read as undefined: a container from `{}`, no port, env or arg.
  const list = arr(podSpec.containers);
  const out: TemplateContainer[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) out[i] = readContainer(rec(list[i]) ?? {}, `#${i}`);
  // Native sidecars run beside the containers for the pod's whole life (KEP-753); FindPort looks at them after the
  // regular containers.
  const init = arr(podSpec.initContainers);
  for (let i = 0; i < init.length; i++) {
    const cr = rec(init[i]);
    if (cr?.restartPolicy === 'Always') out.push(readContainer(cr, `init#${i}`));
  }
  return out;
}

function readContainer(cr: { [key: string]: any }, fallbackName: string): TemplateContainer {
  return { name: str(cr.name) ?? fallbackName, ports: readDeclaredPorts(cr.ports), env: readEnv(cr.env), args: readArgs(cr.command, cr.args) };
}

/** A shared empty list for containers without ports, env or args (the lists are never changed). */
const NONE: readonly never[] = Object.freeze([]);

function readDeclaredPorts(v: unknown): readonly DeclaredPort[] {
  const list = arr(v);
  if (list.length === 0) return NONE;
  const out: DeclaredPort[] = [];
  for (let i = 0; i < list.length; i++) {
    const pr = rec(list[i]);
    const cp = num(pr?.containerPort);
    if (pr && cp !== undefined) out.push({ name: str(pr.name), containerPort: cp, protocol: (str(pr.protocol) ?? 'TCP').toUpperCase() });
  }
  return out;
}

function readEnv(v: unknown): readonly { name: string; value: string }[] {
  const list = arr(v);
  if (list.length === 0) return NONE;
  const out: { name: string; value: string }[] = [];
  for (let i = 0; i < list.length; i++) {
    const er = rec(list[i]);
    if (er && typeof er.name === 'string' && typeof er.value === 'string') out.push({ name: er.name, value: er.value });
  }
  return out;
}

/** `command` then `args`, strings only. */
function readArgs(command: unknown, args: unknown): readonly string[] {
  const a = arr(command);
  const b = arr(args);
  if (a.length === 0 && b.length === 0) return NONE;
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) if (typeof a[i] === 'string') out.push(a[i]);
  for (let i = 0; i < b.length; i++) if (typeof b[i] === 'string') out.push(b[i]);
  return out;
}

/**
 * Every pod template of the input: workloads (any replica count), CronJob job templates, and bare Pods. The list is
 * computed once per model and shared (frozen).
 */
export function podTemplates(model: ClusterModel): readonly PodTemplate[] {
  const s = shared(model);
  return s.templates ??= Object.freeze(readPodTemplates(model, s.templateSources));
}

/** The `TemplateIndex` of `podTemplates(model)`, built once per model and shared by the rules. */
export function templateIndex(model: ClusterModel): TemplateIndex {
  const s = shared(model);
  return s.templateIndex ??= new TemplateIndex(podTemplates(model));
}

/**
 * `templateIndex(model).selected(svc.namespace, svc.selector)` (nothing without a selector), kept per Service record:
 * several rules ask it for every Service. A new list each call.
 */
export function templatesSelectedBy(model: ClusterModel, svc: ServiceRecord): PodTemplate[] {
  const s = shared(model);
  s.selectedBy ??= new Map();
  let selected = s.selectedBy.get(svc);
  if (!selected) {
    selected = svc.selector ? templateIndex(model).selected(svc.namespace, svc.selector) : [];
    s.selectedBy.set(svc, selected);
  }
  return selected.slice();
}

/** The templates of `sources` (every Pod and workload of the model, in input order). */
function readPodTemplates(model: ClusterModel, sources: readonly NamespacedObject[]): PodTemplate[] {
  const out: PodTemplate[] = [];
  let present: Set<string> | undefined; // `ns/Kind/name` of every object, built when a Pod has owners
  let byKey: Map<string, NamespacedObject> | undefined; // the same, to the object, built for a Rollout's workloadRef
  const find = (namespace: string, kind: string, name: string) => {
    byKey ??= new Map(model.objects.map((x) => [`${x.namespace}\u0000${str(x.object?.kind)}/${nameOf(x)}`, x]));
    return byKey.get(`${namespace}\u0000${kind}/${name}`)?.object;
  };
  // Workloads a Rollout runs the template of (spec.workloadRef): the Rollout stands for their pods.
  const superseded = new Set<string>();
  for (let i = 0; i < sources.length; i++) {
    const ref = workloadRefOf(sources[i].object);
    if (ref !== undefined) superseded.add(`${sources[i].namespace}\u0000${ref}`);
  }
  for (let i = 0; i < sources.length; i++) { // indexed: see src/model/scan.ts
    const o = sources[i];
    const kind = str(o.object?.kind);
    const name = nameOf(o);
    if (!kind || !name) continue;
    if (superseded.size > 0 && superseded.has(`${o.namespace}\u0000${kind}/${name}`)) continue;
    let labels: { [key: string]: string };
    let podSpec: { [key: string]: any };
    let replicas: number | undefined;
    let templateKind = kind;
    if (kind === 'Pod') {
      labels = strMap(rec(o.object.metadata)?.labels);
      podSpec = rec(o.object.spec) ?? {};
      replicas = num(rec(o.object.spec)?.replicas);
    } else {
      const wk = workloadKind(o.object);
      const read = wk === undefined ? undefined : readWorkload(o.object, wk, o.namespace, find);
      if (!read) continue;
      labels = read.labels;
      podSpec = read.podSpec;
      replicas = read.replicas;
      templateKind = read.kind;
    }
    if (arr(rec(o.object.metadata)?.ownerReferences).length > 0) {
      // a live export (Pods of a ReplicaSet, ReplicaSets of a Deployment, Jobs of a CronJob, the StatefulSet of a
      // Prometheus): the controller's template already stands for it, unless the controller is absent; a Pod whose
      // ReplicaSet or Job the export leaves out belongs to the Deployment or CronJob that the owner's name implies
      // (model/owners.ts)
      present ??= new Set(model.objects.map((x) => `${x.namespace}\u0000${str(x.object?.kind)}/${nameOf(x)}`));
      const has = (r: OwnerRef | undefined) => r !== undefined && present!.has(`${o.namespace}\u0000${r.kind}/${r.name}`);
      if (ownerRefs(o.object).some((r) => has(r) || has(impliedOwner(r, rec(o.object.metadata)?.labels)))) continue;
    }
    out.push({
      owner: o,
      ownerId: resourceId(o),
      kind: templateKind,
      name,
      namespace: o.namespace,
      labels,
      spec: podSpec,
      containers: readContainers(podSpec),
      replicas,
    });
  }
  return out;
}

/**
 * Pod templates indexed by namespace and by label pair, built once per rule run, so that rules look templates up
 * instead of scanning all of them for every Service (linear in the objects; bench/ measures it).
 */
export class TemplateIndex {
  private readonly byNamespace = new Map<string, PodTemplate[]>();
  /** `key=value` -> templates of every namespace; built when first asked (only findings' hints ask). */
  private byLabel?: Map<string, PodTemplate[]>;
  /** namespace -> label key -> label value -> templates (no joined key texts to build per template or look-up). */
  private readonly byNamespaceLabel = new Map<string, Map<string, Map<string, PodTemplate[]>>>();

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

/** The Services named `name` in every namespace, in `model.services()` order (findings that say where else a name exists). */
export function servicesNamed(model: ClusterModel, name: string): readonly ServiceRecord[] {
  const s = shared(model);
  if (!s.servicesByName) {
    s.servicesByName = new Map();
    const services = model.services();
    for (let i = 0; i < services.length; i++) pushTo(s.servicesByName, services[i].name, services[i]); // see scan.ts
  }
  return s.servicesByName.get(name) ?? [];
}

function pushTo<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Labels that controllers add to the pods of a workload, so they are in no template but selectors may use them
 * (kube-linter#465): StatefulSet `statefulset.kubernetes.io/pod-name` and `apps.kubernetes.io/pod-index`
 * (pkg/controller/statefulset/stateful_set_utils.go initIdentity), prometheus-operator's shard of a Prometheus pod
 * (`operator.prometheus.io/shard`, 0 to shards-1), and hash/generation/job labels whose values are only known at run
 * time. (Labels with values known beforehand, such as prometheus-operator's selector labels or OpenShift's
 * `deploymentconfig`, are in the template's labels: see src/model/workload-kinds.ts.)
 */
const CONTROLLER_LABELS = new Set([
  'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index', 'controller-revision-hash', 'pod-template-hash',
  'pod-template-generation', 'job-name', 'batch.kubernetes.io/job-name', 'controller-uid', 'batch.kubernetes.io/controller-uid',
  'rollouts-pod-template-hash', 'deployment', SHARD_LABEL,
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
};

/** The ordinals of a StatefulSet template's pods: [start, start + replicas). */
function ordinalRange(t: PodTemplate): [number, number] {
  const start = Math.max(0, Math.floor(num(rec(rec(t.owner.object?.spec)?.ordinals)?.start) ?? 0));
  const replicas = Math.max(0, Math.floor(t.replicas ?? 1));
  return [start, start + replicas];
}

function controllerLabelMatches(t: PodTemplate, key: string, value: string): boolean {
  const kinds = RUNTIME_VALUE_LABELS[key];
  if (kinds) return kinds.includes(t.kind);
  if (key === SHARD_LABEL) {
    return t.kind === 'Prometheus' && /^(0|[1-9][0-9]{0,2})$/.test(value) && Number(value) < shardsOf(rec(t.owner.object?.spec));
  }
  if (t.kind !== 'StatefulSet') return false;
  const [from, to] = ordinalRange(t);
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

/** Whether a Service-style equality selector selects the labels. */
export function selects(selector: { readonly [key: string]: string }, labels: { readonly [key: string]: string }): boolean {
  for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
  return true;
}

/** `app=api,tier=web` for messages (sorted). */
export function selectorText(selector: { readonly [key: string]: string }): string {
  return Object.entries(selector).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join(',');
}

/** The `NamespacedObject` of a Service record's object (for resource ids). */
export function serviceObject(model: ClusterModel, namespace: string, name: string): NamespacedObject | undefined {
  return shared(model).byKind.get('Service')?.find((o) => o.namespace === namespace && nameOf(o) === name);
}

/** `Service/<ns>/<name>`. */
export function serviceId(namespace: string, name: string): string {
  return `Service/${namespace}/${name}`;
}

/** Labels and annotations of the discovery API (kubernetes/api discovery/v1/well_known_labels.go). */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const SKIP_MIRROR_LABEL = 'endpointslice.kubernetes.io/skip-mirror';
export const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';
/** `managed-by` values of the built-in controllers. */
export const CONTROLLER_MANAGERS = ['endpointslice-controller.k8s.io', 'endpointslicemirroring-controller.k8s.io'];

/** True when the object has owner references (made by a controller: a live export). */
export function hasOwner(o: NamespacedObject): boolean {
  return arr(rec(o.object?.metadata)?.ownerReferences).length > 0;
}

/** Annotation listing the rule ids not to report on an object (comma-separated; `*` for every rule). */
export const IGNORE_ANNOTATION = 'checks.cdk8s-service-discovery.io/ignore';

/** The rule ids an object's ignore annotation lists (`*` included as is). */
export function ignoredRules(object: any): Set<string> {
  const value = rec(rec(object?.metadata)?.annotations)?.[IGNORE_ANNOTATION];
  return new Set(typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter((v) => v.length > 0) : []);
}

/** Annotation the Endpoints controller sets on the Endpoints it writes (kubernetes/api core/v1 annotation_key_constants.go). */
export const LAST_CHANGE_TRIGGER_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';

/**
 * True when an Endpoints object is controller output of a live export (`kubectl get -o yaml`): it has an owner, the
 * Endpoints controller's `last-change-trigger-time` annotation, or addresses that all point at Pods (`targetRef.kind:
 * Pod`). The Endpoints controller sets no owner reference, so the owner alone misses its output.
 */
export function controllerMadeEndpoints(o: NamespacedObject): boolean {
  if (hasOwner(o)) return true;
  if (rec(rec(o.object?.metadata)?.annotations)?.[LAST_CHANGE_TRIGGER_ANNOTATION] !== undefined) return true;
  const addresses = arr(o.object?.subsets).flatMap((ss) => [...arr(rec(ss)?.addresses), ...arr(rec(ss)?.notReadyAddresses)]);
  return addresses.length > 0 && addresses.every((a) => str(rec(rec(a)?.targetRef)?.kind) === 'Pod');
}

/** Input EndpointSlices written by hand (not exported controller output). */
export function handWrittenSlices(model: ClusterModel): NamespacedObject[] {
  const s = shared(model);
  s.handWrittenSlices ??= (s.byKind.get('EndpointSlice') ?? [])
    .filter((o) => !(hasOwner(o) && CONTROLLER_MANAGERS.includes(labelOf(o, MANAGED_BY_LABEL) ?? '')));
  return s.handWrittenSlices.slice();
}

/** Input Endpoints that are not leader-election locks. */
export function endpointsObjects(model: ClusterModel): NamespacedObject[] {
  const s = shared(model);
  s.endpoints ??= (s.byKind.get('Endpoints') ?? []).filter((o) => rec(rec(o.object?.metadata)?.annotations)?.[LEADER_ANNOTATION] === undefined);
  return s.endpoints.slice();
}

/** True when the Endpoints carries `skip-mirror: "true"`. */
export function skipsMirror(o: NamespacedObject): boolean {
  return labelOf(o, SKIP_MIRROR_LABEL) === 'true';
}

/**
 * The namespaces the input describes at all: those of its namespaced objects and of its Namespace objects.
 * Names that point into a namespace the input does not cover (another app's, another team's) cannot be judged
 * offline, so the DNS rules leave them alone. Computed once per model (a copy each call).
 */
export function coveredNamespaces(model: ClusterModel): Set<string> {
  const s = shared(model);
  if (!s.covered) {
    const out = new Set<string>();
    const objects = model.objects;
    for (let i = 0; i < objects.length; i++) { // indexed: see src/model/scan.ts
      const o = objects[i];
      const kind = str(o.object?.kind) ?? '';
      if (builtinKind(o.object) === 'Namespace') {
        const n = nameOf(o);
        if (n) out.add(n);
      } else if (!isClusterScoped(kind, str(o.object?.apiVersion))) {
        out.add(o.namespace);
      }
    }
    s.covered = out;
  }
  return new Set(s.covered);
}
