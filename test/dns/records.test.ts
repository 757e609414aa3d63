// The record listing (cdk8s-dns records / ClusterDns.records()) and the jsii facade.
import { fixture, objectsOf, resolverOf } from './helpers';
import { ClusterDns, DnsPodsMode, DnsRecordType } from '../../src/dns/cluster-dns';
import { zoneLine } from '../../src/dns/records';

describe('records()', () => {
  const lines = ClusterDns.fromObjects(fixture('cluster.yaml')).records();
  test('sorted, unique, zone-file lines', () => {
    expect(lines).toEqual([...new Set(lines)].sort());
    for (const l of lines) expect(l).toMatch(/^\S+\. \d+ IN (A|AAAA|CNAME|SRV|PTR|TXT) \S.*$/);
  });
  test.each([
    ['rule 39: dns-version', 'dns-version.cluster.local. 28800 IN TXT "1.1.0"'],
    ['rule 20: a ClusterIP', 'svc-1-a.test-1.svc.cluster.local. 5 IN A 10.96.1.1'],
    ['rule 41: the AAAA of a dual-stack Service', 'svc-dual.test-1.svc.cluster.local. 5 IN AAAA fd00::4'],
    ['rule 21: named-port SRV', '_http._tcp.svc-1-a.test-1.svc.cluster.local. 5 IN SRV 0 100 80 svc-1-a.test-1.svc.cluster.local.'],
    ['rule 23: bare SRV', 'svc-unnamed.test-1.svc.cluster.local. 5 IN SRV 0 100 9090 svc-unnamed.test-1.svc.cluster.local.'],
    ['rule 27: endpoint names', 'h1.hs.test-1.svc.cluster.local. 5 IN A 10.244.0.1'],
    ['rule 31: ExternalName CNAME', 'ext.test-1.svc.cluster.local. 5 IN CNAME github.com.'],
    ['rule 37: endpoint PTR', '1.0.244.10.in-addr.arpa. 5 IN PTR h1.hs.test-1.svc.cluster.local.'],
    ['rule 37: ClusterIP PTR', '1.1.96.10.in-addr.arpa. 5 IN PTR svc-1-a.test-1.svc.cluster.local.'],
  ])('lists %s', (_t, line) => {
    expect(lines).toContain(line);
  });
  test.each([
    ['rule 34: an IP externalName', 'ext-ip.'],
    ['rule 8: a not-ready endpoint', '10-244-0-3.hs.'],
    ['rule 26: a headless Service without ready endpoints', 'hs-noready.'],
    ['rule 33: SRV below an ExternalName', '_https._tcp.ext.'],
  ])('does not list %s', (_t, prefix) => {
    expect(lines.filter((l) => l.startsWith(prefix))).toEqual([]);
  });
  test('rule 31/35: a CNAME query is not chased, so x CNAME x is served as a CNAME only', () => {
    expect(lines.filter((l) => l.startsWith('ext-loop.'))).toEqual(['ext-loop.test-1.svc.cluster.local. 5 IN CNAME ext-loop.test-1.svc.cluster.local.']);
  });
  test('simulated records end with "; simulated"', () => {
    const web1 = lines.filter((l) => l.startsWith('web-1.web-hs.'));
    expect(web1.length).toBeGreaterThan(0);
    for (const l of web1) expect(l).toMatch(/ ; simulated$/);
    expect(lines.filter((l) => l.startsWith('svc-1-a.')).some((l) => l.endsWith('simulated'))).toBe(false);
  });
  test('rule 40: pods verified lists pod-IP names', () => {
    const verified = ClusterDns.fromObjects(fixture('cluster.yaml'), { pods: DnsPodsMode.VERIFIED }).records();
    expect(verified).toContain('10-244-5-1.test-1.pod.cluster.local. 5 IN A 10.244.5.1');
  });
});

