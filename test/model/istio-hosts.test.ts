import { serviceOfHost, ServiceEntryHosts } from '../../src/model/istio-hosts';

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

describe('ServiceEntryHosts', () => {
  const entry = (name: string, hosts: string[], namespace = 'mesh', exportTo?: string[]) => ({
    namespace,
    object: { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name, namespace }, spec: { hosts, ...(exportTo ? { exportTo } : {}) } },
  });

  test.each([
    ['an exact host', [entry('a', ['api.example.com'])], 'api.example.com', 'default', true],
    ['a host below a wildcard, at any depth', [entry('a', ['*.example.com'])], 'a.b.example.com', 'default', true],
    ['the wildcard\'s own domain (not below it)', [entry('a', ['*.example.com'])], 'example.com', 'default', false],
    ['a short host, completed with the entry\'s namespace', [entry('a', ['legacy'])], 'legacy.mesh.svc.cluster.local', 'default', true],
    ['a host exported to other namespaces', [entry('a', ['api.example.com'], 'mesh', ['.'])], 'api.example.com', 'default', false],
    ['one host of two entries, the second exporting it here', [entry('a', ['*.example.com'], 'mesh', ['.']), entry('b', ['*.example.com'], 'mesh', ['default'])], 'x.example.com', 'default', true],
    ['a catch-all', [entry('a', ['*'])], 'anything.local', 'default', true],
  ])('%s', (_case, objects, host, from, expected) => {
    expect(new ServiceEntryHosts(objects, 'cluster.local').declares(host, from)).toBe(expected);
  });

  test('looks a host up once per dot, not once per wildcard ServiceEntry (2,000 of them)', () => {
    const objects = Array.from({ length: 2000 }, (_, i) => entry(`e${i}`, [`*.d${i}.example.com`], 'mesh', ['mesh']));
    const hosts = new ServiceEntryHosts(objects, 'cluster.local');
    const endsWith = jest.spyOn(String.prototype, 'endsWith');
    try {
      expect(hosts.declares('api.d1999.example.com', 'mesh')).toBe(true);
      expect(hosts.declares('api.d1999.example.com', 'default')).toBe(false);
      expect(hosts.declares('api.other.org', 'mesh')).toBe(false);
      expect(endsWith).not.toHaveBeenCalled();
    } finally {
      endsWith.mockRestore();
    }
  });
});
