/**
 * Shared by the two targetPort rules: which templates a Service port is checked against, and what they declare.
 * Not a rule.
 */
import type { ClusterModel } from '../../model/cluster-model';
import type { ServicePortRecord, ServiceRecord } from '../../model/records';
import { DeclaredPort, ignoredRules, PodTemplate, templateIndex, templatesSelectedBy, templateSelects } from '../helpers';
import { nearMisses, serviceSelectorNoMatch } from './service-selector-no-match';

/** The templates to check a Service's ports against: those it selects, else its near misses (see below). */
export interface PortTargets {
  readonly templates: readonly PodTemplate[];
  /** True when the selector matches nothing and the near-miss templates stand in (service-selector-no-match reports the selector). */
  readonly nearMiss: boolean;
}

/**
 * Templates selected by the Service; when there are none, the one template it nearly selects (same label keys), so that
 * one run reports both halves of the checklist's typical failure (wrong selector and wrong targetPort). Nothing when
 * several templates are near (Helm-style keys such as app.kubernetes.io/name make every workload a near miss) or when
 * the Service suppresses service-selector-no-match with the ignore annotation (the selector is meant to match nothing).
 * `templates` may be given (every template, or those of the Service's namespace); without it the model's
 * `templateIndex` is asked and the answer is kept per model, since both targetPort rules ask it for every Service.
 */
export function portTargets(model: ClusterModel, svc: ServiceRecord, templates?: readonly PodTemplate[]): PortTargets {
  if (templates) return findPortTargets(svc, (sel) => templates.filter((t) => t.namespace === svc.namespace && templateSelects(t, sel)), templates);
  let known = TARGETS.get(model);
  if (!known) TARGETS.set(model, known = new Map());
  let targets = known.get(svc);
  if (!targets) {
    targets = findPortTargets(svc, () => templatesSelectedBy(model, svc), templateIndex(model).inNamespace(svc.namespace));
    known.set(svc, targets);
  }
  return targets;
}

/** `portTargets` per model and Service record. */
const TARGETS = new WeakMap<ClusterModel, Map<ServiceRecord, PortTargets>>();

const NO_TARGETS: PortTargets = Object.freeze({ templates: Object.freeze([]), nearMiss: false });

function findPortTargets(
  svc: ServiceRecord, selectedBy: (selector: { readonly [key: string]: string }) => PodTemplate[], local: readonly PodTemplate[],
): PortTargets {
  if (!svc.selector || svc.type === 'ExternalName') return NO_TARGETS;
  const selected = selectedBy(svc.selector);
  if (selected.length > 0) return { templates: selected, nearMiss: false };
  const ignored = ignoredRules(svc.object);
  if (ignored.has(serviceSelectorNoMatch.id) || ignored.has('*')) return NO_TARGETS;
  const near = nearMisses(svc, local);
  return near.length === 1 ? { templates: near, nearMiss: true } : NO_TARGETS;
}

/** Every container port a template declares (of a one-container template, nearly every one, its list as is). */
export function declared(t: PodTemplate): readonly DeclaredPort[] {
  return t.containers.length === 1 ? t.containers[0].ports : t.containers.flatMap((c) => c.ports);
}

/** `3000/TCP, 9090/TCP (metrics)` for messages. */
export function declaredText(ports: readonly DeclaredPort[]): string {
  if (ports.length === 0) return 'none';
  return ports.map((p) => `${p.containerPort}/${p.protocol}${p.name ? ` (${p.name})` : ''}`).join(', ');
}

/** `port 80` or `port "http" (80)` for messages. */
export function portLabel(p: ServicePortRecord): string {
  return p.name ? `port "${p.name}" (${p.port ?? '?'})` : `port ${p.port ?? '?'}`;
}
