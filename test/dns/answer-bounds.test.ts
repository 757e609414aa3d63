// Bounded answers (hostile input): a name that stands for more records than one DNS message can hold gets the first
// MAX_ANSWER_RECORDS and says so (`cut`); the work of one question is counted, not timed.
import { MAX_ANSWER_RECORDS } from '../../src/dns/answer-bound';
import type { DnsIndex } from '../../src/dns/dns-index';
import { listingResolver, recordListing } from '../../src/dns/records';
import { Resolver } from '../../src/dns/resolver';
import { ClusterModel } from '../../src/model/cluster-model';
import type { EndpointRecord, EndpointSliceRecord, ServiceRecord } from '../../src/model/records';

const ZONE = 'cluster.local';
const BIG = `big.shop.svc.${ZONE}.`;

/** Reads of the fields the resolver walks, to count its work. */
interface Reads { portNames: number; endpoints: number }

/* eslint-disable no-bitwise */
function ipOf(i: number): string {
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}
/* eslint-enable no-bitwise */

/**
 * A hand-made index: headless Service `big` in `shop` with one slice of `endpoints` ready endpoints and `ports` named
 * ports (p0, p1, ...); `sameIp` puts every endpoint on 10.0.0.1 with hostnames h0, h1, ...; `alias` is an ExternalName
 * to `big`.
 */
function index(endpoints: number, ports: number, reads: Reads, sameIp = false): DnsIndex {
  const svc = (name: string, extra: Partial<ServiceRecord>): ServiceRecord => ({
    namespace: 'shop',
    name,
    type: 'ClusterIP',
    headless: true,
    clusterIPs: [],
    clusterIPsSimulated: false,
    ipFamilies: ['IPv4'],
    ports: [],
    publishNotReadyAddresses: false,
    object: {},
    ...extra,
  } as ServiceRecord);
  const big = svc('big', {});
  const alias = svc('alias', { type: 'ExternalName', headless: false, externalName: BIG } as Partial<ServiceRecord>);
  const eps: EndpointRecord[] = Array.from({ length: endpoints }, (_, i) => {
    const e = { ip: sameIp ? '10.0.0.1' : ipOf(i), family: 'IPv4', ready: true, ...(sameIp ? { hostname: `h${i}` } : {}) } as EndpointRecord;
    return new Proxy(e, { get: (t, k) => { if (k === 'ready') reads.endpoints++; return (t as any)[k]; } });
  });
  const slicePorts = Array.from({ length: ports }, (_, i) => {
    const p = { port: 1000 + i, protocol: 'TCP' };
    return Object.defineProperty(p, 'name', { get: () => { reads.portNames++; return `p${i}`; }, enumerable: true }) as any;
  });
  const slice: EndpointSliceRecord = {
    namespace: 'shop', name: 'big-0', serviceName: 'big', addressType: 'IPv4', endpoints: eps, ports: slicePorts, origin: 'input', simulated: false,
  };
  return {
    options: { clusterDomain: ZONE, pods: 'disabled', endpointPodNames: false },
    simulated: [],
    namespaceExists: (ns) => ns === 'shop',
    service: (ns, name) => (ns !== 'shop' ? undefined : name === 'big' ? big : name === 'alias' ? alias : undefined),
    endpointSlices: (ns, name) => (ns === 'shop' && name === 'big' ? [slice] : []),
    servicesByClusterIp: () => [],
    readyEndpointsByIp: (ip) => eps.filter((e) => e.ip === ip).map((endpoint) => ({ namespace: 'shop', serviceName: 'big', endpoint, slice })),
    podsByIp: () => [],
  };
}

function resolverOver(endpoints: number, ports: number, sameIp = false) {
  const reads: Reads = { portNames: 0, endpoints: 0 };
  return { resolver: new Resolver(index(endpoints, ports, reads, sameIp), { cacheSize: 0 }), reads };
}

