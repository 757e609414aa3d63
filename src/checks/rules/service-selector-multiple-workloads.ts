/**
 * service-selector-multiple-workloads (warning): a Service selector that matches the pods of several workloads,
 * e.g. `app: web` also matching a canary or a job (anchors E.11). Traffic is spread over all of them.
 */
import { selectorText, serviceId, templatesSelectedBy } from '../helpers';
import { finding, Finding, Rule } from '../rule';

export const serviceSelectorMultipleWorkloads: Rule = {
  id: 'service-selector-multiple-workloads',
  level: 'warning',
  description: 'Service selector matches pods of several workloads',
  explanation: 'The EndpointSlice controller adds every matching pod of the namespace, whatever owns it, so an over-broad selector sends part of the traffic to unrelated or canary pods (dns-rules 10; anchors E.11).',
  fix: 'Add a label that only the intended workload carries (e.g. app.kubernetes.io/component) to the selector and its template.',
  check(model) {
    const out: Finding[] = [];
    for (const svc of model.services()) {
      if (!svc.selector || svc.type === 'ExternalName') continue;
      const sel = svc.selector;
      const owners = templatesSelectedBy(model, svc);
      if (owners.length < 2) continue;
      const names = owners.map((t) => `${t.kind} "${t.name}"`).sort();
      out.push(finding(this, serviceId(svc.namespace, svc.name),
        `Service "${svc.name}" selects ${selectorText(sel)}, which matches the pods of ${owners.length} workloads (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''}), so traffic is spread over all of them. Fix: add a label only the intended workload carries to spec.selector and to its pod template.`));
    }
    return out;
  },
};
