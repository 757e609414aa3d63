// Bounded answers (hostile input): a name that stands for more records than one DNS message can hold gets the first
// MAX_ANSWER_RECORDS and says so (`cut`); the work of one question is counted, not timed.
import { MAX_ANSWER_RECORDS } from '../../src/dns/answer-bound';
import type { DnsIndex } from '../../src/dns/dns-index';
import { recordListing } from '../../src/dns/records';
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
