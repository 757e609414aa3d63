// GIVEN owner references as controllers write them, WHEN ownership is read, THEN each real Pod ties to the workload
// that made it, through owners in the input or, for an owner the input leaves out, the owner its name implies.
import { builtinKind } from '../../src/model/manifest';
import { impliedOwners, OwnerRef, ownership, ownerRefs, presentOwner } from '../../src/model/owners';
import { NamespacedObject } from '../../src/model/pods';
import { workloadKind } from '../../src/model/workload-kinds';

/** The labels prometheus-operator gives the pods of its StatefulSets (besides others). */
const PROM = (app: string, instance: string) =>
  ({ 'app.kubernetes.io/managed-by': 'prometheus-operator', 'app.kubernetes.io/name': app, 'app.kubernetes.io/instance': instance });

describe('impliedOwners', () => {
  test.each<[string, OwnerRef, { [key: string]: string } | undefined, OwnerRef | undefined]>([
    ['a ReplicaSet named <deployment>-<pod-template-hash> -> the Deployment', { kind: 'ReplicaSet', name: 'api-7c9f8d6b5' },
      { 'pod-template-hash': '7c9f8d6b5' }, { kind: 'Deployment', name: 'api' }],
    ['a Deployment name with dashes', { kind: 'ReplicaSet', name: 'my-api-v2-7c9f8d6b5' }, { 'pod-template-hash': '7c9f8d6b5' },
      { kind: 'Deployment', name: 'my-api-v2' }],
    ['a ReplicaSet without the hash label on the pod -> none', { kind: 'ReplicaSet', name: 'api-7c9f8d6b5' }, { app: 'api' }, undefined],
    ['a ReplicaSet whose name does not end in the hash -> none', { kind: 'ReplicaSet', name: 'api' }, { 'pod-template-hash': 'x1' }, undefined],
    ['a ReplicaSet named only the hash -> none', { kind: 'ReplicaSet', name: '-x1' }, { 'pod-template-hash': 'x1' }, undefined],
    ['a Job named <cronjob>-<minutes> -> the CronJob', { kind: 'Job', name: 'report-29412330' }, undefined, { kind: 'CronJob', name: 'report' }],
    ['a Job without a number suffix -> none', { kind: 'Job', name: 'migrate' }, undefined, undefined],
    ['a StatefulSet -> none (it owns its pods directly)', { kind: 'StatefulSet', name: 'web' }, undefined, undefined],
    ['an Argo Rollouts ReplicaSet <rollout>-<rollouts-pod-template-hash> -> the Rollout', { kind: 'ReplicaSet', name: 'checkout-6d8f7b9c5d' },
      { 'app': 'checkout', 'rollouts-pod-template-hash': '6d8f7b9c5d' }, { kind: 'Rollout', name: 'checkout' }],
    ['a Prometheus StatefulSet -> the Prometheus', { kind: 'StatefulSet', name: 'prometheus-k8s' }, PROM('prometheus', 'k8s'), { kind: 'Prometheus', name: 'k8s' }],
    ['a Prometheus shard\'s StatefulSet -> the Prometheus', { kind: 'StatefulSet', name: 'prometheus-k8s-shard-2' }, PROM('prometheus', 'k8s'),
      { kind: 'Prometheus', name: 'k8s' }],
    ['an Alertmanager StatefulSet -> the Alertmanager', { kind: 'StatefulSet', name: 'alertmanager-main' }, PROM('alertmanager', 'main'),
      { kind: 'Alertmanager', name: 'main' }],
    ['a ThanosRuler StatefulSet -> the ThanosRuler', { kind: 'StatefulSet', name: 'thanos-ruler-rules' }, PROM('thanos-ruler', 'rules'),
      { kind: 'ThanosRuler', name: 'rules' }],
    ['an operator StatefulSet of another name -> none', { kind: 'StatefulSet', name: 'prometheus-k8s-old' }, PROM('prometheus', 'k8s'), undefined],
    ['an Alertmanager has no shards -> none', { kind: 'StatefulSet', name: 'alertmanager-main-shard-1' }, PROM('alertmanager', 'main'), undefined],
    ['a StatefulSet with the labels but not managed by prometheus-operator -> none', { kind: 'StatefulSet', name: 'prometheus-k8s' },
      { 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/instance': 'k8s' }, undefined],
  ])('%s', (_, ref, labels, expected) => {
    expect(impliedOwners(ref, labels)).toEqual(expected === undefined ? [] : [expected]);
  });

  // kubevirt pkg/virt-controller/watch: vm/vm.go setupVMIFromVM (a VM's VMI has its name), pool/pool.go
  // generateVMName (<pool>-<index>), replicaset/replicaset.go (generateName <replica set name>).
  const VM = (name: string): OwnerRef => ({ kind: 'VirtualMachine', name });
  const POOL = (name: string): OwnerRef => ({ kind: 'VirtualMachinePool', name });
  const VMIRS = (name: string): OwnerRef => ({ kind: 'VirtualMachineInstanceReplicaSet', name });
  test.each<[string, OwnerRef, OwnerRef[]]>([
    ['a VMI -> the VM of its name', { kind: 'VirtualMachineInstance', name: 'web' }, [VM('web')]],
    ['a VMI <pool>-<n> -> its VM, then the pool', { kind: 'VirtualMachineInstance', name: 'db-pool-12' }, [VM('db-pool-12'), POOL('db-pool')]],
    ['a VMI with a generated suffix -> its VM, then the replica set of the prefix', { kind: 'VirtualMachineInstance', name: 'workersx7k2p' },
      [VM('workersx7k2p'), VMIRS('workers')]],
    ['a VMI whose last 5 characters cannot be generated (vowels) -> only its VM', { kind: 'VirtualMachineInstance', name: 'database' }, [VM('database')]],
    ['a VM <pool>-<n> -> the pool', VM('pool-0'), [POOL('pool')]],
    ['a VM with a leading zero index -> none (the pool counts from 0 without padding)', VM('pool-01'), []],
    ['a VM without an index -> none', VM('web'), []],
  ])('%s', (_, ref, expected) => {
    expect(impliedOwners(ref, { 'kubevirt.io': 'virt-launcher' })).toEqual(expected);
  });
});

describe('presentOwner', () => {
  const present = (...keys: string[]) => (r: OwnerRef) => keys.includes(`${r.kind}/${r.name}`);
  test.each<[string, OwnerRef, string[], OwnerRef | undefined]>([
    ['the owner itself when present', { kind: 'VirtualMachineInstance', name: 'pool-0' }, ['VirtualMachineInstance/pool-0', 'VirtualMachinePool/pool'],
      { kind: 'VirtualMachineInstance', name: 'pool-0' }],
    ['the nearest present owner it implies: the VM', { kind: 'VirtualMachineInstance', name: 'pool-0' }, ['VirtualMachine/pool-0', 'VirtualMachinePool/pool'],
      { kind: 'VirtualMachine', name: 'pool-0' }],
    ['the pool when its VM is left out too', { kind: 'VirtualMachineInstance', name: 'pool-0' }, ['VirtualMachinePool/pool'],
      { kind: 'VirtualMachinePool', name: 'pool' }],
    ['none when nothing implied is present', { kind: 'VirtualMachineInstance', name: 'pool-0' }, ['VirtualMachinePool/other'], undefined],
  ])('%s', (_, ref, keys, expected) => {
    expect(presentOwner(ref, {}, present(...keys))).toEqual(expected);
  });
});

describe('ownerRefs', () => {
  test('keeps references with a kind and a name, in order', () => {
    const obj = { metadata: { ownerReferences: [{ kind: 'ReplicaSet', name: 'a-1' }, { kind: 'X' }, 'junk', { name: 'b' }, { kind: 'Job', name: 'j' }] } };
    expect(ownerRefs(obj)).toEqual([{ kind: 'ReplicaSet', name: 'a-1' }, { kind: 'Job', name: 'j' }]);
    expect(ownerRefs({ metadata: { ownerReferences: 'nope' } })).toEqual([]);
    expect(ownerRefs(null)).toEqual([]);
  });
});

function sources(...objects: any[]): [NamespacedObject[], (string | undefined)[]] {
  const list = objects.map((object) => ({ object, namespace: object.metadata.namespace ?? 'default' }));
  // the kinds as pods.ts reads them: Pods, and the workload kinds (KubeVirt's too)
  return [list, list.map((o) => (builtinKind(o.object) === 'Pod' ? 'Pod' : workloadKind(o.object)))];
}
const pod = (name: string, labels: { [key: string]: string }, ...owners: OwnerRef[]) =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels, ownerReferences: owners } });
const workload = (kind: string, name: string, ...owners: OwnerRef[]) =>
  ({ apiVersion: 'apps/v1', kind, metadata: { name, ownerReferences: owners.length > 0 ? owners : undefined } });

