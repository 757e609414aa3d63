/**
 * Pods: real `Pod` objects and pods simulated from workload templates (dns-rules 10, 11, 13).
 *
 * - StatefulSet: `<sts>-<i>` for i = start..start+replicas-1 (`spec.ordinals.start`), hostname = pod name,
 *   subdomain = `spec.serviceName` (dns-rules 13).
 * - Deployment / ReplicaSet: `replicas` (default 1) pods named `<name>-<hash>-<suffix>` (stable, made up), with the
 *   template's hostname/subdomain. ReplicaSets owned by a Deployment in the input are skipped (it stands for them).
 * - DaemonSet: one pod (one simulated node).
 * - Argo Rollouts `Rollout` as a Deployment, OpenShift `DeploymentConfig` as `<name>-1-<suffix>`, prometheus-operator
 *   `Prometheus` / `Alertmanager` / `ThanosRuler` as their StatefulSets (`prometheus-<name>[-shard-<n>]-<i>`, ...),
 *   KubeVirt VMs, VMIs, VMI replica sets and VM pools as their virt-launcher pods (`virt-launcher-<vmi>-<suffix>`; a
 *   pool's VMIs are `<pool>-<i>`, each pod with its VMI's hostname and ID labels), other
 *   objects with a pod-shaped `spec.template` as `<name>-<suffix>`: see workload-kinds.ts.
 * - Container ports: the containers', then the native sidecars' (init containers with `restartPolicy: Always`).
 * - At most `MAX_SIMULATED_REPLICAS` pods per workload and `MAX_SIMULATED_PODS` in all; each cut is listed in `simulated`.
 * - A workload is not simulated when real Pods in the input name it as owner, directly or through their ReplicaSet
 *   or Job (in the input, or implied by its name when the input leaves it out; owners.ts): the input's Pods are the
 *   cluster's truth. A simulated pod never takes the namespace and name of a real Pod.
 * - Simulated pod IPs avoid every address written in the input (`reserved`: pod, endpoint and Service IPs).
 * - A Helm test Pod, or a Pod of a Helm test Job in the input, without `status` (well-known.ts isHelmTestRun) is kept,
 *   marked `helmTest`: it is an endpoint of no Service but a Helm test hook itself (endpoints.ts).
 * - Pods without `status` (synthesized YAML) are taken as Running and Ready with simulated IPs; pods with a `status`
 *   (a live export) are taken literally. Pod IPs come from the pod CIDR(s), one per family, allocated like ClusterIPs.
 * Pure.
 */
/* eslint-disable no-bitwise */
import { Cidr, IpFamily, parseIp } from './ip';
import { kubevirtPoolMember } from './kubevirt';
import { KubeObject, ManifestSource, asArray, builtinKind, mapDefined, asNumber, asRecord, nonEmptyString, stringMap, protocolOf } from './manifest';
import { ownerRefs, ownership } from './owners';
import { ContainerPortRecord, PodOrigin, PodRecord, SimulatedValue } from './records';
import { Allocator, extendHash, sortByNamespaceAndName, stableHash } from './services';
import { SimulatedLog } from './simulated-log';
import { isSimulatedKind, readWorkload, workloadKind, workloadRefOf } from './workload-kinds';
import { isHelmTestRun } from '../k8s-syntax/well-known';

/** Cap on simulated replicas per workload, so junk input cannot blow up the model. */
export const MAX_SIMULATED_REPLICAS = 1000;

/** Cap on simulated workload pods in the whole model (so a few kilobytes of YAML cannot ask for millions). */
export const MAX_SIMULATED_PODS = 100_000;

/** Pods left without an IP (full pod CIDR) get one `simulated` note each up to this many, then one summary note. */
const MAX_NO_IP_NOTES = 100;

/** A pod record before IP allocation: the final record, its `ips` set in place when `ipsSimulated`. */
type PodDraft = PodRecord & { ips: string[] };

/** An input object with its resolved namespace. */
export interface NamespacedObject {
  readonly object: KubeObject;
  readonly namespace: string;
  readonly source?: ManifestSource;
}

