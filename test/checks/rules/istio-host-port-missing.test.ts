import { istioHostPortMissing } from '../../../src/checks/rules/istio-host-port-missing';
import { run, service } from '../builders';
import { routeTo, serviceEntry, virtualService } from '../istio';

const web = service('web', { ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'grpc', port: 9090 }] });

describe('istio-host-port-missing', () => {
  test.each([
    ['a port of the Service', [web, routeTo('web', 9090)]],
    ['no port (Istio picks the only one, or the listener\'s)', [web, routeTo('web')]],
    ['a missing Service (istio-host-missing reports it)', [web, routeTo('api', 1234)]],
    ['a Service without ports (headless)', [service('db', { clusterIP: 'None', ports: [] }), routeTo('db', 5432)]],
    ['a host a ServiceEntry also declares (it may add ports)', [web, serviceEntry('web-extra', ['web.default.svc.cluster.local']), routeTo('web', 8443)]],
    ['an external host', [web, routeTo('api.example.com', 443)]],
  ])('reports nothing for %s', (_case, objects) => {
    expect(run(istioHostPortMissing, objects)).toEqual([]);
  });

  test.each([
    ['a port the Service does not have', [web, routeTo('web', 8081)],
      /^VirtualService "web" spec\.http\[0\]\.route\[0\]\.destination names host "web" port 8081, but Service "web" of namespace "default" has no port 8081 \(ports: 80 "http", 9090 "grpc"\), so Istio has no cluster for that host and port and the requests routed there get 503\. Fix: use one of the Service's ports, or add port 8081 to the Service\.$/],
    ['the targetPort instead of the port', [web, routeTo('web.default.svc.cluster.local', 8080)],
      /names host "web\.default\.svc\.cluster\.local" port 8080, .* get 503\. 8080 is the targetPort of its port 80: a destination names the Service's port\. Fix/],
    ['a tcp route and a mirror to one wrong port', [web, virtualService('web', { tcp: [{ route: [{ destination: { host: 'web', port: { number: 7000 } } }] }], http: [{ route: [{ destination: { host: 'web', port: { number: 80 } } }], mirror: { host: 'web', port: { number: 7000 } } }] })],
      /^VirtualService "web" spec\.http\[0\]\.mirror \(and 1 more place\) names host "web" port 7000/],
  ])('reports %s', (_case, objects, message) => {
    const found = run(istioHostPortMissing, objects);
    expect(found).toEqual([expect.objectContaining({ rule: 'istio-host-port-missing', level: 'warning', resource: 'VirtualService/default/web' })]);
    expect(found[0].message).toMatch(message);
  });
});
