/**
 * The cluster model: the indexes cluster DNS (and the Service checker) need, built from Kubernetes objects.
 * Pure: no fs, no cdk8s. Never throws on malformed objects: fields of the wrong type count as absent.
 *
 * Build:
 * - `ClusterModel.fromObjects(objects, options?)`: plain objects (`kind: List` items are expanded, one level).
 * - `ClusterModel.fromDocuments(docs, options?)`: `ManifestDocument`s from `load.ts` (sources kept for messages).
 *
 * Options (`ClusterModelOptions`): `defaultNamespace` ('default'), `clusterDomain` ('cluster.local'),
 * `serviceCidr` ('10.96.0.0/12', comma-separated for dual-stack), `podCidr` ('10.244.0.0/16'), `pods`
 * ('disabled' | 'insecure' | 'verified'), `endpointPodNames` (false). Read back as `model.options` (resolved).
 *
 * Queries (all Map look-ups, results sorted):
 * - `service(ns, name)`, `services()`, `servicesIn(ns)`, `servicesByClusterIp(ip)`
 * - `endpointSlices(ns, service)`: the slices cluster DNS sees for a Service (input / mirrored / derived, see
 *   endpoints.ts); `inputEndpointSlices(ns, service)`: only those in the input.
 * - `readyEndpointsByIp(ip)`: ready endpoints on an IP, with their Service name and slice (PTR, dns-rules 37);
 *   `readyEndpointIps()`: every such IP.
 * - `pods()`, `podsIn(ns)`, `podsByIp(ip)`: real and simulated pods.
 * - `namespaceExists(ns)`, `namespaces()` (dns-rules 14 guidance).
 * - `simulated`: every value the model made up (ClusterIPs, pods, pod IPs, derived slices).
 * - `objects`: every object read, with namespace and source.
 */
import { deriveSlices, isMirroredSlice, mirrorEndpoints, readEndpointSlice } from './endpoints';
import { IpFamily, parseCidrList, parseIp } from './ip';
import { endpointSliceKey } from './keys';
import { KubeObject, ManifestDocument, ManifestSource, arr, builtinKind, rec, str } from './manifest';
import { buildPods, NamespacedObject } from './pods';
import {
  ClusterModelOptions, EndpointRecord, EndpointSliceRecord, PodRecord, ResolvedModelOptions, ServiceRecord, SimulatedValue,
} from './records';
import { allocateClusterIps, cmp, PendingService, readService } from './services';

export * from './records';

/** A ready endpoint on an IP and where it is published. */
export interface EndpointOnIp {
  readonly namespace: string;
  readonly serviceName: string;
  readonly endpoint: EndpointRecord;
  readonly slice: EndpointSliceRecord;
}

/** Namespaces that exist in every cluster (dns-rules 14 guidance). */
export const BUILTIN_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** Kinds without a namespace: their objects do not make a namespace exist. */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'StorageClass', 'PriorityClass', 'IngressClass', 'RuntimeClass', 'APIService', 'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'List',
]);

/** Resolves options against defaults. Junk values fall back to the default. */
export function resolveModelOptions(options: ClusterModelOptions = {}): ResolvedModelOptions {
  const domain = (str(options.clusterDomain) ?? 'cluster.local').toLowerCase().replace(/\.+$/, '').replace(/^\.+/, '');
  const pods = options.pods === 'insecure' || options.pods === 'verified' ? options.pods : 'disabled';
  const serviceCidr = str(options.serviceCidr) && parseCidrList(options.serviceCidr!).length > 0 ? options.serviceCidr! : '10.96.0.0/12';
  const podCidr = str(options.podCidr) && parseCidrList(options.podCidr!).length > 0 ? options.podCidr! : '10.244.0.0/16';
  return {
    defaultNamespace: str(options.defaultNamespace) ?? 'default',
    clusterDomain: domain || 'cluster.local',
    serviceCidr,
    podCidr,
    pods,
    endpointPodNames: options.endpointPodNames === true,
  };
}

