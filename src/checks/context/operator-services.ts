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
 */
import type { ClusterModel } from '../../model/cluster-model';
import { apiGroup } from '../../model/indexes';
import { asRecord, nonEmptyString } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';

/** An operator's resource kind and the Services it makes from a resource named `name`. */
interface OperatorKind {
  /** The API group (exact). */
  readonly group: string;
  readonly kind: string;
  readonly services: (name: string) => readonly string[];
}

const suffixed = (...suffixes: string[]) => (name: string) => suffixes.map((s) => `${name}${s}`);

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
      for (const service of known.services(name)) {
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
