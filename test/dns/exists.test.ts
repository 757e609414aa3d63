// GIVEN a model, WHEN the checker asks whether a name exists (Resolver.exists, the fast path without responses),
// THEN the answer is exactly `resolve(name, 'A').rcode === 'NOERROR'`, for every name (property-based).
import * as fc from 'fast-check';
import { fixture } from './helpers';
import { parseQuery } from '../../src/dns/parse';
import { listRecords } from '../../src/dns/records';
import { Resolver } from '../../src/dns/resolver';
import { ClusterModel, ClusterModelOptions } from '../../src/model/cluster-model';
import { validManifests } from '../checks/fuzz-arbitraries';

/** The fast path and the full resolver agree on `name`. */
function agree(resolver: Resolver, zone: string, name: string): void {
  const full = resolver.resolve(name, 'A').rcode === 'NOERROR';
  const fast = resolver.exists(parseQuery(name, zone));
  if (fast !== full) throw new Error(`exists("${name}") = ${fast}, resolve A = ${full ? 'NOERROR' : 'NXDOMAIN'}`);
}

/** Every label of every name the model serves (records listing), plus labels that break grammar. */
function labelPool(model: ClusterModel, resolver: Resolver): string[] {
  const labels = new Set<string>(['svc', 'pod', 'cluster', 'local', 'example', 'org', '_http', '_tcp', '_udp', 'http', 'tcp', '*', 'any', '', 'x', 'dns-version', 'in-addr', 'arpa']);
  for (const line of listRecords(model, resolver)) {
    for (const l of line.split(' ')[0].split('.')) labels.add(l);
  }
  for (const ns of model.namespaces()) labels.add(ns);
  for (const p of model.pods()) for (const ip of p.ips) labels.add(ip.replace(/[.:]/g, '-'));
  return [...labels];
}

const models: [string, any[], ClusterModelOptions][] = [
  ['cluster.yaml', fixture('cluster.yaml'), {}],
  ['cluster.yaml, pods insecure', fixture('cluster.yaml'), { pods: 'insecure' }],
  ['cluster.yaml, pods verified, endpoint pod names', fixture('cluster.yaml'), { pods: 'verified', endpointPodNames: true }],
  ['cluster.yaml, zone example.org', fixture('cluster.yaml'), { clusterDomain: 'example.org' }],
  ['the checker\'s valid manifests', validManifests(), { pods: 'verified' }],
];

describe.each(models)('Resolver.exists agrees with resolve A: %s', (_name, objects, options) => {
  const model = ClusterModel.fromObjects(objects, options);
  const zone = model.options.clusterDomain;
  const resolver = new Resolver(model);
  const pool = labelPool(model, resolver);
  const label = fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 8 }, { arbitrary: fc.string({ maxLength: 6 }), weight: 1 });
  const spelling = fc.constantFrom('as is', 'upper', 'trailing dot');
  const spell = (n: string, s: string) => (s === 'upper' ? n.toUpperCase() : s === 'trailing dot' ? `${n}.` : n);

  test('every name the model serves, and each with one label changed, dropped or added', () => {
    const served = listRecords(model, resolver).map((l) => l.split(' ')[0]);
    for (const n of served) {
      const ls = n.replace(/\.$/, '').split('.');
      agree(resolver, zone, n);
      for (const prefix of ['x', '_http._tcp', 'http.tcp', '_x._udp', 'a.b.c']) agree(resolver, zone, `${prefix}.${n}`);
      for (let i = 0; i < ls.length; i++) {
        agree(resolver, zone, [...ls.slice(0, i), ...ls.slice(i + 1)].join('.'));
        agree(resolver, zone, [...ls.slice(0, i), 'x', ...ls.slice(i)].join('.'));
        agree(resolver, zone, [...ls.slice(0, i), '_http', ...ls.slice(i + 1)].join('.'));
      }
    }
  });

  test('random names built from the model\'s labels, ending in the zone or not', () => {
    const name = fc.tuple(fc.array(label, { maxLength: 6 }), fc.boolean(), spelling)
      .map(([ls, inZone, s]) => spell([...ls, ...(inZone ? [zone] : [])].join('.'), s));
    fc.assert(fc.property(name, (n) => agree(resolver, zone, n)), { numRuns: 3000 });
  });

  test('names of the grammar\'s shapes: [endpoint | _port._proto] . service . namespace . svc|pod . zone', () => {
    const services = model.services().map((s) => s.name);
    const namespaces = [...model.namespaces(), 'ghost'];
    const portLabels = [...new Set(model.services().flatMap((s) => s.ports.map((p) => p.name)).filter((n) => n !== '')), 'none', ''];
    const below = fc.oneof(
      fc.constant([] as string[]),
      fc.tuple(label).map(([l]) => [l]),
      fc.tuple(fc.constantFrom(...portLabels), fc.constantFrom('tcp', 'udp', 'sctp', 'x'), fc.boolean())
        .map(([p, proto, underscore]) => (underscore ? [`_${p}`, `_${proto}`] : [p, proto])),
      fc.array(label, { minLength: 3, maxLength: 4 }),
    );
    const shaped = fc.tuple(below, fc.constantFrom(...services, ...pool.slice(0, 20)), fc.constantFrom(...namespaces), fc.constantFrom('svc', 'svc', 'pod'), spelling)
      .map(([b, svc, ns, kind, s]) => spell([...b, svc, ns, kind, zone].join('.'), s));
    fc.assert(fc.property(shaped, (n) => agree(resolver, zone, n)), { numRuns: 3000 });
  });
});

