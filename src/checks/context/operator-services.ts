/**
 * Services that operators make from their custom resources, by the names their documentation gives: an Ingress, a
 * route or a workload of the input that uses `kibana-kb-http` beside a Kibana named `kibana`, or `prometheus-operated`
 * beside a Prometheus, names a Service that the cluster built from the input has, although the input does not hold it
 * (the custom resource needs its operator installed). The checker cannot run the operator, so such a name is taken to
 * exist and is not judged further. Only the documented, fixed names of widely used operators are listed; a name that
 * merely starts with a resource's name is not taken (a typo beside a resource must stay a finding). Not a rule.
 *
 * Sources:
 * - prometheus-operator: the governing Services `prometheus-operated`, `alertmanager-operated`, `thanos-ruler-operated`
 *   (Documentation, "Exposing Prometheus and Alertmanager"; pkg/prometheus/server/statefulset.go governingServiceName).
 * - ECK: `<name>-es-http`, `-es-transport`, `-es-internal-http`, `-kb-http`, `-apm-http`, `-ent-http`, `-agent-http`,
 *   `-ems-http` (ECK docs, "Accessing Elastic Stack services"; config/recipes of elastic/cloud-on-k8s). Logstash:
 *   `<name>-ls-api`, and `<name>-ls-<service>` for each of `spec.services[].name` (pkg/apis/logstash/v1alpha1 name.go
 *   APIServiceName, UserServiceName; pkg/controller/logstash service.go reconcileServices makes every listed Service
 *   and the API one; config/recipes/logstash's Beat sends to `logstash-ls-beats:5044`).
 * - MinIO Operator: `minio`, `<tenant>-console`, `<tenant>-hl` (minio/operator docs, examples/kustomization).
 * - Strimzi: `<name>-kafka-bootstrap`, `-kafka-brokers`, `-kafka-external-bootstrap`, `-zookeeper-client`,
 *   `-zookeeper-nodes`, KafkaConnect `<name>-connect-api`, KafkaBridge `<name>-bridge-service` (Strimzi docs,
 *   "Configuring Kafka" listeners and the Services the Cluster Operator creates).
 * - RabbitMQ Cluster Operator: `<name>`, `<name>-nodes`; CloudNativePG: `<name>-rw`, `-ro`, `-r` (less those
 *   `spec.managed.services.disabledDefaultServices` lists), the `serviceTemplate.metadata.name` of each of
 *   `spec.managed.services.additional`, and a Pooler's `<name>` (docs "Service management"; pkg/specs/pgbouncer
 *   services.go Service: `Name: pooler.Name`); Zalando Postgres
 *   Operator: `<name>`, `<name>-repl`, `<name>-pooler`, `<name>-pooler-repl` (each operator's "connecting to the
 *   cluster" docs).
 * - OpenTelemetry Operator: OpenTelemetryCollector `<name>-collector`, `-collector-headless`, `-collector-monitoring`,
 *   and `<name>-targetallocator` when `spec.targetAllocator.enabled` is true (the docs' "Target Allocator": "the
 *   Operator will create a new deployment and service"); TargetAllocator `<name>-targetallocator`; OpAMPBridge
 *   `<name>-opamp-bridge` (internal/naming/main.go: Service, HeadlessService, MonitoringService, TAService,
 *   OpAMPBridgeService).
 * - Jaeger Operator: `<name>-query`, `-collector`, `-collector-headless`, `-agent` (pkg/service/query.go,
 *   collector.go, agent.go; which of them exist depends on the strategy, all are listed).
 * - Knative Serving: a Service (serving.knative.dev, not the core kind) makes a Route of its name, and a Route makes
 *   the Kubernetes Service of its name (pkg/reconciler/service/resources/names, route/resources/names K8sService;
 *   the docs' cluster-local URL `http://<name>.<namespace>.svc.cluster.local`). Revisions' Services are left out:
 *   their names are generated.
 * - Grafana Operator v5: `<name>-service` (controllers/model GetGrafanaService).
 * - MongoDB Community Operator: `<name>-svc`, or `spec.statefulSet.spec.serviceName` when set (api/v1
 *   MongoDBCommunity.ServiceName).
 * - Percona Server for MongoDB Operator: `<name>-<replset>` for each of `spec.replsets`, `<name>-cfg`, `<name>-mongos`
 *   (pkg/psmdb/service.go `Service`: `cr.Name + "-" + replset.Name`; `MongosHost`: `cr.Name + "-mongos"`).
 * - Keycloak Operator: `<name>-service`, `<name>-discovery` (operator Constants KEYCLOAK_SERVICE_SUFFIX,
 *   KEYCLOAK_DISCOVERY_SERVICE_SUFFIX; KeycloakServiceDependentResource.getServiceName).
 * - EMQX Operator v2: EMQX (apps.emqx.io v2alpha1, v2beta1) `<name>-headless`, `<name>-dashboard`,
 *   `<name>-listeners` (apis/apps/v2beta1 names.go HeadlessServiceNamespacedName, DashboardServiceNamespacedName,
 *   ListenersServiceNamespacedName), which home-lab repositories route to (an Ingress to `emqx-dashboard:18083`)
 *   while the operator runs in a namespace of its own (`emqx-operator-system`); in v2alpha1 the `metadata.name` of
 *   `spec.dashboardServiceTemplate` and `spec.listenersServiceTemplate`, when set, names those two instead.
 * - Spotahome Redis Operator: RedisFailover `rfs-<name>` (sentinels), `rfr-<name>`, `rfrm-<name>`, `rfrs-<name>`
 *   (README, "the following elements created inside Kubernetes"; operator/redisfailover/service names.go and
 *   constants.go).
 *
 * - cass-operator (K8ssandra): CassandraDatacenter `<cluster>-seed-service`, `<cluster>-<dc>-service`,
 *   `-all-pods-service`, `-additional-seed-service` (releases before the EndpointSlice seeds made it only when
 *   `spec.additionalSeeds` lists any), `-node-port-service` when `spec.networking.nodePort` is set, where `<cluster>` is `spec.clusterName` and `<dc>` is `status.datacenterName`
 *   when a live export holds it, else `metadata.name`, each through CleanupForKubernetes (k8ssandra/cass-operator
 *   apis/cassandra/v1beta1 cassandradatacenter_types.go GetSeedServiceName, GetDatacenterServiceName,
 *   GetAllPodsServiceName, GetAdditionalSeedsServiceName, GetNodePortServiceName, LabelResourceName;
 *   pkg/reconciliation/reconcile_services.go CheckHeadlessServices). `spec.datacenterName` renames the Cassandra
 *   datacenter only, not the Services.
 * - k8ssandra-operator: K8ssandraCluster, the CassandraDatacenter it makes for each of `spec.cassandra.datacenters` in
 *   its own namespace, with `spec.cassandra.clusterName` or else its own name as the cluster (apis/k8ssandra/v1alpha1
 *   CassClusterName; pkg/cassandra/datacenter.go NewDatacenter, Coalesce), and `<cluster>-<dc>-stargate-service` where
 *   Stargate is configured for the cluster or the datacenter (pkg/stargate ServiceName; StargateDatacenterTemplate
 *   Coalesce). Datacenters with a `k8sContext` may run in another Kubernetes cluster; they are counted too, since the
 *   input does not say which context is this one.
 * - Altinity ClickHouse Operator: ClickHouseInstallation `clickhouse-<name>` (pkg/model/chi/namer patterns.go
 *   patternCRServiceName `clickhouse-{chi}`, name.go createCHIServiceName), or the `generateName` of the service
 *   template that `spec.defaults.templates.serviceTemplate` names, with `{chi}` and `{namespace}` expanded; and for
 *   each cluster of `spec.configuration.clusters` laid out only by `shardsCount` and `replicasCount`, one Service per
 *   host `chi-<name>-<cluster>-<shard>-<replica>` with the indexes from 0 (patternStatefulSetServiceName
 *   `chi-{chi}-{cluster}-{host}`, createHostName `<shard>-<replica>`, createShardName and createReplicaName: the index;
 *   short/namer.go cuts the name to 60, the cluster and the host to 15 characters and trims `-_.` from their ends).
 *   Clusters that list `shards` or `replicas` (which may name hosts) and hosts whose `replicaServiceTemplate` has its
 *   own `generateName` are left out, and so are the hosts after the first 64 of a resource (MAX_ENTRIES).
 * - Dragonfly Operator: Dragonfly (dragonflydb.io) `spec.serviceSpec.name`, else `<name>` (internal/resources
 *   resources.go GetDragonflyResources `serviceName`).
 * - Dapr: not a custom resource. The Dapr operator makes `<app-id>-dapr` for each Deployment and StatefulSet (and Argo
 *   Rollout, when its Rollout reconciler is enabled) whose pod template has the annotations `dapr.io/enabled` (y, yes,
 *   true, t, on or 1, in any case) and `dapr.io/app-id` (dapr/dapr pkg/operator/handlers/dapr_handler.go
 *   daprServiceName `appID + "-dapr"`, isAnnotatedForDapr, getAppID; wrappers.go). The sidecar injector makes no
 *   Service. So those workload kinds are in the table below too.
 *
 * More operators' tables, in the same shape (context/operator-kind.ts): operator-services-databases.ts (the Opstree
 * Redis Operator, the Apache Solr Operator, TiDB Operator, Crunchy PGO, the ScyllaDB Operator),
 * operator-services-sql.ts (the MariaDB Operator with MaxScale, the Percona Operator for MySQL),
 * operator-services-analytics.ts (the Flink Kubernetes Operator, the Loki Operator, the Tempo Operator, the Spark
 * operator, Kubeflow Notebooks, KubeRay) and operator-services-delivery.ts (Flagger, Istio's IstioOperator, KServe).
 *
 * An operator that truncates long names to 63 characters (OpenTelemetry, Jaeger) makes other names from a resource
 * name that long; those are not listed, so a use of them stays a finding.
 */
