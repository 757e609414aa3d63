/**
 * The cluster model's one pass over the objects (cluster-model.ts): the namespaces the objects make exist, the objects
 * of each kind the model reads, and every address written in the input (simulated addresses never reuse one:
 * endpoints, pod IPs, ClusterIPs). A function of its own so that V8 optimizes this loop by itself: inside the model's
 * constructor, the code after it (never run when the loop got optimized) kept throwing the optimized code away.
 * Its loops are indexed: run once per model, they partly run before V8 optimizes them, and an unoptimized `for...of`
 * allocates an iterator result per element (bench/: megabytes of garbage per model). Pure.
 */
import { isClusterScoped, namespaceMadeBy } from './cluster-scoped';
import { parseIp } from './ip';
import { asArray, builtinKind, asRecord, nonEmptyString } from './manifest';
import { NamespacedObject } from './pods';
import { isSimulatedKind } from './workload-kinds';
import { ipv4ToNumber } from '../k8s-syntax/ip';
import { isHelmTestHook } from '../k8s-syntax/well-known';

/** What the pass collects, each list in input order. */
export interface ScannedObjects {
  readonly services: NamespacedObject[];
  readonly slices: NamespacedObject[];
  /** v1 Endpoints. */
  readonly endpoints: NamespacedObject[];
  /**
   * The objects `buildPodsOf` reads: Pods, the workloads it simulates pods for, and the Helm test Jobs (the owners
   * that make their Pods test runs, well-known.ts isHelmTestRun).
   */
  readonly podSources: NamespacedObject[];
  /** Canonical text of every address written in the input. */
  readonly written: Set<string>;
}

/** One pass over the objects; the namespaces they make exist are added to `namespaces`. */
export function scanObjects(objects: readonly NamespacedObject[], namespaces: Set<string>): ScannedObjects {
  const out: ScannedObjects = { services: [], slices: [], endpoints: [], podSources: [], written: new Set() };
  const written = out.written;
  let lastNamespace: string | undefined;
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i];
    const object = o.object;
    const kind = builtinKind(object);
    const made = namespaceMadeBy(object);
    if (made !== undefined) {
      namespaces.add(made);
    } else if (o.namespace !== lastNamespace && !isClusterScoped(nonEmptyString(object.kind), nonEmptyString(object.apiVersion)) && object.kind !== 'List') {
      // (cluster-scoped objects, and a List without items, have no namespace: the default one they were given does not
      // make it exist)
      namespaces.add(o.namespace);
      lastNamespace = o.namespace;
    }
    switch (kind) {
      case 'Service':
        out.services.push(o);
        break;
      case 'EndpointSlice':
        out.slices.push(o);
        const endpoints = asArray(object.endpoints);
        for (let j = 0; j < endpoints.length; j++) addIps(written, asRecord(endpoints[j])?.addresses, false);
        break;
      case 'Endpoints':
        out.endpoints.push(o);
        const subsets = asArray(object.subsets);
        for (let j = 0; j < subsets.length; j++) {
          const sr = asRecord(subsets[j]);
          addIps(written, sr?.addresses, true);
          addIps(written, sr?.notReadyAddresses, true);
        }
        break;
      case 'Pod': {
        out.podSources.push(o);
        const status = asRecord(object.status);
        addIp(written, status?.podIP);
        addIps(written, status?.podIPs, true);
        break;
      }
      default:
        // workloads of every kind whose pods the model simulates (workload-kinds.ts)
        if (isSimulatedKind(object) || (kind === 'Job' && isHelmTestHook(asRecord(object.metadata)?.annotations))) out.podSources.push(o);
        break;
    }
  }
  return out;
}

/** `addIp` of each entry of a list (`inField`: of each entry's `ip`). */
function addIps(out: Set<string>, list: unknown, inField: boolean): void {
  const entries = asArray(list);
  for (let i = 0; i < entries.length; i++) addIp(out, inField ? asRecord(entries[i])?.ip : entries[i]);
}

/** Adds the canonical text of an IP address (if it is one). */
function addIp(out: Set<string>, v: unknown): void {
  if (typeof v === 'string' && ipv4ToNumber(v) >= 0) {
    out.add(v); // plain IPv4 text is canonical (parseIp would answer it unchanged)
    return;
  }
  const ip = parseIp(v);
  if (ip) out.add(ip.text);
}
