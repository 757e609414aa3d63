/** "Did you mean" hints: the nearest of some names by edit distance. */

/**
 * The candidate closest to `name` by edit distance, when at most 2 edits away (and fewer than a third of its
 * letters): `messaging` for `mesaging`. Ties go to the first in string order. For "did you mean" hints.
 */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  const found = nearestWithin(name, candidates, { left: Infinity });
  return found.kind === 'found' ? found.name : undefined;
}

/**
 * At most this much work (candidates looked at plus letter pairs compared) goes into the hints of one `NameHints`, a
 * rule's run: thousands of missing names, each compared with the thousands of Services of its namespace, took minutes.
 */
export const MAX_HINT_WORK = 20_000_000;

/** `MAX_HINT_WORK` as a bound of the run's report, for the checks whose verdict needs a near miss (context/unjudged.ts). */
export const HINT_WORK_TEXT = `${MAX_HINT_WORK.toLocaleString('en-US')} steps of looking for near misses (typos) in one rule`;

/**
 * The "did you mean" hints of one rule run, with a bound on their total work (MAX_HINT_WORK): once it is spent, the
 * remaining findings get no hint (they are all still reported). Deterministic: the work depends on the input only.
 */
export class NameHints {
  private readonly budget: { left: number };

  public constructor(work: number = MAX_HINT_WORK) {
    this.budget = { left: work };
  }

  /**
   * `nearestName(name, candidates())`, or undefined when there is none or the work is spent (`candidates` is then not
   * called); `search` tells which.
   */
  public nearest(name: string, candidates: () => readonly string[]): string | undefined {
    if (this.budget.left <= 0) return undefined;
    const found = nearestWithin(name, candidates(), this.budget);
    return found.kind === 'found' ? found.name : undefined;
  }

  /**
   * `nearestName(name, candidates())` as a verdict: `found`, `none` (no candidate is a near miss), or `cut` (the work
   * ran out before every candidate was compared). Once the work is spent, a search with no candidates at all is still
   * `none` (so `candidates` is called, and should cost no more than a lookup): for the verdicts that need a near miss,
   * which report a `cut` search as left unjudged, but not one that had nothing to compare.
   */
  public search(name: string, candidates: () => readonly string[]): NameSearch {
    const all = candidates();
    if (all.length === 0) return NONE;
    if (this.budget.left <= 0) return CUT;
    return nearestWithin(name, all, this.budget);
  }

  /**
   * The Levenshtein distance between `a` and `b` (`ordering-backgroundtasks` is 6 from `orderingbackground`), spending
   * one unit per letter pair; undefined once the work is spent. For ranking near misses such as label values.
   */
  public distance(a: string, b: string): number | undefined {
    if (!this.spend((a.length + 1) * (b.length + 1))) return undefined;
    return editDistance(a, b, Math.max(a.length, b.length));
  }

  /** Whether `work` more units are left; they are spent when so (else the work is spent whole: no more hints). */
  public spend(work: number): boolean {
    if (this.budget.left < work) {
      this.budget.left = 0;
      return false;
    }
    this.budget.left -= work;
    return true;
  }

  /** The work left (for tests). */
  public get workLeft(): number {
    return this.budget.left;
  }
}

/** The verdict of a near-miss search (`NameHints.search`). */
export type NameSearch = { readonly kind: 'found'; readonly name: string } | { readonly kind: 'none' } | { readonly kind: 'cut' };

const NONE: NameSearch = { kind: 'none' };
const CUT: NameSearch = { kind: 'cut' };

/** `nearestName`, spending `budget.left` (candidates and compared letter pairs): `cut` once it runs out. */
function nearestWithin(name: string, candidates: Iterable<string>, budget: { left: number }): NameSearch {
  const limit = Math.min(2, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    budget.left--;
    if (c === name || Math.abs(c.length - name.length) > limit) continue;
    budget.left -= name.length * (2 * limit + 1);
    if (budget.left < 0) return CUT;
    const d = editDistance(name, c, limit);
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  if (budget.left < 0) return CUT;
  return best !== undefined && bestDistance <= limit ? { kind: 'found', name: best } : NONE;
}

/**
 * Levenshtein distance, or `limit + 1` once it is certainly above `limit`. Only the band of cells within `limit` of
 * the diagonal is computed (a cell further off is above `limit`), so two names of 100,000 letters take 500,000 steps,
 * not 10^10.
 */
function editDistance(a: string, b: string, limit: number): number {
  const over = limit + 1;
  let prev: number[] = [];
  for (let j = 0; j <= Math.min(b.length, limit); j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    const cur: number[] = [];
    cur[from - 1] = from - 1 === 0 && i <= limit ? i : over;
    let rowMin = cur[from - 1];
    for (let j = from; j <= to; j++) {
      const up = prev[j] ?? over;
      const left = cur[j - 1] ?? over;
      const diag = (prev[j - 1] ?? over) + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur[j] = Math.min(up + 1, left + 1, diag, over);
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > limit) return over;
    prev = cur;
  }
  return prev[b.length] ?? over;
}
