// The resolver answers for Services whose pods come from more than the built-in workloads (issue 21): the model
// simulates the pods of prometheus-operator resources, Argo Rollouts, OpenShift DeploymentConfigs, KubeVirt VMs and pod-shaped
// spec.template objects, and resolves named targetPorts among the containers and native sidecars only.
import * as fs from 'fs';
import * as path from 'path';
import { ask, NX, objectsOf, resolverOf } from './helpers';
import { ClusterModel } from '../../src/model/cluster-model';

type Obj = { [key: string]: any };

/** Objects of a fixture under test/fixtures/checks/operators (the checker's tests use the same). */
function fixture(name: string): Obj[] {
  return objectsOf(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'checks', 'operators', name), 'utf8'));
}

/** A headless Service of a namespace selecting labels, with one port. */
function headless(name: string, namespace: string, selector: Obj, targetPort: string | number = 'web'): Obj {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { clusterIP: 'None', selector, ports: [{ name: 'web', port: 80, targetPort }] } };
}

/** The answers' count and the ports of SRV answers. */
function summary(objects: Obj[], name: string, type: string): { rcode: string; count: number; ports: string[] } {
  const r = ask(resolverOf(objects), name, type);
  return { rcode: r.rcode, count: r.answers.length, ports: [...new Set(r.answers.map((a) => a.split(' ')[3]))] };
}

const KP = 'monitoring.svc.cluster.local';

describe('pods of prometheus-operator resources', () => {
  const objects = [
    ...fixture('kube-prometheus.yaml'),
    headless('am-pods', 'monitoring', { 'app.kubernetes.io/name': 'alertmanager', 'app.kubernetes.io/part-of': 'kube-prometheus' }),
    headless('prom-pods', 'monitoring', { 'app.kubernetes.io/instance': 'k8s', 'app.kubernetes.io/managed-by': 'prometheus-operator' }),
  ];

  test.each([
    ['the Alertmanager\'s 3 pods', `am-pods.${KP}`, 'A', { rcode: 'NOERROR', count: 3, ports: [] as string[] }],
    ['the Alertmanager\'s web port 9093', `_web._tcp.am-pods.${KP}`, 'SRV', { rcode: 'NOERROR', count: 3, ports: ['9093'] }],
    ['the Prometheus\' 2 pods', `prom-pods.${KP}`, 'A', { rcode: 'NOERROR', count: 2, ports: [] }],
    ['the Prometheus\' web port 9090', `_web._tcp.prom-pods.${KP}`, 'SRV', { rcode: 'NOERROR', count: 2, ports: ['9090'] }],
  ])('a headless Service selecting %s', (_name, query, type, expected) => {
    expect(summary(objects, query, type)).toEqual(expected);
  });

  test('the pods are named and labelled as the operator\'s StatefulSets make them, one set per Prometheus shard', () => {
    const withShards = objects.map((o) => (o.kind === 'Prometheus' ? { ...o, spec: { ...o.spec, shards: 2 } } : o));
    const pods = ClusterModel.fromObjects(withShards).podsIn('monitoring');
    expect(pods.map((p) => `${p.name} ${p.origin}/${p.owner}`)).toEqual([
      'alertmanager-main-0 Alertmanager/main', 'alertmanager-main-1 Alertmanager/main', 'alertmanager-main-2 Alertmanager/main',
      'prometheus-k8s-0 Prometheus/k8s', 'prometheus-k8s-1 Prometheus/k8s', 'prometheus-k8s-shard-1-0 Prometheus/k8s', 'prometheus-k8s-shard-1-1 Prometheus/k8s',
    ]);
    expect(pods.find((p) => p.name === 'prometheus-k8s-shard-1-1')).toMatchObject({
      hostname: 'prometheus-k8s-shard-1-1',
      subdomain: 'prometheus-operated',
      labels: {
        'app.kubernetes.io/component': 'prometheus',
        'app.kubernetes.io/name': 'prometheus',
        'app.kubernetes.io/instance': 'k8s',
        'app.kubernetes.io/managed-by': 'prometheus-operator',
        'prometheus': 'k8s',
        'operator.prometheus.io/name': 'k8s',
        'operator.prometheus.io/shard': '1',
        'statefulset.kubernetes.io/pod-name': 'prometheus-k8s-shard-1-1',
      },
    });
  });
});

