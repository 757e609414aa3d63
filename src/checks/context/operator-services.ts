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
 *   `-ems-http` (ECK docs, "Accessing Elastic Stack services"; config/recipes of elastic/cloud-on-k8s).
 * - MinIO Operator: `minio`, `<tenant>-console`, `<tenant>-hl` (minio/operator docs, examples/kustomization).
 * - Strimzi: `<name>-kafka-bootstrap`, `-kafka-brokers`, `-kafka-external-bootstrap`, `-zookeeper-client`,
 *   `-zookeeper-nodes`, KafkaConnect `<name>-connect-api`, KafkaBridge `<name>-bridge-service` (Strimzi docs,
 *   "Configuring Kafka" listeners and the Services the Cluster Operator creates).
 * - RabbitMQ Cluster Operator: `<name>`, `<name>-nodes`; CloudNativePG: `<name>-rw`, `-ro`, `-r`; Zalando Postgres
 *   Operator: `<name>`, `<name>-repl`, `<name>-pooler`, `<name>-pooler-repl`; Crunchy PGO: `<name>-primary`,
 *   `-replicas`, `-pgbouncer`, `-ha` (each operator's "connecting to the cluster" docs).
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
 * - MariaDB Operator: `<name>`, `-primary`, `-secondary`, `-internal` (api MariaDB InternalServiceKey,
 *   PrimaryServiceKey, SecondaryServiceKey), in the groups k8s.mariadb.com and the older mariadb.mmontes.io.
 * - MongoDB Community Operator: `<name>-svc`, or `spec.statefulSet.spec.serviceName` when set (api/v1
 *   MongoDBCommunity.ServiceName).
 * - Percona XtraDB Cluster Operator: `<name>-pxc`, `-pxc-unready`, `-haproxy`, `-haproxy-replicas`, `-proxysql`,
 *   `-proxysql-unready` (docs, "Exposing cluster" and "Services and ports"; ProxySQLServiceNamespacedName,
 *   HaproxyServiceNamespacedName and the others in pkg/apis/pxc/v1).
 * - Percona Server for MongoDB Operator: `<name>-<replset>` for each of `spec.replsets`, `<name>-cfg`, `<name>-mongos`
 *   (pkg/psmdb/service.go `Service`: `cr.Name + "-" + replset.Name`; `MongosHost`: `cr.Name + "-mongos"`).
 * - Keycloak Operator: `<name>-service`, `<name>-discovery` (operator Constants KEYCLOAK_SERVICE_SUFFIX,
 *   KEYCLOAK_DISCOVERY_SERVICE_SUFFIX; KeycloakServiceDependentResource.getServiceName).
 * - Spotahome Redis Operator: RedisFailover `rfs-<name>` (sentinels), `rfr-<name>`, `rfrm-<name>`, `rfrs-<name>`
 *   (README, "the following elements created inside Kubernetes"; operator/redisfailover/service names.go and
 *   constants.go).
 *
 * An operator that truncates long names to 63 characters (OpenTelemetry, Jaeger) makes other names from a resource
 * name that long; those are not listed, so a use of them stays a finding.
 */
import type { ClusterModel } from '../../model/cluster-model';
import { apiGroup } from '../../model/indexes';
import { asRecord, nonEmptyString } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';

/** An operator's resource kind and the Services it makes from a resource named `name` (the whole object: untyped YAML). */
interface OperatorKind {
  /** The API group (exact). */
  readonly group: string;
  readonly kind: string;
  readonly services: (name: string, object: Record<string, unknown>) => readonly string[];
}

const suffixed = (...suffixes: string[]) => (name: string) => suffixes.map((s) => `${name}${s}`);

/** The value at `path` under `object`, each step read defensively (undefined where a step is missing or no map). */
function field(object: Record<string, unknown>, ...path: string[]): unknown {
  let at: unknown = object;
  for (const key of path) at = asRecord(at)?.[key];
  return at;
}

/** OpenTelemetryCollector: its three Services, and the Target Allocator's when that is enabled. */
function otelCollector(name: string, object: Record<string, unknown>): readonly string[] {
  const services = suffixed('-collector', '-collector-headless', '-collector-monitoring')(name);
  return field(object, 'spec', 'targetAllocator', 'enabled') === true ? [...services, `${name}-targetallocator`] : services;
}

/** MongoDBCommunity: `spec.statefulSet.spec.serviceName`, else `<name>-svc`. */
function mongoDbCommunity(name: string, object: Record<string, unknown>): readonly string[] {
  return [nonEmptyString(field(object, 'spec', 'statefulSet', 'spec', 'serviceName')) ?? `${name}-svc`];
}

const mariaDb = suffixed('', '-primary', '-secondary', '-internal');

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
  { group: 'minio.min.io', kind: 'Tenant', services: (name) => ['minio', `${name}-console`, `${name}-hl`] },
  {
    group: 'kafka.strimzi.io',
    kind: 'Kafka',
    services: suffixed('-kafka-bootstrap', '-kafka-brokers', '-kafka-external-bootstrap', '-zookeeper-client', '-zookeeper-nodes'),
  },
  { group: 'kafka.strimzi.io', kind: 'KafkaConnect', services: suffixed('-connect-api') },
  { group: 'kafka.strimzi.io', kind: 'KafkaBridge', services: suffixed('-bridge-service') },
  { group: 'rabbitmq.com', kind: 'RabbitmqCluster', services: suffixed('', '-nodes') },
  { group: 'postgresql.cnpg.io', kind: 'Cluster', services: suffixed('-rw', '-ro', '-r') },
  { group: 'acid.zalan.do', kind: 'postgresql', services: suffixed('', '-repl', '-pooler', '-pooler-repl') },
  { group: 'postgres-operator.crunchydata.com', kind: 'PostgresCluster', services: suffixed('-primary', '-replicas', '-pgbouncer', '-ha') },
  { group: 'opentelemetry.io', kind: 'OpenTelemetryCollector', services: otelCollector },
  { group: 'opentelemetry.io', kind: 'TargetAllocator', services: suffixed('-targetallocator') },
  { group: 'opentelemetry.io', kind: 'OpAMPBridge', services: suffixed('-opamp-bridge') },
  { group: 'jaegertracing.io', kind: 'Jaeger', services: suffixed('-query', '-collector', '-collector-headless', '-agent') },
  { group: 'serving.knative.dev', kind: 'Service', services: suffixed('') },
  { group: 'serving.knative.dev', kind: 'Route', services: suffixed('') },
  { group: 'grafana.integreatly.org', kind: 'Grafana', services: suffixed('-service') },
  { group: 'k8s.mariadb.com', kind: 'MariaDB', services: mariaDb },
  { group: 'mariadb.mmontes.io', kind: 'MariaDB', services: mariaDb },
  { group: 'mongodbcommunity.mongodb.com', kind: 'MongoDBCommunity', services: mongoDbCommunity },
  {
    group: 'pxc.percona.com',
    kind: 'PerconaXtraDBCluster',
    services: suffixed('-pxc', '-pxc-unready', '-haproxy', '-haproxy-replicas', '-proxysql', '-proxysql-unready'),
  },
  { group: 'psmdb.percona.com', kind: 'PerconaServerMongoDB', services: perconaMongoDb },
  { group: 'k8s.keycloak.org', kind: 'Keycloak', services: suffixed('-service', '-discovery') },
  { group: 'databases.spotahome.com', kind: 'RedisFailover', services: (name) => ['rfs', 'rfr', 'rfrm', 'rfrs'].map((p) => `${p}-${name}`) },
];

