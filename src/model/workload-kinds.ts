/**
 * The kinds whose objects make pods from a template, in one list for the resolver (pods.ts simulates their pods) and
 * the checker (checks/context/pod-templates.ts reads their pod templates), and how the pods of each look.
 *
 * - Built-in workloads (`spec.template`; CronJob `spec.jobTemplate.spec.template`). Jobs, CronJobs and
 *   ReplicationControllers are templates for the checker but are not simulated.
 * - Argo Rollouts `Rollout` (argoproj.io): `spec.template` like a Deployment, or `spec.workloadRef` naming a Deployment
 *   or ReplicaSet of its namespace, whose template the Rollout runs (that workload then stands for nothing: the Rollout
 *   scales it down, `supersededBy`). Stable pods also carry the ephemeral `stableMetadata` / `activeMetadata` labels.
 * - OpenShift `DeploymentConfig` (apps.openshift.io, and the legacy core `v1`): `spec.template`; its pods also carry
 *   `deploymentconfig: <name>` (and `deployment: <name>-<version>`, known only at run time).
 * - prometheus-operator `Prometheus`, `Alertmanager`, `ThanosRuler` (monitoring.coreos.com): the operator runs a
 *   StatefulSet per resource (per shard for Prometheus) whose pods carry `spec.podMetadata.labels` and the operator's
 *   selector labels, with the containers and ports the operator generates (prometheus-operator
 *   pkg/prometheus/server/statefulset.go, pkg/alertmanager/statefulset.go, pkg/thanos/statefulset.go and
 *   pkg/operator/config_reloader.go: `web` 9090 / 9093 / 10902, config-reloader `reloader-web` 8080 unless
 *   `listenLocal`, Alertmanager `mesh-tcp`/`mesh-udp` 9094, Thanos `grpc` 10901, Prometheus' Thanos sidecar `http`
 *   10902 and `grpc` 10901), plus `spec.containers` / `spec.initContainers`.
 * - KubeVirt `VirtualMachine`, `VirtualMachineInstance`, `VirtualMachineInstanceReplicaSet` (kubevirt.io) and
 *   `VirtualMachinePool` (pool.kubevirt.io): the virt-launcher pod of each VMI, see kubevirt.ts.
 * - Any other object whose `spec.template` has the shape of a pod template (`metadata.labels` and a `spec.containers`
 *   list), e.g. OpenKruise CloneSet: its pods are taken as `<name>-<suffix>`.
 * - Pods whose program labels its own Pod at run time (Longhorn's manager: self-labels.ts) carry those labels too.
 * Pure.
 */
import { apiGroup } from './indexes';
import { kubevirtWorkload } from './kubevirt';
import { KubeObject, asArray, asNumber, asRecord, nonEmptyString, stringMap } from './manifest';
import { selfAddedLabels } from './self-labels';

/**
 * How the resolver names a workload's pods: as the built-in controller of that name does, or, for
 * `VirtualMachinePool`, `virt-launcher-<pool>-<i>-<suffix>` for the pool's VMIs `<pool>-<i>` (kubevirt.ts kubevirtPoolMember).
 */
export type PodNaming = 'StatefulSet' | 'Deployment' | 'ReplicaSet' | 'DaemonSet' | 'VirtualMachinePool';

/** Pods of one name prefix (a Prometheus shard, or the whole workload). */
export interface PodSet {
  /** `<prefix>-<ordinal>` (StatefulSet naming), `<prefix>-<hash>-<suffix>` (Deployment), `<prefix>-<suffix>` (others). */
  readonly prefix: string;
  /** Every label of these pods known before run time. */
  readonly labels: { [key: string]: string };
}

/** A workload's pod template as its controller or operator uses it. */
export interface WorkloadTemplate {
  /** The object's kind (`Rollout`, `Prometheus`, ..., or the kind of an object read by the shape of its template). */
  readonly kind: string;
  /** Labels every pod carries: the template's and those its controller or operator adds with known values. */
  readonly labels: { [key: string]: string };
  /** The pod spec (containers, initContainers, hostname, subdomain), made up for operator kinds. */
  readonly podSpec: { [key: string]: any };
  /** Declared replicas (per set), undefined for the default of 1. */
  readonly replicas?: number;
  /** True when its pods run (the resolver simulates them); Jobs run to completion. */
  readonly simulated: boolean;
  readonly naming: PodNaming;
  /** The pod sets, in order (one unless the workload is sharded). */
  readonly sets: readonly PodSet[];
  /** StatefulSet naming: the governing Service, the pods' subdomain. */
  readonly subdomain?: string;
}

