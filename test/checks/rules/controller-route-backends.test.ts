import { routeBackendMissing } from '../../../src/checks/rules/route-backend-missing';
import { routeBackendPortMissing } from '../../../src/checks/rules/route-backend-port-missing';
import { externalName, run, service } from '../builders';
import { ambassadorModule, httpProxy, mapping, traefikRoute, traefikService, virtualServer } from '../controller-routes';
import { helmRelease } from '../openshift';

// the Service the routes name: port 80 "http" forwarding to 8080
const api = service('api', { ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
const shopApi = service('api', { ports: [{ name: 'http', port: 80 }] }, { namespace: 'shop' });
const shopNs = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };

describe('route-backend-missing: ingress controllers\' route kinds', () => {
  test.each([
    ['a Traefik IngressRoute to an existing Service', [api, traefikRoute([{ name: 'api', port: 80 }])]],
    ['a Traefik IngressRoute of the older traefik.containo.us group', [api, traefikRoute([{ name: 'api', port: 80 }], 'IngressRoute', {}, 'traefik.containo.us/v1alpha1')]],
    ['a Traefik TraefikService (not a Service)', [api, traefikRoute([{ name: 'canary', kind: 'TraefikService' }])]],
    ['a Traefik internal service (api@internal)', [api, traefikRoute([{ name: 'api@internal', kind: 'TraefikService' }])]],
    ['a TraefikService weighted between existing Services and another TraefikService', [api, shopApi, traefikService({ weighted: { services: [{ name: 'api', port: 80, weight: 3 }, { name: 'api', namespace: 'shop', port: 'http', weight: 1 }, { name: 'other', kind: 'TraefikService' }] } })]],
    ['a TraefikService mirroring an existing Service to another (traefik.containo.us)', [api, traefikService({ mirroring: { name: 'api', port: 80, mirrors: [{ name: 'api', port: 80, percent: 10 }] } }, {}, 'traefik.containo.us/v1alpha1')]],
    ['a TraefikService of another group', [api, { ...traefikService({ weighted: { services: [{ name: 'nope', port: 80 }] } }), apiVersion: 'example.com/v1' }]],
    ['a Traefik service into another namespace that exists there', [api, shopApi, traefikRoute([{ name: 'api', namespace: 'shop', port: 80 }])]],
    ['a Traefik service into a namespace the input does not describe', [api, traefikRoute([{ name: 'web', namespace: 'elsewhere', port: 80 }])]],
    ['an IngressRoute of another group', [api, { ...traefikRoute([{ name: 'nope', port: 80 }]), apiVersion: 'example.com/v1' }]],
    ['a Contour HTTPProxy to an existing Service', [api, httpProxy([{ name: 'api', port: 80 }])]],
    ['a Contour include (another HTTPProxy, not a Service)', [api, httpProxy([{ name: 'api', port: 80 }], { includes: [{ name: 'blog', namespace: 'marketing' }] })]],
    ['an NGINX VirtualServer to an existing Service', [api, virtualServer([{ name: 'api', service: 'api', port: 80 }])]],
    ['an NGINX upstream as namespace/service that exists', [api, shopApi, virtualServer([{ name: 'api', service: 'shop/api', port: 80 }])]],
    ['an Emissary Mapping to a bare name that exists', [api, mapping('api:80')]],
    ['an Emissary Mapping to name.namespace that exists', [api, shopApi, mapping('api.shop:80')]],
    ['an Emissary Mapping to an outside URL', [api, mapping('https://httpbin.org')]],
    ['an Emissary Mapping to an outside host of two labels whose second is no namespace of the input', [api, mapping('example.com')]],
    ['an Emissary Mapping with a Consul resolver', [api, mapping('billing', { resolver: 'consul-dc1' })]],
    ['an Emissary Mapping that redirects', [api, mapping('nope', { host_redirect: true })]],
    ['an Emissary Mapping to a bare name that Emissary\'s Module resolves in its own namespace', [api, ambassadorModule(true), mapping('quote:80')]],
    ['an Emissary Mapping to an IP address', [api, mapping('10.0.0.5:8080')]],
    ['a Service a chart release makes under its name', [api, helmRelease('grafana'), traefikRoute([{ name: 'grafana', port: 80 }])]],
  ])('reports nothing for %s', (_case, objects) => {
    expect(run(routeBackendMissing, objects)).toEqual([]);
  });

  test.each([
    ['a Traefik IngressRoute', [api, traefikRoute([{ name: 'apii', port: 80 }])], 'IngressRoute/default/web',
      /^IngressRoute "web" spec\.routes\[0\]\.services\[0\] names Service "apii", but there is no Service "apii" in namespace "default", so Traefik does not build the route \(it logs "service not found" or "service port not found"\) and its requests get 404\. Did you mean "api"\? Fix: create Service "apii" in namespace "default", or correct the service\.$/],
    ['a Traefik IngressRouteTCP (traefik.containo.us)', [api, traefikRoute([{ name: 'db', port: 5432 }], 'IngressRouteTCP', {}, 'traefik.containo.us/v1alpha1')], 'IngressRouteTCP/default/web',
      /^IngressRouteTCP "web" .* names Service "db".* its connections are not routed/],
    ['a Traefik IngressRouteUDP', [api, traefikRoute([{ name: 'dns', port: 53 }], 'IngressRouteUDP')], 'IngressRouteUDP/default/web', /^IngressRouteUDP "web" .*Service "dns"/],
    ['a Traefik service into another described namespace', [api, shopNs, service('x', {}, { namespace: 'shop' }), traefikRoute([{ name: 'api', namespace: 'shop', port: 80 }])], 'IngressRoute/default/web',
      /no Service "api" in namespace "shop"; a Service "api" exists in namespace "default", which the service can name with its namespace field \(which Traefik follows only with allowCrossNamespace\)/],
    ['a TraefikService weighted service', [api, traefikService({ weighted: { services: [{ name: 'api', port: 80 }, { name: 'api-v2', port: 80 }] } })], 'TraefikService/default/canary',
      /^TraefikService "canary" spec\.weighted\.services\[1\] names Service "api-v2", but there is no Service "api-v2" in namespace "default", so Traefik does not build the TraefikService \(it logs "kubernetes service not found" or "service port not found"\), and the requests of the IngressRoutes that use it get 404\. Fix: create Service "api-v2" in namespace "default", or correct the service\.$/],
    ['a TraefikService mirror', [api, traefikService({ mirroring: { name: 'api', port: 80, mirrors: [{ name: 'shadow', port: 80, percent: 5 }] } })], 'TraefikService/default/canary',
      /^TraefikService "canary" spec\.mirroring\.mirrors\[0\] names Service "shadow", but there is no Service "shadow"/],
    ['a TraefikService mirroring main service', [api, traefikService({ mirroring: { name: 'main', port: 80 } })], 'TraefikService/default/canary',
      /^TraefikService "canary" spec\.mirroring names Service "main"/],
    ['a Contour HTTPProxy route service', [api, httpProxy([{ name: 'ap', port: 80 }])], 'HTTPProxy/default/web',
      /^HTTPProxy "web" spec\.routes\[0\]\.services\[0\] names Service "ap", .* Valid condition is False \(ServiceUnresolvedReference\) and Envoy answers the route's requests with 503\./],
    ['a Contour tcpproxy service', [api, httpProxy([{ name: 'api', port: 80 }], { tcpproxy: { services: [{ name: 'tcp', port: 8080 }] } })], 'HTTPProxy/default/web',
      /^HTTPProxy "web" spec\.tcpproxy\.services\[0\] names Service "tcp".* Envoy has nowhere to send its connections/],
    ['a Contour service that exists only in another namespace', [api, shopApi, httpProxy([{ name: 'api', port: 80 }], {}, { namespace: 'web' }), service('x', {}, { namespace: 'web' })], 'HTTPProxy/web/web',
      /a Service "api" exists only in namespace "default", "shop", and the service always refers to the HTTPProxy's own namespace/],
    ['an NGINX VirtualServer upstream', [api, virtualServer([{ name: 'api', service: 'api-svc', port: 80 }])], 'VirtualServer/default/web',
      /^VirtualServer "web" spec\.upstreams\[0\] names Service "api-svc", .* NGINX takes the upstream to have no endpoints and answers its requests with 502\. .*correct the upstream\.$/],
    ['an NGINX VirtualServerRoute upstream as namespace/service', [api, shopNs, service('x', {}, { namespace: 'shop' }), virtualServer([{ name: 'api', service: 'shop/api', port: 80 }], 'VirtualServerRoute')], 'VirtualServerRoute/default/web',
      /^VirtualServerRoute "web" .* no Service "api" in namespace "shop"; a Service "api" exists in namespace "default", which the upstream can name as namespace\/service/],
    ['an Emissary Mapping to a bare name', [api, mapping('http://apiv2:80')], 'Mapping/default/web',
      /^Mapping "web" spec\.service names Service "apiv2", .* Envoy has no endpoints for the Mapping and answers its requests with 503\./],
    ['an Emissary Mapping to name.namespace of a namespace of the input', [api, shopNs, service('x', {}, { namespace: 'shop' }), mapping('cart.shop:8080')], 'Mapping/default/web',
      /names Service "cart", but there is no Service "cart" in namespace "shop"/],
    ['an Emissary Mapping to name.namespace beside a Module that resolves bare names in Emissary\'s namespace', [api, shopNs, service('x', {}, { namespace: 'shop' }), ambassadorModule(true), mapping('cart.shop:8080')], 'Mapping/default/web',
      /names Service "cart", but there is no Service "cart" in namespace "shop"/],
    ['an Emissary Mapping to a bare name beside a Module that keeps the default resolution', [api, ambassadorModule(false), mapping('quote:80')], 'Mapping/default/web', /no Service "quote" in namespace "default"/],
    ['an Emissary Mapping to name.namespace.svc.cluster.local', [api, mapping('cart.default.svc.cluster.local:80', {}, {}, 'getambassador.io/v2')], 'Mapping/default/web', /no Service "cart" in namespace "default"/],
  ])('reports %s', (_case, objects, resource, message) => {
    const findings = run(routeBackendMissing, objects);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'route-backend-missing', level: 'error', resource });
    expect(findings[0].message).toMatch(message);
  });

  test('warns beside a chart release into the namespace', () => {
    const findings = run(routeBackendMissing, [api, helmRelease('grafana'), virtualServer([{ name: 'dash', service: 'dashboards', port: 80 }])]);
    expect(findings).toHaveLength(1);
    expect(findings[0].level).toBe('warning');
    expect(findings[0].message).toMatch(/which is not in these manifests, but .*grafana.* NGINX takes the upstream to have no endpoints/);
  });

  test('judges a route alone in its namespace only with --complete', () => {
    const objects = [httpProxy([{ name: 'api', port: 80 }])];
    expect(run(routeBackendMissing, objects)).toEqual([]);
    expect(run(routeBackendMissing, objects, {}, true)).toHaveLength(1);
  });

  test('does not judge a namespace that Flux substitutes (${NS}), even with --complete', () => {
    expect(run(routeBackendMissing, [api, traefikRoute([{ name: 'api', namespace: '${NS}', port: 80 }])], {}, true)).toEqual([]);
  });

  test('does not take an Emissary name.namespace into a namespace the input lacks for a Service, even with --complete', () => {
    expect(run(routeBackendMissing, [api, mapping('example.com:443')], {}, true)).toEqual([]);
  });
});

describe('route-backend-port-missing: ingress controllers\' route kinds', () => {
  test.each([
    ['a Traefik port by number', [api, traefikRoute([{ name: 'api', port: 80 }])]],
    ['a Traefik port by name', [api, traefikRoute([{ name: 'api', port: 'http' }])]],
    ['a Traefik port as a quoted number (not judged)', [api, traefikRoute([{ name: 'api', port: '8080' }])]],
    ['a Traefik TraefikService without a port', [api, traefikRoute([{ name: 'canary', kind: 'TraefikService' }])]],
    ['a TraefikService port by name', [api, traefikService({ weighted: { services: [{ name: 'api', port: 'http' }] } })]],
    ['a Traefik port that Flux substitutes (${APP_PORT})', [api, traefikRoute([{ name: 'api', port: '${APP_PORT}' }])]],
    ['a Traefik port that Flux substitutes with a default (${APP_PORT:=80})', [api, traefikRoute([{ name: 'api', port: '${APP_PORT:=80}' }], 'IngressRouteTCP')]],
    ['a Traefik port of a template not rendered ({{ .Values.port }})', [api, traefikRoute([{ name: 'api', port: '{{ .Values.service.port }}' }])]],
    ['a Contour port of the Service', [api, httpProxy([{ name: 'api', port: 80 }])]],
    ['an NGINX port of the Service', [api, virtualServer([{ name: 'api', service: 'api', port: 80 }])]],
    ['an Emissary Mapping port of the Service', [api, mapping('api:80')]],
    ['an Emissary Mapping without a port (its default is not judged)', [api, mapping('api')]],
    ['a port of an ExternalName Service', [externalName('ext', 'db.example.com'), httpProxy([{ name: 'ext', port: 5432 }])]],
    ['a port of a Service the input lacks', [api, httpProxy([{ name: 'other', port: 1 }])]],
    // Emissary reaches a headless Service by DNS, which answers the pods' addresses: the Mapping's port is theirs
    ['an Emissary Mapping port of a headless Service\'s pods', [service('db', { clusterIP: 'None', ports: [{ port: 80, targetPort: 5432 }] }), mapping('db:5432')]],
  ])('reports nothing for %s', (_case, objects) => {
    expect(run(routeBackendPortMissing, objects)).toEqual([]);
  });

  test.each([
    ['a Traefik port number the Service lacks (its targetPort)', [api, traefikRoute([{ name: 'api', port: 8080 }])], 'IngressRoute/default/web',
      /^IngressRoute "web" spec\.routes\[0\]\.services\[0\] names port 8080 of Service "api" in namespace "default", which declares no such port \(ports: 80 "http"\), so Traefik does not build the route .* 8080 is the targetPort of its port 80; the IngressRoute names the Service port\./],
    ['a Traefik port name the Service lacks', [api, traefikRoute([{ name: 'api', port: 'web' }], 'IngressRouteTCP')], 'IngressRouteTCP/default/web', /names port "web" of Service "api"/],
    ['a Traefik service without a port', [api, traefikRoute([{ name: 'api' }])], 'IngressRoute/default/web',
      /names Service "api" without a port, and Traefik needs one \("service port not defined"\)/],
    ['a TraefikService port the Service lacks', [api, traefikService({ weighted: { services: [{ name: 'api', port: 8080 }] } })], 'TraefikService/default/canary',
      /^TraefikService "canary" spec\.weighted\.services\[0\] names port 8080 of Service "api" in namespace "default", which declares no such port \(ports: 80 "http"\), so Traefik does not build the TraefikService .* 8080 is the targetPort of its port 80; the TraefikService names the Service port\./],
    ['a TraefikService service without a port', [api, traefikService({ mirroring: { name: 'api' } })], 'TraefikService/default/canary',
      /^TraefikService "canary" spec\.mirroring names Service "api" without a port, and Traefik needs one \("service port not defined"\)/],
    ['a Contour port the Service lacks', [api, httpProxy([{ name: 'api', port: 8080 }])], 'HTTPProxy/default/web', /names port 8080 of Service "api".*ServiceUnresolvedReference/],
    ['an NGINX port the Service lacks', [api, virtualServer([{ name: 'api', service: 'api', port: 443 }])], 'VirtualServer/default/web', /names port 443 of Service "api".*502/],
    ['an Emissary Mapping port the Service lacks', [api, mapping('api.default:8080')], 'Mapping/default/web', /^Mapping "web" spec\.service names port 8080 of Service "api"/],
  ])('reports %s', (_case, objects, resource, message) => {
    const findings = run(routeBackendPortMissing, objects);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'route-backend-port-missing', level: 'error', resource });
    expect(findings[0].message).toMatch(message);
  });
});
