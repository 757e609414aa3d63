import * as path from 'path';
import { check } from '../../../src/checks/engine';
import * as entryBackends from '../../../src/checks/lib/entry-backends';
import { monitoredHeadlessKeys, readMonitors, selectedServices } from '../../../src/checks/lib/monitors';
import { podMonitorPortMissing } from '../../../src/checks/rules/podmonitor-port-missing';
import { podMonitorSelectsNothing } from '../../../src/checks/rules/podmonitor-selects-nothing';
import { serviceMonitorPortMissing } from '../../../src/checks/rules/servicemonitor-port-missing';
import { serviceMonitorSelectsNothing } from '../../../src/checks/rules/servicemonitor-selects-nothing';
import { ClusterModel } from '../../../src/model/cluster-model';
import { tempDirEach, writeTree } from '../../model/file-tree';
import { checkFolder, contextOf, deployment, run, runAll, service } from '../builders';
import { helmRelease } from '../openshift';

type Obj = { [key: string]: any };

/** A ServiceMonitor in `default` with one endpoint per port name. */
function serviceMonitor(name: string, selector: Obj | undefined, ports: string[] = ['metrics'], spec: Obj = {}, namespace = 'default'): Obj {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name, namespace },
    spec: { selector, endpoints: ports.map((port) => ({ port, interval: '30s' })), ...spec },
  };
}

function podMonitor(name: string, selector: Obj | undefined, ports: string[] = ['metrics'], spec: Obj = {}, namespace = 'default'): Obj {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: { name, namespace },
    spec: { selector, podMetricsEndpoints: ports.map((port) => ({ port })), ...spec },
  };
}

/** Service "api" (labels app=api, team=core) with a port named "metrics". */
function api(namespace = 'default', ports: Obj[] = [{ name: 'http', port: 80 }, { name: 'metrics', port: 9090 }]): Obj {
  return service('api', { ports }, { namespace, labels: { app: 'api', team: 'core' } });
}

const byApp = (app: string) => ({ matchLabels: { app } });

