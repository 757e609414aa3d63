/**
 * The resolver reads only the `DnsIndex` look-ups: a hand-made index answers like the model, and the model is one.
 */
import type { DnsIndex } from '../../src/dns/dns-index';
import { Resolver } from '../../src/dns/resolver';
import { ClusterModel } from '../../src/model/cluster-model';
import type { ServiceRecord } from '../../src/model/records';

const db: ServiceRecord = {
  namespace: 'prod',
  name: 'db',
  type: 'ClusterIP',
  headless: false,
  clusterIPs: ['10.96.0.10'],
  clusterIPsSimulated: false,
  ipFamilies: ['IPv4'],
  ports: [{ name: 'pg', port: 5432, protocol: 'TCP' } as any],
  publishNotReadyAddresses: false,
  object: {},
};

const handMade: DnsIndex = {
  options: { clusterDomain: 'cluster.local', pods: 'disabled', endpointPodNames: false },
  simulated: [],
  namespaceExists: (ns) => ns === 'prod',
  service: (ns, name) => (ns === 'prod' && name === 'db' ? db : undefined),
  endpointSlices: () => [],
  servicesByClusterIp: (ip) => (ip === '10.96.0.10' ? [db] : []),
  readyEndpointsByIp: () => [],
  podsByIp: () => [],
};

describe('DnsIndex', () => {
  test.each([
    ['A of the Service', 'db.prod.svc.cluster.local', 'A', 'NOERROR', ['10.96.0.10']],
    ['SRV of its named port', '_pg._tcp.db.prod.svc.cluster.local', 'SRV', 'NOERROR', ['0 100 5432 db.prod.svc.cluster.local.']],
    ['PTR of its ClusterIP', '10.0.96.10.in-addr.arpa', 'PTR', 'NOERROR', ['db.prod.svc.cluster.local.']],
    ['an unknown Service', 'nope.prod.svc.cluster.local', 'A', 'NXDOMAIN', []],
    ['an unknown namespace', 'db.other.svc.cluster.local', 'A', 'NXDOMAIN', []],
  ])('a hand-made index answers %s', (_case, name, type, rcode, data) => {
    const r = new Resolver(handMade).resolve(name, type);
    expect(r.rcode).toBe(rcode);
    expect(r.answers.map((a) => a.data)).toEqual(data);
  });

  test('ClusterModel is a DnsIndex', () => {
    const index: DnsIndex = ClusterModel.fromObjects([]);
    expect(index.namespaceExists('default')).toBe(true);
  });
});