/** What a StatefulSet's spec says of its pods' ordinals (dns-rules 13): pods `start` to `start + replicas - 1`. */
export interface StatefulSetOrdinals {
  /** `spec.ordinals.start`, 0 when it is not set or no number. */
  readonly start: number;
  /** `spec.replicas`, 1 when it is not set or no number. */
  readonly replicas: number;
  /** Whether `spec.replicas` is set, not null (when it is not, an autoscaler may set it). */
  readonly replicasSet: boolean;
  /**
   * Whether `spec.replicas` or `spec.ordinals.start` is set but is no number (a `${REPLICAS}` that Flux substitutes):
   * then `start` and `replicas` say nothing of which pods exist.
   */
  readonly placeholder: boolean;
}

/** The ordinals of a StatefulSet's pods from its `spec`, as the model simulates them; every reader of them calls this. */
export function statefulSetOrdinals(spec: unknown): StatefulSetOrdinals {
  const s = asRecord(spec);
  const setReplicas = s?.replicas;
  const setStart = asRecord(s?.ordinals)?.start;
  const replicas = asNumber(setReplicas);
  const start = asNumber(setStart);
  return {
    start: Math.max(0, Math.floor(start ?? 0)),
    replicas: Math.max(0, Math.floor(replicas ?? 1)),
    replicasSet: setReplicas != null,
    placeholder: (setReplicas != null && replicas === undefined) || (setStart != null && start === undefined),
  };
}

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const DIGITS = '0123456789';

function suffix(seed: string, length: number): string {
  return suffixOfHash(stableHash(seed), length);
}

/**
 * `suffix(seed, length)` from `stableHash(seed)`: the hash of `${seed}${i}` continues the seed's hash (FNV-1a), so the
 * seed is hashed once.
 */
function suffixOfHash(seedHash: number, length: number): string {
  let h = seedHash;
  let out = '';
  for (let i = 0; i < length; i++) {
    out += SUFFIX_ALPHABET[h % SUFFIX_ALPHABET.length];
    h = Math.floor(h / SUFFIX_ALPHABET.length) ^ extendHash(seedHash, i < 10 ? DIGITS[i] : String(i));
    h >>>= 0;
  }
  return out;
}

/**
 * The declared ports of the containers, then of the native sidecars (init containers with `restartPolicy: Always`),
 * in the order the endpoint controllers look a named targetPort up (k8s.io/endpointslice utils.go FindPort). Init
 * containers that run to completion serve nothing.
 */
function containerPorts(podSpec: { [key: string]: any }): ContainerPortRecord[] {
  const init = asArray(podSpec.initContainers);
  const containers = asArray(podSpec.containers);
  // Most pods have one container with ports: its list as is (exactly as long, see mapDefined).
  if (init.length === 0 && containers.length === 1) return mapDefined(asArray(asRecord(containers[0])?.ports), containerPort);
  const out: ContainerPortRecord[] = [];
  for (const list of [containers, init]) {
    for (const c of list) {
      if (list === init && asRecord(c)?.restartPolicy !== 'Always') continue;
      for (const p of asArray(asRecord(c)?.ports)) {
        const port = containerPort(p);
        if (port) out.push(port);
      }
    }
  }
  return out;
}

/** One entry of a container's `ports` (undefined for junk or without a `containerPort`). */
function containerPort(p: unknown): ContainerPortRecord | undefined {
  const pr = asRecord(p);
  const port = asNumber(pr?.containerPort);
  if (!pr || port === undefined) return undefined;
  return { name: nonEmptyString(pr.name), containerPort: port, protocol: protocolOf(pr.protocol) };
}

/** Whether `buildPods` reads the object: a real Pod, or a workload whose pods it simulates (src/model/workload-kinds.ts). */
export function isPodSource(obj: KubeObject): boolean {
  return builtinKind(obj) === 'Pod' || isSimulatedKind(obj);
}

/** Reads real Pods and simulates workload pods; allocates simulated pod IPs. */
export function buildPods(
  objects: readonly NamespacedObject[], podCidrs: readonly Cidr[], simulated: SimulatedValue[], reserved: Iterable<string> = [],
  maxSimulatedPods: number = MAX_SIMULATED_PODS,
): PodRecord[] {
  const sources: NamespacedObject[] = [];
  for (const o of objects) if (isPodSource(o.object)) sources.push(o);
  const log = new SimulatedLog();
  const pods = buildPodsOf(sources, podCidrs, log, [Array.from(reserved)], maxSimulatedPods);
  log.materialize(simulated);
  return pods;
}

