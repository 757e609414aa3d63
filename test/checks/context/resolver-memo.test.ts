// GIVEN a model, WHEN the checker asks ResolverMemo (memoized, on the resolver's exists fast path), THEN it answers as
// the full resolver does: `exists` = an A query is NOERROR (or a built-in name), `resolveFromPod` = the first search
// candidate that exists (dns-rules 43-46).
import * as fc from 'fast-check';
import { ResolverMemo } from '../../../src/checks/context/resolver-memo';
import { parseQuery } from '../../../src/dns/parse';
import { Resolver } from '../../../src/dns/resolver';
import { searchCandidates } from '../../../src/dns/search';
import { ClusterModel } from '../../../src/model/cluster-model';
import { fixture } from '../../dns/helpers';
import { validManifests } from '../fuzz-arbitraries';

/**
 * The slow path: a full A response per name, and the names every cluster has (kubernetes.default, default.svc,
 * kube-dns.kube-system, kube-system.svc).
 */
function slowExists(resolver: Resolver, zone: string, name: string): 'exists' | 'nxdomain' | 'outside' {
  const q = parseQuery(name, zone);
  if (q.kind === 'outside' || q.kind === 'reverse') return 'outside';
  const port = q.kind === 'service' && q.port !== undefined ? `${q.port.toLowerCase()}/${q.protocol?.toLowerCase()}` : undefined;
  const builtIn = (q.kind === 'namespace' && q.podOrSvc === 'svc' && (q.namespace === 'default' || q.namespace === 'kube-system'))
    || (q.kind === 'service' && q.namespace === 'default' && q.service === 'kubernetes' && q.endpoint === undefined
      && (port === undefined || port === 'https/tcp'))
    || (q.kind === 'service' && q.namespace === 'kube-system' && q.service === 'kube-dns' && q.endpoint === undefined
      && (port === undefined || ['dns/udp', 'dns-tcp/tcp', 'metrics/tcp'].includes(port)));
  return resolver.resolve(name, 'A').rcode === 'NOERROR' || builtIn ? 'exists' : 'nxdomain';
}

describe.each([
  ['cluster.yaml', fixture('cluster.yaml')],
  ['the checker\'s valid manifests', validManifests()],
])('ResolverMemo agrees with the resolver: %s', (_name, objects) => {
  const model = ClusterModel.fromObjects(objects);
  const zone = model.options.clusterDomain;
  const resolver = new Resolver(model);
  const services = model.services().map((s) => s.name);
  const namespaces = [...model.namespaces(), 'ghost'];
  const label = fc.constantFrom(...services, ...namespaces, 'svc', 'pod', 'kubernetes', 'default', 'kube-dns', 'kube-system', '_dns', '_udp', 'cluster', 'local', '_https', '_tcp', 'x');
  const host = fc.tuple(fc.array(label, { minLength: 1, maxLength: 5 }), fc.boolean(), fc.boolean())
    .map(([ls, inZone, dot]) => `${[...ls, ...(inZone ? [zone] : [])].join('.')}${dot ? '.' : ''}`);

  test('exists, for names built from the model\'s labels', () => {
    const lookup = new ResolverMemo(model);
    fc.assert(fc.property(host, (n) => {
      expect(lookup.exists(n)).toBe(slowExists(resolver, zone, n));
      expect(lookup.exists(n)).toBe(slowExists(resolver, zone, n)); // memoized: same answer
    }), { numRuns: 2000 });
  });

  test('resolveFromPod = the first search candidate that exists, asked twice and from two lookups', () => {
    fc.assert(fc.property(host, fc.constantFrom(...namespaces), (n, ns) => {
      const expected = searchCandidates(n, ns, zone).find((c) => slowExists(resolver, zone, c) === 'exists');
      expect(new ResolverMemo(model).resolveFromPod(n, ns)).toBe(expected);
      expect(new ResolverMemo(model).resolveFromPod(n, ns)).toBe(expected);
    }), { numRuns: 2000 });
  });
});

