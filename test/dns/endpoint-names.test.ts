/**
 * Questions for an endpoint's name (`<hostname>.<service>.<ns>.svc.<zone>`) read an index of the Service's endpoints
 * by first label: the work per question does not grow with the Service's endpoints (hostile input: random names below
 * a large headless Service, and `records`, which asks for every endpoint's name).
 */
import type { DnsIndex } from '../../src/dns/dns-index';
import { listRecords } from '../../src/dns/records';
import { Resolver } from '../../src/dns/resolver';
import { ClusterModel } from '../../src/model/cluster-model';
import type { EndpointSliceRecord } from '../../src/model/records';

function headless(name: string, endpoints: object[], sliceName = `${name}-1`): object[] {
  return [
    { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'prod' }, spec: { clusterIP: 'None', ports: [{ name: 'http', port: 80 }] } },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: sliceName, namespace: 'prod', labels: { 'kubernetes.io/service-name': name } },
      addressType: 'IPv4',
      endpoints,
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    },
  ];
}

function many(count: number): object[] {
  return Array.from({ length: count }, (_, i) => ({ addresses: [`10.1.${Math.floor(i / 256)}.${i % 256}`], hostname: `pod-${i}`, conditions: { ready: true } }));
}

/** The model as a DnsIndex whose slices count the endpoints read from them. */
function counting(model: ClusterModel): { index: DnsIndex; reads: () => number } {
  let reads = 0;
  const wrap = (slice: EndpointSliceRecord): EndpointSliceRecord => ({
    ...slice,
    endpoints: new Proxy(slice.endpoints as any[], {
      get: (target, key) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return (target as any)[key];
      },
    }),
  });
  const index: DnsIndex = {
    options: model.options,
    simulated: model.simulated,
    namespaceExists: (ns) => model.namespaceExists(ns),
    service: (ns, name) => model.service(ns, name),
    endpointSlices: (ns, name) => model.endpointSlices(ns, name).map(wrap),
    servicesByClusterIp: (ip) => model.servicesByClusterIp(ip),
    readyEndpointsByIp: (ip) => model.readyEndpointsByIp(ip),
    podsByIp: (ip) => model.podsByIp(ip),
  };
  return { index, reads: () => reads };
}

describe('endpoint names', () => {
  test('1,000 questions for names below a Service of 2,000 endpoints read each endpoint a few times, not once per question', () => {
    const { index, reads } = counting(ClusterModel.fromObjects(headless('big', many(2000))));
    const resolver = new Resolver(index);
    for (let i = 0; i < 1000; i++) resolver.resolve(`x${i}.big.prod.svc.cluster.local`, 'A'); // new names: no cached answer
    expect(resolver.resolve('pod-7.big.prod.svc.cluster.local', 'A').answers.map((a) => a.data)).toEqual(['10.1.0.7']);
    expect(reads()).toBeLessThan(3 * 2000); // was 2,000 per question: 2,000,000
  });

  test('records of Services that select the same pods: work in proportion to the records (was cubic)', () => {
    const objects = (n: number) => Array.from({ length: n }, (_, i) => headless(`s${i}`, many(n), `s${i}-1`)).flat();
    const small = counting(ClusterModel.fromObjects(objects(20)));
    const large = counting(ClusterModel.fromObjects(objects(80)));
    const smallLines = listRecords(ClusterModel.fromObjects(objects(20)), new Resolver(small.index)).length;
    const largeLines = listRecords(ClusterModel.fromObjects(objects(80)), new Resolver(large.index)).length;
    expect(largeLines / smallLines).toBeGreaterThan(14); // 16x the records for 4x the input
    expect(large.reads() / largeLines).toBeLessThan(2 * (small.reads() / smallLines) + 1); // was 4x: reads per record grew with the endpoints
  });

  test.each<[string, object[], string, string[]]>([
    ['any case', headless('web', many(3)), 'POD-1.Web.prod.svc.cluster.local', ['10.1.0.1']],
    ['the same hostname in two slices: both, in slice order', [
      ...headless('web', [{ addresses: ['10.1.0.9'], hostname: 'a', conditions: { ready: true } }]),
      { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-2', namespace: 'prod', labels: { 'kubernetes.io/service-name': 'web' } }, addressType: 'IPv4', endpoints: [{ addresses: ['10.1.0.8'], hostname: 'a', conditions: { ready: true } }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
    ], 'a.web.prod.svc.cluster.local', ['10.1.0.9', '10.1.0.8']],
    ['a dashed IP without hostname', headless('web', [{ addresses: ['10.1.0.5'], conditions: { ready: true } }]), '10-1-0-5.web.prod.svc.cluster.local', ['10.1.0.5']],
    ['a not-ready endpoint: no answer', headless('web', [{ addresses: ['10.1.0.5'], hostname: 'a', conditions: { ready: false } }]), 'a.web.prod.svc.cluster.local', []],
    ['an unknown name: no answer', headless('web', many(3)), 'pod-9.web.prod.svc.cluster.local', []],
  ])('A of an endpoint name: %s', (_case, objects, name, expected) => {
    const r = new Resolver(ClusterModel.fromObjects(objects)).resolve(name, 'A');
    expect(r.answers.map((a) => a.data)).toEqual(expected);
    expect(r.rcode).toBe(expected.length > 0 ? 'NOERROR' : 'NXDOMAIN');
  });
});
