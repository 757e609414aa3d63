/**
 * The pod templates of the input, as the checker reads them: workloads of every kind (any replica count), CronJob job
 * templates and bare Pods, each with the workload that owns it and per-container ports, env and arguments (the model
 * flattens ports and simulates only running pods). Built once per run by the `CheckContext`.
 */
import { hasStatus, isHelmTestRun } from '../../k8s-syntax/well-known';
import type { ClusterModel } from '../../model/cluster-model';
import { apiGroup } from '../../model/indexes';
import { asArray, asNumber, asRecord, builtinKind, KubeObject, nonEmptyString, stringMap } from '../../model/manifest';
import { OwnerRef, ownerRefs, presentOwner } from '../../model/owners';
import { NamespacedObject, statefulSetOrdinals, StatefulSetOrdinals } from '../../model/pods';
import { readWorkload, workloadKind, workloadRefOf } from '../../model/workload-kinds';
import { nameOf, resourceId } from '../helpers';

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
  /** For a StatefulSet, the autoscaler of the input that scales it (`readAutoscalers`). */
  readonly autoscaler?: Autoscaler;
  /**
   * A Pod of this Job that the input holds with a `status` (a live export), which the template stands for: the
   * model takes it literally (`isHelmTestTemplate`).
   */
  readonly livePod?: KubeObject;
}

/** An autoscaler that scales a workload, and the most replicas it may give it. */
export interface Autoscaler {
  readonly kind: 'HorizontalPodAutoscaler' | 'ScaledObject';
  /** `HorizontalPodAutoscaler "kafka"`, `ScaledObject "kafka"`. */
  readonly name: string;
  /** `spec.maxReplicas` (`spec.maxReplicaCount` of a ScaledObject); `unknown` when it is no number (a placeholder). */
  readonly max: number | 'unknown';
  /**
   * Whether it scales a target of 0 replicas up: a ScaledObject does (KEDA pkg/scaling/executor
   * scale_scaledobjects.go scaleFromZeroOrIdle); the HPA controller leaves such a target alone unless its `minReplicas`
   * is 0 (pkg/controller/podautoscaler/horizontal.go: `spec.replicas` 0 and minReplicas not 0 is ScalingDisabled).
   */
  readonly fromZero: boolean;
}

/** The field of an autoscaler that bounds its target's replicas: `maxReplicas`, or `maxReplicaCount` of a ScaledObject. */
export function maxField(a: Autoscaler): string {
  return a.kind === 'HorizontalPodAutoscaler' ? 'maxReplicas' : 'maxReplicaCount';
}

/**
 * The autoscalers of the input that scale a StatefulSet (`spec.scaleTargetRef` kind StatefulSet of API group `apps`
 * and its name, in the autoscaler's namespace), by `namespace NUL name`: a HorizontalPodAutoscaler, whose controller
 * keeps its target's replicas between `minReplicas` and `maxReplicas` whatever `spec.replicas` says, or a KEDA
 * ScaledObject, for which KEDA makes such an HPA (`maxReplicaCount`, 100 when not set; keda.sh/v1alpha1). The HPA
 * controller reads the target's scale at the group of `scaleTargetRef.apiVersion` (any version): without one it asks
 * the core group, which has no StatefulSet, and another group's StatefulSet (OpenKruise's `apps.kruise.io`) is another
 * object (FailedGetScale either way); KEDA takes an empty apiVersion as `apps/v1` and an empty kind as Deployment
 * (apis/keda/v1alpha1 ParseGVKR). Charts leave `spec.replicas` out when their autoscaling is on (the Bitnami Kafka
 * controllers' `controller.autoscaling.hpa`). The one of the most replicas when several scale one StatefulSet; an
 * unknown most wins.
 */
function readAutoscalers(model: ClusterModel): Map<string, Autoscaler> {
  const out = new Map<string, Autoscaler>();
  for (const o of model.objects) {
    const hpa = builtinKind(o.object) === 'HorizontalPodAutoscaler';
    if (!hpa && !(o.object.kind === 'ScaledObject' && String(o.object.apiVersion).startsWith('keda.sh/'))) continue;
    const spec = asRecord(o.object.spec);
    const ref = asRecord(spec?.scaleTargetRef);
    const target = nonEmptyString(ref?.name);
    const apiVersion = nonEmptyString(ref?.apiVersion) ?? (hpa ? '' : 'apps/v1');
    if (ref?.kind !== 'StatefulSet' || target === undefined || apiGroup(apiVersion) !== 'apps') continue;
    const setMax = hpa ? spec?.maxReplicas : spec?.maxReplicaCount ?? 100;
    const max = asNumber(setMax);
    const kind = hpa ? 'HorizontalPodAutoscaler' : 'ScaledObject';
    const scaler: Autoscaler = {
      kind,
      name: `${kind} "${nameOf(o) ?? ''}"`,
      max: max === undefined ? 'unknown' : Math.max(0, Math.floor(max)),
      fromZero: !hpa || asNumber(spec?.minReplicas) === 0,
    };
    const key = `${o.namespace}\u0000${target}`;
    const taken = out.get(key);
    if (taken === undefined || (taken.max !== 'unknown' && (scaler.max === 'unknown' || scaler.max > taken.max))) out.set(key, scaler);
  }
  return out;
}

