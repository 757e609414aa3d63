// The client side: search path, ndots and the stop rule (dns-rules 43-47), with host -v's behaviour.
import { objectsOf, resolverOf } from './helpers';
import { askQuestion } from '../../src/dns/query';
import { candidatesFor, podDnsSettings, searchCandidates, searchList } from '../../src/dns/search';

const Z = 'cluster.local';

describe('rule 43: ClusterFirst search list', () => {
  test('rule 43: <ns>.svc.<zone> svc.<zone> <zone>', () => {
    expect(searchList('test-1', Z)).toEqual(['test-1.svc.cluster.local', 'svc.cluster.local', 'cluster.local']);
  });
});

describe('rule 43: a pod\'s resolv.conf from dnsPolicy, hostNetwork and dnsConfig', () => {
  const cluster = ['team.svc.cluster.local', 'svc.cluster.local', 'cluster.local'];
  test.each([
    ['rule 43: ClusterFirst by default, node domains after the cluster ones', {}, ['corp.example'],
      { policy: 'ClusterFirst', searches: [...cluster, 'corp.example'], ndots: 5 }],
    ['rule 43: dnsConfig searches merge in, de-duplicated; its ndots wins',
      { dnsConfig: { searches: ['svc.cluster.local', 'extra.example'], options: [{ name: 'ndots', value: '2' }] } }, [],
      { policy: 'ClusterFirst', searches: [...cluster, 'extra.example'], ndots: 2 }],
    ['rule 43: dnsPolicy None uses only dnsConfig', { dnsPolicy: 'None', dnsConfig: { searches: ['only.example'] } }, ['corp.example'],
      { policy: 'None', searches: ['only.example'], ndots: 1 }],
    ['rule 43: hostNetwork + ClusterFirst falls back to the node resolv.conf', { hostNetwork: true }, ['corp.example'],
      { policy: 'Default', searches: ['corp.example'], ndots: 1 }],
    ['rule 43: ClusterFirstWithHostNet keeps the cluster search list', { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }, [],
      { policy: 'ClusterFirst', searches: cluster, ndots: 5 }],
    ['rule 43: junk dnsConfig is ignored', { dnsConfig: { searches: 'x', options: [{ name: 'ndots', value: 'many' }] } }, [],
      { policy: 'ClusterFirst', searches: cluster, ndots: 5 }],
  ] as const)('%s', (_t, spec, node, expected) => {
    expect(podDnsSettings(spec, 'team', Z, node)).toEqual(expected);
  });
  test('rule 43: at most 32 search domains', () => {
    const many = Array.from({ length: 40 }, (_, i) => `d${i}.example`);
    expect(podDnsSettings({ dnsConfig: { searches: many } }, 'team', Z).searches).toHaveLength(32);
  });
  test('rule 44: candidates with an explicit search list', () => {
    expect(candidatesFor('db', ['a.example'], 1)).toEqual(['db.a.example.', 'db.']);
    expect(candidatesFor('db.prod', ['a.example'], 1)).toEqual(['db.prod.']);
  });
});

describe('rule 44: candidate order', () => {
  test.each([
    ['rule 44: a name ending in . is only itself', 'svc-1-a.test-1.svc.cluster.local.', ['svc-1-a.test-1.svc.cluster.local.']],
    ['rule 44: fewer than ndots dots: suffixes, then as is', 'svc-1-a', [
      'svc-1-a.test-1.svc.cluster.local.', 'svc-1-a.svc.cluster.local.', 'svc-1-a.cluster.local.', 'svc-1-a.',
    ]],
    ['rule 44: 4 dots (< 5) still searches first', 'svc-1-a.test-1.svc.cluster.local', [
      'svc-1-a.test-1.svc.cluster.local.test-1.svc.cluster.local.', 'svc-1-a.test-1.svc.cluster.local.svc.cluster.local.',
      'svc-1-a.test-1.svc.cluster.local.cluster.local.', 'svc-1-a.test-1.svc.cluster.local.',
    ]],
    ['rule 44: ndots or more dots: as is only (host, dig, musl)', 'h.hs.test-1.svc.cluster.local', ['h.hs.test-1.svc.cluster.local.']],
  ] as const)('%s', (_t, name, expected) => {
    expect(searchCandidates(name, 'test-1', Z)).toEqual(expected);
  });
  test('rule 44: an expansion over 253 octets is not tried (no query carries it; before, it was listed as tried)', () => {
    // 226 octets: + `.test-1.svc.cluster.local` is 251, all expansions fit;
    // 229 octets: the first expansion is 254 (skipped), the others fit
    const name = (n: number) => `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(n - 183)}`;
    expect(searchCandidates(name(226), 'test-1', Z)).toHaveLength(4);
    expect(searchCandidates(name(229), 'test-1', Z)).toEqual([`${name(229)}.svc.cluster.local.`, `${name(229)}.cluster.local.`, `${name(229)}.`]);
    // in octets: 2 per é
    const wide = `${'é'.repeat(60)}.${'é'.repeat(60)}`; // 241 octets, 121 characters
    expect(searchCandidates(wide, 'test-1', Z)).toEqual([`${wide}.`]);
  });
  test('rule 44: ndots is configurable', () => {
    expect(searchCandidates('a.b', 'ns', Z, 1)).toEqual(['a.b.']);
  });
});