describe('records() and the resolver agree', () => {
  const objects = [...fixture('cluster.yaml'), ...objectsOf(`
apiVersion: v1
kind: Service
metadata: { name: hs-slice-ports, namespace: test-1 }
spec: { clusterIP: None }
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: { name: hs-slice-ports-1, namespace: test-1, labels: { kubernetes.io/service-name: hs-slice-ports } }
addressType: IPv4
ports: [{ name: grpc, port: 9000, protocol: TCP }]
endpoints: [{ addresses: [10.250.0.1], hostname: g1 }]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: { name: orphan-1, namespace: test-1, labels: { kubernetes.io/service-name: no-such-service } }
addressType: IPv4
ports: [{ name: http, port: 80 }]
endpoints: [{ addresses: [10.250.0.2] }]
`)];
  const lines = ClusterDns.fromObjects(objects).records();
  const resolver = resolverOf(objects);
  const TYPES = ['A', 'AAAA', 'CNAME', 'SRV', 'PTR', 'TXT'];
  const answersOf = (name: string, type: string) =>
    resolver.resolve(name, type).answers.filter((a) => a.name === name && a.type === type).map(zoneLine);

  test('the records the review found missing are listed', () => {
    expect(lines).toContain('_grpc._tcp.hs-slice-ports.test-1.svc.cluster.local. 5 IN SRV 0 100 9000 g1.hs-slice-ports.test-1.svc.cluster.local.');
    expect(lines).toContain('g1.hs-slice-ports.test-1.svc.cluster.local. 5 IN SRV 0 100 9000 g1.hs-slice-ports.test-1.svc.cluster.local.');
    expect(lines).toContain('2.0.250.10.in-addr.arpa. 5 IN PTR 10-250-0-2.no-such-service.test-1.svc.cluster.local.');
  });

  test('every listed record is served, and every answer for a listed name (quirk _port._proto A records aside) is listed', () => {
    const owners = new Set(lines.map((l) => l.split(' ')[0]));
    expect(owners.size).toBeGreaterThan(20);
    for (const l of lines) {
      const [name, , , type] = l.split(' ');
      expect(answersOf(name, type)).toContain(l);
    }
    for (const name of owners) {
      for (const type of TYPES) {
        if (name.startsWith('_') && type !== 'SRV') continue; // dns-rules 48 quirk, not listed
        for (const a of answersOf(name, type)) expect([name, type, lines.includes(a)]).toEqual([name, type, true]);
      }
    }
  });
});

describe('ClusterDns facade', () => {
  const objects = objectsOf(`
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec: { selector: { app: web }, ports: [{ name: http, port: 80 }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec: { replicas: 2, template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: c, image: x }] } } }
`);
  const dns = ClusterDns.fromObjects(objects);
  test('resolve with search path: question, tried, answers, simulated', () => {
    const r = dns.resolve('web', { namespace: 'shop' });
    expect(r.question).toEqual({ name: 'web.shop.svc.cluster.local.', type: 'A', namespace: 'shop' });
    expect(r.tried).toEqual(['web.shop.svc.cluster.local.']);
    expect(r.rcode).toBe('NOERROR');
    expect(r.answers).toEqual([{ name: 'web.shop.svc.cluster.local.', type: 'A', ttl: 5, data: expect.stringMatching(/^10\./), simulated: true }]);
    expect(r.simulated).toHaveLength(1);
  });
  test('simulated lists every made-up value of the model', () => {
    expect(dns.simulated.filter((s) => s.includes('shop/web-'))).toHaveLength(4); // 2 pods + 2 pod IPs
  });
  test('SRV with additional and the ttl option', () => {
    const r = ClusterDns.fromObjects(objects, { ttl: 30 }).resolve('_http._tcp.web.shop.svc.cluster.local', { type: DnsRecordType.SRV });
    expect(r.answers[0].ttl).toBe(30);
    expect(r.additional.map((a) => a.type)).toEqual(['A']);
  });
  test('negative answers carry the SOA in authority', () => {
    expect(dns.resolve('nope.shop.svc.cluster.local').authority.map((a) => a.type)).toEqual(['SOA']);
  });
  test('options: cluster domain and service CIDR', () => {
    const d = ClusterDns.fromObjects(objects, { clusterDomain: 'corp.internal', serviceCidr: '172.20.0.0/16' });
    expect(d.clusterDomain).toBe('corp.internal');
    expect(d.resolve('web.shop.svc.corp.internal').answers[0].data).toMatch(/^172\.20\./);
  });
  test('never throws on odd input', () => {
    expect(ClusterDns.fromObjects([null, 42, 'x', { kind: 'Service' }] as any[]).resolve('', {}).rcode).toBe('NXDOMAIN');
  });
});