/** `group NUL kind` -> the operator kind. */
const BY_KIND: ReadonlyMap<string, OperatorKind> = new Map(KINDS.map((k) => [`${k.group}\u0000${k.kind}`, k]));

/** The Services operators make from the input's custom resources, read once per check run (`ctx.operatorService`). */
export class OperatorServices {
  /** `namespace NUL service` -> the first resource of the input whose operator makes that Service. */
  private readonly makers = new Map<string, NamespacedObject>();

  public constructor(model: ClusterModel) {
    const objects = model.objects;
    for (let i = 0; i < objects.length; i++) { // indexed: see src/model/scan.ts
      const o = objects[i];
      const apiVersion = nonEmptyString(o.object?.apiVersion);
      const kind = nonEmptyString(o.object?.kind);
      if (!apiVersion || !kind || !apiVersion.includes('.')) continue;
      const known = BY_KIND.get(`${apiGroup(apiVersion)}\u0000${kind}`);
      const name = nonEmptyString(asRecord(o.object.metadata)?.name);
      if (!known || !name) continue;
      for (const service of known.services(name, o.object)) {
        const key = `${o.namespace}\u0000${service}`;
        if (!this.makers.has(key)) this.makers.set(key, o);
      }
    }
  }

  /** The custom resource whose operator makes Service `name` in `namespace`, if the input holds one. */
  public maker(namespace: string, name: string): NamespacedObject | undefined {
    return this.makers.get(`${namespace}\u0000${name}`);
  }
}
