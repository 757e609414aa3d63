import { endpointsDuplicateBackends } from '../../../src/checks/rules/endpoints-duplicate-backends';
import { endpoints, run, selectorlessTrio, slice } from '../builders';

describe('endpoints-duplicate-backends', () => {
  test('reports nothing when the Endpoints carry skip-mirror', () => {
    expect(run(endpointsDuplicateBackends, selectorlessTrio())).toEqual([]);
  });

  test('reports Endpoints and slices for one Service without skip-mirror', () => {
    const [svc] = selectorlessTrio('ext');
    const found = run(endpointsDuplicateBackends, [svc, slice('ext-1', 'ext'), endpoints('ext')]);
    expect(found[0]).toMatchObject({ level: 'warning', resource: 'Endpoints/default/ext' });
    expect(found[0].message).toMatch(/will be mirrored into EndpointSlices.*hand-written EndpointSlices \("ext-1"\).*Fix: label the Endpoints endpointslice.kubernetes.io\/skip-mirror: "true"/);
  });
});
