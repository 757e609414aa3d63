/**
 * Ownership in live exports (`kubectl get -o yaml`): which workloads the real Pods of the input belong to, so that
 * the model simulates no pods for a workload whose pods the input shows (pods.ts) and the checker does not count such
 * a Pod as a workload of its own (checks/context/pod-templates.ts).
 *
 * - `ownerRefs(obj)`: the `metadata.ownerReferences` entries with a kind and a name (owners are always in the
 *   object's own namespace; uids are not compared: the input holds at most one object per kind and name).
 * - `impliedOwners(ref, labels)`: the owners of an owner the input leaves out, from the names the controllers give:
 *   ReplicaSet `<deployment>-<pod-template-hash>` (the Deployment controller names it so and labels its pods with the
 *   hash) -> Deployment `<deployment>`; Job `<cronjob>-<scheduled time in minutes>` -> CronJob `<cronjob>`
 *   (kubernetes/kubernetes pkg/controller/deployment/sync.go getNewReplicaSet, pkg/controller/cronjob/utils.go
 *   getJobName); ReplicaSet `<rollout>-<rollouts-pod-template-hash>` -> Argo Rollouts `Rollout` `<rollout>` (argo-rollouts
 *   names and labels its ReplicaSets the same way, with its own label); StatefulSet `prometheus-<name>[-shard-<n>]`,
 *   `alertmanager-<name>`, `thanos-ruler-<name>` whose pods carry prometheus-operator's selector labels
 *   (`app.kubernetes.io/managed-by: prometheus-operator`, `app.kubernetes.io/name`, `app.kubernetes.io/instance`) ->
 *   the `Prometheus` / `Alertmanager` / `ThanosRuler` `<name>`. So a dump of Deployments and Pods without their
 *   ReplicaSets (or of a Prometheus and its Pods without the StatefulSet) still ties the Pods to the workload.
 *   KubeVirt: VirtualMachineInstance `<name>` -> the VirtualMachine `<name>` (kubevirt pkg/virt-controller/watch/vm/vm.go
 *   setupVMIFromVM names a VM's VMI after it) and, through it, VirtualMachine `<pool>-<i>` -> the VirtualMachinePool
 *   `<pool>` (pool/pool.go generateVMName), or the VirtualMachineInstanceReplicaSet `<base>` of a VMI named
 *   `<base><5 characters>` (replicaset.go: generateName `<base>`, the replica set's name unless its template names one).
 * - `presentOwner(ref, labels, isPresent)`: the owner in the input that `ref` stands for: itself, else the first of its
 *   implied owners that is present.
 * - `ownership(sources, kinds)`: for the pod sources (Pods and workloads, with their `builtinKind`s), the keys
 *   `ns/Kind/name` of the workloads whose pods the input shows, and the owners in the input of each owned workload.
 * Pure.
 */
import { asArray, asRecord, nonEmptyString, stringMapGet } from './manifest';
import type { NamespacedObject } from './pods';

/** One owner reference. */
export interface OwnerRef {
  readonly kind: string;
  readonly name: string;
}

/** The owner references of an object that have a kind and a name. */
export function ownerRefs(obj: unknown): OwnerRef[] {
  const out: OwnerRef[] = [];
  for (const o of asArray(asRecord(asRecord(obj)?.metadata)?.ownerReferences)) {
    const r = asRecord(o);
    const kind = nonEmptyString(r?.kind);
    const name = nonEmptyString(r?.name);
    if (kind && name) out.push({ kind, name });
  }
  return out;
}

/** The label of a ReplicaSet's pods with its hash, and the kind that names the ReplicaSet `<name>-<hash>`. */
const HASH_LABELS: readonly (readonly [label: string, ownerKind: string])[] = [
  ['pod-template-hash', 'Deployment'],
  ['rollouts-pod-template-hash', 'Rollout'],
];
/** CronJob Job names: `<cronjob>-<minutes since the epoch>`. */
const CRONJOB_JOB_NAME = /^(.+)-\d+$/;
/**
 * prometheus-operator's StatefulSets by the `app.kubernetes.io/name` of their pods: the owning kind and the StatefulSet
 * name's prefix before the resource's name (workload-kinds.ts operatorWorkload).
 */
const OPERATOR_STATEFULSETS = new Map<string, { readonly kind: string; readonly prefix: string }>([
  ['prometheus', { kind: 'Prometheus', prefix: 'prometheus-' }],
  ['alertmanager', { kind: 'Alertmanager', prefix: 'alertmanager-' }],
  ['thanos-ruler', { kind: 'ThanosRuler', prefix: 'thanos-ruler-' }],
]);

/** The characters of a name Kubernetes generates from a generateName (apimachinery util/rand). */
const GENERATED_SUFFIX = /^(.+)[bcdfghjklmnpqrstvwxz2456789]{5}$/;
/** A pool's VM names: `<pool>-<index>`. */
const POOL_VM_NAME = /^(.+)-(0|[1-9][0-9]*)$/;

/**
 * The owners of `ref`'s object implied by its name, nearest first, for an owner the input leaves out; `labels` are
 * those of the object that `ref` is read from (a Pod's labels carry its ReplicaSet's hash, or prometheus-operator's
 * selector labels).
 */
