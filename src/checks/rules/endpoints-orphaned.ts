/**
 * endpoints-orphaned (warning): Endpoints, or EndpointSlices labelled for a Service, whose Service does not exist in
 * their namespace. The Endpoints controller deletes such Endpoints (`syncService`, and `checkLeftoverEndpoints` when
 * kube-controller-manager starts: k8s-validation rule 35); nothing reads a slice without its Service (dns-rules 7).
 *
 * A warning, not an error: the API server accepts the objects and nothing that exists fails because of them (no
 * Service routes to them). What fails is the Service they were meant for: under another name it has no endpoints,
 * which selectorless-service-no-endpoints reports on that Service; and the Service may come from elsewhere (another
 * repository, a Helm chart applied separately).
 *
 * Controller output of a live export (with `metadata.uid`) is not judged (`controllerMadeEndpoints`, exported
 * Endpoints without addresses, `handWrittenSlices`): the controller made it from the Service and deletes it with the Service, so the export left
 * the Service out (`kubectl get ep -A`).
 */
import { SERVICE_NAME_LABEL } from '../../k8s-syntax/well-known';
import type { NamespacedObject } from '../../model/pods';
import { apiServerEndpoints, controllerMadeEndpoints, endpointsListAddresses, exported, labelOf, nameOf, resourceId } from '../helpers';
import { finding, Finding, Rule } from '../rule';

export const endpointsOrphaned: Rule = {
  id: 'endpoints-orphaned',
  level: 'warning',
  description: 'Endpoints or EndpointSlice whose Service does not exist',
  explanation: 'Endpoints belong to the same-named Service of their namespace and EndpointSlices to the Service named by their kubernetes.io/service-name label; the Endpoints controller deletes Endpoints without a Service (pkg/controller/endpoint/endpoints_controller.go syncService, and checkLeftoverEndpoints when kube-controller-manager starts; k8s-validation rule 35) and kube-proxy/CoreDNS never use an orphaned slice. The API server accepts them and nothing that exists fails because of them, so a warning; a Service that was meant to use them under another name has no endpoints, which `selectorless-service-no-endpoints` reports on that Service.',
  fix: 'Create the Service in the same namespace, or rename the Endpoints / fix the label to name the existing Service.',
  check(ctx) {
    const out: Finding[] = [];
    const hint = (ns: string, name: string) => {
      const others = ctx.servicesNamed(name).filter((s) => s.namespace !== ns).map((s) => s.namespace);
      return others.length > 0 ? ` (a Service "${name}" exists in namespace ${others.map((n) => `"${n}"`).join(', ')}; endpoints must be in the Service's namespace)` : '';
    };
    for (const o of ctx.endpointsObjects()) {
      const name = nameOf(o);
      if (!name || ctx.model.service(o.namespace, name) || exportedControllerOutput(o)) continue;
      out.push(finding(this, resourceId(o),
        `Endpoints "${name}" has no Service "${name}" in namespace "${o.namespace}"${hint(o.namespace, name)}; the Endpoints controller deletes it (at the latest when kube-controller-manager restarts), and no Service uses its addresses. Fix: create the Service, or name the Endpoints exactly like its Service.`));
    }
    for (const o of ctx.handWrittenSlices()) {
      const svcName = labelOf(o, SERVICE_NAME_LABEL);
      if (!svcName || ctx.model.service(o.namespace, svcName)) continue;
      out.push(finding(this, resourceId(o),
        `EndpointSlice "${nameOf(o) ?? ''}" is labelled kubernetes.io/service-name: ${svcName}, but there is no Service "${svcName}" in namespace "${o.namespace}"${hint(o.namespace, svcName)}, so nothing uses it. Fix: create the Service, or set the label to the existing Service's name.`));
    }
    return out;
  },
};

/**
 * A controller's Endpoints in a live export (`metadata.uid` set; or the API server's own): the Service exists, as the
 * controller deletes them with it, and the export left it out (`kubectl get ep -A`), as for the controller's slices,
 * which handWrittenSlices leaves out. Exported Endpoints that list no address count too: the controller writes them so
 * for a Service without ready pods, often without its `last-change-trigger-time` annotation (k9s's `kubectl get ep -o
 * json` test data), and nothing tells them from others. Without a uid, Endpoints in the controller's shape are a
 * fixture or hand-written (popeye's test data), and judged.
 */
function exportedControllerOutput(o: NamespacedObject): boolean {
  return apiServerEndpoints(o) || (exported(o) && (controllerMadeEndpoints(o) || !endpointsListAddresses(o.object)));
}
