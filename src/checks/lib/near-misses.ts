/**
 * Near misses of a selector that selects no pod template: the templates of its namespace that carry every key of the
 * selector's label pairs with other values, the closest values by edit distance first, as `kubectl get pods
 * --show-labels` would show them. For the "nearest:" hints of service-selector-no-match and
 * networkpolicy-selects-nothing. Not a rule.
 */
import type { PodTemplate } from '../context/pod-templates';
import { templateSelects } from '../context/template-index';
import { selectorText } from '../helpers';
import type { NameHints } from './nearest-name';

/** How many near misses a hint names. */
const MAX_NEAR = 3;

/** Templates of `namespace` that have every selector key but not every value ("near misses"), in input order. */
export function nearMisses(namespace: string, sel: { readonly [key: string]: string }, templates: readonly PodTemplate[]): PodTemplate[] {
  const keys = Object.keys(sel);
  return templates.filter((t) => t.namespace === namespace && keys.every((k) => Object.prototype.hasOwnProperty.call(t.labels, k))
    && !templateSelects(t, sel));
}

/**
 * The near misses with the labels closest to the selector first (the sum of the edit distances of their values to the
 * selector's, ties in input order), so that the message names `ordering-backgroundtasks` for a Service selecting
 * `orderingbackground` beside a dozen other templates of `app: eshop`. In input order once the run's hint work is spent.
 */
export function closestFirst(near: PodTemplate[], sel: { readonly [key: string]: string }, hints: NameHints): PodTemplate[] {
  if (near.length <= MAX_NEAR) return near;
  const keys = Object.keys(sel);
  const scored: { t: PodTemplate; d: number; i: number }[] = [];
  for (let i = 0; i < near.length; i++) {
    let d = 0;
    for (const k of keys) {
      const value = near[i].labels[k];
      if (value === sel[k]) continue;
      const e = hints.distance(sel[k], value);
      if (e === undefined) return near;
      d += e;
    }
    scored.push({ t: near[i], d, i });
  }
  return scored.sort((x, y) => x.d - y.d || x.i - y.i).map((s) => s.t);
}

/**
 * `nearest: Deployment "web" has app=web; ...`: the closest near misses of `sel` in `namespace` (at most MAX_NEAR), or
 * undefined when there is none (`sel` empty: no hint). `close`: only those whose differing values are each a typo of
 * the selector's (nearest-name.ts: at most two edits), for hints that should not list every template of an `app` key.
 */
export function nearestHint(
  namespace: string, sel: { readonly [key: string]: string }, templates: readonly PodTemplate[], hints: NameHints, close = false,
): string | undefined {
  if (Object.keys(sel).length === 0) return undefined;
  const candidates = close ? closeNearMisses(namespace, sel, templates, hints).near : nearMisses(namespace, sel, templates);
  const near = closestFirst(candidates, sel, hints).slice(0, MAX_NEAR);
  if (near.length === 0) return undefined;
  return `nearest: ${near.map((t) => `${t.kind} "${t.name}" has ${selectorText(pick(t.labels, Object.keys(sel)))}`).join('; ')}`;
}

/**
 * The near misses of `sel` in `namespace` whose differing values are each a typo of the selector's (at most two edits,
 * nearest-name.ts), in input order; `cut` when the run's hint work ran out before a near miss's values were compared
 * (whether it is one cannot be told). No near misses, or an empty `sel`: none, and no cut.
 */
export function closeNearMisses(
  namespace: string, sel: { readonly [key: string]: string }, templates: readonly PodTemplate[], hints: NameHints,
): { readonly near: PodTemplate[]; readonly cut: boolean } {
  const keys = Object.keys(sel);
  if (keys.length === 0) return { near: [], cut: false };
  let cut = false;
  const typo = (t: PodTemplate, k: string) => {
    if (t.labels[k] === sel[k]) return true;
    const search = hints.search(sel[k], () => [t.labels[k]]);
    if (search.kind === 'cut') cut = true;
    return search.kind === 'found';
  };
  const near = nearMisses(namespace, sel, templates).filter((t) => keys.every((k) => typo(t, k)));
  return { near, cut };
}

function pick(labels: { readonly [key: string]: string }, keys: string[]): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const k of keys) if (Object.prototype.hasOwnProperty.call(labels, k)) out[k] = labels[k];
  return out;
}