/**
 * `buildPods` over the objects already known to be pod sources (`isPodSource`), in input order (the
 * model's one pass over the objects collects them). The simulated values go to `log`; `reserved` lists the addresses
 * simulated ones must not reuse (besides the real pods' IPs), in as many collections as the caller has them.
 */
export function buildPodsOf(
  sources: readonly NamespacedObject[], podCidrs: readonly Cidr[], log: SimulatedLog, reserved: readonly Iterable<string>[],
  maxSimulatedPods: number = MAX_SIMULATED_PODS,
): PodRecord[] {
  const drafts: PodDraft[] = [];
  let simulatedPods = 0;
  const kinds: (string | undefined)[] = sources.map((o) => (builtinKind(o.object) === 'Pod' ? 'Pod' : workloadKind(o.object)));
  // Live exports (owners.ts): a workload whose real Pods are in the input is not simulated (`owned`), and neither is a
  // workload whose owner is in the input (a ReplicaSet of a Deployment or Rollout, the StatefulSet of a Prometheus: the
  // owner stands for it; `presentOwners`).
  const { owned, presentOwners } = ownership(sources, kinds);
  // A simulated pod never doubles a real Pod of the same namespace and name (an orphan Pod `web-0` is adopted by
  // StatefulSet `web`, which creates no second `web-0`).
  let realPodNames: Set<string> | undefined;
  // A Rollout with spec.workloadRef runs the referenced workload's template (which it scales down): the Rollout stands
  // for its pods. `lookup` finds that workload.
  const superseded = new Set<string>();
  const lookup = new Map<string, KubeObject>();
  sources.forEach(({ object, namespace }, i) => {
    const ref = workloadRefOf(object);
    if (ref !== undefined) superseded.add(`${namespace}/${ref}`);
    const name = nonEmptyString(asRecord(object.metadata)?.name);
    if (name && (kinds[i] === 'Deployment' || kinds[i] === 'ReplicaSet')) lookup.set(`${namespace}/${kinds[i]}/${name}`, object);
  });
  sources.forEach(({ object, namespace }, i) => {
    const name = kinds[i] === 'Pod' ? nonEmptyString(asRecord(object.metadata)?.name) : undefined;
    if (name) (realPodNames ??= new Set()).add(`${namespace}/${name}`);
  });
  // the Helm test Jobs (scan.ts adds them only), the owners that make their Pods test runs
  let testJobs: Map<string, KubeObject> | undefined;
  sources.forEach(({ object, namespace }, i) => {
    const name = kinds[i] === 'Job' ? nonEmptyString(asRecord(object.metadata)?.name) : undefined;
    if (name) (testJobs ??= new Map()).set(`${namespace}/${name}`, object);
  });

  for (let oi = 0; oi < sources.length; oi++) {
    const { object, namespace, source } = sources[oi];
    const kind = kinds[oi];
    const name = nonEmptyString(asRecord(object.metadata)?.name);
    if (!name) continue;
    if (kind === 'Pod') {
      const job = testJobs && ownerRefs(object).find((r) => r.kind === 'Job' && testJobs!.has(`${namespace}/${r.name}`));
      drafts.push(realPod(object, name, namespace, source, job ? testJobs!.get(`${namespace}/${job.name}`) : undefined));
      continue;
    }
    if (kind === undefined) continue;
    if (owned.size > 0 && owned.has(`${namespace}/${kind}/${name}`)) continue;
    if (presentOwners.size > 0 && (presentOwners.get(`${namespace}/${kind}/${name}`)?.length ?? 0) > 0) continue;
    if (superseded.size > 0 && superseded.has(`${namespace}/${kind}/${name}`)) continue;
    const workload = readWorkload(object, kind, namespace, (ns, k, n) => lookup.get(`${ns}/${k}/${n}`));
    if (!workload || !workload.simulated) continue;
    const podSpec = workload.podSpec;
    const sets = workload.sets;
    const replicasRaw = workload.naming === 'DaemonSet' ? 1 : (workload.replicas ?? 1);
    const perSet = Math.max(0, Math.min(MAX_SIMULATED_REPLICAS, Math.floor(replicasRaw)));
    let replicas = perSet * sets.length;
    if (replicasRaw > MAX_SIMULATED_REPLICAS) {
      log.note({
        kind: 'Pod',
        object: `${kind} ${namespace}/${name}`,
        value: String(MAX_SIMULATED_REPLICAS),
        text: `${kind} ${namespace}/${name}: replicas capped at ${MAX_SIMULATED_REPLICAS} (spec.replicas is ${replicasRaw}; only ${MAX_SIMULATED_REPLICAS} pods are simulated)`,
      });
    }
    if (simulatedPods + replicas > maxSimulatedPods) {
      log.note({
        kind: 'Pod',
        object: `${kind} ${namespace}/${name}`,
        value: String(Math.max(0, maxSimulatedPods - simulatedPods)),
        text: `${kind} ${namespace}/${name}: only ${Math.max(0, maxSimulatedPods - simulatedPods)} of ${replicas} pods simulated (cap of ${maxSimulatedPods} simulated pods in the model)`,
      });
      replicas = Math.max(0, maxSimulatedPods - simulatedPods);
    }
    simulatedPods += replicas;
    if (replicas === 0) continue;
    const start = kind === 'StatefulSet' ? statefulSetOrdinals(object.spec).start : 0;
    const ports = containerPorts(podSpec);
    const hash = suffix(`${namespace}/${kind}/${name}`, 10);
    // The seed of pod i's suffix is `${hash}/${i}`: hash its common prefix once.
    const hashSlash = stableHash(`${hash}/`);
    const templateHostname = nonEmptyString(podSpec.hostname);
    const templateSubdomain = nonEmptyString(podSpec.subdomain);
    const origin = kind as PodOrigin;
    for (let i = 0; i < replicas; i++) {
      const set = sets.length === 1 ? sets[0] : sets[Math.floor(i / perSet)];
      const ordinal = start + (sets.length === 1 ? i : i % perSet);
      let podName: string;
      let hostname = templateHostname;
      let subdomain = templateSubdomain;
      let podLabels: { [key: string]: string } = set.labels;
      if (workload.naming === 'StatefulSet') {
        // dns-rules 13: <sts>-<ordinal>, hostname = pod name, subdomain = serviceName.
        podName = `${set.prefix}-${ordinal}`;
        hostname = podName;
        subdomain = workload.subdomain;
        // The StatefulSet controller labels every pod with its name and ordinal, so a Service can select one pod
        // (kubernetes/api apps/v1 StatefulSetPodNameLabel, PodIndexLabel).
        // (Object.assign, not a spread: the same object here, many times faster in V8 for these label maps.)
        podLabels = Object.assign({}, set.labels);
        podLabels['statefulset.kubernetes.io/pod-name'] = podName;
        podLabels['apps.kubernetes.io/pod-index'] = String(ordinal);
      } else if (workload.naming === 'VirtualMachinePool') {
        // The pool's VMI <pool>-<i> runs in virt-launcher-<vmi>-<suffix>, with its hostname and ID.
        const member = kubevirtPoolMember(name, ordinal, set.labels);
        podName = `virt-launcher-${member.vmi}-${suffixOfHash(extendHash(hashSlash, String(i)), 5)}`;
        podLabels = member.labels;
        if (subdomain) hostname = member.hostname;
      } else {
        const podSuffix = suffixOfHash(extendHash(hashSlash, String(i)), 5);
        podName = workload.naming === 'Deployment' ? `${set.prefix}-${hash}-${podSuffix}` : `${set.prefix}-${podSuffix}`;
      }
      if (realPodNames !== undefined && realPodNames.has(`${namespace}/${podName}`)) continue;
      const record: PodDraft = {
        namespace,
        name: podName,
        labels: podLabels,
        hostname,
        subdomain,
        phase: 'Running',
        ready: true,
        terminating: false,
        containerPorts: ports,
        origin,
        owner: name,
        simulated: true,
        source,
        ips: [],
        ipsSimulated: true,
      };
      drafts.push(record);
      log.pod(record);
    }
  }
  return allocatePodIps(drafts, podCidrs, log, reserved);
}

