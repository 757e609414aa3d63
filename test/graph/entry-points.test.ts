import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { check } from '../../src/checks/engine';
import { run } from '../../src/cli/main';
import { entryEdges } from '../../src/graph/entry-edges';
import { buildGraph, DependencyGraph, nodeId } from '../../src/graph/graph';
import { renderMermaid } from '../../src/graph/mermaid';
import { ServiceGraph } from '../../src/graph/service-graph';
import { ClusterModel } from '../../src/model/cluster-model';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'entry-points', 'shop.yaml');
const OBJECTS = yaml.loadAll(fs.readFileSync(FIXTURE, 'utf8')) as any[];

function graphOf(objects: readonly unknown[]): DependencyGraph {
  const model = ClusterModel.fromObjects(objects);
  return buildGraph(model, { findings: check(model).findings });
}

const svc = (ns: string, name: string) => nodeId('service', `${ns}/${name}`);
const entry = (resource: string) => nodeId('entry', resource);
const node = (g: DependencyGraph, id: string) => g.nodes.find((n) => n.id === id);
const edgesFrom = (g: DependencyGraph, from: string) => g.edges.filter((e) => e.from === from).map(({ to, kind, label }) => ({ to, kind, label }));
const MISSING = nodeId('external', 'gone.shop.svc.cluster.local');

