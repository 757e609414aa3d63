// GIVEN Ingresses of the current and the removed API versions, WHEN their backends are walked (the one walk that
// ingressBackends reads and kustomize-names.ts renames through), THEN each backend set is visited once, in order, with
// where it is, and the spec is copied only where a backend changes.
import { ingressBackends, IngressBackendAt, mapIngressBackends } from '../../src/model/entry-points';

const SPEC = {
  defaultBackend: { service: { name: 'web', port: { name: 'http' } } },
  backend: { serviceName: 'old', servicePort: 80 },
  rules: [
    { host: 'a.example.com', http: { paths: [{ path: '/', backend: { service: { name: 'web', port: { number: 80 } } } }, { path: '/x' }] } },
    'junk',
    { http: { paths: [{ backend: { serviceName: 'api', servicePort: 'use-annotation' } }] } },
  ],
};

describe('mapIngressBackends', () => {
  test('visits the default backends, then each path\'s, with where, role, host and path; the spec itself when nothing changes', () => {
    const seen: IngressBackendAt[] = [];
    const out = mapIngressBackends(SPEC, (b, at) => {
      seen.push(at);
      return b;
    });
    expect(out).toBe(SPEC);
    expect(seen).toEqual([
      { where: 'spec.defaultBackend', role: 'default' },
      { where: 'spec.backend', role: 'default' },
      { where: 'spec.rules[0].http.paths[0].backend', role: 'rule', host: 'a.example.com', path: '/' },
      { where: 'spec.rules[2].http.paths[0].backend', role: 'rule', host: undefined, path: undefined },
    ]);
  });

  test('a changed backend copies its path and rule only; the rest is shared', () => {
    const out = mapIngressBackends(SPEC, (b, at) => (at.where === 'spec.rules[0].http.paths[0].backend' ? { service: { name: 'dev-web' } } : b));
    expect(out).not.toBe(SPEC);
    expect(out.defaultBackend).toBe(SPEC.defaultBackend);
    const rules = out.rules as typeof SPEC.rules;
    expect(rules[2]).toBe(SPEC.rules[2]);
    expect(rules[0]).toEqual({ host: 'a.example.com', http: { paths: [{ path: '/', backend: { service: { name: 'dev-web' } } }, { path: '/x' }] } });
    expect(SPEC.rules[0]).toEqual({ host: 'a.example.com', http: { paths: [{ path: '/', backend: { service: { name: 'web', port: { number: 80 } } } }, { path: '/x' }] } });
  });
});

describe('ingressBackends', () => {
  test.each<[string, string, string[]]>([
    ['networking.k8s.io/v1: defaultBackend and service.name (spec.backend and serviceName are no fields of it)', 'networking.k8s.io/v1', [
      'default spec.defaultBackend web:http',
      'rule spec.rules[0].http.paths[0].backend web:80 a.example.com/',
    ]],
    ['extensions/v1beta1: backend and serviceName (use-annotation is no Service port)', 'extensions/v1beta1', [
      'default spec.backend old:80',
    ]],
  ])('%s', (_what, apiVersion, expected) => {
    const refs = ingressBackends({ object: { apiVersion, kind: 'Ingress', metadata: { name: 'shop' }, spec: SPEC }, namespace: 'shop' });
    expect(refs.map((r) => `${r.role} ${r.where} ${r.service}:${String(r.port)}${r.host === undefined ? '' : ` ${r.host}${r.path}`}`)).toEqual(expected);
  });
});
