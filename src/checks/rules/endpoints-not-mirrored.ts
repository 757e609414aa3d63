import { apiRule } from '../lib/api-rule';
import { endpointsNotMirrored } from '../validation/endpoints';

/**
 * endpoints-not-mirrored: Endpoints the API server accepts but that never become usable EndpointSlices
 * (k8s-validation rules 41, 44b, 45, 58). Since kube-proxy and CoreDNS read only EndpointSlices, such Endpoints route nothing.
 * The leader-election annotation is reported only on Endpoints of an existing Service: without one they are a lock.
 */
export const endpointsNotMirroredRule = apiRule({
  id: 'endpoints-not-mirrored',
  level: 'error',
  kind: 'Endpoints',
  verdict: 'silent',
  description: 'Endpoints that are accepted but never mirrored into working EndpointSlices',
  explanation: 'kube-proxy and CoreDNS read EndpointSlices only; hand-written Endpoints work through the EndpointSliceMirroring controller, which skips leader-election locks, fails forever on duplicate port names, and copies labels that make kube-proxy ignore the slice (pkg/controller/endpointslicemirroring; cmd/kube-proxy/app/server.go). The leader-election annotation is reported only on Endpoints named like a Service of their namespace: without one they are a lock (client-go\'s Endpoints lock; kube-scheduler\'s in clusters before v1.24), and nothing should mirror them.',
  fix: 'Remove the blocking annotation or label, or make port names unique.',
  validate: (o, ctx, ns) => {
    const svc = typeof o?.metadata?.name === 'string' ? ctx.model.service(ns, o.metadata.name) : undefined;
    // a leader-election lock without a Service of its name is just a lock (a live export of an older cluster has some)
    return endpointsNotMirrored(o, !svc || (!svc.headless && svc.type !== 'ExternalName'), svc !== undefined);
  },
});
