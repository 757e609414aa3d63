// GIVEN the cluster of test/fixtures/dns/cluster.yaml, WHEN a question is asked, THEN the answer is cluster DNS's.
// Each case names the dns-rules.md rule it checks.
import { ask, fixture, NODATA, NX, ok, resolverOf, Short } from './helpers';
import { Resolver } from '../../src/dns/resolver';
import { ClusterModel } from '../../src/model/cluster-model';

const resolver = resolverOf(fixture('cluster.yaml'));
const T1 = 'test-1.svc.cluster.local';

type Case = [string, string, string, Short];

const cases: Case[] = [
  // 1. defaults and answer shape
  ['rule 1: owner names are absolute in the cluster.local zone', `svc-1-a.${T1}`, 'A', ok('A 10.96.1.1')],
  ['rule 1: names of another zone do not exist (no upstream)', 'svc-1-a.test-1.svc.example.org', 'A', NX],
  ['rule 4: matching is case-insensitive', 'SVC-1-A.Test-1.SVC.Cluster.Local', 'A', ok('A 10.96.1.1')],
  ['rule 5: a CNAME comes before its target records', `ext-in.${T1}`, 'A', ok(`CNAME svc-1-a.${T1}.`, 'A 10.96.1.1')],
  // 2. which objects feed DNS
  ['rule 6: NodePort answers like ClusterIP', `svc-dual.${T1}`, 'A', ok('A 10.96.1.4')],
  ['rule 6: LoadBalancer answers its ClusterIP, not the ingress IP', `svc-unnamed.${T1}`, 'A', ok('A 10.96.1.6')],
  ['rule 6: externalIPs are not served (PTR)', '9.113.0.203.in-addr.arpa', 'PTR', NX],
  ['rule 7: a slice counts through its service-name label', `hs.${T1}`, 'A', ok('A 10.244.0.1', 'A 10.244.0.2', 'A 10.244.0.4')],
  ['rule 7: an unlabelled slice named after the Service is ignored', `10-244-9-9.hs.${T1}`, 'A', NX],
  ['rule 8: ready unset counts', `10-244-0-2.hs.${T1}`, 'A', ok('A 10.244.0.2')],
  ['rule 8: ready false does not count, serving ignored', `10-244-0-3.hs.${T1}`, 'A', NX],
  ['rule 8: terminating ignored when ready is true', `10-244-0-4.hs.${T1}`, 'A', ok('A 10.244.0.4')],
  ['rule 9: Endpoints of a selectorless Service are mirrored (addresses)', `db1.legacy.${T1}`, 'A', ok('A 192.0.2.10')],
  ['rule 9: mirrored notReadyAddresses are not ready', `192-0-2-11.legacy.${T1}`, 'A', NX],
  ['rule 9: mirrored hostless address by dashed IP', `192-0-2-12.legacy.${T1}`, 'A', ok('A 192.0.2.12')],
  ['rule 9: one mirrored slice per family (IPv4)', `legacy-hs.${T1}`, 'A', ok('A 192.0.2.30')],
  ['rule 9: one mirrored slice per family (IPv6)', `legacy-hs.${T1}`, 'AAAA', ok('AAAA 2001:db8::30')],
  ['rule 9: skip-mirror Endpoints are not mirrored', `skipped.${T1}`, 'A', NX],
  ['rule 9: Endpoints of a selector Service are not mirrored', `selected.${T1}`, 'A', NX],
  ['rule 9: Endpoints without Service are not mirrored (no PTR)', '22.2.0.192.in-addr.arpa', 'PTR', NX],
  ['rule 10: only Ready, not terminating, not finished pods', `live-hs.${T1}`, 'A', ok('A 10.244.5.1')],
  ['rule 10: publishNotReadyAddresses publishes unready and terminating pods, not finished ones', `live-pub.${T1}`, 'A',
    ok('A 10.244.5.1', 'A 10.244.5.2', 'A 10.244.5.4')],
  ['rule 11: hostname only when subdomain is the Service name', `p1.pin-hs.${T1}`, 'A', ok('A 10.244.7.1')],
  ['rule 11: a pod of another subdomain has no hostname here', `p3.pin-hs.${T1}`, 'A', NX],
  ['rule 11: ... but its dashed IP works', `10-244-7-3.pin-hs.${T1}`, 'A', ok('A 10.244.7.3')],
  ['rule 12: a named targetPort resolves to the container port', `_web._tcp.pin-hs.${T1}`, 'SRV',
    ok(`SRV 0 50 8081 p1.pin-hs.${T1}.`, `SRV 0 50 8083 10-244-7-3.pin-hs.${T1}.`)],
  ['rule 12: a pod lacking the named port has its port dropped, not its address', `10-244-7-2.pin-hs.${T1}`, 'SRV', NODATA],
  ['rule 13: StatefulSet pods start at ordinals.start', `web-1.web-hs.${T1}`, 'A', { rcode: 'NOERROR', answers: expectOneA() }],
  ['rule 13: ... and end at start+replicas-1', `web-3.web-hs.${T1}`, 'A', NX],
  ['rule 13: ordinal 0 does not exist with start 1', `web-0.web-hs.${T1}`, 'A', NX],
  ['rule 14: a declared empty namespace exists', 'empty-ns.svc.cluster.local', 'A', NODATA],
  ['rule 14: kube-system always exists', 'kube-system.svc.cluster.local', 'A', NODATA],
  ['rule 14: a namespace used only by a manifest exists', 'prod.svc.cluster.local', 'A', NODATA],
  ['rule 14: an unknown namespace does not', 'ghost.svc.cluster.local', 'A', NX],
  // 3. name grammar
  ['rule 15: one label below the Service is an endpoint', `h1.hs.${T1}`, 'A', ok('A 10.244.0.1')],
  ['rule 15: two labels are _port._proto', `_http._tcp.svc-1-a.${T1}`, 'SRV', ok(`SRV 0 100 80 svc-1-a.${T1}.`)],
  ['rule 15: three labels below the Service are NXDOMAIN', `a._http._tcp.svc-1-a.${T1}`, 'A', NX],
  ['rule 16: the zone apex is NODATA', 'cluster.local', 'A', NODATA],
  ['rule 16: svc.<zone> is NODATA', 'svc.cluster.local', 'A', NODATA],
  ['rule 16: pod.<zone> is NODATA', 'pod.cluster.local', 'A', NODATA],
  ['rule 16: an existing <ns>.svc.<zone> is NODATA', 'test-1.svc.cluster.local', 'A', NODATA],
  ['rule 16: another label in the svc/pod position is NXDOMAIN', 'foo.cluster.local', 'A', NX],
  ['rule 16: ... also with labels above it', 'svc-1-a.test-1.foo.cluster.local', 'A', NX],
  ['rule 17: unknown Service, A', `nope.${T1}`, 'A', NX],
  ['rule 17: unknown Service, SRV', `nope.${T1}`, 'SRV', NX],
  ['rule 17: unknown Service, TXT', `nope.${T1}`, 'TXT', NX],
  ['rule 17: unknown Service, CNAME', `nope.${T1}`, 'CNAME', NX],
  ['rule 17: unknown namespace', 'svc-1-a.ghost.svc.cluster.local', 'A', NX],
  ['rule 17: unknown endpoint', `zz.hs.${T1}`, 'A', NX],
  ['rule 17: unmatched _port._proto', `_http._udp.svc-1-a.${T1}`, 'SRV', NX],
  ['rule 18: AAAA of an IPv4-only Service', `svc-1-a.${T1}`, 'AAAA', NODATA],
  ['rule 18: A of an IPv6-only Service', `svc-v6.${T1}`, 'A', NODATA],
  ['rule 18: TXT of a Service', `svc-1-a.${T1}`, 'TXT', NODATA],
  ['rule 18: CNAME of a Service', `svc-1-a.${T1}`, 'CNAME', NODATA],
  ['rule 18: PTR of a Service', `svc-1-a.${T1}`, 'PTR', NODATA],
  ['rule 18: SRV of a portless headless Service', `hs-noports.${T1}`, 'SRV', NODATA],
  ['rule 18: SRV of an ExternalName', `ext.${T1}`, 'SRV', NODATA],
  ['rule 18: MX of a Service takes NODATA from A', `svc-1-a.${T1}`, 'MX', NODATA],
  ['rule 18: MX of an unknown name takes NXDOMAIN from A', `nope.${T1}`, 'MX', NX],
  ['rule 19: * is a plain label', `*.${T1}`, 'A', NX],
  ['rule 19: any is a plain label', `any.${T1}`, 'A', NX],
  ['rule 19: * as endpoint is a plain label', `*.hs.${T1}`, 'A', NX],
  // 4. ClusterIP Services
  ['rule 20: A answers the ClusterIP without endpoints', `svc-empty.${T1}`, 'A', ok('A 10.96.1.2')],
  ['rule 21: SRV _port._proto answers the Service port', `_dns._udp.svc-1-a.${T1}`, 'SRV', ok(`SRV 0 100 53 svc-1-a.${T1}.`)],
  ['rule 21: _port._proto is case-insensitive', `_HTTP._TCP.svc-1-a.${T1}`, 'SRV', ok(`SRV 0 100 80 svc-1-a.${T1}.`)],
  ['rule 21: an unnamed port has no _port form', `_9090._tcp.svc-unnamed.${T1}`, 'SRV', NX],
  ['rule 22: two ports -> weight 50 each', `svc-1-a.${T1}`, 'SRV', ok(`SRV 0 50 80 svc-1-a.${T1}.`, `SRV 0 50 53 svc-1-a.${T1}.`)],
  ['rule 22: six headless addresses -> weight 16', `_http._tcp.hs6.${T1}`, 'SRV',
    ok(...[1, 2, 3, 4, 5, 6].map((i) => `SRV 0 16 80 10-244-6-${i}.hs6.${T1}.`))],
  ['rule 23: bare SRV lists unnamed ports too', `svc-unnamed.${T1}`, 'SRV', ok(`SRV 0 100 9090 svc-unnamed.${T1}.`)],
  ['rule 24: endpoint by hostname under a ClusterIP Service', `named.cip-ep.${T1}`, 'A', ok('A 10.244.0.50')],
  ['rule 24: endpoint by dashed IP under a ClusterIP Service', `10-96-1-1.cip-ep.${T1}`, 'A', ok('A 10.96.1.1')],
  ['rule 24: the ClusterIP Service itself still answers its ClusterIP', `cip-ep.${T1}`, 'A', ok('A 10.96.1.10')],
  ['rule 24: endpoint IPs under a ClusterIP Service get PTRs', '50.0.244.10.in-addr.arpa', 'PTR', ok(`PTR named.cip-ep.${T1}.`)],
  ['rule 25: a portless Service answers A', `svc-noports.${T1}`, 'A', ok('A 10.96.1.3')],
  ['rule 25: a portless Service has no SRV', `svc-noports.${T1}`, 'SRV', NODATA],
  // 5. headless
  ['rule 26: no ready endpoint -> NXDOMAIN (A)', `hs-noready.${T1}`, 'A', NX],
  ['rule 26: no ready endpoint -> NXDOMAIN (SRV)', `hs-noready.${T1}`, 'SRV', NX],
  ['rule 26: only the other family -> NODATA', `hs-v6.${T1}`, 'A', NODATA],
  ['rule 26: AAAA of IPv6 endpoints', `hs-v6.${T1}`, 'AAAA', ok('AAAA 2001:db8::1', 'AAAA 2001:db8:0:0:1::')],
  ['rule 27: IPv6 dashed name', `2001-db8--1.hs-v6.${T1}`, 'AAAA', ok('AAAA 2001:db8::1')],
  ['rule 27: IPv6 dashed name ending in - gets a 0', `2001-db8-0-0-1--0.hs-v6.${T1}`, 'AAAA', ok('AAAA 2001:db8:0:0:1::')],
  ['rule 27: endpoints sharing a hostname -> one record per IP', `same.hs-shared.${T1}`, 'A', ok('A 10.244.0.40', 'A 10.244.0.41')],
  ['rule 27: pod names are not endpoint names by default', `a-pod.svc-1-a.${T1}`, 'A', NX],
  ['rule 28: headless SRV uses the slice (target) port, N x M', `_http._tcp.hs.${T1}`, 'SRV',
    ok(`SRV 0 33 8080 h1.hs.${T1}.`, `SRV 0 33 8080 10-244-0-2.hs.${T1}.`, `SRV 0 33 8080 10-244-0-4.hs.${T1}.`)],
  ['rule 29: headless without ports answers A', `hs-noports.${T1}`, 'A', ok('A 10.244.0.30')],
  ['rule 29: ... and endpoint names', `np.hs-noports.${T1}`, 'A', ok('A 10.244.0.30')],
  ['rule 30: subdomain without hostname joins the A set', `pin-hs.${T1}`, 'A', ok('A 10.244.7.1', 'A 10.244.7.2', 'A 10.244.7.3')],
  ['rule 30: ... with its dashed-IP name', `10-244-7-2.pin-hs.${T1}`, 'A', ok('A 10.244.7.2')],
  // 6. ExternalName
  ['rule 31: CNAME query answers the target, made absolute', `ext.${T1}`, 'CNAME', ok('CNAME github.com.')],
  ['rule 31: CNAME query is not chased', `ext-in.${T1}`, 'CNAME', ok(`CNAME svc-1-a.${T1}.`)],
  ['rule 32: outside target: the CNAME alone', `ext.${T1}`, 'A', ok('CNAME github.com.')],
  ['rule 32: outside target: the CNAME alone (AAAA)', `ext.${T1}`, 'AAAA', ok('CNAME github.com.')],
  ['rule 32: inside target without AAAA -> NODATA without the CNAME', `ext-in.${T1}`, 'AAAA', NODATA],
  ['rule 32: missing inside target -> NODATA', `ext-missing.${T1}`, 'A', NODATA],
  ['rule 32: TXT chases to dns-version', `ext-version.${T1}`, 'TXT', ok('CNAME dns-version.cluster.local.', 'TXT 1.1.0')],
  ['rule 32: TXT of an outside target: the CNAME alone', `ext.${T1}`, 'TXT', ok('CNAME github.com.')],
  ['rule 33: _port._proto below an ExternalName -> NXDOMAIN', `_https._tcp.ext.${T1}`, 'SRV', NX],
  ['rule 33: any label below an ExternalName -> NXDOMAIN', `x.ext.${T1}`, 'A', NX],
  ['rule 34: an IP externalName is not served', `ext-ip.${T1}`, 'A', NX],
  ['rule 34: ... for CNAME either', `ext-ip.${T1}`, 'CNAME', NX],
  ['rule 35: x CNAME x is dropped', `ext-loop.${T1}`, 'A', NODATA],
  ['rule 35: a two-name loop ends empty', `ext-ping.${T1}`, 'A', NODATA],
  // 7. PTR
  ['rule 36/37: IPv4 ClusterIP -> one PTR', '1.1.96.10.in-addr.arpa', 'PTR', ok(`PTR svc-1-a.${T1}.`)],
  ['rule 36/41: IPv6 ClusterIP, 32 nibbles', `4.${'0.'.repeat(29)}d.f.ip6.arpa`, 'PTR', ok(`PTR svc-dual.${T1}.`)],
  ['rule 37: hostnamed endpoint', '1.0.244.10.in-addr.arpa', 'PTR', ok(`PTR h1.hs.${T1}.`)],
  ['rule 37: hostless endpoint -> dashed IP', '2.0.244.10.in-addr.arpa', 'PTR', ok(`PTR 10-244-0-2.hs.${T1}.`)],
  ['rule 37: a not-ready endpoint has no PTR', '3.0.244.10.in-addr.arpa', 'PTR', NX],
  ['rule 37: one PTR per Service, de-duplicated by target', '40.0.244.10.in-addr.arpa', 'PTR',
    ok(`PTR same.hs-shared.${T1}.`, `PTR 10-244-0-40.hs-other.${T1}.`)],
  ['rule 37: an unknown IP -> NXDOMAIN', '99.99.99.10.in-addr.arpa', 'PTR', NX],
  ['rule 37: a partial reverse name -> NXDOMAIN', '10.in-addr.arpa', 'PTR', NX],
  ['rule 38: PTR of an existing forward name -> NODATA', `hs.${T1}`, 'PTR', NODATA],
  ['rule 49: a ClusterIP shared with an endpoint: the ClusterIP PTR wins', '1.1.96.10.in-addr.arpa', 'PTR', ok(`PTR svc-1-a.${T1}.`)],
  // 8. TXT
  ['rule 39: dns-version TXT', 'dns-version.cluster.local', 'TXT', ok('TXT 1.1.0')],
  ['rule 39: A of dns-version is NXDOMAIN', 'dns-version.cluster.local', 'A', NX],
  ['rule 39: TXT of an existing name is NODATA', 'test-1.svc.cluster.local', 'TXT', NODATA],
  ['rule 39: TXT of a missing name is NXDOMAIN', `nope.${T1}`, 'TXT', NX],
  ['rule 40: pods disabled by default', '10-244-5-1.test-1.pod.cluster.local', 'A', NX],
  // 9. dual-stack
  ['rule 41: dual-stack A', `svc-dual.${T1}`, 'A', ok('A 10.96.1.4')],
  ['rule 41: dual-stack AAAA', `svc-dual.${T1}`, 'AAAA', ok('AAAA fd00::4')],
  ['rule 41: dual-stack bare SRV: one SRV, weight 50', `svc-dual.${T1}`, 'SRV', ok(`SRV 0 50 80 svc-dual.${T1}.`)],
  // 11. edge cases
  ['rule 48: _port._proto is honoured for A (the ClusterIP)', `_http._tcp.svc-1-a.${T1}`, 'A', ok('A 10.96.1.1')],
  ['rule 48: underscores are optional', `http.tcp.svc-1-a.${T1}`, 'SRV', ok(`SRV 0 100 80 svc-1-a.${T1}.`)],
  ['rule 48: an unmatched _port._proto is NXDOMAIN for A too', `_nope._tcp.svc-1-a.${T1}`, 'A', NX],
];

