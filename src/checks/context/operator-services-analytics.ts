/**
 * Services that stream-processing and log-analytics operators make from their custom resources (the table shape and
 * the rules of context/operator-services.ts: each name counts in the resource's namespace, names over 63 characters
 * are none).
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
 */
import { field, OperatorKind, suffixed } from './operator-kind';

const LOKI_COMPONENTS = ['distributor', 'ingester', 'querier', 'query-frontend', 'compactor', 'index-gateway'];

/** LokiStack: each component's HTTP and gRPC Services, the ruler's when rules are enabled, and the gateway's. */
function lokiStack(name: string, object: Record<string, unknown>): readonly string[] {
  const components = field(object, 'spec', 'rules', 'enabled') === true ? [...LOKI_COMPONENTS, 'ruler'] : LOKI_COMPONENTS;
  return [...components.flatMap((c) => suffixed('-http', '-grpc')(`${name}-${c}`)), `${name}-gateway-http`];
}

export const OPERATOR_KINDS_ANALYTICS: readonly OperatorKind[] = [
  { group: 'flink.apache.org', kind: 'FlinkDeployment', services: suffixed('-rest') },
  { group: 'loki.grafana.com', kind: 'LokiStack', services: lokiStack },
];
