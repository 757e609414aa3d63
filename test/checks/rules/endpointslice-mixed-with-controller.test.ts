import { endpointSliceMixedWithController } from '../../../src/checks/rules/endpointslice-mixed-with-controller';
import { run, selectorlessTrio, service, slice } from '../builders';

describe('endpointslice-mixed-with-controller', () => {
  test('reports nothing for slices of a selectorless Service', () => {
    expect(run(endpointSliceMixedWithController, selectorlessTrio())).toEqual([]);
  });

  test('reports a hand-written slice for a Service with a selector', () => {
    const found = run(endpointSliceMixedWithController, [service('web'), slice('web-extra', 'web')]);
    expect(found[0]).toMatchObject({ level: 'warning', resource: 'EndpointSlice/default/web-extra' });
    expect(found[0].message).toMatch(/written by hand for Service "web", which has selector app=web; its addresses are added.*Fix: remove the Service's selector, or delete this slice/);
  });
});
