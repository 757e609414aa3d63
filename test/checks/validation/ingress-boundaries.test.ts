/**
 * ingress-invalid at the limits of every field it judges (pkg/apis/networking/validation/validation.go): the values at
 * and inside a limit that kube-apiserver accepts (a finding there is a false error that fails someone's pipeline) and
 * the values just past it that it rejects. The objects are otherwise valid, so a finding on an accepted value can only
 * come from the field under test.
 */
import { ingressInvalid } from '../../../src/checks/rules/ingress-invalid';
import { messages } from '../builders';
import { show, subdomain } from './boundary-values';

type Obj = { [key: string]: any };


const BACKEND = { service: { name: 'web', port: { number: 80 } } };
/** A v1 Ingress `web` whose spec is `spec`. */
const ing = (spec: Obj, meta: Obj = {}): Obj => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', ...meta }, spec });
/** One rule with one path. */
const withPath = (path: Obj, host?: string): Obj => ing({ rules: [{ ...(host === undefined ? {} : { host }), http: { paths: [{ path: '/', pathType: 'Prefix', backend: BACKEND, ...path }] } }] });
const withBackend = (backend: unknown): Obj => withPath({ backend });
const withService = (service: Obj): Obj => withBackend({ service: { name: 'web', port: { number: 80 }, ...service } });
/** The same in a removed version: serviceName/servicePort, pathType defaulted. */
const old = (backend: Obj, apiVersion = 'networking.k8s.io/v1beta1'): Obj => ({
  apiVersion, kind: 'Ingress', metadata: { name: 'web' }, spec: { rules: [{ http: { paths: [{ path: '/', backend }] } }] },
});

/** One field's limits. */
interface Boundary {
  readonly field: string;
  readonly make: (value: any) => Obj;
  readonly accepted: readonly unknown[];
  readonly rejected: readonly unknown[];
  readonly pattern: RegExp;
}

