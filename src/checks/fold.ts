/**
 * The bound on the findings of one rule on one object (used by the engine). Pure.
 *
 * One object can hold any number of the things a rule judges: an HTTPRoute or a TraefikService of 200,000 backends
 * that name missing Services is 200,000 findings (120 MB of JSON), and so are an Ingress of that many rules, a
 * ConfigMap of that many URLs, a Service of that many ports. No object of a real repository comes near: an Ingress has
 * tens of rules, a Service tens of ports. So, of the findings of one rule on one object, the first
 * `MAX_FINDINGS_PER_OBJECT` are listed, errors first, then warnings, then info, each in the order the rule made them
 * (its input order: `backendRefs[0]` to `[99]`), and the rest are folded into one more finding of that rule and object:
 * at the level of the most serious one folded (a folded error still fails the run), saying how many there were of
 * each level, quoting the first, and how to list them all (`--all-findings`, `CheckRunOptions.allFindings`);
 * `Finding.folded` holds the count, and the engine sorts it after the others of its rule. The engine folds what the
 * rules made; a rule whose items come from one object's own lists (a Service's ports, a pod's containers) folds its own
 * with `listFindings`, the same way and with the same words (`foldedOf`), so that it builds 101 findings of a Service of
 * a million bad ports, not a million (the engine leaves a finding a rule folded as it is).
 */
import type { Finding, Level } from './rule';

/** At most this many findings of one rule on one object are listed; the rest are folded into one more. */
export const MAX_FINDINGS_PER_OBJECT = 100;

/** The levels in the engine's order (errors first). */
const LEVELS: readonly Level[] = ['error', 'warning', 'info'];

/** At most this many characters of the first folded finding's message (without its fix) are quoted. */
const MAX_QUOTED = 200;

/** The findings folded on one rule and object. */
interface Fold {
  readonly rule: string;
  readonly resource: string;
  readonly folded: Finding[];
}

/** `2 errors`, `1 warning`, `3 info`. */
function counted(n: number, level: Level): string {
  return `${n.toLocaleString('en-US')} ${level === 'info' ? 'info' : `${level}${n === 1 ? '' : 's'}`}`;
}

/**
 * `findings` (as the rules made them) with at most `max` of each rule on each object: the first of each (see above),
 * and one finding for the rest of each, at the end (the engine sorts them all).
 */
export function foldFindings(findings: readonly Finding[], max: number = MAX_FINDINGS_PER_OBJECT): Finding[] {
  const key = (f: Finding) => `${f.resource}\u0000${f.rule}`;
  const counts = new Map<string, number>();
  let over = false;
  for (const f of findings) {
    if (f.folded !== undefined) continue; // folded by its rule already (listFindings)
    const n = (counts.get(key(f)) ?? 0) + 1;
    counts.set(key(f), n);
    if (n > max) over = true;
  }
  if (!over) return findings.slice();
  // the findings kept: of each rule and object, the first by level, then by the rule's order
  const kept = new Set<Finding>();
  const keptOf = new Map<string, number>();
  for (const level of LEVELS) {
    for (const f of findings) {
      if (f.level !== level || f.folded !== undefined) continue;
      const n = keptOf.get(key(f)) ?? 0;
      if (n >= max) continue;
      keptOf.set(key(f), n + 1);
      kept.add(f);
    }
  }
  const out: Finding[] = [];
  const folds = new Map<string, Fold>();
  for (const f of findings) {
    if (kept.has(f) || f.folded !== undefined) {
      out.push(f);
      continue;
    }
    let fold = folds.get(key(f));
    if (!fold) folds.set(key(f), fold = { rule: f.rule, resource: f.resource, folded: [] });
    fold.folded.push(f);
  }
  for (const fold of folds.values()) out.push(foldedFinding(fold, max));
  return out;
}

