/**
 * route-backend-not-permitted (error): a Gateway API route backendRef into another namespace that no ReferenceGrant of
 * that namespace allows. The implementation refuses the reference (ResolvedRefs False, RefNotPermitted). Target
 * namespaces where the input holds no Service and no workload are judged with `--complete` only.
 */
import { isGatewayRoute, ReferenceGrants } from '../../model/entry-points';
import { nameOf, resourceId } from '../helpers';
import { groupRefs, refText } from '../lib/entry-backends';
import { finding, Finding, Rule } from '../rule';

export const routeBackendNotPermitted: Rule = {
  id: 'route-backend-not-permitted',
  level: 'error',
  description: 'Gateway API route backendRef into another namespace without a ReferenceGrant that allows it',
  explanation: 'A route may reference a Service of another namespace only when a ReferenceGrant in that namespace lists, in `from`, group gateway.networking.k8s.io, the route\'s kind and namespace, and, in `to`, group "" and kind Service (with no name, or the Service\'s); otherwise the route\'s ResolvedRefs condition is False with reason RefNotPermitted and the reference is not used (Gateway API ReferenceGrant spec; GEP-709). A ReferenceGrant the API server rejects allows nothing: more than 16 `from` or `to` entries (`maxItems: 16` on both lists in the CRD), a `from` entry without group, kind or namespace, a `to` entry without group or kind (`group: ""` for core Services), or an empty `to` name; the message names such a grant where it would have allowed the reference, and why it is rejected. A grant with a `${VAR}` placeholder (Flux post-build substitution, envsubst) or a `{{ }}` template where a namespace, kind, group or Service name belongs counts as allowing whatever it may allow once filled in, and so is a route whose own namespace is such a placeholder not judged. A target namespace where the input holds no Service and no workload is judged only with `--complete`.',
  fix: 'Add a ReferenceGrant in the Service\'s namespace that allows the route\'s kind and namespace to reference the Service, or move the route or the Service so that they share a namespace.',
  check(ctx) {
    const refs = ctx.entryBackends.filter((r) => isGatewayRoute(r.fromKind) && r.namespace !== r.from.namespace
      && ctx.judgesBackendsIn(r.namespace));
    if (refs.length === 0) return [];
    const grants = new ReferenceGrants(ctx.objectsOfKind('ReferenceGrant'));
    const out: Finding[] = [];
    for (const group of groupRefs(refs, (r) => `${r.namespace}\u0000${r.service}`)) {
      const ref = group[0];
      if (grants.allows(ref)) continue;
      const refused = grants.refusedFor(ref);
      const note = refused !== undefined
        ? ` (the API server rejects ReferenceGrant "${nameOf(refused) ?? ''}" of namespace "${ref.namespace}", so it allows nothing: ${grants.rejectionOf(refused)})`
        : '';
      const fix = refused !== undefined
        ? `fix ReferenceGrant "${nameOf(refused) ?? ''}" as said`
        : `add a ReferenceGrant in namespace "${ref.namespace}" with from {group: gateway.networking.k8s.io, kind: ${ref.fromKind}, namespace: ${ref.from.namespace}} and to {group: "", kind: Service, name: ${ref.service}}`;
      out.push(finding(this, resourceId(ref.from),
        `${refText(group)} names Service "${ref.service}" in namespace "${ref.namespace}", but no ReferenceGrant in namespace "${ref.namespace}" allows ${ref.fromKind}s of namespace "${ref.from.namespace}" to reference it${note}, so the route's ResolvedRefs condition is False (RefNotPermitted) and the backend is not used. Fix: ${fix}, or move the route next to the Service.`));
    }
    return out;
  },
};
