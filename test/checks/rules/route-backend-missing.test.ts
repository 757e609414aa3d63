import * as missingServicesLib from '../../../src/checks/lib/missing-services';
import { routeBackendMissing } from '../../../src/checks/rules/route-backend-missing';
import { run, runAll, service, statefulSet } from '../builders';
import { helmRelease, osRoute } from '../openshift';
import { route } from '../routes';

const api = service('api', { ports: [{ port: 8080 }] });
const gatewayClass = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'example' }, spec: { controllerName: 'acme.io/gateway-controller' } };
const gateway = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw' }, spec: { gatewayClassName: 'example', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] } };
const xGateway = { ...gateway, apiVersion: 'gateway.networking.x-k8s.io/v1alpha1', kind: 'XListenerSet' };
const tlsPolicy = { apiVersion: 'gateway.networking.k8s.io/v1alpha3', kind: 'BackendTLSPolicy', metadata: { name: 'tls' }, spec: { targetRefs: [{ group: '', kind: 'Service', name: 'api' }] } };

const cassDc = { apiVersion: 'cassandra.datastax.com/v1beta1', kind: 'CassandraDatacenter', metadata: { name: 'dc1' }, spec: { clusterName: 'prod' } };
const chi = { apiVersion: 'clickhouse.altinity.com/v1', kind: 'ClickHouseInstallation', metadata: { name: 'events' }, spec: {} };
const dragonfly = { apiVersion: 'dragonflydb.io/v1alpha1', kind: 'Dragonfly', metadata: { name: 'cache' }, spec: {} };
const daprStatefulSet = statefulSet('ledger', 'ledger');
daprStatefulSet.spec.template.metadata.annotations = { 'dapr.io/enabled': 'true', 'dapr.io/app-id': 'ledger' };