describe('ownership', () => {
  test('a Pod of a ReplicaSet in the input marks the ReplicaSet and its Deployment', () => {
    const o = ownership(...sources(
      workload('Deployment', 'api'), workload('ReplicaSet', 'api-h1', { kind: 'Deployment', name: 'api' }),
      pod('api-h1-x', { 'pod-template-hash': 'h1' }, { kind: 'ReplicaSet', name: 'api-h1' })));
    expect([...o.owned].sort()).toEqual(['default/Deployment/api', 'default/ReplicaSet/api-h1']);
    expect(o.presentOwners.get('default/ReplicaSet/api-h1')).toEqual(['default/Deployment/api']);
  });

  test('a Pod whose ReplicaSet the input leaves out marks the Deployment its name implies', () => {
    const o = ownership(...sources(workload('Deployment', 'api'), pod('api-h1-x', { 'pod-template-hash': 'h1' }, { kind: 'ReplicaSet', name: 'api-h1' })));
    expect(o.owned.has('default/Deployment/api')).toBe(true);
  });

  test('a ReplicaSet whose Deployment the input leaves out has no owner in the input', () => {
    const o = ownership(...sources(workload('ReplicaSet', 'api-h1', { kind: 'Deployment', name: 'api' })));
    expect(o.presentOwners.get('default/ReplicaSet/api-h1')).toEqual([]);
    expect(o.owned.size).toBe(0);
  });

  test('owner cycles end', () => {
    const o = ownership(...sources(
      workload('ReplicaSet', 'a', { kind: 'ReplicaSet', name: 'b' }), workload('ReplicaSet', 'b', { kind: 'ReplicaSet', name: 'a' }),
      pod('p', {}, { kind: 'ReplicaSet', name: 'a' })));
    expect([...o.owned].sort()).toEqual(['default/ReplicaSet/a', 'default/ReplicaSet/b']);
  });

  const kv = (kind: string, name: string, ...owners: OwnerRef[]) =>
    ({ apiVersion: kind === 'VirtualMachinePool' ? 'pool.kubevirt.io/v1beta1' : 'kubevirt.io/v1', kind, metadata: { name, ownerReferences: owners.length > 0 ? owners : undefined } });
  const launcher = (vmi: string) => pod(`virt-launcher-${vmi}-abcde`, { 'kubevirt.io': 'virt-launcher' }, { kind: 'VirtualMachineInstance', name: vmi });

  test.each<[string, any[], string[]]>([
    ['a VM\'s virt-launcher Pod whose VMI the dump leaves out marks the VM', [kv('VirtualMachine', 'web'), launcher('web')],
      ['default/VirtualMachine/web', 'default/VirtualMachineInstance/web']],
    ['a pool\'s Pods whose VMIs and VMs the dump leaves out mark the pool', [kv('VirtualMachinePool', 'pool'), launcher('pool-0'), launcher('pool-1')],
      ['default/VirtualMachineInstance/pool-0', 'default/VirtualMachineInstance/pool-1', 'default/VirtualMachinePool/pool']],
    ['a replica set\'s Pod whose VMI the dump leaves out marks the replica set', [kv('VirtualMachineInstanceReplicaSet', 'workers'), launcher('workersx7k2p')],
      ['default/VirtualMachineInstance/workersx7k2p', 'default/VirtualMachineInstanceReplicaSet/workers']],
    ['a VM of the VMI\'s name in the dump wins over a replica set of its prefix', [kv('VirtualMachine', 'workersx7k2p'), kv('VirtualMachineInstanceReplicaSet', 'workers'), launcher('workersx7k2p')],
      ['default/VirtualMachine/workersx7k2p', 'default/VirtualMachineInstance/workersx7k2p']],
  ])('%s', (_, objects, owned) => {
    expect([...ownership(...sources(...objects)).owned].sort()).toEqual(owned);
  });

  test('a pool\'s VMI whose VM the dump leaves out has the pool as its owner in the input', () => {
    const o = ownership(...sources(kv('VirtualMachinePool', 'pool'), kv('VirtualMachineInstance', 'pool-0', { kind: 'VirtualMachine', name: 'pool-0' })));
    expect(o.presentOwners.get('default/VirtualMachineInstance/pool-0')).toEqual(['default/VirtualMachinePool/pool']);
  });

  test('input without owner references owns nothing', () => {
    const o = ownership(...sources(workload('Deployment', 'api'), pod('p', { app: 'api' })));
    expect(o.owned.size).toBe(0);
  });
});
