// GIVEN a model, WHEN the checker asks ClusterLookup (memoized, on the resolver's exists fast path), THEN it answers as
// the full resolver does: `exists` = an A query is NOERROR (or a built-in name), `resolveFromPod` = the first search
// candidate that exists (dns-rules 43-46).
import * as fc from 'fast-check';
import { validManifests } from './fuzz-arbitraries';
import { ClusterLookup } from '../../src/checks/dns';
import { parseQuery } from '../../src/dns/parse';
import { Resolver } from '../../src/dns/resolver';
import { searchCandidates } from '../../src/dns/search';
import { ClusterModel } from '../../src/model/cluster-model';
import { fixture } from '../dns/helpers';

/** The slow path: a full A response per name, and the names every cluster has (kubernetes.default, default.svc). */
function slowExists(resolver: Resolver, zone: string, name: string): 'exists' | 'nxdomain' | 'outside' {
  const q = parseQuery(name, zone);
  if (q.kind === 'outside' || q.kind === 'reverse') return 'outside';
  const builtIn = (q.kind === 'namespace' && q.podOrSvc === 'svc' && q.namespace === 'default')
    || (q.kind === 'service' && q.namespace === 'default' && q.service === 'kubernetes' && q.endpoint === undefined
      && (q.port === undefined || (q.port.toLowerCase() === 'https' && q.protocol?.toLowerCase() === 'tcp')));
  return resolver.resolve(name, 'A').rcode === 'NOERROR' || builtIn ? 'exists' : 'nxdomain';
}

describe.each([
  ['cluster.yaml', fixture('cluster.yaml')],
  ['the checker\'s valid manifests', validManifests()],
])('ClusterLookup agrees with the resolver: %s', (_name, objects) => {
  const model = ClusterModel.fromObjects(objects);
  const zone = model.options.clusterDomain;
  const resolver = new Resolver(model);
  const services = model.services().map((s) => s.name);
  const namespaces = [...model.namespaces(), 'ghost'];
  const label = fc.constantFrom(...services, ...namespaces, 'svc', 'pod', 'kubernetes', 'default', 'cluster', 'local', '_https', '_tcp', 'x');
  const host = fc.tuple(fc.array(label, { minLength: 1, maxLength: 5 }), fc.boolean(), fc.boolean())
    .map(([ls, inZone, dot]) => `${[...ls, ...(inZone ? [zone] : [])].join('.')}${dot ? '.' : ''}`);

  test('exists, for names built from the model\'s labels', () => {
    const lookup = new ClusterLookup(model);
    fc.assert(fc.property(host, (n) => {
      expect(lookup.exists(n)).toBe(slowExists(resolver, zone, n));
      expect(lookup.exists(n)).toBe(slowExists(resolver, zone, n)); // memoized: same answer
    }), { numRuns: 2000 });
  });

  test('resolveFromPod = the first search candidate that exists, asked twice and from two lookups', () => {
    fc.assert(fc.property(host, fc.constantFrom(...namespaces), (n, ns) => {
      const expected = searchCandidates(n, ns, zone).find((c) => slowExists(resolver, zone, c) === 'exists');
      expect(new ClusterLookup(model).resolveFromPod(n, ns)).toBe(expected);
      expect(new ClusterLookup(model).resolveFromPod(n, ns)).toBe(expected);
    }), { numRuns: 2000 });
  });
});

test.each([
  ['kubernetes.default from any namespace', 'kubernetes.default', 'shop', 'kubernetes.default.svc.cluster.local.'],
  ['a short Service name from its namespace', 'api', 'shop', 'api.shop.svc.cluster.local.'],
  ['a short Service name from another namespace', 'api', 'cache', undefined],
  ['a name outside the zone', 'example.com', 'shop', undefined],
])('ClusterLookup.resolveFromPod: %s', (_case, name, ns, expected) => {
  expect(new ClusterLookup(ClusterModel.fromObjects(validManifests())).resolveFromPod(name, ns)).toBe(expected);
});
