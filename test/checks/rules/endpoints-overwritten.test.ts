import { endpointsOverwritten } from '../../../src/checks/rules/endpoints-overwritten';
import { endpoints, run, selectorlessTrio, service } from '../builders';

describe('endpoints-overwritten', () => {
  test('reports nothing for Endpoints of a selectorless Service', () => {
    expect(run(endpointsOverwritten, selectorlessTrio())).toEqual([]);
  });

  test('reports manual Endpoints for a Service with a selector', () => {
    const found = run(endpointsOverwritten, [service('web'), endpoints('web')]);
    expect(found[0]).toMatchObject({ level: 'error', resource: 'Endpoints/default/web' });
    expect(found[0].message).toMatch(/Service "web" has selector app=web, so the Endpoints controller overwrites these addresses.*Fix: remove the Service's selector/);
  });

  test('reports nothing for controller-made Endpoints of a live export', () => {
    expect(run(endpointsOverwritten, [service('web'), endpoints('web', ['10.244.0.5'], [{ port: 8080 }], { ownerReferences: [{ kind: 'Service', name: 'web' }] })])).toEqual([]);
  });

  test('reports nothing for controller Endpoints of a live export that carry last-change-trigger-time', () => {
    const ep = endpoints('web', ['10.244.0.5'], [{ port: 8080 }], { annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2026-11-22T04:00:00Z' } });
    expect(run(endpointsOverwritten, [service('web'), ep])).toEqual([]);
  });

  test('reports nothing for live-export Endpoints whose addresses all point at Pods', () => {
    const ep = endpoints('web', [], [{ port: 8080 }]);
    ep.subsets[0].addresses = [{ ip: '10.244.0.5', targetRef: { kind: 'Pod', name: 'web-1', namespace: 'default' } }];
    ep.subsets[0].notReadyAddresses = [{ ip: '10.244.0.6', targetRef: { kind: 'Pod', name: 'web-2', namespace: 'default' } }];
    expect(run(endpointsOverwritten, [service('web'), ep])).toEqual([]);
  });

  test('reports manual Endpoints when only some addresses point at Pods', () => {
    const ep = endpoints('web', ['203.0.113.10'], [{ port: 8080 }]);
    ep.subsets[0].addresses.push({ ip: '10.244.0.5', targetRef: { kind: 'Pod', name: 'web-1' } });
    expect(run(endpointsOverwritten, [service('web'), ep])).toHaveLength(1);
  });

  test.each([
    ['no subsets (a dump of the controller\'s Endpoints for pods not ready yet)', undefined],
    ['an empty subsets list', []],
  ])('reports nothing for Endpoints without addresses: %s', (_name, subsets) => {
    const ep: any = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default' } };
    if (subsets !== undefined) ep.subsets = subsets;
    expect(run(endpointsOverwritten, [service('web'), ep])).toEqual([]);
  });

  test('reports manual Endpoints whose only addresses are not ready', () => {
    const ep: any = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'web', namespace: 'default' },
      subsets: [{ notReadyAddresses: [{ ip: '203.0.113.10' }], ports: [{ port: 8080 }] }],
    };
    expect(run(endpointsOverwritten, [service('web'), ep])).toHaveLength(1);
  });
});