describe('buildGraph: entry points', () => {
  const g = graphOf(OBJECTS);

  test.each([
    ['an Ingress: its default backend and every path, with host, path and port', 'Ingress/shop/shop', [
      { to: MISSING, kind: 'backend', label: 'shop.example.com/old :80' },
      { to: svc('shop', 'api'), kind: 'backend', label: 'shop.example.com/api :8080' },
      { to: svc('shop', 'web'), kind: 'backend', label: 'default backend :http' },
      { to: svc('shop', 'web'), kind: 'backend', label: 'shop.example.com/ :80' },
    ]],
    ['an extensions/v1beta1 Ingress (serviceName, servicePort)', 'Ingress/shop/legacy', [
      { to: svc('shop', 'web'), kind: 'backend', label: 'legacy.example.com :80' },
    ]],
    ['an HTTPRoute: a backendRef, a request mirror (dotted) and a cross-namespace backendRef a ReferenceGrant allows', 'HTTPRoute/shop/store', [
      { to: svc('backend', 'catalog'), kind: 'backend', label: 'backendRef :8080' },
      { to: svc('shop', 'api'), kind: 'backend', label: 'backendRef :8080' },
      { to: svc('shop', 'web'), kind: 'mirror', label: 'mirror :80' },
    ]],
    ['a v1alpha2 TCPRoute into a namespace without a ReferenceGrant: refused (dotted)', 'TCPRoute/shop/db', [
      { to: svc('data', 'db'), kind: 'refused', label: 'backendRef :5432 (no ReferenceGrant)' },
    ]],
  ])('%s', (_name, resource, edges) => {
    expect(edgesFrom(g, entry(resource))).toEqual(edges);
  });

  test.each([
    ['Ingress/shop/shop', ['Ingress shop', 'shop.example.com'], 'error', 'ingress-backend-missing'],
    ['Ingress/shop/legacy', ['Ingress legacy', 'legacy.example.com'], 'error', 'api-version-removed'],
    ['HTTPRoute/shop/store', ['HTTPRoute store', 'store.example.com'], undefined, undefined],
    ['TCPRoute/shop/db', ['TCPRoute db'], 'error', 'route-backend-not-permitted'],
  ])('%s: an entry node in its namespace, with its hosts and the checker\'s findings on it', (resource, lines, level, rule) => {
    const n = node(g, entry(resource));
    expect(n).toMatchObject({ kind: 'entry', namespace: 'shop', lines, level });
    expect(n?.problems.map((p) => p.rule)).toEqual(rule ? [rule] : []);
    expect(g.nodes.filter((o) => o.kind === 'object')).toEqual([]);
  });

  test('a backend that names a missing Service: a node "no such Service in these manifests" in its namespace', () => {
    expect(node(g, MISSING)).toMatchObject({ kind: 'external', namespace: 'shop', lines: ['gone.shop.svc.cluster.local', 'no such Service in these manifests'] });
  });

  test('a Service that no entry point names has no edge into it', () => {
    expect(g.edges.filter((e) => e.to === svc('shop', 'quiet'))).toEqual([]);
  });

  test.each([
    ['an Ingress rule without host and path', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'any', namespace: 'shop' },
      spec: { rules: [{ http: { paths: [{ pathType: 'ImplementationSpecific', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
    }, 'Ingress/shop/any', 'any host :80'],
    ['a GRPCRoute backendRef without a port', {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GRPCRoute',
      metadata: { name: 'rpc', namespace: 'shop' },
      spec: { rules: [{ backendRefs: [{ name: 'web' }] }] },
    }, 'GRPCRoute/shop/rpc', 'backendRef'],
  ])('%s: the edge label', (_name, object, resource, label) => {
    const web = OBJECTS.find((o) => o.kind === 'Service' && o.metadata.name === 'web');
    expect(edgesFrom(graphOf([web, object]), entry(resource))).toEqual([{ to: svc('shop', 'web'), kind: 'backend', label }]);
  });

  test('a Knative Ingress (networking.internal.knative.dev) is not drawn as an entry point', () => {
    const knative = { apiVersion: 'networking.internal.knative.dev/v1alpha1', kind: 'Ingress', metadata: { name: 'kn', namespace: 'shop' }, spec: { rules: [{ http: { paths: [{ splits: [{ serviceName: 'web', servicePort: 80 }] }] } }] } };
    const web = OBJECTS.find((o) => o.kind === 'Service' && o.metadata.name === 'web');
    expect(graphOf([web, knative]).nodes.filter((n) => n.kind === 'entry')).toEqual([]);
  });

  test('the Mermaid text: entry points are flags (>"..."]), mirrors and refused backends dotted', () => {
    const text = renderMermaid(g);
    expect(text).toContain(`    ${entry('HTTPRoute/shop/store')}>"HTTPRoute store<br/>store.example.com"]\n`);
    expect(text).toContain(`  ${entry('HTTPRoute/shop/store')} -.->|"mirror :80"| ${svc('shop', 'web')}\n`);
    expect(text).toContain(`  ${entry('TCPRoute/shop/db')} -.->|"backendRef :5432 (no ReferenceGrant)"| ${svc('data', 'db')}\n`);
    expect(text).toContain(`  ${entry('Ingress/shop/shop')} -->|"default backend :http"| ${svc('shop', 'web')}\n`);
  });

  test('the same text whatever the order of the objects', () => {
    expect(renderMermaid(graphOf([...OBJECTS].reverse()))).toEqual(renderMermaid(g));
  });

  test('ServiceGraph (the library) draws them too', () => {
    expect(ServiceGraph.mermaid(OBJECTS)).toEqual(renderMermaid(g));
  });
});

describe('cdk8s-dns graph: entry points in every format', () => {
  const cli = (argv: string[]) => {
    let out = '';
    const code = run(argv, { stdout: (t) => { out += t; }, stderr: () => undefined, stdin: () => '' });
    return { code, out };
  };

  test.each([['mermaid'], ['markdown']])('--format %s', (format) => {
    const r = cli(['graph', '-f', FIXTURE, '--format', format]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(renderMermaid(graphOf(OBJECTS)));
  });
});

describe('entryEdges: hostile sizes', () => {
  test('gives the edges of one entry point one label, however many hosts it has', () => {
    // GIVEN an Ingress with 2,000 rules, each its own host, to one Service (joined per edge: 2,000 x 2,000 hosts)
    const objects = [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'big' },
        spec: { rules: Array.from({ length: 2000 }, (_, i) => ({ host: `h${i}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } })) },
      },
    ];
    // WHEN
    const edges = entryEdges(ClusterModel.fromObjects(objects));
    // THEN every edge has the host line of all 2,000 hosts, in one shared array
    expect(edges).toHaveLength(2000);
    expect(edges[0].lines[1].split(', ')).toHaveLength(2000);
    expect(new Set(edges.map((e) => e.lines)).size).toBe(1);
  });

  test('marks a reference refused when its only grant has more than 16 entries', () => {
    const grant = {
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'allow', namespace: 'store' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'site' }],
        to: Array.from({ length: 17 }, () => ({ group: '', kind: 'Service' })),
      },
    };
    const objects = [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'store', namespace: 'store' }, spec: { selector: { app: 'store' }, ports: [{ port: 80 }] } },
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'site' }, spec: { rules: [{ backendRefs: [{ name: 'store', namespace: 'store', port: 80 }] }] } },
    ];
    const accepted = { ...grant, spec: { ...grant.spec, to: grant.spec.to.slice(0, 16) } };
    expect(entryEdges(ClusterModel.fromObjects([...objects, accepted])).map((e) => e.kind)).toEqual(['backend']);
    expect(entryEdges(ClusterModel.fromObjects([...objects, grant])).map((e) => e.kind)).toEqual(['refused']);
  });
});

describe('buildGraph: OpenShift Routes', () => {
  const web = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } };
  const green = { ...web, metadata: { name: 'green', namespace: 'shop' } };
  const routeOf = (spec: object) => ({ apiVersion: 'route.openshift.io/v1', kind: 'Route', metadata: { name: 'shop', namespace: 'shop' }, spec });

  test.each([
    ['spec.to and an alternate backend, with host, path and targetPort', { host: 'shop.apps.example.com', path: '/api', port: { targetPort: 'http' }, to: { kind: 'Service', name: 'web' }, alternateBackends: [{ kind: 'Service', name: 'green', weight: 10 }] }, [
      { to: svc('shop', 'green'), kind: 'backend', label: 'shop.apps.example.com/api, targetPort http' },
      { to: svc('shop', 'web'), kind: 'backend', label: 'shop.apps.example.com/api, targetPort http' },
    ]],
    ['no host and no targetPort', { to: { name: 'web' } }, [{ to: svc('shop', 'web'), kind: 'backend', label: 'any host' }]],
  ])('draws a Route\'s backends: %s', (_case, spec, edges) => {
    const g = graphOf([web, green, routeOf(spec)]);
    expect(edgesFrom(g, entry('Route/shop/shop'))).toEqual(edges);
  });

  test('entryEdges reads the Route with its host as the label line', () => {
    const edges = entryEdges(ClusterModel.fromObjects([web, routeOf({ host: 'shop.apps.example.com', to: { kind: 'Service', name: 'web' } })]));
    expect(edges.map((e) => [e.resource, e.lines, e.service])).toEqual([['Route/shop/shop', ['Route shop', 'shop.apps.example.com'], 'web']]);
  });
});
