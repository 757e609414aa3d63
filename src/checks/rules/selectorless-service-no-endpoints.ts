/**
 * selectorless-service-no-endpoints (warning): a Service without selector (not ExternalName) and no Endpoints or
 * EndpointSlices for it in the input. Nothing creates endpoints for it (dns-rules 10: "nil selector matches nothing").
 * Unlike kube-linter's dangling-service (anchors F, kube-linter#746), a selectorless Service WITH manual
 * Endpoints/EndpointSlices is fine and not reported. A Service exported from a cluster (`metadata.uid` set) is not
 * reported when the input holds no Endpoints and no EndpointSlices at all: the export left them out (`kubectl get all`
 * does), so the input cannot tell (every cluster has at least the `kubernetes` Service's). The `kubernetes` Service
 * of namespace `default` is never reported: the API server writes its Endpoints and EndpointSlice itself, with its own
 * addresses (pkg/controlplane/reconcilers), so a dump or a test fixture of it lists none. Nor is a Service whose
 * selector is written like a workload's (`selector: {matchLabels: {app: web}}`): it was meant to select, and the API
 * server rejects it, which service-invalid reports (ardanlabs/service base-sales.yaml).
 */
import { SERVICE_NAME_LABEL } from '../../k8s-syntax/well-known';
import type { ClusterModel } from '../../model/cluster-model';
import { asRecord, nonEmptyString } from '../../model/manifest';
import type { ServiceRecord } from '../../model/records';
import { labelOf, nameOf, serviceId } from '../helpers';
import { finding, Finding, Rule } from '../rule';
import { isWorkloadSelector } from '../validation/service';

export const selectorlessServiceNoEndpoints: Rule = {
  id: 'selectorless-service-no-endpoints',
  level: 'warning',
  description: 'Selectorless Service without Endpoints or EndpointSlices',
  explanation: 'Without a selector the control plane creates no endpoints; the Service routes nowhere (connections refused, headless name NXDOMAIN) until Endpoints or EndpointSlices are supplied (kubernetes.io docs, Services without selectors; pkg/controller/endpoint/endpoints_controller.go syncService).',
  fix: 'Add EndpointSlices labelled kubernetes.io/service-name=<service> (or an Endpoints object of the same name), or add a selector.',
  check(ctx) {
    const out: Finding[] = [];
    // The Services that Endpoints and hand-written slices are for: look-ups of the model's Service index, whose
    // records are then asked for by identity (no key text per object and per Service).
    const served = new Set<ServiceRecord>();
    const serve = (namespace: string, name: string | undefined) => {
      const svc = name === undefined ? undefined : ctx.model.service(namespace, name);
      if (svc && svc.namespace === namespace && svc.name === name) served.add(svc);
    };
    for (const o of ctx.endpointsObjects()) serve(o.namespace, nameOf(o));
    for (const o of ctx.handWrittenSlices()) serve(o.namespace, labelOf(o, SERVICE_NAME_LABEL));
    const noEndpointsExported = served.size === 0 && ctx.objectsOfKind('Endpoints').length === 0
      && ctx.objectsOfKind('EndpointSlice').length === 0;
    for (const svc of ctx.model.services()) {
      if (svc.selector || svc.type === 'ExternalName') continue;
      // `selector: {matchLabels: ...}`: meant as a selector, and the API server rejects the Service (service-invalid)
      if (isWorkloadSelector(asRecord(svc.object.spec)?.selector)) continue;
      if (svc.namespace === 'default' && svc.name === 'kubernetes') continue;
      if (noEndpointsExported && nonEmptyString(asRecord(svc.object.metadata)?.uid) !== undefined) continue;
      const has = served.has(svc)
        || objectsHaveOwnedSlice(ctx.model, svc.namespace, svc.name);
      if (has) continue;
      const raw = asRecord(asRecord(svc.object)?.spec)?.selector;
      const empty = asRecord(raw) && Object.keys(raw).length === 0 ? ' (an empty `selector: {}` is stored as no selector)' : '';
      out.push(finding(this, serviceId(svc.namespace, svc.name),
        `Service "${svc.name}" has no selector${empty} and no Endpoints or EndpointSlices, so it routes nowhere. Fix: add EndpointSlices labelled kubernetes.io/service-name: ${svc.name} with the backend addresses, or give the Service a selector.`));
    }
    return out;
  },
};

function objectsHaveOwnedSlice(model: ClusterModel, ns: string, name: string): boolean {
  return model.inputEndpointSlices(ns, name).length > 0;
}