function expectOneA(): string[] {
  const r = resolver.resolve(`web-1.web-hs.${T1}`, 'A');
  return r.answers.length === 1 && r.answers[0].type === 'A' ? [`A ${r.answers[0].data}`] : ['<not exactly one A record>'];
}

describe('resolver: dns-rules.md', () => {
  test.each(cases)('%s (%s %s)', (_title, name, type, expected) => {
    expect(ask(resolver, name, type)).toEqual(expected);
  });
});

describe('resolver: answer details', () => {
  test('rule 2: TTL 5 by default, dns-version 28800', () => {
    expect(resolver.resolve(`svc-1-a.${T1}`, 'A').answers[0].ttl).toBe(5);
    expect(resolver.resolve('dns-version.cluster.local', 'TXT').answers[0].ttl).toBe(28800);
  });
  test.each([
    ['by default, the same (frozen) response object', {}, true],
    ['with cacheSize 0, a new response each time (serve keeps its own copy)', { cacheSize: 0 }, false],
  ])('a repeated question gets %s', (_case, config, same) => {
    const r = resolverOf(fixture('cluster.yaml'), {}, config);
    const first = r.resolve(`svc-1-a.${T1}`, 'A');
    const again = r.resolve(`svc-1-a.${T1}`, 'A');
    expect(again).toEqual(first);
    expect(again === first).toBe(same);
  });
  test('rule 2: the ttl option applies, dns-version stays 28800', () => {
    const r = resolverOf(fixture('cluster.yaml'), {}, { ttl: 30 });
    expect(r.resolve(`svc-1-a.${T1}`, 'A').answers[0].ttl).toBe(30);
    expect(r.resolve('dns-version.cluster.local', 'TXT').answers[0].ttl).toBe(28800);
  });
  test.each([['NXDOMAIN', `nope.${T1}`], ['NODATA', `svc-1-a.${T1}`]])('rule 3: %s carries the zone SOA', (_k, name) => {
    const r = resolver.resolve(name, 'AAAA');
    expect(r.authority).toEqual([{
      name: 'cluster.local.', type: 'SOA', ttl: 5, data: 'ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 5',
    }]);
  });
  test('rule 3: SOA RR TTL is min(ttl, 300)', () => {
    const r = resolverOf([], {}, { ttl: 3600 }).resolve('nope.default.svc.cluster.local', 'A');
    expect(r.authority[0].ttl).toBe(300);
    expect(r.authority[0].data.endsWith(' 3600')).toBe(true);
  });
  test('rule 4: answers echo the question spelling', () => {
    const r = resolver.resolve('SVC-1-A.Test-1.SVC.Cluster.Local.', 'A');
    expect(r.answers[0].name).toBe('SVC-1-A.Test-1.SVC.Cluster.Local.');
  });
  test('rule 5: CNAME first in the answer', () => {
    expect(resolver.resolve(`ext-in.${T1}`, 'A').answers.map((a) => a.type)).toEqual(['CNAME', 'A']);
  });
  test('rule 21: SRV additional section holds the Service A records', () => {
    const r = resolver.resolve(`_http._tcp.svc-1-a.${T1}`, 'SRV');
    expect(r.additional.map((a) => `${a.name} ${a.type} ${a.data}`)).toEqual([`svc-1-a.${T1}. A 10.96.1.1`]);
  });
  test('rule 28: headless SRV additional = A of each target', () => {
    const r = resolver.resolve(`_http._tcp.hs.${T1}`, 'SRV');
    expect(r.additional.map((a) => `${a.name} ${a.data}`).sort()).toEqual([
      `10-244-0-2.hs.${T1}. 10.244.0.2`, `10-244-0-4.hs.${T1}. 10.244.0.4`, `h1.hs.${T1}. 10.244.0.1`,
    ]);
  });
  test('rule 41: dual-stack SRV additional has A and AAAA', () => {
    const r = resolver.resolve(`svc-dual.${T1}`, 'SRV');
    expect(r.additional.map((a) => `${a.type} ${a.data}`)).toEqual(['A 10.96.1.4', 'AAAA fd00::4']);
  });
  test('rule 35: 10 CNAME links resolve, 11 do not', () => {
    const chain = (n: number) => Array.from({ length: n }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `c${i}` },
      spec: { type: 'ExternalName', externalName: i === n - 1 ? 'end.default.svc.cluster.local' : `c${i + 1}.default.svc.cluster.local` },
    })).concat([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'end' }, spec: { clusterIP: '10.96.0.99' } } as any]);
    expect(ask(resolverOf(chain(10)), 'c0.default.svc.cluster.local').answers).toHaveLength(11);
    expect(ask(resolverOf(chain(11)), 'c0.default.svc.cluster.local')).toEqual(NODATA);
  });
  test('rule 51 (out of scope: the model is always "synced"): an empty cluster answers NXDOMAIN with the SOA, never SERVFAIL', () => {
    const empty = resolverOf([]);
    expect(ask(empty, `svc-1-a.${T1}`, 'A')).toEqual(NX);
    expect(empty.resolve(`svc-1-a.${T1}`, 'A').authority.map((a) => `${a.name} ${a.type}`)).toEqual(['cluster.local. SOA']);
    expect(ask(empty, 'cluster.local', 'A')).toEqual(NODATA);
    // The rule table exercises both outcomes (so the check above is not vacuous for the fixture either).
    expect([...new Set(cases.map(([, name, type]) => resolver.resolve(name, type).rcode))].sort()).toEqual(['NOERROR', 'NXDOMAIN']);
  });
  test('rule 50 (out of scope: non-default options are not configurable): the defaults hold', () => {
    // ignore empty_service is off: a ClusterIP Service with no ready endpoint at all still answers its ClusterIP.
    const model = ClusterModel.fromObjects(fixture('cluster.yaml'));
    expect(model.endpointSlices('test-1', 'svc-empty').flatMap((sl) => sl.endpoints).filter((e) => e.ready)).toEqual([]);
    expect(ask(resolver, `svc-empty.${T1}`, 'A')).toEqual(ok('A 10.96.1.2'));
    // noendpoints is off: endpoint names answer.
    expect(ask(resolver, `h1.hs.${T1}`, 'A')).toEqual(ok('A 10.244.0.1'));
    // Asking for the options changes nothing (they are not part of the model options).
    expect(ask(resolverOf(fixture('cluster.yaml'), { ignoreEmptyService: true, noendpoints: true } as any), `svc-empty.${T1}`, 'A')).toEqual(ok('A 10.96.1.2'));
    expect(ask(resolverOf(fixture('cluster.yaml'), { ignoreEmptyService: true, noendpoints: true } as any), `h1.hs.${T1}`, 'A')).toEqual(ok('A 10.244.0.1'));
    // zonal (2026) is not implemented: its names are just too many labels -> NXDOMAIN.
    expect(ask(resolver, `a.pin._zone.hs.${T1}`, 'A')).toEqual(NX);
  });
});