import { field, MAX_ENTRIES, OperatorKind, suffixed } from './operator-kind';
import { OPERATOR_KINDS_ANALYTICS } from './operator-services-analytics';
import { OPERATOR_KINDS_DATABASES } from './operator-services-databases';
import { OPERATOR_KINDS_DELIVERY } from './operator-services-delivery';
import { OPERATOR_KINDS_SQL } from './operator-services-sql';
import { isDns1035Label } from '../../k8s-syntax/names';
import type { ClusterModel } from '../../model/cluster-model';
import { groupKindKey } from '../../model/indexes';
import { asArray, asNumber, asRecord, nonEmptyString, stringMapGet } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';

/** OpenTelemetryCollector: its three Services, and the Target Allocator's when that is enabled. */
function otelCollector(name: string, object: Record<string, unknown>): readonly string[] {
  const services = suffixed('-collector', '-collector-headless', '-collector-monitoring')(name);
  return field(object, 'spec', 'targetAllocator', 'enabled') === true ? [...services, `${name}-targetallocator`] : services;
}

/** MongoDBCommunity's Service: `spec.statefulSet.spec.serviceName`, else `<name>-svc` (also its pods' `app` label). */
export function mongoDbCommunityService(name: string, object: Record<string, unknown>): string {
  return nonEmptyString(field(object, 'spec', 'statefulSet', 'spec', 'serviceName')) ?? `${name}-svc`;
}