describe('route-backend-missing', () => {
  test.each([
    ['an HTTPRoute to an existing Service', [api, route([{ name: 'api', port: 8080 }])]],
    ['an explicit group "" and kind Service', [api, route([{ group: '', kind: 'Service', name: 'api', port: 8080 }])]],
    ['a ServiceImport backendRef (another kind)', [api, route([{ group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'remote', port: 80 }])]],
    ['a custom backend kind', [api, route([{ group: 'example.com', kind: 'Bucket', name: 'static' }])]],
    ['a route alone in its namespace (its Services live elsewhere)', [route([{ name: 'api', port: 8080 }])]],
    ['a route beside its Gateway and GatewayClass (Gateway API objects only)', [gatewayClass, gateway, route([{ name: 'api', port: 8080 }])]],
    ['a route beside an experimental-group Gateway and a BackendTLSPolicy', [xGateway, tlsPolicy, route([{ name: 'api', port: 8080 }])]],
    ['a backendRef into a namespace the input does not describe', [api, route([{ name: 'api', namespace: 'elsewhere', port: 8080 }])]],
    ['an HTTPRoute of another group', [api, { ...route([{ name: 'nope', port: 80 }]), apiVersion: 'example.com/v1' }]],
    ['a backendRef to the bootstrap Service Strimzi makes for a Kafka of the input',
      [api, { apiVersion: 'kafka.strimzi.io/v1beta2', kind: 'Kafka', metadata: { name: 'events' }, spec: {} }, route([{ name: 'events-kafka-bootstrap', port: 9092 }], 'TCPRoute', {}, {}, 'gateway.networking.k8s.io/v1alpha2')]],
    ['a backendRef to the Service the OpenTelemetry Operator makes for a collector of the input',
      [api, { apiVersion: 'opentelemetry.io/v1beta1', kind: 'OpenTelemetryCollector', metadata: { name: 'otel' }, spec: {} }, route([{ name: 'otel-collector', port: 4318 }])]],
    ['a backendRef to the Service Knative Serving makes for a Knative Service of the input',
      [api, { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'hello' }, spec: {} }, route([{ name: 'hello', port: 80 }])]],
    ['a backendRef to the all-pods Service cass-operator makes for a CassandraDatacenter of the input', [api, cassDc, route([{ name: 'prod-dc1-all-pods-service', port: 9042 }])]],
    ['a backendRef to the root Service the ClickHouse Operator makes', [api, chi, route([{ name: 'clickhouse-events', port: 8123 }])]],
    ['a backendRef to the Service the Dragonfly Operator makes', [api, dragonfly, route([{ name: 'cache', port: 6379 }], 'TCPRoute', {}, {}, 'gateway.networking.k8s.io/v1alpha2')]],
    ['a backendRef to the Service Dapr makes for an annotated StatefulSet', [api, daprStatefulSet, route([{ name: 'ledger-dapr', port: 80 }])]],
  ])('reports nothing for %s', (_case, objects) => {
    expect(run(routeBackendMissing, objects)).toEqual([]);
  });

  test.each([
    ['an HTTPRoute backendRef', [api, route([{ name: 'ap', port: 8080 }])], 'HTTPRoute/default/web',
      /^HTTPRoute "web" spec\.rules\[0\]\.backendRefs\[0\] names Service "ap", but there is no Service "ap" in namespace "default", so the route's ResolvedRefs condition is False \(BackendNotFound\) and its share of requests gets 500\. Fix: create Service "ap" in namespace "default", or correct the backendRef\.$/],
    ['a typo', [service('payments'), route([{ name: 'paymnts', port: 80 }])], 'HTTPRoute/default/web', /Did you mean "payments"\?/],
    ['a Service only in 12 other namespaces (the first 10 listed)', [...Array.from({ length: 12 }, (_, i) => service('api', {}, { namespace: `ns-${String(i).padStart(2, '0')}` })), service('x'), route([{ name: 'api', port: 80 }])],
      'HTTPRoute/default/web', /a Service "api" exists in namespace "ns-00", "ns-01", .*, "ns-09" and 2 more, which the backendRef names/],
    ['a rule filter\'s requestMirror', [api, route([{ name: 'api', port: 8080 }], 'HTTPRoute', {}, { filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'shadow', port: 80 } } }] })], 'HTTPRoute/default/web',
      /spec\.rules\[0\]\.filters\[0\]\.requestMirror\.backendRef names Service "shadow"/],
    ['a backendRef filter\'s requestMirror', [api, route([{ name: 'api', port: 8080, filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'shadow', port: 80 } } }] }])], 'HTTPRoute/default/web',
      /spec\.rules\[0\]\.backendRefs\[0\]\.filters\[0\]\.requestMirror\.backendRef names Service "shadow"/],
    ['a GRPCRoute (v1alpha2)', [api, route([{ name: 'echo', port: 9000 }], 'GRPCRoute', {}, {}, 'gateway.networking.k8s.io/v1alpha2')], 'GRPCRoute/default/web', /^GRPCRoute "web" .* its share of requests gets 500/],
    ['a TCPRoute', [api, route([{ name: 'db', port: 5432 }], 'TCPRoute', {}, {}, 'gateway.networking.k8s.io/v1alpha2')], 'TCPRoute/default/web', /^TCPRoute "web" .* its connections are refused/],
    ['a TLSRoute', [api, route([{ name: 'db', port: 5432 }], 'TLSRoute', {}, {}, 'gateway.networking.k8s.io/v1alpha3')], 'TLSRoute/default/web', /^TLSRoute "web"/],
    ['a UDPRoute', [api, route([{ name: 'dns', port: 53 }], 'UDPRoute', {}, {}, 'gateway.networking.k8s.io/v1alpha2')], 'UDPRoute/default/web', /^UDPRoute "web"/],
    ['a backendRef into another described namespace', [api, service('x', {}, { namespace: 'backend' }), route([{ name: 'api', namespace: 'backend', port: 8080 }])], 'HTTPRoute/default/web',
      /no Service "api" in namespace "backend"; a Service "api" exists in namespace "default", which the backendRef names with its namespace field/],
    ['a backendRef to a collector\'s Service when the collector is in another namespace',
      [api, { apiVersion: 'opentelemetry.io/v1beta1', kind: 'OpenTelemetryCollector', metadata: { name: 'otel', namespace: 'observability' }, spec: {} }, route([{ name: 'otel-collector', port: 4318 }])],
      'HTTPRoute/default/web', /no Service "otel-collector" in namespace "default"/],
    ['a CassandraDatacenter\'s Service without the resource', [api, route([{ name: 'prod-dc1-all-pods-service', port: 9042 }])], 'HTTPRoute/default/web', /no Service "prod-dc1-all-pods-service" in namespace "default"/],
    ['a typo of the ClickHouse Operator\'s root Service', [api, chi, route([{ name: 'clickhouse-event', port: 8123 }])], 'HTTPRoute/default/web', /no Service "clickhouse-event" in namespace "default"/],
    ['a Dapr Service of a StatefulSet not enabled for Dapr',
      [api, { ...daprStatefulSet, spec: { ...daprStatefulSet.spec, template: { ...daprStatefulSet.spec.template, metadata: { annotations: { 'dapr.io/enabled': 'false', 'dapr.io/app-id': 'ledger' } } } } }, route([{ name: 'ledger-dapr', port: 80 }])],
      'HTTPRoute/default/web', /no Service "ledger-dapr" in namespace "default"/],
  ])('reports an error for %s', (_case, objects, resource, message) => {
    const found = run(routeBackendMissing, objects);
    expect(found).toEqual([expect.objectContaining({ rule: 'route-backend-missing', level: 'error', resource })]);
    expect(found[0].message).toMatch(message);
  });

  test('reports a route alone in its namespace with --complete', () => {
    expect(run(routeBackendMissing, [route([{ name: 'api', port: 8080 }])], {}, true).map((f) => f.resource)).toEqual(['HTTPRoute/default/web']);
  });

  test.each([
    ['a Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } } }],
    ['another Service', service('db', { ports: [{ port: 5432 }] })],
  ])('reports a route beside its Gateway when the namespace has an application in the input (%s)', (_case, app) => {
    expect(run(routeBackendMissing, [gateway, app, route([{ name: 'api', port: 8080 }])]).map((f) => f.resource)).toEqual(['HTTPRoute/default/web']);
  });

  test.each([
    ['a ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } }],
    ['a TLS Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls' }, type: 'kubernetes.io/tls' }],
    ['its Namespace object', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }],
    ['a cert-manager Certificate', { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web' }, spec: { secretName: 'tls' } }],
    ['an Envoy Gateway policy', { apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'BackendTrafficPolicy', metadata: { name: 'p' }, spec: {} }],
  ])('reports nothing for a route whose namespace holds no Service or workload, beside %s', (_case, other) => {
    expect(run(routeBackendMissing, [gateway, other, route([{ name: 'api', port: 8080 }])])).toEqual([]);
  });
});

