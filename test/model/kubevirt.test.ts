// GIVEN KubeVirt VMs, VMIs, VMI replica sets and VM pools, WHEN their virt-launcher pods are worked out, THEN they
// have the VMI names, hostnames, labels and run state KubeVirt's controllers give them (kubevirt/kubevirt
// pkg/virt-controller: services/template.go, watch/vm/vm.go, watch/pool/pool.go; pkg/util/net/dns/sanitize.go).
import { kubevirtHostname, kubevirtMemberLabelMatches, kubevirtPoolMember } from '../../src/model/kubevirt';
import { readWorkload } from '../../src/model/workload-kinds';

describe('KubeVirt virt-launcher pods', () => {
  type Obj = { [key: string]: any };
  const vmi = (spec: Obj = {}): Obj => ({ metadata: { labels: { app: 'x' } }, spec: { domain: { devices: {} }, ...spec } });
  const read = (obj: Obj) => readWorkload(obj, obj.kind, 'vms', () => undefined)!;
  const vm = (name: string, spec: Obj, template: Obj = vmi()) => ({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name }, spec: { ...spec, template } });
  const pool = (name: string, replicas: number | undefined, vmSpec: Obj) =>
    ({ apiVersion: 'pool.kubevirt.io/v1beta1', kind: 'VirtualMachinePool', metadata: { name }, spec: { replicas, virtualMachineTemplate: { spec: { ...vmSpec, template: vmi() } } } });

  // kubevirt pkg/virt-controller/watch/vm/vm.go syncRunStrategy; api VirtualMachine.RunStrategy (running: false = Halted).
  test.each<[string, Obj, number | undefined]>([
    ['runStrategy Always runs its VMI', { runStrategy: 'Always' }, undefined],
    ['runStrategy RerunOnFailure starts it (and restarts it only when it fails)', { runStrategy: 'RerunOnFailure' }, undefined],
    ['runStrategy Once starts it', { runStrategy: 'Once' }, undefined],
    ['running: true runs it', { running: true }, undefined],
    ['running: false has no VMI', { running: false }, 0],
    ['runStrategy Halted has no VMI', { runStrategy: 'Halted' }, 0],
    ['runStrategy Manual has none until virtctl start', { runStrategy: 'Manual' }, 0],
  ])('a VM with %s', (_name, spec, replicas) => {
    expect(read(vm('web', spec)).replicas).toBe(replicas);
  });

  test.each<[string, Obj, number | undefined]>([
    ['running VMs has its replicas', { runStrategy: 'Always' }, 3],
    ['halted VMs has none running', { runStrategy: 'Halted' }, 0],
    ['VMs with running: false has none running', { running: false }, 0],
  ])('a pool of %s', (_name, vmSpec, replicas) => {
    expect(read(pool('p', 3, vmSpec)).replicas).toBe(replicas);
  });

  // pkg/util/net/dns/sanitize.go SanitizeHostname; template.go podLabels (vm.kubevirt.io/name = the hostname).
  test.each<[string, string, string | undefined, string]>([
    ['the VMI\'s name', 'web', undefined, 'web'],
    ['the first DNS label of a name with dots', 'web.example', undefined, 'web'],
    ['a name cut to 63 characters', 'a'.repeat(70), undefined, 'a'.repeat(63)],
    ['spec.hostname over the name', 'web.example', 'guest', 'guest'],
  ])('the hostname of a VMI\'s pod is %s', (_name, name, specHostname, expected) => {
    expect(kubevirtHostname(name, specHostname)).toBe(expected);
  });

  test('a VM named web.example gets hostname web, in its pod spec and its vm.kubevirt.io/name label, and its name as VMI ID', () => {
    const w = read(vm('web.example', { runStrategy: 'Always' }, vmi({ subdomain: 'fleet' })));
    expect(w.podSpec).toMatchObject({ hostname: 'web', subdomain: 'fleet' });
    expect(w.labels).toMatchObject({ 'vm.kubevirt.io/name': 'web', 'vmi.kubevirt.io/id': 'web.example' });
  });

  test('a pool\'s labels leave the per-VMI labels out, even when its template writes them; each member gets its own', () => {
    const p = pool('db', 2, { runStrategy: 'Always' });
    p.spec.virtualMachineTemplate.spec.template.metadata.labels['vm.kubevirt.io/name'] = 'typo';
    const w = read(p);
    expect(w.naming).toBe('VirtualMachinePool');
    expect(w.labels['vm.kubevirt.io/name']).toBeUndefined();
    expect(kubevirtPoolMember('db', 1, w.labels)).toEqual({ vmi: 'db-1', hostname: 'db-1', labels: { ...w.labels, 'vm.kubevirt.io/name': 'db-1', 'vmi.kubevirt.io/id': 'db-1' } });
  });

  test('a pool member\'s hostname is the template\'s spec.hostname when it sets one', () => {
    expect(kubevirtPoolMember('db', 0, { 'vm.kubevirt.io/name': 'guest' }).hostname).toBe('guest');
  });

  const LONG = 'p'.repeat(60);
  test.each<[string, string, Obj, string, string, boolean]>([
    ['a pool member\'s ID', 'VirtualMachinePool', { replicas: 2 }, 'vmi.kubevirt.io/id', 'pool-1', true],
    ['an ID past the pool\'s replicas', 'VirtualMachinePool', { replicas: 2 }, 'vmi.kubevirt.io/id', 'pool-9', false],
    ['an ID of a pool without replicas (1)', 'VirtualMachinePool', {}, 'vmi.kubevirt.io/id', 'pool-0', true],
    ['an ID with a leading zero', 'VirtualMachinePool', { replicas: 20 }, 'vmi.kubevirt.io/id', 'pool-01', false],
    ['a pool member\'s hostname', 'VirtualMachinePool', { replicas: 2 }, 'vm.kubevirt.io/name', 'pool-0', true],
    ['another name', 'VirtualMachinePool', { replicas: 2 }, 'vm.kubevirt.io/name', 'other-0', false],
    ['a hostname cut to 63 characters', 'VirtualMachinePool', { replicas: 200 }, 'vm.kubevirt.io/name', `${LONG}-10`, true],
    ['a hashed ID of a long member name', 'VirtualMachinePool', { replicas: 200 }, 'vmi.kubevirt.io/id', `${LONG.slice(0, 54)}-0123abcd`, true],
    ['a replica set\'s generated ID', 'VirtualMachineInstanceReplicaSet', {}, 'vmi.kubevirt.io/id', 'poolx7k2p', true],
    ['a replica set\'s generated hostname', 'VirtualMachineInstanceReplicaSet', {}, 'vm.kubevirt.io/name', 'poolx7k2p', true],
    ['another prefix under a replica set', 'VirtualMachineInstanceReplicaSet', {}, 'vm.kubevirt.io/name', 'webx7k2p', false],
  ])('%s', (_name, kind, spec, key, value, expected) => {
    const name = value.startsWith(LONG.slice(0, 54)) ? LONG : 'pool';
    expect(kubevirtMemberLabelMatches(kind, name, spec, key, value)).toBe(expected);
  });
});
