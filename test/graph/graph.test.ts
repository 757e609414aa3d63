import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { check } from '../../src/checks/engine';
import { ExternalDependency } from '../../src/external-dependency';
import { buildGraph, DependencyGraph, EXTERNAL_TARGET_ANNOTATION, GraphEdge, INTERNAL_TARGET_ANNOTATION, nodeId, PHASE_ANNOTATION } from '../../src/graph/graph';
import { escapeLabel, renderMermaid } from '../../src/graph/mermaid';
import { ServiceGraph } from '../../src/graph/service-graph';
import { HeadlessStatefulSet } from '../../src/headless-stateful-set';
import { MigratingDatabase } from '../../src/migrating-database';
import { MigrationPhase } from '../../src/migration-phase';
import * as migrationService from '../../src/migration-service';
import { ClusterModel } from '../../src/model/cluster-model';
import { modelFromScope } from '../../src/model/from-cdk8s';
import { SelectorlessIpService } from '../../src/selectorless-ip-service';
import { ServiceReference } from '../../src/service-reference';
import { testApp } from '../test-app';

function chartIn(namespace = 'production'): Chart {
  return new Chart(testApp(), 'test', { namespace });
}

/** The graph of a chart, with the checker's findings. */
function graphOf(chart: Chart): DependencyGraph {
  const model = modelFromScope(chart);
  return buildGraph(model, { findings: check(model).findings });
}

const svc = (ns: string, name: string) => nodeId('service', `${ns}/${name}`);
const ext = (host: string) => nodeId('external', host);
const edgesFrom = (g: DependencyGraph, from: string) => g.edges.filter((e) => e.from === from).map(({ to, kind, label }) => ({ to, kind, label }));
const node = (g: DependencyGraph, id: string) => g.nodes.find((n) => n.id === id);

