/**
 * endpoint-address-in-cluster-cidr (error): a hand-written endpoint address inside the cluster's service CIDR or pod
 * CIDR (options `--service-cidr`, `--pod-cidr`). This is the confused-deputy pattern of CVE-2021-25740: whoever may
 * write Endpoints can point a Service at ClusterIPs or pods of other namespaces, past NetworkPolicy intent; and
 * kube-proxy does not support Service VIPs as endpoint destinations (k8s-validation rule 38).
 * Controller-made objects of a live export (pod IPs by design) are skipped.
 */
import type { Cidr } from '../../model/ip';
import { arr, rec } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';
import { controllerMadeEndpoints, endpointsObjects, handWrittenSlices, hasOwner, nameOf, resourceId } from '../helpers';
import { finding, Finding, Rule } from '../rule';
import { parseIp } from '../validation/ip';

export const endpointAddressInClusterCidr: Rule = {
  id: 'endpoint-address-in-cluster-cidr',
  level: 'error',
  description: 'Endpoint address inside the service or pod CIDR (CVE-2021-25740)',
  explanation: 'Manual endpoints that point at ClusterIPs or pod IPs let a Service forward to workloads its author should not reach (CVE-2021-25740, kubernetes/kubernetes#103675); ClusterIPs as endpoints are also unsupported by kube-proxy, and pod IPs change on every restart.',
  fix: 'Point the Service at the pods with a selector (or at another Service with ExternalName); use manual endpoints only for addresses outside the cluster.',
  check(model, options) {
    const out: Finding[] = [];
    const inspect = (o: NamespacedObject, ip: unknown, where: string) => {
      const p = parseIp(ip);
      if (!p) return;
      const hit = (list: readonly Cidr[]) => {
        const eff = p.effective;
        if (eff.kind() === 'ipv4') {
          // IPv4 (also IPv4-mapped IPv6): membership on the uint32 value, no text or BigInt.
          const [a, b, c, d] = (eff as { octets: number[] }).octets;
          const n = ((a * 256 + b) * 256 + c) * 256 + d;
          return list.find((cidr) => cidr.containsIpv4(n));
        }
        const text = eff.toString();
        return list.find((cidr) => cidr.contains(text));
      };
      const svcCidr = hit(options.serviceCidrs);
      const podCidr = svcCidr ? undefined : hit(options.podCidrs);
      if (!svcCidr && !podCidr) return;
      const what = svcCidr ? `the service CIDR ${svcCidr.text} (a ClusterIP)` : `the pod CIDR ${podCidr!.text} (a pod IP)`;
      out.push(finding(this, resourceId(o),
        `${o.object.kind} "${nameOf(o) ?? ''}" ${where} has address ${String(ip)}, inside ${what}; a hand-written endpoint pointing into the cluster is the CVE-2021-25740 confused-deputy pattern. Fix: select the pods with a selector (or use ExternalName for another Service), and keep manual endpoints for addresses outside the cluster; if this cluster uses other ranges, pass --service-cidr/--pod-cidr.`));
    };
    for (const o of endpointsObjects(model)) {
      if (controllerMadeEndpoints(o)) continue;
      const name = nameOf(o);
      const svc = name ? model.service(o.namespace, name) : undefined;
      if (svc?.selector) continue; // controller-owned content (endpoints-overwritten reports manual ones)
      arr(o.object.subsets).forEach((ss, i) => {
        for (const field of ['addresses', 'notReadyAddresses']) {
          arr(rec(ss)?.[field]).forEach((a, j) => inspect(o, rec(a)?.ip, `subsets[${i}].${field}[${j}]`));
        }
      });
    }
    for (const o of handWrittenSlices(model)) {
      if (hasOwner(o)) continue;
      arr(o.object.endpoints).slice(0, 1000).forEach((e, i) => {
        arr(rec(e)?.addresses).slice(0, 100).forEach((a, j) => inspect(o, a, `endpoints[${i}].addresses[${j}]`));
      });
    }
    return out;
  },
};