test('Resolver.exists agrees with resolve A on models of arbitrary objects', () => {
  const kind = fc.constantFrom('Service', 'EndpointSlice', 'Endpoints', 'Pod', 'StatefulSet', 'Namespace');
  const small = fc.constantFrom('a', 'b', 'c', 'ns1');
  const obj = fc.record({
    apiVersion: fc.constantFrom('v1', 'discovery.k8s.io/v1', 'apps/v1'),
    kind,
    metadata: fc.record({
      name: small,
      namespace: fc.constantFrom('default', 'ns1'),
      labels: fc.oneof(fc.constant({ 'kubernetes.io/service-name': 'a' }), fc.constant({ app: 'a' }), fc.anything()),
    }, { requiredKeys: ['name'] }),
    spec: fc.oneof(
      fc.record({
        type: fc.constantFrom('ClusterIP', 'ExternalName', 'NodePort'),
        clusterIP: fc.constantFrom('None', '10.96.0.10', ''),
        externalName: fc.constantFrom('a.default.svc.cluster.local', 'b.ns1.svc.cluster.local', '10.0.0.1', 'example.com', ''),
        selector: fc.constantFrom({ app: 'a' }, undefined),
        ports: fc.array(fc.record({ name: fc.constantFrom('http', '', 'dns'), port: fc.constantFrom(80, 53), protocol: fc.constantFrom('TCP', 'UDP') }), { maxLength: 2 }),
        hostname: small,
        subdomain: small,
        containers: fc.constant([{ name: 'c', ports: [{ name: 'http', containerPort: 80 }] }]),
      }, { requiredKeys: [] }),
      fc.anything(),
    ),
    endpoints: fc.array(fc.record({
      addresses: fc.constantFrom(['10.244.0.1'], ['10.244.0.2'], ['2001:db8::1']),
      hostname: fc.constantFrom('a', 'h1', undefined),
      conditions: fc.constantFrom({ ready: true }, { ready: false }, {}),
      targetRef: fc.constantFrom({ kind: 'Pod', name: 'p-a' }, undefined),
    }, { requiredKeys: ['addresses'] }), { maxLength: 3 }),
    ports: fc.array(fc.record({ name: fc.constantFrom('http', ''), port: fc.constantFrom(80, 53), protocol: fc.constantFrom('TCP', 'UDP') }), { maxLength: 2 }),
    addressType: fc.constantFrom('IPv4', 'IPv6'),
    status: fc.constantFrom({ podIP: '10.244.0.1', conditions: [{ type: 'Ready', status: 'True' }] }, {}),
  }, { requiredKeys: ['apiVersion', 'kind', 'metadata'] });
  const labels = ['a', 'b', 'c', 'h1', 'p-a', 'ns1', 'default', 'svc', 'pod', '_http', '_tcp', 'http', 'udp', '10-244-0-1', '10-244-0-2', '2001-db8--1', 'x'];
  const below = fc.array(fc.constantFrom(...labels), { maxLength: 3 });
  const name = fc.oneof(
    fc.array(fc.constantFrom(...labels), { minLength: 1, maxLength: 5 }).map((ls) => `${ls.join('.')}.cluster.local`),
    fc.tuple(below, small, fc.constantFrom('default', 'ns1'), fc.constantFrom('svc', 'pod')).map(([b, svc, ns, podOrSvc]) => [...b, svc, ns, podOrSvc, 'cluster.local'].join('.')),
  );
  const options = fc.record({ pods: fc.constantFrom('disabled', 'insecure', 'verified'), endpointPodNames: fc.boolean() });
  fc.assert(fc.property(fc.array(obj, { maxLength: 8 }), options, fc.array(name, { minLength: 1, maxLength: 20 }), (objs, opts, names) => {
    const model = ClusterModel.fromObjects(objs, opts as ClusterModelOptions);
    const resolver = new Resolver(model);
    for (const n of names) agree(resolver, 'cluster.local', n);
  }), { numRuns: 400 });
});

test.each([
  ['the apex', 'cluster.local', true],
  ['a namespace that exists', 'default.svc.cluster.local', true],
  ['a namespace that does not exist', 'ghost.svc.cluster.local', false],
  ['the pod subtree when pods are disabled', 'default.pod.cluster.local', false],
  ['a name outside the zone', 'example.com', false],
  ['a reverse name', '1.0.96.10.in-addr.arpa', false],
])('Resolver.exists: %s', (_case, name, expected) => {
  const resolver = new Resolver(ClusterModel.fromObjects([]));
  expect(resolver.exists(parseQuery(name, 'cluster.local'))).toBe(expected);
  agree(resolver, 'cluster.local', name);
});