describe('answers of more than MAX_ANSWER_RECORDS records', () => {
  test('the bound is more records than a DNS message holds (65,535 bytes, 16 bytes a record at least)', () => {
    expect(MAX_ANSWER_RECORDS).toBeGreaterThanOrEqual(Math.floor((65535 - 12) / 16));
  });

  test.each([
    ['A of a headless Service of one endpoint more than the bound', BIG, 'A', MAX_ANSWER_RECORDS + 1, 1],
    ['SRV of its endpoint-port pairs', BIG, 'SRV', 100, 50],
    ['A through an ExternalName (the cut of the target carries over)', `alias.shop.svc.${ZONE}.`, 'A', MAX_ANSWER_RECORDS + 1, 1],
  ])('%s: the first MAX_ANSWER_RECORDS are listed and cut says so', (_case, name, type, endpoints, ports) => {
    const { resolver } = resolverOver(endpoints, ports);
    const r = resolver.resolve(name, type);
    expect(r.rcode).toBe('NOERROR');
    expect(r.answers).toHaveLength(MAX_ANSWER_RECORDS);
    expect(r.cut).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')} ${type} stands for more than 4,096 records; the first 4,096 are listed`));
  });

  test('PTR of an address that many endpoint names share is cut the same way', () => {
    const { resolver } = resolverOver(MAX_ANSWER_RECORDS + 10, 1, true);
    const r = resolver.resolve('1.0.0.10.in-addr.arpa.', 'PTR');
    expect(r.answers).toHaveLength(MAX_ANSWER_RECORDS);
    expect(r.cut).toMatch(/^1\.0\.0\.10\.in-addr\.arpa\. PTR stands for more than 4,096 records/);
  });

  test.each([
    ['A of exactly MAX_ANSWER_RECORDS endpoints', MAX_ANSWER_RECORDS, 1, 'A', MAX_ANSWER_RECORDS],
    ['A of 100 endpoints with 50 ports each (one record per address, not per port)', 100, 50, 'A', 100],
    ['SRV of 80 endpoints with 50 ports each', 80, 50, 'SRV', 4000],
  ])('nothing is cut for %s', (_case, endpoints, ports, type, count) => {
    const { resolver } = resolverOver(endpoints, ports);
    const r = resolver.resolve(BIG, type);
    expect(r.answers).toHaveLength(count);
    expect(r.cut).toBeUndefined();
  });

  test('a question reads at most the endpoints the bound needs (100,000 endpoints, 20 ports each)', () => {
    const { resolver, reads } = resolverOver(100_000, 20);
    resolver.resolve(BIG, 'SRV');
    expect(reads.endpoints).toBeLessThanOrEqual(MAX_ANSWER_RECORDS / 20 + 1);
    resolver.resolve(BIG, 'A');
    expect(reads.endpoints).toBeLessThanOrEqual(MAX_ANSWER_RECORDS / 20 + 1 + MAX_ANSWER_RECORDS + 1);
  });

  test('a _port._proto question no slice serves reads no endpoint (random port names cost a pass over the slices only)', () => {
    const { resolver, reads } = resolverOver(100_000, 20);
    expect(resolver.resolve(`_nope._tcp.${BIG}`, 'SRV').rcode).toBe('NXDOMAIN');
    expect(reads.endpoints).toBe(0);
  });

  test('a _port._proto question matches the ports of a slice a fixed number of times, not once per endpoint', () => {
    // 1,000 endpoints x 100 ports: 100,000 port-name reads per question before
    const { resolver, reads } = resolverOver(1000, 100);
    const r = resolver.resolve(`_p7._tcp.${BIG}`, 'SRV');
    expect(r.answers).toHaveLength(1000);
    expect(r.answers[0].data).toBe(`0 1 1007 10-0-0-0.${BIG}`);
    expect(reads.portNames).toBeLessThanOrEqual(2 * 100);
  });
});