interface KindEntry {
  readonly groups: readonly string[];
  readonly simulated: boolean;
}

/** The one list of workload kinds and their API groups ('' is the core group). */
const KINDS = new Map<string, KindEntry>([
  ['Deployment', { groups: ['apps', 'extensions'], simulated: true }],
  ['StatefulSet', { groups: ['apps'], simulated: true }],
  ['DaemonSet', { groups: ['apps', 'extensions'], simulated: true }],
  ['ReplicaSet', { groups: ['apps', 'extensions'], simulated: true }],
  ['ReplicationController', { groups: [''], simulated: false }],
  ['Job', { groups: ['batch'], simulated: false }],
  ['CronJob', { groups: ['batch'], simulated: false }],
  ['Rollout', { groups: ['argoproj.io'], simulated: true }],
  ['DeploymentConfig', { groups: ['apps.openshift.io', ''], simulated: true }],
  ['Prometheus', { groups: ['monitoring.coreos.com'], simulated: true }],
  ['Alertmanager', { groups: ['monitoring.coreos.com'], simulated: true }],
  ['ThanosRuler', { groups: ['monitoring.coreos.com'], simulated: true }],
  ['VirtualMachine', { groups: ['kubevirt.io'], simulated: true }],
  ['VirtualMachineInstance', { groups: ['kubevirt.io'], simulated: true }],
  ['VirtualMachineInstanceReplicaSet', { groups: ['kubevirt.io'], simulated: true }],
  ['VirtualMachinePool', { groups: ['pool.kubevirt.io'], simulated: true }],
]);

/**
 * The kind if the object has a pod template: a kind of the list in its API group (any group when `apiVersion` is
 * missing, as in in-memory objects), or any kind whose `spec.template` has the shape of a pod template. `Pod` is not a
 * workload (undefined).
 */
export function workloadKind(obj: KubeObject): string | undefined {
  const kind = obj?.kind;
  if (typeof kind !== 'string' || kind === 'Pod') return undefined;
  const entry = KINDS.get(kind);
  if (entry !== undefined) {
    const apiVersion = obj.apiVersion;
    if (apiVersion === undefined || (typeof apiVersion === 'string' && entry.groups.includes(apiGroup(apiVersion)))) return kind;
  }
  return podTemplateShaped(asRecord(obj.spec)?.template) ? kind : undefined;
}

/** True when `kind` is a kind of the list (in some API group): a `Kind/ns/name` of it names a workload. */
export function isListedWorkloadKind(kind: string): boolean {
  return KINDS.has(kind);
}

/** True when `workloadKind` is a kind whose pods the resolver simulates. */
export function isSimulatedKind(obj: KubeObject): boolean {
  const kind = workloadKind(obj);
  return kind !== undefined && (KINDS.get(kind)?.simulated ?? true);
}

/** `metadata.labels` (a map) and `spec.containers` (a list). */
function podTemplateShaped(v: unknown): boolean {
  const t = asRecord(v);
  return t !== undefined && asRecord(asRecord(t.metadata)?.labels) !== undefined && Array.isArray(asRecord(t.spec)?.containers);
}

/** The workload a Rollout's `spec.workloadRef` names (`Kind/name`), if any. */
export function workloadRefOf(obj: KubeObject): string | undefined {
  if (obj?.kind !== 'Rollout') return undefined;
  const ref = asRecord(asRecord(obj.spec)?.workloadRef);
  const kind = nonEmptyString(ref?.kind);
  const name = nonEmptyString(ref?.name);
  return kind && name ? `${kind}/${name}` : undefined;
}

/** Looks an object up by namespace, kind and name. */
export type ObjectLookup = (namespace: string, kind: string, name: string) => KubeObject | undefined;

