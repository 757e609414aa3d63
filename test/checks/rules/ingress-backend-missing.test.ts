import { ingressBackendMissing } from '../../../src/checks/rules/ingress-backend-missing';
import { deployment, run, runAll, service } from '../builders';
import { onFixture } from '../entry-fixtures';

type Obj = { [key: string]: any };

/** A networking.k8s.io/v1 Ingress with one path to `name`:`port` (a number or a name). */
function ingress(name: string, port: number | string, meta: Obj = {}, spec: Obj = {}): Obj {
  const p = typeof port === 'number' ? { number: port } : { name: port };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', ...meta },
    spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: p } } }] } }], ...spec },
  };
}

/** The same path in an old version's shape (serviceName/servicePort). */
function oldIngress(apiVersion: string, name: string, port: number | string): Obj {
  return { apiVersion, kind: 'Ingress', metadata: { name: 'web' }, spec: { rules: [{ http: { paths: [{ path: '/', backend: { serviceName: name, servicePort: port } }] } }] } };
}

/** A custom resource (an operator's) named `name` in namespace `ns`. */
function customResource(apiVersion: string, kind: string, name: string, ns = 'default'): Obj {
  return { apiVersion, kind, metadata: { name, namespace: ns }, spec: {} };
}

/** A CassandraDatacenter `dc1` of cluster `prod`, a ClickHouseInstallation `events` (cluster `main`: 2 shards, 1 replica). */
const cassDc = { ...customResource('cassandra.datastax.com/v1beta1', 'CassandraDatacenter', 'dc1'), spec: { clusterName: 'prod', size: 3 } };
const chi = { ...customResource('clickhouse.altinity.com/v1', 'ClickHouseInstallation', 'events'), spec: { configuration: { clusters: [{ name: 'main', layout: { shardsCount: 2 } }] } } };
/** A Deployment `checkout` whose pod template is annotated for Dapr with app id `orders`. */
const daprApp = deployment('checkout', { app: 'checkout' }, [{ containerPort: 8080 }], {});
daprApp.spec.template.metadata.annotations = { 'dapr.io/enabled': 'true', 'dapr.io/app-id': 'orders' };