/**
 * PerconaServerMongoDB: a headless Service `<name>-<replset>` for each of `spec.replsets[].name` (at most 64 read),
 * and, when `spec.sharding.enabled` is true, `<name>-cfg` for the config servers' replica set and `<name>-mongos`.
 */
function perconaMongoDb(name: string, object: Record<string, unknown>): readonly string[] {
  const replsets = field(object, 'spec', 'replsets');
  const out = field(object, 'spec', 'sharding', 'enabled') === true ? [`${name}-cfg`, `${name}-mongos`] : [];
  if (Array.isArray(replsets)) {
    for (const r of replsets.slice(0, 64)) {
      const rs = nonEmptyString(asRecord(r)?.name);
      if (rs !== undefined) out.push(`${name}-${rs}`);
    }
  }
  return out;
}

/** The longest Service name (a DNS-1035 label): a longer name made from a resource is no Service. */
const MAX_SERVICE_NAME = 63;

/**
 * Names longer than this (the longest object name, a DNS-1123 subdomain) are not read: a resource's `metadata.name`
 * (the API server rejects a longer one) and a Cassandra cluster name. Each is repeated in the names of every entry
 * of a list of up to MAX_ENTRIES (`<name>-<replset>`, `<cluster>-<dc>-service`, the cluster cleaned once per
 * datacenter), so a name of 2 MB beside 64 entries took 6 s and 1 GB; names that long make no Service.
 */
