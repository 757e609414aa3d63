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

/** A Service whose one, unnamed port forwards to the container port named `web`. */
const namedTarget = service('api', { ports: [{ port: 80, targetPort: 'web' }] });

/** An IngressClass of `controller`, marked as the cluster's default when `isDefault`. */
function ingressClass(name: string, controller: string, isDefault = false): Obj {
  const annotations = isDefault ? { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } : {};
  return { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name, ...annotations }, spec: { controller } };
}

/** The Ingress with `spec.ingressClassName`. */
function withClass(ing: Obj, className: string): Obj {
  return { ...ing, spec: { ...ing.spec, ingressClassName: className } };
}

/** The Ingress with the legacy `kubernetes.io/ingress.class` annotation. */
function classAnnotation(ing: Obj, className: string): Obj {
  return { ...ing, metadata: { ...ing.metadata, annotations: { 'kubernetes.io/ingress.class': className } } };
}

/** The Ingress with NGINX Inc's use-cluster-ip annotation. */
function useClusterIp(ing: Obj): Obj {
  return { ...ing, metadata: { ...ing.metadata, annotations: { 'nginx.org/use-cluster-ip': 'true' } } };
}

/** The Ingress with ingress-nginx's service-upstream annotation. */
function serviceUpstream(ing: Obj): Obj {
  return { ...ing, metadata: { ...ing.metadata, annotations: { 'nginx.ingress.kubernetes.io/service-upstream': 'true' } } };
}

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
    ['a targetPort, when the Ingress\'s IngressClass is in the input with another controller', [api, ingressClass('traefik', 'traefik.io/ingress-controller'), withClass(ingress('api', { number: 8080 }), 'traefik')], /^Ingress "web" spec\.rules\[0\]\.http\.paths\[0\]\.backend names port 8080 of Service "api", which declares no such port \(ports: 80 "http", 9090 "grpc"\), so its controller \(Traefik, traefik\.io\/ingress-controller, after its IngressClass "traefik"\) has no endpoints for it\. 8080 is the targetPort of its port 80; an Ingress names the Service port\. Fix: use one of the Service's ports, or add port 8080 to Service "api"\.$/],
    ['a targetPort, when the default IngressClass of the input is NGINX Inc\'s', [api, ingressClass('nginx', 'nginx.org/ingress-controller', true), ingress('api', { number: 8080 })], /so its controller \(NGINX Inc's controller, nginx\.org\/ingress-controller, after the default IngressClass "nginx"\) has no endpoints for it\. 8080 is the targetPort of its port 80/],
    // each controller's default class name stands for it when the input holds no IngressClass of that name
    ['a targetPort, with ingressClassName alb and no IngressClass (the AWS Load Balancer Controller\'s default)', [api, withClass(ingress('api', { number: 8080 }), 'alb')],
      /so its controller \(the AWS Load Balancer Controller, after its class name "alb", that controller's default\) has no endpoints for it\. 8080 is the targetPort of its port 80/],
    ['a targetPort, with the class annotation gce and no IngressClass (GKE\'s)', [api, classAnnotation(ingress('api', { number: 8080 }), 'gce')], /so its controller \(GKE, after its class name "gce", that controller's default\)/],
    ['a targetPort, with the class annotation gce-internal (GKE\'s internal load balancer)', [api, classAnnotation(ingress('api', { number: 8080 }), 'gce-internal')], /so its controller \(GKE, after its class name "gce-internal"/],
    ['a targetPort, with ingressClassName traefik and no IngressClass', [api, withClass(ingress('api', { number: 8080 }), 'traefik')], /so its controller \(Traefik, after its class name "traefik"/],
    ['a targetPort, with ingressClassName kong and no IngressClass', [api, withClass(ingress('api', { number: 8080 }), 'kong')], /so its controller \(Kong, after its class name "kong"/],
    ['a targetPort, with ingressClassName contour and no IngressClass', [api, withClass(ingress('api', { number: 8080 }), 'contour')], /so its controller \(Contour, after its class name "contour"/],
    ['a targetPort, when the IngressClass is Kong\'s', [api, ingressClass('public', 'ingress-controllers.konghq.com/kong'), withClass(ingress('api', { number: 8080 }), 'public')], /so its controller \(Kong, ingress-controllers\.konghq\.com\/kong, after its IngressClass "public"\)/],
    // Kong's findPort matches a number against the Service port's `port` only (the reviewer's shape, by number)
    ['a targetPort number, when the IngressClass is Kong\'s', [api, ingressClass('public', 'ingress-controllers.konghq.com/kong'), withClass(ingress('api', { number: 8080 }), 'public')], /so its controller \(Kong, ingress-controllers\.konghq\.com\/kong, after its IngressClass "public"\) has no endpoints for it\. 8080 is the targetPort of its port 80/],
    // EKS Auto Mode's managed AWS Load Balancer Controller (k-eks-auto.yaml)
    ['a targetPort, when the IngressClass is EKS Auto Mode\'s', [api, ingressClass('alb', 'eks.amazonaws.com/alb'), withClass(ingress('api', { number: 8080 }), 'alb')], /so its controller \(the AWS Load Balancer Controller, eks\.amazonaws\.com\/alb, after its IngressClass "alb"\) has no endpoints for it/],
    ['a targetPort, when the IngressClass is Contour\'s', [api, ingressClass('public', 'projectcontour.io/ingress-controller'), withClass(ingress('api', { number: 8080 }), 'public')], /so its controller \(Contour, projectcontour\.io\/ingress-controller/],
    ['a port name the Service lacks', [api, ingress('api', { name: 'https' })], /names port "https" of Service "api", which declares no such port \(ports: 80 "http", 9090 "grpc"\)/],
    ['an old servicePort name the Service lacks', [api, oldIngress('api', 'web')], /names port "web" of Service "api"/],
    ['a port of a Service with 30 ports (the first 20 listed)', [manyPorts, ingress('api', { number: 9999 })], /names port 9999 of Service "api", which declares no such port \(ports: 1 "p0", 2 "p1", .*, 20 "p19" and 10 more\), so/],
    ['port number 65535, the highest valid one', [api, ingress('api', { number: 65535 })], /names port 65535 of Service "api"/],
    ['port number 1, the lowest valid one', [api, ingress('api', { number: 1 })], /names port 1 of Service "api"/],
    ['a port name of 15 characters', [api, ingress('api', { name: 'a'.repeat(15) })], /names port "a{15}" of Service "api"/],
  ])('reports an error for %s', (_case, objects, message) => {
    const found = run(ingressBackendPortMissing, objects);
    expect(found).toEqual([expect.objectContaining({ rule: 'ingress-backend-port-missing', level: 'error', resource: 'Ingress/default/web' })]);
    expect(found[0].message).toMatch(message);
  });

  // ingress-nginx's serviceEndpoints takes the Service port whose number, targetPort or name is the backend's port
  test.each([
    ['the IngressClass it names is ingress-nginx\'s', [api, ingressClass('nginx', 'k8s.io/ingress-nginx'), withClass(ingress('api', { number: 8080 }), 'nginx')]],
    ['the legacy class annotation names ingress-nginx\'s IngressClass', [api, ingressClass('public', 'k8s.io/ingress-nginx'), { ...ingress('api', { number: 8080 }), metadata: { name: 'web', annotations: { 'kubernetes.io/ingress.class': 'public' } } }]],
    ['it names no class and the default IngressClass is ingress-nginx\'s', [api, ingressClass('nginx', 'k8s.io/ingress-nginx', true), ingress('api', { number: 8080 })]],
    ['a named targetPort, and the class is ingress-nginx\'s', [namedTarget, ingressClass('nginx', 'k8s.io/ingress-nginx'), withClass(ingress('api', { name: 'web' }), 'nginx')]],
    // the reviewer's shape: a second ingress-nginx with the controller value ingress-nginx's docs give for running several
    ['the IngressClass names a custom ingress-nginx controller value', [api, ingressClass('nginx-internal', 'k8s.io/internal-ingress-nginx'), withClass(ingress('api', { number: 8080 }), 'nginx-internal')]],
    ['the IngressClass names a custom ingress-nginx controller value with a suffix', [api, ingressClass('public', 'k8s.io/ingress-nginx-public'), withClass(ingress('api', { number: 8080 }), 'public')]],
    // Kong's findPort (translate_upstreams.go) takes a name that is a Service port's string targetPort (h-kong-named-target.yaml)
    ['a named targetPort, and the class name is kong', [namedTarget, withClass(ingress('api', { name: 'web' }), 'kong')]],
    ['a named targetPort, and the IngressClass is Kong\'s', [namedTarget, ingressClass('public', 'ingress-controllers.konghq.com/kong'), withClass(ingress('api', { name: 'web' }), 'public')]],
  ])('reports nothing for a backend port that is a Service port\'s targetPort when %s', (_case, objects) => {
    expect(run(ingressBackendPortMissing, objects)).toEqual([]);
  });

  test.each([
    ['no IngressClass in the input', [api, ingress('api', { number: 8080 })], /^Ingress "web" spec\.rules\[0\]\.http\.paths\[0\]\.backend names port 8080 of Service "api", which declares no such port \(ports: 80 "http", 9090 "grpc"\); 8080 is the targetPort of its port 80 "http", which ingress-nginx also matches \(it serves the backend\), but NGINX Inc's controller, Traefik, Kong, GKE, the AWS Load Balancer Controller and Contour look up the Service port's number or name only and have no endpoints for it; the input holds no IngressClass that says which controller serves the Ingress\. Fix: name the Service port instead \(80 or "http"\), which every controller reads\.$/],
    ['an IngressClass name the input does not hold', [api, ingressClass('nginx', 'k8s.io/ingress-nginx'), withClass(ingress('api', { number: 8080 }), 'internal')], /8080 is the targetPort of its port 80 "http", which ingress-nginx also matches/],
    ['two default IngressClasses', [api, ingressClass('a', 'k8s.io/ingress-nginx', true), ingressClass('b', 'k8s.io/ingress-nginx', true), ingress('api', { number: 8080 })], /8080 is the targetPort of its port 80 "http"/],
    ['a named targetPort of an unnamed Service port', [namedTarget, ingress('api', { name: 'web' })], /names port "web" of Service "api", which declares no such port \(ports: 80\); "web" is the targetPort of its port 80, which ingress-nginx also matches .* Fix: name the Service port instead \(80\), which every controller reads\.$/],
    ['a targetPort of a Service with 30 ports', [manyPorts, ingress('api', { number: 8029 })], /8029 is the targetPort of its port 30 "p29", which ingress-nginx also matches/],
    ['the class name nginx (both NGINX controllers\' default) and no IngressClass', [api, withClass(ingress('api', { number: 8080 }), 'nginx')], /have no endpoints for it; the input holds no IngressClass that says which controller serves the Ingress\./],
    ['an IngressClass whose controller the checker does not know', [api, ingressClass('edge', 'example.com/edge-controller'), withClass(ingress('api', { number: 8080 }), 'edge')],
      /which ingress-nginx also matches \(it serves the backend\), but NGINX Inc's controller, Traefik, Kong, GKE, the AWS Load Balancer Controller and Contour look up the Service port's number or name only and have no endpoints for it; its controller \(example\.com\/edge-controller, after its IngressClass "edge"\) is none the checker knows\. Fix:/],
    // ingress-nginx with both a prefix and a suffix is no value its docs or charts write (m-regex.yaml)
    ['a k8s.io value that holds ingress-nginx between a prefix and a suffix', [api, ingressClass('x', 'k8s.io/not-ingress-nginx-really'), withClass(ingress('api', { number: 8080 }), 'x')], /its controller \(k8s\.io\/not-ingress-nginx-really, after its IngressClass "x"\) is none the checker knows/],
    // ingress-gce reads the annotation only (IsGCEIngress: no annotation and a non-nil ingressClassName is not GKE's)
    ['ingressClassName gce (GKE reads the annotation only)', [api, withClass(ingress('api', { number: 8080 }), 'gce')], /have no endpoints for it; the input holds no IngressClass that says which controller serves the Ingress\./],
    ['ingressClassName gce-internal', [api, withClass(ingress('api', { number: 8080 }), 'gce-internal')], /the input holds no IngressClass that says which controller serves the Ingress\./],
    // e-two-defaults.yaml: the DefaultIngressClass admission plugin picks the newest of several defaults, which the input does not tell
    ['two default IngressClasses of different controllers', [api, ingressClass('a', 'k8s.io/ingress-nginx', true), ingressClass('b', 'traefik.io/ingress-controller', true), ingress('api', { number: 8080 })], /the input holds no IngressClass that says which controller serves the Ingress\./],
    ['the class annotation nginx and no IngressClass', [api, classAnnotation(ingress('api', { number: 8080 }), 'nginx')], /the input holds no IngressClass that says which controller serves the Ingress\./],
    // Kong takes a named targetPort, so only the others are named
    ['a named targetPort and no IngressClass (Kong takes it, as ingress-nginx does)', [namedTarget, ingress('api', { name: 'web' })], /which ingress-nginx also matches \(it serves the backend\), and so does Kong for a name, but NGINX Inc's controller, Traefik, GKE, the AWS Load Balancer Controller and Contour look up/],
    ['an ingress-nginx-like value outside k8s.io', [api, ingressClass('edge', 'example.com/ingress-nginx'), withClass(ingress('api', { number: 8080 }), 'edge')], /its controller \(example\.com\/ingress-nginx, after its IngressClass "edge"\) is none the checker knows/],
  ])('reports a warning for a backend port that is a Service port\'s targetPort with %s', (_case, objects, message) => {
    const found = run(ingressBackendPortMissing, objects);
    expect(found).toEqual([expect.objectContaining({ rule: 'ingress-backend-port-missing', level: 'warning', resource: 'Ingress/default/web' })]);
    expect(found[0].message).toMatch(message);
  });

  // with service-upstream, ingress-nginx sends a port number to the cluster IP (getServiceClusterEndpoint); a port name
  // it does not find there falls back to serviceEndpoints, which matches the targetPort
  test.each([
    ['and the IngressClass is ingress-nginx\'s', [api, ingressClass('nginx', 'k8s.io/ingress-nginx'), withClass(serviceUpstream(ingress('api', { number: 8080 })), 'nginx')], /so its controller \(ingress-nginx, k8s\.io\/ingress-nginx, after its IngressClass "nginx"\) has no endpoints for it \(ingress-nginx, with the service-upstream annotation, sends it to that port of the cluster IP, where nothing listens\)\. 8080 is the targetPort of its port 80;/],
    ['and no IngressClass in the input', [api, serviceUpstream(ingress('api', { number: 8080 }))], /^Ingress "web" spec\.rules\[0\]\.http\.paths\[0\]\.backend names port 8080 of Service "api", which declares no such port \(ports: 80 "http", 9090 "grpc"\), so the ingress controller has no endpoints for it \(ingress-nginx, with the service-upstream annotation, sends it to that port of the cluster IP, where nothing listens\)\. 8080 is the targetPort of its port 80; an Ingress names the Service port\. Fix: use one of the Service's ports, or add port 8080 to Service "api"\.$/],
  ])('reports an error for a targetPort number with the service-upstream annotation %s', (_case, objects, message) => {
    const found = run(ingressBackendPortMissing, objects);
    expect(found).toEqual([expect.objectContaining({ rule: 'ingress-backend-port-missing', level: 'error', resource: 'Ingress/default/web' })]);
    expect(found[0].message).toMatch(message);
  });

  // NGINX Inc's getEndpointsForPortFromEndpointSlices matches `port.Name == backendPort.Name`: "" for a number
  test('reports a warning for a port number a Service with one unnamed port lacks, when the IngressClass is NGINX Inc\'s', () => {
    const found = run(ingressBackendPortMissing, [service('api', { ports: [{ port: 80, targetPort: 8080 }] }), ingressClass('nginx', 'nginx.org/ingress-controller'), withClass(ingress('api', { number: 9999 }), 'nginx')]);
    expect(found).toEqual([expect.objectContaining({ rule: 'ingress-backend-port-missing', level: 'warning', resource: 'Ingress/default/web' })]);
    expect(found[0].message).toMatch(/^Ingress "web" spec\.rules\[0\]\.http\.paths\[0\]\.backend names port 9999 of Service "api", which declares no such port \(ports: 80\); its controller, NGINX Inc's \(nginx\.org\/ingress-controller, after its IngressClass "nginx"\), takes a port number for the Service's port without a name whatever the number and serves port 80, but the controllers that look the number up among the Service ports do not\. Fix: use port 80, the Service port\.$/);
  });

  // "no other controller does" was wrong for a targetPort, which ingress-nginx serves too
  test('reports a warning that names ingress-nginx for a targetPort number of a Service with one unnamed port, when the IngressClass is NGINX Inc\'s', () => {
    const found = run(ingressBackendPortMissing, [service('api', { ports: [{ port: 80, targetPort: 8080 }] }), ingressClass('nginx', 'nginx.org/ingress-controller'), withClass(ingress('api', { number: 8080 }), 'nginx')]);
    expect(found).toEqual([expect.objectContaining({ level: 'warning' })]);
    expect(found[0].message).toMatch(/serves port 80, as ingress-nginx would \(8080 is that port's targetPort\), but the controllers that look up the Service port's number or name only do not\. Fix: use port 80, the Service port\.$/);
  });

  // the reviewer's shape: createIngressEx sends `<cluster IP>:<port.Number>` with nginx.org/use-cluster-ip: "true"
  test.each([
    ['a targetPort number', 8080],
    ['a number that is no port of the Service', 9999],
  ])('reports an error for %s with NGINX Inc\'s use-cluster-ip annotation, as with ingress-nginx\'s service-upstream', (_case, number) => {
    const found = run(ingressBackendPortMissing, [service('api', { ports: [{ port: 80, targetPort: 8080 }] }), ingressClass('nginx', 'nginx.org/ingress-controller'), withClass(useClusterIp(ingress('api', { number })), 'nginx')]);
    expect(found).toEqual([expect.objectContaining({ level: 'error' })]);
    expect(found[0].message).toMatch(new RegExp(`; its controller, NGINX Inc's \\(nginx\\.org/ingress-controller, after its IngressClass "nginx"\\), with the nginx\\.org/use-cluster-ip annotation, sends it to port ${number} of the Service's cluster IP as written, where kube-proxy serves the Service's ports only, so it has no endpoints\\. Fix: use port 80, the Service port\\.$`));
  });

  test.each([
    ['no IngressClass in the input', [service('api', { ports: [{ port: 80, targetPort: 8080 }] }), ingress('api', { number: 9999 })]],
    ['ingress-nginx\'s IngressClass', [service('api', { ports: [{ port: 80, targetPort: 8080 }] }), ingressClass('nginx', 'k8s.io/ingress-nginx'), withClass(ingress('api', { number: 9999 }), 'nginx')]],
    ['NGINX Inc\'s IngressClass and only named Service ports', [api, ingressClass('nginx', 'nginx.org/ingress-controller'), withClass(ingress('api', { number: 9999 }), 'nginx')]],
  ])('reports an error for a port number the Service lacks with %s', (_case, objects) => {
    const found = run(ingressBackendPortMissing, objects);
    expect(found).toEqual([expect.objectContaining({ level: 'error' })]);
    expect(found[0].message).toMatch(/names port 9999 of Service "api", which declares no such port .* Fix: use one of the Service's ports, or add port 9999 to Service "api"\.$/);
  });

  // the class name `nginx` without its IngressClass: NGINX Inc's controller, whose default class name it is too, serves any
  // number for an unnamed Service port, as with its own IngressClass (unnamed.yaml)
  test.each([
    ['ingressClassName nginx', (ing: Obj) => withClass(ing, 'nginx')],
    ['the class annotation nginx', (ing: Obj) => classAnnotation(ing, 'nginx')],
  ])('reports a warning for a port number a Service with one unnamed port lacks, with %s and no IngressClass', (_case, classed) => {
    const found = run(ingressBackendPortMissing, [service('api', { ports: [{ port: 80, targetPort: 8080 }] }), classed(ingress('api', { number: 9999 }))]);
    expect(found).toEqual([expect.objectContaining({ rule: 'ingress-backend-port-missing', level: 'warning', resource: 'Ingress/default/web' })]);
    expect(found[0].message).toMatch(/^Ingress "web" spec\.rules\[0\]\.http\.paths\[0\]\.backend names port 9999 of Service "api", which declares no such port \(ports: 80\); its class name "nginx" is the default of both ingress-nginx and NGINX Inc's controller and the input holds no IngressClass of that name: NGINX Inc's controller takes a port number for the Service's port without a name whatever the number and would serve port 80, but ingress-nginx and the other controllers look the number up among the Service ports and have no endpoints for it\. Fix: use port 80, the Service port\.$/);
  });

  test('reports an error for a port number a Service with one unnamed port lacks, with the class name nginx and use-cluster-ip', () => {
    const found = run(ingressBackendPortMissing, [service('api', { ports: [{ port: 80, targetPort: 8080 }] }), withClass(useClusterIp(ingress('api', { number: 9999 })), 'nginx')]);
    expect(found).toEqual([expect.objectContaining({ level: 'error' })]);
  });

  test('reports nothing for a named targetPort with the service-upstream annotation and ingress-nginx\'s IngressClass', () => {
    const objects = [namedTarget, ingressClass('nginx', 'k8s.io/ingress-nginx'), withClass(serviceUpstream(ingress('api', { name: 'web' })), 'nginx')];
    expect(run(ingressBackendPortMissing, objects)).toEqual([]);
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
