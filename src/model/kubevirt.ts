/**
 * KubeVirt's `VirtualMachine`, `VirtualMachineInstance`, `VirtualMachineInstanceReplicaSet` (kubevirt.io) and
 * `VirtualMachinePool` (pool.kubevirt.io) as workloads (workload-kinds.ts lists them). Each VMI runs in one
 * `virt-launcher-<vmi>-<suffix>` pod whose labels are the VMI's (a VM's `spec.template.metadata.labels`, a VMI's own
 * `metadata.labels`, a pool's `spec.virtualMachineTemplate.spec.template.metadata.labels`) plus
 * `kubevirt.io: virt-launcher`, `vm.kubevirt.io/name: <hostname>` and `vmi.kubevirt.io/id: <vmi>`; its `compute`
 * container declares the ports of the VMI's interfaces (`spec.domain.devices.interfaces[].ports`), and the pod takes
 * the VMI's hostname and `subdomain` (kubevirt pkg/virt-controller/services/template.go renderLaunchManifest,
 * podLabels; rendercontainer.go containerPortsFromVMI).
 * - The hostname is the VMI's `spec.hostname`, else the first DNS label of its name cut to 63 characters
 *   (pkg/util/net/dns/sanitize.go SanitizeHostname).
 * - A VM's VMI has the VM's name (pkg/virt-controller/watch/vm/vm.go setupVMIFromVM); a pool's VMs, and so their VMIs,
 *   are `<pool>-<i>` for i below its replicas (watch/pool/pool.go generateVMName: the lowest unused index); a replica
 *   set's VMIs have generated names `<base><5 characters>` (watch/replicaset/replicaset.go: the base is the template's
 *   name, else its generateName, else the replica set's name).
 * - A VM (or a pool's VM template) with `running: false` or `runStrategy` `Halted` or `Manual` (started only by
 *   `virtctl start`) has no VMI and so no pod: its replicas are 0 (vm.go syncRunStrategy); `Always`,
 *   `RerunOnFailure` and `Once` start it.
 * Pure.
 */
import { asArray, asNumber, asRecord, KubeObject, nonEmptyString, stringMap } from './manifest';
import type { PodNaming, WorkloadTemplate } from './workload-kinds';

/** The label of a virt-launcher pod that `virtctl expose` selects: the VMI's ID, made from its name. */
export const KUBEVIRT_VMI_ID_LABEL = 'vmi.kubevirt.io/id';

/** The label of a virt-launcher pod with the VMI's hostname (KubeVirt's VirtualMachineNameLabel). */
export const KUBEVIRT_VM_NAME_LABEL = 'vm.kubevirt.io/name';

/** The KubeVirt kinds of workload-kinds.ts, whose pods are virt-launcher pods. */
export const KUBEVIRT_KINDS: readonly string[] = ['VirtualMachine', 'VirtualMachineInstance', 'VirtualMachineInstanceReplicaSet', 'VirtualMachinePool'];

/**
 * The virt-launcher pods of a KubeVirt VM, VMI, VMI replica set or VM pool (see the file comment). A VM's or VMI's
 * pod has a known hostname and VMI ID; a pool's pods get theirs per VMI `<pool>-<i>` (kubevirtPoolMember); a replica
 * set's VMIs have generated names, so its pods' ID and hostname labels are known only at run time (unless the
 * template sets `spec.hostname`).
 */
export function kubevirtWorkload(kind: string, name: string, obj: KubeObject, spec: { [key: string]: any }): WorkloadTemplate {
  let vmi: { [key: string]: any } | undefined;
  let vmiName: string | undefined;
  let replicas: number | undefined;
  if (kind === 'VirtualMachineInstance') {
    vmi = obj;
    vmiName = name;
  } else if (kind === 'VirtualMachinePool') {
    const vmSpec = asRecord(asRecord(spec.virtualMachineTemplate)?.spec);
    vmi = asRecord(vmSpec?.template);
    replicas = vmRuns(vmSpec) ? asNumber(spec.replicas) : 0;
  } else if (kind === 'VirtualMachine') {
    vmi = asRecord(spec.template);
    vmiName = name;
    if (!vmRuns(spec)) replicas = 0;
  } else {
    vmi = asRecord(spec.template);
    replicas = asNumber(spec.replicas);
  }
  const vmiSpec = asRecord(vmi?.spec) ?? {};
  const specHostname = nonEmptyString(vmiSpec.hostname);
  const hostname = vmiName === undefined ? specHostname : kubevirtHostname(vmiName, specHostname);
  const ports: object[] = [];
  for (const i of asArray(asRecord(asRecord(vmiSpec.domain)?.devices)?.interfaces)) {
    for (const p of asArray(asRecord(i)?.ports)) {
      const port = asRecord(p);
      if (port) ports.push({ name: port.name, containerPort: port.port, protocol: port.protocol ?? 'TCP' });
    }
  }
  // The hostname names the guest too; it is a DNS name only under a subdomain (the pod's own hostname is no record).
  // A pool's pods get theirs per VMI (pods.ts, kubevirtPoolMember).
  const subdomain = nonEmptyString(vmiSpec.subdomain);
  const podSpec: { [key: string]: any } = { containers: [{ name: 'compute', ports }], ...(subdomain ? { hostname, subdomain } : {}) };
  const labels = stringMap(asRecord(vmi?.metadata)?.labels);
  labels['kubevirt.io'] = 'virt-launcher';
  // KubeVirt sets both labels on every pod, over any of the template's: per VMI where its name is generated or per member.
  delete labels[KUBEVIRT_VMI_ID_LABEL];
  if (hostname) labels[KUBEVIRT_VM_NAME_LABEL] = hostname;
  else delete labels[KUBEVIRT_VM_NAME_LABEL];
  // The VMI's ID (KubeVirt 1.7+): its name up to 63 characters, else cut and hashed (CalculateVirtualMachineInstanceID).
  if (vmiName && vmiName.length <= 63) labels[KUBEVIRT_VMI_ID_LABEL] = vmiName;
  const naming: PodNaming = kind === 'VirtualMachinePool' ? 'VirtualMachinePool' : 'ReplicaSet';
  return { kind, labels, podSpec, replicas, simulated: true, naming, sets: [{ prefix: `virt-launcher-${vmiName ?? name}`, labels }] };
}

