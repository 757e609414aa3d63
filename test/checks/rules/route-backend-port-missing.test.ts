import { routeBackendPortMissing } from '../../../src/checks/rules/route-backend-port-missing';
import { deployment, externalName, run, service } from '../builders';
import { helmRelease, osRoute } from '../openshift';
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
    // Flux post-build substitution writes the number before the route is applied
    ['a ${VAR} placeholder port', [api, route([{ name: 'api', port: '${APP_PORT}' }])]],
    ['a ${VAR:=default} placeholder port of a mirror', [api, route([{ name: 'api', port: 80 }], 'HTTPRoute', {}, { filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'api', port: '${PORT:=80}' } } }] })]],
    ['a {{ }} template port', [api, route([{ name: 'api', port: '{{ .Values.port }}' }])]],
  ])('reports nothing for %s', (_case, objects) => {
    expect(run(routeBackendPortMissing, objects)).toEqual([]);
  });

  test.each([
    ['no port', [api, route([{ name: 'api' }])], /^HTTPRoute "web" spec\.rules\[0\]\.backendRefs\[0\] names Service "api" without a port, and the API server rejects the route \("Must have port for Service reference"\)\. Fix: set port to a port of Service "api"\.$/],
    ['the targetPort instead of the port', [api, route([{ name: 'api', port: 8080 }])], /^HTTPRoute "web" spec\.rules\[0\]\.backendRefs\[0\] names port 8080 of Service "api" in namespace "default", which declares no such port \(ports: 80 "http"\), so the route's traffic to it has no endpoints\. 8080 is the targetPort of its port 80; a backendRef names the Service port\. Fix: set port to one of the Service's ports, or add port 8080 to Service "api"\.$/],
    ['a port of a Service with 30 ports (the first 20 listed)', [manyPorts, route([{ name: 'api', port: 9999 }])], /names port 9999 of Service "api" in namespace "default", which declares no such port \(ports: 1 "p0", 2 "p1", .*, 20 "p19" and 10 more\), so/],
    ['a quoted port number (the CRD\'s port is an integer)', [api, route([{ name: 'api', port: '80' }])], /^HTTPRoute "web" spec\.rules\[0\]\.backendRefs\[0\] names Service "api" with port "80", text where the CRD requires an integer, and the API server rejects the route \("port in body must be of type integer"\)\. Fix: write the port of Service "api" as a number, without quotes\.$/],
    // the reviewer's shape: a port name, which no quotes removal fixes
    ['a quoted port name of the Service', [api, route([{ name: 'api', port: 'http' }])], /names Service "api" with port "http", text where the CRD requires an integer, and the API server rejects the route \("port in body must be of type integer"\)\. Fix: use 80, the number of Service "api"'s port "http" \(a backendRef names a Service port by number only\)\.$/],
    ['a quoted port name the Service lacks', [api, route([{ name: 'api', port: 'grpc' }])], /with port "grpc", text where the CRD requires an integer, .* Fix: use the number of one of Service "api"'s ports \(a backendRef names a Service port by number only\)\.$/],
    ['a mirror without a port', [api, route([{ name: 'api', port: 80 }], 'HTTPRoute', {}, { filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'api' } } }] })], /filters\[0\]\.requestMirror\.backendRef names Service "api" without a port/],
  ])('reports an error for %s', (_case, objects, message) => {
    const found = run(routeBackendPortMissing, objects);
    expect(found).toEqual([expect.objectContaining({ rule: 'route-backend-port-missing', level: 'error', resource: 'HTTPRoute/default/web' })]);
    expect(found[0].message).toMatch(message);
  });
});