describe('route-backend-missing: OpenShift Routes', () => {
  const web = service('web', { ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
  const prometheus = { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'k8s' }, spec: {} };

  test.each([
    ['a Route to an existing Service', [web, osRoute('web')]],
    ['a Route whose to omits the kind (Service is the default)', [web, osRoute({ name: 'web' })]],
    ['a legacy v1 Route (OpenShift 3 templates) to an existing Service', [web, osRoute('web', {}, {}, 'v1')]],
    ['a Route and its alternate backends, all existing', [web, service('web-green'), osRoute('web', { alternateBackends: [{ kind: 'Service', name: 'web-green', weight: 0 }] })]],
    ['a Route alone in its namespace (its Services live elsewhere)', [osRoute('web')]],
    ['a Route of another group', [web, osRoute('nope', {}, {}, 'example.com/v1')]],
    ['a backend of another kind', [web, osRoute({ kind: 'Bucket', name: 'static' })]],
    ['a Route to the Service an operator makes from the input', [web, prometheus, osRoute('prometheus-operated')]],
    ['a Route to a Service named like a chart release into the namespace', [web, helmRelease('grafana'), osRoute('grafana')]],
    ['a Route to a Flux placeholder', [web, osRoute('${APP}')]],
  ])('reports nothing for %s', (_case, objects) => {
    expect(run(routeBackendMissing, objects)).toEqual([]);
  });

  test.each([
    ['spec.to', [web, osRoute('wbe')], 'error',
      /^Route "web" spec\.to names Service "wbe", but there is no Service "wbe" in namespace "default", so the router has no endpoints for the Route and answers its requests with 503\. Fix: create Service "wbe" in namespace "default", or correct the Route's backend\.$/],
    ['a typo', [web, service('payments'), osRoute('paymnts')], 'error', / 503\. Did you mean "payments"\? Fix: /],
    ['a legacy v1 Route', [web, osRoute('api', {}, {}, 'v1')], 'error', /^Route "web" spec\.to names Service "api", but there is no Service "api"/],
    ['every backend missing', [web, osRoute('blue', { alternateBackends: [{ kind: 'Service', name: 'blue', weight: 50 }] })], 'error',
      /^Route "web" spec\.to \(and 1 more place\) names Service "blue", .* answers its requests with 503\./],
    ['an alternate backend missing beside one that exists', [web, osRoute('web', { alternateBackends: [{ kind: 'Service', name: 'web-green', weight: 10 }] })], 'warning',
      /^Route "web" spec\.alternateBackends\[0\] names Service "web-green", but there is no Service "web-green" in namespace "default", so the router has no endpoints for it and sends its share of the Route's requests to the Route's other backends\. Fix: create Service "web-green" in namespace "default", or correct the Route's backend\.$/],
    ['a Service only in another namespace', [web, service('api', {}, { namespace: 'backend' }), osRoute('api')], 'error',
      /no Service "api" in namespace "default"; a Service "api" exists only in namespace "backend", and a Route's backends always refer to the Route's own namespace, so the router/],
    ['a name beside a chart release into the namespace', [web, helmRelease('grafana'), osRoute('dashboards')], 'warning',
      /^Route "web" spec\.to names Service "dashboards", which is not in these manifests, but .*HelmRelease.* into namespace "default", whose Services the input does not hold; if no chart makes "dashboards", the router has no endpoints for the Route and answers its requests with 503\..* or correct the Route's backend\.$/],
  ])('reports %s', (_case, objects, level, message) => {
    const found = run(routeBackendMissing, objects);
    expect(found).toEqual([expect.objectContaining({ rule: 'route-backend-missing', level, resource: 'Route/default/web' })]);
    expect(found[0].message).toMatch(message);
  });

  test.each<[string, string, string]>([
    ['every one missing: errors', 'blue', 'error'],
    ['beside one that exists: warnings', 'web', 'warning'],
  ])('a Route of 20,000 alternate backends, %s, each reference asked once whether its Service exists', (_case, to, level) => {
    // GIVEN a Route to `to` with 20,000 alternate backends that name no Service (700 KB)
    const alternateBackends = Array.from({ length: 20_000 }, (_, i) => ({ kind: 'Service', name: `s${i}`, weight: 1 }));
    const asked = jest.spyOn(missingServicesLib, 'serviceMissing');
    try {
      // WHEN checked
      const found = runAll(routeBackendMissing, [web, osRoute(to, { alternateBackends })]);
      // THEN a finding per missing Service, of the level the Route's other backends give; and the rule asked about each
      // reference once (it asked every reference of the Route for each missing one: 400,000,000 questions)
      expect(found).toHaveLength(to === 'web' ? 20_000 : 20_001);
      expect(new Set(found.map((f) => f.level))).toEqual(new Set([level]));
      expect(asked.mock.calls.length).toBeGreaterThan(0);
      expect(asked.mock.calls.length).toBeLessThanOrEqual(20_001);
    } finally {
      asked.mockRestore();
    }
  });
});
