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
 * `Finding.folded` holds the count, and the engine sorts it after the others of its rule. This is the one place that
 * bounds the findings of an object: rules report every finding they make.
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
      if (f.level !== level) continue;
      const n = keptOf.get(key(f)) ?? 0;
      if (n >= max) continue;
      keptOf.set(key(f), n + 1);
      kept.add(f);
    }
  }
  const out: Finding[] = [];
  const folds = new Map<string, Fold>();
  for (const f of findings) {
    if (kept.has(f)) {
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
  const level = LEVELS.find((l) => folded.some((f) => f.level === l))!;
  const byLevel = LEVELS.map((l) => [l, folded.filter((f) => f.level === l).length] as const).filter(([, n]) => n > 0);
  // the first folded, of the most serious level, without its fix
  const first = folded.find((f) => f.level === level)!.message.split('. Fix: ')[0].replace(/\.$/, '');
  const quoted = first.length > MAX_QUOTED ? `${first.slice(0, MAX_QUOTED - 3)}...` : first;
  const total = folded.length.toLocaleString('en-US');
  return {
    rule: fold.rule,
    level,
    resource: fold.resource,
    message: `${total} more ${folded.length === 1 ? 'finding' : 'findings'} of ${fold.rule} on this object ${folded.length === 1 ? 'is' : 'are'} not listed (${byLevel.map(([l, n]) => counted(n, l)).join(', ')}; `
      + `at most ${max} of one rule on one object are), the first of them: "${quoted}". Fix: fix the findings listed and check again, `
      + 'or check with --all-findings to list them all.',
    folded: folded.length,
  };
}
