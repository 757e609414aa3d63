/**
 * service-selector-multiple-workloads (info): a Service selector that matches the pods of several workloads that are
 * not variants of one application, e.g. `tier: backend` matching both "api" and "worker" (anchors E.11).
 *
 * Several workloads behind one Service are common and meant: versions (bookinfo's `app: reviews` over reviews-v1/v2/v3
 * labelled `version: vN`), canaries (`track: canary`), one workload per cluster member (Galera: one StatefulSet per
 * node). They carry the same application labels and differ in others, which the selector leaves out on purpose; such
 * a Service is not reported. Workloads whose application labels (`IDENTITY_KEYS`) differ are reported as a note: the
 * traffic is spread over them, which works, but is rarely meant.
 *
 * Nor is the headless Service that is the `serviceName` of every StatefulSet it selects (Bitnami's redis chart, also as
 * cdk8s renders it with its Helm construct: `<release>-headless` over the master and the replicas StatefulSets). Each
 * pod's own name `<pod>.<serviceName>` exists only while that Service selects the pod (dns-rules 11, 13, 30), so it must
 * select all of them, and a headless Service spreads no traffic over a virtual IP. Nor is a metrics Service, whose every
 * port is named `metrics` or `<x>-metrics` (Bitnami's `<release>-metrics` over all the chart's pods): Prometheus
 * scrapes each of its endpoints, so covering every workload is its purpose.
 */
import { asRecord } from '../../model/manifest';
import type { ServiceRecord } from '../../model/records';
import type { PodTemplate } from '../context/pod-templates';
import { selectorText, serviceId } from '../helpers';
import { finding, Finding, Rule } from '../rule';

/** Labels that name an application or its part (kubernetes.io recommended labels and the common older keys). */
export const IDENTITY_KEYS = [
  'app', 'app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app.kubernetes.io/component', 'k8s-app', 'component', 'tier',
];

export const serviceSelectorMultipleWorkloads: Rule = {
  id: 'service-selector-multiple-workloads',
  level: 'info',
  description: 'Service selector matches pods of several unrelated workloads',
  explanation: 'The EndpointSlice controller adds every matching pod of the namespace, whatever owns it, so traffic is spread over all of them (dns-rules 10; anchors E.11). That works, and is meant for versions, canaries and one workload per cluster member (bookinfo\'s reviews-v1/v2/v3, Galera\'s StatefulSet per node): workloads that share their application labels (`app`, `app.kubernetes.io/name`, `/instance`, `/component`, `k8s-app`, `component`, `tier`) and differ only in others are not reported; those whose application labels differ are. Nor is a headless Service that is the serviceName of every StatefulSet it selects (Bitnami redis\'s `-headless` over master and replicas): the pods\' own DNS names exist only while it selects them (dns-rules 11, 13, 30); nor a metrics Service (every port named `metrics` or `<x>-metrics`), whose endpoints Prometheus scrapes one by one. A chart\'s Helm test Pod (annotation `helm.sh/hook: test`, `test-success` or `test-failure`), which carries the release\'s labels, is not judged: only `helm test` makes it, and it runs to completion, never as an endpoint (Argo CD does not apply it).',
  fix: 'If only one workload is meant, add the label that tells them apart (e.g. app.kubernetes.io/component) to the selector.',
  check(ctx) {
    const out: Finding[] = [];
    for (const svc of ctx.model.services()) {
      if (!svc.selector || svc.type === 'ExternalName') continue;
      const sel = svc.selector;
      const owners = ctx.endpointTemplatesOf(svc);
      if (owners.length < 2 || governsAll(svc, owners) || metricsOnly(svc)) continue;
      const key = differingIdentity(owners);
      if (key === undefined) continue;
      const names = owners.map((t) => `${t.kind} "${t.name}" (${key}=${t.labels[key] ?? 'none'})`).sort();
      out.push(finding(this, serviceId(svc.namespace, svc.name),
        `Service "${svc.name}" selects ${selectorText(sel)}, which matches the pods of ${owners.length} workloads of different ${key} labels (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''}), so traffic is spread over all of them. Fix: if only one is meant, add ${key} to spec.selector.`));
    }
    return out;
  },
};

/** The first identity label whose value (or absence) differs between the templates, or undefined (variants of one app). */
function differingIdentity(templates: readonly PodTemplate[]): string | undefined {
  for (const key of IDENTITY_KEYS) {
    const first = templates[0].labels[key];
    if (templates.some((t) => t.labels[key] !== first)) return key;
  }
  return undefined;
}

/** True when `svc` is headless and the governing Service (`spec.serviceName`) of every selected template's StatefulSet. */
function governsAll(svc: ServiceRecord, templates: readonly PodTemplate[]): boolean {
  return svc.headless && templates.every((t) => t.kind === 'StatefulSet' && asRecord(t.owner.object.spec)?.serviceName === svc.name);
}

/** True when every port of `svc` is named `metrics` or `<x>-metrics` (`http-metrics`): a scrape target, not a load balancer. */
function metricsOnly(svc: ServiceRecord): boolean {
  return svc.ports.length > 0 && svc.ports.every((p) => /(^|-)metrics$/.test(p.name));
}