const objects = objectsOf(`
apiVersion: v1
kind: Service
metadata: { name: svc-1-a, namespace: test-1 }
spec: { clusterIP: 10.96.1.1, ports: [{ port: 80 }] }
---
apiVersion: v1
kind: Service
metadata: { name: data, namespace: prod }
spec: { clusterIP: 10.96.2.1, ports: [{ port: 5432 }] }
---
apiVersion: v1
kind: Service
metadata: { name: hs, namespace: test-1 }
spec: { clusterIP: None, ports: [{ port: 80 }] }
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: { name: hs-1, namespace: test-1, labels: { kubernetes.io/service-name: hs } }
addressType: IPv4
endpoints: [{ addresses: [10.244.0.1], hostname: h }]
---
apiVersion: v1
kind: Namespace
metadata: { name: test }
`);
const resolver = resolverOf(objects);
const ask = (name: string, ns: string, type = 'A') => askQuestion(resolver, Z, name, { type, namespace: ns });

describe('rules 45-46: what a pod in test-1 finds', () => {
  test.each([
    ['rule 46: svc-1-a -> first candidate', 'svc-1-a', 'test-1', ['svc-1-a.test-1.svc.cluster.local.'], 'NOERROR', 1],
    ['rule 46: svc-1-a.test-1 -> NXDOMAIN, then the second candidate', 'svc-1-a.test-1', 'test-1',
      ['svc-1-a.test-1.test-1.svc.cluster.local.', 'svc-1-a.test-1.svc.cluster.local.'], 'NOERROR', 1],
    ['rule 46: svc-1-a.test-1.svc -> third candidate', 'svc-1-a.test-1.svc', 'test-1', [
      'svc-1-a.test-1.svc.test-1.svc.cluster.local.', 'svc-1-a.test-1.svc.svc.cluster.local.', 'svc-1-a.test-1.svc.cluster.local.',
    ], 'NOERROR', 1],
    ['rule 46: the 4-dot FQDN -> fourth candidate after three NXDOMAIN', 'svc-1-a.test-1.svc.cluster.local', 'test-1', [
      'svc-1-a.test-1.svc.cluster.local.test-1.svc.cluster.local.', 'svc-1-a.test-1.svc.cluster.local.svc.cluster.local.',
      'svc-1-a.test-1.svc.cluster.local.cluster.local.', 'svc-1-a.test-1.svc.cluster.local.',
    ], 'NOERROR', 1],
    ['rule 46: with a trailing dot -> one query', 'svc-1-a.test-1.svc.cluster.local.', 'test-1', ['svc-1-a.test-1.svc.cluster.local.'], 'NOERROR', 1],
    ['rule 46: 5 dots -> as is first', 'h.hs.test-1.svc.cluster.local', 'test-1', ['h.hs.test-1.svc.cluster.local.'], 'NOERROR', 1],
    ['rule 46: a short name misses other namespaces', 'data', 'test', [
      'data.test.svc.cluster.local.', 'data.svc.cluster.local.', 'data.cluster.local.', 'data.',
    ], 'NXDOMAIN', 0],
    ['rule 46: name.namespace works', 'data.prod', 'test', ['data.prod.test.svc.cluster.local.', 'data.prod.svc.cluster.local.'], 'NOERROR', 1],
    ['rule 45/46: a short name equal to a namespace stops at NODATA', 'prod', 'test', [
      'prod.test.svc.cluster.local.', 'prod.svc.cluster.local.',
    ], 'NOERROR', 0],
    ['rule 45: NODATA stops host (AAAA of an IPv4 Service)', 'svc-1-a', 'test-1', ['svc-1-a.test-1.svc.cluster.local.'], 'NOERROR', 0, 'AAAA'],
  ] as const)('%s', (_t, name, ns, tried, rcode, count, type: string = 'A') => {
    const r = ask(name, ns, type);
    expect(r.tried).toEqual(tried);
    expect(r.response.rcode).toBe(rcode);
    expect(r.response.answers).toHaveLength(count);
    expect(r.question.name).toBe(tried[tried.length - 1]);
  });

  test('rule 47: no autopath by default: the first candidate is NXDOMAIN (no server-side CNAME), the client searches on', () => {
    // With autopath the server would answer the first candidate with a CNAME to the name it found.
    expect(resolver.resolve('svc-1-a.test-1.test-1.svc.cluster.local.', 'A').rcode).toBe('NXDOMAIN');
    expect(resolver.resolve('svc-1-a.test-1.test-1.svc.cluster.local.', 'A').answers).toEqual([]);
    const r = ask('svc-1-a.test-1', 'test-1');
    expect(r.tried).toEqual(['svc-1-a.test-1.test-1.svc.cluster.local.', 'svc-1-a.test-1.svc.cluster.local.']);
    expect(r.response.answers.map((a) => `${a.name} ${a.type} ${a.data}`)).toEqual(['svc-1-a.test-1.svc.cluster.local. A 10.96.1.1']);
  });
});

describe('questions without search path', () => {
  test('no namespace: the name is absolute, one query', () => {
    const r = askQuestion(resolver, Z, 'svc-1-a.test-1.svc.cluster.local', {});
    expect(r.tried).toEqual(['svc-1-a.test-1.svc.cluster.local.']);
    expect(r.question).toEqual({ name: 'svc-1-a.test-1.svc.cluster.local.', type: 'A' });
  });
  test.each([['10.96.1.1'], ['1.1.96.10.in-addr.arpa']])('rule 36: PTR of %s', (name) => {
    const r = askQuestion(resolver, Z, name, { type: 'PTR', namespace: 'test-1' });
    expect(r.tried).toEqual(['1.1.96.10.in-addr.arpa.']);
    expect(r.response.answers.map((a) => a.data)).toEqual(['svc-1-a.test-1.svc.cluster.local.']);
  });
});