/**
 * Whether a VM's VMI runs at rest: not with `running: false` or `runStrategy: Halted`, nor with `Manual`, which starts
 * it only on a start request (`virtctl start`); `Always`, `RerunOnFailure`, `Once` (and `running: true`) start it
 * (kubevirt pkg/virt-controller/watch/vm/vm.go syncRunStrategy). A VM with neither field is rejected by KubeVirt's
 * admission; it is taken as running.
 */
function vmRuns(vmSpec: { [key: string]: any } | undefined): boolean {
  if (vmSpec?.running === false) return false;
  return vmSpec?.runStrategy !== 'Halted' && vmSpec?.runStrategy !== 'Manual';
}

/**
 * The hostname of a VMI's pod, which its `vm.kubevirt.io/name` label also carries: `spec.hostname`, else the first
 * DNS label of the VMI's name cut to 63 characters (kubevirt pkg/util/net/dns/sanitize.go SanitizeHostname).
 */
export function kubevirtHostname(vmiName: string, specHostname: string | undefined): string {
  return specHostname ?? vmiName.split('.')[0].slice(0, 63);
}

/** A VM pool's member: its VMI's name, its pod's hostname and labels. */
export interface PoolMember {
  readonly vmi: string;
  readonly hostname: string;
  readonly labels: { [key: string]: string };
}

/**
 * Member `i` of a VirtualMachinePool: its VM and VMI `<pool>-<i>` (pool.go generateVMName; vm.go setupVMIFromVM), and
 * the labels of its pod: the pool template's (`labels`), with the VMI's hostname (the template's when it sets one, then
 * already in `labels`) and ID.
 */
export function kubevirtPoolMember(pool: string, i: number, labels: { readonly [key: string]: string }): PoolMember {
  const vmi = `${pool}-${i}`;
  const own: { [key: string]: string } = Object.assign({}, labels);
  const hostname = own[KUBEVIRT_VM_NAME_LABEL] ?? kubevirtHostname(vmi, undefined);
  own[KUBEVIRT_VM_NAME_LABEL] = hostname;
  if (vmi.length <= 63) own[KUBEVIRT_VMI_ID_LABEL] = vmi;
  return { vmi, hostname, labels: own };
}

/**
 * Whether a pod of a KubeVirt VMI replica set or VM pool may carry `value` in the label `key` (the VMI's ID or
 * hostname), which KubeVirt sets per VMI; `spec` is the replica set's or pool's. A pool's VMIs are `<pool>-<i>` for i
 * below its `spec.replicas` (default 1; a halted pool's VMs keep their names); a replica set's are `<base><5
 * characters>`, so their ID and hostname begin with the base (see the file comment). An ID of a name longer than 63
 * characters is its first 54 and a hash.
 */
export function kubevirtMemberLabelMatches(
  kind: string, name: string, spec: { [key: string]: any } | undefined, key: string, value: string,
): boolean {
  if (kind === 'VirtualMachineInstanceReplicaSet') {
    const meta = asRecord(asRecord(spec?.template)?.metadata);
    const base = nonEmptyString(meta?.name) ?? nonEmptyString(meta?.generateName) ?? name;
    if (key === KUBEVIRT_VMI_ID_LABEL) return value.length <= 63 && value.startsWith(base.slice(0, 54));
    const head = base.split('.')[0];
    return head !== base ? value === head.slice(0, 63) : value.length <= 63 && value.startsWith(base.slice(0, 63));
  }
  if (kind !== 'VirtualMachinePool') return false;
  const replicas = Math.max(0, Math.floor(asNumber(spec?.replicas) ?? 1));
  if (replicas === 0) return false;
  const prefix = `${name}-`;
  if (key === KUBEVIRT_VMI_ID_LABEL) {
    // Some member's name is longer than 63 characters: its ID is cut and hashed.
    if (value.length === 63 && `${prefix}${replicas - 1}`.length > 63 && value.startsWith(prefix.slice(0, 54))) return true;
  } else {
    const head = name.split('.')[0];
    // A pool name with a dot: every member's hostname is its first label; a long one: the hostname is cut to 63.
    if (head !== name) return value === head.slice(0, 63);
    if (value.length === 63 && prefix.startsWith(value)) return true;
  }
  if (value.length > 63 || !value.startsWith(prefix)) return false;
  const ordinal = value.slice(prefix.length);
  return /^(0|[1-9][0-9]{0,15})$/.test(ordinal) && Number(ordinal) < replicas;
}