export function impliedOwners(ref: OwnerRef, labels: unknown): OwnerRef[] {
  if (ref.kind === 'ReplicaSet') {
    for (const [label, kind] of HASH_LABELS) {
      const hash = nonEmptyString(stringMapGet(labels, label));
      const suffix = `-${hash}`;
      if (hash && ref.name.length > suffix.length && ref.name.endsWith(suffix)) return [{ kind, name: ref.name.slice(0, -suffix.length) }];
    }
  } else if (ref.kind === 'Job') {
    const m = CRONJOB_JOB_NAME.exec(ref.name);
    if (m) return [{ kind: 'CronJob', name: m[1] }];
  } else if (ref.kind === 'StatefulSet' && stringMapGet(labels, 'app.kubernetes.io/managed-by') === 'prometheus-operator') {
    const operator = OPERATOR_STATEFULSETS.get(stringMapGet(labels, 'app.kubernetes.io/name') ?? '');
    const name = stringMapGet(labels, 'app.kubernetes.io/instance');
    if (!operator || !name) return [];
    const rest = ref.name.startsWith(`${operator.prefix}${name}`) ? ref.name.slice(operator.prefix.length + name.length) : undefined;
    // Prometheus shard n > 0: prometheus-<name>-shard-<n> (prometheus-operator pkg/prometheus/statefulset.go).
    if (rest === '' || (rest !== undefined && operator.kind === 'Prometheus' && /^-shard-[1-9][0-9]*$/.test(rest))) return [{ kind: operator.kind, name }];
  } else if (ref.kind === 'VirtualMachineInstance') {
    const vm: OwnerRef = { kind: 'VirtualMachine', name: ref.name };
    const out = [vm, ...impliedOwners(vm, labels)];
    const m = GENERATED_SUFFIX.exec(ref.name);
    if (m) out.push({ kind: 'VirtualMachineInstanceReplicaSet', name: m[1] });
    return out;
  } else if (ref.kind === 'VirtualMachine') {
    const m = POOL_VM_NAME.exec(ref.name);
    if (m) return [{ kind: 'VirtualMachinePool', name: m[1] }];
  }
  return [];
}

/** The owner in the input that `ref` stands for: `ref` itself, else the first owner it implies that is in the input. */
export function presentOwner(ref: OwnerRef, labels: unknown, isPresent: (r: OwnerRef) => boolean): OwnerRef | undefined {
  if (isPresent(ref)) return ref;
  return impliedOwners(ref, labels).find(isPresent);
}

/** What `ownership` finds. */
export interface Ownership {
  /** `ns/Kind/name` of every workload whose pods the input shows (a Pod's owners and their owners). */
  readonly owned: ReadonlySet<string>;
  /** For each workload with owners: the keys of those owners that are in the input (they stand for it). */
  readonly presentOwners: ReadonlyMap<string, readonly string[]>;
}

const NO_OWNERSHIP: Ownership = { owned: new Set(), presentOwners: new Map() };

/**
 * Ownership among the pod sources (`kinds[i]` = `builtinKind(sources[i].object)`): a real Pod's owner, that owner's
 * owners in the input (transitively), and for an owner missing from the input the nearest owner its name implies that
 * is in the input (also for a workload's owner: a pool's VMI whose VM the input leaves out belongs to the pool).
 */
export function ownership(sources: readonly NamespacedObject[], kinds: readonly (string | undefined)[]): Ownership {
  // Synthesized YAML has no owner references: one look per object, nothing built.
  let withOwners: number[] | undefined;
  for (let i = 0; i < sources.length; i++) {
    if (asArray(asRecord(sources[i].object.metadata)?.ownerReferences).length > 0) (withOwners ??= []).push(i);
  }
  if (!withOwners) return NO_OWNERSHIP;
  const present = new Set<string>();
  sources.forEach(({ object, namespace }, i) => {
    const name = nonEmptyString(asRecord(object.metadata)?.name);
    if (name && kinds[i]) present.add(`${namespace}/${kinds[i]}/${name}`);
  });
  const presentOwners = new Map<string, string[]>();
  for (const i of withOwners) {
    const { object, namespace } = sources[i];
    const name = nonEmptyString(asRecord(object.metadata)?.name);
    if (!name || kinds[i] === 'Pod') continue;
    const labels = asRecord(object.metadata)?.labels;
    const owners: string[] = [];
    for (const r of ownerRefs(object)) {
      const owner = presentOwner(r, labels, (o) => present.has(`${namespace}/${o.kind}/${o.name}`));
      if (owner) owners.push(`${namespace}/${owner.kind}/${owner.name}`);
    }
    presentOwners.set(`${namespace}/${kinds[i]}/${name}`, owners);
  }
  const owned = new Set<string>();
  const mark = (key: string) => {
    if (owned.has(key)) return;
    owned.add(key);
    for (const k of presentOwners.get(key) ?? []) mark(k);
  };
  for (const i of withOwners) {
    if (kinds[i] !== 'Pod') continue;
    const { object, namespace } = sources[i];
    for (const ref of ownerRefs(object)) {
      mark(`${namespace}/${ref.kind}/${ref.name}`);
      const owner = presentOwner(ref, asRecord(object.metadata)?.labels, (o) => present.has(`${namespace}/${o.kind}/${o.name}`));
      if (owner) mark(`${namespace}/${owner.kind}/${owner.name}`);
    }
  }
  return { owned, presentOwners };
}
