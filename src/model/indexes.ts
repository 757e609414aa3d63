/**
 * Internal indexes of the cluster model (cluster-model.ts), keyed by namespace and then name so that look-ups and
 * inserts never build joined `ns/name` texts. Pure.
 *
 * - `DefinedObjects`: where each (API group, kind, namespace, name) was last defined (the last definition wins, as
 *   `kubectl apply` leaves it).
 * - `NsNameMap`: a map keyed by (namespace, name) that answers exactly like a map keyed by the text `ns/name` (so
 *   pairs that hold a `/` and join to the same text share an entry, as they did when the model joined its keys).
 * - `SliceIndex`: EndpointSlices by (namespace, Service name), remembering the order keys were first added.
 * - `indexPods`: pods by namespace, and by namespace, label key and value (selector matching without scans).
 */
import { KubeObject, nonEmptyString } from './manifest';
import { EndpointSliceRecord, PodRecord } from './records';

/** The API group of an apiVersion: the part before its last `/` ('' for the core group: none, or only a leading one). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash <= 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * `group NUL kind` of an object of a named API group (`apps`, `helm.toolkit.fluxcd.io`), the key by which the tables
 * of operators and chart releases find their kinds; undefined for the core group (`v1`) and for an object without an
 * apiVersion or a kind.
 */
export function groupKindKey(object: { readonly apiVersion?: unknown; readonly kind?: unknown } | undefined): string | undefined {
  const apiVersion = object?.apiVersion;
  const kind = object?.kind;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || kind === '') return undefined;
  const group = apiGroup(apiVersion);
  return group === '' ? undefined : `${group}\u0000${kind}`;
}

/**
 * Where each object was last defined: (API group, kind, namespace, name) -> an index the caller chose (its position in
 * the output), as the text `group NUL kind NUL namespace NUL name` would tell the tuples apart, without building that
 * text per object: namespace -> name -> the definitions with that name (the group is only worked out when two share
 * a name). Parts that hold a NUL themselves (where the joined text could make two tuples equal) go to a map of joined
 * texts. The namespace of a cluster-scoped object is the caller's to leave out ('').
 */
export class DefinedObjects {
  private readonly byNamespace = new Map<string, Map<string, Definition | Definition[]>>();
  private readonly joined = new Map<string, number>();
  private lastNamespace?: string;
  private lastNames?: Map<string, Definition | Definition[]>;

  /**
   * Records the object (`kind` a string, `name` its name, `namespace` its effective one) as defined at `index`;
   * returns the index of its previous definition, or -1 for the first.
   */
  public define(o: KubeObject, namespace: string, name: string, index: number): number {
    const apiVersion = nonEmptyString(o.apiVersion) ?? '';
    const kind = o.kind as string;
    // (the group, not the apiVersion: a NUL in the version part leaves a group without one, read like any other)
    if (apiGroup(apiVersion).includes('\0') || kind.includes('\0') || namespace.includes('\0') || name.includes('\0')) {
      const key = `${apiGroup(apiVersion)}\0${kind}\0${namespace}\0${name}`;
      const prev = this.joined.get(key) ?? -1;
      this.joined.set(key, index);
      return prev;
    }
    let names = this.lastNamespace === namespace ? this.lastNames : this.byNamespace.get(namespace);
    if (!names) this.byNamespace.set(namespace, (names = new Map()));
    this.lastNamespace = namespace;
    this.lastNames = names;
    const prev = names.get(name);
    if (prev === undefined) {
      names.set(name, { object: o, index });
      return -1;
    }
    const list = Array.isArray(prev) ? prev : [prev];
    const group = apiGroup(apiVersion);
    for (const q of list) {
      if (q.object.kind === kind && apiGroup(nonEmptyString(q.object.apiVersion) ?? '') === group) {
        const earlier = q.index;
        q.object = o;
        q.index = index;
        return earlier;
      }
    }
    list.push({ object: o, index });
    if (list !== prev) names.set(name, list);
    return -1;
  }
}

/** An object's latest definition (`DefinedObjects`). */
interface Definition {
  object: KubeObject;
  index: number;
}

/**
 * A map keyed by (namespace, name) that behaves like one keyed by `${namespace}/${name}`: pairs without a `/` (one `/`
 * in the joined text) live in per-namespace maps; the others (two or more) in a map of joined texts, where they can
 * never meet a pair of the first kind.
 */