/** The cluster as cluster DNS would see it. */
export class ClusterModel {
  /** From plain objects (items of `kind: List` expanded). */
  public static fromObjects(objects: readonly unknown[], options?: ClusterModelOptions): ClusterModel {
    const docs: ManifestDocument[] = [];
    arr(objects).forEach((o, i) => {
      if (rec(o)) docs.push({ object: o as KubeObject, source: { file: '<objects>', document: i + 1 } });
    });
    return new ClusterModel(docs, options);
  }

  /** From loaded documents. */
  public static fromDocuments(docs: readonly ManifestDocument[], options?: ClusterModelOptions): ClusterModel {
    return new ClusterModel(docs, options);
  }

  public readonly options: ResolvedModelOptions;
  /** Every object read, with its effective namespace. */
  public readonly objects: readonly NamespacedObject[];
  /** Every value the model made up, sorted by text. */
  public readonly simulated: readonly SimulatedValue[];

  private readonly servicesByKey = new Map<string, ServiceRecord>();
  private readonly servicesByNs = new Map<string, ServiceRecord[]>();
  private readonly sortedServices: ServiceRecord[];
  private readonly byClusterIp = new Map<string, ServiceRecord[]>();
  private readonly inputSlices = new Map<string, EndpointSliceRecord[]>();
  private readonly effectiveSlices = new Map<string, EndpointSliceRecord[]>();
  private readonly readyByIp = new Map<string, EndpointOnIp[]>();
  private readonly allPods: PodRecord[];
  private readonly podsByNs = new Map<string, PodRecord[]>();
  /** `ns` + NUL + `key=value` -> pods with that label (selector matching without scans). */
  private readonly podsByLabel = new Map<string, PodRecord[]>();
  private readonly podIpIndex = new Map<string, PodRecord[]>();
  private readonly namespaceSet = new Set<string>(BUILTIN_NAMESPACES);

