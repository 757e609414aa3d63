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
  ])('counts the Services the operator makes from %s', (_case, cr, names) => {
    for (const name of names) expect([name, makerKind([cr], name)]).toEqual([name, cr.kind]);
  });

  test.each<[string, Obj[], string, string?]>([
    ['a typo of a collector\'s Service', [resource('opentelemetry.io/v1beta1', 'OpenTelemetryCollector', 'otel')], 'otel-colector'],
    ['the collector\'s Service from another namespace', [resource('opentelemetry.io/v1beta1', 'OpenTelemetryCollector', 'otel')], 'otel-collector', 'default'],
    ['the Target Allocator while it is not enabled', [resource('opentelemetry.io/v1beta1', 'OpenTelemetryCollector', 'otel', { targetAllocator: { enabled: 'true' } })], 'otel-targetallocator'],
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
