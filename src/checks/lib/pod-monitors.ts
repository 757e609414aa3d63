/**
 * The pods a PodMonitor selects, for podmonitor-selects-nothing and podmonitor-port-missing: the pod templates of the
 * namespaces it reads (lib/monitors.ts judgedNamespaces) whose labels its selector keeps, read as prometheus-operator's
 * relabelings on `__meta_kubernetes_pod_label_<key>` (lib/monitor-selectors.ts). Not a rule.
 */
import { monitorMatcher } from './monitor-selectors';
import type { Monitor } from './monitors';
import { asArray, asRecord, nonEmptyString } from '../../model/manifest';
import type { CheckContext } from '../context/check-context';
import type { PodTemplate } from '../context/pod-templates';

/** The pod templates of `namespaces` that the PodMonitor's selector keeps, in input order. */
export function selectedTemplates(ctx: CheckContext, m: Monitor, namespaces: readonly string[]): PodTemplate[] {
  const selects = monitorMatcher(m.selector);
  return namespaces.flatMap((ns) => ctx.templateIndex.inNamespace(ns).filter((t) => selects(t.labels)));
}

/**
 * The container port names of a template ('' for an unnamed port): of its containers, native sidecars and other init
 * containers (Prometheus' pod discovery lists every container's ports, `__meta_kubernetes_pod_container_init`).
 */
export function containerPortNames(t: PodTemplate): string[] {
  const out = t.containers.flatMap((c) => c.ports.map((p) => p.name ?? ''));
  for (const c of asArray(t.spec.initContainers)) {
    for (const p of asArray(asRecord(c)?.ports)) out.push(nonEmptyString(asRecord(p)?.name) ?? '');
  }
  return out;
}
