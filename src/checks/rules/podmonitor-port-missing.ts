/**
 * podmonitor-port-missing (warning): a PodMonitor endpoint whose `port` names no container port of the pods the
 * PodMonitor selects. The scrape job keeps no target: the metrics silently never appear. When a selected pod template
 * is of a kustomize build with patches (or replacements, vars), which the checker does not apply (when every build of
 * its copy has them: kustomize-builds.ts), it is not judged: an info, since a patch may add the port (as
 * service-target-port-name-missing does).
 */
import { listFindings } from '../fold';
import { resourceId } from '../helpers';
import { listed } from '../lib/entry-backends';
import { notJudgedForEdits } from '../lib/kustomize-renames';
import { patternMatcher } from '../lib/monitor-selectors';
import { judgedNamespaces, namespacesWithMakers, readMonitors } from '../lib/monitors';
import { isUnfilled } from '../lib/placeholders';
import { containerPortNames, selectedTemplates } from '../lib/pod-monitors';
import { finding, Finding, Rule } from '../rule';

/** At most this many selected workloads are named in one message. */
const MAX_LISTED = 3;

export const podMonitorPortMissing: Rule = {
  id: 'podmonitor-port-missing',
  level: 'warning',
  description: 'prometheus-operator PodMonitor endpoint `port` names no container port of the pods it selects (an **info** when a kustomize build with patches, replacements or vars may add it)',
  explanation: 'A PodMonitor `podMetricsEndpoints[].port` is the name of a container port: prometheus-operator keeps only the discovered pod ports whose name (`__meta_kubernetes_pod_container_port_name`) matches it as an anchored regular expression (pkg/prometheus/promcfg.go generatePodMonitorConfig; Documentation/api.md PodMetricsEndpoint "Name of the Pod port which this endpoint refers to"). A name that no container port of the selected pods has (a Service port name, an unnamed port) leaves the job without targets, and the metrics never appear. Judged where `podmonitor-selects-nothing` judges the PodMonitor and it selects some pod template; the ports of every container, init containers included, count. `portNumber` and the deprecated `targetPort` are not judged. When a selected pod template is of a kustomize build whose kustomizations have `patches`, `patchesStrategicMerge`, `patchesJson6902`, `replacements` or `vars`, or whose Flux Kustomization or Argo CD Application has patches of its own, which the checker does not apply, the finding is an **info** that it is not judged: a patch may add the port to that template (when a base is held by several builds, only if every one of them has such patches).',
  fix: 'Set `port` to the name of the container port that serves the metrics, or name that container port so.',
  check(ctx) {
    const out: Finding[] = [];
    const makers = namespacesWithMakers(ctx);
    for (const m of readMonitors(ctx, 'PodMonitor')) {
      if (m.ports.length === 0) continue;
      const namespaces = judgedNamespaces(ctx, m, makers);
      if (namespaces === undefined) continue;
      const selected = selectedTemplates(ctx, m, namespaces);
      if (selected.length === 0) continue; // podmonitor-selects-nothing
      const missing = m.ports.filter(({ port }) => {
        const match = patternMatcher(port);
        return !isUnfilled(port) && !selected.some((t) => containerPortNames(t).some((name) => match(name) !== false));
      });
      // the build patches what the checker reads as written: the port may be there after it
      const patched = selected.find((t) => t.owner.source?.kustomizeEdits !== undefined);
      const edits = patched?.owner.source?.kustomizeEdits;
      // a PodMonitor of 100,000 endpoints: the first findings only are built (fold.ts)
      for (const f of listFindings(missing, () => (patched === undefined || edits === undefined ? this.level : 'info'), ({ where, port }) => {
        const shown = selected.slice(0, MAX_LISTED).map((t) => {
          const names = [...new Set(containerPortNames(t).filter((n) => n !== ''))].map((n) => `"${n}"`);
          return `${t.kind} "${t.name}" of namespace "${t.namespace}": ${names.length === 0 ? 'no named container port' : `container ports ${listed(names)}`}`;
        });
        const more = selected.length > MAX_LISTED ? `; and ${selected.length - MAX_LISTED} more` : '';
        const cause = `PodMonitor "${m.name}" ${where} "${port}" names no container port of the pods it selects (${shown.join('; ')}${more})`;
        const fix = `set ${where} to the name of the container port that serves the metrics, or name that container port "${port}"`;
        if (patched === undefined || edits === undefined) {
          return finding(this, resourceId(m.object), `${cause}, so Prometheus keeps no target for this endpoint and its metrics never appear. Fix: ${fix}.`);
        }
        return {
          ...finding(this, resourceId(m.object), notJudgedForEdits(cause, edits, `add the port to ${patched.kind} "${patched.name}"`, fix)),
          level: 'info',
        };
      }, ctx.options.allFindings)) out.push(f);
    }
    return out;
  },
};