/** The one finding that stands for the findings of `fold`. */
function foldedFinding(fold: Fold, max: number): Finding {
  const { folded } = fold;
  const count = (l: Level) => folded.filter((f) => f.level === l).length;
  const counts: Record<Level, number> = { error: count('error'), warning: count('warning'), info: count('info') };
  const level = LEVELS.find((l) => counts[l] > 0)!;
  return foldedOf(fold.rule, fold.resource, counts, folded.find((f) => f.level === level)!.message, max);
}

/**
 * The one finding that stands for `counts` findings of `rule` on `resource` that are not listed, `first` being the
 * message of the first of them of the most serious level: the one writer of a folded finding, for the engine and for
 * the rules that fold their own (`listFindings`).
 */
export function foldedOf(
  rule: string, resource: string, counts: Readonly<Record<Level, number>>, first: string, max: number = MAX_FINDINGS_PER_OBJECT,
): Finding {
  const level = LEVELS.find((l) => counts[l] > 0)!;
  const n = LEVELS.reduce((sum, l) => sum + counts[l], 0);
  const byLevel = LEVELS.filter((l) => counts[l] > 0).map((l) => counted(counts[l], l));
  // the first folded, of the most serious level, without its fix
  const head = first.split('. Fix: ')[0].replace(/\.$/, '');
  const quoted = head.length > MAX_QUOTED ? `${head.slice(0, MAX_QUOTED - 3)}...` : head;
  return {
    rule,
    level,
    resource,
    message: `${n.toLocaleString('en-US')} more ${n === 1 ? 'finding' : 'findings'} of ${rule} on this object ${n === 1 ? 'is' : 'are'} not listed (${byLevel.join(', ')}; `
      + `at most ${max} of one rule on one object are), the first of them: "${quoted}". Fix: fix the findings listed and check again, `
      + 'or check with --all-findings to list them all.',
    folded: n,
  };
}

/**
 * The findings of one rule on one object for `items`, each of level `levelOf(item)` and built by `build(item)`, folded
 * as the engine folds them, but building only the findings listed and the first folded (two passes over `items`), so
 * that a rule over an object of a million items (a Service of a million bad ports) builds 101 findings, not a million
 * that the engine would drop: for the rules whose items come from one object's lists. With `all`
 * (`ResolvedCheckOptions.allFindings`) every finding is built. `levelOf(item)` must be the level of `build(item)`.
 *
 * Invariant: the findings of distinct items have distinct messages (name the port, the container, the index). The
 * engine de-duplicates findings of one rule, object and message after the rules ran, and leaves a rule's fold as it
 * is: two listed items of one message would be listed once while the fold counts from the items, and two folded ones
 * would be counted twice.
 */
export function listFindings<T>(
  items: readonly T[], levelOf: (item: T) => Level, build: (item: T) => Finding, all: boolean, max: number = MAX_FINDINGS_PER_OBJECT,
): Finding[] {
  if (all || items.length <= max) return items.map(build);
  const counts: Record<Level, number> = { error: 0, warning: 0, info: 0 };
  for (const item of items) counts[levelOf(item)]++;
  // how many of each level are listed: errors first, then warnings, then info
  const listed: Record<Level, number> = { error: 0, warning: 0, info: 0 };
  let room = max;
  for (const l of LEVELS) room -= listed[l] = Math.min(counts[l], room);
  const left: Record<Level, number> = { error: 0, warning: 0, info: 0 };
  for (const l of LEVELS) left[l] = counts[l] - listed[l];
  const foldLevel = LEVELS.find((l) => left[l] > 0)!;
  const out: Finding[] = [];
  const seen: Record<Level, number> = { error: 0, warning: 0, info: 0 };
  let first: Finding | undefined;
  for (const item of items) {
    const l = levelOf(item);
    if (seen[l]++ < listed[l]) out.push(build(item));
    else if (l === foldLevel && first === undefined) first = build(item);
  }
  out.push(foldedOf(first!.rule, first!.resource, left, first!.message, max));
  return out;
}
