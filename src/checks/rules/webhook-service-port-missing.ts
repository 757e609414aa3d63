/**
 * webhook-service-port-missing (error): an admission webhook, a CRD conversion webhook or an APIService whose Service
 * has no port of the number it calls (443 unless it names another). kube-apiserver picks the Service port by that
 * number and fails the call without one; a headless Service it cannot route to at all (a warning: it can with
 * --enable-aggregator-routing). A warning when the API server ignores the failure.
 */
import { resourceId } from '../helpers';
import { callFailureText } from '../lib/called-services';
import { declaredPortsText, refText, ServicePortLookup } from '../lib/entry-backends';
import { finding, Finding, Rule } from '../rule';

export const webhookServicePortMissing: Rule = {
  id: 'webhook-service-port-missing',
  level: 'error',
  description: 'Admission webhook, CRD conversion webhook or APIService calls a port its Service does not have (a **warning** when the API server ignores the failure, or for a headless Service)',
  explanation: 'kube-apiserver calls the Service of a webhook or APIService (see `webhook-service-missing`) at `port`, 443 when none is written, and resolves it as a Service port number, never a targetPort or a name (k8s.io/apiserver pkg/util/proxy ResolveCluster): of a ClusterIP, NodePort or LoadBalancer Service, one of `spec.ports[].port` must be that number, else every call fails with `no service port 443 found for service "x"`, with the effects `webhook-service-missing` lists (a warning when the failure is ignored: failurePolicy Ignore, a CRD that serves only its storage version and stores no object in another). A live APIService whose Available condition is False for another reason than ServicePortError is not judged (ServiceNotFound is `webhook-service-missing`\'s; the others come after the port check). Kubebuilder\'s and most charts\' webhook Services listen on 443 and forward to the container\'s 9443, which is right. A headless Service (`clusterIP: None`) fails the call with `cannot route to service with ClusterIP "None"` unless kube-apiserver runs with --enable-aggregator-routing, which resolves the Service\'s endpoints instead (a warning). An ExternalName Service is called at its externalName and any port; a Service with a port that is no number (a `${PORT}` placeholder that Flux substitutes) or a reference whose port is none is not judged, nor a ClusterIP, NodePort or LoadBalancer Service without ports, which the API server rejects (`service-invalid`). References the checker cannot tell after a kustomize build are left alone as in `webhook-service-missing`.',
  fix: 'Add the port to the Service (port 443, targetPort the container\'s), or set the reference\'s `port` to a port the Service has.',
  check(ctx) {
    const out: Finding[] = [];
    const ports = new ServicePortLookup(); // a Service of thousands of ports, called by thousands of webhooks
    for (const r of ctx.calledServices) {
      // a live APIService whose status says ServiceNotFound: webhook-service-missing's
      if (r.live === 'service') continue;
      const svc = ctx.model.service(r.namespace, r.service);
      if (svc === undefined || r.port === undefined || svc.type === 'ExternalName') continue;
      const id = resourceId(r.from);
      if (svc.headless) {
        out.push({
          ...finding(this, id, `${refText([r])} names the headless Service "${r.service}" of namespace "${r.namespace}" (clusterIP None), so unless kube-apiserver runs with --enable-aggregator-routing, ${callFailureText(r, 'cannot route to service with ClusterIP "None"')}. Fix: give the Service a cluster IP (remove clusterIP: None), or name a Service that has one.`),
          level: 'warning',
        });
        continue;
      }
      // another type, or a Service without ports (the API server rejects both): service-invalid's, as for the Ingress rule
      if (!['ClusterIP', 'NodePort', 'LoadBalancer'].includes(svc.type) || svc.ports.length === 0) continue;
      // a port that is no number (a `${PORT}` that Flux substitutes) may be the one called
      if (ports.declares(svc, r.port) || ports.hasUnnumbered(svc)) continue;
      const port = r.port;
      const found = finding(this, id,
        `${refText([r])} calls port ${port} of Service "${r.service}" in namespace "${r.namespace}", which has no such port (${declaredPortsText(svc.ports)}), so ${callFailureText(r, `no service port ${port} found for service "${r.service}"`)}. Fix: add port ${port} to the Service, or set the reference's port to one it has.`);
      out.push(r.failOpen ? { ...found, level: 'warning' } : found);
    }
    return out;
  },
};