describe('buildGraph', () => {
  test('ExternalDependency: a Service node with a CNAME edge to the external host', () => {
    // GIVEN
    const chart = chartIn();
    new ExternalDependency(chart, 'database', { externalName: 'db.example.com', ports: [{ name: 'pg', port: 5432 }] });

    // WHEN
    const g = graphOf(chart);

    // THEN
    expect(node(g, svc('production', 'database'))).toMatchObject({ kind: 'service', namespace: 'production', lines: ['database.production.svc', 'ExternalName :5432'], problems: [] });
    expect(node(g, ext('db.example.com'))).toMatchObject({ kind: 'external', namespace: undefined, lines: ['db.example.com'] });
    expect(edgesFrom(g, svc('production', 'database'))).toEqual([{ to: ext('db.example.com'), kind: 'cname', label: 'CNAME' }]);
  });

  test('ExternalDependency alias: a CNAME edge to the aliased in-cluster Service', () => {
    const chart = chartIn();
    const upstream = new ExternalDependency(chart, 'redis', { externalName: 'redis.example.net', namespace: 'shared-infra' });
    new ExternalDependency(chart, 'cache', { targetService: upstream });
    const g = graphOf(chart);
    expect(edgesFrom(g, svc('production', 'cache'))).toEqual([{ to: svc('shared-infra', 'redis'), kind: 'cname', label: 'CNAME' }]);
  });

  test('an alias of a Service not in the manifests: a node in the target\'s namespace', () => {
    const chart = chartIn();
    new ExternalDependency(chart, 'cache', { targetService: ServiceReference.fromName('shared-infra', 'redis') });
    const g = graphOf(chart);
    const target = nodeId('external', 'redis.shared-infra.svc.cluster.local');
    expect(node(g, target)).toMatchObject({ namespace: 'shared-infra', lines: ['redis.shared-infra.svc.cluster.local', 'no such Service in these manifests'] });
  });

  test('a checker error: the node is highlighted with the rule id', () => {
    const chart = chartIn();
    new k8s.KubeService(chart, 'raw', { metadata: { name: 'raw' }, spec: { type: 'ExternalName', externalName: '203.0.113.9' } });
    const g = graphOf(chart);
    expect(node(g, svc('production', 'raw'))).toMatchObject({ level: 'error', problems: [expect.objectContaining({ rule: 'externalname-ip', level: 'error' })] });
    const text = renderMermaid(g);
    expect(text).toContain('["raw.production.svc<br/>ExternalName<br/>error: externalname-ip"]');
    expect(text).toMatch(new RegExp(`\\n  class ${svc('production', 'raw')} error\\n`));
  });

  test('SelectorlessIpService: endpoint edges to each address, with the target port', () => {
    const chart = chartIn();
    new SelectorlessIpService(chart, 'external-api', { addresses: ['203.0.113.11', '203.0.113.10'], ports: [{ name: 'https', port: 443, targetPort: 8443 }] });
    const g = graphOf(chart);
    expect(edgesFrom(g, svc('production', 'external-api'))).toEqual([
      { to: nodeId('address', '203.0.113.10'), kind: 'endpoint', label: 'endpoint :8443' },
      { to: nodeId('address', '203.0.113.11'), kind: 'endpoint', label: 'endpoint :8443' },
    ]);
    expect(node(g, nodeId('address', '203.0.113.10'))).toMatchObject({ kind: 'address', namespace: undefined, lines: ['203.0.113.10'] });
  });

  test('headless SelectorlessIpService with hostnames: A edges named by the per-address DNS names', () => {
    const chart = chartIn();
    const ldap = new SelectorlessIpService(chart, 'ldap', { headless: true, ports: [{ name: 'ldaps', port: 636 }] });
    ldap.addAddress('198.51.100.20', { hostname: 'ldap-0' });
    const g = graphOf(chart);
    expect(edgesFrom(g, svc('production', 'ldap'))).toEqual([
      { to: nodeId('address', '198.51.100.20'), kind: 'endpoint', label: 'A ldap-0.ldap.production.svc' },
    ]);
  });

  test('HeadlessStatefulSet: headless name -> per-pod names; client ClusterIP -> the StatefulSet', () => {
    const chart = chartIn('cache');
    new HeadlessStatefulSet(chart, 'redis', { image: 'redis:7', ports: [{ name: 'redis', port: 6379 }], replicas: 2, clientService: {} });
    const g = graphOf(chart);
    const pod0 = nodeId('pod', 'cache/redis-0');
    expect(edgesFrom(g, svc('cache', 'redis-headless'))).toEqual([
      { to: pod0, kind: 'headless', label: 'A' },
      { to: nodeId('pod', 'cache/redis-1'), kind: 'headless', label: 'A' },
    ]);
    expect(node(g, pod0)).toMatchObject({ kind: 'pod', namespace: 'cache', lines: ['redis-0.redis-headless.cache.svc', 'pod of StatefulSet redis'] });
    expect(edgesFrom(g, svc('cache', 'redis'))).toEqual([
      { to: nodeId('workload', 'StatefulSet/cache/redis'), kind: 'cluster-ip', label: 'ClusterIP :6379' },
    ]);
    expect(node(g, svc('cache', 'redis-headless'))?.lines).toEqual(['redis-headless.cache.svc', 'headless :6379']);
  });

  describe('MigratingDatabase', () => {
    const inCluster = { name: 'postgres', image: 'postgres:16', ports: [{ name: 'postgres', port: 5432 }], storage: { size: '1Gi' } };
    function graphFor(phase: MigrationPhase): DependencyGraph {
      const chart = chartIn();
      new MigratingDatabase(chart, 'database', { externalName: 'prod-db.example.com', port: 5432, phase, inCluster });
      return graphOf(chart);
    }
    const stable = svc('production', 'database');

    test('EXTERNAL: CNAME to the external host; dotted edge to the in-cluster Service it will flip to', () => {
      const g = graphFor(MigrationPhase.EXTERNAL);
      expect(node(g, stable)?.lines).toEqual(['database.production.svc', 'ExternalName :5432', 'MigratingDatabase phase: external']);
      expect(edgesFrom(g, stable)).toEqual(expect.arrayContaining([
        { to: ext('prod-db.example.com'), kind: 'cname', label: 'CNAME' },
        { to: svc('production', 'postgres-headless'), kind: 'after-flip', label: 'after the flip to internal' },
      ]));
    });

    test('SYNC: still a CNAME; the flip target is the writer pod', () => {
      const g = graphFor(MigrationPhase.SYNC);
      expect(node(g, stable)?.lines).toContain('MigratingDatabase phase: sync');
      expect(edgesFrom(g, stable)).toEqual([
        { to: ext('prod-db.example.com'), kind: 'cname', label: 'CNAME' },
        { to: nodeId('pod', 'production/postgres-0'), kind: 'after-flip', label: 'after the flip to internal' },
      ].sort((a, b) => (a.to < b.to ? -1 : 1)));
    });

    test('INTERNAL: a ClusterIP Service; dotted rollback edge to the external host', () => {
      const g = graphFor(MigrationPhase.INTERNAL);
      expect(node(g, stable)?.lines).toEqual(['database.production.svc', 'ClusterIP :5432', 'MigratingDatabase phase: internal']);
      // The ClusterIP edge to the StatefulSet appears once the model gives simulated StatefulSet pods the
      // statefulset.kubernetes.io/pod-name label the controller sets (the stable Service selects the writer pod by it).
      expect(edgesFrom(g, stable)).toEqual(expect.arrayContaining([
        { to: ext('prod-db.example.com'), kind: 'rollback', label: 'rollback target' },
      ]));
      expect(renderMermaid(g)).toContain(`${stable} -.->|"rollback target"| ${ext('prod-db.example.com')}`);
    });

    test('reads the annotations MigratingDatabase writes', () => {
      expect([PHASE_ANNOTATION, EXTERNAL_TARGET_ANNOTATION, INTERNAL_TARGET_ANNOTATION]).toEqual([
        migrationService.PHASE_ANNOTATION, migrationService.EXTERNAL_TARGET_ANNOTATION, migrationService.INTERNAL_TARGET_ANNOTATION,
      ]);
    });
  });

  test('workloads: uses edges to the Services their env values and args name (resolved with the search path)', () => {
    const chart = chartIn();
    new ExternalDependency(chart, 'database', { externalName: 'db.example.com' });
    new ExternalDependency(chart, 'cache', { externalName: 'cache.example.com' });
    const labels = { app: 'orders' };
    new k8s.KubeDeployment(chart, 'orders', {
      metadata: { name: 'orders' },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [{
              name: 'orders',
              image: 'example/orders:1',
              args: ['--cache=cache:6379', '--other=nowhere:1'],
              env: [{ name: 'DATABASE_HOST', value: 'database.production.svc.cluster.local' }, { name: 'DB_URL', value: 'postgres://database:5432/app' }],
            }],
          },
        },
      },
    });
    const g = graphOf(chart);
    const orders = nodeId('workload', 'Deployment/production/orders');
    expect(edgesFrom(g, orders)).toEqual([
      { to: svc('production', 'cache'), kind: 'uses', label: 'uses orders args' },
      { to: svc('production', 'database'), kind: 'uses', label: 'uses DATABASE_HOST, DB_URL' },
    ].sort((a, b) => (a.to < b.to ? -1 : 1)));
    expect(node(g, orders)).toMatchObject({ kind: 'workload', namespace: 'production', lines: ['Deployment orders'] });
  });

  test('findings on Endpoints, EndpointSlices and workloads go to their Service or workload node', () => {
    const model = ClusterModel.fromObjects([
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'ns' }, spec: { ports: [{ port: 80 }] } },
      { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'api-1', namespace: 'ns', labels: { 'kubernetes.io/service-name': 'api' } }, addressType: 'IPv4', endpoints: [] },
    ]);
    const g = buildGraph(model, {
      findings: [
        { rule: 'a', level: 'error', resource: 'EndpointSlice/ns/api-1', message: 'm' },
        { rule: 'b', level: 'warning', resource: 'Endpoints/ns/api', message: 'm' },
        { rule: 'c', level: 'warning', resource: 'StatefulSet/ns/db', message: 'm' },
      ],
    });
    expect(node(g, svc('ns', 'api'))).toMatchObject({ level: 'error', problems: [{ rule: 'a', level: 'error', message: 'm' }, { rule: 'b', level: 'warning', message: 'm' }] });
    expect(node(g, nodeId('workload', 'StatefulSet/ns/db'))).toMatchObject({ kind: 'workload', level: 'warning', lines: ['StatefulSet db'] });
  });

  test('a finding that stands for kustomize copies of its object goes to the node of each copy', () => {
    const model = ClusterModel.fromObjects(['dev', 'prod'].map((ns) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: ns }, spec: { ports: [{ port: 80 }] } })));
    const g = buildGraph(model, { findings: [{ rule: 'r', level: 'error', resource: 'Service/dev/web', message: 'm', copies: ['Service/prod/web'] }] });
    for (const ns of ['dev', 'prod']) expect(node(g, svc(ns, 'web'))).toMatchObject({ level: 'error', problems: [{ rule: 'r', level: 'error', message: 'm' }] });
  });

  test('findings on objects that are not drawn get an object node; findings on no object are unplaced', () => {
    const model = ClusterModel.fromObjects([]);
    const g = buildGraph(model, {
      findings: [
        { rule: 'r1', level: 'warning', resource: 'ConfigMap/ns/cfg', message: 'm1' },
        { rule: 'r2', level: 'error', resource: 'Checker//r2', message: 'm2' },
        { rule: 'r3', level: 'info', resource: 'ConfigMap/ns/cfg', message: 'ignored' },
      ],
    });
    expect(g.nodes).toEqual([{ id: nodeId('object', 'ConfigMap/ns/cfg'), kind: 'object', namespace: 'ns', lines: ['ConfigMap cfg'], problems: [{ rule: 'r1', level: 'warning', message: 'm1' }], level: 'warning' }]);
    expect(g.unplaced).toEqual([{ rule: 'r2', level: 'error', message: 'm2', resource: 'Checker//r2' }]);
    expect(renderMermaid(g)).toMatch(/\n {2}%% error r2 on Checker\/\/r2\n$/);
  });
});