  private constructor(docs: readonly ManifestDocument[], options?: ClusterModelOptions) {
    this.options = resolveModelOptions(options);
    const simulated: SimulatedValue[] = [];
    const objects = this.expand(docs);
    this.objects = objects;
    this.namespaceSet.add(this.options.defaultNamespace);
    for (const o of objects) {
      if (builtinKind(o.object) === 'Namespace') {
        const name = str(rec(o.object.metadata)?.name);
        if (name) this.namespaceSet.add(name);
      } else if (!CLUSTER_SCOPED.has(str(o.object.kind) ?? '')) {
        this.namespaceSet.add(o.namespace);
      }
    }

    // Services and their ClusterIPs (dns-rules 6).
    const serviceCidrs = parseCidrList(this.options.serviceCidr);
    const families: IpFamily[] = [];
    for (const c of serviceCidrs) if (!families.includes(c.family)) families.push(c.family);
    const pending: PendingService[] = [];
    const seen = new Set<string>();
    for (const o of objects) {
      if (builtinKind(o.object) !== 'Service') continue;
      const p = readService(o.object, o.namespace, o.source, families);
      if (!p) continue;
      const key = `${o.namespace}/${p.record.name}`;
      if (seen.has(key)) continue; // first definition wins
      seen.add(key);
      pending.push(p);
    }
    // Simulated addresses never reuse one written in the input (endpoints, pod IPs, ClusterIPs).
    const written = inputAddresses(objects);
    this.sortedServices = allocateClusterIps(pending, serviceCidrs, simulated, written);
    for (const s of this.sortedServices) {
      this.servicesByKey.set(`${s.namespace}/${s.name}`, s);
      push(this.servicesByNs, s.namespace, s);
      for (const ip of s.clusterIPs) push(this.byClusterIp, ip, s);
    }

    // Pods (real and simulated).
    for (const svc of this.sortedServices) for (const ip of svc.clusterIPs) written.add(ip);
    this.allPods = buildPods(objects, parseCidrList(this.options.podCidr), simulated, written);
    for (const p of this.allPods) {
      push(this.podsByNs, p.namespace, p);
      for (const [k, v] of Object.entries(p.labels)) push(this.podsByLabel, `${p.namespace}\0${k}=${v}`, p);
      for (const ip of p.ips) push(this.podIpIndex, ip, p);
    }

    // EndpointSlices: input (dns-rules 7), mirrored (dns-rules 9), derived (dns-rules 10-12).
    const hasMirroredInput = new Set<string>();
    for (const o of objects) {
      if (builtinKind(o.object) !== 'EndpointSlice') continue;
      const slice = readEndpointSlice(o.object, o.namespace, o.source);
      if (!slice) continue;
      const key = endpointSliceKey(slice.namespace, slice.serviceName);
      push(this.inputSlices, key, slice);
      if (isMirroredSlice(o.object)) hasMirroredInput.add(key);
    }
    for (const [key, slices] of this.inputSlices) this.effectiveSlices.set(key, [...slices]);
    for (const o of objects) {
      if (builtinKind(o.object) !== 'Endpoints') continue;
      const name = str(rec(o.object.metadata)?.name);
      const svc = name ? this.servicesByKey.get(`${o.namespace}/${name}`) : undefined;
      if (!svc) continue; // dns-rules 9: not mirrored when the Service is missing
      const key = endpointSliceKey(o.namespace, svc.name);
      if (hasMirroredInput.has(key)) continue;
      for (const s of mirrorEndpoints(o.object, svc, o.source)) push(this.effectiveSlices, key, s);
    }
    for (const svc of this.sortedServices) {
      const key = endpointSliceKey(svc.namespace, svc.name);
      if (this.inputSlices.has(key) || !svc.selector) continue;
      const derived = deriveSlices(svc, this.selectorCandidates(svc.namespace, svc.selector));
      for (const s of derived) {
        push(this.effectiveSlices, key, s);
        simulated.push({
          kind: 'EndpointSlice',
          object: `Service ${key}`,
          value: s.name,
          text: `${s.name}: EndpointSlice of Service ${key} (simulated from ${s.endpoints.length} matching pod(s))`,
        });
      }
    }
    for (const slices of this.effectiveSlices.values()) {
      for (const slice of slices) {
        for (const e of slice.endpoints) {
          if (!e.ready) continue;
          push(this.readyByIp, e.ip, { namespace: slice.namespace, serviceName: slice.serviceName, endpoint: e, slice });
        }
      }
    }
    this.simulated = simulated.sort((a, b) => cmp(a.text, b.text));
  }

  /** The Service `ns/name`, if any. */
  public service(namespace: string, name: string): ServiceRecord | undefined {
    return this.servicesByKey.get(`${namespace}/${name}`);
  }

  /** Every Service, sorted by namespace and name. */
  public services(): readonly ServiceRecord[] {
    return this.sortedServices;
  }

  /** The Services of a namespace, sorted by name. */
  public servicesIn(namespace: string): readonly ServiceRecord[] {
    return this.servicesByNs.get(namespace) ?? [];
  }

  /** Services with this ClusterIP (canonical text), sorted. */
  public servicesByClusterIp(ip: string): readonly ServiceRecord[] {
    const p = parseIp(ip);
    return p ? this.byClusterIp.get(p.text) ?? [] : [];
  }

  /** The slices cluster DNS sees for a Service (input, or mirrored, or derived). */
  public endpointSlices(namespace: string, serviceName: string): readonly EndpointSliceRecord[] {
    return this.effectiveSlices.get(endpointSliceKey(namespace, serviceName)) ?? [];
  }

  /** Only the slices of the input labelled for this Service. */
  public inputEndpointSlices(namespace: string, serviceName: string): readonly EndpointSliceRecord[] {
    return this.inputSlices.get(endpointSliceKey(namespace, serviceName)) ?? [];
  }

  /** Ready endpoints on an IP, in slice order. */
  public readyEndpointsByIp(ip: string): readonly EndpointOnIp[] {
    const p = parseIp(ip);
    return p ? this.readyByIp.get(p.text) ?? [] : [];
  }

  /** Every IP with a ready endpoint (in any slice, also one labelled for a missing Service), sorted. */
  public readyEndpointIps(): readonly string[] {
    return [...this.readyByIp.keys()].sort(cmp);
  }

