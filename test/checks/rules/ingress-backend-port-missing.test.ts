import { ingressBackendPortMissing } from '../../../src/checks/rules/ingress-backend-port-missing';
import { externalName, run, service } from '../builders';
import { onFixture } from '../entry-fixtures';

type Obj = { [key: string]: any };

/** A networking.k8s.io/v1 Ingress with one path to `name` and the backend port object `port`. */
function ingress(name: string, port: Obj | undefined): Obj {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web' },
    spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, ...(port ? { port } : {}) } } }] } }] },
  };
}

function oldIngress(name: string, servicePort: unknown): Obj {
  return { apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'web' }, spec: { rules: [{ http: { paths: [{ path: '/', backend: { serviceName: name, servicePort } }] } }] } };
}

const api = service('api', { ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'grpc', port: 9090 }] });

const manyPorts = service('api', { ports: Array.from({ length: 30 }, (_, i) => ({ name: `p${i}`, port: i + 1, targetPort: 8000 + i })) });

describe('ingress-backend-port-missing', () => {
  test.each([
    ['a port number of the Service', [api, ingress('api', { number: 80 })]],
    ['a port name of the Service', [api, ingress('api', { name: 'grpc' })]],
    ['the last port of a Service with 30 ports, by number and by name', [manyPorts, ingress('api', { number: 30 }), { ...ingress('api', { name: 'p29' }), metadata: { name: 'web2' } }]],
    ['an old servicePort number', [api, oldIngress('api', 9090)]],
    ['an old servicePort name', [api, oldIngress('api', 'http')]],
    ['an old servicePort number in quotes', [api, oldIngress('api', '80')]],
    ['an ExternalName Service (the controller uses the backend port as given)', [externalName('api', 'api.example.com'), ingress('api', { number: 443 })]],
    ['a Service without ports (headless)', [service('api', { clusterIP: 'None', ports: [] }), ingress('api', { number: 8080 })]],
    ['a missing Service (ingress-backend-missing reports it)', [api, ingress('other', { number: 8080 })]],
    // the API server rejects these backends: ingress-invalid reports them in its words
    ['no port at all', [api, ingress('api', undefined)]],
    ['port number 0 (unset)', [api, ingress('api', { number: 0 })]],
    ['port number 65536', [api, ingress('api', { number: 65536 })]],
    ['a port name that is no IANA port name', [api, ingress('api', { name: 'Http' })]],
    ['a port name of 16 characters', [api, ingress('api', { name: 'a'.repeat(16) })]],
    ['an old backend without servicePort', [api, oldIngress('api', undefined)]],
  ])('reports nothing for %s', (_case, objects) => {
    expect(run(ingressBackendPortMissing, objects)).toEqual([]);
  });

  test.each([
    ['the targetPort instead of the port', [api, ingress('api', { number: 8080 })], /^Ingress "web" spec\.rules\[0\]\.http\.paths\[0\]\.backend names port 8080 of Service "api", which declares no such port \(ports: 80 "http", 9090 "grpc"\), so the ingress controller has no endpoints for it \(ingress-nginx answers 503\)\. 8080 is the targetPort of its port 80; an Ingress names the Service port\. Fix: use one of the Service's ports, or add port 8080 to Service "api"\.$/],
    ['a port name the Service lacks', [api, ingress('api', { name: 'https' })], /names port "https" of Service "api", which declares no such port \(ports: 80 "http", 9090 "grpc"\)/],
    ['an old servicePort name the Service lacks', [api, oldIngress('api', 'web')], /names port "web" of Service "api"/],
    ['a port of a Service with 30 ports (the first 20 listed)', [manyPorts, ingress('api', { number: 9999 })], /names port 9999 of Service "api", which declares no such port \(ports: 1 "p0", 2 "p1", .*, 20 "p19" and 10 more\), so/],
    ['a targetPort of a Service with 30 ports', [manyPorts, ingress('api', { number: 8029 })], /8029 is the targetPort of its port 30; an Ingress names the Service port/],
    ['port number 65535, the highest valid one', [api, ingress('api', { number: 65535 })], /names port 65535 of Service "api"/],
    ['port number 1, the lowest valid one', [api, ingress('api', { number: 1 })], /names port 1 of Service "api"/],
    ['a port name of 15 characters', [api, ingress('api', { name: 'a'.repeat(15) })], /names port "a{15}" of Service "api"/],
  ])('reports an error for %s', (_case, objects, message) => {
    const found = run(ingressBackendPortMissing, objects);
    expect(found).toEqual([expect.objectContaining({ rule: 'ingress-backend-port-missing', level: 'error', resource: 'Ingress/default/web' })]);
    expect(found[0].message).toMatch(message);
  });

  test.each([
    ['kube-score\'s fixture', 'kube-score-ingress.yaml', [['Ingress/testspace/app-ingress', /paths\[2\]\.backend names port 8080 of Service "app-service".*8080 is the targetPort of its port 5601/]]],
    ['ingress-nginx\'s default backend example', 'ingress-nginx-default-backend.yaml', [['Ingress/default/broken', /names port "https" of Service "http-svc", which declares no such port \(ports: 80 "http"\)/]]],
    ['Argo CD\'s Ingress with a named port', 'argocd-ingress.yaml', []],
    ['Knative\'s Ingress and a Traefik IngressRoute', 'not-ingress.yaml', []],
  ])('on %s: reports exactly the broken ports', (_case, file, expected) => {
    const found = onFixture(file, [ingressBackendPortMissing]);
    expect(found.map((f) => f.resource)).toEqual(expected.map(([resource]) => resource));
    found.forEach((f, i) => expect(f.message).toMatch(expected[i][1]));
  });
});
