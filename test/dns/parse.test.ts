// Query names -> requests (dns-rules 15, 16, 19, 36, 39, 40, 48).
import { parseQuery } from '../../src/dns/parse';

const Z = 'cluster.local';

describe('parseQuery', () => {
  test.each([
    ['rule 16: apex', 'cluster.local.', { kind: 'apex', zone: Z }],
    ['rule 16: svc.<zone>', 'svc.cluster.local', { kind: 'apex', zone: Z }],
    ['rule 16: pod.<zone>', 'pod.cluster.local', { kind: 'apex', zone: Z }],
    ['rule 16: other label in the svc/pod position', 'foo.cluster.local', { kind: 'invalid', zone: Z }],
    ['rule 39: dns-version', 'dns-version.cluster.local', { kind: 'dnsVersion', zone: Z }],
    ['rule 16: namespace', 'ns.svc.cluster.local', { kind: 'namespace', zone: Z, podOrSvc: 'svc', namespace: 'ns' }],
    ['rule 15: service', 's.ns.svc.cluster.local', { kind: 'service', zone: Z, namespace: 'ns', service: 's' }],
    ['rule 15: endpoint', 'e.s.ns.svc.cluster.local', { kind: 'service', zone: Z, namespace: 'ns', service: 's', endpoint: 'e' }],
    ['rule 15: _port._proto', '_http._tcp.s.ns.svc.cluster.local',
      { kind: 'service', zone: Z, namespace: 'ns', service: 's', port: 'http', protocol: 'tcp' }],
    ['rule 48: underscores optional', 'http.tcp.s.ns.svc.cluster.local',
      { kind: 'service', zone: Z, namespace: 'ns', service: 's', port: 'http', protocol: 'tcp' }],
    ['rule 15: three labels below the service', 'a.b.c.s.ns.svc.cluster.local', { kind: 'invalid', zone: Z }],
    ['rule 4: lower-cased', 'S.NS.SVC.CLUSTER.LOCAL.', { kind: 'service', zone: Z, namespace: 'ns', service: 's' }],
    ['rule 19: * is a plain label', '*.ns.svc.cluster.local', { kind: 'service', zone: Z, namespace: 'ns', service: '*' }],
    ['rule 40: pod name', '1-2-3-4.ns.pod.cluster.local', { kind: 'pod', zone: Z, namespace: 'ns', podLabel: '1-2-3-4' }],
    ['rule 36: IPv4 reverse', '4.3.2.1.in-addr.arpa.', { kind: 'reverse', zone: 'in-addr.arpa', ip: '1.2.3.4' }],
    ['rule 36: IPv6 reverse', `1.${'0.'.repeat(23)}8.b.d.0.1.0.0.2.ip6.arpa`, { kind: 'reverse', zone: 'ip6.arpa', ip: '2001:db8::1' }],
    ['rule 36: partial reverse name', '10.in-addr.arpa', { kind: 'reverse', zone: 'in-addr.arpa', ip: undefined }],
    ['rule 1: outside the zone', 'github.com.', { kind: 'outside' }],
  ] as const)('%s: %s', (_t, name, expected) => {
    expect(parseQuery(name, Z)).toEqual(expected);
  });
});
