import { backendExternalName } from '../../../src/checks/rules/backend-externalname';
import { externalName, run, service } from '../builders';

type Obj = { [key: string]: any };

function ingress(name: string): Obj {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web' },
    spec: { defaultBackend: { service: { name, port: { number: 443 } } } },
  };
}

function httpRoute(name: string, ns?: string): Obj {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'web' },
    spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name, port: 443, ...(ns ? { namespace: ns } : {}) }] }] },
  };
}

describe('backend-externalname', () => {
  test.each([
    ['an Ingress to a Service with a selector', [service('api'), ingress('api')]],
    ['an HTTPRoute to a Service with a selector', [service('api'), httpRoute('api')]],
    ['an Ingress to a missing Service (ingress-backend-missing reports it)', [service('x'), ingress('api')]],
  ])('reports nothing for %s', (_case, objects) => {
    expect(run(backendExternalName, objects)).toEqual([]);
  });

  test.each([
    ['an Ingress default backend', [externalName('legacy', 'legacy.example.com'), ingress('legacy')], 'Ingress/default/web',
      /^Ingress "web" spec\.defaultBackend names Service "legacy" of namespace "default", an ExternalName for "legacy\.example\.com", so traffic goes wherever that DNS name points, and several controllers refuse such backends unless enabled\. Fix: point the backend at a Service with a selector or EndpointSlices, or, if it is deliberate and the controller allows it, add "backend-externalname" to the object's checks\.cdk8s-service-discovery\.io\/ignore annotation\.$/],
    ['an HTTPRoute backendRef', [externalName('legacy', 'legacy.example.com'), httpRoute('legacy')], 'HTTPRoute/default/web', /^HTTPRoute "web" spec\.rules\[0\]\.backendRefs\[0\] names Service "legacy" of namespace "default", an ExternalName/],
    ['an HTTPRoute backendRef into another namespace', [externalName('legacy', 'legacy.example.com', { namespace: 'edge' }), httpRoute('legacy', 'edge')], 'HTTPRoute/default/web', /names Service "legacy" of namespace "edge", an ExternalName/],
  ])('reports a warning for %s', (_case, objects, resource, message) => {
    const found = run(backendExternalName, objects);
    expect(found).toEqual([expect.objectContaining({ rule: 'backend-externalname', level: 'warning', resource })]);
    expect(found[0].message).toMatch(message);
  });
});