describe('renderMermaid', () => {
  const objects = [
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'b', namespace: 'x' }, spec: { type: 'ExternalName', externalName: 'b.example.com' } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a', namespace: 'x' }, spec: { type: 'ExternalName', externalName: 'a"<b>#c|d`.example.com' } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'c', namespace: 'w' }, spec: { type: 'ExternalName', externalName: 'b.x.svc.cluster.local' } },
  ];

  test('renders subgraphs per namespace, shaped nodes and labelled edges', () => {
    const text = renderMermaid(buildGraph(ClusterModel.fromObjects(objects)), 'demo');
    expect(text).toMatch(/^---\ntitle: "demo"\n---\nflowchart LR\n {2}subgraph ns_w\["namespace w"\]\n/);
    expect(text).toContain(`    ${svc('x', 'b')}["b.x.svc<br/>ExternalName"]\n`);
    expect(text).toContain(`    ${ext('b.example.com')}(["b.example.com"])\n`);
    expect(text).toContain(`  ${svc('w', 'c')} -->|"CNAME"| ${svc('x', 'b')}\n`);
    expect(text).not.toMatch(/classDef/);
  });

  test('escapes every character that could break the syntax', () => {
    expect(escapeLabel('a"<b>#c|d`&\ne')).toBe('a#quot;#lt;b#gt;#35;c#124;d#96;#38; e');
    const text = renderMermaid(buildGraph(ClusterModel.fromObjects(objects)));
    expect(text).toContain('a#quot;#lt;b#gt;#35;c#124;d#96;.example.com');
    for (const line of text.split('\n').filter((l) => l.includes('["') || l.includes('(["'))) {
      expect(line.match(/"/g)!.length).toBe(2);
    }
  });

  test('is deterministic: the same text whatever the input order', () => {
    const one = renderMermaid(buildGraph(ClusterModel.fromObjects(objects)));
    const two = renderMermaid(buildGraph(ClusterModel.fromObjects([...objects].reverse())));
    expect(two).toBe(one);
  });

  test('node ids derive from names only', () => {
    expect(nodeId('service', 'production/database')).toBe(nodeId('service', 'production/database'));
    expect(nodeId('service', 'production/database')).toMatch(/^svc_production_database_[0-9a-f]{6}$/);
    expect(nodeId('service', 'a-b/c')).not.toBe(nodeId('service', 'a/b-c'));
  });

  test('edges are sorted', () => {
    const g = buildGraph(ClusterModel.fromObjects(objects));
    const keys = g.edges.map((e: GraphEdge) => `${e.from} ${e.to}`);
    expect(keys).toEqual([...keys].sort());
  });

  test('renders a KubeService made with cdk8s like a YAML one', () => {
    const chart = chartIn();
    new k8s.KubeService(chart, 'raw', { metadata: { name: 'raw' }, spec: { type: 'ExternalName', externalName: 'raw.example.com' } });
    expect(edgesFrom(graphOf(chart), svc('production', 'raw'))).toEqual([{ to: ext('raw.example.com'), kind: 'cname', label: 'CNAME' }]);
  });
});

describe('ServiceGraph (jsii facade)', () => {
  test('mermaidOfChart draws a chart like the CLI, with findings unless turned off', () => {
    const chart = chartIn();
    new k8s.KubeService(chart, 'raw', { metadata: { name: 'raw' }, spec: { type: 'ExternalName', externalName: '203.0.113.9' } });
    const withFindings = ServiceGraph.mermaidOfChart(chart, { title: 'prod' });
    expect(withFindings).toMatch(/^---\ntitle: "prod"\n---\nflowchart LR\n/);
    expect(withFindings).toContain('error: externalname-ip');
    expect(ServiceGraph.mermaidOfChart(chart, { highlightFindings: false })).not.toContain('externalname-ip');
  });

  test('mermaid draws plain objects and applies the ExternalName policy option', () => {
    const objects = [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'pay' }, spec: { type: 'ExternalName', externalName: 'api.stripe.com' } }];
    expect(ServiceGraph.mermaid(objects)).not.toMatch(/classDef/);
    expect(ServiceGraph.mermaid(objects, { externalNamePolicy: { allowedExternalSuffixes: ['example.com'] } })).toContain('error: externalname-policy');
  });

  test('mermaid applies the complete option', () => {
    const objects = [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'q' }, spec: { type: 'ExternalName', externalName: 'mq.messaging.svc.cluster.local' } }];
    expect(ServiceGraph.mermaid(objects)).not.toMatch(/externalname-target-missing/);
    expect(ServiceGraph.mermaid(objects, { complete: true })).toContain('error: externalname-target-missing');
  });
});