const MAX_NAME_READ = 253;

/** ECK Logstash: `<name>-ls-api` and `<name>-ls-<service>` for each of `spec.services[].name` (at most 64 read). */
function eckLogstash(name: string, object: Record<string, unknown>): readonly string[] {
  const out = [`${name}-ls-api`];
  for (const entry of asArray(field(object, 'spec', 'services')).slice(0, MAX_ENTRIES)) {
    const service = nonEmptyString(asRecord(entry)?.name);
    if (service !== undefined) out.push(`${name}-ls-${service}`);
  }
  return out;
}

/**
 * cass-operator's CleanupForKubernetes: a DNS-1035 label is kept; anything else is lower-cased, `_` becomes `-`, and
 * the matches of `[a-z]([-a-z0-9]*[a-z0-9])?` are joined (`Test_Cluster A` -> `test-clustera`, `dc.east` -> `dceast`).
 */
function cassCleanup(name: string): string {
  if (isDns1035Label(name)) return name;
  return (name.toLowerCase().replace(/_/g, '-').match(/[a-z](?:[-a-z0-9]*[a-z0-9])?/g) ?? []).join('');
}

/** The Services of a CassandraDatacenter of cluster `cluster` whose datacenter's Kubernetes name is `dc`. */
function cassDcServices(cluster: string, dc: string, nodePort: boolean): string[] {
  const prefix = `${cassCleanup(cluster)}-${cassCleanup(dc)}`;
  const out = [`${cassCleanup(cluster)}-seed-service`, `${prefix}-service`, `${prefix}-all-pods-service`, `${prefix}-additional-seed-service`];
  if (nodePort) out.push(`${prefix}-node-port-service`);
  return out;
}

/** CassandraDatacenter: named after `spec.clusterName` and `status.datacenterName` (set in live exports) or its name. */
function cassandraDatacenter(name: string, object: Record<string, unknown>): readonly string[] {
  const cluster = nonEmptyString(field(object, 'spec', 'clusterName'));
  if (!cluster || cluster.length > MAX_NAME_READ) return [];
  const dc = nonEmptyString(field(object, 'status', 'datacenterName')) ?? name;
  return cassDcServices(cluster, dc, asRecord(field(object, 'spec', 'networking', 'nodePort')) !== undefined);
}

/** K8ssandraCluster: the CassandraDatacenters it makes in its own namespace, and their Stargate Services. */
function k8ssandraCluster(name: string, object: Record<string, unknown>, namespace: string): readonly string[] {
  const cassandra = asRecord(field(object, 'spec', 'cassandra')) ?? {};
  const cluster = nonEmptyString(cassandra.clusterName) ?? name;
  if (cluster.length > MAX_NAME_READ) return []; // cleaned once per datacenter: see MAX_NAME_READ
  const clusterNodePort = asRecord(field(cassandra, 'networking', 'nodePort')) !== undefined;
  const clusterStargate = asRecord(field(object, 'spec', 'stargate')) !== undefined;
  const out: string[] = [];
  for (const entry of asArray(cassandra.datacenters).slice(0, MAX_ENTRIES)) {
    const dc = asRecord(entry);
    const dcName = nonEmptyString(field(dc, 'metadata', 'name'));
    const dcNamespace = nonEmptyString(field(dc, 'metadata', 'namespace'));
    if (!dc || !dcName || (dcNamespace !== undefined && dcNamespace !== namespace)) continue;
    for (const service of cassDcServices(cluster, dcName, clusterNodePort || asRecord(field(dc, 'networking', 'nodePort')) !== undefined)) out.push(service);
    if (clusterStargate || asRecord(dc.stargate) !== undefined) out.push(cassCleanup(`${cluster}-${dcName}-stargate-service`));
  }
  return out;
}