/**
 * Sorts the pods by `ns/name` and allocates the simulated pod IPs in that order, one per pod-CIDR family (a function
 * of its own, so that V8 optimizes the loops of `buildPodsOf` and this one separately).
 */
function allocatePodIps(
  drafts: readonly PodDraft[], podCidrs: readonly Cidr[], log: SimulatedLog, reserved: readonly Iterable<string>[],
): PodRecord[] {
  const taken = [...reserved];
  for (let i = 0; i < drafts.length; i++) if (!drafts[i].ipsSimulated && drafts[i].ips.length > 0) taken.push(drafts[i].ips);
  const allocators: Allocator[] = [];
  const seen = new Set<IpFamily>();
  for (const c of podCidrs) {
    if (seen.has(c.family)) continue;
    seen.add(c.family);
    allocators.push(new Allocator(c, chain(taken)));
  }
  const out: PodRecord[] = sortByNamespaceAndName(drafts, (d) => d.namespace, (d) => d.name);
  let noIp = 0;
  let hashNs: string | undefined;
  let nsHash = 0;
  for (let i = 0; i < out.length; i++) { // indexed: see scan.ts
    const d = out[i] as PodDraft;
    if (!d.ipsSimulated) continue;
    if (d.namespace !== hashNs) {
      hashNs = d.namespace;
      nsHash = stableHash(`${hashNs}/`);
    }
    const h1 = extendHash(nsHash, d.name); // stableHash(`${ns}/${name}`), the allocation seed
    const ips = mapDefined(allocators, (a) => a.allocateHashed(h1));
    d.ips = ips;
    if (ips.length > 0) log.podIps(d);
    if (ips.length === 0 && allocators.length > 0) {
      // The pod CIDR is full: the pod gets no IP (and so no endpoint). Say so instead of dropping it silently.
      noIp++;
      if (noIp <= MAX_NO_IP_NOTES) {
        const key = `${d.namespace}/${d.name}`;
        log.note({ kind: 'PodIP', object: `Pod ${key}`, value: '', text: `${key}: Pod has no IP (simulated: the pod CIDR ${podCidrs.map((c) => c.text).join(',')} is full)` });
      }
    }
  }
  if (noIp > MAX_NO_IP_NOTES) {
    log.note({
      kind: 'PodIP',
      object: 'Pods',
      value: '',
      text: `${noIp - MAX_NO_IP_NOTES} more pod(s) have no IP (simulated: the pod CIDR ${podCidrs.map((c) => c.text).join(',')} is full)`,
    });
  }
  return out;
}

