import { routeBackendNotPermitted } from '../../../src/checks/rules/route-backend-not-permitted';
import { run, service } from '../builders';
import { grant, route } from '../routes';

const store = service('store', { ports: [{ port: 8080 }] }, { namespace: 'store' });
const toStore = (kind = 'HTTPRoute') => route([{ name: 'store', namespace: 'store', port: 8080 }], kind, { namespace: 'site' });

/** The grant with one more `to` entry. */
const withTo = (g: { [key: string]: any }, entry: { [key: string]: unknown }) => ({ ...g, spec: { ...g.spec, to: [...g.spec.to, entry] } });

describe('route-backend-not-permitted', () => {
  test.each([
    ['a backendRef in the route\'s namespace', [service('api'), route([{ name: 'api', port: 80 }])]],
    ['a grant to every Service of the namespace', [store, grant('store', 'site'), toStore()]],
    ['a grant to this Service by name', [store, grant('store', 'site', 'HTTPRoute', 'store'), toStore()]],
    ['a v1alpha2 grant for a GRPCRoute', [store, grant('store', 'site', 'GRPCRoute', undefined, 'gateway.networking.k8s.io/v1alpha2'), toStore('GRPCRoute')]],
    ['a v1 grant', [store, grant('store', 'site', 'HTTPRoute', undefined, 'gateway.networking.k8s.io/v1'), toStore()]],
    ['a target namespace the input does not describe', [service('x', {}, { namespace: 'site' }), toStore()]],
    ['a target namespace described only by a grant for another route', [grant('store', 'other'), toStore()]],
    // Flux post-build substitution fills these in before the grant is applied: what they may allow is not refused
    ['a grant whose from namespace is a ${VAR} placeholder', [store, grant('store', '${SITE_NS}'), toStore()]],
    ['a grant whose to name is a ${VAR} placeholder', [store, grant('store', 'site', 'HTTPRoute', '${APP}'), toStore()]],
    ['a grant whose from kind is a {{ }} template', [store, grant('store', 'site', '{{ .Values.routeKind }}'), toStore()]],
    ['a grant whose own namespace is a ${VAR} placeholder', [store, grant('${STORE_NS}', 'site'), toStore()]],
    ['a route whose namespace is a ${VAR} placeholder (maybe the Service\'s)', [store, route([{ name: 'store', namespace: 'store', port: 8080 }], 'HTTPRoute', { namespace: '${APP_NS}' })]],
  ])('reports nothing for %s', (_case, objects) => {
    expect(run(routeBackendNotPermitted, objects)).toEqual([]);
  });

  test.each([
    ['no grant at all', [store, toStore()]],
    ['a grant in the route\'s namespace instead of the target\'s', [store, grant('site', 'site'), toStore()]],
    ['a grant for another namespace', [store, grant('store', 'shop'), toStore()]],
    ['a grant for another route kind', [store, grant('store', 'site', 'GRPCRoute'), toStore()]],
    ['a grant to another Service', [store, grant('store', 'site', 'HTTPRoute', 'cart'), toStore()]],
    ['a grant of another group (not the Gateway API\'s)', [store, { ...grant('store', 'site'), apiVersion: 'example.com/v1' }, toStore()]],
    ['a grant with a ${VAR} placeholder that cannot matter (from another namespace, to a named other Service)', [store, withTo(grant('store', 'shop', 'HTTPRoute', 'cart'), { group: '', kind: 'Secret', name: '${SECRET}' }), toStore()]],
  ])('reports an error for %s', (_case, objects) => {
    const found = run(routeBackendNotPermitted, objects);
    expect(found).toEqual([expect.objectContaining({ rule: 'route-backend-not-permitted', level: 'error', resource: 'HTTPRoute/site/web' })]);
    expect(found[0].message).toMatch(/^HTTPRoute "web" spec\.rules\[0\]\.backendRefs\[0\] names Service "store" in namespace "store", but no ReferenceGrant in namespace "store" allows HTTPRoutes of namespace "site" to reference it, so the route's ResolvedRefs condition is False \(RefNotPermitted\) and the backend is not used\. Fix: add a ReferenceGrant in namespace "store" with from \{group: gateway\.networking\.k8s\.io, kind: HTTPRoute, namespace: site\} and to \{group: "", kind: Service, name: store\}, or move the route next to the Service\.$/);
  });

  const withEntries = (from: number, to: number) => {
    const g = grant('store', 'site');
    const spec = g.spec;
    return {
      ...g,
      spec: {
        from: [...Array.from({ length: from - 1 }, (_, i) => ({ ...spec.from[0], namespace: `other-${i}` })), spec.from[0]],
        to: [...Array.from({ length: to - 1 }, (_, i) => ({ ...spec.to[0], name: `other-${i}` })), spec.to[0]],
      },
    };
  };

  test.each([
    ['16 from entries', 16, 1],
    ['16 to entries', 1, 16],
  ])('reports nothing for a grant with %s (the most the API server accepts)', (_case, from, to) => {
    expect(run(routeBackendNotPermitted, [store, withEntries(from, to), toStore()])).toEqual([]);
  });

  test.each([
    ['17 from entries', 17, 1],
    ['17 to entries', 1, 17],
    ['100,000 to entries', 1, 100_000],
  ])('reports an error, naming the grant, for a grant with %s (the API server rejects it)', (_case, from, to) => {
    const found = run(routeBackendNotPermitted, [store, withEntries(from, to), toStore()]);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/no ReferenceGrant in namespace "store" allows HTTPRoutes of namespace "site" to reference it \(the API server rejects ReferenceGrant "allow" of namespace "store", so it allows nothing: it lists more than 16 from or to entries \(maxItems: 16\): split it into grants of at most 16 each\), so the route's ResolvedRefs.*Fix: fix ReferenceGrant "allow" as said, or move the route next to the Service\.$/);
  });

  test.each<[string, (g: any) => void, RegExp]>([
    ['a to entry without group (core Services need group: "")', (g) => { delete g.spec.to[0].group; }, /spec\.to\[0\]\.group is required: add it \(group: "" for core Services\)/],
    ['a to entry with an empty name', (g) => { g.spec.to[0].name = ''; }, /spec\.to\[0\]\.name is empty \(minLength: 1\): remove it to allow every Service, or name one/],
    ['a from entry without namespace, beside a good one', (g) => { g.spec.from.push({ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }); }, /spec\.from\[1\]\.namespace is required/],
    ['a from entry with an empty namespace, beside a good one', (g) => { g.spec.from.push({ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: '' }); }, /spec\.from\[1\]\.namespace "" is not a DNS label/],
    ['a from entry with namespace Team_A', (g) => { g.spec.from.push({ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'Team_A' }); }, /spec\.from\[1\]\.namespace "Team_A" is not a DNS label/],
    ['a to entry with an empty kind, beside a good one', (g) => { g.spec.to.push({ group: '', kind: '' }); }, /spec\.to\[1\]\.kind "" is not a kind such as Service/],
    ['a to entry of group Core', (g) => { g.spec.to.push({ group: 'Core', kind: 'Service' }); }, /spec\.to\[1\]\.group "Core" is not a lower-case DNS subdomain, or "" for core/],
  ])('reports an error, naming the grant and why, for a grant the API server rejects: %s', (_case, spoil, why) => {
    const g: any = JSON.parse(JSON.stringify(grant('store', 'site')));
    spoil(g);
    const found = run(routeBackendNotPermitted, [store, g, toStore()]);
    expect(found).toEqual([expect.objectContaining({ rule: 'route-backend-not-permitted', level: 'error' })]);
    expect(found[0].message).toMatch(/\(the API server rejects ReferenceGrant "allow" of namespace "store", so it allows nothing: /);
    expect(found[0].message).toMatch(why);
  });

  test('a rejected grant that would not allow the reference is not named', () => {
    const other: any = { ...JSON.parse(JSON.stringify(grant('store', 'elsewhere'))), metadata: { name: 'other', namespace: 'store' } };
    other.spec.to[0].name = '';
    const found = run(routeBackendNotPermitted, [store, other, toStore()]);
    expect(found).toHaveLength(1);
    expect(found[0].message).not.toMatch(/ReferenceGrant "other"/);
    expect(found[0].message).toMatch(/Fix: add a ReferenceGrant in namespace "store"/);
  });

  test('reads each grant once, however many references it judges', () => {
    // GIVEN 300 routes to 300 Services of namespace "store", and 300 grants there that allow none of them
    let reads = 0;
    const grants = Array.from({ length: 300 }, (_, i) => {
      const g: any = { ...grant('store', 'site', 'GRPCRoute', `svc-${i}`), metadata: { name: `g-${i}`, namespace: 'store' } };
      const spec = g.spec;
      Object.defineProperty(g, 'spec', { enumerable: true, get: () => { reads++; return spec; } });
      return g;
    });
    const services = Array.from({ length: 300 }, (_, i) => service(`svc-${i}`, { ports: [{ port: 8080 }] }, { namespace: 'store' }));
    const routes = Array.from({ length: 300 }, (_, i) =>
      route([{ name: `svc-${i}`, namespace: 'store', port: 8080 }], 'HTTPRoute', { name: `r-${i}`, namespace: 'site' }));
    // WHEN
    const found = run(routeBackendNotPermitted, [...services, ...grants, ...routes]);
    // THEN every reference is refused, and the grants were read a bounded number of times (300 x 300 before the index)
    expect(found).toHaveLength(300);
    expect(reads).toBeLessThanOrEqual(5 * 300);
  });
});
