/**
 * servicemonitor-port-missing (warning): a ServiceMonitor endpoint whose `port` names no port of the Services the
 * ServiceMonitor selects. The scrape job keeps no target: the metrics silently never appear.
 */
import { listFindings } from '../fold';
import { resourceId } from '../helpers';
import { listed } from '../lib/entry-backends';
import { patternMatcher } from '../lib/monitor-selectors';
import { judgedNamespaces, namespacesWithMakers, readMonitors, selectedServices, servicePortKept } from '../lib/monitors';
import { isUnfilled } from '../lib/placeholders';
import { finding, Finding, Rule } from '../rule';

/** At most this many selected Services are named in one message. */
const MAX_LISTED = 3;

export const serviceMonitorPortMissing: Rule = {
  id: 'servicemonitor-port-missing',
  level: 'warning',
  description: 'prometheus-operator ServiceMonitor endpoint `port` names no port of the Services it selects',
  explanation: 'A ServiceMonitor endpoint\'s `port` is the name of a Service port: prometheus-operator keeps only the discovered endpoints whose port name (`__meta_kubernetes_endpoint_port_name`, or `__meta_kubernetes_endpointslice_port_name`) matches it as an anchored regular expression (pkg/prometheus/promcfg.go generateServiceMonitorConfig; Documentation/api.md Endpoint: "Name of the Service port which this endpoint refers to"). The Endpoints controller names each endpoint port after its Service port, so a `port` that names none of the selected Services\' ports (a container port name, a number, an unnamed Service port) leaves the job without targets, and the metrics never appear. Judged where `servicemonitor-selects-nothing` judges the ServiceMonitor and it selects some Service; selectorless Services (whose Endpoints someone writes) and Services the cluster makes count as having every port. The deprecated `targetPort` (a pod port) is not judged.',
  fix: 'Set `port` to the name of the Service port that serves the metrics, or name that Service port so.',
  check(ctx) {
    const out: Finding[] = [];
    const makers = namespacesWithMakers(ctx);
    for (const m of readMonitors(ctx, 'ServiceMonitor')) {
      if (m.ports.length === 0) continue;
      const namespaces = judgedNamespaces(ctx, m, makers);
      if (namespaces === undefined) continue;
      const selected = selectedServices(ctx, m);
      if (selected.length === 0) continue; // servicemonitor-selects-nothing
      const missing = m.ports.filter(({ port }) => !isUnfilled(port) && !selected.some((s) => servicePortKept(s, patternMatcher(port))));
      // a ServiceMonitor of 100,000 endpoints: the first findings only are built (fold.ts)
      for (const f of listFindings(missing, () => this.level, ({ where, port }) => {
        const shown = selected.slice(0, MAX_LISTED).map((s) => {
          const names = (s.ports ?? []).map((p) => (p === '' ? '(unnamed)' : `"${p}"`));
          return `Service "${s.name}" of namespace "${s.namespace}": ${names.length === 0 ? 'no ports' : `ports ${listed(names)}`}`;
        });
        const more = selected.length > MAX_LISTED ? `; and ${selected.length - MAX_LISTED} more` : '';
        const number = /^\d+$/.test(port) ? ' A number does not name a port: the endpoint port name is the Service port\'s name.' : '';
        return finding(this, resourceId(m.object),
          `ServiceMonitor "${m.name}" ${where} "${port}" names no port of the Services it selects (${shown.join('; ')}${more}), so Prometheus keeps no target for this endpoint and its metrics never appear.${number} Fix: set ${where} to the name of the Service port that serves the metrics, or name that Service port "${port}".`);
      }, ctx.options.allFindings)) out.push(f);
    }
    return out;
  },
};
