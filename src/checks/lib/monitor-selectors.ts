/**
 * The label selectors and port names of prometheus-operator's ServiceMonitors and PodMonitors, read as the operator
 * turns them into Prometheus relabelings (pkg/prometheus/promcfg.go generateServiceMonitorConfig,
 * generatePodMonitorConfig): each `matchLabels` pair becomes a `keep` on `__meta_kubernetes_<role>_label_<key>` with
 * the regex `(<value>);true`, `In` and `NotIn` the same with the values joined by `|` (`keep`, `drop`), `Exists` and
 * `DoesNotExist` a `keep` or `drop` on `..._labelpresent_<key>`; an unknown operator adds nothing. Label keys are
 * sanitized (every character but `[a-zA-Z0-9_]` becomes `_`), values are anchored regular expressions; an endpoint's
 * `port` is a `keep` on the endpoint port name (a Service port's name) or the container port name, also a regex.
 * Whatever this file cannot read (a value that is no string, a regex JavaScript cannot compile) may match. Pure.
 */
import { hasPlaceholder } from './placeholders';
import { cmp } from '../../model/compare';
import { asArray, asRecord } from '../../model/manifest';

/** Prometheus' `sanitizeLabelName`: every character outside `[a-zA-Z0-9_]` becomes `_`. */
export function sanitizeLabelName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_]/g, '_');
}

/** Whether the anchored Prometheus regex `pattern` matches `value`; true when the pattern does not compile here. */
export function regexMatches(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return true;
  }
}

/** The values of the labels whose sanitized key is `key`'s (distinct keys may collide: `a.b` and `a_b`). */
function valuesOf(labels: { readonly [key: string]: string }, key: string): string[] {
  const wanted = sanitizeLabelName(key);
  const out: string[] = [];
  for (const [k, v] of Object.entries(labels)) if (sanitizeLabelName(k) === wanted) out.push(v);
  return out;
}

/** `(a|b)` of an `In`/`NotIn` requirement's values; undefined when they are not all strings. */
function joinedValues(values: unknown): string | undefined {
  const list = asArray(values);
  return list.every((v) => typeof v === 'string') ? list.join('|') : undefined;
}

/**
 * Whether the relabelings of a monitor's `spec.selector` keep an object with `labels` (a Service's, a pod's); a
 * missing selector keeps everything. Where a sanitized key stands for several labels, any of them counts.
 */
export function monitorSelects(selector: unknown, labels: { readonly [key: string]: string }): boolean {
  const sel = asRecord(selector);
  if (!sel) return true;
  for (const [k, v] of Object.entries(asRecord(sel.matchLabels) ?? {})) {
    if (typeof v !== 'string') continue;
    if (!valuesOf(labels, k).some((value) => regexMatches(v, value))) return false;
  }
  for (const e of asArray(sel.matchExpressions)) {
    const r = asRecord(e);
    if (!r || typeof r.key !== 'string') continue;
    const present = valuesOf(labels, r.key);
    switch (r.operator) {
      case 'In': {
        const re = joinedValues(r.values);
        if (re !== undefined && !present.some((value) => regexMatches(re, value))) return false;
        break;
      }
      case 'NotIn': {
        const re = joinedValues(r.values);
        if (re !== undefined && present.length > 0 && present.every((value) => regexMatches(re, value))) return false;
        break;
      }
      case 'Exists': if (present.length === 0) return false; break;
      case 'DoesNotExist': if (present.length > 0) return false; break;
      default: break; // the operator adds no relabeling
    }
  }
  return true;
}

/** Whether a selector holds a Flux `${VAR}` placeholder in a key or value (it is not judged). */
export function selectorHasPlaceholder(selector: unknown): boolean {
  const sel = asRecord(selector);
  if (!sel) return false;
  for (const [k, v] of Object.entries(asRecord(sel.matchLabels) ?? {})) if (hasPlaceholder(k) || hasPlaceholder(v)) return true;
  return asArray(sel.matchExpressions).some((e) => {
    const r = asRecord(e);
    return hasPlaceholder(r?.key) || asArray(r?.values).some(hasPlaceholder);
  });
}

/** The label keys a selector reads (matchLabels and matchExpressions). */
export function selectorKeys(selector: unknown): string[] {
  const sel = asRecord(selector);
  if (!sel) return [];
  const keys = Object.keys(asRecord(sel.matchLabels) ?? {});
  for (const e of asArray(sel.matchExpressions)) {
    const key = asRecord(e)?.key;
    if (typeof key === 'string') keys.push(key);
  }
  return keys;
}

/** `app=api,tier in (web,edge),!legacy` (kubectl's selector syntax; matchLabels sorted, then the expressions in order). */
export function monitorSelectorText(selector: unknown): string {
  const sel = asRecord(selector);
  if (!sel) return '(everything)';
  const parts = Object.entries(asRecord(sel.matchLabels) ?? {}).sort(([a], [b]) => cmp(a, b)).map(([k, v]) => `${k}=${String(v)}`);
  for (const e of asArray(sel.matchExpressions)) {
    const r = asRecord(e);
    const key = String(r?.key);
    const values = asArray(r?.values).map(String).join(',');
    switch (r?.operator) {
      case 'In': parts.push(`${key} in (${values})`); break;
      case 'NotIn': parts.push(`${key} notin (${values})`); break;
      case 'Exists': parts.push(key); break;
      case 'DoesNotExist': parts.push(`!${key}`); break;
      default: break;
    }
  }
  return parts.length === 0 ? '(everything)' : parts.join(',');
}
