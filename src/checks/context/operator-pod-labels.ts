/**
 * The labels that operators put on the pods they make from a resource by themselves, where the resource's spec does
 * not carry them (pod-makers.ts reads the labels a spec does carry). A Service beside such a resource that selects
 * those labels most likely selects the operator's pods, which the checker cannot make: service-selector-no-match says
 * so as a warning, as for the resources whose spec carries the labels. Not a rule.
 *
 * Rook (ceph.rook.io) labels every Ceph daemon pod `app: rook-ceph-<daemon>`, `rook_cluster: <namespace>` and
 * `ceph_daemon_type: <daemon>`, and `ceph_daemon_id` and `<daemon>` with the daemon's id (rook/rook
 * pkg/operator/ceph/controller/spec.go AppLabels, CephDaemonAppLabels; pkg/operator/k8sutil ClusterAttr = "rook_cluster").
 * From a CephCluster it makes the mon pods (also `mon_cluster: <namespace>`; cluster/mon/spec.go getLabels), the mgr
 * pods (also `instance: <id>` and `mgr_role: active` or `standby`; cluster/mgr/spec.go getPodLabels, mgr.go) and the
 * osd pods (cluster/osd AppName "rook-ceph-osd"); from a CephObjectStore the rgw pods (also `rook_object_store:
 * <name>`; object/spec.go getLabels); from a CephFilesystem the mds pods (also `rook_file_system: <name>`;
 * file/mds/spec.go podLabels). Rook's own Services select them so (`rook-ceph-mgr-dashboard`: `app: rook-ceph-mgr`,
 * `rook_cluster`, `mgr_role: active`).
 *
 * Zalando's Postgres operator (acid.zalan.do) makes the Spilo pods of a `postgresql` resource with its cluster labels
 * `application: spilo` and `cluster-name: <name>` (pkg/cluster labelsSet; the defaults of `cluster_labels` and
 * `cluster_name_label`, pkg/util/config) and `team: <spec.teamId>`; Patroni in each pod adds `spilo-role: master` or
 * `replica` (`pod_role_label`). Its examples select them so (manifests/minimal-master-replica-svcmonitor.yaml: a metrics
 * Service per role beside the `postgresql` resource).
 */
import { groupKindKey } from '../../model/indexes';

/** The pods of one kind that an operator makes from a resource: the pairs they all carry, and keys of varying value. */
export interface OperatorPods {
  /** What the pods are called in messages: `mgr pods`. */
  readonly pods: string;
  /** `key -> value` that every such pod carries. */
  readonly pairs: { readonly [key: string]: string };
  /** Keys that every such pod carries with a value of its own (a daemon id): a selector may ask for any value. */
  readonly anyValue: readonly string[];
}

/** An operator's resource kind and the pods it makes from a resource of that kind (`namespace`, `name`: the resource's). */
interface OperatorKind {
  readonly group: string;
  readonly kind: string;
  /** `Rook`: who makes the pods, for messages. */
  readonly operator: string;
  readonly pods: (namespace: string, name: string) => readonly OperatorPods[];
}

/** A Rook Ceph daemon's pods (controller/spec.go CephDaemonAppLabels). */
function rookDaemon(daemon: string, namespace: string, extra: { [key: string]: string } = {}, anyValue: readonly string[] = []): OperatorPods {
  return {
    pods: `${daemon} pods`,
    pairs: { app: `rook-ceph-${daemon}`, rook_cluster: namespace, ceph_daemon_type: daemon, ...extra },
    anyValue: ['ceph_daemon_id', daemon, ...anyValue],
  };
}

const OPERATOR_KINDS: readonly OperatorKind[] = [
  {
    group: 'ceph.rook.io',
    kind: 'CephCluster',
    operator: 'Rook',
    pods: (ns) => [rookDaemon('mon', ns, { mon_cluster: ns }), rookDaemon('mgr', ns, {}, ['instance', 'mgr_role']), rookDaemon('osd', ns)],
  },
  { group: 'ceph.rook.io', kind: 'CephObjectStore', operator: 'Rook', pods: (ns, name) => [rookDaemon('rgw', ns, { rook_object_store: name })] },
  { group: 'ceph.rook.io', kind: 'CephFilesystem', operator: 'Rook', pods: (ns, name) => [rookDaemon('mds', ns, { rook_file_system: name })] },
  {
    group: 'acid.zalan.do',
    kind: 'postgresql',
    operator: 'Zalando Postgres',
    pods: (_ns, name) => [{ pods: 'Spilo pods', pairs: { 'application': 'spilo', 'cluster-name': name }, anyValue: ['spilo-role', 'team'] }],
  },
];

/** OPERATOR_KINDS by `group NUL kind` (model/indexes.ts groupKindKey). */
const BY_KIND: ReadonlyMap<string, OperatorKind> = new Map(OPERATOR_KINDS.map((k) => [`${k.group}\u0000${k.kind}`, k]));

/** The operator that makes pods from a resource (`apiVersion` and `kind`) by labels of its own, if the table has it. */
export function operatorKindOf(object: { readonly apiVersion?: unknown; readonly kind?: unknown } | undefined): OperatorKind | undefined {
  const key = groupKindKey(object);
  return key === undefined ? undefined : BY_KIND.get(key);
}

/** Whether pods of `pods` carry every pair of the selector. */
export function operatorPodsSelected(pods: OperatorPods, selector: { readonly [key: string]: string }): boolean {
  for (const k of Object.keys(selector)) {
    if (pods.pairs[k] !== selector[k] && !pods.anyValue.includes(k)) return false;
  }
  return true;
}
