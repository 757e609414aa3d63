import * as path from 'path';
import { check } from '../../../src/checks/engine';
import { serviceTargetPortNameMissing } from '../../../src/checks/rules/service-target-port-name-missing';
import { ClusterModel } from '../../../src/model/cluster-model';
import { loadManifests, SkippedInput } from '../../../src/model/load';
import { tempDirEach, writeTree } from '../../model/file-tree';
import { deployment, messages, run, service } from '../builders';

describe('service-target-port-name-missing', () => {
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
    const skipped: SkippedInput[] = [];
    const model = ClusterModel.fromDocuments(loadManifests([dir], { skipped }));
    return check(model, { rules: [serviceTargetPortNameMissing], skippedInputs: skipped }).findings;
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

