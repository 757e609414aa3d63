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
 *
 * CloudNativePG (postgresql.cnpg.io) labels the instance pods of a `Cluster` `cnpg.io/cluster: <name>` and
 * `cnpg.io/podRole: instance`, with the pod's own `cnpg.io/instanceName` and its role, `primary` or `replica`, under
 * `cnpg.io/instanceRole` and the older `role` (pkg/utils/labels_annotations.go ClusterLabelName, PodRoleLabelName,
 * InstanceNameLabelName, ClusterInstanceRoleLabelName, ClusterRoleLabelName). Its docs select them so
 * (docs/src/samples/networkpolicy-example.yaml), and so do the LoadBalancer Services users add for the primary.
 *
 * ECK labels the pods it makes with `common.k8s.elastic.co/type: <type>` and the resource's name (pkg/controller/common
 * TypeLabelName; each kind's NewLabels): an `Elasticsearch`'s pods `elasticsearch.k8s.elastic.co/cluster-name: <name>`
 * and, per node set, `elasticsearch.k8s.elastic.co/statefulset-name: <name>-es-<nodeSet>`, with the version, the
 * config hash and the HTTP scheme by value of their own, and the node roles `"true"` or `"false"` (`node-master`, ...,
 * and from Elasticsearch 7.10 the data tiers `node-data_hot`, `_warm`, `_cold`, `_content`, and from 7.12 `_frozen`)
 * (pkg/controller/elasticsearch/label/label.go NewPodLabels, NewStatefulSetLabels; esv1.StatefulSet names the
 * StatefulSet `<name>-es-<nodeSet>`); a `Kibana`'s pods `kibana.k8s.elastic.co/name: <name>` (pkg/controller/kibana
 * label NewLabels, and `kibana.k8s.elastic.co/version`); an `Agent`'s pods `agent.k8s.elastic.co/name: <name>`
 * (pkg/controller/agent labels.go NewLabels, and `agent.k8s.elastic.co/version`). ECK's docs and its users' Services
 * select them so (a NodePort Service for `elasticsearch.k8s.elastic.co/cluster-name`).
 *
 * The RabbitMQ Cluster Operator labels the pods of a `RabbitmqCluster` (rabbitmq.com) `app.kubernetes.io/name: <name>`,
 * `app.kubernetes.io/component: rabbitmq` and `app.kubernetes.io/part-of: rabbitmq` (internal/metadata/label.go Label;
 * its StatefulSet selects `app.kubernetes.io/name`), as the NetworkPolicies and PodDisruptionBudget of its
 * docs/examples select them.
 *
 * The MongoDB Community Operator labels the pods of a `MongoDBCommunity` (mongodbcommunity.mongodb.com) `app: <its
 * Service's name>` (controllers/construct/mongodbstatefulset.go: `"app": mdb.ServiceName()` on the StatefulSet's pod
 * template), and its StatefulSet `<name>` gives member `i` of `spec.members` the label
 * `statefulset.kubernetes.io/pod-name: <name>-<i>`, as the per-member NodePort Services of its
 * config/samples/external_access select them.
 *
 * Spotahome's Redis Operator labels the pods of a `RedisFailover` (databases.spotahome.com) `app.kubernetes.io/name:
 * <name>`, `app.kubernetes.io/component: redis` or `sentinel`, `app.kubernetes.io/part-of: redis-failover`
 * (operator/redisfailover/service generator.go generateSelectorLabels, constants.go appLabel), with
 * `app.kubernetes.io/managed-by: redis-operator` and `redisfailovers.databases.spotahome.com/name: <name>`
 * (redisfailover handler.go getLabels), and marks each redis pod `redisfailovers-role: master` or `slave` (constants.go
 * redisRoleLabelKey; checker.go setMasterLabelIfNecessary), which users' own master Services select.
 *
 * KubeRay labels the pods of a `RayCluster` (ray.io) `ray.io/cluster: <name>`, `ray.io/is-ray-node: yes`,
 * `ray.io/node-type: head` or `worker`, `ray.io/group: headgroup` or the worker group's `groupName`,
 * `ray.io/identifier: <name>-head` or `<name>-worker`, `app.kubernetes.io/name: kuberay` and
 * `app.kubernetes.io/created-by: kuberay-operator` (ray-operator/controllers/ray/common pod.go labelPod, which lets the
 * template's labels override all but the cluster, node type and group), as users' own dashboard and client Services
 * select the head pod. The RayCluster of a RayService or RayJob has a generated name and is left out.
 */
import { field, MAX_ENTRIES } from './operator-kind';
import { mongoDbCommunityService } from './operator-services';
import { groupKindKey } from '../../model/indexes';
import { asArray, asNumber, asRecord, nonEmptyString } from '../../model/manifest';

/**
 * The pods of one kind that an operator makes from a resource: the pairs they all carry, and keys of varying value. A
 * selector selects them when it names at least one of the pairs (a key of varying value alone, `role: primary`, says
 * nothing of whose pods it means) and every other key it names is one of these with a value the pods can carry.
 */
export interface OperatorPods {
  /** What the pods are called in messages: `mgr pods`. */
  readonly pods: string;
  /** `key -> value` that every such pod carries. */
  readonly pairs: { readonly [key: string]: string };
  /** Keys that every such pod carries with a value of its own that the operator's source does not list (a daemon id). */
  readonly anyValue: readonly string[];
  /** Keys that each such pod carries with one of a few values, by key: `role -> [primary, replica]`. */
  readonly oneOf: { readonly [key: string]: readonly string[] };
  /**
   * `key -> value` that the resource's spec gives these pods besides the operator's own (`givenLabels`): a CloudNativePG
   * Cluster's `spec.inheritedMetadata.labels`, the pod template labels of one Elasticsearch node set. Labels elsewhere in
   * the spec (a Service's or a PVC's template, the StatefulSet object's own) are not the pods'. Absent: none.
   */
  readonly given?: { readonly [key: string]: string };
}

/** An operator's resource kind and the pods it makes from a resource of that kind (`namespace`, `name`: the resource's). */
interface OperatorKind {
  readonly group: string;
  readonly kind: string;
  /** `Rook`: who makes the pods, for messages. */
  readonly operator: string;
  readonly pods: (namespace: string, name: string, object: Record<string, unknown>) => readonly OperatorPods[];
}

/**
 * The string, number and boolean values of the labels map at `path` under `object`, as text (others left out, as the
 * spec walk of pod-makers.ts does); undefined when there is none.
 */
function givenLabels(object: unknown, ...path: string[]): { [key: string]: string } | undefined {
  const labels = asRecord(field(object, ...path));
  if (labels === undefined) return undefined;
  const out: { [key: string]: string } = {};
  for (const k of Object.keys(labels)) {
    const v = labels[k];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A Rook Ceph daemon's pods (controller/spec.go CephDaemonAppLabels). */
function rookDaemon(daemon: string, namespace: string, extra: { [key: string]: string } = {}, anyValue: readonly string[] = []): OperatorPods {
  return {
    pods: `${daemon} pods`,
    pairs: { app: `rook-ceph-${daemon}`, rook_cluster: namespace, ceph_daemon_type: daemon, ...extra },
    anyValue: ['ceph_daemon_id', daemon, ...anyValue],
    oneOf: {},
  };
}

/** ECK's type label (pkg/controller/common TypeLabelName). */
const ECK_TYPE = 'common.k8s.elastic.co/type';

/**
 * The node roles that ECK labels an Elasticsearch pod with, `"true"` or `"false"` each (label.go NewPodLabels, by the
 * Elasticsearch version: the data tiers from 7.10, data_frozen from 7.12; common.TrueFalseLabel).
 */
const ECK_NODE_ROLES = ['master', 'data', 'ingest', 'ml', 'transform', 'remote_cluster_client', 'voting_only',
  'data_hot', 'data_warm', 'data_cold', 'data_content', 'data_frozen'];

/** An Elasticsearch's pods, one kind per node set of `spec.nodeSets` (at most MAX_ENTRIES read). */
function eckElasticsearch(_namespace: string, name: string, object: Record<string, unknown>): OperatorPods[] {
  const es = 'elasticsearch.k8s.elastic.co';
  const anyValue = [`${es}/version`, `${es}/config-hash`, `${es}/http-scheme`, `${es}/secure-settings-hash`];
  const oneOf = Object.fromEntries(ECK_NODE_ROLES.map((role) => [`${es}/node-${role}`, ['true', 'false']]));
  const out: OperatorPods[] = [];
  for (const entry of asArray(field(object, 'spec', 'nodeSets')).slice(0, MAX_ENTRIES)) {
    const nodeSet = nonEmptyString(asRecord(entry)?.name);
    if (nodeSet === undefined) continue;
    out.push({
      pods: `pods of node set ${nodeSet}`,
      pairs: { [`${es}/cluster-name`]: name, [ECK_TYPE]: 'elasticsearch', [`${es}/statefulset-name`]: `${name}-es-${nodeSet}` },
      anyValue,
      oneOf,
      // that node set's pod template only (nodespec podtemplate.go BuildPodTemplateSpec: the node set's PodTemplate with
      // ECK's labels merged in)
      given: givenLabels(entry, 'podTemplate', 'metadata', 'labels'),
    });
  }
  return out;
}

/** A MongoDBCommunity's member pods, one kind per member of `spec.members` (at most MAX_ENTRIES). */
function mongoDbCommunity(_namespace: string, name: string, object: Record<string, unknown>): OperatorPods[] {
  const members = asNumber(field(object, 'spec', 'members'));
  const count = members !== undefined && Number.isInteger(members) && members > 0 ? Math.min(members, MAX_ENTRIES) : 0;
  const app = mongoDbCommunityService(name, object);
  // spec.statefulSet.spec is merged into the StatefulSet the operator makes (controllers/replica_set_controller.go
  // statefulset.WithCustomSpecs): its template's labels reach the pods; spec.statefulSet.metadata.labels label the
  // StatefulSet object only
  const given = givenLabels(object, 'spec', 'statefulSet', 'spec', 'template', 'metadata', 'labels');
  const out: OperatorPods[] = [];
  for (let i = 0; i < count; i++) {
    out.push({ pods: `member pod ${name}-${i}`, pairs: { 'app': app, 'statefulset.kubernetes.io/pod-name': `${name}-${i}` }, anyValue: ['controller-revision-hash'], oneOf: {}, given });
  }
  return out;
}

/** A RayCluster's head pod and one kind per worker group of `spec.workerGroupSpecs` (at most MAX_ENTRIES read). */
function rayCluster(_namespace: string, name: string, object: Record<string, unknown>): OperatorPods[] {
  // each group's pods carry the labels of that group's own template (common/pod.go DefaultHeadPodTemplate,
  // DefaultWorkerPodTemplate: the group's Template with labelPod's labels merged in)
  const pods = (type: string, group: string, spec: unknown): OperatorPods => ({
    pods: type === 'head' ? 'head pod' : `pods of worker group ${group}`,
    pairs: {
      'ray.io/cluster': name,
      'ray.io/is-ray-node': 'yes',
      'ray.io/node-type': type,
      'ray.io/group': group,
      'ray.io/identifier': `${name}-${type}`.slice(-63),
      'app.kubernetes.io/name': 'kuberay',
      'app.kubernetes.io/created-by': 'kuberay-operator',
    },
    anyValue: [],
    oneOf: {},
    given: givenLabels(spec, 'template', 'metadata', 'labels'),
  });
  const out = [pods('head', 'headgroup', field(object, 'spec', 'headGroupSpec'))];
  for (const entry of asArray(field(object, 'spec', 'workerGroupSpecs')).slice(0, MAX_ENTRIES)) {
    const group = nonEmptyString(asRecord(entry)?.groupName);
    if (group !== undefined) out.push(pods('worker', group, entry));
  }
  return out;
}

const OPERATOR_KINDS: readonly OperatorKind[] = [
  {
    group: 'ceph.rook.io',
    kind: 'CephCluster',
    operator: 'Rook',
    pods: (ns) => [rookDaemon('mon', ns, { mon_cluster: ns }), rookDaemon('mgr', ns, {}, ['instance', 'mgr_role']), rookDaemon('osd', ns)],
  },
  // the `labels` of the gateway and the metadata server are put on their pods (Rook's Labels: "labels to add/set on
  // each Pod related object")
  {
    group: 'ceph.rook.io',
    kind: 'CephObjectStore',
    operator: 'Rook',
    pods: (ns, name, object) => [{ ...rookDaemon('rgw', ns, { rook_object_store: name }), given: givenLabels(object, 'spec', 'gateway', 'labels') }],
  },
  {
    group: 'ceph.rook.io',
    kind: 'CephFilesystem',
    operator: 'Rook',
    pods: (ns, name, object) => [{ ...rookDaemon('mds', ns, { rook_file_system: name }), given: givenLabels(object, 'spec', 'metadataServer', 'labels') }],
  },
  {
    group: 'acid.zalan.do',
    kind: 'postgresql',
    operator: 'Zalando Postgres',
    // Spilo's Patroni labels the leader KUBERNETES_LEADER_LABEL_VALUE (default `master`) and the others `replica`
    // (zalando/spilo ENVIRONMENT.rst; pkg/spec types.go Master, Replica)
    pods: (_ns, name) => [{ pods: 'Spilo pods', pairs: { 'application': 'spilo', 'cluster-name': name }, anyValue: ['team'], oneOf: { 'spilo-role': ['master', 'replica'] } }],
  },
  {
    group: 'postgresql.cnpg.io',
    kind: 'Cluster',
    operator: 'CloudNativePG',
    pods: (_ns, name, object) => [{
      pods: 'instance pods',
      pairs: { 'cnpg.io/cluster': name, 'cnpg.io/podRole': 'instance' },
      anyValue: ['cnpg.io/instanceName'],
      // pkg/specs ClusterRoleLabelPrimary, ClusterRoleLabelReplica (the instance manager's updateRoleLabels)
      oneOf: { 'cnpg.io/instanceRole': ['primary', 'replica'], 'role': ['primary', 'replica'] },
      // copied onto each instance pod (pkg/specs inherited.go SetInheritedData, GetFixedInheritedLabels); the labels of
      // spec.managed.services (Services') and of spec.storage.pvcTemplate (PVCs') are not the pods'
      given: givenLabels(object, 'spec', 'inheritedMetadata', 'labels'),
    }],
  },
  { group: 'elasticsearch.k8s.elastic.co', kind: 'Elasticsearch', operator: 'ECK', pods: eckElasticsearch },
  {
    group: 'kibana.k8s.elastic.co',
    kind: 'Kibana',
    operator: 'ECK',
    // with the labels of its pod template (ECK merges `spec.podTemplate` into the pods it makes)
    pods: (_ns, name, object) => [{
      pods: 'Kibana pods',
      pairs: { 'kibana.k8s.elastic.co/name': name, [ECK_TYPE]: 'kibana' },
      anyValue: ['kibana.k8s.elastic.co/version'],
      oneOf: {},
      given: givenLabels(object, 'spec', 'podTemplate', 'metadata', 'labels'),
    }],
  },
  {
    group: 'agent.k8s.elastic.co',
    kind: 'Agent',
    operator: 'ECK',
    // with the labels of the pod template of its Deployment, DaemonSet or StatefulSet (`spec.deployment.podTemplate`...)
    pods: (_ns, name, object) => [{
      pods: 'Agent pods',
      pairs: { 'agent.k8s.elastic.co/name': name, [ECK_TYPE]: 'agent' },
      anyValue: ['agent.k8s.elastic.co/version'],
      oneOf: {},
      given: ['deployment', 'daemonSet', 'statefulSet'].map((w) => givenLabels(object, 'spec', w, 'podTemplate', 'metadata', 'labels'))
        .reduce<{ [key: string]: string } | undefined>((all, l) => (l === undefined ? all : { ...all, ...l }), undefined),
    }],
  },
  {
    group: 'databases.spotahome.com',
    kind: 'RedisFailover',
    operator: 'Spotahome Redis',
    pods: (_ns, name) => ['redis', 'sentinel'].map((component): OperatorPods => ({
      pods: `${component} pods`,
      pairs: {
        'app.kubernetes.io/name': name,
        'app.kubernetes.io/component': component,
        'app.kubernetes.io/part-of': 'redis-failover',
        'app.kubernetes.io/managed-by': 'redis-operator',
        'redisfailovers.databases.spotahome.com/name': name,
      },
      anyValue: ['redisfailovers.databases.spotahome.com/component'],
      // service/constants.go redisRoleLabelMaster, redisRoleLabelSlave
      oneOf: component === 'redis' ? { 'redisfailovers-role': ['master', 'slave'] } : {},
    })),
  },
  { group: 'mongodbcommunity.mongodb.com', kind: 'MongoDBCommunity', operator: 'MongoDB Community', pods: mongoDbCommunity },
  { group: 'ray.io', kind: 'RayCluster', operator: 'KubeRay', pods: rayCluster },
  {
    group: 'rabbitmq.com',
    kind: 'RabbitmqCluster',
    operator: 'RabbitMQ Cluster',
    pods: (_ns, name, object) => [{
      pods: 'RabbitMQ pods',
      pairs: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': 'rabbitmq', 'app.kubernetes.io/part-of': 'rabbitmq' },
      anyValue: [],
      oneOf: {},
      // spec.override.statefulSet is applied to the StatefulSet the operator makes as a strategic merge patch
      // (internal/resource/statefulset.go): its template's labels reach the pods
      given: givenLabels(object, 'spec', 'override', 'statefulSet', 'spec', 'template', 'metadata', 'labels'),
    }],
  },
];

/** OPERATOR_KINDS by `group NUL kind` (model/indexes.ts groupKindKey). */
const BY_KIND: ReadonlyMap<string, OperatorKind> = new Map(OPERATOR_KINDS.map((k) => [`${k.group}\u0000${k.kind}`, k]));

/** The operator that makes pods from a resource (`apiVersion` and `kind`) by labels of its own, if the table has it. */
export function operatorKindOf(object: { readonly apiVersion?: unknown; readonly kind?: unknown } | undefined): OperatorKind | undefined {
  const key = groupKindKey(object);
  return key === undefined ? undefined : BY_KIND.get(key);
}

/**
 * Whether pods of `pods` carry every pair of the selector: it names at least one of their fixed pairs or of the labels
 * the resource's spec gives them (`given`), and each other key is one of theirs with a value they can carry. A selector
 * of varying keys only (`role: fronted`, a misspelt `role: frontend` beside a CloudNativePG Cluster) is not taken for
 * the operator's. A Service of `app: pg` and `cnpg.io/cluster: pg` selects the instance pods of a Cluster whose
 * `spec.inheritedMetadata.labels` hold `app: pg`; one of `tier: masters` and the data node set's StatefulSet name does
 * not select anything when only the master node set's pod template holds `tier: masters`.
 */
export function operatorPodsSelected(pods: OperatorPods, selector: { readonly [key: string]: string }): boolean {
  const has = (map: { readonly [key: string]: string } | undefined, k: string) =>
    map !== undefined && Object.prototype.hasOwnProperty.call(map, k) && map[k] === selector[k];
  let anchored = false;
  for (const k of Object.keys(selector)) {
    if (has(pods.pairs, k) || has(pods.given, k)) anchored = true;
    else if (pods.anyValue.includes(k)) continue;
    else if (!Object.prototype.hasOwnProperty.call(pods.oneOf, k) || !pods.oneOf[k].includes(selector[k])) return false;
  }
  return anchored;
}