describe('servicemonitor-selects-nothing', () => {
  test.each([
    ['a selector that keeps a Service', [api(), serviceMonitor('api', byApp('api'))]],
    ['a matchExpressions In', [api(), serviceMonitor('api', { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] })]],
    ['a matchLabels value read as a regex', [api(), serviceMonitor('api', { matchLabels: { app: 'api|web' } })]],
    ['a key with other punctuation (Prometheus sanitizes keys)', [service('x', {}, { labels: { 'app.kubernetes.io/name': 'x' } }), serviceMonitor('x', { matchLabels: { 'app_kubernetes_io/name': 'x' } })]],
    ['an unknown operator (no relabeling)', [api(), serviceMonitor('api', { matchLabels: { app: 'api' }, matchExpressions: [{ key: 'app', operator: 'Nope' }] })]],
    ['an empty selector', [api(), serviceMonitor('all', {})]],
    ['only negative terms (the kubelet Service prometheus-operator may keep there matches)', [api(), serviceMonitor('x', { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] })]],
    ['a namespace the run does not judge', [api(), serviceMonitor('x', byApp('x'), ['metrics'], { namespaceSelector: { matchNames: ['payments'] } })]],
    ['a ServiceMonitor alone in its namespace', [serviceMonitor('x', byApp('x'), ['metrics'], {}, 'monitoring')]],
    ['any: true without --complete', [api(), serviceMonitor('x', byApp('x'), ['metrics'], { namespaceSelector: { any: true } })]],
    ['kube-system without --complete', [api('kube-system'), serviceMonitor('sched', byApp('kube-scheduler'), ['https-metrics'], { namespaceSelector: { matchNames: ['kube-system'] } })]],
    ['a chart release into the namespace', [api(), helmRelease('redis'), serviceMonitor('redis', byApp('redis'))]],
    ['a custom resource that may make Services', [api(), { apiVersion: 'kafka.strimzi.io/v1beta2', kind: 'Kafka', metadata: { name: 'k' }, spec: {} }, serviceMonitor('kafka', byApp('kafka'))]],
    ['a Flux placeholder', [api(), serviceMonitor('x', byApp('${APP}'))]],
    ['the kubernetes Service of default', [api(), serviceMonitor('apiserver', { matchLabels: { component: 'apiserver', provider: 'kubernetes' } }, ['https'])]],
    ['prometheus-operator\'s kubelet Service', [api(), serviceMonitor('kubelet', { matchLabels: { 'app.kubernetes.io/name': 'kubelet' } }, ['https-metrics'])]],
    ['the governing Service beside a Prometheus', [api(), { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'k8s' }, spec: {} }, serviceMonitor('operated', { matchLabels: { 'operated-prometheus': 'true' } }, ['web'])]],
    ['a ServiceMonitor of another group', [api(), { ...serviceMonitor('x', byApp('x')), apiVersion: 'azmonitoring.coreos.com/v1' }]],
    ['a NotIn pattern JavaScript does not read (RE2\'s (?i): web is kept)', [service('web', {}, { labels: { app: 'web', team: 'core' } }), serviceMonitor('x', { matchLabels: { team: 'core' }, matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['(?i)api'] }] })]],
    ['a catastrophic matchLabels pattern against a long label value (not run)', [service('a', {}, { labels: { app: `${'a'.repeat(40)}c` } }), serviceMonitor('a', { matchLabels: { app: '(a+)+b' } })]],
  ] as [string, Obj[]][])('reports nothing for %s', (_case, objects) => {
    expect(run(serviceMonitorSelectsNothing, objects)).toEqual([]);
  });

  const findings: [string, Obj[], boolean, string, RegExp][] = [
    ['a selector that keeps no Service', [api(), serviceMonitor('web', byApp('web'))], false, 'ServiceMonitor/default/web',
      /^ServiceMonitor "web" selects no Service: no Service of namespace "default" has labels matching spec\.selector \(app=web\), so Prometheus discovers no target from it and its metrics never appear\. Fix: /],
    ['a regex value that keeps none', [api(), serviceMonitor('web', { matchLabels: { app: 'ap' } })], false, 'ServiceMonitor/default/web', /spec\.selector \(app=ap\)/],
    ['a dotted value read as a regex that keeps none', [api(), serviceMonitor('web', { matchLabels: { app: 'w.b|a.i.' } })], false, 'ServiceMonitor/default/web', /spec\.selector \(app=w\.b\|a\.i\.\)/],
    ['a NotIn that drops the only Service', [api(), serviceMonitor('web', { matchLabels: { app: 'api' }, matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['core'] }] })], false, 'ServiceMonitor/default/web', /spec\.selector \(app=api,team notin \(core\)\)/],
    ['a DoesNotExist', [api(), serviceMonitor('web', { matchExpressions: [{ key: 'app', operator: 'Exists' }, { key: 'team', operator: 'DoesNotExist' }] })], false, 'ServiceMonitor/default/web', /\(app,!team\)/],
    ['the Service in a namespace the selector does not read', [api('prod'), deployment('w'), serviceMonitor('api', byApp('api'))], false, 'ServiceMonitor/default/api',
      /no Service of namespace "default" .* Service "api" of namespace "prod" matches: list its namespace in spec\.namespaceSelector\.matchNames\./],
    ['matchNames of judged namespaces', [api('prod'), api('qa'), serviceMonitor('web', byApp('web'), ['metrics'], { namespaceSelector: { matchNames: ['prod', 'qa'] } })], false, 'ServiceMonitor/default/web',
      /no Service of namespaces "prod", "qa" has labels/],
    ['any: true with --complete', [api(), serviceMonitor('web', byApp('web'), ['metrics'], { namespaceSelector: { any: true } })], true, 'ServiceMonitor/default/web', /no Service of any namespace/],
    ['kube-system with --complete', [api(), serviceMonitor('sched', byApp('kube-scheduler'), ['https-metrics'], { namespaceSelector: { matchNames: ['kube-system'] } })], true, 'ServiceMonitor/default/sched', /namespace "kube-system"/],
    ['a custom resource of an inert group beside it', [api(), { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c' }, spec: {} }, serviceMonitor('web', byApp('web'))], false, 'ServiceMonitor/default/web', /selects no Service/],
  ];
  test.each(findings)('reports %s', (_case, objects, complete, resource, message) => {
    const out = run(serviceMonitorSelectsNothing, objects, {}, complete);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ rule: 'servicemonitor-selects-nothing', level: 'warning', resource });
    expect(out[0].message).toMatch(message);
  });
});

