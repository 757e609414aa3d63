/**
 * The label selectors and port names of prometheus-operator's ServiceMonitors and PodMonitors, read as the operator
 * turns them into Prometheus relabelings (pkg/prometheus/promcfg.go generateServiceMonitorConfig,
 * generatePodMonitorConfig): each `matchLabels` pair becomes a `keep` on `__meta_kubernetes_<role>_label_<key>` with
 * the regex `(<value>);true`, `In` and `NotIn` the same with the values joined by `|` (`keep`, `drop`), `Exists` and
 * `DoesNotExist` a `keep` or `drop` on `..._labelpresent_<key>`; an unknown operator adds nothing. Label keys are
 * sanitized (every character but `[a-zA-Z0-9_]` becomes `_`), values are anchored regular expressions; an endpoint's
 * `port` is a `keep` on the endpoint port name (a Service port's name) or the container port name, also a regex.
 * Whatever this file cannot read (a value that is no string, a pattern with more than `.` and `|`: patternMatcher) may
 * match. Pure.
 */
import { isUnfilled } from './placeholders';
import { cmp } from '../../model/compare';
import { asArray, asRecord } from '../../model/manifest';

/** Prometheus' `sanitizeLabelName`: every character outside `[a-zA-Z0-9_]` becomes `_`. */
export function sanitizeLabelName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_]/g, '_');
}

/** The longest pattern read; a longer one may match anything. */
const MAX_PATTERN_LENGTH = 4096;

/**
 * The patterns read: label-value characters, `.` (any character) and `|`. Label values and port names are written so;
 * a pattern with a quantifier, a group or a class is not read (it may match), so that no input-made RegExp can
 * backtrack: JavaScript's engine is not Prometheus' RE2, and `(a+)+b` against a long label value would hang the run.
 */
const READ_PATTERN = /^[A-Za-z0-9_.|-]*$/;

/** A compiled anchored Prometheus regex: true or false, or undefined when the pattern is not read (it may match). */
export type PatternMatcher = (value: string) => boolean | undefined;

/** The matcher of the anchored Prometheus regex `pattern` (see READ_PATTERN). */
export function patternMatcher(pattern: string): PatternMatcher {
  if (pattern.length > MAX_PATTERN_LENGTH || !READ_PATTERN.test(pattern)) return () => undefined;
  const re = new RegExp(`^(?:${pattern})$`);
  return (value) => re.test(value);
}

/**
 * The values of the labels whose sanitized key is `wanted` (a sanitized key: distinct keys may collide, `a.b` and
 * `a_b`). Sanitizing keeps the length (one `_` per UTF-16 unit), so only keys of that length are sanitized: a monitor
 * per Service of thousands of each tests every pair.
 */
function valuesOf(labels: { readonly [key: string]: string }, wanted: string): string[] {
  const out: string[] = [];
  for (const k of Object.keys(labels)) {
    if (k.length === wanted.length && (k === wanted || sanitizeLabelName(k) === wanted)) out.push(labels[k]);
  }
  return out;
}

/** `(a|b)` of an `In`/`NotIn` requirement's values; undefined when they are not all strings. */
function joinedValues(values: unknown): string | undefined {
  const list = asArray(values);
  return list.every((v) => typeof v === 'string') ? list.join('|') : undefined;
}

/**
 * The relabelings of a monitor's `spec.selector` as a test of an object's `labels` (a Service's, a pod's), patterns
 * compiled once; a missing selector keeps everything. Where a sanitized key stands for several labels, any of them
 * counts; a pattern that is not read (patternMatcher) keeps the object. This is not the Kubernetes label selector of
 * validation/selector.ts: values are regular expressions and keys are sanitized.
 */
export function monitorMatcher(selector: unknown): (labels: { readonly [key: string]: string }) => boolean {
  const sel = asRecord(selector);
  if (!sel) return () => true;
  const tests: ((labels: { readonly [key: string]: string }) => boolean)[] = [];
  for (const [k, v] of Object.entries(asRecord(sel.matchLabels) ?? {})) {
    if (typeof v !== 'string') continue;
    const match = patternMatcher(v);
    const key = sanitizeLabelName(k);
    tests.push((labels) => valuesOf(labels, key).some((value) => match(value) !== false));
  }
  for (const e of asArray(sel.matchExpressions)) {
    const r = asRecord(e);
    if (!r || typeof r.key !== 'string') continue;
    const key = sanitizeLabelName(r.key);
    const re = joinedValues(r.values);
    const match = re === undefined ? undefined : patternMatcher(re);
    switch (r.operator) {
      case 'In':
        if (match) tests.push((labels) => valuesOf(labels, key).some((value) => match(value) !== false));
        break;
      case 'NotIn': // dropped only when every value surely matches
        if (match) {
          tests.push((labels) => {
            const present = valuesOf(labels, key);
            return present.length === 0 || !present.every((value) => match(value) === true);
          });
        }
        break;
      case 'Exists': tests.push((labels) => valuesOf(labels, key).length > 0); break;
      case 'DoesNotExist': tests.push((labels) => valuesOf(labels, key).length === 0); break;
      default: break; // the operator adds no relabeling
    }
  }
  return (labels) => tests.every((t) => t(labels));
}

/** Whether a selector holds a Flux `${VAR}` placeholder in a key or value (it is not judged). */
export function selectorHasPlaceholder(selector: unknown): boolean {
  const sel = asRecord(selector);
  if (!sel) return false;
  for (const [k, v] of Object.entries(asRecord(sel.matchLabels) ?? {})) if (isUnfilled(k) || isUnfilled(v)) return true;
  return asArray(sel.matchExpressions).some((e) => {
    const r = asRecord(e);
    return isUnfilled(r?.key) || asArray(r?.values).some(isUnfilled);
  });
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