describe('ingress-backend-missing', () => {
  test.each([
    ['a path to an existing Service', [service('api'), ingress('api', 80)]],
    ['an extensions/v1beta1 Ingress (serviceName) to an existing Service', [service('api'), oldIngress('extensions/v1beta1', 'api', 80)]],
    ['a networking.k8s.io/v1beta1 Ingress to an existing Service', [service('api'), oldIngress('networking.k8s.io/v1beta1', 'api', 'http')]],
    ['a resource backend (not a Service)', [service('api'), ingress('api', 80, {}, { defaultBackend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static' } } })]],
    ['an AWS Load Balancer Controller action (use-annotation)', [service('api'), ingress('ssl-redirect', 'use-annotation', { annotations: { 'alb.ingress.kubernetes.io/actions.ssl-redirect': '{"Type":"redirect"}' } })]],
    ['an Ingress alone in its namespace (its Services live elsewhere)', [ingress('api', 80)]],
    ['an Ingress of another group (Knative)', [service('other'), { ...ingress('api', 80), apiVersion: 'networking.internal.knative.dev/v1alpha1' }]],
    ['a v1 Ingress written with the old fields (the API server drops them; validation is not this rule\'s)', [service('other'), { ...oldIngress('networking.k8s.io/v1', 'api', 80) }]],
    ['a path to the Service ECK makes from a Kibana of the input (<name>-kb-http)',
      [service('other'), customResource('kibana.k8s.elastic.co/v1', 'Kibana', 'logs'), ingress('logs-kb-http', 5601)]],
    ['a path to the governing Service prometheus-operator makes for a Prometheus (prometheus-operated)',
      [service('other'), customResource('monitoring.coreos.com/v1', 'Prometheus', 'main'), ingress('prometheus-operated', 9090)]],
    ['a path to the Service "minio" the MinIO Operator makes for a Tenant',
      [service('other'), customResource('minio.min.io/v2', 'Tenant', 'myminio'), ingress('minio', 80)]],
    ['a path to the Service Knative Serving makes for a Knative Service of the input (its own name)',
      [service('other'), customResource('serving.knative.dev/v1', 'Service', 'hello'), ingress('hello', 80)]],
    ['a path to the query Service the Jaeger Operator makes (<name>-query)',
      [service('other'), customResource('jaegertracing.io/v1', 'Jaeger', 'tracing'), ingress('tracing-query', 16686)]],
    ['a path to the Service the Grafana Operator makes (<name>-service)',
      [service('other'), customResource('grafana.integreatly.org/v1beta1', 'Grafana', 'grafana'), ingress('grafana-service', 3000)]],
    ['a path to the Service cass-operator makes for a CassandraDatacenter (<cluster>-<dc>-service)',
      [service('other'), cassDc, ingress('prod-dc1-service', 9042)]],
    ['a path to the Service cass-operator makes for a datacenter of a K8ssandraCluster',
      [service('other'), { ...customResource('k8ssandra.io/v1alpha1', 'K8ssandraCluster', 'demo'), spec: { cassandra: { datacenters: [{ metadata: { name: 'dc1' } }] }, stargate: {} } }, ingress('demo-dc1-stargate-service', 8080)]],
    ['a path to the root Service the ClickHouse Operator makes (clickhouse-<name>)', [service('other'), chi, ingress('clickhouse-events', 8123)]],
    ['a path to a host Service the ClickHouse Operator makes (chi-<name>-<cluster>-<shard>-<replica>)', [service('other'), chi, ingress('chi-events-main-1-0', 8123)]],
    ['a path to the Service the Dragonfly Operator makes (its own name)', [service('other'), customResource('dragonflydb.io/v1alpha1', 'Dragonfly', 'cache'), ingress('cache', 6379)]],
    ['a path to the Service Dapr makes for an annotated Deployment (<app-id>-dapr)', [service('other'), daprApp, ingress('orders-dapr', 80)]],
    // names no Service can have: ingress-invalid reports them ("create Service my.host-web" would mislead)
    ['a backend Service name with a dot (cdk8s-plus addHostRule)', [service('other'), ingress('cdk8s-plus-ingress-my.host-hey-service-c83b53a8', 5678)]],
    ['a backend Service name starting with a digit', [service('other'), ingress('1web', 80)]],
    ['a backend Service name of 64 characters', [service('other'), ingress('a'.repeat(64), 80)]],
    // (test/checks/lib/nearest-name.test.ts bounds the "did you mean" search on such names)
    ['a backend Service name of 100,001 letters beside a Service of a near name', [service(`${'a'.repeat(100_000)}b`), ingress(`${'a'.repeat(100_000)}c`, 80)]],
    ['an old serviceName with a dot', [service('other'), oldIngress('extensions/v1beta1', 'api.v1', 80)]],
  ])('reports nothing for %s', (_case, objects) => {
    expect(run(ingressBackendMissing, objects)).toEqual([]);
  });

  test.each([
    ['a backend Service name of 63 characters, the longest a Service can have', [service('other'), ingress('a'.repeat(63), 80)], /names Service "a{63}", but there is no Service "a{63}" in namespace "default"/],
    ['a v1 path', [service('other'), ingress('api', 80)], /^Ingress "web" spec\.rules\[0\]\.http\.paths\[0\]\.backend names Service "api", but there is no Service "api" in namespace "default", so the ingress controller has no endpoints for it \(ingress-nginx answers 503\)\. Fix: create Service "api" in namespace "default", or correct the backend's service name\.$/],
    ['a v1 default backend', [service('other'), ingress('other', 80, {}, { defaultBackend: { service: { name: 'default-backend', port: { number: 80 } } } })], /^Ingress "web" spec\.defaultBackend names Service "default-backend"/],
    ['an extensions/v1beta1 path (serviceName)', [service('other'), oldIngress('extensions/v1beta1', 'api', 80)], /spec\.rules\[0\]\.http\.paths\[0\]\.backend names Service "api"/],
    ['an old default backend (spec.backend)', [service('other'), { ...oldIngress('networking.k8s.io/v1beta1', 'other', 80), spec: { backend: { serviceName: 'fallback', servicePort: 80 } } }], /spec\.backend names Service "fallback"/],
    ['a Service only in another namespace', [service('api', {}, { namespace: 'backend' }), service('x'), ingress('api', 80)], /a Service "api" exists only in namespace "backend", and an Ingress backend always refers to the Ingress's own namespace/],
    ['a typo', [service('api-server'), ingress('api-servr', 80)], /Did you mean "api-server"\?/],
    ['a Service only in 12 other namespaces (the first 10 listed)', [...Array.from({ length: 12 }, (_, i) => service('api', {}, { namespace: `ns-${String(i).padStart(2, '0')}` })), service('x'), ingress('api', 80)],
      /a Service "api" exists only in namespace "ns-00", "ns-01", .*, "ns-09" and 2 more, and an Ingress backend/],
    ['several paths to one missing Service (one finding)', [service('x'), { ...ingress('api', 80), spec: { rules: [{ http: { paths: [1, 2, 3].map((i) => ({ path: `/${i}`, pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } })) } }] } }],
      /spec\.rules\[0\]\.http\.paths\[0\]\.backend \(and 2 more places\) names Service "api"/],
    ['a name that only starts with an operator resource\'s name (a typo of its Service)',
      [service('other'), customResource('kibana.k8s.elastic.co/v1', 'Kibana', 'logs'), ingress('logs-kb-htp', 5601)], /no Service "logs-kb-htp" in namespace "default"/],
    ['an operator Service name whose resource is in another namespace',
      [service('other'), customResource('kibana.k8s.elastic.co/v1', 'Kibana', 'logs', 'elastic'), ingress('logs-kb-http', 5601)], /no Service "logs-kb-http" in namespace "default"/],
    ['a Knative Service\'s name from another namespace',
      [service('other'), customResource('serving.knative.dev/v1', 'Service', 'hello', 'serving'), ingress('hello', 80)], /no Service "hello" in namespace "default"/],
    ['a Grafana\'s own name (the operator adds -service)',
      [service('other'), customResource('grafana.integreatly.org/v1beta1', 'Grafana', 'grafana'), ingress('grafana', 3000)], /no Service "grafana" in namespace "default"/],
    ['an operator Service name beside a resource of another kind (a Kibana\'s suffix on an Elasticsearch)',
      [service('other'), customResource('elasticsearch.k8s.elastic.co/v1', 'Elasticsearch', 'logs'), ingress('logs-kb-http', 5601)], /no Service "logs-kb-http"/],
    ['a CassandraDatacenter\'s Service without the resource', [service('other'), ingress('prod-dc1-service', 9042)], /no Service "prod-dc1-service" in namespace "default"/],
    ['a typo of a CassandraDatacenter\'s Service', [service('other'), cassDc, ingress('prod-dc1-svc', 9042)], /no Service "prod-dc1-svc" in namespace "default"/],
    ['a ClickHouseInstallation\'s Service without the resource', [service('other'), ingress('clickhouse-events', 8123)], /no Service "clickhouse-events" in namespace "default"/],
    ['a host the ClickHouseInstallation\'s layout does not have', [service('other'), chi, ingress('chi-events-main-2-0', 8123)], /no Service "chi-events-main-2-0" in namespace "default"/],
    ['a Dragonfly\'s name with a suffix', [service('other'), customResource('dragonflydb.io/v1alpha1', 'Dragonfly', 'cache'), ingress('cache-master', 6379)], /no Service "cache-master" in namespace "default"/],
    ['a Dapr Service without the annotated workload', [service('other'), ingress('orders-dapr', 80)], /no Service "orders-dapr" in namespace "default"/],
    ['a Dapr Service named after the workload instead of its app id', [service('other'), daprApp, ingress('checkout-dapr', 80)], /no Service "checkout-dapr" in namespace "default"/],
    ['an Ingress alone in its namespace, with --complete', [ingress('api', 80)], /no Service "api" in namespace "default"/, true],
  ])('reports an error for %s', (_case, objects, message, complete = false) => {
    const found = run(ingressBackendMissing, objects, {}, complete);
    expect(found).toEqual([expect.objectContaining({ rule: 'ingress-backend-missing', level: 'error', resource: 'Ingress/default/web' })]);
    expect(found[0].message).toMatch(message);
  });

  test.each([
    ['kube-score\'s no-match fixture', 'kube-score-ingress.yaml', [['Ingress/testspace/app-ingress', /paths\[1\]\.backend names Service "app-service-123123", but there is no Service "app-service-123123" in namespace "testspace"/]]],
    ['ingress-nginx\'s default backend example', 'ingress-nginx-default-backend.yaml', [['Ingress/default/broken', /spec\.defaultBackend names Service "default-http-backend"/]]],
    ['Argo CD\'s Ingress with a named port', 'argocd-ingress.yaml', []],
    ['Knative\'s Ingress and a Traefik IngressRoute', 'not-ingress.yaml', []],
  ])('on %s: reports exactly the broken backends', (_case, file, expected) => {
    const found = onFixture(file, [ingressBackendMissing]);
    expect(found.map((f) => f.resource)).toEqual(expected.map(([resource]) => resource));
    found.forEach((f, i) => expect(f.message).toMatch(expected[i][1]));
  });

  test('bounds the work of its "did you mean" hints, and still reports every missing Service', () => {
    // GIVEN 500 Services of 60 letters and 300 backends each one letter off one of them (each hint: 500 x 60 x 5 steps)
    const name = (i: number) => `service-${String(i).padStart(4, '0')}-${'x'.repeat(47)}`;
    const services = Array.from({ length: 500 }, (_, i) => service(name(i)));
    const big = { ...ingress('x', 80), spec: { rules: [{ http: { paths: Array.from({ length: 300 }, (_, i) => ({ path: `/${i}`, pathType: 'Prefix', backend: { service: { name: `${name(i)}y`, port: { number: 80 } } } })) } }] } };
    // WHEN
    const found = runAll(ingressBackendMissing, [...services, big]);
    // THEN all 300 are reported (past the engine's 100 of one object, folded unless all are asked for), the first ones with their hint, until the hints' work (MAX_HINT_WORK) is spent
    expect(found).toHaveLength(300);
    const hinted = found.filter((f) => /Did you mean/.test(f.message)).length;
    expect(found[0].message).toMatch(/Did you mean "service-0000-x{47}"\?/);
    expect(hinted).toBeGreaterThan(50);
    expect(hinted).toBeLessThan(300);
  });
});
