/**
 * service-deprecated: Service fields, values and annotations that the API server accepts with a deprecation warning
 * (pkg/api/service/warnings.go GetWarningsForService): externalIPs (a warning: clusters may no longer implement them),
 * trafficDistribution PreferClose and the topology-aware-hints annotation (info: renamed, and still honoured).
 */
import { asRecord } from '../../model/manifest';
import { resourceId } from '../helpers';
import { Finding, Level, Rule } from '../rule';
import { isHeadless, serviceType } from '../validation/service';

const HINTS_ANNOTATION = 'service.kubernetes.io/topology-aware-hints';

/** One deprecation warning: the API server's text, the finding's level and the fix. */
interface Deprecation {
  readonly level: Level;
  readonly warning: string;
  readonly fix: string;
}

/** The deprecation warnings of one Service, in the API server's order. */
function deprecations(obj: any): Deprecation[] {
  const out: Deprecation[] = [];
  const spec = asRecord(obj?.spec);
  if (!spec) return out;
  const annotations = asRecord(asRecord(obj?.metadata)?.annotations);
  if (annotations && Object.prototype.hasOwnProperty.call(annotations, HINTS_ANNOTATION)) {
    out.push({
      level: 'info',
      warning: `annotation ${HINTS_ANNOTATION} is deprecated, please use service.kubernetes.io/topology-mode instead`,
      fix: 'replace the annotation with service.kubernetes.io/topology-mode: Auto (the EndpointSlice controller still reads the old one when the new one is missing)',
    });
  }
  const type = serviceType(obj);
  const headless = type === 'ClusterIP' && isHeadless(obj);
  if (Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0 && !headless && type !== 'ExternalName') {
    out.push({
      level: 'warning',
      warning: 'spec.externalIPs is deprecated and may no longer be implemented in some clusters',
      fix: 'expose the Service with type: LoadBalancer (a cloud load balancer, MetalLB, kube-vip) or through a Gateway instead; Kubernetes v1.36 deprecates externalIPs (KEP-5707), which let any Service claim any address (CVE-2020-8554), and clusters that enable the DenyServiceExternalIPs admission plugin refuse them',
    });
  }
  if (spec.trafficDistribution === 'PreferClose') {
    out.push({
      level: 'info',
      warning: 'spec.trafficDistribution: "PreferClose" is deprecated; use "PreferSameZone"',
      fix: 'set trafficDistribution: PreferSameZone, the same behaviour under its new name, once every cluster you apply to runs v1.34 or later (older API servers reject the new value)',
    });
  }
  return out;
}

export const serviceDeprecated: Rule = {
  id: 'service-deprecated',
  level: 'warning',
  description: 'Service uses a deprecated field, value or annotation (**info** for the renamed `PreferClose` and topology-aware-hints, which still work)',
  explanation: 'The API server accepts these and answers with a warning (pkg/api/service/warnings.go GetWarningsForService): `spec.externalIPs` on a Service with a cluster IP is deprecated since v1.36 and "may no longer be implemented in some clusters" (KEP-5707: kube-proxy is to drop it; clusters that enable the DenyServiceExternalIPs admission plugin, added after CVE-2020-8554, already refuse it), so traffic to those addresses may stop. `trafficDistribution: PreferClose` is deprecated since v1.35 in favour of its new name `PreferSameZone` (KEP-3015), and the annotation service.kubernetes.io/topology-aware-hints since v1.27 in favour of service.kubernetes.io/topology-mode: both still work, so they are **info**.',
  fix: 'Replace the deprecated setting as the message says: a LoadBalancer Service or a Gateway instead of externalIPs, PreferSameZone instead of PreferClose, service.kubernetes.io/topology-mode instead of topology-aware-hints.',
  check(ctx) {
    const out: Finding[] = [];
    for (const o of ctx.objectsOfKind('Service')) {
      const found = deprecations(o.object);
      if (found.length === 0) continue;
      const name = typeof o.object?.metadata?.name === 'string' ? o.object.metadata.name : '';
      const resource = resourceId(o);
      for (const d of found) {
        out.push({ rule: serviceDeprecated.id, level: d.level, resource, message: `Service "${name}": ${d.warning} (the API server accepts it with this warning). Fix: ${d.fix}.` });
      }
    }
    return out;
  },
};
