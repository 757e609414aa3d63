import { endpointsSubsetTooLarge } from '../../../src/checks/rules/endpoints-subset-too-large';
import { endpoints, run, selectorlessTrio } from '../builders';

const ips = (n: number, from = 0) => Array.from({ length: n }, (_, k) => {
  const i = from + k;
  return `198.${51 + Math.floor(i / 62500)}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;
});
const HTTPS = [{ name: 'https', port: 443 }];
const subset = (addresses: string[], ports: object[] = HTTPS, notReady: string[] = []) => ({
  addresses: addresses.map((ip) => ({ ip })),
  ...(notReady.length > 0 ? { notReadyAddresses: notReady.map((ip) => ({ ip })) } : {}),
  ...(ports.length > 0 ? { ports } : {}),
});
const withSubsets = (...subsets: object[]) => ({ ...endpoints('external-api'), subsets });
const service = () => selectorlessTrio()[0];

describe('endpoints-subset-too-large', () => {
  test.each<[string, object]>([
    ['1000 addresses in one subset', withSubsets(subset(ips(1000)))],
    ['1000 addresses in two subsets with the same ports', withSubsets(subset(ips(600)), subset(ips(400, 600)))],
    ['1200 addresses in two subsets with different ports (two repacked subsets)', withSubsets(subset(ips(600)), subset(ips(600, 600), [{ name: 'http', port: 80 }]))],
    ['the same 600 addresses listed twice with the same ports (deduplicated)', withSubsets(subset(ips(600)), subset(ips(600)))],
    ['600 addresses with appProtocol in each of two subsets (never merged)', withSubsets(
      subset(ips(600), [{ name: 'https', port: 443, appProtocol: 'h2' }]), subset(ips(600, 600), [{ name: 'https', port: 443, appProtocol: 'h2' }]))],
    ['5000 addresses with skip-mirror', { ...withSubsets(subset(ips(5000))), metadata: { name: 'external-api', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } } }],
  ])('reports nothing for %s', (_name, eps) => {
    expect(run(endpointsSubsetTooLarge, [service(), eps])).toEqual([]);
  });

  test.each<[string, object, RegExp]>([
    ['one subset of 1001 addresses', withSubsets(subset(ips(1001))),
      /^Endpoints "external-api" has 1001 addresses for the same ports \(subset 0\); the mirroring controller copies at most 1000 of them to EndpointSlices \(subsets with the same ports count as one\), so 1 get no traffic\. Fix: publish EndpointSlices of at most 1000 endpoints each/],
    ['two subsets of 600 with the same ports (merged before the limit)', withSubsets(subset(ips(600)), subset(ips(600, 600))),
      /has 1200 addresses for the same ports \(subsets 0, 1\);.* so 200 get no traffic/],
    ['ready and not-ready addresses together', withSubsets(subset(ips(700), HTTPS, ips(301, 700))),
      /has 1001 addresses for the same ports \(subset 0\);.* so 1 get no traffic/],
    ['subsets without ports (one sentinel port)', withSubsets(subset(ips(800), []), subset(ips(800, 800), [])),
      /has 1600 addresses for the same ports \(subsets 0, 1\);.* so 600 get no traffic/],
    ['a port shared by two subsets that also have ports of their own', withSubsets(
      subset(ips(700), [...HTTPS, { name: 'a', port: 1 }]), subset(ips(700, 700), [...HTTPS, { name: 'b', port: 2 }])),
    /has 1400 addresses for the same ports \(subsets 0, 1\);.* so 400 get no traffic/],
  ])('reports %s', (_name, eps, message) => {
    const found = run(endpointsSubsetTooLarge, [service(), eps]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ level: 'warning', resource: 'Endpoints/default/external-api' });
    expect(found[0].message).toMatch(message);
  });

  test('reports each repacked subset over the limit once', () => {
    // GIVEN two ports on the same 1100 addresses (one repacked subset) and a third port on 1050 others
    const eps = withSubsets(subset(ips(1100), [...HTTPS, { name: 'http', port: 80 }]), subset(ips(1050, 2000), [{ name: 'dns', port: 53, protocol: 'UDP' }]));

    // WHEN
    const found = run(endpointsSubsetTooLarge, [service(), eps]);

    // THEN
    expect(found.map((f) => f.message.match(/has (\d+) addresses .*\((subsets? [\d, ]+)\)/)!.slice(1))).toEqual([['1050', 'subset 1'], ['1100', 'subset 0']]);
  });
});
