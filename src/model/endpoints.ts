/**
 * EndpointSlices as cluster DNS sees them, per Service:
 * - input slices, attached to a Service only by their `kubernetes.io/service-name` label (dns-rules 7), authoritative;
 * - v1 Endpoints mirrored as the EndpointSliceMirroring controller would (dns-rules 9): only for an existing Service
 *   without selector, not when labelled `endpointslice.kubernetes.io/skip-mirror: "true"`, and not when the input
 *   already holds the mirrored slices (a live export);
 * - derived slices for selector Services without any input slice, as the EndpointSlice controller would make them
 *   from matching Pods (dns-rules 10-12, 42); marked simulated.
 * Pure.
 */
import { ipFamilyOf, parseIp, IpFamily } from './ip';
import { KubeObject, ManifestSource, asArray, asBoolean, mapDefined, asNumber, asRecord, nonEmptyString, stringMap, stringMapGet, protocolOf } from './manifest';
import { NamespacedObject } from './pods';
import { EndpointPortRecord, EndpointRecord, EndpointSliceRecord, PodRecord, ServiceRecord } from './records';
import { MANAGED_BY_LABEL, MIRRORING_CONTROLLER, SERVICE_NAME_LABEL, SKIP_MIRROR_LABEL, excludedFromEndpoints } from '../k8s-syntax/well-known';


function slicePorts(v: unknown): EndpointPortRecord[] {
  return mapDefined(asArray(v), (p) => {
    const pr = asRecord(p);
    return pr ? { name: nonEmptyString(pr.name) ?? '', port: asNumber(pr.port), protocol: protocolOf(pr.protocol) } : undefined;
  });
}

function targetPodName(ref: unknown): string | undefined {
  const r = asRecord(ref);
  if (!r) return undefined;
  const kind = nonEmptyString(r.kind);
  return kind === undefined || kind === 'Pod' ? nonEmptyString(r.name) : undefined;
}

/** Reads an input EndpointSlice; undefined when it has no service-name label (dns-rules 7). */
export function readEndpointSlice(obj: KubeObject, namespace: string, source?: ManifestSource): EndpointSliceRecord | undefined {
  const metadata = asRecord(obj.metadata);
  const serviceName = nonEmptyString(stringMapGet(metadata?.labels, SERVICE_NAME_LABEL));
  if (!serviceName) return undefined;
  const endpoints: EndpointRecord[] = [];
  for (const e of asArray(obj.endpoints)) {
    const er = asRecord(e);
    if (!er) continue;
    // dns-rules 8: ready true or unset counts; serving/terminating ignored.
    const readyRaw = asRecord(er.conditions)?.ready;
    const ready = readyRaw === undefined || readyRaw === null ? true : asBoolean(readyRaw) === true;
    const addresses = asArray(er.addresses);
    if (addresses.length === 0) continue;
    const hostname = nonEmptyString(er.hostname);
    const targetRefName = targetPodName(er.targetRef);
    for (const a of addresses) {
      const ip = parseIp(a);
      if (!ip) continue;
      endpoints.push({ ip: ip.text, family: ip.family, hostname, ready, targetRefName });
    }
  }
  return {
    namespace,
    name: nonEmptyString(metadata?.name) ?? '',
    serviceName,
    addressType: nonEmptyString(obj.addressType) ?? '',
    endpoints: endpoints.slice(), // exactly as long (see mapDefined)
    ports: slicePorts(obj.ports),
    origin: 'input',
    simulated: false,
    source,
  };
}

/** Mirrors v1 Endpoints of a selectorless Service (dns-rules 9): one slice per subset and address family. */
export function mirrorEndpoints(obj: KubeObject, svc: ServiceRecord, source?: ManifestSource): EndpointSliceRecord[] {
  const labels = stringMap(asRecord(obj.metadata)?.labels);
  if (labels[SKIP_MIRROR_LABEL] === 'true' || svc.selector !== undefined) return [];
  const out: EndpointSliceRecord[] = [];
  asArray(obj.subsets).forEach((s, si) => {
    const sr = asRecord(s);
    if (!sr) return;
    const ports = slicePorts(sr.ports);
    const byFamily = new Map<IpFamily, EndpointRecord[]>();
    const add = (list: unknown, ready: boolean) => {
      for (const a of asArray(list)) {
        const ar = asRecord(a);
        const ip = parseIp(ar?.ip);
        if (!ar || !ip) continue;
        const eps = byFamily.get(ip.family) ?? [];
        eps.push({ ip: ip.text, family: ip.family, hostname: nonEmptyString(ar.hostname), ready, targetRefName: targetPodName(ar.targetRef) });
        byFamily.set(ip.family, eps);
      }
    };
    add(sr.addresses, true);
    add(sr.notReadyAddresses, false);
    for (const [family, endpoints] of byFamily) {
      out.push({
        namespace: svc.namespace,
        name: `${svc.name}-mirrored-${si}-${family.toLowerCase()}`,
        serviceName: svc.name,
        addressType: family,
        endpoints,
        ports,
        origin: 'mirrored',
        simulated: false,
        source,
      });
    }
  });
  return out;
}

