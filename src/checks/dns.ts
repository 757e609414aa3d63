/**
 * The checker's view of cluster DNS: does a name exist in the cluster zone, and which names does a pod try for a
 * name it looks up (ClusterFirst search path, dns-rules 43-46). Built on the resolver's `parseQuery` and the
 * cluster model; the answer is "exists" (an A/AAAA/CNAME query would be NOERROR with data, or NODATA),
 * "nxdomain", or "outside" (not in the cluster zone: decided upstream, unknown offline).
 */
import { parseQuery } from '../dns/parse';
import type { ClusterModel } from '../model/cluster-model';

export type Existence = 'exists' | 'nxdomain' | 'outside';

/** Whether `name` exists in the cluster zone (dns-rules 15-17, 26, 30, 34). */
export function nameExists(model: ClusterModel, name: string): Existence {
  const zone = model.options.clusterDomain;
  const q = parseQuery(name, zone);
  switch (q.kind) {
    case 'outside':
      return 'outside';
    case 'apex':
    case 'dnsVersion':
      return 'exists';
    case 'invalid':
    case 'reverse':
      return q.kind === 'reverse' ? 'outside' : 'nxdomain';
    case 'namespace':
      return model.namespaceExists(q.namespace) ? 'exists' : 'nxdomain';
    case 'pod':
      return model.options.pods === 'disabled' || !model.namespaceExists(q.namespace) ? 'nxdomain' : 'exists';
    case 'service': {
      const svc = model.service(q.namespace, q.service);
      if (!svc) return 'nxdomain';
      if (q.port !== undefined) {
        return svc.ports.some((p) => p.name !== '' && p.name.toLowerCase() === q.port && p.protocol.toLowerCase() === q.protocol) ? 'exists' : 'nxdomain';
      }
      if (q.endpoint !== undefined) {
        const slices = model.endpointSlices(q.namespace, q.service);
        const found = slices.some((s) => s.endpoints.some((e) => e.ready && (e.hostname === q.endpoint || e.ip.replace(/[.:]/g, '-') === q.endpoint)));
        return found ? 'exists' : 'nxdomain';
      }
      if (svc.type === 'ExternalName' || !svc.headless) return 'exists';
      // dns-rules 26: a headless Service without any ready endpoint is NXDOMAIN.
      return model.endpointSlices(q.namespace, q.service).some((s) => s.endpoints.some((e) => e.ready)) ? 'exists' : 'nxdomain';
    }
  }
  return 'outside';
}

/** The search list of a ClusterFirst pod in `namespace` (dns-rules 43). */
export function searchPath(namespace: string, zone: string): string[] {
  return [`${namespace}.svc.${zone}`, `svc.${zone}`, zone];
}

/**
 * The absolute names (no trailing dot) a glibc/Go pod tries for `name`, in order (dns-rules 44, ndots 5): a name
 * ending in `.` only itself; fewer than 5 dots the search suffixes then the name; else the name first.
 */
export function candidates(name: string, namespace: string, zone: string, ndots = 5): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const suffixed = searchPath(namespace, zone).map((s) => `${name}.${s}`);
  const dots = name.split('.').length - 1;
  return dots < ndots ? [...suffixed, name] : [name, ...suffixed];
}

/** The first candidate that exists in the cluster, or undefined; `outside` when the name may resolve upstream. */
export function resolveFromPod(model: ClusterModel, name: string, namespace: string): { found?: string; outside: boolean } {
  let outside = false;
  for (const c of candidates(name, namespace, model.options.clusterDomain)) {
    const e = nameExists(model, c);
    if (e === 'exists') return { found: c, outside: false };
    if (e === 'outside') outside = true;
  }
  return { outside };
}
