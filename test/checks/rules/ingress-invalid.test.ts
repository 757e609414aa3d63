import { ingressInvalid } from '../../../src/checks/rules/ingress-invalid';
import { renderFieldError } from '../../../src/checks/validation/field';
import { ingressRejections } from '../../../src/checks/validation/ingress';
import { all, deployment, messages, run, service } from '../builders';

type Obj = { [key: string]: any };

/** A networking.k8s.io/v1 Ingress `web` with one Prefix path `/` to `backend`, under `host` when given. */
function ingress(backend: Obj, host?: string, apiVersion = 'networking.k8s.io/v1'): Obj {
  const path = apiVersion === 'networking.k8s.io/v1' ? { path: '/', pathType: 'Prefix', backend } : { path: '/', backend };
  return { apiVersion, kind: 'Ingress', metadata: { name: 'web' }, spec: { rules: [{ ...(host ? { host } : {}), http: { paths: [path] } }] } };
}

// cdk8s-plus's ingress example: `ingress.addHostRule('my.host', '/', IngressBackend.fromService(...))` beside a
// Deployment whose construct id is the host, so the exposed Service's generated name carries the dot
const CDK8S_SERVICE = 'cdk8s-plus-ingress-my.host-hey-service-c83b53a8';
const cdk8sIngress = ingress({ service: { name: CDK8S_SERVICE, port: { number: 5678 } } }, 'my.host');

describe('ingress-invalid', () => {
  test('reports a backend Service name with a dot, naming the cdk8s construct id to change', () => {
    // WHEN
    const found = run(ingressInvalid, [cdk8sIngress]);

    // THEN
    expect(found).toEqual([expect.objectContaining({ rule: 'ingress-invalid', level: 'error', resource: 'Ingress/default/web' })]);
    expect(found[0].message).toMatch(new RegExp(
      '^Ingress "web" is invalid: spec\\.rules\\[0\\]\\.http\\.paths\\[0\\]\\.backend\\.service\\.name: Invalid value: "cdk8s-plus-ingress-my\\.host-hey-service-c83b53a8": '
      + "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character.* \\(the API server rejects it\\)\\. "
      + 'Fix: rename the Service to a DNS-1035 label .* and name it here; with cdk8s, whose object names join construct ids with "-", use a construct id without dots instead of "my\\.host"\\.$'));
  });

  test.each([
    ['a v1 Ingress without pathType', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' }, spec: { rules: [{ http: { paths: [{ path: '/', backend: { service: { name: 'api', port: { number: 80 } } } }] } }] } },
      /^Ingress "web" is invalid: spec\.rules\[0\]\.http\.paths\[0\]\.pathType: Required value: pathType must be specified \(the API server rejects it\)\. Fix: set pathType: Prefix \(or Exact, or ImplementationSpecific\)\.$/],
    ['a backend without a port', ingress({ service: { name: 'api' } }),
      /^Ingress "web" is invalid: spec\.rules\[0\]\.http\.paths\[0\]\.backend: Required value: port name or number is required \(the API server rejects it\)\. Fix: set service\.port\.number or service\.port\.name to a port of the Service\.$/],
    ['a host that is an IP address', ingress({ service: { name: 'api', port: { number: 80 } } }, '203.0.113.10'),
      /^Ingress "web" is invalid: spec\.rules\[0\]\.host: Invalid value: "203\.0\.113\.10": must be a DNS name, not an IP address \(the API server rejects it\)\. Fix: use the DNS name that clients send, or leave host out to match every host\.$/],
    ['a Prefix path with "//"', { ...ingress({ service: { name: 'api', port: { number: 80 } } }), spec: { rules: [{ http: { paths: [{ path: '/api//v1', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } }] } }] } },
      /^Ingress "web" is invalid: spec\.rules\[0\]\.http\.paths\[0\]\.path: Invalid value: "\/api\/\/v1": must not contain '\/\/' \(the API server rejects it\)\. Fix: write the path in normalized form/],
    ['an old servicePort number in quotes', ingress({ serviceName: 'api', servicePort: '80' }, undefined, 'extensions/v1beta1'),
      /^Ingress "web" is invalid: spec\.rules\[0\]\.http\.paths\[0\]\.backend\.servicePort: Invalid value: "80": must contain at least one letter \(a-z\) \(the API server rejects it\)\. Fix: write servicePort as a number \(80\), not a quoted string, which is read as a port name\.$/],
    ['an old default backend with a dotted serviceName', { apiVersion: 'networking.k8s.io/v1beta1', kind: 'Ingress', metadata: { name: 'web' }, spec: { backend: { serviceName: 'api.v1', servicePort: 80 } } },
      /^Ingress "web" is invalid: spec\.backend\.serviceName: Invalid value: "api\.v1": a DNS-1035 label/],
    ['a v1 Ingress written with the old fields (the API server drops them)', ingress({ serviceName: 'api', servicePort: 80 }),
      /^Ingress "web" is invalid: spec\.rules\[0\]\.http\.paths\[0\]\.backend: Invalid value: "": resource or service backend is required \(the API server rejects it\)\. Fix: set service\.name and service\.port \(or a resource\)\.$/],
    ['a Service name of 1,000 characters (the value is cut)', ingress({ service: { name: 'a'.repeat(1000), port: { number: 80 } } }),
      /backend\.service\.name: Invalid value: "a{70,80}\.\.\.: must be no more than 63 characters/],
  ])('reports %s', (_case, object, message) => {
    const found = messages(ingressInvalid, [object]);
    expect(found.join('\n')).toMatch(message);
  });

  test.each([
    ['the cdk8s-plus example with a dash instead of the dot', ingress({ service: { name: 'cdk8s-plus-ingress-my-host-hey-service-c83b53a8', port: { number: 5678 } } }, 'my.host')],
    ['an old Ingress without pathType (the old version defaulted it: api-version-removed says v1 needs one)', ingress({ serviceName: 'api', servicePort: 80 }, 'a.example.com', 'networking.k8s.io/v1beta1')],
    ['a host and a backend name with a variable placeholder (noted as info only)', ingress({ service: { name: '${APP}', port: { number: 80 } } }, 'app.${SECRET_DOMAIN}')],
    ['an Ingress of another group (Knative)', { ...cdk8sIngress, apiVersion: 'networking.internal.knative.dev/v1alpha1' }],
  ])('reports no error for %s', (_case, object) => {
    expect(run(ingressInvalid, [object]).filter((f) => f.level !== 'info')).toEqual([]);
  });

  test('lists every error of an Ingress, each with its field path, in the order of the spec', () => {
    // GIVEN an Ingress with one mistake of each kind the API server checks
    const object = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'Web', annotations: { 'kubernetes.io/ingress.class': 'traefik' } },
      spec: {
        ingressClassName: 'nginx',
        defaultBackend: { service: { name: 'api', port: { name: 'http', number: 80 } }, resource: { kind: 'Bucket', name: 'b' } },
        rules: [
          { host: '*.*.example.com', http: { paths: [] } },
          { host: 'Example.com', http: { paths: [{ path: 'api', pathType: 'Exact', backend: { resource: { apiGroup: '', kind: '.', name: 'a/b' } } }, { path: '/', pathType: 'prefix', backend: {} }] } },
        ],
        tls: [{ hosts: ['*'], secretName: 'Tls' }],
      },
    };

    // WHEN
    const rendered = ingressRejections(object).list.map(renderFieldError);

    // THEN
    expect(rendered).toEqual([
      expect.stringMatching(/^metadata\.name: Invalid value: "Web": a lowercase RFC 1123 subdomain/),
      'spec.defaultBackend: Invalid value: "": cannot set both resource and service backends',
      expect.stringMatching(/^spec\.rules\[0\]\.host: Invalid value: "\*\.\*\.example\.com": a wildcard DNS-1123 subdomain must start with '\*\.'/),
      'spec.rules[0].http.paths: Required value: an http rule needs at least one path',
      expect.stringMatching(/^spec\.rules\[1\]\.host: Invalid value: "Example\.com": a lowercase RFC 1123 subdomain/),
      'spec.rules[1].http.paths[0].path: Invalid value: "api": must be an absolute path',
      expect.stringMatching(/^spec\.rules\[1\]\.http\.paths\[0\]\.backend\.resource\.apiGroup: Invalid value: "": a lowercase RFC 1123 subdomain/),
      "spec.rules[1].http.paths[0].backend.resource.kind: Invalid value: \".\": may not be '.'",
      "spec.rules[1].http.paths[0].backend.resource.name: Invalid value: \"a/b\": may not contain '/'",
      'spec.rules[1].http.paths[1].pathType: Unsupported value: "prefix": supported values: "Exact", "ImplementationSpecific", "Prefix"',
      'spec.rules[1].http.paths[1].backend: Invalid value: "": resource or service backend is required',
      expect.stringMatching(/^spec\.tls\[0\]\.hosts\[0\]: Invalid value: "\*": a wildcard DNS-1123 subdomain/),
      expect.stringMatching(/^spec\.tls\[0\]\.secretName: Invalid value: "Tls": a lowercase RFC 1123 subdomain/),
      'annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified',
    ]);
  });
});

