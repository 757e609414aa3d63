/**
 * endpoint-address-in-cluster-cidr (error): a hand-written endpoint address inside the cluster's service CIDR or pod
 * CIDR (options `--service-cidr`, `--pod-cidr`); a warning when that range is the default, not given. This is the confused-deputy pattern of CVE-2021-25740: whoever may
 * write Endpoints can point a Service at ClusterIPs or pods of other namespaces, past NetworkPolicy intent; and
 * kube-proxy does not support Service VIPs as endpoint destinations (k8s-validation rule 38).
 * Controller-made objects of a live export (pod IPs by design) are skipped: owned ones, Endpoints with the Endpoints
 * controller's annotation, the API server's `default/kubernetes` Endpoints and slice, Endpoints whose addresses all
 * name their Pod (the Endpoints controller's shape, also in a `kubectl neat`-ed dump), and, in a live export
 * (`metadata.uid` set), endpoints and slices that all name their Pod or Node (`targetRef`: node IPs fall inside the pod
 * range on EKS and AKS, whose pods take addresses of the nodes' network). In written manifests a Node `targetRef`
 * proves nothing (whoever writes the addresses writes it too), so it does not pass the CVE check.
 */
import { ipv4ToNumber, parseIp } from '../../k8s-syntax/ip';
import { Cidr } from '../../model/ip';
import { asArray, asRecord } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';
import { addressesOfObjects, controllerMadeEndpoints, exported, hasOwner, nameOf, resourceId } from '../helpers';
import type { ResolvedCheckOptions } from '../options';
import { Finding, Rule } from '../rule';

/**
 * An address as CIDR membership reads it: the uint32 value of an IPv4 address (also of the IPv4 address an
 * IPv4-mapped IPv6 stands for), the text of another IPv6 address, or undefined when it is not an IP. Plain dotted
 * quads, nearly every address, are read without allocating; other forms (leading zeros, IPv6) go through parseIp.
 */
function membershipKey(ip: unknown): number | string | undefined {
  const plain = typeof ip === 'string' ? ipv4ToNumber(ip) : -1;
  if (plain >= 0) return plain;
  const eff = parseIp(ip)?.effective;
  if (!eff) return undefined;
  if (eff.kind() !== 'ipv4') return eff.toString();
  const [a, b, c, d] = (eff as { octets: number[] }).octets;
  return ((a * 256 + b) * 256 + c) * 256 + d;
}

/** The first CIDR of `list` that holds the address (a `membershipKey`). */
function cidrHolding(key: number | string, list: readonly Cidr[]): Cidr | undefined {
  for (const cidr of list) if (typeof key === 'number' ? cidr.containsIpv4(key) : cidr.contains(key)) return cidr;
  return undefined;
}

/** A cluster range an address is in: its text for messages, and whether the range is the default, not given. */
interface Range {
  readonly text: string;
  readonly assumed: boolean;
}

/** `the service CIDR ... (a ClusterIP)` or `the pod CIDR ... (a pod IP)` for an address in one; else undefined. */
function clusterRangeOf(ip: unknown, options: ResolvedCheckOptions): Range | undefined {
  const key = membershipKey(ip);
  if (key === undefined) return undefined;
  const svcCidr = cidrHolding(key, options.serviceCidrs);
  if (svcCidr) return { text: `the service CIDR ${svcCidr.text} (a ClusterIP)`, assumed: options.serviceCidrAssumed };
  const podCidr = cidrHolding(key, options.podCidrs);
  return podCidr ? { text: `the pod CIDR ${podCidr.text} (a pod IP)`, assumed: options.podCidrAssumed } : undefined;
}

/** An address of an object inside a cluster range; `where` is built only for these. */
interface Hit {
  readonly where: string;
  readonly ip: unknown;
  readonly range: Range;
}

const ADDRESS_FIELDS = ['addresses', 'notReadyAddresses'];

