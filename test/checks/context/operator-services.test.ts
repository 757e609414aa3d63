// GIVEN an operator's custom resource in the input, WHEN the checker asks which Services operators make, THEN the names
// the operator's documentation or source gives count, in the resource's namespace only, and nothing else does.
import { OperatorServices } from '../../../src/checks/context/operator-services';
import { ClusterModel } from '../../../src/model/cluster-model';

type Obj = { [key: string]: any };

/** A custom resource named `name` in namespace `shop`. */
const resource = (apiVersion: string, kind: string, name: string, spec: Obj = {}): Obj =>
  ({ apiVersion, kind, metadata: { name, namespace: 'shop' }, spec });

/** The input's makers of Service `name` in namespace `ns`, by the resource's kind (undefined: none). */
function makerKind(objects: Obj[], name: string, ns = 'shop'): string | undefined {
  const maker = new OperatorServices(ClusterModel.fromObjects(objects)).maker(ns, name);
  return maker ? String(maker.object.kind) : undefined;
}

describe('OperatorServices', () => {
  test.each<[string, Obj, string[]]>([
    ['an OpenTelemetryCollector v1beta1', resource('opentelemetry.io/v1beta1', 'OpenTelemetryCollector', 'otel'),
      ['otel-collector', 'otel-collector-headless', 'otel-collector-monitoring']],
    ['an OpenTelemetryCollector v1alpha1', resource('opentelemetry.io/v1alpha1', 'OpenTelemetryCollector', 'otel'), ['otel-collector']],
    ['an OpenTelemetryCollector with its Target Allocator enabled',
      resource('opentelemetry.io/v1beta1', 'OpenTelemetryCollector', 'otel', { targetAllocator: { enabled: true } }), ['otel-targetallocator']],
    ['a TargetAllocator', resource('opentelemetry.io/v1alpha1', 'TargetAllocator', 'ta'), ['ta-targetallocator']],
    ['an ECK Logstash', resource('logstash.k8s.elastic.co/v1alpha1', 'Logstash', 'logstash'), ['logstash-ls-api']],
    ['an ECK Logstash with its own Services', resource('logstash.k8s.elastic.co/v1alpha1', 'Logstash', 'logstash',
      { services: [{ name: 'beats', service: { spec: { ports: [{ port: 5044, name: 'filebeat' }] } } }, { name: 'api' }] }), ['logstash-ls-beats', 'logstash-ls-api']],
    ['an OpAMPBridge', resource('opentelemetry.io/v1alpha1', 'OpAMPBridge', 'bridge'), ['bridge-opamp-bridge']],
    ['a Jaeger', resource('jaegertracing.io/v1', 'Jaeger', 'tracing'),
      ['tracing-query', 'tracing-collector', 'tracing-collector-headless', 'tracing-agent']],
    ['a Knative Service', resource('serving.knative.dev/v1', 'Service', 'hello'), ['hello']],
    ['a Knative Route', resource('serving.knative.dev/v1', 'Route', 'split'), ['split']],
    ['a Grafana (grafana-operator v5)', resource('grafana.integreatly.org/v1beta1', 'Grafana', 'grafana'), ['grafana-service']],
    ['a MariaDB', resource('k8s.mariadb.com/v1alpha1', 'MariaDB', 'mariadb'),
      ['mariadb', 'mariadb-primary', 'mariadb-secondary', 'mariadb-internal']],
    ['a MariaDB of the older group', resource('mariadb.mmontes.io/v1alpha1', 'MariaDB', 'db'), ['db', 'db-primary']],
    ['a MongoDBCommunity', resource('mongodbcommunity.mongodb.com/v1', 'MongoDBCommunity', 'mongo'), ['mongo-svc']],
    ['a MongoDBCommunity with its own StatefulSet serviceName',
      resource('mongodbcommunity.mongodb.com/v1', 'MongoDBCommunity', 'mongo', { statefulSet: { spec: { serviceName: 'mongo-rs' } } }), ['mongo-rs']],
    ['a PerconaXtraDBCluster', resource('pxc.percona.com/v1', 'PerconaXtraDBCluster', 'cluster1'),
      ['cluster1-pxc', 'cluster1-pxc-unready', 'cluster1-haproxy', 'cluster1-haproxy-replicas', 'cluster1-proxysql', 'cluster1-proxysql-unready']],
    ['a PerconaServerMongoDB', resource('psmdb.percona.com/v1', 'PerconaServerMongoDB', 'my-cluster', { replsets: [{ name: 'rs0' }, { name: 'rs1' }], sharding: { enabled: true } }),
      ['my-cluster-rs0', 'my-cluster-rs1', 'my-cluster-cfg', 'my-cluster-mongos']],
    ['a Keycloak', resource('k8s.keycloak.org/v2alpha1', 'Keycloak', 'kc'), ['kc-service', 'kc-discovery']],
    ['a RedisFailover', resource('databases.spotahome.com/v1', 'RedisFailover', 'cache'), ['rfs-cache', 'rfr-cache', 'rfrm-cache', 'rfrs-cache']],
    ['a CassandraDatacenter', resource('cassandra.datastax.com/v1beta1', 'CassandraDatacenter', 'dc1', { clusterName: 'cluster1' }),
      ['cluster1-seed-service', 'cluster1-dc1-service', 'cluster1-dc1-all-pods-service', 'cluster1-dc1-additional-seed-service']],
    ['a CassandraDatacenter with NodePort networking', resource('cassandra.datastax.com/v1beta1', 'CassandraDatacenter', 'dc1', { clusterName: 'cluster1', networking: { nodePort: {} } }),
      ['cluster1-dc1-node-port-service']],
    ['a CassandraDatacenter whose cluster name is no DNS label (CleanupForKubernetes)',
      resource('cassandra.datastax.com/v1beta1', 'CassandraDatacenter', 'dc.east', { clusterName: 'Test_Cluster A' }), ['test-clustera-seed-service', 'test-clustera-dceast-service']],
    ['a CassandraDatacenter with a datacenterName override (the Services keep the resource\'s name)',
      resource('cassandra.datastax.com/v1beta1', 'CassandraDatacenter', 'dc1', { clusterName: 'c1', datacenterName: 'East' }), ['c1-dc1-service']],
    ['a live CassandraDatacenter whose status names its datacenter',
      { ...resource('cassandra.datastax.com/v1beta1', 'CassandraDatacenter', 'dc1', { clusterName: 'c1' }), status: { datacenterName: 'legacy' } }, ['c1-legacy-service', 'c1-legacy-all-pods-service']],
    ['a K8ssandraCluster', resource('k8ssandra.io/v1alpha1', 'K8ssandraCluster', 'demo', { cassandra: { datacenters: [{ metadata: { name: 'dc1' } }, { metadata: { name: 'dc2', namespace: 'shop' } }] } }),
      ['demo-seed-service', 'demo-dc1-service', 'demo-dc1-all-pods-service', 'demo-dc2-service']],
    ['a K8ssandraCluster with a cluster name and Stargate', resource('k8ssandra.io/v1alpha1', 'K8ssandraCluster', 'demo', { cassandra: { clusterName: 'prod', datacenters: [{ metadata: { name: 'dc1' } }] }, stargate: { size: 1 } }),
      ['prod-seed-service', 'prod-dc1-service', 'prod-dc1-stargate-service']],
    ['a ClickHouseInstallation with 64 clusters of 64 hosts: its first 64 hosts', resource('clickhouse.altinity.com/v1', 'ClickHouseInstallation', 'events',
      { configuration: { clusters: Array.from({ length: 64 }, (_, i) => ({ name: `c${i}`, layout: { shardsCount: 64 } })) } }), ['chi-events-c0-0-0', 'chi-events-c0-63-0']],
    ['a ClickHouseInstallation', resource('clickhouse.altinity.com/v1', 'ClickHouseInstallation', 'events', { configuration: { clusters: [{ name: 'main', layout: { shardsCount: 2, replicasCount: 2 } }, { name: 'single' }] } }),
      ['clickhouse-events', 'chi-events-main-0-0', 'chi-events-main-0-1', 'chi-events-main-1-0', 'chi-events-main-1-1', 'chi-events-single-0-0']],
    ['a ClickHouseInstallation whose cluster name is longer than 15 characters',
      resource('clickhouse.altinity.com/v1', 'ClickHouseInstallation', 'events', { configuration: { clusters: [{ name: 'replicated-cluster-x' }] } }), ['chi-events-replicated-clus-0-0']],
    ['a ClickHouseInstallation with its own root service template',
      resource('clickhouse.altinity.com/v1', 'ClickHouseInstallation', 'events', { defaults: { templates: { serviceTemplate: 'svc' } }, templates: { serviceTemplates: [{ name: 'svc', generateName: 'ch-{chi}-lb' }] } }),
      ['ch-events-lb']],
    ['a Dragonfly', resource('dragonflydb.io/v1alpha1', 'Dragonfly', 'cache'), ['cache']],
    ['a CloudNativePG Cluster', resource('postgresql.cnpg.io/v1', 'Cluster', 'pg'), ['pg-rw', 'pg-ro', 'pg-r']],
    ['a CloudNativePG Cluster with an additional managed Service', resource('postgresql.cnpg.io/v1', 'Cluster', 'pg',
      { managed: { services: { disabledDefaultServices: ['ro', 'r'], additional: [{ selectorType: 'rw', serviceTemplate: { metadata: { name: 'test-rw' } } }] } } }),
    ['pg-rw', 'test-rw']],
    ['a CloudNativePG Pooler', resource('postgresql.cnpg.io/v1', 'Pooler', 'pooler-example-rw', { cluster: { name: 'pg' }, type: 'rw' }), ['pooler-example-rw']],
    ['a Dragonfly with its own Service name', resource('dragonflydb.io/v1alpha1', 'Dragonfly', 'cache', { serviceSpec: { name: 'redis' } }), ['redis']],
    ['a Deployment annotated for Dapr', resource('apps/v1', 'Deployment', 'web', { template: { metadata: { annotations: { 'dapr.io/enabled': 'true', 'dapr.io/app-id': 'orders' } } } }), ['orders-dapr']],
    ['a StatefulSet annotated for Dapr (enabled: "Yes")', resource('apps/v1', 'StatefulSet', 'db', { template: { metadata: { annotations: { 'dapr.io/enabled': 'Yes', 'dapr.io/app-id': 'store' } } } }), ['store-dapr']],
    ['an Argo Rollout annotated for Dapr', resource('argoproj.io/v1alpha1', 'Rollout', 'web', { template: { metadata: { annotations: { 'dapr.io/enabled': '1', 'dapr.io/app-id': 'web' } } } }), ['web-dapr']],
    ['a K8ssandraCluster whose cluster name of 253 characters cleans to a short one',
      resource('k8ssandra.io/v1alpha1', 'K8ssandraCluster', 'demo', { cassandra: { clusterName: `A${' '.repeat(252)}`, datacenters: [{ metadata: { name: 'dc1' } }] } }), ['a-dc1-service']],
    ['a Logstash whose API Service name has 63 characters', resource('logstash.k8s.elastic.co/v1alpha1', 'Logstash', 'l'.repeat(56)), [`${'l'.repeat(56)}-ls-api`]],
  ])('counts the Services the operator makes from %s', (_case, cr, names) => {
    for (const name of names) expect([name, makerKind([cr], name)]).toEqual([name, cr.kind]);
  });

  test.each<[string, Obj[], string, string?]>([
    ['a typo of a collector\'s Service', [resource('opentelemetry.io/v1beta1', 'OpenTelemetryCollector', 'otel')], 'otel-colector'],
    ['the collector\'s Service from another namespace', [resource('opentelemetry.io/v1beta1', 'OpenTelemetryCollector', 'otel')], 'otel-collector', 'default'],
    ['the Target Allocator while it is not enabled', [resource('opentelemetry.io/v1beta1', 'OpenTelemetryCollector', 'otel', { targetAllocator: { enabled: 'true' } })], 'otel-targetallocator'],
    ['an ECK Logstash Service it does not list', [resource('logstash.k8s.elastic.co/v1alpha1', 'Logstash', 'logstash', { services: [{ name: 'beats' }] })], 'logstash-ls-syslog'],
    ['an ECK Logstash Service without the ls infix', [resource('logstash.k8s.elastic.co/v1alpha1', 'Logstash', 'logstash', { services: [{ name: 'beats' }] })], 'logstash-beats'],
    ['an ECK Logstash whose services are not a list', [resource('logstash.k8s.elastic.co/v1alpha1', 'Logstash', 'logstash', { services: { name: 'beats' } })], 'logstash-ls-beats'],
    ['a Jaeger name of another component', [resource('jaegertracing.io/v1', 'Jaeger', 'tracing')], 'tracing-ingester'],
    ['a Knative Service\'s name with a suffix', [resource('serving.knative.dev/v1', 'Service', 'hello')], 'hello-private'],
    ['a Knative Service\'s name from another namespace', [resource('serving.knative.dev/v1', 'Service', 'hello')], 'hello', 'default'],
    ['a name beside a kind Service of another group', [resource('example.com/v1', 'Service', 'hello')], 'hello'],
    ['a name beside a core Service\'s lookalike without a group', [resource('v1', 'Route', 'hello')], 'hello'],
    ['a Grafana\'s own name', [resource('grafana.integreatly.org/v1beta1', 'Grafana', 'grafana')], 'grafana'],
    ['a MongoDBCommunity\'s default name when serviceName is set',
      [resource('mongodbcommunity.mongodb.com/v1', 'MongoDBCommunity', 'mongo', { statefulSet: { spec: { serviceName: 'mongo-rs' } } })], 'mongo-svc'],
    ['a PerconaServerMongoDB replica set it does not list', [resource('psmdb.percona.com/v1', 'PerconaServerMongoDB', 'my-cluster', { replsets: [{ name: 'rs0' }] })], 'my-cluster-rs1'],
    ['the mongos Service of a PerconaServerMongoDB that is not sharded', [resource('psmdb.percona.com/v1', 'PerconaServerMongoDB', 'my-cluster', { replsets: [{ name: 'rs0' }] })], 'my-cluster-mongos'],
    ['a PerconaServerMongoDB whose replsets are not a list', [resource('psmdb.percona.com/v1', 'PerconaServerMongoDB', 'my-cluster', { replsets: 'rs0' })], 'my-cluster-rs0'],
    ['a RedisFailover\'s name with the suffix the wrong way round', [resource('databases.spotahome.com/v1', 'RedisFailover', 'cache')], 'cache-rfs'],
    ['a CassandraDatacenter\'s Services without a cluster name', [resource('cassandra.datastax.com/v1beta1', 'CassandraDatacenter', 'dc1')], 'dc1-service'],
    ['a CassandraDatacenter\'s datacenterName override in its Service names',
      [resource('cassandra.datastax.com/v1beta1', 'CassandraDatacenter', 'dc1', { clusterName: 'c1', datacenterName: 'east' })], 'c1-east-service'],
    ['a CassandraDatacenter\'s NodePort Service without NodePort networking', [resource('cassandra.datastax.com/v1beta1', 'CassandraDatacenter', 'dc1', { clusterName: 'c1' })], 'c1-dc1-node-port-service'],
    ['a CassandraDatacenter\'s Service name with a typo', [resource('cassandra.datastax.com/v1beta1', 'CassandraDatacenter', 'dc1', { clusterName: 'c1' })], 'c1-dc1-servce'],
    ['a K8ssandraCluster datacenter in another namespace', [resource('k8ssandra.io/v1alpha1', 'K8ssandraCluster', 'demo', { cassandra: { datacenters: [{ metadata: { name: 'dc1', namespace: 'db' } }] } })], 'demo-dc1-service'],
    ['a K8ssandraCluster\'s Stargate Service without Stargate', [resource('k8ssandra.io/v1alpha1', 'K8ssandraCluster', 'demo', { cassandra: { datacenters: [{ metadata: { name: 'dc1' } }] } })], 'demo-dc1-stargate-service'],
    ['a ClickHouseInstallation\'s own name', [resource('clickhouse.altinity.com/v1', 'ClickHouseInstallation', 'events')], 'events'],
    ['a ClickHouseInstallation host after its first 64, over all its clusters (64 clusters of 64 hosts: 4,096 names per resource)',
      [resource('clickhouse.altinity.com/v1', 'ClickHouseInstallation', 'events', { configuration: { clusters: Array.from({ length: 64 }, (_, i) => ({ name: `c${i}`, layout: { shardsCount: 64 } })) } })],
      'chi-events-c1-0-0'],
    ['a ClickHouseInstallation host past its layout', [resource('clickhouse.altinity.com/v1', 'ClickHouseInstallation', 'events', { configuration: { clusters: [{ name: 'main', layout: { shardsCount: 2 } }] } })], 'chi-events-main-2-0'],
    ['a ClickHouseInstallation host of a cluster that lists its shards (they may name their hosts)',
      [resource('clickhouse.altinity.com/v1', 'ClickHouseInstallation', 'events', { configuration: { clusters: [{ name: 'main', layout: { shards: [{ name: 'a' }] } }] } })], 'chi-events-main-0-0'],
    ['the default root Service of a ClickHouseInstallation with its own root service template',
      [resource('clickhouse.altinity.com/v1', 'ClickHouseInstallation', 'events', { defaults: { templates: { serviceTemplate: 'svc' } }, templates: { serviceTemplates: [{ name: 'svc', generateName: 'ch-{chi}-lb' }] } })], 'clickhouse-events'],
    ['a host Service of a ClickHouseInstallation whose replica service template names them',
      [resource('clickhouse.altinity.com/v1', 'ClickHouseInstallation', 'events', { defaults: { templates: { replicaServiceTemplate: 'r' } }, templates: { serviceTemplates: [{ name: 'r', generateName: 'ch-{chi}-{host}' }] }, configuration: { clusters: [{ name: 'main' }] } })],
      'chi-events-main-0-0'],
    ['a CloudNativePG default Service that disabledDefaultServices lists',
      [resource('postgresql.cnpg.io/v1', 'Cluster', 'pg', { managed: { services: { disabledDefaultServices: ['ro'] } } })], 'pg-ro'],
    ['a CloudNativePG additional Service without a name', [resource('postgresql.cnpg.io/v1', 'Cluster', 'pg', { managed: { services: { additional: [{ selectorType: 'rw' }] } } })], 'pg-'],
    ['a CloudNativePG Pooler name with a suffix', [resource('postgresql.cnpg.io/v1', 'Pooler', 'pooler-rw')], 'pooler-rw-rw'],
    ['a Dragonfly\'s own name when serviceSpec.name is set', [resource('dragonflydb.io/v1alpha1', 'Dragonfly', 'cache', { serviceSpec: { name: 'redis' } })], 'cache'],
    ['a Dapr Service of a workload not enabled for Dapr', [resource('apps/v1', 'Deployment', 'web', { template: { metadata: { annotations: { 'dapr.io/enabled': 'false', 'dapr.io/app-id': 'web' } } } })], 'web-dapr'],
    ['a Dapr Service of a workload without an app id', [resource('apps/v1', 'Deployment', 'web', { template: { metadata: { annotations: { 'dapr.io/enabled': 'true' } } } })], 'web-dapr'],
    ['a Dapr Service named after the workload instead of its app id', [resource('apps/v1', 'Deployment', 'web', { template: { metadata: { annotations: { 'dapr.io/enabled': 'true', 'dapr.io/app-id': 'orders' } } } })], 'web-dapr'],
    ['a Dapr Service from the annotations of the workload itself (not its pod template)',
      [{ ...resource('apps/v1', 'Deployment', 'web'), metadata: { name: 'web', namespace: 'shop', annotations: { 'dapr.io/enabled': 'true', 'dapr.io/app-id': 'web' } } }], 'web-dapr'],
    ['a Dapr Service of a DaemonSet (the Dapr operator watches Deployments, StatefulSets and Rollouts)',
      [resource('apps/v1', 'DaemonSet', 'agent', { template: { metadata: { annotations: { 'dapr.io/enabled': 'true', 'dapr.io/app-id': 'agent' } } } })], 'agent-dapr'],
    ['a name longer than a Service name may be (63 characters)', [resource('logstash.k8s.elastic.co/v1alpha1', 'Logstash', 'l'.repeat(60))], `${'l'.repeat(60)}-ls-api`],
    ['a Service of a resource whose name is longer than 253 characters (the API server rejects it)',
      [resource('dragonflydb.io/v1alpha1', 'Dragonfly', 'd'.repeat(254), { serviceSpec: { name: 'redis' } })], 'redis'],
    ['the Services of a Cassandra cluster name longer than 253 characters, even one that cleans to a short name',
      [resource('k8ssandra.io/v1alpha1', 'K8ssandraCluster', 'demo', { cassandra: { clusterName: `A${' '.repeat(253)}`, datacenters: [{ metadata: { name: 'dc1' } }] } })], 'a-dc1-service'],
    ['the Services of a CassandraDatacenter whose cluster name is longer than 253 characters',
      [resource('cassandra.datastax.com/v1beta1', 'CassandraDatacenter', 'dc1', { clusterName: `A${'_'.repeat(253)}` })], 'a-seed-service'],
  ])('does not count %s', (_case, objects, name, ns = 'shop') => {
    expect(makerKind(objects, name, ns)).toBeUndefined();
  });

  test.each<[string, unknown]>([
    ['a spec that is a string', 'spec'],
    ['a spec that is a list', [1, 2]],
    ['a targetAllocator that is a number', { targetAllocator: 3 }],
    ['a statefulSet that is null', { statefulSet: null }],
    ['a serviceName that is a number', { statefulSet: { spec: { serviceName: 5 } } }],
    ['a serviceName that is empty', { statefulSet: { spec: { serviceName: '' } } }],
  ])('reads %s without throwing, and keeps the default names', (_case, spec) => {
    const objects = [
      { ...resource('opentelemetry.io/v1beta1', 'OpenTelemetryCollector', 'otel'), spec },
      { ...resource('mongodbcommunity.mongodb.com/v1', 'MongoDBCommunity', 'mongo'), spec },
    ];
    expect([makerKind(objects, 'otel-collector'), makerKind(objects, 'otel-targetallocator'), makerKind(objects, 'mongo-svc')])
      .toEqual(['OpenTelemetryCollector', undefined, 'MongoDBCommunity']);
  });
});
