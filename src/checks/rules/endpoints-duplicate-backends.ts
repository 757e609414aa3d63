/**
 * endpoints-duplicate-backends (warning): a selectorless Service with both hand-written Endpoints (mirrored,
 * no `skip-mirror: "true"`) and hand-written EndpointSlices. kube-proxy and DNS see the union of the mirrored and the
 * hand-written slices (k8s-validation rules 44, 49; dns-rules 9).
 */
import { SERVICE_NAME_LABEL } from '../../k8s-syntax/well-known';
import { labelsOf, nameOf, resourceId, skipsMirror } from '../helpers';
import { finding, Finding, Rule } from '../rule';

export const endpointsDuplicateBackends: Rule = {
  id: 'endpoints-duplicate-backends',
  level: 'warning',
  description: 'Endpoints and EndpointSlices for one Service without skip-mirror',
  explanation: 'The EndpointSliceMirroring controller copies Endpoints of a selectorless Service into slices unless they are labelled endpointslice.kubernetes.io/skip-mirror: "true"; together with hand-written slices each backend is listed twice and stale addresses linger in one of the copies (pkg/controller/endpointslicemirroring utils.go skipMirror).',
  fix: 'Label the Endpoints endpointslice.kubernetes.io/skip-mirror: "true" (keep them only for legacy readers), or drop one of the two.',
  check(ctx) {
    const out: Finding[] = [];
    const slices = ctx.handWrittenSlices();
    for (const o of ctx.endpointsObjects()) {
      const name = nameOf(o);
      const svc = name ? ctx.model.service(o.namespace, name) : undefined;
      if (!svc || svc.selector || svc.type === 'ExternalName' || skipsMirror(o)) continue;
      const mine = slices.filter((s) => s.namespace === o.namespace && labelsOf(s)[SERVICE_NAME_LABEL] === name);
      if (mine.length === 0) continue;
      out.push(finding(this, resourceId(o),
        `Endpoints "${name}" will be mirrored into EndpointSlices, and Service "${name}" also has hand-written EndpointSlices (${mine.map((s) => `"${nameOf(s) ?? ''}"`).join(', ')}), so every backend is listed twice. Fix: label the Endpoints endpointslice.kubernetes.io/skip-mirror: "true", or remove one of them.`));
    }
    return out;
  },
};