describe('workloads beyond the built-in kinds (model/workload-kinds.ts, as the checker reads them)', () => {
  const labels = { app: 'checkout' };
  /** Env values naming the Service cart (a uses edge) and one the input lacks (a workload-name-unresolved finding). */
  const env = [{ name: 'CART', value: 'http://cart.shop.svc.cluster.local' }, { name: 'PAYMENTS', value: 'http://payments.shop.svc.cluster.local' }];
  const template = { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'example/checkout:1', env }] } };
  const meta = { name: 'checkout', namespace: 'shop' };
  const services = [
    { apiVersion: 'v1', kind: 'Service', metadata: meta, spec: { selector: labels, ports: [{ port: 80 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'cart', namespace: 'shop' }, spec: { type: 'ExternalName', externalName: 'cart.example.com' } },
  ];

  test.each<[string, any]>([
    ['an Argo Rollouts Rollout', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: meta, spec: { replicas: 2, template, strategy: { canary: {} } } }],
    ['an OpenShift DeploymentConfig', { apiVersion: 'apps.openshift.io/v1', kind: 'DeploymentConfig', metadata: meta, spec: { replicas: 2, template } }],
    ['a prometheus-operator Prometheus', {
      apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: meta, spec: { replicas: 2, podMetadata: { labels }, containers: [{ name: 'prometheus', env }] },
    }],
    ['an OpenKruise CloneSet (a pod-shaped spec.template)', { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', metadata: meta, spec: { replicas: 2, template } }],
  ])('%s is one workload node: the ClusterIP edge to it, its uses edge and its findings', (_, workload) => {
    // GIVEN the workload and a ClusterIP Service selecting its pods
    const model = ClusterModel.fromObjects([workload, ...services]);
    // WHEN the graph is drawn with the checker's findings
    const g = buildGraph(model, { findings: check(model).findings });
    // THEN the Service's edge, the uses edge and the findings are all on one workload node; no object node
    const wl = nodeId('workload', `${workload.kind}/shop/checkout`);
    expect(edgesFrom(g, svc('shop', 'checkout'))).toEqual([{ to: wl, kind: 'cluster-ip', label: 'ClusterIP :80' }]);
    expect(edgesFrom(g, wl)).toEqual([{ to: svc('shop', 'cart'), kind: 'uses', label: 'uses CART' }]);
    expect(node(g, wl)).toMatchObject({ kind: 'workload', lines: [`${workload.kind} checkout`], problems: [expect.objectContaining({ rule: 'workload-name-unresolved' })] });
    expect(g.nodes.filter((n) => n.kind === 'object')).toEqual([]);
  });
});
