/**
 * servicemonitor-selects-nothing (warning): a prometheus-operator ServiceMonitor whose `spec.selector` keeps no Service
 * of the namespaces it reads. Prometheus discovers no target from it: its metrics silently never appear. A warning:
 * metrics, not traffic (kube-linter: dangling-servicemonitor).
 */
import { labelsOf, resourceId } from '../helpers';
import { monitorMatcher, monitorSelectorText } from '../lib/monitor-selectors';
import { judgedNamespaces, namespacesWithMakers, readMonitors, selectedServices } from '../lib/monitors';
import { finding, Finding, Rule } from '../rule';

export const serviceMonitorSelectsNothing: Rule = {
  id: 'servicemonitor-selects-nothing',
  level: 'warning',
  description: 'prometheus-operator ServiceMonitor selects no Service in the namespaces it reads',
  explanation: 'A ServiceMonitor (monitoring.coreos.com/v1) makes one Prometheus scrape job per endpoint, discovering the Endpoints of the Services whose labels its `spec.selector` (matchLabels, matchExpressions) keeps, in the namespaces of `spec.namespaceSelector`: every namespace with `any: true`, the `matchNames` when it lists any, else the ServiceMonitor\'s own namespace (prometheus-operator Documentation/api.md ServiceMonitorSpec and NamespaceSelector; pkg/prometheus/promcfg.go generateServiceMonitorConfig turns each selector term into a `keep`/`drop` relabeling on `__meta_kubernetes_service_label_<key>`, with values read as anchored regular expressions, and getNamespacesFromNamespaceSelector). A selector that keeps no Service yields no target: nothing fails, the metrics are simply never there (kube-linter: dangling-servicemonitor). Judged only where the input can show every candidate: the namespaces must be ones whose Services the run judges (a Service or a workload there, or `--complete`; `any: true` and `kube-system` need `--complete`), with no chart release deploying into them and no custom resource that may make Services (custom resources of certificate, routing, policy, secret and monitoring groups do not count); the Services the cluster makes count as selected: `kubernetes` in `default`, `kube-dns` in `kube-system`, prometheus-operator\'s kubelet Service and the governing Services beside a Prometheus, Alertmanager or ThanosRuler. Which ServiceMonitors a Prometheus picks up (`serviceMonitorSelector`, `serviceMonitorNamespaceSelector`) is configured in the cluster and not judged.',
  fix: 'Give the Service the labels the selector asks for, correct `spec.selector`, or point `spec.namespaceSelector` at the Service\'s namespace.',
  check(ctx) {
    const out: Finding[] = [];
    const makers = namespacesWithMakers(ctx);
    for (const m of readMonitors(ctx, 'ServiceMonitor')) {
      const namespaces = judgedNamespaces(ctx, m, makers);
      if (namespaces === undefined || selectedServices(ctx, m).length > 0) continue;
      const where = m.namespaces === undefined ? 'any namespace'
        : namespaces.length === 1 ? `namespace "${namespaces[0]}"` : `namespaces ${namespaces.map((n) => `"${n}"`).join(', ')}`;
      const selects = monitorMatcher(m.selector);
      const elsewhere = ctx.model.services().filter((s) => !namespaces.includes(s.namespace)
        && selects(labelsOf({ namespace: s.namespace, object: s.object })));
      const hint = elsewhere.length === 0 ? ''
        : ` Service "${elsewhere[0].name}" of namespace "${elsewhere[0].namespace}" matches${elsewhere.length > 1 ? ` (and ${elsewhere.length - 1} more)` : ''}: list its namespace in spec.namespaceSelector.matchNames.`;
      out.push(finding(this, resourceId(m.object),
        `ServiceMonitor "${m.name}" selects no Service: no Service of ${where} has labels matching spec.selector (${monitorSelectorText(m.selector)}), so Prometheus discovers no target from it and its metrics never appear.${hint} Fix: label the Service to match, correct spec.selector, or set spec.namespaceSelector to the Service's namespace.`));
    }
    return out;
  },
};
