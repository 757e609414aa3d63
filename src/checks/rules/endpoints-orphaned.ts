/**
 * endpoints-orphaned (error): Endpoints, or EndpointSlices labelled for a Service, whose Service does not exist in
 * their namespace. The Endpoints controller deletes such Endpoints (`checkLeftoverEndpoints`, k8s-validation rule 35);
 * nothing reads a slice without its Service (dns-rules 7).
 */
import { endpointsObjects, handWrittenSlices, labelOf, nameOf, resourceId, SERVICE_NAME_LABEL, servicesNamed } from '../helpers';
import { finding, Finding, Rule } from '../rule';

export const endpointsOrphaned: Rule = {
  id: 'endpoints-orphaned',
  level: 'error',
  description: 'Endpoints or EndpointSlice whose Service does not exist',
  explanation: 'Endpoints belong to the same-named Service of their namespace and EndpointSlices to the Service named by their kubernetes.io/service-name label; the Endpoints controller deletes Endpoints without a Service (pkg/controller/endpoint/endpoints_controller.go checkLeftoverEndpoints) and kube-proxy/CoreDNS never use an orphaned slice.',
  fix: 'Create the Service in the same namespace, or rename the Endpoints / fix the label to name the existing Service.',
  check(model) {
    const out: Finding[] = [];
    const hint = (ns: string, name: string) => {
      const others = servicesNamed(model, name).filter((s) => s.namespace !== ns).map((s) => s.namespace);
      return others.length > 0 ? ` (a Service "${name}" exists in namespace ${others.map((n) => `"${n}"`).join(', ')}; endpoints must be in the Service's namespace)` : '';
    };
    for (const o of endpointsObjects(model)) {
      const name = nameOf(o);
      if (!name || model.service(o.namespace, name)) continue;
      out.push(finding(this, resourceId(o),
        `Endpoints "${name}" has no Service "${name}" in namespace "${o.namespace}"${hint(o.namespace, name)}; the Endpoints controller deletes it. Fix: create the Service, or name the Endpoints exactly like its Service.`));
    }
    for (const o of handWrittenSlices(model)) {
      const svcName = labelOf(o, SERVICE_NAME_LABEL);
      if (!svcName || model.service(o.namespace, svcName)) continue;
      out.push(finding(this, resourceId(o),
        `EndpointSlice "${nameOf(o) ?? ''}" is labelled kubernetes.io/service-name: ${svcName}, but there is no Service "${svcName}" in namespace "${o.namespace}"${hint(o.namespace, svcName)}, so nothing uses it. Fix: create the Service, or set the label to the existing Service's name.`));
    }
    return out;
  },
};
