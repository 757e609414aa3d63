/**
 * podmonitor-selects-nothing (warning): a prometheus-operator PodMonitor whose `spec.selector` keeps no pod template of
 * the namespaces it reads. Prometheus discovers no target from it: its metrics silently never appear.
 */
import { resourceId } from '../helpers';
import { monitorSelectorText } from '../lib/monitor-selectors';
import { judgedNamespaces, namespacesWithMakers, readMonitors } from '../lib/monitors';
import { selectedTemplates } from '../lib/pod-monitors';
import { finding, Finding, Rule } from '../rule';

export const podMonitorSelectsNothing: Rule = {
  id: 'podmonitor-selects-nothing',
  level: 'warning',
  description: 'prometheus-operator PodMonitor selects no pod in the namespaces it reads',
  explanation: 'A PodMonitor (monitoring.coreos.com/v1) makes one Prometheus scrape job per `podMetricsEndpoints` entry, discovering the pods whose labels its `spec.selector` keeps in the namespaces of `spec.namespaceSelector` (every namespace with `any: true`, the `matchNames` when it lists any, else its own; prometheus-operator Documentation/api.md PodMonitorSpec; pkg/prometheus/promcfg.go generatePodMonitorConfig turns each selector term into a relabeling on `__meta_kubernetes_pod_label_<key>`, values read as anchored regular expressions). A selector that keeps no pod yields no target, and the metrics silently never appear. The pods are those of the input\'s workloads and Pods (and of the Prometheus, Alertmanager and ThanosRuler resources, whose pods the checker knows). Judged as `servicemonitor-selects-nothing` judges: namespaces whose workloads the run judges (`any: true` and `kube-system` need `--complete`), no chart release into them, no custom resource there that may make pods.',
  fix: 'Give the pod template the labels the selector asks for, correct `spec.selector`, or point `spec.namespaceSelector` at the pods\' namespace.',
  check(ctx) {
    const out: Finding[] = [];
    const makers = namespacesWithMakers(ctx);
    for (const m of readMonitors(ctx, 'PodMonitor')) {
      const namespaces = judgedNamespaces(ctx, m, makers);
      if (namespaces === undefined || selectedTemplates(ctx, m, namespaces).length > 0) continue;
      const where = m.namespaces === undefined ? 'any namespace'
        : namespaces.length === 1 ? `namespace "${namespaces[0]}"` : `namespaces ${namespaces.map((n) => `"${n}"`).join(', ')}`;
      out.push(finding(this, resourceId(m.object),
        `PodMonitor "${m.name}" selects no pod: no pod template of ${where} has labels matching spec.selector (${monitorSelectorText(m.selector)}), so Prometheus discovers no target from it and its metrics never appear. Fix: label the pod template to match, correct spec.selector, or set spec.namespaceSelector to the pods' namespace.`));
    }
    return out;
  },
};