describe('servicemonitor-port-missing', () => {
  test.each([
    ['a port the Service names', [api(), serviceMonitor('api', byApp('api'), ['metrics'])]],
    ['a port regex', [api(), serviceMonitor('api', byApp('api'), ['metr.*'])]],
    ['an endpoint without port (every port)', [api(), serviceMonitor('api', byApp('api'), [])]],
    ['a targetPort (not judged)', [api(), { ...serviceMonitor('api', byApp('api'), []), spec: { selector: byApp('api'), endpoints: [{ targetPort: 9999 }] } }]],
    ['a selectorless Service (its Endpoints are written elsewhere)', [api(), service('ext', { selector: undefined, ports: [{ name: 'http', port: 80 }] }, { labels: { app: 'ext' } }), serviceMonitor('ext', byApp('ext'))]],
    ['one of two selected Services has the port', [api(), service('web', { ports: [{ name: 'http', port: 80 }] }, { labels: { team: 'core' } }), serviceMonitor('core', { matchLabels: { team: 'core' } })]],
    ['a selector that keeps nothing (the other rule)', [api(), serviceMonitor('web', byApp('web'), ['nope'])]],
    ['a namespace the run does not judge', [api(), serviceMonitor('x', byApp('api'), ['nope'], { namespaceSelector: { matchNames: ['payments'] } })]],
    ['a Flux placeholder port', [api(), serviceMonitor('api', byApp('api'), ['${PORT}'])]],
    ['a catastrophic port pattern against a long port name (not run)', [api('default', [{ name: `${'a'.repeat(40)}c`, port: 80 }]), serviceMonitor('api', byApp('api'), ['(a+)+b'])]],
  ] as [string, Obj[]][])('reports nothing for %s', (_case, objects) => {
    expect(run(serviceMonitorPortMissing, objects)).toEqual([]);
  });

  test.each([
    ['a container port name', [api(), serviceMonitor('api', byApp('api'), ['prom'])], /^ServiceMonitor "api" spec\.endpoints\[0\]\.port "prom" names no port of the Services it selects \(Service "api" of namespace "default": ports "http", "metrics"\), so Prometheus keeps no target for this endpoint and its metrics never appear\. Fix: set spec\.endpoints\[0\]\.port to the name of the Service port that serves the metrics, or name that Service port "prom"\.$/],
    ['a number', [api(), serviceMonitor('api', byApp('api'), ['metrics', '9090'])], /spec\.endpoints\[1\]\.port "9090" names no port .* A number does not name a port/],
    ['an unnamed Service port', [service('one', { ports: [{ port: 80 }] }, { labels: { app: 'one' } }), serviceMonitor('one', byApp('one'))], /Service "one" of namespace "default": ports \(unnamed\)/],
    ['a Service of 30 ports: 20 named, the rest counted', [api('default', Array.from({ length: 30 }, (_, i) => ({ name: `p${i}`, port: 1000 + i }))), serviceMonitor('api', byApp('api'))],
      /\(Service "api" of namespace "default": ports "p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11", "p12", "p13", "p14", "p15", "p16", "p17", "p18", "p19" and 10 more\), so/],
    ['an ExternalName Service', [api(), service('ext', { type: 'ExternalName', externalName: 'db.example.com', selector: undefined, ports: undefined }, { labels: { app: 'ext' } }), serviceMonitor('ext', byApp('ext'))], /Service "ext" of namespace "default": no ports/],
  ] as [string, Obj[], RegExp][])('reports %s', (_case, objects, message) => {
    const out = run(serviceMonitorPortMissing, objects);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ rule: 'servicemonitor-port-missing', level: 'warning' });
    expect(out[0].message).toMatch(message);
  });
});