/** The ordinals pods of a StatefulSet may have, `[from, to)`, and the autoscaler that may give it more pods. */
export interface PossibleOrdinals {
  readonly from: number;
  readonly to: number;
  /** The autoscaler of the StatefulSet, unless it leaves it at 0 replicas (`Autoscaler.fromZero`). */
  readonly autoscaler?: Autoscaler;
}

/**
 * The ordinals that pods of a StatefulSet template may have: from `spec.ordinals.start` over its replicas (as
 * model/pods.ts statefulSetOrdinals reads them), or over the most replicas its autoscaler (`readAutoscalers`) may give
 * it when that is more (`to` is Infinity when that most is no number). An HPA leaves 0 replicas at 0. A `spec.replicas`
 * or `spec.ordinals.start` that is set but no number (a `${REPLICAS}` that Flux substitutes) bounds nothing: `to` is
 * Infinity, as StatefulSets.podOutOfRange says `unknown` for a pod name of it.
 */
export function possibleOrdinals(t: PodTemplate): PossibleOrdinals {
  return scaledOrdinals(statefulSetOrdinals(t.owner.object?.spec), t.autoscaler);
}

/** `possibleOrdinals` of a StatefulSet whose spec reads as `own`, scaled by `autoscaler`. */
export function scaledOrdinals({ start, replicas, placeholder }: StatefulSetOrdinals, autoscaler: Autoscaler | undefined): PossibleOrdinals {
  if (placeholder) return { from: start, to: Infinity, autoscaler };
  if (autoscaler === undefined || (replicas === 0 && !autoscaler.fromZero)) return { from: start, to: start + replicas };
  return { from: start, to: start + (autoscaler.max === 'unknown' ? Infinity : Math.max(replicas, autoscaler.max)), autoscaler };
}

function readContainers(podSpec: { [key: string]: any }): TemplateContainer[] {
  // Plain loops, no intermediate lists (bench/: a third of the time of map/filter/spread). Holes of sparse arrays
  // (YAML `[,]` cannot make them, JSON-built objects can) read as undefined: a container from `{}`, no port, env or arg.
  const list = asArray(podSpec.containers);
  const out: TemplateContainer[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) out[i] = readContainer(asRecord(list[i]) ?? {}, `#${i}`);
  // Native sidecars run beside the containers for the pod's whole life (KEP-753); FindPort looks at them after the
  // regular containers.
  const init = asArray(podSpec.initContainers);
  for (let i = 0; i < init.length; i++) {
    const cr = asRecord(init[i]);
    if (cr?.restartPolicy === 'Always') out.push(readContainer(cr, `init#${i}`));
  }
  return out;
}

function readContainer(cr: { [key: string]: any }, fallbackName: string): TemplateContainer {
  return {
    name: nonEmptyString(cr.name) ?? fallbackName,
    ports: readDeclaredPorts(cr.ports),
    env: readEnv(cr.env),
    args: readArgs(cr.command, cr.args),
  };
}

/** A shared empty list for containers without ports, env or args (the lists are never changed). */
const NONE: readonly never[] = Object.freeze([]);

function readDeclaredPorts(v: unknown): readonly DeclaredPort[] {
  const list = asArray(v);
  if (list.length === 0) return NONE;
  const out: DeclaredPort[] = [];
  for (let i = 0; i < list.length; i++) {
    const pr = asRecord(list[i]);
    const cp = asNumber(pr?.containerPort);
    if (pr && cp !== undefined) out.push({ name: nonEmptyString(pr.name), containerPort: cp, protocol: (nonEmptyString(pr.protocol) ?? 'TCP').toUpperCase() });
  }
  return out;
}

function readEnv(v: unknown): readonly { name: string; value: string }[] {
  const list = asArray(v);
  if (list.length === 0) return NONE;
  const out: { name: string; value: string }[] = [];
  for (let i = 0; i < list.length; i++) {
    const er = asRecord(list[i]);
    if (er && typeof er.name === 'string' && typeof er.value === 'string') out.push({ name: er.name, value: er.value });
  }
  return out;
}