/**
 * The pod template of a workload (`workloadKind(obj)` is `kind`), or undefined when it has none the input shows (a
 * Rollout whose workloadRef names a workload the input lacks).
 */
export function readWorkload(obj: KubeObject, kind: string, namespace: string, find: ObjectLookup): WorkloadTemplate | undefined {
  const name = nonEmptyString(asRecord(obj.metadata)?.name) ?? '';
  const spec = asRecord(obj.spec) ?? {};
  const entry = KINDS.get(kind);
  const simulated = entry?.simulated ?? true;
  switch (entry === undefined ? '' : kind) {
    case 'Prometheus':
    case 'Alertmanager':
    case 'ThanosRuler':
      return operatorWorkload(kind, name, spec);
    case 'VirtualMachine':
    case 'VirtualMachineInstance':
    case 'VirtualMachineInstanceReplicaSet':
    case 'VirtualMachinePool':
      return kubevirtWorkload(kind, name, obj, spec);
    case 'CronJob':
      return fromTemplate(kind, asRecord(asRecord(asRecord(spec.jobTemplate)?.spec)?.template), spec, name, simulated, 'ReplicaSet');
    case 'Rollout': {
      let template = asRecord(spec.template);
      const ref = workloadRefOf(obj);
      if (ref !== undefined) {
        const [refKind, refName] = ref.split('/');
        const target = refKind === 'Deployment' || refKind === 'ReplicaSet' ? find(namespace, refKind, refName) : undefined;
        template = asRecord(asRecord(target?.spec)?.template);
        if (!template) return undefined;
      }
      // Ephemeral metadata of the stable (active) pods: at rest every pod is stable (argoproj.io docs, Ephemeral Metadata).
      const strategy = asRecord(spec.strategy);
      const stable = {
        ...stringMap(asRecord(asRecord(strategy?.canary)?.stableMetadata)?.labels),
        ...stringMap(asRecord(asRecord(strategy?.blueGreen)?.activeMetadata)?.labels),
      };
      return fromTemplate(kind, template, spec, name, simulated, 'Deployment', stable);
    }
    case 'DeploymentConfig':
      // openshift/origin MakeDeployment: the pods of <name>-<version> carry deploymentconfig=<name>, deployment=<rc>.
      return fromTemplate(kind, asRecord(spec.template), spec, `${name}-1`, simulated, 'ReplicaSet', { deploymentconfig: name });
    case 'StatefulSet':
      return { ...fromTemplate(kind, asRecord(spec.template), spec, name, simulated, 'StatefulSet'), subdomain: nonEmptyString(spec.serviceName) };
    case 'Deployment':
      return fromTemplate(kind, asRecord(spec.template), spec, name, simulated, 'Deployment');
    case 'DaemonSet':
      return fromTemplate(kind, asRecord(spec.template), spec, name, simulated, 'DaemonSet');
    default:
      return fromTemplate(kind, asRecord(spec.template), spec, name, simulated, 'ReplicaSet');
  }
}

function fromTemplate(
  kind: string, template: { [key: string]: any } | undefined, spec: { [key: string]: any }, prefix: string, simulated: boolean,
  naming: PodNaming, added?: { [key: string]: string },
): WorkloadTemplate {
  const own = stringMap(asRecord(template?.metadata)?.labels);
  const podSpec = asRecord(template?.spec) ?? {};
  // Labels a container's program adds to its own pod (self-labels.ts) first, so the template's and controller's win.
  const self = selfAddedLabels(podSpec);
  const base = self ? Object.assign(self, own) : own;
  const labels = added && Object.keys(added).length > 0 ? Object.assign(base, added) : base;
  return { kind, labels, podSpec, replicas: asNumber(spec.replicas), simulated, naming, sets: [{ prefix, labels }] };
}

/** The label prometheus-operator gives the pods of each shard of a Prometheus (`0`, `1`, ...). */
export const SHARD_LABEL = 'operator.prometheus.io/shard';

/** Shards of a Prometheus that the checker and the resolver take (the operator's own limit is far higher). */
export const MAX_SHARDS = 100;