test('resolveFromPod agrees with the resolver for odd spellings, namespaces and zones', () => {
  const namespaces = ['default', 'team', 'Team', 'tΣam', 'a.b', '', 'svc'];
  const names = ['api', 'Api', 'ΑΣ', 'ας', 'ασ', 'kubernetes', 'svc', 'x'];
  const service = fc.record({ name: fc.constantFrom(...names), namespace: fc.constantFrom(...namespaces), headless: fc.boolean(), portName: fc.constantFrom('http', 'https', '') })
    .map(({ name, namespace, headless, portName }) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace },
      spec: { ...(headless ? { clusterIP: 'None' } : {}), ports: [{ name: portName, port: 80 }] },
    }));
  const slice = fc.record({ service: fc.constantFrom(...names), namespace: fc.constantFrom(...namespaces), hostname: fc.constantFrom('h', 'H', 'x') })
    .map(({ service: svc, namespace, hostname }) => ({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: `${svc}-1`, namespace, labels: { 'kubernetes.io/service-name': svc } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.244.0.1'], hostname }],
      ports: [{ name: 'http', port: 80 }],
    }));
  const label = fc.constantFrom(...names, ...namespaces, '_http', '_tcp', 'tcp', 'cluster', 'local', 'in-addr', 'arpa', '');
  const below = fc.oneof(
    fc.array(label, { minLength: 1, maxLength: 6 }),
    fc.tuple(fc.constantFrom(...names)).map(([svc]) => [svc]),
    fc.tuple(fc.constantFrom('h', 'H', 'x'), fc.constantFrom(...names)).map(([h, svc]) => [h, svc]),
    fc.tuple(fc.constantFrom('_http', 'http', '_HTTP', '_x'), fc.constantFrom('_tcp', 'tcp', '_udp'), fc.constantFrom(...names)).map(([p, proto, svc]) => [p, proto, svc]),
  );
  const host = fc.tuple(below, fc.option(fc.constantFrom(...namespaces), { freq: 2 }), fc.boolean())
    .map(([ls, ns, dot]) => `${[...ls, ...(ns === null ? [] : [ns])].join('.')}${dot ? '.' : ''}`);
  const zone = fc.constantFrom('cluster.local', 'in-addr.arpa', 'arpa', 'example.org');
  const questions = fc.array(fc.tuple(host, fc.constantFrom(...namespaces)), { minLength: 1, maxLength: 30 });
  fc.assert(fc.property(fc.array(fc.oneof(service, slice), { maxLength: 8 }), zone, questions, (objs, clusterDomain, asked) => {
    const model = ClusterModel.fromObjects(objs, { clusterDomain });
    const z = model.options.clusterDomain;
    const resolver = new Resolver(model);
    const lookup = new ResolverMemo(model);
    for (const [n, ns] of asked) {
      const expected = searchCandidates(n, ns, z).find((c) => slowExists(resolver, z, c) === 'exists');
      expect(lookup.resolveFromPod(n, ns)).toBe(expected);
    }
  }), { numRuns: 1000 });
});

test.each([
  ['kubernetes.default from any namespace', 'kubernetes.default', 'shop', 'kubernetes.default.svc.cluster.local.'],
  ['a short Service name from its namespace', 'api', 'shop', 'api.shop.svc.cluster.local.'],
  ['a short Service name from another namespace', 'api', 'cache', undefined],
  ['a name outside the zone', 'example.com', 'shop', undefined],
])('ResolverMemo.resolveFromPod: %s', (_case, name, ns, expected) => {
  expect(new ResolverMemo(ClusterModel.fromObjects(validManifests())).resolveFromPod(name, ns)).toBe(expected);
});

describe('ResolverMemo.resolveFromPod reads the first candidate off the name\'s labels as parseQuery does', () => {
  const svc = (name: string, namespace: string, spec: object = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { ports: [{ name: 'http', port: 80 }], ...spec } });
  const objects = [
    svc('api', 'team'), svc('ασ', 'team'), svc('db', 'team', { clusterIP: 'None' }),
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'db-1', namespace: 'team', labels: { 'kubernetes.io/service-name': 'db' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.244.0.1'], hostname: 'h' }],
      ports: [{ name: 'http', port: 80 }],
    },
  ];
  test.each<[string, string, string, string | undefined, string]>([
    ['a Service', 'api', 'team', 'api.team.svc.cluster.local.', 'cluster.local'],
    ['a Service spelled in upper case', 'API', 'team', 'API.team.svc.cluster.local.', 'cluster.local'],
    ['_port._proto of a Service', '_http._tcp.api', 'team', '_http._tcp.api.team.svc.cluster.local.', 'cluster.local'],
    ['port.proto without underscores', 'http.tcp.api', 'team', 'http.tcp.api.team.svc.cluster.local.', 'cluster.local'],
    ['a port the Service does not have', '_https._tcp.api', 'team', undefined, 'cluster.local'],
    ['an endpoint hostname of a headless Service', 'h.db', 'team', 'h.db.team.svc.cluster.local.', 'cluster.local'],
    ['an endpoint hostname that does not exist', 'x.db', 'team', undefined, 'cluster.local'],
    ['a namespace spelled in upper case', 'api', 'TEAM', 'api.TEAM.svc.cluster.local.', 'cluster.local'],
    ['a "namespace" with a dot, read as labels', 'h', 'db.team', 'h.db.team.svc.cluster.local.', 'cluster.local'],
    ['the second candidate (<name>.svc.<zone>)', 'api.team', 'other', 'api.team.svc.cluster.local.', 'cluster.local'],
    ['the third candidate (<name>.<zone>)', 'api.team.svc', 'other', 'api.team.svc.cluster.local.', 'cluster.local'],
    ['the name as is', 'api.team.svc.cluster.local', 'other', 'api.team.svc.cluster.local.', 'cluster.local'],
    ['five dots: the name as is only', 'a.b.c.d.e.f', 'team', undefined, 'cluster.local'],
    ['four labels below the namespace', 'a._http._tcp.api', 'team', undefined, 'cluster.local'],
    ['a final capital sigma, lower-cased as in the whole name (σ, not ς)', 'ΑΣ', 'team', 'ΑΣ.team.svc.cluster.local.', 'cluster.local'],
    ['a name in a cluster domain under .arpa (a reverse name, never in the cluster)', 'api', 'team', undefined, 'in-addr.arpa'],
  ])('%s: %s from %s', (_case, name, ns, expected, clusterDomain) => {
    const model = ClusterModel.fromObjects(objects, { clusterDomain });
    const zone = model.options.clusterDomain;
    const resolver = new Resolver(model);
    const slow = searchCandidates(name, ns, zone).find((c) => slowExists(resolver, zone, c) === 'exists');
    expect(slow).toBe(expected === undefined ? undefined : expected.replace('cluster.local', zone));
    expect(new ResolverMemo(model).resolveFromPod(name, ns)).toBe(slow);
  });
});

