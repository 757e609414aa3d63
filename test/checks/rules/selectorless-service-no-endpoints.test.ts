import { selectorlessServiceNoEndpoints } from '../../../src/checks/rules/selectorless-service-no-endpoints';
import { all, endpoints, messages, run, selectorlessTrio, service, slice } from '../builders';

const bare = (name: string, spec: object = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ports: [{ port: 443 }], ...spec } });

describe('selectorless-service-no-endpoints', () => {
  test.each([
    ['Endpoints', [bare('ext'), endpoints('ext')]],
    ['an EndpointSlice', [bare('ext'), slice('ext-1', 'ext')]],
    ['both (skip-mirror)', selectorlessTrio('ext')],
  ])('reports nothing when the Service has %s', (_, objects) => {
    expect(run(selectorlessServiceNoEndpoints, objects as any[])).toEqual([]);
  });

  test('reports a selectorless Service without endpoints', () => {
    const found = run(selectorlessServiceNoEndpoints, [bare('ext')]);
    expect(found[0]).toMatchObject({ level: 'warning', resource: 'Service/default/ext' });
    expect(found[0].message).toMatch(/has no selector and no Endpoints or EndpointSlices, so it routes nowhere. Fix: add EndpointSlices labelled kubernetes.io\/service-name: ext/);
  });

  test('reports nothing for a selector written like a workload\'s (meant to select; service-invalid reports it)', () => {
    expect(run(selectorlessServiceNoEndpoints, [bare('sales-api', { selector: { matchLabels: { app: 'sales' } } })])).toEqual([]);
  });

  test('reports an empty selector as no selector', () => {
    expect(messages(selectorlessServiceNoEndpoints, [bare('ext', { selector: {} })])[0]).toMatch(/empty `selector: \{\}` is stored as no selector/);
  });

  test('counts only Endpoints and slices of the Service\'s own namespace and name', () => {
    const objs = [
      bare('ext', {}), { ...bare('ext'), metadata: { name: 'ext', namespace: 'other' } },
      endpoints('ext', undefined, undefined, { namespace: 'third' }), endpoints('ex'),
      slice('ext-1', 'ext-x'), { ...slice('ext-2', 'ext'), metadata: { ...slice('ext-2', 'ext').metadata, namespace: 'other' } },
    ];
    expect(run(selectorlessServiceNoEndpoints, objs).map((f) => f.resource)).toEqual(['Service/default/ext']);
  });

  test('reports nothing for the API server\'s own `kubernetes` Service in default, whose endpoints it writes itself', () => {
    const apiServer = { ...bare('kubernetes', { clusterIP: '10.96.0.1' }), metadata: { name: 'kubernetes', namespace: 'default' } };
    expect(run(selectorlessServiceNoEndpoints, [apiServer])).toEqual([]);
  });

  test('reports a selectorless Service named kubernetes in another namespace', () => {
    const other = { ...bare('kubernetes'), metadata: { name: 'kubernetes', namespace: 'apps' } };
    expect(run(selectorlessServiceNoEndpoints, [other]).map((f) => f.resource)).toEqual(['Service/apps/kubernetes']);
  });

  describe('Endpoints and EndpointSlices that list no address', () => {
    /** Endpoints "ext" as written: `subsets` as given (none when undefined). */
    const ep = (subsets?: object[], meta: object = {}) => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ext', ...meta }, ...(subsets ? { subsets } : {}) });
    const emptySlice = (name: string) => slice(name, 'ext', []);

    test.each<[string, object[], RegExp]>([
      ['Endpoints without subsets (a placeholder to fill)', [ep()], /its Endpoints "ext" lists no address, so the Service has no endpoints until something writes them/],
      ['Endpoints whose subset lists only ports', [ep([{ ports: [{ port: 443 }] }])], /its Endpoints "ext" lists no address/],
      ['an EndpointSlice with an empty endpoints list', [emptySlice('ext-1')], /its EndpointSlice "ext-1" lists no address/],
      ['both, each without an address', [ep(), emptySlice('ext-1'), emptySlice('ext-2')], /its Endpoints "ext", EndpointSlice "ext-1" and EndpointSlice "ext-2" list no address/],
    ])('reports a selectorless Service with %s, as a warning', (_, objects, message) => {
      const found = run(selectorlessServiceNoEndpoints, [bare('ext'), ...objects]);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ level: 'warning', resource: 'Service/default/ext' });
      expect(found[0].message).toMatch(message);
      expect(found[0].message).toMatch(/if a controller or script fills them at run time, nothing to do\.$/);
    });

    test.each<[string, object[]]>([
      ['empty Endpoints beside a slice with endpoints', [ep(), slice('ext-1', 'ext')]],
      ['an empty slice beside Endpoints with addresses', [emptySlice('ext-1'), endpoints('ext')]],
      ['Endpoints with only not-ready addresses', [ep([{ notReadyAddresses: [{ ip: '203.0.113.10' }], ports: [{ port: 443 }] }])]],
    ])('reports nothing for %s', (_, objects) => {
      expect(run(selectorlessServiceNoEndpoints, [bare('ext'), ...objects])).toEqual([]);
    });

    test.each<[string, object, RegExp]>([
      ['a ClusterIP Service', {}, /until then connections to it are refused\./],
      ['a headless Service', { clusterIP: 'None' }, /until then its name is NXDOMAIN\./],
    ])('says what a client of %s sees', (_, spec, consequence) => {
      expect(messages(selectorlessServiceNoEndpoints, [bare('ext', spec), ep()])).toEqual([expect.stringMatching(consequence)]);
    });

    test('reports nothing for the API server\'s `kubernetes` Service with Endpoints that list no address', () => {
      const apiServer = { ...bare('kubernetes'), metadata: { name: 'kubernetes', namespace: 'default' } };
      const eps = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'kubernetes', namespace: 'default' } };
      expect(run(selectorlessServiceNoEndpoints, [apiServer, eps])).toEqual([]);
    });

    test('reports nothing, by any rule, for a live dump\'s Service with a selector whose controller-written Endpoints list no address (pods not ready)', () => {
      const meta = { namespace: 'shop', uid: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' };
      const svc = service('web', { clusterIP: '10.96.10.10', ports: [{ port: 80, targetPort: 8080 }] }, meta);
      const eps = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', ...meta, annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-01T00:00:00Z' } } };
      const pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web-1', labels: { app: 'web' }, ...meta },
        spec: { containers: [{ name: 'main', image: 'example/web:1', ports: [{ containerPort: 8080 }] }] },
        status: { phase: 'Running', podIP: '10.244.1.5', conditions: [{ type: 'Ready', status: 'False' }] },
      };
      expect(all([svc, eps, pod]).filter((f) => f.level !== 'info')).toEqual([]);
    });
  });
});
