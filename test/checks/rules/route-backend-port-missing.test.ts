import { routeBackendPortMissing } from '../../../src/checks/rules/route-backend-port-missing';
import { externalName, run, service } from '../builders';
import { route } from '../routes';

const api = service('api', { ports: [{ name: 'http', port: 80, targetPort: 8080 }] });

const manyPorts = service('api', { ports: Array.from({ length: 30 }, (_, i) => ({ name: `p${i}`, port: i + 1 })) });

describe('route-backend-port-missing', () => {
  test.each([
    ['the Service port', [api, route([{ name: 'api', port: 80 }])]],
    ['the last port of a Service with 30 ports', [manyPorts, route([{ name: 'api', port: 30 }])]],
    ['an ExternalName Service (no ports)', [externalName('api', 'api.example.com'), route([{ name: 'api', port: 443 }])]],
    ['a missing Service (route-backend-missing reports it)', [api, route([{ name: 'other', port: 80 }])]],
    ['a ServiceImport without a port', [api, route([{ group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'api' }])]],
  ])('reports nothing for %s', (_case, objects) => {
    expect(run(routeBackendPortMissing, objects)).toEqual([]);
  });

  test.each([
    ['no port', [api, route([{ name: 'api' }])], /^HTTPRoute "web" spec\.rules\[0\]\.backendRefs\[0\] names Service "api" without a port, and the API server rejects the route \("Must have port for Service reference"\)\. Fix: set port to a port of Service "api"\.$/],
    ['the targetPort instead of the port', [api, route([{ name: 'api', port: 8080 }])], /^HTTPRoute "web" spec\.rules\[0\]\.backendRefs\[0\] names port 8080 of Service "api" in namespace "default", which declares no such port \(ports: 80 "http"\), so the route's traffic to it has no endpoints\. 8080 is the targetPort of its port 80; a backendRef names the Service port\. Fix: set port to one of the Service's ports, or add port 8080 to Service "api"\.$/],
    ['a port of a Service with 30 ports (the first 20 listed)', [manyPorts, route([{ name: 'api', port: 9999 }])], /names port 9999 of Service "api" in namespace "default", which declares no such port \(ports: 1 "p0", 2 "p1", .*, 20 "p19" and 10 more\), so/],
    ['a mirror without a port', [api, route([{ name: 'api', port: 80 }], 'HTTPRoute', {}, { filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'api' } } }] })], /filters\[0\]\.requestMirror\.backendRef names Service "api" without a port/],
  ])('reports an error for %s', (_case, objects, message) => {
    const found = run(routeBackendPortMissing, objects);
    expect(found).toEqual([expect.objectContaining({ rule: 'route-backend-port-missing', level: 'error', resource: 'HTTPRoute/default/web' })]);
    expect(found[0].message).toMatch(message);
  });
});