/** The ClickHouse Operator's name part (short/namer.go): the first `max` characters, without `-`, `_`, `.` at the ends. */
function chopPart(part: string, max: number): string {
  return part.slice(0, max).replace(/^[-_.]+|[-_.]+$/g, '');
}

/** The `generateName` of the service template named `template` in `spec.templates.serviceTemplates`, if any. */
function chiGenerateName(object: Record<string, unknown>, template: unknown): string | undefined {
  const wanted = nonEmptyString(template);
  if (!wanted) return undefined;
  const found = asArray(field(object, 'spec', 'templates', 'serviceTemplates')).find((t) => asRecord(t)?.name === wanted);
  return nonEmptyString(asRecord(found)?.generateName);
}

/** A layout's count (`shardsCount`, `replicasCount`): a whole number of at least 1, else 1. */
function layoutCount(value: unknown): number {
  const n = asNumber(value);
  return n !== undefined && Number.isInteger(n) && n >= 1 ? n : 1;
}

/** ClickHouseInstallation: its root Service, and one Service per host of the clusters laid out by counts only. */
function clickHouseInstallation(name: string, object: Record<string, unknown>, namespace: string): readonly string[] {
  const chi = chopPart(name, 60);
  const defaults = field(object, 'spec', 'defaults', 'templates');
  const rootPattern = chiGenerateName(object, field(defaults, 'serviceTemplate')) ?? 'clickhouse-{chi}';
  const root = rootPattern.replace(/\{chi\}/g, chi).replace(/\{namespace\}/g, chopPart(namespace, 60));
  const out = root.includes('{') ? [] : [root];
  let hosts = 0;
  for (const entry of asArray(field(object, 'spec', 'configuration', 'clusters')).slice(0, MAX_ENTRIES)) {
    const cluster = asRecord(entry);
    const clusterName = nonEmptyString(cluster?.name);
    const layout = asRecord(cluster?.layout) ?? {};
    const hostTemplate = field(cluster, 'templates', 'replicaServiceTemplate') ?? field(defaults, 'replicaServiceTemplate');
    if (!clusterName || layout.shards !== undefined || layout.replicas !== undefined || chiGenerateName(object, hostTemplate)) continue;
    const shards = layoutCount(layout.shardsCount);
    const replicas = layoutCount(layout.replicasCount);
    // at most MAX_ENTRIES hosts per resource, over all its clusters (64 clusters of 64 hosts each made 4,096 names per
    // resource: 3,000 such resources, 8 MB of YAML, took 3 GB)
    for (let i = 0; i < shards && hosts < MAX_ENTRIES; i++) {
      for (let j = 0; j < replicas && hosts < MAX_ENTRIES; j++, hosts++) out.push(`chi-${chi}-${chopPart(clusterName, 15)}-${chopPart(`${i}-${j}`, 15)}`);
    }
  }
  return out;
}

/**
 * CloudNativePG Cluster: `<name>-rw`, and `-ro`, `-r` unless `spec.managed.services.disabledDefaultServices` lists
 * them; and the `serviceTemplate.metadata.name` of each of `spec.managed.services.additional` (at most 64 read).
 */
function cnpgCluster(name: string, object: Record<string, unknown>): readonly string[] {
  const managed = field(object, 'spec', 'managed', 'services');
  const disabled = asArray(field(managed, 'disabledDefaultServices'));
  const out = [`${name}-rw`, ...['ro', 'r'].filter((s) => !disabled.includes(s)).map((s) => `${name}-${s}`)];
  for (const entry of asArray(field(managed, 'additional')).slice(0, MAX_ENTRIES)) {
    const service = nonEmptyString(field(entry, 'serviceTemplate', 'metadata', 'name'));
    if (service !== undefined) out.push(service);
  }
  return out;
}