describe('Helm test Pods are never endpoints (well-known.ts isHelmTestRun)', () => {
  const objects = (kind: string, hook: string) => [
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'app' }, spec: { clusterIP: 'None', selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] } },
    {
      apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1',
      kind,
      metadata: { name: 'web-test-connection', namespace: 'app', labels: { app: 'web' }, annotations: { 'helm.sh/hook': hook } },
      spec: kind === 'Pod'
        ? { restartPolicy: 'Never', containers: [{ name: 'wget', image: 'busybox' }] }
        : { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    },
  ];

  test.each([
    ['a Helm test Pod: no endpoint, NXDOMAIN (before: the test Pod\'s IP)', 'Pod', 'test', 'NXDOMAIN', 0],
    ['a Pod of another hook: an endpoint', 'Pod', 'post-install', 'NOERROR', 1],
    ['a Deployment annotated as a test hook: its pod is an endpoint (kubectl apply runs it for good)', 'Deployment', 'test', 'NOERROR', 1],
  ])('headless Service selecting %s', (_case, kind, hook, rcode, answers) => {
    const model = ClusterModel.fromObjects(objects(kind, hook));
    const r = new Resolver(model).resolve('web.app.svc.cluster.local', 'A');
    expect([r.rcode, r.answers.length]).toEqual([rcode, answers]);
  });

  const [service, testPod] = objects('Pod', 'test') as any[];
  const live = { phase: 'Running', podIP: '10.244.3.3', podIPs: [{ ip: '10.244.3.3' }], conditions: [{ type: 'Ready', status: 'True' }] };
  const job = (status?: object) => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'web-test', namespace: 'app', uid: 'u1', annotations: { 'helm.sh/hook': 'test' } },
    spec: { template: { metadata: { labels: { app: 'web' } }, spec: { restartPolicy: 'Never', containers: [{ name: 't', image: 'busybox' }] } } },
    ...(status ? { status } : {}),
  });
  const jobPod = (status?: object) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-test-abcde', namespace: 'app', labels: { 'app': 'web', 'job-name': 'web-test' }, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'web-test', uid: 'u1', controller: true }] },
    spec: { restartPolicy: 'Never', containers: [{ name: 't', image: 'busybox' }] },
    ...(status ? { status } : {}),
  });
  test.each<[string, object[], string, number]>([
    // before: NXDOMAIN (the Service's own hook was not read)
    ['a Service that is itself a Helm test hook: its test Pod is its endpoint', [
      { ...service, metadata: { ...service.metadata, annotations: { 'helm.sh/hook': 'test' } } }, testPod,
    ], 'NOERROR', 1],
    // before: NXDOMAIN (the Pod's status was not read)
    ['a live dump\'s Ready Helm test Pod (with status): taken literally', [service, { ...testPod, status: live }], 'NOERROR', 1],
    ['a live dump\'s Ready Pod of a Helm test Job: taken literally', [service, job({ active: 1 }), jobPod(live)], 'NOERROR', 1],
    // before: an endpoint (the Pod's own annotations were judged, not its Job's)
    ['a Pod without status of a Helm test Job in the input: no endpoint', [service, job(), jobPod()], 'NXDOMAIN', 0],
  ])('headless Service: %s', (_case, input, rcode, answers) => {
    const r = new Resolver(ClusterModel.fromObjects(input)).resolve('web.app.svc.cluster.local', 'A');
    expect([r.rcode, r.answers.length]).toEqual([rcode, answers]);
  });
});
