import { selectorlessServiceNoEndpoints } from '../../../src/checks/rules/selectorless-service-no-endpoints';
import { endpoints, messages, run, selectorlessTrio, slice } from '../builders';

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
});
