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
 * ('disabled' | 'insecure' | 'verified'), `endpointPodNames` (false). Read back as `model.options` (resolved). A value
 * that breaks its rule throws `ModelOptionsError` (model-options.ts), never falls back to the default.
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
 * - `objects`: every object read, with namespace and source; an object defined twice (same API group, kind, namespace and
 *   name) is read from its last definition, as `kubectl apply` leaves it, and listed in `redefined`.
 *
 * Cost: one pass over the objects builds the Services (with ClusterIPs), the input EndpointSlices and the namespaces.
 * Pods (`pods()`, derived slices), each Service's effective slices, the per-IP indexes and the sorted `simulated`
 * list are built on first use (the checker reads few of them); answers are the same whichever query comes first.
 */
import { cmp } from './compare';
import { EffectiveSlices } from './effective-slices';
import { deriveSlices, isMirroredSlice, readEndpointSlice } from './endpoints';
import { expandDocuments, RedefinedObject } from './expand';
import { indexPods, NsNameMap, SliceIndex } from './indexes';
import { IpFamily, parseCidrList, parseIp } from './ip';
import { endpointSliceKey } from './keys';
import { KubeObject, ManifestDocument, asArray, asRecord } from './manifest';
import { resolveModelOptions } from './model-options';
import { buildPodsOf, NamespacedObject } from './pods';
import {
  ClusterModelOptions, EndpointRecord, EndpointSliceRecord, PodRecord, ResolvedModelOptions, ServiceRecord, SimulatedValue,
} from './records';
import { scanObjects } from './scan';
import { allocateClusterIpsLogged, readServices } from './services';
import { SimulatedLog } from './simulated-log';

export * from './records';
export type { RedefinedObject } from './expand';

/** A ready endpoint on an IP and where it is published. */
export interface EndpointOnIp {
  readonly namespace: string;
  readonly serviceName: string;
  readonly endpoint: EndpointRecord;
  readonly slice: EndpointSliceRecord;
}

/** Namespaces that exist in every cluster (dns-rules 14 guidance). */
export const BUILTIN_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export { resolveModelOptions } from './model-options';

/** The pods (real and simulated), built on first use (`ClusterModel.podState`). */
interface PodState {
  /** The pods and pod IPs the model made up (`simulated` writes them out and sorts them on first use). */
  readonly simulated: SimulatedLog;
  readonly allPods: readonly PodRecord[];
  readonly podsByNs: Map<string, PodRecord[]>;
  /** ns -> label key -> label value -> pods with that label (selector matching without scans). */
  readonly podsByLabel: Map<string, Map<string, Map<string, PodRecord[]>>>;
}

/** The cluster as cluster DNS would see it. */
export class ClusterModel {
  /** From plain objects (items of `kind: List` expanded). */
  public static fromObjects(objects: readonly unknown[], options?: ClusterModelOptions): ClusterModel {
    const docs: ManifestDocument[] = [];
    asArray(objects).forEach((o, i) => {
      if (asRecord(o)) docs.push({ object: o as KubeObject, source: { file: '<objects>', document: i + 1 } });
    });
    return new ClusterModel(docs, options);
  }

  /** From loaded documents. */
  public static fromDocuments(docs: readonly ManifestDocument[], options?: ClusterModelOptions): ClusterModel {
    return new ClusterModel(docs, options);
  }

  public readonly options: ResolvedModelOptions;
  /** Every object read, with its effective namespace: of an object defined twice, only the last definition. */
  public readonly objects: readonly NamespacedObject[];
  /** The objects defined more than once in the input (same API group, kind, namespace and name), with every definition. */
  public readonly redefined: readonly RedefinedObject[];

