/**
 * Services that stream-processing, log-analytics and data-science operators make from their custom resources (the
 * table shape and the rules of context/operator-services.ts: each name counts in the resource's namespace, names over
 * 63 characters are none).
 *
 * Sources:
 * - Flink Kubernetes Operator (flink.apache.org): FlinkDeployment `<name>-rest`, the JobManager's REST Service that
 *   Flink's native Kubernetes integration makes for the cluster id, which the operator sets to the resource's name
 *   (flink-kubernetes ExternalServiceDecorator.getExternalServiceName: `clusterId + "-rest"`). The internal
 *   `<name>` Service exists only without high availability and is left out.
 * - Loki Operator (loki.grafana.com): LokiStack `<name>-<component>-http` and `-grpc` for the distributor, ingester,
 *   querier, query-frontend, compactor and index-gateway, and for the ruler when `spec.rules.enabled` is true; and
 *   `<name>-gateway-http` (grafana/loki operator/internal/manifests/var.go serviceNameDistributorHTTP ...
 *   serviceNameRulerGRPC, serviceNameGatewayHTTP).
 * - Tempo Operator (tempo.grafana.com), names `tempo-<name>-<component>` (internal/manifests/naming naming.go Name):
 *   TempoStack `-distributor`, `-ingester`, `-querier`, `-query-frontend`, `-query-frontend-discovery`, `-compactor`,
 *   `-gossip-ring` (the component manifests and memberlist/gossip.go BuildGossip; config/build.go joins
 *   `gossip-ring` and `query-frontend-discovery`), and `-gateway` when `spec.template.gateway.enabled` is true;
 *   TempoMonolithic `tempo-<name>` and `tempo-<name>-jaegerui` when `spec.jaegerui.enabled` is true, or only
 *   `tempo-<name>-gateway` when `spec.multitenancy.enabled` is true (monolithic/services.go BuildServices). A name that
 *   is no DNS name, which naming.DNSName would rewrite, is not read.
 * - Spark operator (sparkoperator.k8s.io, kubeflow/spark-operator): SparkApplication `<name>-ui-svc`, the driver's web
 *   UI Service that the operator makes on submission with its `--enable-ui-service` default (pkg/util
 *   GetDefaultUIServiceName; internal/controller/sparkapplication web_ui.go createWebUIService). A longer name gets a
 *   hash and is left out; so are the applications a ScheduledSparkApplication makes (their names are generated).
 *   SparkConnect `<name>-server`, or `spec.server.service.metadata.name` when set (pkg/util sparkconnect
 *   GetServerServiceName; examples/sparkconnect/spark-connect-ingress.yaml routes to `<name>-server`).
 * - Kubeflow Notebooks (kubeflow.org): Notebook `<name>` (components/notebook-controller/controllers
 *   notebook_controller.go generateService: `Name: instance.Name`).
 * - Confluent for Kubernetes (platform.confluent.io, closed source): each component's resource (`Kafka`,
 *   `KRaftController`, `Zookeeper`, `Connect`, `KsqlDB`, `SchemaRegistry`, `KafkaRestProxy`, `ControlCenter`) has the
 *   headless Service `<name>`, which clients use as `<name>:<port>` or `<name>.<namespace>.svc.cluster.local:<port>`
 *   and its pods as `<name>-0.<name>` (the CFK docs, "Configure Networking": "<kafka-component-name>:9071";
 *   confluentinc/confluent-kubernetes-examples quickstart-deploy/confluent-platform.yaml: `bootstrapEndpoint:
 *   kafka:9071`, `http://schemaregistry.confluent.svc.cluster.local:8081`, `ksqldb...:8088`, `connect...:8083`; its
 *   Kafka dependencies `zookeeper.confluent.svc.cluster.local:2181`). The per-pod `<name>-<i>-internal` Services and
 *   those of external access are left out.
 * - KubeRay (ray.io): RayCluster `<name>-head-svc`, or `spec.headGroupSpec.headService.metadata.name` when set;
 *   `<name>-serve-svc` when annotated `ray.io/enable-serve-service: "true"`; the headless `<name>-headless` of its
 *   multi-host workers when a worker group has `numOfHosts` over 1 (ray-operator/controllers/ray/common service.go
 *   BuildServiceForHeadPod, BuildServeService, BuildHeadlessServiceForRayCluster; raycluster_controller.go
 *   reconcileServeService, reconcileHeadlessService; utils constant.go EnableServeServiceKey, HeadlessServiceSuffix).
 *   RayService `<name>-head-svc` and `<name>-serve-svc` (utils util.go GenerateHeadServiceName,
 *   GenerateServeServiceName). KubeRay 1.x uses the head and serve names as they are (its validation keeps cluster
 *   names to 53 characters so they fit); older releases passed them through CheckName, which keeps the last 50
 *   characters of a longer name and puts `r` in place of a leading digit or punctuation: where the two differ, both
 *   are listed. The RayCluster a RayService or a RayJob makes has a generated name (`<name>-raycluster-<random>`),
 *   so its Services are left out.
 */
