import { endpointsSubsetTooLarge } from '../../../src/checks/rules/endpoints-subset-too-large';
import { endpoints, run, selectorlessTrio } from '../builders';

const ips = (n: number) => Array.from({ length: n }, (_, i) => `198.51.${Math.floor(i / 250)}.${(i % 250) + 1}`);

describe('endpoints-subset-too-large', () => {
  test('reports nothing at 1000 addresses', () => {
    expect(run(endpointsSubsetTooLarge, [selectorlessTrio()[0], endpoints('external-api', ips(1000))])).toEqual([]);
  });

  test('reports a subset of 1001 addresses', () => {
    const found = run(endpointsSubsetTooLarge, [selectorlessTrio()[0], endpoints('external-api', ips(1001))]);
    expect(found[0]).toMatchObject({ level: 'warning', resource: 'Endpoints/default/external-api' });
    expect(found[0].message).toMatch(/subset 0 has 1001 addresses; only 1000 are mirrored to EndpointSlices and 1 get no traffic/);
  });
});