const BOUNDARIES: Boundary[] = [
  {
    field: 'metadata.name (DNS-1123 subdomain, ValidateIngressName)',
    make: (v) => ({ ...withPath({}), metadata: { name: v } }),
    accepted: ['a', 'web.v1', '0web', subdomain(253)],
    rejected: [subdomain(254), 'Web', 'web_v1', 'web.'],
    pattern: /metadata\.name: Invalid value/,
  },
  {
    // argoproj/argocd-example-apps kustomize-guestbook overlays/dev/ingress.yaml: `namespace:` without a value
    field: 'metadata.namespace (null decodes as "")',
    make: (v) => ({ ...withPath({}), metadata: { name: 'web', namespace: v } }),
    accepted: [null, '', 'shop'],
    rejected: ['Shop', 7],
    pattern: /metadata\.namespace: Invalid value/,
  },
  {
    field: 'spec (rules or defaultBackend, ValidateIngressSpec)',
    make: (v) => ing(v),
    accepted: [{ rules: [{ host: 'a.example.com' }] }, { defaultBackend: BACKEND }, { rules: [], defaultBackend: BACKEND }],
    rejected: [{}, { rules: [] }, { tls: [{ hosts: ['a.example.com'] }] }],
    pattern: /spec: Invalid value: (null|\[\]): either `defaultBackend` or `rules` must be specified/,
  },
  {
    field: 'spec.rules[0].host (validateIngressRules)',
    make: (v) => withPath({}, v),
    accepted: ['a', 'example.com', '*.example.com', '*.a', 'a-b.c', subdomain(253), `*.${subdomain(251)}`, ''],
    rejected: ['1.2.3.4', '010.1.2.3', '::1', '2001:db8::1', '*', '*.', 'a.*.example.com', '*.*.example.com', 'foo*.example.com', '*foo.example.com',
      'Example.com', 'example.com.', 'example.com:80', subdomain(254), `*.${subdomain(252)}`],
    pattern: /spec\.rules\[0\]\.host: Invalid value: .*(must be a DNS name, not an IP address|RFC 1123 subdomain|wildcard DNS-1123 subdomain|must be no more than 253)/,
  },
  {
    field: 'spec.rules[0].http.paths (non-empty, validateHTTPIngressRuleValue)',
    make: (v) => ing({ rules: [{ host: 'a.example.com', http: v }] }),
    accepted: [{ paths: [{ path: '/', pathType: 'Prefix', backend: BACKEND }] }, null],
    rejected: [{ paths: [] }, {}],
    pattern: /spec\.rules\[0\]\.http\.paths: Required value/,
  },
  {
    field: 'pathType (validateHTTPIngressPath)',
    make: (v) => withPath({ pathType: v }),
    accepted: ['Exact', 'Prefix', 'ImplementationSpecific'],
    rejected: [undefined, null, '', 'prefix', 'Regex'],
    pattern: /pathType: (Required value: pathType must be specified|Unsupported value: .*: supported values: "Exact", "ImplementationSpecific", "Prefix")/,
  },
  ...['Prefix', 'Exact'].map((pathType): Boundary => ({
    field: `path of a ${pathType} path (absolute, invalidPathSequences, invalidPathSuffixes)`,
    make: (v) => withPath({ pathType, path: v }),
    accepted: ['/', '/a', '/a/', '/a/b', '/a.b', '/.a', '/..a', '/a./b', '/a..', '/a%2', '/a%20b', '/a%2e/b'],
    rejected: ['', undefined, 'a', ' /a', '//', '/a//b', '/./', '/a/./b', '/../', '/a/../b', '/a%2fb', '/a%2Fb', '/.', '/a/.', '/..', '/a/..'],
    pattern: /paths\[0\]\.path: Invalid value: .*: (must be an absolute path|must not contain '(\/\/|\/\.\/|\/\.\.\/|%2f|%2F)'|cannot end with '\/\.\.?')/,
  })),
  {
    field: 'path of an ImplementationSpecific path (absolute when set)',
    make: (v) => withPath({ pathType: 'ImplementationSpecific', path: v }),
    accepted: ['', undefined, '/', '//a', '/./', '/a%2Fb', '/..', '/.*'],
    rejected: ['a', '*', ' /', '.*'],
    pattern: /paths\[0\]\.path: Invalid value: .*: must be an absolute path/,
  },
  {
    field: 'backend (exactly one of service and resource, validateIngressBackend)',
    make: (v) => withBackend(v),
    accepted: [BACKEND, { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static' } }],
    rejected: [{}, undefined, { ...BACKEND, resource: { kind: 'StorageBucket', name: 'static' } }],
    pattern: /paths\[0\]\.backend: Invalid value: "": (resource or service backend is required|cannot set both resource and service backends)/,
  },
  {
    field: 'backend service.name (DNS-1035 label, ValidateServiceName)',
    make: (v) => withService({ name: v }),
    accepted: ['a', 'web-1', 'a'.repeat(63)],
    rejected: ['a'.repeat(64), '1web', 'my.host', 'Web', 'web-', 'web_1', '', undefined],
    pattern: /backend\.service\.name: (Invalid value: .*DNS-1035 label|Invalid value: .*must be no more than 63 characters|Required value)/,
  },
  {
    field: 'backend service.port.number (1-65535; 0 is unset)',
    make: (v) => withService({ port: { number: v } }),
    accepted: [1, 65535, 80],
    rejected: [65536, -1, 1.5, '80', 0, undefined],
    pattern: /backend(\.service\.port\.number: Invalid value: .*: (must be between 1 and 65535, inclusive|must be an integer)|: Required value: port name or number is required)/,
  },
  {
    field: 'backend service.port.name (IANA_SVC_NAME)',
    make: (v) => withService({ port: { name: v } }),
    accepted: ['a', 'http', 'http-alt', '8080a', 'a'.repeat(15)],
    rejected: ['a'.repeat(16), 'Http', 'a--b', '-a', 'a-', '80', '', 7],
    pattern: /backend(\.service\.port\.name: Invalid value|: Required value: port name or number is required)/,
  },
  {
    field: 'backend service.port (exactly one of name and number)',
    make: (v) => withService({ port: v }),
    accepted: [{ number: 80 }, { name: 'http' }, { name: '', number: 80 }, { name: 'http', number: 0 }],
    rejected: [{ name: 'http', number: 80 }, {}],
    pattern: /backend: (Invalid value: "": cannot set both port name & port number|Required value: port name or number is required)/,
  },
  {
    field: 'backend resource (validateIngressTypedLocalObjectReference)',
    make: (v) => withBackend({ resource: v }),
    accepted: [{ kind: 'StorageBucket', name: 'static' }, { apiGroup: 'k8s.example.com', kind: 'Bucket', name: 'My_Bucket.1' }, { apiGroup: null, kind: 'A', name: '...' }],
    rejected: [{ kind: '', name: 'a' }, { kind: 'A' }, { kind: 'A', name: 'a/b' }, { kind: '.', name: 'a' }, { kind: 'A', name: '..' }, { kind: 'A', name: 'a%20' },
      { apiGroup: '', kind: 'A', name: 'a' }, { apiGroup: 'K8s.example.com', kind: 'A', name: 'a' }],
    pattern: /backend\.resource\.(kind|name|apiGroup): (Required value|Invalid value: .*(may not be|may not contain|RFC 1123 subdomain))/,
  },
  {
    field: 'spec.tls[0].hosts[0] (validateIngressTLS; an IP address is accepted here)',
    make: (v) => ({ ...withPath({}), spec: { ...withPath({}).spec, tls: [{ hosts: [v], secretName: 'tls' }] } }),
    accepted: ['example.com', '*.example.com', '1.2.3.4', subdomain(253)],
    rejected: ['*', 'Example.com', 'a.*.example.com', subdomain(254), '::1'],
    pattern: /spec\.tls\[0\]\.hosts\[0\]: Invalid value/,
  },
  {
    field: 'spec.tls[0].secretName (a Secret name when set)',
    make: (v) => ({ ...withPath({}), spec: { ...withPath({}).spec, tls: [{ hosts: ['example.com'], secretName: v }] } }),
    accepted: ['tls', 'tls.v1', '', undefined, subdomain(253)],
    rejected: ['Tls', 'tls_cert', subdomain(254)],
    pattern: /spec\.tls\[0\]\.secretName: Invalid value/,
  },
  {
    field: 'spec.ingressClassName (ValidateIngressClassName)',
    make: (v) => ({ ...withPath({}), spec: { ...withPath({}).spec, ingressClassName: v } }),
    accepted: ['nginx', 'nginx.example.com', subdomain(253), undefined, null],
    rejected: ['', 'Nginx', 'nginx_internal', subdomain(254)],
    pattern: /spec\.ingressClassName: Invalid value/,
  },
  {
    field: 'the kubernetes.io/ingress.class annotation beside ingressClassName (ValidateIngressCreate)',
    make: ([annotation, className]) => ({
      ...withPath({}),
      metadata: { name: 'web', annotations: annotation === undefined ? {} : { 'kubernetes.io/ingress.class': annotation } },
      spec: { ...withPath({}).spec, ingressClassName: className },
    }),
    accepted: [['nginx', 'nginx'], ['nginx', undefined], [undefined, 'nginx'], ['', undefined]],
    rejected: [['traefik', 'nginx'], ['', 'nginx']],
    pattern: /annotations\.kubernetes\.io\/ingress\.class: Invalid value: .*: must match `ingressClassName` when both are specified/,
  },
  {
    field: 'a removed version\'s backend (serviceName/servicePort, converted; pathType defaulted)',
    make: (v) => old(v),
    accepted: [{ serviceName: 'web', servicePort: 80 }, { serviceName: 'web', servicePort: 'http' }, { serviceName: 'web', servicePort: 65535 },
      { resource: { kind: 'StorageBucket', name: 'static' } }],
    rejected: [{ serviceName: 'web' }, { serviceName: 'my.host', servicePort: 80 }, { serviceName: 'web', servicePort: '80' }, { serviceName: 'web', servicePort: 65536 },
      { servicePort: 80 }, {}, { serviceName: 'web', servicePort: 80, resource: { kind: 'A', name: 'a' } }],
    pattern: /spec\.rules\[0\]\.http\.paths\[0\]\.backend(\.serviceName: (Required|Invalid) value|\.servicePort: Invalid value|: (Required|Invalid) value)/,
  },
  {
    field: 'a removed version\'s TLS secretName (AllowInvalidSecretName: those versions kept any)',
    make: ([apiVersion, secretName]) => ({ ...old({ serviceName: 'web', servicePort: 80 }, apiVersion), spec: { ...old({}).spec, rules: [{ http: { paths: [{ path: '/', backend: { serviceName: 'web', servicePort: 80 } }] } }], tls: [{ hosts: ['example.com'], secretName }] } }),
    accepted: [['networking.k8s.io/v1beta1', 'Tls_Cert'], ['extensions/v1beta1', 'tls_cert']],
    rejected: [['networking.k8s.io/v1', 'tls_cert']],
    pattern: /spec\.tls\[0\]\.secretName: Invalid value/,
  },
  {
    field: 'the paths of a removed version\'s wildcard-host rule (AllowInvalidWildcardHostRule: not looked at)',
    make: ([apiVersion, host]) => ({ ...old({}, apiVersion), spec: { rules: [{ host, http: { paths: [{ path: 'api', pathType: 'Exact', backend: { serviceName: 'web', servicePort: 80 } }] } }] } }),
    accepted: [['networking.k8s.io/v1beta1', '*.example.com'], ['extensions/v1beta1', '*.example.com']],
    rejected: [['networking.k8s.io/v1beta1', 'www.example.com'], ['networking.k8s.io/v1beta1', '*.*.example.com']],
    pattern: /spec\.rules\[0\]\.(http\.paths\[0\]\.path|host): Invalid value/,
  },
];

const ACCEPTED = BOUNDARIES.flatMap((b) => b.accepted.map((v) => [`${b.field} = ${show(v)}`, b.make(v)] as const));
const REJECTED = BOUNDARIES.flatMap((b) => b.rejected.map((v) => [`${b.field} = ${show(v)}`, b.make(v), b.pattern] as const));

describe('ingress-invalid: accepted boundary values', () => {
  test.each(ACCEPTED)('reports nothing for %s', (_, object) => {
    expect(messages(ingressInvalid, [object])).toEqual([]);
  });
});

describe('ingress-invalid: values just past the boundary', () => {
  test.each(REJECTED)('reports %s', (_, object, pattern) => {
    const found = messages(ingressInvalid, [object]);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toMatch(pattern);
  });
});