describe('podmonitor-selects-nothing and podmonitor-port-missing', () => {
  const app = deployment('app', { app: 'app' }, [{ name: 'metrics', containerPort: 9090 }, { containerPort: 8080 }]);
  test.each([
    ['a selector that keeps a pod template and a named port', podMonitorSelectsNothing, [app, podMonitor('app', byApp('app'))]],
    ['the port rule for the same', podMonitorPortMissing, [app, podMonitor('app', byApp('app'))]],
    ['an init container\'s port', podMonitorPortMissing, [deployment('i', { app: 'i' }, [], { }, {}), podMonitor('i', byApp('i'), ['main'])].map((o, n) => (n === 0
      ? { ...o, spec: { ...o.spec, template: { ...o.spec.template, spec: { ...o.spec.template.spec, initContainers: [{ name: 'x', image: 'x', ports: [{ name: 'main', containerPort: 1 }] }] } } } } : o))],
    ['a namespace the run does not judge', podMonitorSelectsNothing, [app, podMonitor('x', byApp('x'), ['metrics'], { namespaceSelector: { matchNames: ['metallb-system'] } })]],
    ['a custom resource that may make pods', podMonitorSelectsNothing, [app, { apiVersion: 'kafka.strimzi.io/v1beta2', kind: 'Kafka', metadata: { name: 'k' }, spec: {} }, podMonitor('kafka', { matchLabels: { 'strimzi.io/kind': 'Kafka' } })]],
    ['the pods of a Prometheus', podMonitorSelectsNothing, [app, { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'k8s' }, spec: {} }, podMonitor('prom', { matchLabels: { prometheus: 'k8s' } }, ['web'])]],
  ] as [string, any, Obj[]][])('reports nothing for %s', (_case, rule, objects) => {
    expect(run(rule, objects)).toEqual([]);
  });

  test('reports a PodMonitor that selects no pod', () => {
    const out = run(podMonitorSelectsNothing, [app, podMonitor('web', byApp('web'))]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ rule: 'podmonitor-selects-nothing', level: 'warning', resource: 'PodMonitor/default/web' });
    expect(out[0].message).toMatch(/^PodMonitor "web" selects no pod: no pod template of namespace "default" has labels matching spec\.selector \(app=web\), so Prometheus discovers no target from it/);
  });

  test('reports a PodMonitor port that no container port names', () => {
    const out = run(podMonitorPortMissing, [app, podMonitor('app', byApp('app'), ['http-metrics'])]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ rule: 'podmonitor-port-missing', level: 'warning', resource: 'PodMonitor/default/app' });
    expect(out[0].message).toMatch(/^PodMonitor "app" spec\.podMetricsEndpoints\[0\]\.port "http-metrics" names no container port of the pods it selects \(Deployment "app" of namespace "default": container ports "metrics"\), so Prometheus keeps no target/);
  });

  test('names 20 container ports of a selected pod template, then counts the rest', () => {
    const wide = deployment('wide', { app: 'wide' }, Array.from({ length: 25 }, (_, i) => ({ name: `p${i}`, containerPort: 1000 + i })));
    const out = run(podMonitorPortMissing, [wide, podMonitor('wide', byApp('wide'), ['nope'])]);
    expect(out.map((f) => f.message)).toEqual([expect.stringMatching(/\(Deployment "wide" of namespace "default": container ports "p0", "p1", .*, "p19" and 5 more\), so/)]);
  });
});