describe('pods of Argo Rollouts, DeploymentConfigs and pod-shaped templates', () => {
  const rollouts = fixture('argo-rollouts.yaml');
  test.each([
    ['a canary Rollout\'s 5 stable pods (stableMetadata labels)', rollouts, 'rollout-canary-stable-pods.default.svc.cluster.local', 'A', { rcode: 'NOERROR', count: 5, ports: [] as string[] }],
    ['the 3 pods a workloadRef Rollout runs from the Deployment\'s template (replicas: 0)', rollouts, 'rollout-ref-deployment.default.svc.cluster.local', 'A', { rcode: 'NOERROR', count: 3, ports: [] }],
    ['their named port', rollouts, '_http._tcp.rollout-ref-deployment.default.svc.cluster.local', 'SRV', { rcode: 'NOERROR', count: 3, ports: ['8080'] }],
    ['a DeploymentConfig\'s 2 pods (deploymentconfig label)', fixture('deploymentconfig.yaml'), 'ruby-ex.shop.svc.cluster.local', 'A', { rcode: 'NOERROR', count: 2, ports: [] }],
  ])('a headless Service selecting %s', (_name, objects, query, type, expected) => {
    expect(summary(objects, query, type)).toEqual(expected);
  });

  test('a CloneSet\'s pods (a pod-shaped spec.template of another kind)', () => {
    const cloneSet = {
      apiVersion: 'apps.kruise.io/v1alpha1',
      kind: 'CloneSet',
      metadata: { name: 'sample' },
      spec: { replicas: 3, template: { metadata: { labels: { app: 'sample' } }, spec: { containers: [{ name: 'nginx', ports: [{ name: 'web', containerPort: 80 }] }] } } },
    };
    expect(summary([cloneSet, headless('sample', 'default', { app: 'sample' })], 'sample.default.svc.cluster.local', 'A')).toEqual({ rcode: 'NOERROR', count: 3, ports: [] });
  });
});