import { field, MAX_ENTRIES, OperatorKind, suffixed } from './operator-kind';
import { isDns1035Label } from '../../k8s-syntax/names';
import { asArray, asNumber, nonEmptyString } from '../../model/manifest';

const LOKI_COMPONENTS = ['distributor', 'ingester', 'querier', 'query-frontend', 'compactor', 'index-gateway'];

/** LokiStack: each component's HTTP and gRPC Services, the ruler's when rules are enabled, and the gateway's. */
function lokiStack(name: string, object: Record<string, unknown>): readonly string[] {
  const components = field(object, 'spec', 'rules', 'enabled') === true ? [...LOKI_COMPONENTS, 'ruler'] : LOKI_COMPONENTS;
  return [...components.flatMap((c) => suffixed('-http', '-grpc')(`${name}-${c}`)), `${name}-gateway-http`];
}

const TEMPO_STACK_COMPONENTS = ['distributor', 'ingester', 'querier', 'query-frontend', 'query-frontend-discovery', 'compactor', 'gossip-ring'];

/** TempoStack: each component's Service, and the gateway's when it is enabled. */
function tempoStack(name: string, object: Record<string, unknown>): readonly string[] {
  if (!isDns1035Label(`tempo-${name}`)) return [];
  const components = field(object, 'spec', 'template', 'gateway', 'enabled') === true ? [...TEMPO_STACK_COMPONENTS, 'gateway'] : TEMPO_STACK_COMPONENTS;
  return components.map((c) => `tempo-${name}-${c}`);
}

/** TempoMonolithic: the gateway's Service with multitenancy, else its own and the Jaeger UI's when that is enabled. */
function tempoMonolithic(name: string, object: Record<string, unknown>): readonly string[] {
  if (!isDns1035Label(`tempo-${name}`)) return [];
  if (field(object, 'spec', 'multitenancy', 'enabled') === true) return [`tempo-${name}-gateway`];
  return field(object, 'spec', 'jaegerui', 'enabled') === true ? [`tempo-${name}`, `tempo-${name}-jaegerui`] : [`tempo-${name}`];
}

/** KubeRay's CheckName: the last 50 characters of a longer name, and `r` in place of a leading digit or punctuation. */
function rayCheckName(name: string): string {
  const cut = name.length > 50 ? name.slice(name.length - 50) : name;
  return /^[0-9\p{P}]/u.test(cut) ? `r${cut.slice(1)}` : cut;
}

/** A KubeRay head or serve Service name: as KubeRay 1.x makes it (when it is a Service name), and as CheckName cut it before. */
function rayNames(name: string): string[] {
  const cut = rayCheckName(name);
  if (cut === name) return [name];
  return isDns1035Label(name) ? [name, cut] : [cut];
}

/**
 * RayCluster: its head Service (`spec.headGroupSpec.headService.metadata.name` when set), its serve Service when
 * annotated `ray.io/enable-serve-service: "true"`, and the headless Service of multi-host worker groups.
 */
function rayCluster(name: string, object: Record<string, unknown>): readonly string[] {
  const own = nonEmptyString(field(object, 'spec', 'headGroupSpec', 'headService', 'metadata', 'name'));
  const out = own ? [own] : rayNames(`${name}-head-svc`);
  if (field(object, 'metadata', 'annotations', 'ray.io/enable-serve-service') === 'true') for (const n of rayNames(`${name}-serve-svc`)) out.push(n);
  const groups = asArray(field(object, 'spec', 'workerGroupSpecs')).slice(0, MAX_ENTRIES);
  const multiHost = groups.some((g) => (asNumber(field(g, 'numOfHosts')) ?? 1) > 1);
  if (multiHost && isDns1035Label(`${name}-headless`)) out.push(`${name}-headless`);
  return out;
}

export const OPERATOR_KINDS_ANALYTICS: readonly OperatorKind[] = [
  { group: 'flink.apache.org', kind: 'FlinkDeployment', services: suffixed('-rest') },
  { group: 'loki.grafana.com', kind: 'LokiStack', services: lokiStack },
  { group: 'tempo.grafana.com', kind: 'TempoStack', services: tempoStack },
  { group: 'tempo.grafana.com', kind: 'TempoMonolithic', services: tempoMonolithic },
  { group: 'sparkoperator.k8s.io', kind: 'SparkApplication', services: suffixed('-ui-svc') },
  {
    group: 'sparkoperator.k8s.io',
    kind: 'SparkConnect',
    services: (name, object) => [nonEmptyString(field(object, 'spec', 'server', 'service', 'metadata', 'name')) ?? `${name}-server`],
  },
  { group: 'kubeflow.org', kind: 'Notebook', services: suffixed('') },
  { group: 'ray.io', kind: 'RayCluster', services: rayCluster },
  { group: 'ray.io', kind: 'RayService', services: (name) => [...rayNames(`${name}-head-svc`), ...rayNames(`${name}-serve-svc`)] },
  ...['Kafka', 'KRaftController', 'Zookeeper', 'Connect', 'KsqlDB', 'SchemaRegistry', 'KafkaRestProxy', 'ControlCenter']
    .map((kind) => ({ group: 'platform.confluent.io', kind, services: suffixed('') })),
];