/**
 * EMQX: `<name>-headless`, and `<name>-dashboard`, `<name>-listeners`, which in v2alpha1 the `metadata.name` of
 * `spec.dashboardServiceTemplate` and `spec.listenersServiceTemplate` replace when set.
 */
function emqx(name: string, object: Record<string, unknown>): readonly string[] {
  const v2alpha1 = object.apiVersion === 'apps.emqx.io/v2alpha1';
  const named = (template: string, suffix: string) =>
    (v2alpha1 ? nonEmptyString(field(object, 'spec', template, 'metadata', 'name')) : undefined) ?? `${name}${suffix}`;
  return [`${name}-headless`, named('dashboardServiceTemplate', '-dashboard'), named('listenersServiceTemplate', '-listeners')];
}

/** The values of `dapr.io/enabled` that Dapr reads as true (dapr/kit utils.IsTruthy, after trimming, in any case). */
const DAPR_TRUTHY: ReadonlySet<string> = new Set(['y', 'yes', 'true', 't', 'on', '1']);

/** A workload whose pod template is annotated for Dapr: `<app-id>-dapr`. */
function daprService(_name: string, object: Record<string, unknown>): readonly string[] {
  const annotations = field(object, 'spec', 'template', 'metadata', 'annotations');
  const enabled = stringMapGet(annotations, 'dapr.io/enabled');
  const appId = nonEmptyString(stringMapGet(annotations, 'dapr.io/app-id'));
  return appId && enabled !== undefined && DAPR_TRUTHY.has(enabled.trim().toLowerCase()) ? [`${appId}-dapr`] : [];
}

const KINDS: readonly OperatorKind[] = [
  { group: 'monitoring.coreos.com', kind: 'Prometheus', services: () => ['prometheus-operated'] },
  { group: 'monitoring.coreos.com', kind: 'Alertmanager', services: () => ['alertmanager-operated'] },
  { group: 'monitoring.coreos.com', kind: 'ThanosRuler', services: () => ['thanos-ruler-operated'] },
  { group: 'elasticsearch.k8s.elastic.co', kind: 'Elasticsearch', services: suffixed('-es-http', '-es-transport', '-es-internal-http') },
  { group: 'kibana.k8s.elastic.co', kind: 'Kibana', services: suffixed('-kb-http') },
  { group: 'apm.k8s.elastic.co', kind: 'ApmServer', services: suffixed('-apm-http') },
  { group: 'enterprisesearch.k8s.elastic.co', kind: 'EnterpriseSearch', services: suffixed('-ent-http') },
  { group: 'agent.k8s.elastic.co', kind: 'Agent', services: suffixed('-agent-http') },
  { group: 'maps.k8s.elastic.co', kind: 'ElasticMapsServer', services: suffixed('-ems-http') },
  { group: 'logstash.k8s.elastic.co', kind: 'Logstash', services: eckLogstash },
  { group: 'minio.min.io', kind: 'Tenant', services: (name) => ['minio', `${name}-console`, `${name}-hl`] },
  {
    group: 'kafka.strimzi.io',
    kind: 'Kafka',
    services: suffixed('-kafka-bootstrap', '-kafka-brokers', '-kafka-external-bootstrap', '-zookeeper-client', '-zookeeper-nodes'),
  },
  { group: 'kafka.strimzi.io', kind: 'KafkaConnect', services: suffixed('-connect-api') },
  { group: 'kafka.strimzi.io', kind: 'KafkaBridge', services: suffixed('-bridge-service') },
  { group: 'rabbitmq.com', kind: 'RabbitmqCluster', services: suffixed('', '-nodes') },
  { group: 'postgresql.cnpg.io', kind: 'Cluster', services: cnpgCluster },
  { group: 'postgresql.cnpg.io', kind: 'Pooler', services: suffixed('') },
  { group: 'acid.zalan.do', kind: 'postgresql', services: suffixed('', '-repl', '-pooler', '-pooler-repl') },
  { group: 'opentelemetry.io', kind: 'OpenTelemetryCollector', services: otelCollector },
  { group: 'opentelemetry.io', kind: 'TargetAllocator', services: suffixed('-targetallocator') },
  { group: 'opentelemetry.io', kind: 'OpAMPBridge', services: suffixed('-opamp-bridge') },
  { group: 'jaegertracing.io', kind: 'Jaeger', services: suffixed('-query', '-collector', '-collector-headless', '-agent') },
  { group: 'serving.knative.dev', kind: 'Service', services: suffixed('') },
  { group: 'serving.knative.dev', kind: 'Route', services: suffixed('') },
  { group: 'grafana.integreatly.org', kind: 'Grafana', services: suffixed('-service') },
  { group: 'mongodbcommunity.mongodb.com', kind: 'MongoDBCommunity', services: (name, object) => [mongoDbCommunityService(name, object)] },
  { group: 'psmdb.percona.com', kind: 'PerconaServerMongoDB', services: perconaMongoDb },
  { group: 'k8s.keycloak.org', kind: 'Keycloak', services: suffixed('-service', '-discovery') },
  { group: 'apps.emqx.io', kind: 'EMQX', services: emqx },
  { group: 'databases.spotahome.com', kind: 'RedisFailover', services: (name) => ['rfs', 'rfr', 'rfrm', 'rfrs'].map((p) => `${p}-${name}`) },
  { group: 'cassandra.datastax.com', kind: 'CassandraDatacenter', services: cassandraDatacenter },
  { group: 'k8ssandra.io', kind: 'K8ssandraCluster', services: k8ssandraCluster },
  { group: 'clickhouse.altinity.com', kind: 'ClickHouseInstallation', services: clickHouseInstallation },
  { group: 'dragonflydb.io', kind: 'Dragonfly', services: (name, object) => [nonEmptyString(field(object, 'spec', 'serviceSpec', 'name')) ?? name] },
  { group: 'apps', kind: 'Deployment', services: daprService },
  { group: 'extensions', kind: 'Deployment', services: daprService },
  { group: 'apps', kind: 'StatefulSet', services: daprService },
  { group: 'argoproj.io', kind: 'Rollout', services: daprService },
];