  private readonly servicesByName = new NsNameMap<ServiceRecord>();
  private readonly servicesByNs = new Map<string, ServiceRecord[]>();
  private readonly sortedServices: ServiceRecord[];
  private readonly inputSlices = new SliceIndex();
  private readonly namespaceSet = new Set<string>(BUILTIN_NAMESPACES);
  /** Input slices written by the mirroring controller, by `endpointSliceKey`. */
  private readonly hasMirroredInput = new Set<string>();
  /** The objects `buildPods` reads and the v1 Endpoints, in input order (from the one pass over the objects). */
  private readonly podSources: NamespacedObject[];
  private readonly endpointsObjects: NamespacedObject[];
  /** Addresses simulated ones must not reuse: every address written in the input (and the ClusterIPs). */
  private readonly written: Set<string>;
  private readonly clusterIpSimulated = new SimulatedLog();
  // Built on first use (each a pure function of the above, so answers do not depend on the order of calls).
  private podStateValue?: PodState;
  /** The slices cluster DNS sees per Service, worked out per Service on first use. */
  private readonly effectiveSlices: EffectiveSlices;
  private sortedSimulated?: readonly SimulatedValue[];
  private byClusterIpIndex?: Map<string, ServiceRecord[]>;
  private readyByIpIndex?: Map<string, EndpointOnIp[]>;
  private podIpIndexMap?: Map<string, PodRecord[]>;

  private constructor(docs: readonly ManifestDocument[], options?: ClusterModelOptions) {
    this.options = resolveModelOptions(options);
    const { objects, redefined } = expandDocuments(docs, this.options.defaultNamespace);
    this.objects = objects;
    this.redefined = redefined;
    this.namespaceSet.add(this.options.defaultNamespace);

    // One pass over the objects: namespaces, the objects of each kind the model reads, the addresses written.
    const scanned = scanObjects(objects, this.namespaceSet);
    const written = scanned.written;
    this.podSources = scanned.podSources;
    this.endpointsObjects = scanned.endpoints;

    // Services and their ClusterIPs (dns-rules 6).
    const serviceCidrs = parseCidrList(this.options.serviceCidr);
    const families: IpFamily[] = [];
    for (const c of serviceCidrs) if (!families.includes(c.family)) families.push(c.family);
    const pending = readServices(scanned.services, families);
    this.sortedServices = allocateClusterIpsLogged(pending, serviceCidrs, this.clusterIpSimulated, written);
    let nsList: ServiceRecord[] | undefined;
    for (let i = 0; i < this.sortedServices.length; i++) {
      const s = this.sortedServices[i];
      // Sorted by `ns/name`: a namespace's Services are (almost always) consecutive.
      if (nsList === undefined || nsList[0].namespace !== s.namespace) {
        nsList = this.servicesByNs.get(s.namespace);
        if (!nsList) this.servicesByNs.set(s.namespace, (nsList = []));
      }
      nsList.push(s);
      this.servicesByName.set(s.namespace, s.name, s);
    }
    this.written = written;

    // Input EndpointSlices (dns-rules 7).
    for (let i = 0; i < scanned.slices.length; i++) {
      const o = scanned.slices[i];
      const slice = readEndpointSlice(o.object, o.namespace, o.source);
      if (!slice) continue;
      this.inputSlices.push(slice.namespace, slice.serviceName, slice);
      if (isMirroredSlice(o.object)) this.hasMirroredInput.add(endpointSliceKey(slice.namespace, slice.serviceName));
    }
    this.effectiveSlices = new EffectiveSlices({
      inputSlices: this.inputSlices,
      endpointsObjects: this.endpointsObjects,
      hasMirroredInput: this.hasMirroredInput,
      sortedServices: this.sortedServices,
      service: (ns, name) => this.service(ns, name),
      derive: (svc) => deriveSlices(svc, this.selectorCandidates(svc.namespace, svc.selector!)),
    });
  }

  /** Every value the model made up, sorted by text. */
  public get simulated(): readonly SimulatedValue[] {
    if (this.sortedSimulated) return this.sortedSimulated;
    // In the order the values were made: ClusterIPs, pods and pod IPs, derived slices (in Service order).
    const out = this.podState.simulated.materialize(this.clusterIpSimulated.materialize([]));
    const slices = new SimulatedLog();
    for (const svc of this.sortedServices) {
      if (!svc.selector || this.inputSlices.has(svc.namespace, svc.name)) continue;
      for (const slice of this.effectiveSlices.get(svc.namespace, svc.name) ?? []) slices.slice(slice);
    }
    return (this.sortedSimulated = sortByText(slices.materialize(out)));
  }

  /** The Service `ns/name`, if any. */
  public service(namespace: string, name: string): ServiceRecord | undefined {
    return this.servicesByName.get(namespace, name);
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
    if (!p) return [];
    if (!this.byClusterIpIndex) {
      const index = new Map<string, ServiceRecord[]>();
      for (const s of this.sortedServices) for (const cip of s.clusterIPs) push(index, cip, s);
      this.byClusterIpIndex = index;
    }
    return this.byClusterIpIndex.get(p.text) ?? [];
  }

