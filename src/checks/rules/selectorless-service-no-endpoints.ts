/**
 * selectorless-service-no-endpoints (warning): a Service without selector (not ExternalName) and no Endpoints or
 * EndpointSlices for it in the input. Nothing creates endpoints for it (dns-rules 10: "nil selector matches nothing").
 * Unlike kube-linter's dangling-service (anchors F, kube-linter#746), a selectorless Service WITH manual
 * Endpoints/EndpointSlices is fine and not reported.
 */
import { rec } from '../../model/manifest';
import { endpointsObjects, handWrittenSlices, labelOf, nameOf, SERVICE_NAME_LABEL, serviceId } from '../helpers';
import { finding, Finding, Rule } from '../rule';

export const selectorlessServiceNoEndpoints: Rule = {
  id: 'selectorless-service-no-endpoints',
  level: 'warning',
  description: 'Selectorless Service without Endpoints or EndpointSlices',
  explanation: 'Without a selector the control plane creates no endpoints; the Service routes nowhere (connections refused, headless name NXDOMAIN) until Endpoints or EndpointSlices are supplied (kubernetes.io docs, Services without selectors; pkg/controller/endpoint/endpoints_controller.go syncService).',
  fix: 'Add EndpointSlices labelled kubernetes.io/service-name=<service> (or an Endpoints object of the same name), or add a selector.',
  check(model) {
    const out: Finding[] = [];
    // Namespace and name of the Services that Endpoints and hand-written slices are for (look-ups, not a scan per Service).
    const served = new Set<string>();
    for (const o of endpointsObjects(model)) {
      const name = nameOf(o);
      if (name !== undefined) served.add(`${o.namespace}\u0000${name}`);
    }
    for (const o of handWrittenSlices(model)) {
      const name = labelOf(o, SERVICE_NAME_LABEL);
      if (name !== undefined) served.add(`${o.namespace}\u0000${name}`);
    }
    for (const svc of model.services()) {
      if (svc.selector || svc.type === 'ExternalName') continue;
      const has = served.has(`${svc.namespace}\u0000${svc.name}`)
        || objectsHaveOwnedSlice(model, svc.namespace, svc.name);
      if (has) continue;
      const raw = rec(rec(svc.object)?.spec)?.selector;
      const empty = rec(raw) && Object.keys(raw).length === 0 ? ' (an empty `selector: {}` is stored as no selector)' : '';
      out.push(finding(this, serviceId(svc.namespace, svc.name),
        `Service "${svc.name}" has no selector${empty} and no Endpoints or EndpointSlices, so it routes nowhere. Fix: add EndpointSlices labelled kubernetes.io/service-name: ${svc.name} with the backend addresses, or give the Service a selector.`));
    }
    return out;
  },
};

function objectsHaveOwnedSlice(model: Parameters<Rule['check']>[0], ns: string, name: string): boolean {
  return model.inputEndpointSlices(ns, name).length > 0;
}
