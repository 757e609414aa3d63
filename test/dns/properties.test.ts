// Property-based: the resolver returns values for any question and any input, never exceptions.
import * as fc from 'fast-check';
import { fixture, resolverOf } from './helpers';
import { ClusterDns } from '../../src/dns/cluster-dns';
import { listRecords } from '../../src/dns/records';
import { Resolver } from '../../src/dns/resolver';
import { ClusterModel } from '../../src/model/cluster-model';

const resolver = resolverOf(fixture('cluster.yaml'));
const label = fc.oneof(fc.constantFrom('svc', 'pod', 'test-1', 'hs', 'svc-1-a', '_http', '_tcp', 'cluster', 'local', 'in-addr', 'arpa', '*', ''), fc.string());
const name = fc.array(label, { maxLength: 9 }).map((ls) => ls.join('.'));
const type = fc.constantFrom('A', 'AAAA', 'CNAME', 'SRV', 'PTR', 'TXT', 'MX', 'ANY', '');

test('any name and type: NOERROR or NXDOMAIN, SOA only on negatives', () => {
  fc.assert(fc.property(fc.oneof(name, fc.string()), type, (n, t) => {
    const r = resolver.resolve(n, t);
    expect(['NOERROR', 'NXDOMAIN']).toContain(r.rcode);
    if (r.answers.length > 0) expect(r.authority).toEqual([]);
  }), { numRuns: 2000 });
});

test('CNAME first, then the target records (rule 5), for every answer', () => {
  fc.assert(fc.property(name, (n) => {
    const a = resolver.resolve(n, 'A').answers.map((x) => x.type);
    const firstNonCname = a.findIndex((x) => x !== 'CNAME');
    if (firstNonCname >= 0) expect(a.slice(firstNonCname)).not.toContain('CNAME');
  }), { numRuns: 500 });
});

test('junk objects: facade resolve and records never throw', () => {
  const obj = fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constantFrom('Service', 'EndpointSlice', 'Endpoints', 'Pod', 'StatefulSet'),
    metadata: fc.record({ name: fc.constantFrom('a', 'b'), labels: fc.oneof(fc.constant({ 'kubernetes.io/service-name': 'a' }), fc.anything()) }),
    spec: fc.anything(),
    status: fc.anything(),
    endpoints: fc.anything(),
    subsets: fc.anything(),
    ports: fc.anything(),
    addressType: fc.anything(),
  }, { requiredKeys: [] });
  fc.assert(fc.property(fc.array(obj, { maxLength: 6 }), (objs) => {
    const dns = ClusterDns.fromObjects(objs);
    dns.resolve('a.default.svc.cluster.local', {});
    dns.records();
    const m = ClusterModel.fromObjects(objs);
    listRecords(m, new Resolver(m));
  }), { numRuns: 300 });
});