describe('route-backend-port-missing: OpenShift Route targetPort', () => {
  // port 80 "http" forwards to 8080; the pods of app=web listen on 8080 (named "web") and 9090
  const web = service('web', { ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'metrics', port: 9090 }] });
  const pods = deployment('web', { app: 'web' }, [{ name: 'web', containerPort: 8080 }, { name: 'prom', containerPort: 9090 }]);
  const named = service('web', { ports: [{ name: 'http', port: 80, targetPort: 'web' }] });
  const unnamed = service('web', { ports: [{ port: 80, targetPort: 8080 }] });
  const green = service('green', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
  const greenOther = service('green', { selector: { app: 'web' }, ports: [{ name: 'web', port: 80, targetPort: 9090 }] });
  const selectorless = service('web', { selector: undefined, ports: [{ name: 'http', port: 80, targetPort: 8080 }] });

  test.each([
    ['a Route without a targetPort (every endpoint port)', [web, pods, osRoute('web')]],
    ['a targetPort that is a Service port\'s name', [web, pods, osRoute('web', { port: { targetPort: 'http' } })]],
    ['a targetPort that is the number the pods listen on (the Service port\'s targetPort)', [web, pods, osRoute('web', { port: { targetPort: 8080 } })]],
    ['a quoted number the pods listen on', [web, pods, osRoute('web', { port: { targetPort: '8080' } })]],
    ['a targetPort that is a Service port whose targetPort is unset (the same number)', [web, pods, osRoute('web', { port: { targetPort: 9090 } })]],
    ['a number behind a named targetPort that the selected template declares', [named, pods, osRoute('web', { port: { targetPort: 8080 } })]],
    ['a number behind a named targetPort that no template of the input declares (not known)', [named, osRoute('web', { port: { targetPort: 8443 } })]],
    ['a Service without a selector (its endpoints are written elsewhere)', [selectorless, osRoute('web', { port: { targetPort: 'https' } })]],
    ['a missing Service (route-backend-missing reports it)', [web, pods, osRoute('api', { port: { targetPort: 'http' } })]],
    ['an ExternalName Service', [service('web', { type: 'ExternalName', externalName: 'web.example.com', selector: undefined }), osRoute('web', { port: { targetPort: 'http' } })]],
    ['a ${VAR} placeholder targetPort (Flux post-build substitution fills it in)', [web, pods, osRoute('web', { port: { targetPort: '${APP_PORT}' } })]],
    ['a {{ }} template targetPort', [web, pods, osRoute('web', { port: { targetPort: '{{ .Values.port }}' } })]],
  ])('reports nothing for %s', (_case, objects) => {
    expect(run(routeBackendPortMissing, objects)).toEqual([]);
  });

  test.each([
    ['the Service port\'s number (80 forwards to 8080)', [web, pods, osRoute('web', { port: { targetPort: 80 } })], 'error',
      /^Route "web" spec\.to names Service "web", whose endpoints have no port 80 \(they have 8080, 9090\), and the Route's spec\.port\.targetPort 80 keeps only the endpoints with that port number, so the router has no endpoints for the Route and answers its requests with 503\. 80 is the number of the Service's port "http", which forwards to 8080; a Route's targetPort is the port the pods listen on, or the Service port's name\. Fix: set spec\.port\.targetPort to "http" \(the Service port's name\) or 8080\.$/],
    ['the number of an unnamed Service port', [unnamed, pods, osRoute('web', { port: { targetPort: 80 } })], 'error',
      /whose endpoints have no port 80 \(they have 8080\), .* 80 is the number of the Service's port, which forwards to 8080; .* Fix: set spec\.port\.targetPort to 8080\.$/],
    ['the number of a Service port with a named targetPort', [named, pods, osRoute('web', { port: { targetPort: 80 } })], 'error',
      /whose endpoints have no port 80 \(they have 8080\), .* 80 is the number of the Service's port "http", which forwards to web; .* Fix: set spec\.port\.targetPort to "http" \(the Service port's name\)\.$/],
    ['a number nobody uses', [web, pods, osRoute('web', { port: { targetPort: 3000 } })], 'error',
      /no port 3000 \(they have 8080, 9090\), .* 503\. Fix: set spec\.port\.targetPort to the name of a port of Service "web" or to the number its pods listen on\.$/],
    ['a container port name (not a Service port name)', [web, pods, osRoute('web', { port: { targetPort: 'web' } })], 'error',
      /^Route "web" spec\.to names Service "web", whose ports have no name "web" \(ports: 80 "http", 9090 "metrics"\), and the Route's spec\.port\.targetPort "web" keeps only the endpoints whose port has that name, so the router has no endpoints for the Route and answers its requests with 503\. Fix: set spec\.port\.targetPort to the name of a port of Service "web" or to the number its pods listen on, or name a port of the Service "web"\.$/],
    ['an alternate backend without the port beside one with it', [web, greenOther, pods, osRoute('web', { port: { targetPort: 'http' }, alternateBackends: [{ kind: 'Service', name: 'green', weight: 10 }] })], 'warning',
      /^Route "web" spec\.alternateBackends\[0\] names Service "green", whose ports have no name "http" .* so the router has no endpoints of Service "green" for the Route and sends its share of the requests to the Route's other backends\./],
    ['a backend without the port beside one a chart release may make (its endpoints are not known)', [web, pods, helmRelease('redis'), osRoute('web', { port: { targetPort: 80 }, alternateBackends: [{ kind: 'Service', name: 'redis', weight: 10 }] })], 'warning',
      /^Route "web" spec\.to names Service "web", whose endpoints have no port 80 .* so the router has no endpoints of Service "web" for the Route and sends its share of the requests to the Route's other backends\./],
    ['both backends without the port', [web, green, pods, osRoute('web', { port: { targetPort: 3000 }, alternateBackends: [{ kind: 'Service', name: 'green', weight: 10 }] })], 'error', /^Route "web" spec\.(to|alternateBackends\[0\]) names Service "(web|green)", .* 503/],
  ])('reports %s', (_case, objects, level, message) => {
    const found = run(routeBackendPortMissing, objects);
    expect(found[0]).toEqual(expect.objectContaining({ rule: 'route-backend-port-missing', level, resource: 'Route/default/web' }));
    expect(found[0].message).toMatch(message);
  });

  test('reports each backend of a Route that lacks the port, and the Gateway API rule texts do not apply', () => {
    const found = run(routeBackendPortMissing, [web, green, pods, osRoute('web', { port: { targetPort: 3000 }, alternateBackends: [{ kind: 'Service', name: 'green', weight: 10 }] })]);
    expect(found.map((f) => [f.level, f.message.split(' names ')[0]]).sort()).toEqual([['error', 'Route "web" spec.alternateBackends[0]'], ['error', 'Route "web" spec.to']]);
    expect(found.map((f) => f.message).join('\n')).not.toMatch(/backendRef|without a port/);
  });
});
