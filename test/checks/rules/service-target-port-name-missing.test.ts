import * as path from 'path';
import { check } from '../../../src/checks/engine';
import * as targetPorts from '../../../src/checks/lib/target-ports';
import { serviceTargetPortNameMissing } from '../../../src/checks/rules/service-target-port-name-missing';
import { ClusterModel } from '../../../src/model/cluster-model';
import { loadManifests } from '../../../src/model/load';
import { cpuClock } from '../../cpu-clock';
import { tempDirEach, writeTree } from '../../model/file-tree';
import { checkFolder, deployment, messages, run, runAll, service } from '../builders';

describe('service-target-port-name-missing', () => {
  // a Service of many named targetPorts against a pod of many ports: the first 100 findings and the fold are built, each
  // listing 20 of the pod's ports (a message per port that listed them all is what ran service-target-port-undeclared out of heap)
  test('builds only the findings it lists for a Service of 3,000 named targetPorts against a pod of 2,000 ports', () => {
    const objs = [
      service('web', { ports: Array.from({ length: 3000 }, (_, i) => ({ name: `p${i}`, port: i + 1, targetPort: `t${i}` })) }),
      deployment('web', { app: 'web' }, Array.from({ length: 2000 }, (_, i) => ({ name: `c${i}`, containerPort: i + 1 }))),
    ];
    const texts = jest.spyOn(targetPorts, 'declaredText');
    try {
      const found = run(serviceTargetPortNameMissing, objs);
      expect(found).toHaveLength(101);
      expect(texts).toHaveBeenCalledTimes(101);
      expect(found[0].message).toMatch(/declares no container port named "t0" \(declared: 1\/TCP \(c0\), .*, 20\/TCP \(c19\) and 1980 more\)/);
      expect(found[100]).toEqual(expect.objectContaining({ level: 'error', folded: 2900 }));
      expect(runAll(serviceTargetPortNameMissing, objs)).toHaveLength(3000);
    } finally {
      texts.mockRestore();
    }
  });

  describe('a headless Service (the Temporal chart\'s temporal-worker-headless names rpc, which its worker pods do not declare)', () => {
    const headless = service('worker-headless', { clusterIP: 'None', ports: [{ name: 'grpc-rpc', port: 7239, targetPort: 'rpc' }, { name: 'metrics', port: 9090, targetPort: 'metrics' }] });
    const worker = deployment('worker', { app: 'worker' }, [{ containerPort: 9090, name: 'metrics' }]);
    // service() selects app=<its name>: the worker's pods are app=worker
    headless.spec.selector = { app: 'worker' };

    test('reports an info when no Ingress, route or ServiceMonitor of the input uses it: clients reach the pods on the port they dial', () => {
      const found = run(serviceTargetPortNameMissing, [headless, worker]);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ level: 'info', resource: 'Service/default/worker-headless' });
      expect(found[0].message).toMatch(/^Service "worker-headless" port "grpc-rpc" \(7239\) has targetPort "rpc", but Deployment "worker" declares no container port named "rpc" \(declared: 9090\/TCP \(metrics\)\), so its endpoints list no port for it\. Service "worker-headless" is headless, so kube-proxy does not route it .*only an Ingress, Gateway API route, mesh or ServiceMonitor that picks endpoints by Service port, or a lookup of this port's SRV record, finds none\. Fix: /);
    });

    test('reports an error when an Ingress of the input sends traffic to it', () => {
      const ingress = {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'w', namespace: 'default' },
        spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'worker-headless', port: { name: 'grpc-rpc' } } } }] } }] },
      };
      const found = run(serviceTargetPortNameMissing, [headless, worker, ingress]);
      expect(found).toEqual([expect.objectContaining({ level: 'error', message: expect.stringMatching(/so its pods get no traffic on this port/) })]);
    });

    test.each<[string, object, string]>([
      ['in its namespace', {}, 'default'],
      ['in another namespace that reads it (namespaceSelector.matchNames)', { namespaceSelector: { matchNames: ['default'] } }, 'monitoring'],
      ['that reads every namespace (namespaceSelector.any)', { namespaceSelector: { any: true } }, 'monitoring'],
    ])('reports an error when a ServiceMonitor %s selects it: prometheus-operator keeps the targets by endpoint port name, and the port has none', (_, spec, namespace) => {
      const labelled = { ...headless, metadata: { ...headless.metadata, labels: { app: 'worker' } } };
      const monitor = {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata: { name: 'worker', namespace },
        spec: { selector: { matchLabels: { app: 'worker' } }, endpoints: [{ port: 'grpc-rpc' }], ...spec },
      };
      expect(run(serviceTargetPortNameMissing, [labelled, worker, monitor]))
        .toEqual([expect.objectContaining({ level: 'error', message: expect.stringMatching(/^Service "worker-headless" port "grpc-rpc" \(7239\) has targetPort "rpc", .*so its pods get no traffic on this port\. Fix:/) })]);
      // a ServiceMonitor that selects other Services leaves it an info
      const other = { ...monitor, spec: { ...monitor.spec, selector: { matchLabels: { app: 'api' } } } };
      expect(run(serviceTargetPortNameMissing, [labelled, worker, other])).toEqual([expect.objectContaining({ level: 'info' })]);
    });

    test('1,500 headless Services and 1,500 ServiceMonitors of every namespace that each select one: every pair is tested in bounded time', () => {
      // GIVEN Services that each lack the pod port they name, and one ServiceMonitor per Service (a pair per Service and monitor)
      const n = 1500;
      const objects: object[] = [worker];
      for (let i = 0; i < n; i++) {
        objects.push(service(`h${i}`, { clusterIP: 'None', selector: { app: 'worker' }, ports: [{ name: 'm', port: 9, targetPort: 'rpc' }] }, { labels: { 'app.kubernetes.io/instance': `h${i}` } }));
        objects.push({
          apiVersion: 'monitoring.coreos.com/v1',
          kind: 'ServiceMonitor',
          metadata: { name: `m${i}`, namespace: 'monitoring' },
          spec: { selector: { matchExpressions: [{ key: 'app.kubernetes.io/instance', operator: 'In', values: [`h${i}`] }] }, namespaceSelector: { any: true }, endpoints: [{ port: 'm' }] },
        });
      }
      const cpuMs = cpuClock();
      const found = runAll(serviceTargetPortNameMissing, objects);
      // THEN each stays an error (its monitor selects it), within a bound
      expect(found).toHaveLength(n);
      expect(found.every((f) => f.level === 'error')).toBe(true);
      expect(cpuMs()).toBeLessThan(10_000);
    });
  });

  test('reports nothing when the container declares the named port', () => {
    expect(run(serviceTargetPortNameMissing, [
      service('web', { ports: [{ port: 80, targetPort: 'http' }] }),
      deployment('web', { app: 'web' }, [{ containerPort: 8080, name: 'http' }]),
    ])).toEqual([]);
  });

  test('reports when no container port has the name', () => {
    const found = run(serviceTargetPortNameMissing, [
      service('web', { ports: [{ port: 80, targetPort: 'http' }] }),
      deployment('web', { app: 'web' }, [{ containerPort: 8080, name: 'web' }]),
    ]);
    expect(found[0]).toMatchObject({ level: 'error', resource: 'Service/default/web' });
    expect(found[0].message).toMatch(/targetPort "http", but Deployment "web" declares no container port named "http" \(declared: 8080\/TCP \(web\)\).*Fix: add a container port named "http"/);
  });

  // the shape of a chart's rendered output (opentelemetry-operator's tests/test-service-connection.yaml): a test Pod with
  // the release's labels and no ports beside the Deployment that declares them
  const testPod = (hook: string) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-test', namespace: 'default', labels: { app: 'web' }, annotations: { 'helm.sh/hook': hook } },
    spec: { restartPolicy: 'Never', containers: [{ name: 'wget', image: 'busybox:1', command: ['wget', 'web:80'] }] },
  });

  test.each(['test', 'test-success', 'test-failure', 'test, test-success'])('reports nothing for a Helm test Pod (hook %s) that the Service selects', (hook) => {
    expect(run(serviceTargetPortNameMissing, [
      service('web', { ports: [{ port: 80, targetPort: 'http' }] }),
      deployment('web', { app: 'web' }, [{ containerPort: 8080, name: 'http' }]),
      testPod(hook),
    ])).toEqual([]);
  });

  test.each(['post-install', 'test,post-install'])('reports a Pod of another Helm hook (%s): it may run while the Service does', (hook) => {
    const found = run(serviceTargetPortNameMissing, [
      service('web', { ports: [{ port: 80, targetPort: 'http' }] }),
      deployment('web', { app: 'web' }, [{ containerPort: 8080, name: 'http' }]),
      testPod(hook),
    ]);
    expect(found.map((f) => [f.level, f.message.match(/but (\w+ "[^"]+")/)?.[1]])).toEqual([['error', 'Pod "web-test"']]);
  });

  test('reports when the named port has another protocol', () => {
    const msgs = messages(serviceTargetPortNameMissing, [
      service('dns', { ports: [{ port: 53, targetPort: 'dns', protocol: 'UDP' }] }),
      deployment('dns', { app: 'dns' }, [{ containerPort: 53, name: 'dns', protocol: 'TCP' }]),
    ]);
    expect(msgs[0]).toMatch(/declares "dns" only for TCP, not UDP/);
  });

  test('looks at the ports of every container, and lists them all', () => {
    const twoContainers = (ports: object[][]) => {
      const d = deployment('web', { app: 'web' }, ports[0]);
      d.spec.template.spec.containers.push({ name: 'sidecar', image: 'example/proxy:1', ports: ports[1] });
      return d;
    };
    const svc = service('web', { ports: [{ name: 'a', port: 80, targetPort: 'http' }, { name: 'b', port: 81, targetPort: 8081 }] });
    expect(run(serviceTargetPortNameMissing, [svc, twoContainers([[{ containerPort: 8081 }], [{ containerPort: 8080, name: 'http' }]])])).toEqual([]);
    const msgs = messages(serviceTargetPortNameMissing, [svc, twoContainers([[{ containerPort: 8081 }], [{ containerPort: 9090, name: 'admin' }]])]);
    expect(msgs).toEqual([expect.stringMatching(/port "a" \(80\) has targetPort "http", but Deployment "web" declares no container port named "http" \(declared: 8081\/TCP, 9090\/TCP \(admin\)\)/)]);
  });

  test('judges only selected pods: nothing for a Service that selects no pod next to a workload without the name', () => {
    // external-dns tutorials: a Service for pods of another manifest, next to a Deployment with the same label key
    expect(run(serviceTargetPortNameMissing, [
      service('nginx', { selector: { app: 'nginx' }, ports: [{ port: 80, targetPort: 'http' }] }),
      deployment('external-dns', { app: 'external-dns' }, [{ containerPort: 7979, name: 'metrics' }]),
    ])).toEqual([]);
  });

  test('reports nothing for a Service with only numeric targetPorts', () => {
    expect(run(serviceTargetPortNameMissing, [service('web', { ports: [{ port: 80, targetPort: 8080 }] }), deployment('web')])).toEqual([]);
  });
});

/**
 * The shape of kubebuilder's go/v3 and go/v4 scaffold (config/default, before v4.1): the metrics Service's targetPort
 * `https` names the port of the kube-rbac-proxy sidecar that config/default's patch adds to the manager Deployment,
 * which declares no port as written. `kubectl kustomize default` (v5.5.0) gives a Deployment with the sidecar and its
 * `https` port, and checking that output finds nothing; the checker does not apply patches, so reading the folder must
 * not report an error that the build does not have.
 */
describe('service-target-port-name-missing on a kustomize tree whose patch adds the port', () => {
  let dir: string;
  tempDirEach('cdk8s-dns-kport-', (d) => { dir = d; });

  const TREE = {
    'manager/kustomization.yaml': 'resources: [manager.yaml]\n',
    'manager/manager.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: controller, namespace: system}\nspec:\n'
      + '  selector: {matchLabels: {app: ctl}}\n  template:\n    metadata: {labels: {app: ctl}}\n    spec: {containers: [{name: manager, image: ctl}]}\n',
    'rbac/kustomization.yaml': 'resources: [metrics.yaml]\n',
    'rbac/metrics.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: metrics, namespace: system}\nspec:\n  selector: {app: ctl}\n'
      + '  ports: [{name: https, port: 8443, targetPort: https}]\n',
    'default/proxy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: controller, namespace: system}\nspec:\n  template:\n    spec:\n'
      + '      containers: [{name: proxy, image: proxy, ports: [{name: https, containerPort: 8443}]}]\n',
  };
  const findings = () => {
    return checkFolder(dir, [serviceTargetPortNameMissing]);
  };

  test('a build with a patch: not judged, an info naming the kustomization and the build to check', () => {
    writeTree(dir, { ...TREE, 'default/kustomization.yaml': 'namespace: ctl-system\nnamePrefix: ctl-\nresources: [../manager, ../rbac]\npatches:\n- path: proxy.yaml\n' });
    const found = findings();
    expect(found).toEqual([expect.objectContaining({ level: 'info', resource: 'Service/ctl-system/ctl-metrics' })]);
    const kustomization = path.join(dir, 'default', 'kustomization.yaml');
    expect(found[0].message).toBe(`Service "ctl-metrics" port "https" (8443) has targetPort "https", but Deployment "ctl-controller" declares no container port named "https" (declared: none) as written. Not judged: ${kustomization} has patches, which may add the port to Deployment "ctl-controller" and which the checker does not apply. Fix: none if the build's output declares it (check it: kustomize build ${path.join(dir, 'default')} | cdk8s-dns check -f -); otherwise add a container port named "https" or set targetPort to the container port number.`);
  });

  test('reports the error for the same build without a patch (kubectl kustomize gives a Deployment without the port)', () => {
    writeTree(dir, { ...TREE, 'default/kustomization.yaml': 'namespace: ctl-system\nnamePrefix: ctl-\nresources: [../manager, ../rbac]\n' });
    const found = findings();
    expect(found).toEqual([expect.objectContaining({ level: 'error', resource: 'Service/ctl-system/ctl-metrics' })]);
    expect(found[0].message).toMatch(/declares no container port named "https" \(declared: none\), so its pods get no traffic on this port\. Fix: add a container port/);
  });

  test('reports the error for a build whose kustomization has configurations only (they rename references, they add no port)', () => {
    writeTree(dir, { ...TREE, 'default/kustomization.yaml': 'namespace: ctl-system\nnamePrefix: ctl-\nresources: [../manager, ../rbac]\nconfigurations: [names.yaml]\n' });
    expect(findings()).toEqual([expect.objectContaining({ level: 'error', resource: 'Service/ctl-system/ctl-metrics' })]);
  });
});


/**
 * A Flux Kustomization or an Argo CD Application whose own patches add the port to the folder's Deployment: the tool
 * writes them into the folder's kustomization before the build (Flux `spec.patches`, Argo CD `kustomize.patches`), so
 * `kubectl kustomize app` of the kustomization with that patch added gives a Deployment with the `https` port (checked,
 * v5.5.0), as the same patch written in app/kustomization.yaml does.
 */
describe('service-target-port-name-missing on a folder whose GitOps object patches the port in', () => {
  let dir: string;
  tempDirEach('cdk8s-dns-gport-', (d) => { dir = d; });

  const PATCH = '- target: {kind: Deployment, name: web}\n  patch: |\n    - op: add\n      path: /spec/template/spec/containers/0/ports/-\n      value: {name: https, containerPort: 8443}\n';
  const indent = (text: string, by: string) => text.split('\n').map((l) => (l === '' ? l : by + l)).join('\n');
  const APP = {
    'app/dep.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n'
      + '    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: x, ports: [{name: http, containerPort: 80}]}]}\n',
    'app/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{name: https, port: 443, targetPort: https}]\n',
  };
  const KUSTOMIZATION = { 'app/kustomization.yaml': 'resources: [svc.yaml, dep.yaml]\n' };
  const flux = (apiVersion: string, field: string, patch = PATCH) => 'apiVersion: kustomize.toolkit.fluxcd.io/' + apiVersion + '\nkind: Kustomization\nmetadata: {name: apps, namespace: flux-system}\n'
    + `spec:\n  interval: 10m\n  path: ./app\n  prune: true\n  targetNamespace: shop\n  sourceRef: {kind: GitRepository, name: flux-system}\n  ${field}:\n${indent(patch, '  ')}`;
  const argo = 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: web, namespace: argocd}\nspec:\n  destination: {namespace: shop}\n'
    + `  source:\n    repoURL: https://git.example/r.git\n    path: app\n    kustomize:\n      patches:\n${indent(PATCH, '      ')}`;
  const findings = () => check(ClusterModel.fromDocuments(loadManifests([dir])), { rules: [serviceTargetPortNameMissing] }).findings
    .map((f) => `${f.level} ${f.resource}: ${f.message.split(dir + path.sep).join('<dir>/')}`);
  const CAUSE = 'Service "web" port "https" (443) has targetPort "https", but Deployment "web" declares no container port named "https" (declared: 80/TCP (http))';
  const notJudged = (by: string, fields: string) => `info Service/shop/web: ${CAUSE} as written. Not judged: <dir>/${by} has ${fields}, which may add the port to Deployment "web" `
    + 'and which the checker does not apply. Fix: none if the build\'s output declares it; otherwise add a container port named "https" or set targetPort to the container port number.';

  test.each<[string, Record<string, string>, string]>([
    ['a Flux Kustomization\'s spec.patches, on a folder with a kustomization', { ...KUSTOMIZATION, 'clusters/apps.yaml': flux('v1', 'patches') }, notJudged('clusters/apps.yaml', 'spec.patches')],
    ['a Flux Kustomization\'s spec.patches, on a folder without one (Flux generates it)', { 'clusters/apps.yaml': flux('v1', 'patches') }, notJudged('clusters/apps.yaml', 'spec.patches')],
    ['an Argo CD Application\'s kustomize.patches', { ...KUSTOMIZATION, 'argocd/web.yaml': argo }, notJudged('argocd/web.yaml', 'kustomize.patches')],
    ['a Flux v1beta2 Kustomization\'s patchesJson6902', { ...KUSTOMIZATION, 'clusters/apps.yaml': flux('v1beta2', 'patchesJson6902', '- target: {kind: Deployment, name: web}\n  path: p.yaml\n') },
      notJudged('clusters/apps.yaml', 'spec.patchesJson6902')],
  ])('%s: not judged, an info naming the object (no kustomize build to check)', (_what, files, expected) => {
    writeTree(dir, { ...APP, ...files });
    expect(findings()).toEqual([expected]);
  });

  test.each<[string, Record<string, string>]>([
    ['a Flux Kustomization without patches', { ...KUSTOMIZATION, 'clusters/apps.yaml': flux('v1', 'patches', '  []\n') }],
    ['a Flux v1 Kustomization\'s patchesStrategicMerge (a field v1 has no more: the API server drops it)', { ...KUSTOMIZATION, 'clusters/apps.yaml': flux('v1', 'patchesStrategicMerge', '- {apiVersion: apps/v1, kind: Deployment}\n') }],
    ['an Argo CD Application\'s kustomize.patches on a plain directory (no kustomize build)', { 'argocd/web.yaml': argo }],
  ])('%s: the error stays', (_what, files) => {
    writeTree(dir, { ...APP, ...files });
    expect(findings()).toEqual([expect.stringMatching(/^error Service\/shop\/web: .*, so its pods get no traffic on this port\./)]);
  });
});

/**
 * A base whose Deployment lacks the port, under two overlays of one namespace and prefix (one copy of the base's
 * objects): `kubectl kustomize overlays/a` (v5.5.0) gives the Deployment without the `https` port, `overlays/b`, which
 * patches it in, with it.
 */
describe('service-target-port-name-missing on a base that only some of its builds patch', () => {
  let dir: string;
  tempDirEach('cdk8s-dns-kport2-', (d) => { dir = d; });

  const PATCH = 'patches:\n- target: {kind: Deployment, name: web}\n  patch: |\n    - op: add\n      path: /spec/template/spec/containers/0/ports/-\n      value: {name: https, containerPort: 8443}\n';
  const tree = (a: string, b: string) => ({
    'base/kustomization.yaml': 'resources: [svc.yaml, dep.yaml]\n',
    'base/dep.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n'
      + '    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: x, ports: [{name: http, containerPort: 80}]}]}\n',
    'base/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{name: https, port: 443, targetPort: https}]\n',
    'overlays/a/kustomization.yaml': `resources: [../../base]\n${a}`,
    'overlays/b/kustomization.yaml': `resources: [../../base]\n${b}`,
  });
  const findings = () => check(ClusterModel.fromDocuments(loadManifests([dir])), { rules: [serviceTargetPortNameMissing] }).findings
    .map((f) => `${f.level} ${f.resource}: ${f.message.split(dir + path.sep).join('<dir>/')}`);
  const CAUSE = 'Service "web" port "https" (443) has targetPort "https", but Deployment "web" declares no container port named "https" (declared: 80/TCP (http))';

  test('reports the error when one build does not patch the port in', () => {
    writeTree(dir, tree('', PATCH));
    expect(findings()).toEqual([`error Service/default/web: ${CAUSE}, so its pods get no traffic on this port. Fix: add a container port named "https" or set targetPort to the container port number.`]);
  });

  test('not judged when every build patches, naming the first build\'s kustomization and that build to check', () => {
    writeTree(dir, tree(PATCH, PATCH));
    expect(findings()).toEqual([
      `info Service/default/web: ${CAUSE} as written. Not judged: <dir>/overlays/a/kustomization.yaml has patches, which may add the port to Deployment "web" and which the checker does not apply. `
      + 'Fix: none if the build\'s output declares it (check it: kustomize build <dir>/overlays/a | cdk8s-dns check -f -); otherwise add a container port named "https" or set targetPort to the container port number.',
    ]);
  });

  test('a patch in the base that every build holds: not judged, naming the base and the first build to check', () => {
    writeTree(dir, { ...tree('', ''), 'base/kustomization.yaml': `resources: [svc.yaml, dep.yaml]\n${PATCH}` });
    expect(findings()).toEqual([
      `info Service/default/web: ${CAUSE} as written. Not judged: <dir>/base/kustomization.yaml has patches, which may add the port to Deployment "web" and which the checker does not apply. `
      + 'Fix: none if the build\'s output declares it (check it: kustomize build <dir>/overlays/a | cdk8s-dns check -f -); otherwise add a container port named "https" or set targetPort to the container port number.',
    ]);
  });
});
