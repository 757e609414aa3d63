// GIVEN a stream-processing, log-analytics or data-science operator's resource in the input, WHEN the checker asks which Services
// operators make, THEN the names from the operator's source count in the resource's namespace, and near misses do not.
import { makerKindIn, Obj, operatorResource } from './operator-fixtures';

/** A custom resource named `name` in namespace `logs`. */
const resource = (apiVersion: string, kind: string, name: string, spec: Obj = {}): Obj => operatorResource(apiVersion, kind, name, spec, 'logs');

/** The kind of the input's maker of Service `name` in namespace `ns` (undefined: none). */
const makerKind = (objects: Obj[], name: string, ns = 'logs'): string | undefined => makerKindIn(objects, name, ns);

describe('OperatorServices: stream-processing, log-analytics and data-science operators', () => {
  test.each<[string, Obj, string[]]>([
    ['a FlinkDeployment', resource('flink.apache.org/v1beta1', 'FlinkDeployment', 'basic-example'), ['basic-example-rest']],
    ['a LokiStack', resource('loki.grafana.com/v1', 'LokiStack', 'logging-loki'),
      ['logging-loki-gateway-http', 'logging-loki-distributor-http', 'logging-loki-distributor-grpc', 'logging-loki-ingester-grpc',
        'logging-loki-querier-http', 'logging-loki-query-frontend-http', 'logging-loki-compactor-grpc', 'logging-loki-index-gateway-http']],
    ['a LokiStack with rules enabled', resource('loki.grafana.com/v1', 'LokiStack', 'lokistack-dev', { rules: { enabled: true } }),
      ['lokistack-dev-ruler-http', 'lokistack-dev-ruler-grpc']],
    ['a TempoStack', resource('tempo.grafana.com/v1alpha1', 'TempoStack', 'simplest'),
      ['tempo-simplest-distributor', 'tempo-simplest-ingester', 'tempo-simplest-querier', 'tempo-simplest-query-frontend',
        'tempo-simplest-query-frontend-discovery', 'tempo-simplest-compactor', 'tempo-simplest-gossip-ring']],
    ['a TempoStack with its gateway enabled', resource('tempo.grafana.com/v1alpha1', 'TempoStack', 'simplest', { template: { gateway: { enabled: true } } }),
      ['tempo-simplest-gateway']],
    ['a TempoMonolithic', resource('tempo.grafana.com/v1alpha1', 'TempoMonolithic', 'sample'), ['tempo-sample']],
    ['a TempoMonolithic with the Jaeger UI', resource('tempo.grafana.com/v1alpha1', 'TempoMonolithic', 'sample', { jaegerui: { enabled: true } }),
      ['tempo-sample', 'tempo-sample-jaegerui']],
    ['a TempoMonolithic with multitenancy', resource('tempo.grafana.com/v1alpha1', 'TempoMonolithic', 'sample', { multitenancy: { enabled: true } }),
      ['tempo-sample-gateway']],
    ['a SparkApplication', resource('sparkoperator.k8s.io/v1beta2', 'SparkApplication', 'spark-pi'), ['spark-pi-ui-svc']],
    ['a Kubeflow Notebook', resource('kubeflow.org/v1', 'Notebook', 'jupyter'), ['jupyter']],
    // the shape of spark-operator's examples/sparkconnect: an Ingress to `spark-connect-ingress-example-server`
    ['a SparkConnect', resource('sparkoperator.k8s.io/v1alpha1', 'SparkConnect', 'spark-connect'), ['spark-connect-server']],
    ['a SparkConnect with its own Service name',
      resource('sparkoperator.k8s.io/v1alpha1', 'SparkConnect', 'sc', { server: { service: { metadata: { name: 'connect' } } } }), ['connect']],
    // the shape of kuberay's samples: an Ingress to `raycluster-ingress-head-svc` beside the RayCluster `raycluster-ingress`
    ['a RayCluster', resource('ray.io/v1', 'RayCluster', 'raycluster-ingress'), ['raycluster-ingress-head-svc']],
    ['a RayCluster of the old version', resource('ray.io/v1alpha1', 'RayCluster', 'raycluster-tls'), ['raycluster-tls-head-svc']],
    ['a RayCluster with its own head Service name',
      resource('ray.io/v1', 'RayCluster', 'ray', { headGroupSpec: { headService: { metadata: { name: 'ray-dashboard' } } } }), ['ray-dashboard']],
    ['a RayCluster of a long name: as KubeRay 1.x names it, and as older releases cut it (CheckName keeps the last 50 characters)',
      resource('ray.io/v1', 'RayCluster', `x${'a'.repeat(50)}`), [`x${'a'.repeat(50)}-head-svc`, `${'a'.repeat(41)}-head-svc`]],
    ['a RayCluster annotated ray.io/enable-serve-service: "true" (its serve Service)',
      { ...resource('ray.io/v1', 'RayCluster', 'rc'), metadata: { name: 'rc', namespace: 'logs', annotations: { 'ray.io/enable-serve-service': 'true' } } },
      ['rc-head-svc', 'rc-serve-svc']],
    ['a RayCluster with a multi-host worker group (numOfHosts over 1: the headless Service of its workers)',
      resource('ray.io/v1', 'RayCluster', 'tpu', { workerGroupSpecs: [{ groupName: 'a', numOfHosts: 1 }, { groupName: 'b', numOfHosts: 4 }] }),
      ['tpu-head-svc', 'tpu-headless']],
    ['a RayService of a long name: both forms of each Service',
      resource('ray.io/v1', 'RayService', 's'.repeat(45)),
      [`${'s'.repeat(45)}-head-svc`, `${'s'.repeat(41)}-head-svc`, `${'s'.repeat(45)}-serve-svc`, `${'s'.repeat(40)}-serve-svc`]],
    ['a RayCluster whose cut name starts with a digit (CheckName puts r in its place)',
      resource('ray.io/v1', 'RayCluster', `${'a'.repeat(10)}1${'b'.repeat(40)}`), [`r${'b'.repeat(40)}-head-svc`]],
    ['a RayService', resource('ray.io/v1', 'RayService', 'rayservice-sample'), ['rayservice-sample-head-svc', 'rayservice-sample-serve-svc']],
    // the shape of confluent-kubernetes-examples quickstart-deploy: clients use `kafka:9071`, `schemaregistry...:8081`
    ['a Confluent for Kubernetes Kafka', resource('platform.confluent.io/v1beta1', 'Kafka', 'kafka', { replicas: 3 }), ['kafka']],
    ...['KRaftController', 'Zookeeper', 'Connect', 'KsqlDB', 'SchemaRegistry', 'KafkaRestProxy', 'ControlCenter'].map((kind): [string, Obj, string[]] =>
      [`a Confluent for Kubernetes ${kind}`, resource('platform.confluent.io/v1beta1', kind, kind.toLowerCase()), [kind.toLowerCase()]]),
  ])('counts the Services the operator makes from %s', (_case, cr, names) => {
    for (const name of names) expect([name, makerKind([cr], name)]).toEqual([name, cr.kind]);
  });

  test.each<[string, Obj[], string, string?]>([
    ['a FlinkDeployment\'s own name (the internal Service exists only without HA)', [resource('flink.apache.org/v1beta1', 'FlinkDeployment', 'job')], 'job'],
    ['a FlinkDeployment Service with a typo', [resource('flink.apache.org/v1beta1', 'FlinkDeployment', 'job')], 'job-rst'],
    ['a FlinkDeployment Service from another namespace', [resource('flink.apache.org/v1beta1', 'FlinkDeployment', 'job')], 'job-rest', 'default'],
    ['a LokiStack gateway\'s gRPC Service', [resource('loki.grafana.com/v1', 'LokiStack', 'loki')], 'loki-gateway-grpc'],
    ['a LokiStack ruler Service while rules are not enabled', [resource('loki.grafana.com/v1', 'LokiStack', 'loki', { rules: { enabled: 'true' } })], 'loki-ruler-http'],
    ['a LokiStack component without the protocol suffix', [resource('loki.grafana.com/v1', 'LokiStack', 'loki')], 'loki-query-frontend'],
    ['a TempoStack component without the tempo- prefix', [resource('tempo.grafana.com/v1alpha1', 'TempoStack', 'simplest')], 'simplest-distributor'],
    ['a TempoStack gateway while it is not enabled', [resource('tempo.grafana.com/v1alpha1', 'TempoStack', 'simplest')], 'tempo-simplest-gateway'],
    ['a TempoStack\'s own tempo- name (the monolithic one)', [resource('tempo.grafana.com/v1alpha1', 'TempoStack', 'simplest')], 'tempo-simplest'],
    ['a TempoMonolithic Jaeger UI while it is not enabled', [resource('tempo.grafana.com/v1alpha1', 'TempoMonolithic', 'sample')], 'tempo-sample-jaegerui'],
    ['a TempoMonolithic\'s own Service with multitenancy (the gateway replaces it)',
      [resource('tempo.grafana.com/v1alpha1', 'TempoMonolithic', 'sample', { multitenancy: { enabled: true } })], 'tempo-sample'],
    ['a TempoStack of a name that is no DNS label', [resource('tempo.grafana.com/v1alpha1', 'TempoStack', 'a.b')], 'tempo-a.b-distributor'],
    ['a SparkApplication\'s own name', [resource('sparkoperator.k8s.io/v1beta2', 'SparkApplication', 'spark-pi')], 'spark-pi'],
    ['a SparkApplication\'s driver pod name', [resource('sparkoperator.k8s.io/v1beta2', 'SparkApplication', 'spark-pi')], 'spark-pi-driver'],
    ['a SparkApplication UI Service longer than 63 characters (the operator hashes it)',
      [resource('sparkoperator.k8s.io/v1beta2', 'SparkApplication', 's'.repeat(60))], `${'s'.repeat(60)}-ui-svc`],
    ['a SparkConnect\'s own name', [resource('sparkoperator.k8s.io/v1alpha1', 'SparkConnect', 'sc')], 'sc'],
    ['a SparkConnect\'s default Service when its spec names another',
      [resource('sparkoperator.k8s.io/v1alpha1', 'SparkConnect', 'sc', { server: { service: { metadata: { name: 'connect' } } } })], 'sc-server'],
    ['a Notebook of another group', [resource('example.com/v1', 'Notebook', 'jupyter')], 'jupyter'],
    ['a Kubeflow training job\'s name (only Notebooks make a Service)', [resource('kubeflow.org/v1', 'PyTorchJob', 'train')], 'train'],
    ['a RayCluster\'s own name', [resource('ray.io/v1', 'RayCluster', 'ray')], 'ray'],
    ['a RayCluster\'s head Service when headService names another', [resource('ray.io/v1', 'RayCluster', 'ray',
      { headGroupSpec: { headService: { metadata: { name: 'ray-dashboard' } } } })], 'ray-head-svc'],
    ['a RayCluster\'s serve Service without ray.io/enable-serve-service: "true"', [resource('ray.io/v1', 'RayCluster', 'ray')], 'ray-serve-svc'],
    ['a RayCluster\'s headless Service without a multi-host worker group',
      [resource('ray.io/v1', 'RayCluster', 'ray', { workerGroupSpecs: [{ groupName: 'a', numOfHosts: 1 }] })], 'ray-headless'],
    ['a RayJob\'s head Service (its RayCluster has a generated name)', [resource('ray.io/v1', 'RayJob', 'job')], 'job-head-svc'],
    ['a RayCluster of another group', [resource('example.com/v1', 'RayCluster', 'ray')], 'ray-head-svc'],
    ['a Confluent Kafka name with a typo', [resource('platform.confluent.io/v1beta1', 'Kafka', 'kafka')], 'kafak'],
    ['a Confluent Kafka Service from another namespace', [resource('platform.confluent.io/v1beta1', 'Kafka', 'kafka')], 'kafka', 'confluent'],
    ['a Confluent KafkaTopic\'s name (topics make no Service)', [resource('platform.confluent.io/v1beta1', 'KafkaTopic', 'quotes')], 'quotes'],
  ])('does not count %s', (_case, objects, name, ns = 'logs') => {
    expect(makerKind(objects, name, ns)).toBeUndefined();
  });
});