/** The addresses of hand-written Endpoints in a cluster range, in field order. */
function endpointsHits(o: NamespacedObject, options: ResolvedCheckOptions): Hit[] {
  const hits: Hit[] = [];
  const subsets = asArray(o.object.subsets);
  for (let i = 0; i < subsets.length; i++) {
    for (const field of ADDRESS_FIELDS) {
      const addresses = asArray(asRecord(subsets[i])?.[field]);
      for (let j = 0; j < addresses.length; j++) {
        const ip = asRecord(addresses[j])?.ip;
        const range = clusterRangeOf(ip, options);
        if (range) hits.push({ where: `subsets[${i}].${field}[${j}]`, ip, range });
      }
    }
  }
  return hits;
}

/** The addresses of a hand-written EndpointSlice in a cluster range (the first 1000 endpoints, 100 addresses each). */
function sliceHits(o: NamespacedObject, options: ResolvedCheckOptions): Hit[] {
  const hits: Hit[] = [];
  const endpoints = asArray(o.object.endpoints);
  for (let i = 0; i < endpoints.length && i < 1000; i++) {
    const addresses = asArray(asRecord(endpoints[i])?.addresses);
    for (let j = 0; j < addresses.length && j < 100; j++) {
      const range = clusterRangeOf(addresses[j], options);
      if (range) hits.push({ where: `endpoints[${i}].addresses[${j}]`, ip: addresses[j], range });
    }
  }
  return hits;
}

export const endpointAddressInClusterCidr: Rule = {
  id: 'endpoint-address-in-cluster-cidr',
  level: 'error',
  description: 'Endpoint address inside the service or pod CIDR (CVE-2021-25740) (a **warning** when that range is the kubeadm default, assumed because `--service-cidr`/`--pod-cidr` was not given: EKS, GKE and on-premises clusters use other ranges, and 10.100.0.5 may be an ordinary database)',
  explanation: 'Manual endpoints that point at ClusterIPs or pod IPs let a Service forward to workloads its author should not reach (CVE-2021-25740, kubernetes/kubernetes#103675); ClusterIPs as endpoints are also unsupported by kube-proxy, and pod IPs change on every restart.',
  fix: 'Point the Service at the pods with a selector (or at another Service with ExternalName); use manual endpoints only for addresses outside the cluster.',
  check(ctx) {
    const out: Finding[] = [];
    const report = (o: NamespacedObject, hits: readonly Hit[]) => {
      for (const { where, ip, range } of hits) {
        // A default range is a guess (EKS, GKE and on-premises clusters use others, and a database at 10.100.0.5 is
        // ordinary on-premises): a warning until the cluster's ranges are given.
        const assumed = range.assumed
          ? ' This range is the kubeadm default, assumed because no --service-cidr/--pod-cidr was given: if this cluster uses other ranges, pass them (the finding is then certain, an error, or gone).'
          : '';
        out.push({
          rule: this.id,
          level: range.assumed ? 'warning' : this.level,
          resource: resourceId(o),
          message: `${o.object.kind} "${nameOf(o) ?? ''}" ${where} has address ${String(ip)}, inside ${range.text}; a hand-written endpoint pointing into the cluster is the CVE-2021-25740 confused-deputy pattern. Fix: select the pods with a selector (or use ExternalName for another Service), and keep manual endpoints for addresses outside the cluster; if this cluster uses other ranges, pass --service-cidr/--pod-cidr.${assumed}`,
        });
      }
    };
    // Addresses first: most objects have none in a cluster range, and then who wrote them does not matter.
    for (const o of ctx.endpointsObjects()) {
      const hits = endpointsHits(o, ctx.options);
      if (hits.length === 0 || controllerMadeEndpoints(o, true)) continue;
      const name = nameOf(o);
      const svc = name ? ctx.model.service(o.namespace, name) : undefined;
      if (svc?.selector) continue; // controller-owned content (endpoints-overwritten reports manual ones)
      report(o, hits);
    }
    for (const o of ctx.handWrittenSlices()) {
      if (hasOwner(o)) continue;
      const hits = sliceHits(o, ctx.options);
      // endpoints of a live export that all name their Pod or Node are a controller's (prometheus-operator's kubelet
      // slices: node IPs); in written manifests a targetRef is no proof (whoever writes the slice writes it too)
      if (hits.length === 0 || (exported(o) && addressesOfObjects(asArray(o.object.endpoints).map((e) => asRecord(e)?.targetRef)))) continue;
      report(o, hits);
    }
    return out;
  },
};
