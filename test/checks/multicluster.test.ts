/**
 * Multi-cluster service discovery as the input shows it (src/checks/context/multicluster.ts, lib/multicluster.ts): the
 * Services of a Linkerd Link's service mirror, the MCS clusterset.local zone, Cilium Cluster Mesh global Services.
 * Objects in the shape of linkerd2's multicluster test data and `linkerd multicluster link` output, Cilium's
 * clustermesh examples and the MCS API's demo.
 */
import { deployment, run, service } from './builders';
import { routeBackendMissing } from '../../src/checks/rules/route-backend-missing';
import { selectorlessServiceNoEndpoints } from '../../src/checks/rules/selectorless-service-no-endpoints';
import { serviceSelectorNoMatch } from '../../src/checks/rules/service-selector-no-match';
import { workloadNameUnresolved } from '../../src/checks/rules/workload-name-unresolved';

const link = (target: string, apiVersion = 'multicluster.linkerd.io/v1alpha3') => ({
  apiVersion, kind: 'Link', metadata: { name: target, namespace: 'linkerd-multicluster' }, spec: { targetClusterName: target },
});
const mcs = (kind: string, name: string, namespace = 'shop', apiVersion = 'multicluster.x-k8s.io/v1alpha1') => ({ apiVersion, kind, metadata: { name, namespace } });
const client = (value: string, namespace = 'shop') => deployment('client', { app: 'client' }, [], { env: [{ name: 'TARGET', value }] }, { namespace });
const route = (...names: string[]) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { rules: [{ backendRefs: names.map((name) => ({ name, port: 80 })) }] },
});
const global = (name: string, spec: object = {}, annotation = 'service.cilium.io/global') =>
  service(name, spec, { namespace: 'shop', annotations: { [annotation]: 'true' } });

describe('Linkerd multicluster: the Services of a Link\'s service mirror', () => {
  test.each<[string, object[], string]>([
    ['a short mirrored name', [link('east')], 'web-svc-east:80'],
    ['a mirrored name of another namespace', [link('east')], 'http://web-svc-east.emojivoto.svc.cluster.local'],
    ['a pod of a mirrored headless Service', [link('target')], 'http://nginx-0.nginx-svc-target.shop.svc.cluster.local:80'],
    ['a federated Service', [link('east')], 'web-svc-federated:80'],
    ['a Link of an older version', [link('west', 'multicluster.linkerd.io/v1alpha1')], 'web-svc-west:80'],
    ['a cluster name with dashes', [link('us-east-1')], 'web-svc-us-east-1:80'],
    ['one of 3,000 Links', Array.from({ length: 3000 }, (_, i) => link(`c${i}`)), 'web-svc-c2999:80'],
  ])('reports nothing for %s beside a Link', (_, objects, value) => {
    expect(run(workloadNameUnresolved, [...objects, client(value), deployment('other', undefined, undefined, {}, { namespace: 'emojivoto' })])).toEqual([]);
  });

  test.each<[string, object[], string]>([
    ['a mirrored name without a Link in the input', [], 'web-svc-east:80'],
    ['a typo of the cluster name', [link('east')], 'web-svc-eastt:80'],
    ['the end of a dashed cluster name only', [link('us-east-1')], 'web-svc-east-1:80'],
    ['the cluster name alone', [link('east')], 'east:80'],
    ['a local name without the suffix', [link('east')], 'web-sv:80'],
    ['a Link-shaped object of another group', [{ ...link('east'), apiVersion: 'example.com/v1' }], 'web-svc-east:80'],
  ])('still reports %s', (_, objects, value) => {
    const found = run(workloadNameUnresolved, [...objects, client(value)]);
    expect(found.map((f) => f.rule)).toEqual(['workload-name-unresolved']);
  });

  test('a route backend named after a Link\'s cluster counts as the mirror\'s Service; a typo of it does not', () => {
    const found = run(routeBackendMissing, [link('east'), route('cart-east', 'cart-eats'), client('x')]);
    expect(found.map((f) => f.message)).toEqual([expect.stringMatching(/names Service "cart-eats", but there is no Service "cart-eats" in namespace "shop"/)]);
  });

  test('the Services the service mirror writes get no selectorless-service-no-endpoints (it writes their Endpoints)', () => {
    const probe = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'probe-gateway-east', namespace: 'linkerd-multicluster', labels: { 'mirror.linkerd.io/mirrored-gateway': 'true' } }, spec: { ports: [{ name: 'mc-probe', port: 4191 }] } };
    const mirror = { ...probe, metadata: { name: 'web-svc-east', namespace: 'shop', labels: { 'mirror.linkerd.io/mirrored-service': 'true' } } };
    const plain = { ...probe, metadata: { name: 'plain', namespace: 'shop' } };
    expect(run(selectorlessServiceNoEndpoints, [probe, mirror, plain]).map((f) => f.resource)).toEqual(['Service/shop/plain']);
  });
});