/** `group NUL kind` -> the operator kind. */
const BY_KIND: ReadonlyMap<string, OperatorKind> = new Map([...KINDS, ...OPERATOR_KINDS_DATABASES, ...OPERATOR_KINDS_ANALYTICS, ...OPERATOR_KINDS_DELIVERY, ...OPERATOR_KINDS_SQL].map((k) => [`${k.group}\u0000${k.kind}`, k]));

/** The Services operators make from the input's resources, read once per check run (`ctx.serviceMadeInCluster`). */
export class OperatorServices {
  /** `namespace NUL service` -> the first resource of the input whose operator makes that Service. */
  private readonly makers = new Map<string, NamespacedObject>();

  public constructor(model: ClusterModel) {
    const objects = model.objects;
    for (let i = 0; i < objects.length; i++) { // indexed: see src/model/scan.ts
      const o = objects[i];
      const kindKey = groupKindKey(o.object); // the core group (`v1`) makes none
      const known = kindKey === undefined ? undefined : BY_KIND.get(kindKey);
      const name = nonEmptyString(asRecord(o.object.metadata)?.name);
      if (!known || !name || name.length > MAX_NAME_READ) continue;
      for (const made of known.services(name, o.object, o.namespace)) {
        const [namespace, service] = typeof made === 'string' ? [o.namespace, made] : [made.namespace, made.name];
        if (service.length > MAX_SERVICE_NAME || namespace.length > MAX_SERVICE_NAME) continue; // and its key is never built
        const key = `${namespace}\u0000${service}`;
        if (!this.makers.has(key)) this.makers.set(key, o);
      }
    }
  }

  /** The custom resource whose operator makes Service `name` in `namespace`, if the input holds one. */
  public maker(namespace: string, name: string): NamespacedObject | undefined {
    return this.makers.get(`${namespace}\u0000${name}`);
  }
}
