/**
 * Ownership in live exports (`kubectl get -o yaml`): which workloads the real Pods of the input belong to, so that
 * the model simulates no pods for a workload whose pods the input shows (pods.ts) and the checker does not count such
 * a Pod as a workload of its own (checks/context/pod-templates.ts).
 *
 * - `ownerRefs(obj)`: the `metadata.ownerReferences` entries with a kind and a name (owners are always in the
 *   object's own namespace; uids are not compared: the input holds at most one object per kind and name).
 * - `impliedOwner(ref, labels)`: the owner of an owner the input leaves out, from the names the controllers give:
 *   ReplicaSet `<deployment>-<pod-template-hash>` (the Deployment controller names it so and labels its pods with the
 *   hash) -> Deployment `<deployment>`; Job `<cronjob>-<scheduled time in minutes>` -> CronJob `<cronjob>`
 *   (kubernetes/kubernetes pkg/controller/deployment/sync.go getNewReplicaSet, pkg/controller/cronjob/utils.go
 *   getJobName); ReplicaSet `<rollout>-<rollouts-pod-template-hash>` -> Argo Rollouts `Rollout` `<rollout>` (argo-rollouts
 *   names and labels its ReplicaSets the same way, with its own label); StatefulSet `prometheus-<name>[-shard-<n>]`,
 *   `alertmanager-<name>`, `thanos-ruler-<name>` whose pods carry prometheus-operator's selector labels
 *   (`app.kubernetes.io/managed-by: prometheus-operator`, `app.kubernetes.io/name`, `app.kubernetes.io/instance`) ->
 *   the `Prometheus` / `Alertmanager` / `ThanosRuler` `<name>`. So a dump of Deployments and Pods without their
 *   ReplicaSets (or of a Prometheus and its Pods without the StatefulSet) still ties the Pods to the workload.
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

/**
 * The owner of `ref`'s object implied by its name, for an owner the input leaves out; `labels` are those of the
 * object that `ref` is read from (a Pod's labels carry its ReplicaSet's hash, or prometheus-operator's selector labels).
 */
export function impliedOwner(ref: OwnerRef, labels: unknown): OwnerRef | undefined {
  if (ref.kind === 'ReplicaSet') {
    for (const [label, kind] of HASH_LABELS) {
      const hash = nonEmptyString(stringMapGet(labels, label));
      const suffix = `-${hash}`;
      if (hash && ref.name.length > suffix.length && ref.name.endsWith(suffix)) return { kind, name: ref.name.slice(0, -suffix.length) };
    }
  } else if (ref.kind === 'Job') {
    const m = CRONJOB_JOB_NAME.exec(ref.name);
    if (m) return { kind: 'CronJob', name: m[1] };
  } else if (ref.kind === 'StatefulSet' && stringMapGet(labels, 'app.kubernetes.io/managed-by') === 'prometheus-operator') {
    const operator = OPERATOR_STATEFULSETS.get(stringMapGet(labels, 'app.kubernetes.io/name') ?? '');
    const name = stringMapGet(labels, 'app.kubernetes.io/instance');
    if (!operator || !name) return undefined;
    const rest = ref.name.startsWith(`${operator.prefix}${name}`) ? ref.name.slice(operator.prefix.length + name.length) : undefined;
    // Prometheus shard n > 0: prometheus-<name>-shard-<n> (prometheus-operator pkg/prometheus/statefulset.go).
    if (rest === '' || (rest !== undefined && operator.kind === 'Prometheus' && /^-shard-[1-9][0-9]*$/.test(rest))) return { kind: operator.kind, name };
  }
  return undefined;
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
 * owners in the input (transitively), and for an owner missing from the input the owner its name implies.
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
    const owners = ownerRefs(object).map((r) => `${namespace}/${r.kind}/${r.name}`).filter((k) => present.has(k));
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
      const key = `${namespace}/${ref.kind}/${ref.name}`;
      mark(key);
      if (present.has(key)) continue;
      const implied = impliedOwner(ref, asRecord(object.metadata)?.labels);
      if (implied) mark(`${namespace}/${implied.kind}/${implied.name}`);
    }
  }
  return { owned, presentOwners };
}
