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
});