export class NsNameMap<V> {
  private readonly byNamespace = new Map<string, Map<string, V>>();
  private readonly joined = new Map<string, V>();
  /**
   * The namespace of the last `get` and its names (undefined: none yet). Callers mostly ask about one namespace after
   * another: its map is then looked up once (bench/: with 50,000 objects each look-up of a cold key string costs
   * several cache misses). `set` forgets it.
   */
  private lastNamespace?: string;
  private lastNames?: Map<string, V>;

  public get(namespace: string, name: string): V | undefined {
    // Callers outside TypeScript may pass anything; the joined key would have been its template-literal text.
    if (typeof namespace !== 'string') namespace = `${namespace}`;
    if (typeof name !== 'string') name = `${name}`;
    if (namespace.includes('/') || name.includes('/')) return this.joined.get(`${namespace}/${name}`);
    if (namespace !== this.lastNamespace) {
      this.lastNamespace = namespace;
      this.lastNames = this.byNamespace.get(namespace);
    }
    return this.lastNames?.get(name);
  }

  public set(namespace: string, name: string, value: V): void {
    this.lastNamespace = undefined;
    this.lastNames = undefined;
    if (namespace.includes('/') || name.includes('/')) {
      this.joined.set(`${namespace}/${name}`, value);
      return;
    }
    let byName = this.byNamespace.get(namespace);
    if (!byName) this.byNamespace.set(namespace, (byName = new Map()));
    byName.set(name, value);
  }
}

/** EndpointSlices by namespace and Service name (`NsNameMap` keys); `lists()` in the order each key was first added. */
export class SliceIndex {
  private readonly map = new NsNameMap<EndpointSliceRecord[]>();
  private readonly order: EndpointSliceRecord[][] = [];
  /** The (namespace, name) each list of `order` was added under. */
  private readonly keys: [string, string][] = [];

  /** A copy: the same keys in the same order, each list copied. */
  public copy(): SliceIndex {
    const out = new SliceIndex();
    this.order.forEach((list, i) => {
      const [ns, name] = this.keys[i];
      const copied = [...list];
      out.map.set(ns, name, copied);
      out.order.push(copied);
      out.keys.push([ns, name]);
    });
    return out;
  }

  public get(namespace: string, serviceName: string): EndpointSliceRecord[] | undefined {
    return this.map.get(namespace, serviceName);
  }

  public has(namespace: string, serviceName: string): boolean {
    return this.map.get(namespace, serviceName) !== undefined;
  }

  /** Appends a slice to the list of (`namespace`, `serviceName`). */
  public push(namespace: string, serviceName: string, slice: EndpointSliceRecord): void {
    const list = this.map.get(namespace, serviceName);
    if (list) {
      list.push(slice);
      return;
    }
    const created = [slice];
    this.map.set(namespace, serviceName, created);
    this.order.push(created);
    this.keys.push([namespace, serviceName]);
  }

  /** Every list, in the order its key was first added. */
  public lists(): readonly EndpointSliceRecord[][] {
    return this.order;
  }
}

/** Pods by namespace, and by namespace, label key and label value, each list in the order of `pods`. */
export interface PodIndexes {
  readonly podsByNs: Map<string, PodRecord[]>;
  readonly podsByLabel: Map<string, Map<string, Map<string, PodRecord[]>>>;
}

/** Indexes pods sorted by `ns/name` (a function of its own: V8 optimizes its loop by itself). */
export function indexPods(pods: readonly PodRecord[]): PodIndexes {
  const podsByNs = new Map<string, PodRecord[]>();
  const podsByLabel = new Map<string, Map<string, Map<string, PodRecord[]>>>();
  let nsPods: PodRecord[] | undefined;
  let nsLabels: Map<string, Map<string, PodRecord[]>> | undefined;
  for (let i = 0; i < pods.length; i++) { // indexed: see scan.ts
    const p = pods[i];
    // Sorted by `ns/name`: a namespace's pods are (almost always) consecutive.
    if (nsPods === undefined || nsPods[0].namespace !== p.namespace) {
      nsPods = podsByNs.get(p.namespace);
      if (!nsPods) podsByNs.set(p.namespace, (nsPods = []));
      nsLabels = podsByLabel.get(p.namespace);
      if (!nsLabels) podsByLabel.set(p.namespace, (nsLabels = new Map()));
    }
    nsPods.push(p);
    const labels = p.labels;
    for (const k of Object.keys(labels)) {
      let values = nsLabels!.get(k);
      if (!values) nsLabels!.set(k, (values = new Map()));
      const list = values.get(labels[k]);
      if (list) list.push(p);
      else values.set(labels[k], [p]);
    }
  }
  return { podsByNs, podsByLabel };
}