/** Whether the labels hold every `keys[i]: selector[keys[i]]` (`keys` = `Object.keys(selector)`). */
function matches(
  selector: { readonly [key: string]: string }, keys: readonly string[], labels: { readonly [key: string]: string },
): boolean {
  for (const k of keys) if (labels[k] !== selector[k]) return false;
  return true;
}

/** The slice ports of one pod (dns-rules 12), or undefined if none resolve but the Service has ports. */
function podPorts(svc: ServiceRecord, pod: PodRecord): EndpointPortRecord[] {
  return mapDefined(svc.ports, (sp) => {
    let port: number | undefined;
    if (typeof sp.targetPort === 'number') {port = sp.targetPort;} else if (typeof sp.targetPort === 'string') {
      port = pod.containerPorts.find((c) => c.name === sp.targetPort && c.protocol === sp.protocol)?.containerPort;
    }
    // named port missing on this pod: dropped
    return port === undefined ? undefined : { name: sp.name, port, protocol: sp.protocol };
  });
}

interface DerivedGroup {
  readonly ports: EndpointPortRecord[];
  readonly endpoints: EndpointRecord[];
}

/** Derived slices of a selector Service (dns-rules 10-12, 42): one per family and distinct port set. */
export function deriveSlices(svc: ServiceRecord, podsInNamespace: readonly PodRecord[]): EndpointSliceRecord[] {
  if (!svc.selector || svc.type === 'ExternalName') return [];
  const out: EndpointSliceRecord[] = [];
  const selector = svc.selector;
  const keys = Object.keys(selector);
  for (const family of svc.ipFamilies) {
    // One group per distinct slice-port list (as JSON), in order of first appearance, holding the first pod's list.
    // The list depends only on the pod's container ports, which the pods of one workload share (one array): each
    // array is worked out once, and the JSON keys are only made once a second array shows up.
    const groups: DerivedGroup[] = [];
    let groupOfPorts: Map<readonly unknown[], DerivedGroup> | undefined; // made at the first matching pod
    let byKey: Map<string, DerivedGroup> | undefined;
    for (const pod of podsInNamespace) {
      if (!matches(selector, keys, pod.labels)) continue;
      if (pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
      // runs only during `helm test`, unless the Service is a test hook too (well-known.ts excludedFromEndpoints)
      if (excludedFromEndpoints(pod.helmTest === true, svc.object.metadata)) continue;
      let ip: string | undefined;
      for (const i of pod.ips) {
        if (ipFamilyOf(i) === family) {
          ip = i;
          break;
        }
      }
      if (!ip) continue;
      // dns-rules 10, 52: publishNotReadyAddresses or (Ready and not terminating).
      const ready = svc.publishNotReadyAddresses || (pod.ready && !pod.terminating);
      // dns-rules 11: hostname only when subdomain == Service name.
      const hostname = pod.hostname && pod.subdomain === svc.name ? pod.hostname : undefined;
      groupOfPorts ??= new Map();
      let g = groupOfPorts.get(pod.containerPorts);
      if (!g) {
        const ports = podPorts(svc, pod);
        if (groups.length === 0) {
          g = { ports, endpoints: [] };
          groups.push(g);
        } else {
          if (!byKey) byKey = new Map(groups.map((x) => [JSON.stringify(x.ports), x]));
          const key = JSON.stringify(ports);
          g = byKey.get(key);
          if (!g) {
            g = { ports, endpoints: [] };
            groups.push(g);
            byKey.set(key, g);
          }
        }
        groupOfPorts.set(pod.containerPorts, g);
      }
      g.endpoints.push({ ip, family, hostname, ready, targetRefName: pod.name });
    }
    let i = 0;
    for (const g of groups) {
      out.push({
        namespace: svc.namespace,
        name: `${svc.name}-derived-${family.toLowerCase()}-${i++}`,
        serviceName: svc.name,
        addressType: family,
        endpoints: g.endpoints.slice(), // exactly as long (see mapDefined)
        ports: g.ports,
        origin: 'derived',
        simulated: true,
      });
    }
  }
  return out;
}

/** Whether an input slice was written by the mirroring controller. */
export function isMirroredSlice(obj: NamespacedObject['object']): boolean {
  return stringMapGet(asRecord(obj.metadata)?.labels, MANAGED_BY_LABEL) === MIRRORING_CONTROLLER;
}