/** `command` then `args`, strings only. */
function readArgs(command: unknown, args: unknown): readonly string[] {
  const a = asArray(command);
  const b = asArray(args);
  if (a.length === 0 && b.length === 0) return NONE;
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) if (typeof a[i] === 'string') out.push(a[i]);
  for (let i = 0; i < b.length; i++) if (typeof b[i] === 'string') out.push(b[i]);
  return out;
}

/**
 * Every pod template of `sources` (every Pod and workload of the model, in input order): workloads (any replica count),
 * CronJob job templates, and bare Pods.
 */
export function readPodTemplates(model: ClusterModel, sources: readonly NamespacedObject[]): PodTemplate[] {
  const out: PodTemplate[] = [];
  let livePods: Map<string, KubeObject> | undefined; // `ns\u0000Job/name` -> a Pod of it with a status, the Job present
  let present: Set<string> | undefined; // `ns/Kind/name` of every object, built when a Pod has owners
  let byKey: Map<string, NamespacedObject> | undefined; // the same, to the object, built for a Rollout's workloadRef
  let autoscalers: Map<string, Autoscaler> | undefined; // built for the first StatefulSet
  const find = (namespace: string, kind: string, name: string) => {
    byKey ??= new Map(model.objects.map((x) => [`${x.namespace}\u0000${nonEmptyString(x.object?.kind)}/${nameOf(x)}`, x]));
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
    const kind = nonEmptyString(o.object?.kind);
    const name = nameOf(o);
    if (!kind || !name) continue;
    if (superseded.size > 0 && superseded.has(`${o.namespace}\u0000${kind}/${name}`)) continue;
    let labels: { [key: string]: string };
    let podSpec: { [key: string]: any };
    let replicas: number | undefined;
    let templateKind = kind;
    if (kind === 'Pod') {
      labels = stringMap(asRecord(o.object.metadata)?.labels);
      podSpec = asRecord(o.object.spec) ?? {};
      replicas = asNumber(asRecord(o.object.spec)?.replicas);
    } else {
      const wk = workloadKind(o.object);
      const read = wk === undefined ? undefined : readWorkload(o.object, wk, o.namespace, find);
      if (!read) continue;
      labels = read.labels;
      podSpec = read.podSpec;
      replicas = read.replicas;
      templateKind = read.kind;
    }
    if (asArray(asRecord(o.object.metadata)?.ownerReferences).length > 0) {
      // a live export (Pods of a ReplicaSet, ReplicaSets of a Deployment, Jobs of a CronJob, the StatefulSet of a
      // Prometheus): the controller's template already stands for it, unless the controller is absent; a Pod whose
      // ReplicaSet or Job the export leaves out belongs to the Deployment or CronJob that the owner's name implies, a
      // virt-launcher Pod whose VMI it leaves out to the VM, VM pool or VMI replica set (model/owners.ts)
      present ??= new Set(model.objects.map((x) => `${x.namespace}\u0000${nonEmptyString(x.object?.kind)}/${nameOf(x)}`));
      const has = (r: OwnerRef) => present!.has(`${o.namespace}\u0000${r.kind}/${r.name}`);
      const refs = ownerRefs(o.object);
      if (refs.some((r) => presentOwner(r, asRecord(o.object.metadata)?.labels, has) !== undefined)) {
        const job = kind === 'Pod' && hasStatus(o.object) ? refs.find((r) => r.kind === 'Job' && has(r)) : undefined;
        if (job) (livePods ??= new Map()).set(`${o.namespace}\u0000Job/${job.name}`, o.object);
        continue;
      }
    }
    const autoscaler = templateKind === 'StatefulSet' ? (autoscalers ??= readAutoscalers(model)).get(`${o.namespace}\u0000${name}`) : undefined;
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
      ...(autoscaler ? { autoscaler } : {}),
    });
  }
  if (!livePods) return out;
  return out.map((t) => {
    const livePod = t.owner.object.kind === 'Job' ? livePods!.get(`${t.namespace}\u0000Job/${t.name}`) : undefined;
    return livePod ? { ...t, livePod } : t;
  });
}

/**
 * Whether the template is a chart's Helm test Pod or Job without `status` (well-known.ts isHelmTestRun): an endpoint
 * of no Service but a Helm test hook itself (`excludedFromEndpoints`). A Pod whose Job is in the input is no template
 * of its own (the Job stands for it): a live one is judged with its Job as the model judges it.
 */
export function isHelmTestTemplate(t: PodTemplate): boolean {
  return t.livePod ? isHelmTestRun(t.livePod, t.owner.object) : isHelmTestRun(t.owner.object);
}