describe('recordListing', () => {
  const model = ClusterModel.fromObjects([
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'big', namespace: 'shop' }, spec: { clusterIP: 'None', ports: [{ name: 'p', port: 80 }] } },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'big-0', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'big' } },
      addressType: 'IPv4',
      ports: [{ name: 'p', port: 80, protocol: 'TCP' }],
      endpoints: Array.from({ length: MAX_ANSWER_RECORDS + 1 }, (_, i) => ({ addresses: [ipOf(i)], conditions: { ready: true } })),
    },
  ]);

  test('names each cut answer in a note', () => {
    const { lines, notes } = recordListing(model, new Resolver(model, { cacheSize: 0 }));
    expect(lines.filter((l) => l.startsWith(`${BIG} 5 IN A `))).toHaveLength(MAX_ANSWER_RECORDS);
    expect(notes).toEqual([
      expect.stringMatching(/^big\.shop\.svc\.cluster\.local\. A stands for more than 4,096 records/),
      expect.stringMatching(/^big\.shop\.svc\.cluster\.local\. SRV stands for more/),
      expect.stringMatching(/^_p\._tcp\.big\.shop\.svc\.cluster\.local\. SRV stands for more/),
    ]);
  });

  test('stops asking at its line bound and says so', () => {
    const { lines, notes } = recordListing(model, new Resolver(model, { cacheSize: 0 }), 10_000);
    // the question that passes the bound is listed whole (at most MAX_ANSWER_RECORDS lines more)
    expect(lines.length).toBeGreaterThanOrEqual(10_000);
    expect(lines.length).toBeLessThan(10_000 + MAX_ANSWER_RECORDS);
    expect(notes[notes.length - 1]).toBe('the listing stops at 10,000 records: names asked after that are not listed; list fewer files at a time');
  });
});

/** A headless Service `hl` in `ds` with `slices`: each a family, its ports, and the endpoint addresses. */
function headlessModel(slices: Array<{ family: 'IPv4' | 'IPv6'; ports: string[]; ips: string[] }>, families: string[] = ['IPv4', 'IPv6']) {
  return ClusterModel.fromObjects([
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ds' } },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'hl', namespace: 'ds' },
      spec: { clusterIP: 'None', ipFamilies: families, ports: [{ name: 'http', port: 80 }, { name: 'grpc', port: 90 }] },
    },
    ...slices.map((s, i) => ({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: `hl-${i}`, namespace: 'ds', labels: { 'kubernetes.io/service-name': 'hl' } },
      addressType: s.family,
      ports: s.ports.map((name) => ({ name, port: name === 'http' ? 8080 : 9090, protocol: 'TCP' })),
      endpoints: s.ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
    })),
  ]);
}

const v4 = (n: number) => Array.from({ length: n }, (_, i) => ipOf(i));
const v6 = (n: number) => Array.from({ length: n }, (_, i) => `fd00::${i.toString(16)}`);
const HL = 'hl.ds.svc.cluster.local.';

describe('the bound counts the records of the answer, not the entries before they are filtered', () => {
  // Before: the bound counted entries of both families and repeated endpoints, so AAAA of 5,000 + 5,000 was NODATA
  // (0 records), and 2,100 + 2,100 gave 1,997 AAAA records, both "cut".
  test.each([
    ['dual-stack, 2,100 addresses of each family: A', [2100, 2100], 'A', 2100, false],
    ['dual-stack, 2,100 addresses of each family: AAAA', [2100, 2100], 'AAAA', 2100, false],
    ['dual-stack, 5,000 addresses of each family: AAAA', [5000, 5000], 'AAAA', MAX_ANSWER_RECORDS, true],
    ['dual-stack, 5,000 addresses of each family: A', [5000, 5000], 'A', MAX_ANSWER_RECORDS, true],
  ])('%s', (_case, [n4, n6], type, count, cut) => {
    const model = headlessModel([{ family: 'IPv4', ports: ['http'], ips: v4(n4) }, { family: 'IPv6', ports: ['http'], ips: v6(n6) }]);
    const r = new Resolver(model, { cacheSize: 0 }).resolve(HL, type);
    expect(r.rcode).toBe('NOERROR');
    expect(r.answers).toHaveLength(count);
    expect(r.answers.every((a) => a.type === type)).toBe(true);
    expect(r.cut !== undefined).toBe(cut);
  });

  test('3,000 endpoints repeated in two slices (one per port) give 3,000 A records and 3,000 _http._tcp SRVs, not cut', () => {
    const ips = v4(3000);
    const model = headlessModel([{ family: 'IPv4', ports: ['http'], ips }, { family: 'IPv4', ports: ['grpc'], ips }], ['IPv4']);
    const resolver = new Resolver(model, { cacheSize: 0 });
    const a = resolver.resolve(HL, 'A');
    expect(a.answers).toHaveLength(3000);
    expect(a.cut).toBeUndefined();
    const srv = resolver.resolve(`_http._tcp.${HL}`, 'SRV');
    expect(srv.answers).toHaveLength(3000);
    expect(srv.cut).toBeUndefined();
    // the bare SRV stands for 6,000 (target, port) records: really cut
    expect(resolver.resolve(HL, 'SRV').cut).toMatch(/SRV stands for more than 4,096 records/);
  });

  test('one endpoint repeated in many slices keeps the SRV weight of every match (dns-rules 22), one record', () => {
    const model = headlessModel([1, 2].map(() => ({ family: 'IPv4' as const, ports: ['http'], ips: ['10.0.0.1'] })), ['IPv4']);
    const r = new Resolver(model).resolve(`_http._tcp.${HL}`, 'SRV');
    expect(r.answers.map((a) => a.data)).toEqual([`0 50 8080 10-0-0-1.${HL}`]);
  });

  test('only the other family ready: NODATA, not NXDOMAIN (dns-rules 26)', () => {
    const model = headlessModel([{ family: 'IPv4', ports: ['http'], ips: v4(5000) }]);
    const r = new Resolver(model).resolve(HL, 'AAAA');
    expect([r.rcode, r.answers.length, r.cut]).toEqual(['NOERROR', 0, undefined]);
  });
});

