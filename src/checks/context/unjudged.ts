/**
 * What the bounds of a check run left unjudged: the one way for a rule, or a helper of the check context, that stops
 * at a bound to say so (a bound that cuts must never cut silently). The model's and the loader's bounds are reported as
 * input-skipped entries of the files they cut (`SkippedInput.bound`); these are the bounds met while the rules run
 * (a scan budget spent, a list read up to its first items). The code that stops records each object it left
 * unjudged under its bound (`CheckContext.unjudged`); after the rules, the engine reports each bound reached as one
 * input-skipped info, on the first of those objects, naming how many there were and the next few. Recording twice
 * (two rules, or one object asked twice) counts once.
 */
import { cmp } from '../../model/compare';
import { listed } from '../lib/entry-backends';
import type { Finding, Level } from '../rule';

/** A bound of the check run that can leave objects unjudged. */
export interface CheckBound {
  /** The bound, after `the run reached its bound of`: `2,000,000 template visits for the labels kustomize adds`. */
  readonly bound: string;
  /** What was not judged of each object, after `so on this object,`: `the selectors that ... were not judged`. */
  readonly unjudged: string;
  /** The fix, one clause. */
  readonly fix: string;
}

/** At most this many of the other objects left unjudged are named in a bound's finding; the rest are counted. */
const MAX_LISTED_OBJECTS = 5;

/** The objects the bounds of one check run left unjudged, by bound (see the file comment). */
export class Unjudged {
  private readonly cuts = new Map<CheckBound, Set<string>>();

  /** Records that `bound` left `resource` (`Kind/namespace/name`) unjudged. */
  public record(bound: CheckBound, resource: string): void {
    let resources = this.cuts.get(bound);
    if (!resources) this.cuts.set(bound, resources = new Set());
    resources.add(resource);
  }

  /** The bounds reached so far, each with the objects it left unjudged (sorted). */
  public get reached(): ReadonlyMap<CheckBound, readonly string[]> {
    return new Map([...this.cuts].map(([bound, resources]) => [bound, [...resources].sort(cmp)]));
  }

  /** One finding of `rule` (input-skipped) per bound reached, on the first object it left unjudged. */
  public findings(rule: { readonly id: string; readonly level: Level }): Finding[] {
    const out: Finding[] = [];
    for (const [bound, resources] of this.reached) {
      const others = resources.slice(1);
      const more = others.length === 0 ? '' : ` and on ${others.length} more (${listed(others, MAX_LISTED_OBJECTS)})`;
      out.push({
        rule: rule.id,
        level: rule.level,
        resource: resources[0],
        message: `Not judged: the run reached its bound of ${bound.bound}, so on this object${more}, ${bound.unjudged}. Fix: ${bound.fix}.`,
      });
    }
    return out;
  }
}
