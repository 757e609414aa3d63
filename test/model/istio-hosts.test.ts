import { serviceOfHost } from '../../src/model/istio-hosts';

describe('serviceOfHost', () => {
  test.each([
    ['a short name, in the object\'s namespace', 'reviews', { service: 'reviews', namespace: 'shop', qualified: false }],
    ['name.namespace', 'reviews.prod', { service: 'reviews', namespace: 'prod', qualified: true }],
    ['name.namespace.svc', 'reviews.prod.svc', { service: 'reviews', namespace: 'prod', qualified: true }],
    ['the full name', 'reviews.prod.svc.cluster.local', { service: 'reviews', namespace: 'prod', qualified: true }],
    ['the full name, absolute and in capitals', 'Reviews.Prod.svc.cluster.local.', { service: 'reviews', namespace: 'prod', qualified: true }],
  ])('reads %s', (_case, host, expected) => {
    expect(serviceOfHost(host, 'shop', 'cluster.local')).toEqual(expected);
  });

  test.each([
    ['a wildcard', '*.prod.svc.cluster.local'],
    ['the catch-all', '*'],
    ['an external name', 'api.example.com'],
    ['an IP address', '203.0.113.10'],
    ['a name in another cluster domain', 'reviews.prod.svc.other.local'],
    ['a name that is no DNS label', 'reviews_v1'],
  ])('reads no Service from %s', (_case, host) => {
    expect(serviceOfHost(host, 'shop', 'cluster.local')).toBeUndefined();
  });
});