describe('the whole pack on an Ingress the API server rejects', () => {
  const errorsOf = (objects: Obj[]) => all(objects).filter((f) => f.level === 'error').map((f) => `${f.rule} ${f.resource}`);

  test('cdk8s-plus\'s dotted Service: service-invalid on the Service, ingress-invalid on the Ingress, nothing else', () => {
    // GIVEN the example's Service, its Deployment and the Ingress
    const objects = [
      deployment('hey', { app: 'hey' }, [{ containerPort: 5678 }]),
      service(CDK8S_SERVICE, { selector: { app: 'hey' }, ports: [{ port: 5678 }] }),
      cdk8sIngress,
    ];

    // THEN
    expect(errorsOf(objects)).toEqual([
      'ingress-invalid Ingress/default/web',
      `service-invalid Service/default/${CDK8S_SERVICE}`,
    ]);
  });

  test.each([
    ['a dotted Service name the input does not have', ingress({ service: { name: 'my.host-web', port: { number: 80 } } })],
    ['a backend without a port', ingress({ service: { name: 'api', port: {} } })],
    ['a port number past 65535', ingress({ service: { name: 'api', port: { number: 65536 } } })],
    ['a port name that is no IANA port name', ingress({ service: { name: 'api', port: { name: 'Http' } } })],
  ])('%s: one error, from ingress-invalid (not also a backend rule\'s)', (_case, object) => {
    const objects = [service('api', { ports: [{ name: 'http', port: 80 }] }), object];
    expect(errorsOf(objects)).toEqual(['ingress-invalid Ingress/default/web']);
  });
});