describe('a zone listing is bounded by its line budget, not by what one DNS message holds', () => {
  test('a headless Service of 5,000 endpoints x 2 ports lists every record (before: 4,096 per name, with notes)', () => {
    const model = headlessModel([{ family: 'IPv4', ports: ['http', 'grpc'], ips: v4(5000) }], ['IPv4']);
    const { lines, notes } = recordListing(model, listingResolver(model));
    expect(lines.filter((l) => l.startsWith(`${HL} 5 IN A `))).toHaveLength(5000);
    expect(lines.filter((l) => l.startsWith(`${HL} 5 IN SRV `))).toHaveLength(10_000);
    expect(lines.filter((l) => l.startsWith(`_grpc._tcp.${HL} 5 IN SRV `))).toHaveLength(5000);
    expect(notes).toEqual([]);
  });

  test('dual-stack 2,100 + 2,100: every AAAA record is listed', () => {
    const model = headlessModel([{ family: 'IPv4', ports: ['http'], ips: v4(2100) }, { family: 'IPv6', ports: ['http'], ips: v6(2100) }]);
    const { lines } = recordListing(model, listingResolver(model));
    expect(lines.filter((l) => l.startsWith(`${HL} 5 IN AAAA `))).toHaveLength(2100);
  });

  test('one answer of a listing stops at the line budget and says so', () => {
    const model = headlessModel([{ family: 'IPv4', ports: ['http'], ips: v4(3000) }], ['IPv4']);
    const { lines, notes } = recordListing(model, listingResolver(model, undefined, 1000), 1000);
    expect(lines.filter((l) => l.startsWith(`${HL} 5 IN A `))).toHaveLength(1000);
    expect(notes[0]).toBe('hl.ds.svc.cluster.local. A stands for more than 1,000 records; the first 1,000 are listed (the bound of one name in a listing)');
  });
});

describe('Resolver options', () => {
  test.each([
    ['cacheSize', { cacheSize: Infinity }, /^Resolver option cacheSize must be an integer from 0 to 10,000,000 \(got Infinity\)/],
    ['cacheSize', { cacheSize: -1 }, /^Resolver option cacheSize must be an integer from 0 to 10,000,000 \(got -1\)/],
    ['cacheSize', { cacheSize: 1.5 }, /^Resolver option cacheSize must be an integer/],
    ['maxAnswerRecords', { maxAnswerRecords: 0 }, /^Resolver option maxAnswerRecords must be an integer from 1 to 10,000,000 \(got 0\)/],
    ['maxAnswerRecords', { maxAnswerRecords: NaN }, /^Resolver option maxAnswerRecords must be an integer/],
    ['maxAnswerRecords', { maxAnswerRecords: '5' as unknown as number }, /^Resolver option maxAnswerRecords must be an integer from 1 to 10,000,000 \(got the string "5"\)$/],
  ])('throws when %s is out of range (%j)', (_option, config, message) => {
    expect(() => new Resolver(headlessModel([]), config)).toThrow(message);
  });
});