describe('KubeVirt virt-launcher pods', () => {
  const objects = fixture('kubevirt.yaml');
  test.each([
    ['a VM pool\'s 2 pods', 'pool.vms.svc.cluster.local', 'A', { rcode: 'NOERROR', count: 2, ports: [] as string[] }],
    ['a VM\'s pod under its subdomain, by the VM\'s name', 'web.fleet.vms.svc.cluster.local', 'A', { rcode: 'NOERROR', count: 1, ports: [] }],
    ['the named port of the VM\'s interface', '_http._tcp.fleet.vms.svc.cluster.local', 'SRV', { rcode: 'NOERROR', count: 1, ports: ['8080'] }],
  ])('answers for %s', (_name, query, type, expected) => {
    expect(summary(objects, query, type)).toEqual(expected);
  });

  test('a VMI\'s hostname names no pod without a subdomain', () => {
    const svc = headless('db-headless', 'vms', { role: 'db' }, 5432);
    expect(ask(resolverOf([...objects, svc]), 'db-host.db-headless.vms.svc.cluster.local', 'A')).toEqual(NX);
    expect(summary([...objects, svc], 'db-headless.vms.svc.cluster.local', 'A')).toEqual({ rcode: 'NOERROR', count: 1, ports: [] });
  });

  const KV = 'vms.svc.cluster.local';
  /** A running virt-launcher Pod of a live dump, owned by its VMI (kubevirt template.go renderLaunchManifest). */
  const launcher = (vmi: string, ip: string, labels: Obj): Obj => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `virt-launcher-${vmi}-abcde`,
      namespace: 'vms',
      labels: { ...labels, 'kubevirt.io': 'virt-launcher', 'vm.kubevirt.io/name': vmi },
      ownerReferences: [{ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', name: vmi, uid: `u-${vmi}`, controller: true }],
    },
    spec: { hostname: vmi, containers: [{ name: 'compute', image: 'virt-launcher' }] },
    status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: 'True' }] },
  });
  const named = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)!;

  test.each<[string, Obj[], string, string[]]>([
    ['a VM and its Pod, without the VMI', [named('VirtualMachine', 'web'), launcher('web', '10.244.1.7', { app: 'web' }), headless('web', 'vms', { app: 'web' })],
      `web.${KV}`, ['A 10.244.1.7']],
    ['a pool and its 2 Pods, without VMIs and VMs', [named('VirtualMachinePool', 'pool'), named('Service', 'pool'),
      launcher('pool-0', '10.244.1.10', { 'kubevirt.io/vmpool': 'pool' }), launcher('pool-1', '10.244.1.11', { 'kubevirt.io/vmpool': 'pool' })],
    `pool.${KV}`, ['A 10.244.1.10', 'A 10.244.1.11']],
    ['a VMI replica set and its Pod, without the VMI', [named('VirtualMachineInstanceReplicaSet', 'workers'), headless('workers', 'vms', { role: 'worker' }),
      launcher('workersx7k2p', '10.244.1.12', { role: 'worker' })],
    `workers.${KV}`, ['A 10.244.1.12']],
  ])('a live dump of %s: the Pods, not simulated ones beside them', (_name, dump, query, answers) => {
    expect(ask(resolverOf(dump), query)).toEqual({ rcode: 'NOERROR', answers });
  });

  test.each<[string, string, string, boolean]>([
    ['the first pool member', 'pool-0', 'grp', true],
    ['the second', 'pool-1', 'grp', true],
    ['no member past the replicas', 'pool-2', 'grp', false],
  ])('a pool\'s subdomain names %s: <pool>-<i>.<subdomain>', (_name, host, sub, resolves) => {
    const pool = JSON.parse(JSON.stringify(named('VirtualMachinePool', 'pool')));
    pool.spec.virtualMachineTemplate.spec.template.spec.subdomain = 'grp';
    const r = ask(resolverOf([pool, headless('grp', 'vms', { 'kubevirt.io/vmpool': 'pool' })]), `${host}.${sub}.${KV}`);
    expect(r.rcode).toBe(resolves ? 'NOERROR' : 'NXDOMAIN');
    expect(r.answers).toHaveLength(resolves ? 1 : 0);
  });

  test('a VM named web.example has hostname web under its subdomain (SanitizeHostname)', () => {
    const vm = JSON.parse(JSON.stringify(named('VirtualMachine', 'web')));
    vm.metadata.name = 'web.example';
    const resolver = resolverOf([vm, named('Service', 'fleet')]);
    expect(ask(resolver, `web.fleet.${KV}`).answers).toHaveLength(1);
    expect(ask(resolver, `web.example.fleet.${KV}`)).toEqual(NX);
  });

  test.each<[string, Obj]>([
    ['runStrategy Halted', { runStrategy: 'Halted' }],
    ['running: false', { running: false }],
    ['runStrategy Manual (started only by virtctl start)', { runStrategy: 'Manual' }],
  ])('a VM with %s has no pod, like a Deployment of 0 replicas', (_name, run) => {
    const vm = JSON.parse(JSON.stringify(named('VirtualMachine', 'web')));
    delete vm.spec.runStrategy;
    Object.assign(vm.spec, run);
    expect(ask(resolverOf([vm, headless('web', 'vms', { app: 'web' })]), `web.${KV}`)).toEqual(NX);
  });

  test('a pool whose VM template is halted has no pods', () => {
    const pool = JSON.parse(JSON.stringify(named('VirtualMachinePool', 'pool')));
    pool.spec.virtualMachineTemplate.spec.runStrategy = 'Halted';
    expect(ask(resolverOf([pool, named('Service', 'pool')]), `pool.${KV}`)).toEqual(NX);
  });
});

describe('native sidecars', () => {
  const objects = fixture('native-sidecar.yaml');
  test('a named targetPort of a native sidecar has endpoints', () => {
    expect(summary(objects, '_metrics._tcp.web.app.svc.cluster.local', 'SRV')).toEqual({ rcode: 'NOERROR', count: 2, ports: ['9901'] });
  });
  test('a named targetPort of a regular init container has none (it runs to completion)', () => {
    const svc = headless('setup', 'app', { app: 'web' }, 'setup');
    expect(ask(resolverOf([...objects, svc]), '_web._tcp.setup.app.svc.cluster.local', 'SRV')).toEqual(NX);
  });
  test('the containers\' ports come first, as FindPort looks them up', () => {
    const shadow = objects.map((o) => JSON.parse(JSON.stringify(o)));
    shadow[0].spec.template.spec.initContainers[1].ports[0].name = 'http';
    expect(summary(shadow, '_http._tcp.web.app.svc.cluster.local', 'SRV')).toEqual({ rcode: 'NOERROR', count: 2, ports: ['8080'] });
  });
});