  /** Every pod (real and simulated), sorted by namespace and name. */
  public pods(): readonly PodRecord[] {
    return this.allPods;
  }

  /** The pods of a namespace. */
  public podsIn(namespace: string): readonly PodRecord[] {
    return this.podsByNs.get(namespace) ?? [];
  }

  /** Pods with this IP. */
  public podsByIp(ip: string): readonly PodRecord[] {
    const p = parseIp(ip);
    return p ? this.podIpIndex.get(p.text) ?? [] : [];
  }

  /** Whether the namespace exists (dns-rules 14 guidance). */
  public namespaceExists(namespace: string): boolean {
    return this.namespaceSet.has(namespace);
  }

  /** Every existing namespace, sorted. */
  public namespaces(): readonly string[] {
    return [...this.namespaceSet].sort(cmp);
  }

  /** Pods of a namespace that may match a selector: the shortest per-label list (the caller checks every label). */
  private selectorCandidates(namespace: string, selector: { readonly [key: string]: string }): readonly PodRecord[] {
    let best: readonly PodRecord[] | undefined;
    for (const [k, v] of Object.entries(selector)) {
      const list = this.podsByLabel.get(`${namespace}\0${k}=${v}`) ?? [];
      if (best === undefined || list.length < best.length) best = list;
    }
    return best ?? [];
  }

  /**
   * Flattens lists, one level only (kubectl never nests Lists; a List inside a List is ignored, so YAML aliases or a
   * List containing itself cannot blow up); an object given twice (same kind, namespace and name, e.g.
   * `-f dist/ -f dist/app.yaml`) counts once, and so does a List given twice (the same object).
   */
  private expand(docs: readonly ManifestDocument[]): NamespacedObject[] {
    const out: NamespacedObject[] = [];
    const seen = new Set<string>();
    const visitedLists = new Set<object>();
    const add = (object: unknown, source: ManifestSource, nested: boolean) => {
      const o = rec(object) as KubeObject | undefined;
      if (!o) return;
      if (isListObject(o)) {
        if (nested || visitedLists.has(o)) return;
        visitedLists.add(o);
        arr(o.items).forEach((item, i) => add(item, { ...source, item: i }, true));
        return;
      }
      const namespace = str(rec(o.metadata)?.namespace) ?? this.options.defaultNamespace;
      const name = str(rec(o.metadata)?.name);
      if (name !== undefined && typeof o.kind === 'string') {
        const key = `${str(o.apiVersion) ?? ''}\0${o.kind}\0${namespace}\0${name}`;
        if (seen.has(key)) return; // first definition wins
        seen.add(key);
      }
      out.push({ object: o, namespace, source });
    };
    for (const d of arr(docs)) add(rec(d)?.object, rec(d)?.source ?? { file: '<objects>', document: 0 }, false);
    return out;
  }
}

/** `kind: List`, or a `*List` kind with an `items` array. */
function isListObject(o: KubeObject): boolean {
  return o.kind === 'List' || (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items));
}

/** Every IP address written in EndpointSlices, Endpoints and Pod statuses of the input (canonical text). */
function inputAddresses(objects: readonly NamespacedObject[]): Set<string> {
  const out = new Set<string>();
  const add = (v: unknown) => {
    const ip = parseIp(v);
    if (ip) out.add(ip.text);
  };
  for (const { object } of objects) {
    const kind = builtinKind(object);
    if (kind === 'EndpointSlice') {for (const e of arr(object.endpoints)) arr(rec(e)?.addresses).forEach(add);} else if (kind === 'Endpoints') {
      for (const s of arr(object.subsets)) {
        for (const a of [...arr(rec(s)?.addresses), ...arr(rec(s)?.notReadyAddresses)]) add(rec(a)?.ip);
      }
    } else if (kind === 'Pod') {
      const status = rec(object.status);
      add(status?.podIP);
      for (const p of arr(status?.podIPs)) add(rec(p)?.ip);
    }
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