  /** The slices cluster DNS sees for a Service (input, or mirrored, or derived). */
  public endpointSlices(namespace: string, serviceName: string): readonly EndpointSliceRecord[] {
    return this.effectiveSlices.get(namespace, serviceName) ?? [];
  }

  /** Only the slices of the input labelled for this Service. */
  public inputEndpointSlices(namespace: string, serviceName: string): readonly EndpointSliceRecord[] {
    return this.inputSlices.get(namespace, serviceName) ?? [];
  }

  /** Ready endpoints on an IP, in slice order. */
  public readyEndpointsByIp(ip: string): readonly EndpointOnIp[] {
    const p = parseIp(ip);
    return p ? this.readyByIp.get(p.text) ?? [] : [];
  }

  /** Every IP with a ready endpoint (in any slice, also one labelled for a missing Service), sorted. */
  public readyEndpointIps(): readonly string[] {
    return [...this.readyByIp.keys()].sort(); // strings: the default order is cmp (code units), natively
  }

  /** Ready endpoints by canonical IP, in slice order (built on first use). */
  private get readyByIp(): Map<string, EndpointOnIp[]> {
    if (this.readyByIpIndex) return this.readyByIpIndex;
    const index = new Map<string, EndpointOnIp[]>();
    for (const slices of this.effectiveSlices.lists()) {
      for (const slice of slices) {
        for (const e of slice.endpoints) {
          if (!e.ready) continue;
          push(index, e.ip, { namespace: slice.namespace, serviceName: slice.serviceName, endpoint: e, slice });
        }
      }
    }
    return (this.readyByIpIndex = index);
  }

  /** Every pod (real and simulated), sorted by namespace and name. */
  public pods(): readonly PodRecord[] {
    return this.podState.allPods;
  }

  /** The pods of a namespace. */
  public podsIn(namespace: string): readonly PodRecord[] {
    return this.podState.podsByNs.get(namespace) ?? [];
  }

  /** Pods with this IP. */
  public podsByIp(ip: string): readonly PodRecord[] {
    const p = parseIp(ip);
    if (!p) return [];
    if (!this.podIpIndexMap) {
      const index = new Map<string, PodRecord[]>();
      for (const pod of this.podState.allPods) for (const podIp of pod.ips) push(index, podIp, pod);
      this.podIpIndexMap = index;
    }
    return this.podIpIndexMap.get(p.text) ?? [];
  }

  /** Whether the namespace exists (dns-rules 14 guidance). */
  public namespaceExists(namespace: string): boolean {
    return this.namespaceSet.has(namespace);
  }

  /** Every existing namespace, sorted. */
  public namespaces(): readonly string[] {
    return [...this.namespaceSet].sort(); // strings: the default order is cmp (code units), natively
  }

  /** Pods (real and simulated) and their indexes: only some callers read them, so they are built on first use. */
  private get podState(): PodState {
    if (this.podStateValue) return this.podStateValue;
    const simulated = new SimulatedLog();
    const clusterIps: string[] = [];
    for (const svc of this.sortedServices) for (const ip of svc.clusterIPs) clusterIps.push(ip);
    const allPods = buildPodsOf(this.podSources, parseCidrList(this.options.podCidr), simulated, [this.written, clusterIps]);
    const { podsByNs, podsByLabel } = indexPods(allPods);
    return (this.podStateValue = { simulated, allPods, podsByNs, podsByLabel });
  }

  /** Pods of a namespace that may match a selector: the shortest per-label list (the caller checks every label). */
  private selectorCandidates(namespace: string, selector: { readonly [key: string]: string }): readonly PodRecord[] {
    let best: readonly PodRecord[] | undefined;
    const nsLabels = this.podState.podsByLabel.get(namespace);
    for (const k of Object.keys(selector)) {
      const list = nsLabels?.get(k)?.get(selector[k]) ?? [];
      if (best === undefined || list.length < best.length) best = list;
    }
    return best ?? [];
  }
}

/** Sorts by `text` (code units), stably, in place. */
function sortByText(values: SimulatedValue[]): SimulatedValue[] {
  return values.sort((a, b) => cmp(a.text, b.text));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