function* chain<T>(lists: readonly Iterable<T>[]): Iterable<T> {
  for (const l of lists) yield* l;
}

/** The record of a real Pod; `owner` is its Job when the input holds a Helm test Job that owns it. */
function realPod(object: KubeObject, name: string, namespace: string, source: ManifestSource | undefined, owner?: KubeObject): PodDraft {
  const spec = asRecord(object.spec) ?? {};
  const status = asRecord(object.status);
  const metadata = asRecord(object.metadata);
  const labels = stringMap(metadata?.labels);
  const terminating = metadata?.deletionTimestamp != null;
  const hostname = nonEmptyString(spec.hostname);
  const subdomain = nonEmptyString(spec.subdomain);
  const ports = containerPorts(spec);
  // Synthesized YAML (no status): the pod would be scheduled, get an IP and become Ready. A live export's status is
  // taken literally.
  let phase: string | undefined = 'Running';
  let ready = true;
  const ips: string[] = [];
  if (status) {
    for (const p of asArray(status.podIPs)) {
      const ip = parseIp(asRecord(p)?.ip);
      if (ip && !ips.includes(ip.text)) ips.push(ip.text);
    }
    const single = parseIp(status.podIP);
    if (single && !ips.includes(single.text)) ips.unshift(single.text);
    phase = nonEmptyString(status.phase);
    ready = asArray(status.conditions).some((c) => asRecord(c)?.type === 'Ready' && asRecord(c)?.status === 'True');
  }
  // Key order as before: the record fields, then phase and ready, then ips.
  return {
    namespace,
    name,
    labels,
    hostname,
    subdomain,
    terminating,
    containerPorts: ports,
    origin: 'Pod',
    simulated: false,
    source,
    phase,
    ready,
    ips,
    ipsSimulated: !status,
    ...(isHelmTestRun(object, owner) ? { helmTest: true } : {}),
  };
}