/** The number of shards of a Prometheus (`spec.shards`, default and minimum 1). */
export function shardsOf(spec: { [key: string]: any } | undefined): number {
  return Math.max(1, Math.min(MAX_SHARDS, Math.floor(asNumber(spec?.shards) ?? 1)));
}

/** The StatefulSet(s) prometheus-operator makes from a Prometheus, Alertmanager or ThanosRuler. */
function operatorWorkload(kind: string, name: string, spec: { [key: string]: any }): WorkloadTemplate {
  const local = spec.listenLocal === true;
  const web = nonEmptyString(spec.portName) ?? 'web';
  const tcp = (portName: string, containerPort: number) => ({ name: portName, containerPort, protocol: 'TCP' });
  const reloader = { name: 'config-reloader', ports: local ? [] : [tcp('reloader-web', 8080)] };
  let app: string;
  let prefix: string;
  let governing: string;
  let containers: { name: string; ports: object[] }[];
  const labels: { [key: string]: string } = stringMap(asRecord(spec.podMetadata)?.labels);
  if (kind === 'Prometheus') {
    app = 'prometheus';
    prefix = `prometheus-${name}`;
    governing = 'prometheus-operated';
    containers = [{ name: 'prometheus', ports: local ? [] : [tcp(web, 9090)] }, reloader];
    if (asRecord(spec.thanos)) containers.push({ name: 'thanos-sidecar', ports: [tcp('http', 10902), tcp('grpc', 10901)] });
    labels.prometheus = name;
    labels['operator.prometheus.io/name'] = name;
  } else if (kind === 'Alertmanager') {
    app = 'alertmanager';
    prefix = `alertmanager-${name}`;
    governing = 'alertmanager-operated';
    containers = [{
      name: 'alertmanager',
      ports: [...(local ? [] : [tcp(web, 9093)]), tcp('mesh-tcp', 9094), { name: 'mesh-udp', containerPort: 9094, protocol: 'UDP' }],
    }, reloader];
    labels.alertmanager = name;
  } else {
    app = 'thanos-ruler';
    prefix = `thanos-ruler-${name}`;
    governing = 'thanos-ruler-operated';
    containers = [{ name: 'thanos-ruler', ports: [tcp('grpc', 10901), ...(local ? [] : [tcp(web, 10902)])] }, reloader];
    labels['thanos-ruler'] = name;
  }
  // The operator's selector labels win over podMetadata's (makeSelectorLabels / podSelectorLabels).
  labels['app.kubernetes.io/name'] = app;
  labels['app.kubernetes.io/managed-by'] = 'prometheus-operator';
  labels['app.kubernetes.io/instance'] = name;
  const podSpec = { containers: mergeContainers(containers, asArray(spec.containers)), initContainers: asArray(spec.initContainers) };
  let sets: PodSet[] = [{ prefix, labels }];
  if (kind === 'Prometheus') {
    const shards = shardsOf(spec);
    sets = [];
    for (let s = 0; s < shards; s++) {
      sets.push({ prefix: s === 0 ? prefix : `${prefix}-shard-${s}`, labels: { ...labels, [SHARD_LABEL]: String(s) } });
    }
  }
  return { kind, labels, podSpec, replicas: asNumber(spec.replicas), simulated: true, naming: 'StatefulSet', sets, subdomain: nonEmptyString(spec.serviceName) ?? governing };
}

/**
 * The operator's containers with the resource's `spec.containers` merged in by name (k8sutil.MergePatchContainers, a
 * strategic merge: ports keyed by containerPort); containers of other names are added.
 */
function mergeContainers(defaults: { name: string; ports: object[] }[], extra: unknown[]): object[] {
  const out: { [key: string]: any }[] = defaults.map((c) => ({ ...c }));
  for (const e of extra) {
    const c = asRecord(e);
    if (!c) continue;
    const same = out.find((d) => d.name === c.name);
    if (!same) {
      out.push(c);
      continue;
    }
    const ports = [...same.ports];
    for (const p of asArray(c.ports)) {
      const i = ports.findIndex((q) => q.containerPort === asNumber(asRecord(p)?.containerPort));
      if (i >= 0) ports[i] = p;
      else ports.push(p);
    }
    Object.assign(same, c, { ports });
  }
  return out;
}