describe('Multi-Cluster Services: names of the clusterset.local zone', () => {
  test.each<[string, object[], string]>([
    ['a ServiceExport of the name', [mcs('ServiceExport', 'cart')], 'http://cart.shop.svc.clusterset.local:8080'],
    ['a ServiceImport of the name', [mcs('ServiceImport', 'cart')], 'cart.shop.svc.clusterset.local:8080'],
    ['a GKE ServiceExport', [mcs('ServiceExport', 'cart', 'shop', 'net.gke.io/v1')], 'cart.shop.svc.clusterset.local:8080'],
    ['a pod of a headless export', [mcs('ServiceExport', 'web')], 'web-0.cluster-a.web.shop.svc.clusterset.local:80'],
    ['no MCS object at all (another cluster may export it)', [], 'http://cart.shop.svc.clusterset.local:8080'],
    ['an MCS object of a name far from it', [mcs('ServiceExport', 'payments')], 'http://cart.shop.svc.clusterset.local:8080'],
  ])('reports nothing with %s', (_, objects, value) => {
    expect(run(workloadNameUnresolved, [...objects, client(value)])).toEqual([]);
  });

  test('reports a near miss of an exported name as a typo', () => {
    const found = run(workloadNameUnresolved, [mcs('ServiceExport', 'carts'), client('http://cart.shop.svc.clusterset.local:8080')]);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/host "cart.shop.svc.clusterset.local" does not resolve.*Namespace "shop" exports or imports "carts" \(ServiceExport or ServiceImport\), not "cart": did you mean "carts.shop.svc.clusterset.local"\?/);
  });

  test('the near misses of thousands of names are looked for within the run\'s hint work (MAX_HINT_WORK)', () => {
    // GIVEN 1,200 exported names and a pod using 1,200 names one letter away from them
    const n = 1200;
    const exports = Array.from({ length: n }, (_, i) => mcs('ServiceExport', `cart${i}`));
    const env = Array.from({ length: n }, (_, i) => ({ name: `T${i}`, value: `http://kart${i}.shop.svc.clusterset.local` }));
    const pod = deployment('client', { app: 'client' }, [], { env }, { namespace: 'shop' });
    // and a pod of namespace zoo using a name of namespace payments, which exports and imports nothing: no typo to look
    // for, so its name is not judged (another cluster may export it) whether or not the work is spent
    const zoo = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'zoo' } }, client('http://billing.payments.svc.clusterset.local', 'zoo')];
    // WHEN checked (each look-up compares a name with the 1,200 of the namespace: 1,440,000 comparisons in all)
    const found = run(workloadNameUnresolved, [...exports, pod, ...zoo]);
    // THEN the first names are reported as typos, and once the work is spent the others are not judged, and said so;
    // nothing is said of the zoo pod, whose name was judged
    const typos = found.filter((f) => f.rule === workloadNameUnresolved.id);
    expect(typos.length).toBeGreaterThan(0);
    expect(typos.length).toBeLessThan(n);
    expect(typos[0].message).toMatch(/not "kart0": did you mean "cart0.shop.svc.clusterset.local"\?/);
    expect(found.filter((f) => f.rule === 'input-skipped')).toEqual([{
      rule: 'input-skipped',
      level: 'info',
      resource: 'Deployment/shop/client',
      message: 'Not judged: the run reached its bound of 20,000,000 steps of looking for near misses (typos) in one rule, so on this object, whether the clusterset.local names used are typos of the input\'s ServiceImports and ServiceExports was not judged. Fix: check fewer manifests at once (-f each folder).',
    }]);
  });

  test('with --complete reports a name that no ServiceImport or ServiceExport of the input has', () => {
    const found = run(workloadNameUnresolved, [client('http://cart.shop.svc.clusterset.local:8080')], {}, true);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/resolves only where the cluster has a ServiceImport "cart" in namespace "shop".*has neither/);
  });
});

describe('Cilium Cluster Mesh global Services', () => {
  test.each<[string, string]>([
    ['service.cilium.io/global', 'service.cilium.io/global'],
    ['io.cilium/global-service', 'io.cilium/global-service'],
  ])('a global Service (%s) whose pods run in other clusters is an info, not an error', (_, annotation) => {
    const found = run(serviceSelectorNoMatch, [global('rebel-base', { selector: { name: 'rebel-base' } }, annotation), deployment('x-wing', { name: 'x-wing' }, [], {}, { namespace: 'shop' })]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ level: 'info', resource: 'Service/shop/rebel-base' });
    expect(found[0].message).toMatch(/it is a Cilium global Service.*Fix: nothing to do when another cluster of the mesh runs the pods/);
  });

  test('a headless global Service without local pods is still an error (CoreDNS answers from local slices only)', () => {
    const found = run(serviceSelectorNoMatch, [global('db', { clusterIP: 'None', selector: { name: 'db' } }), deployment('x-wing', { name: 'x-wing' }, [], {}, { namespace: 'shop' })]);
    expect(found.map((f) => f.level)).toEqual(['error']);
  });

  test('a selectorless global Service without local endpoints is an info', () => {
    const found = run(selectorlessServiceNoEndpoints, [global('stub', { selector: undefined })]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ level: 'info', resource: 'Service/shop/stub' });
    expect(found[0].message).toMatch(/no selector and no endpoints in this cluster, but it is a Cilium global Service/);
  });

  test('a global Service is still resolved by name (ClusterIP) from a workload of its namespace', () => {
    expect(run(workloadNameUnresolved, [global('rebel-base', { selector: { name: 'rebel-base' } }), client('http://rebel-base:80')])).toEqual([]);
  });
});
