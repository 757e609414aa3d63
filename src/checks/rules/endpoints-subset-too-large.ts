/**
 * endpoints-subset-too-large (warning): an Endpoints subset with more than 1000 addresses. The mirroring
 * controller copies at most 1000 addresses per subset (`--mirroring-max-endpoints-per-subset`) and skips the rest
 * with a TooManyAddressesToMirror event (k8s-validation rule 47).
 */
import { arr, rec } from '../../model/manifest';
import { endpointsObjects, nameOf, resourceId, skipsMirror } from '../helpers';
import { finding, Finding, Rule } from '../rule';

export const MIRROR_LIMIT = 1000;

export const endpointsSubsetTooLarge: Rule = {
  id: 'endpoints-subset-too-large',
  level: 'warning',
  description: 'Endpoints subset with more than 1000 addresses (not all mirrored)',
  explanation: 'kube-proxy and CoreDNS only see what the mirroring controller copies into EndpointSlices: at most 1000 addresses per subset; the others get no traffic (pkg/controller/endpointslicemirroring reconciler.go, TooManyAddressesToMirror).',
  fix: 'Write EndpointSlices of at most 1000 endpoints each instead of one large Endpoints subset.',
  check(model) {
    const out: Finding[] = [];
    for (const o of endpointsObjects(model)) {
      if (skipsMirror(o)) continue;
      arr(o.object.subsets).forEach((ss, i) => {
        const n = arr(rec(ss)?.addresses).length + arr(rec(ss)?.notReadyAddresses).length;
        if (n <= MIRROR_LIMIT) return;
        out.push(finding(this, resourceId(o),
          `Endpoints "${nameOf(o) ?? ''}" subset ${i} has ${n} addresses; only ${MIRROR_LIMIT} are mirrored to EndpointSlices and ${n - MIRROR_LIMIT} get no traffic. Fix: publish EndpointSlices of at most 1000 endpoints each (and label the Endpoints skip-mirror: "true").`));
      });
    }
    return out;
  },
};