describe('the monitor rules\' cost', () => {
  test('the four rules read the objects a few times per run, not once per monitor and namespace read', () => {
    const namespaces = Array.from({ length: 30 }, (_, i) => `team-${i}`);
    const objects = [
      ...namespaces.map((ns) => api(ns)),
      ...Array.from({ length: 10 }, (_, i) => serviceMonitor(`m${i}`, byApp('web'), ['metrics'], { namespaceSelector: { matchNames: namespaces } })),
      ...Array.from({ length: 10 }, (_, i) => podMonitor(`p${i}`, byApp('web'), ['metrics'], { namespaceSelector: { matchNames: namespaces } })),
    ];
    const model = ClusterModel.fromObjects(objects);
    let reads = 0;
    const counted = new Proxy(model.objects, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    Object.defineProperty(model, 'objects', { value: counted });
    const rules = [serviceMonitorSelectsNothing, serviceMonitorPortMissing, podMonitorSelectsNothing, podMonitorPortMissing];
    const findings = check(model, { rules }).findings;
    expect(findings.filter((f) => f.rule === 'servicemonitor-selects-nothing')).toHaveLength(10);
    expect(reads).toBeLessThan(8 * objects.length);
  });
});

/**
 * A base Deployment without ports and a PodMonitor for its `metrics` port, which the overlay's strategic-merge patch
 * adds: `kubectl kustomize overlay` (v5.5.0) gives the container the port, and checking that output finds nothing; the
 * checker does not apply patches, so reading the folder must not report a warning the build has not.
 */
describe('podmonitor-port-missing on a kustomize tree whose patch adds the port', () => {
  let dir: string;
  tempDirEach('cdk8s-dns-kpodmon-', (d) => { dir = d; });

  const TREE = {
    'base/kustomization.yaml': 'resources: [manager.yaml]\n',
    'base/manager.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: manager}\nspec:\n  selector: {matchLabels: {app: m}}\n'
      + '  template:\n    metadata: {labels: {app: m}}\n    spec: {containers: [{name: manager, image: m}]}\n---\n'
      + 'apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata: {name: manager}\nspec:\n  selector: {matchLabels: {app: m}}\n'
      + '  podMetricsEndpoints: [{port: metrics}]\n',
    'overlay/ports.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: manager}\nspec:\n  template:\n    spec:\n'
      + '      containers: [{name: manager, ports: [{name: metrics, containerPort: 8080}]}]\n',
  };
  const findings = () => {
    return checkFolder(dir, [podMonitorPortMissing]);
  };
  const CAUSE = 'PodMonitor "manager" spec.podMetricsEndpoints[0].port "metrics" names no container port of the pods it selects (Deployment "manager" of namespace "default": no named container port)';

  test('a build with a patch: not judged, an info naming the kustomization and the build to check', () => {
    writeTree(dir, { ...TREE, 'overlay/kustomization.yaml': 'resources: [../base]\npatches:\n- path: ports.yaml\n' });
    const found = findings();
    expect(found).toEqual([expect.objectContaining({ level: 'info', resource: 'PodMonitor/default/manager' })]);
    expect(found[0].message).toBe(`${CAUSE} as written. Not judged: ${path.join(dir, 'overlay', 'kustomization.yaml')} has patches, which may add the port to Deployment "manager" and which the checker does not apply. `
      + `Fix: none if the build's output declares it (check it: kustomize build ${path.join(dir, 'overlay')} | cdk8s-dns check -f -); otherwise set spec.podMetricsEndpoints[0].port to the name of the container port that serves the metrics, or name that container port "metrics".`);
  });

  test('reports the warning for the same build without a patch (kubectl kustomize gives a container without the port)', () => {
    writeTree(dir, { ...TREE, 'overlay/kustomization.yaml': 'resources: [../base]\n' });
    const found = findings();
    expect(found).toEqual([expect.objectContaining({ level: 'warning', resource: 'PodMonitor/default/manager' })]);
    expect(found[0].message).toBe(`${CAUSE}, so Prometheus keeps no target for this endpoint and its metrics never appear. `
      + 'Fix: set spec.podMetricsEndpoints[0].port to the name of the container port that serves the metrics, or name that container port "metrics".');
  });
});

describe('monitor port rules on a monitor of many endpoints', () => {
  // a monitor of many endpoints whose ports the Services lack: the first 100 findings and the fold are built (fold.ts)
  test.each([
    ['ServiceMonitor', serviceMonitorPortMissing, () => [api(), serviceMonitor('web', { matchLabels: { app: 'api' } }, Array.from({ length: 1000 }, (_, i) => `m${i}`))]],
    ['PodMonitor', podMonitorPortMissing, () => [deployment('api', { app: 'api' }, [{ name: 'http', containerPort: 8080 }]), podMonitor('web', { matchLabels: { app: 'api' } }, Array.from({ length: 1000 }, (_, i) => `m${i}`))]],
  ] as const)('builds only the findings it lists for a %s of 1,000 endpoints with missing ports', (_case, rule, objects) => {
    const texts = jest.spyOn(entryBackends, 'listed');
    try {
      const found = run(rule, objects());
      expect(found).toHaveLength(101);
      expect(texts).toHaveBeenCalledTimes(101); // one list of the selected object's ports per finding built
      expect(found.filter((f) => f.folded !== undefined)).toEqual([expect.objectContaining({ level: 'warning', folded: 900 })]);
      expect(runAll(rule, objects())).toHaveLength(1000);
    } finally {
      texts.mockRestore();
    }
  });
});

describe('what ServiceMonitors select, read once per run', () => {
  test('gives the same Services to each asker of a run and the headless ones once (two rules and the entry points ask)', () => {
    // GIVEN a headless Service and a ServiceMonitor that selects it
    const headless = service('api', { clusterIP: 'None', selector: { app: 'api' }, ports: [{ name: 'http', port: 80 }] }, { labels: { app: 'api' } });
    const ctx = contextOf(ClusterModel.fromObjects([headless, serviceMonitor('web', { matchLabels: { app: 'api' } }, ['http'])]));
    const [m] = readMonitors(ctx, 'ServiceMonitor');
    // THEN a second ask is answered from the first, with the same Services
    const first = selectedServices(ctx, m);
    expect(first.map((s) => `${s.namespace}/${s.name}`)).toEqual(['default/api']);
    expect(selectedServices(ctx, m)).toBe(first);
    expect([...monitoredHeadlessKeys(ctx)]).toEqual(['default/api']);
    expect(monitoredHeadlessKeys(ctx)).toBe(monitoredHeadlessKeys(ctx));
  });
});
