/**
 * Shared shape of the single-object API-server rules: run a validator from ../validation on every object of one
 * kind and turn each field error into a finding worded like the API server's 422 response plus the fix.
 * Not a rule itself (no id); each rule file calls `apiRule` with its own stable id.
 */
import type { NamespacedObject } from '../../model/pods';
import type { CheckContext, RuleKind } from '../context/check-context';
import { listFindings } from '../fold';
import { resourceId } from '../helpers';
import { Finding, Level, Rule } from '../rule';
import { hasPlaceholder, isUnfilled, PLACEHOLDER_NOTE } from './placeholders';
import { FieldError, FieldErrors, renderFieldError } from '../validation/field';

/** At most this many fields with a variable placeholder are named in the one info of an object and rule. */
const MAX_NOTED = 10;

/** What an API-server rule needs. */
export interface ApiRuleSpec {
  readonly id: string;
  readonly level: Level;
  /** The kind, or kinds, of the objects it validates (each in its own API group, `CheckContext.objectsOfKind`). */
  readonly kind: RuleKind | readonly RuleKind[];
  readonly description: string;
  readonly explanation: string;
  readonly fix: string;
  /** `rejects`: the API server refuses the object; `silent`: accepted, but does not do what was meant. */
  readonly verdict: 'rejects' | 'silent';
  /** Validates one object of `kind`; `namespace` is its effective namespace (defaulted); `read` the object as read. */
  readonly validate: (object: any, ctx: CheckContext, namespace: string, kind: RuleKind, read: NamespacedObject) => FieldErrors;
}

/** Builds a rule from a spec. */
export function apiRule(spec: ApiRuleSpec): Rule {
  const kinds: readonly RuleKind[] = typeof spec.kind === 'string' ? [spec.kind] : spec.kind;
  return {
    id: spec.id,
    level: spec.level,
    description: spec.description,
    explanation: spec.explanation,
    fix: spec.fix,
    check(ctx) {
      const out: Finding[] = [];
      for (const kind of kinds) {
        for (const o of ctx.objectsOfKind(kind)) {
          const errs = spec.validate(o.object, ctx, o.namespace, kind, o).list;
          if (errs.length > 0) apiFindings(spec, errs, o, kind, out, ctx); // most objects: nothing to word
        }
      }
      return out;
    },
  };
}

/**
 * Appends the findings of the field errors `all` of one object of `kind` to `out`, worded for the rule `spec`: for
 * the rules built by `apiRule`, and for those that choose their objects another way (object-name-invalid). Past
 * `MAX_FINDINGS_PER_OBJECT` the rest are folded into one finding unless `ctx.options.allFindings` (fold.ts).
 */
export function apiFindings(spec: Pick<ApiRuleSpec, 'id' | 'level' | 'verdict'>, all: readonly FieldError[], o: NamespacedObject, kind: string, out: Finding[], ctx: CheckContext): void {
  const name = typeof o.object?.metadata?.name === 'string' ? o.object.metadata.name : '';
  const head = spec.verdict === 'rejects' ? `${kind} "${name}" is invalid: ` : `${kind} "${name}": `;
  const resource = resourceId(o);
  const { judged, note } = placeholdersNoted(all, `${kind} "${name}"`, spec.id, resource);
  const finding = (e: FieldError): Finding => {
    if (e.strictIp) {
      // Rejected only with StrictIPCIDRValidation: a warning on every rule, whatever the rule's level (rule 37).
      return { rule: spec.id, level: 'warning', resource, message: `${kind} "${name}": ${renderFieldError(e)} (the API server rejects it when the StrictIPCIDRValidation feature gate is on: beta and on by default in v1.36; older servers accept it). Fix: ${e.fix}.` };
    }
    if (e.created !== undefined) {
      const why = e.created === 'pods'
        ? `since v1.28 the API server accepts the ${kind} itself but rejects every pod it creates; older servers reject the ${kind}`
        : `the API server accepts the ${kind} but rejects every Job it creates`;
      return { rule: spec.id, level: spec.level, resource, message: `${kind} "${name}": ${renderFieldError(e)} (${why}). Fix: ${e.fix}.` };
    }
    const tail = spec.verdict === 'rejects' ? ' (the API server rejects it)' : '';
    return { rule: spec.id, level: spec.level, resource, message: `${head}${renderFieldError(e)}${tail}. Fix: ${e.fix}.` };
  };
  // one object can hold a million bad fields (a Service of a million ports): past the bound, only the findings listed
  // are built, and one that counts the rest (fold.ts)
  const items: ReadonlyArray<FieldError | Finding> = note ? [...judged, note] : judged;
  const isNote = (i: FieldError | Finding): i is Finding => i === note;
  const found = listFindings(items, (i) => (isNote(i) ? i.level : i.strictIp ? 'warning' : spec.level), (i) => (isNote(i) ? i : finding(i)), ctx.options.allFindings);
  for (const f of found) out.push(f);
}

/**
 * The errors of values that are filled in; those of a value yet to be filled in (`isUnfilled`, lib/placeholders.ts) are
 * not judged: those with a variable placeholder (`${APP}`) are named in one info of the object instead, and those with
 * only a template expression (`{{ .Values.port }}`) are left without one, since a chart's templates or an
 * ApplicationSet's hold them in nearly every field (the one place the validators' errors on unfilled values are dropped).
 */
function placeholdersNoted(
  errs: readonly FieldError[], what: string, rule: string, resource: string,
): { judged: readonly FieldError[]; note?: Finding } {
  // the same text is the same value after substitution: a duplicate stays an error whatever the variable holds
  const notJudged = (e: FieldError) => e.type !== 'Duplicate value' && isUnfilled(e.value);
  const templated = errs.filter((e) => notJudged(e) && hasPlaceholder(e.value));
  if (templated.length === 0) return { judged: errs.some(notJudged) ? errs.filter((e) => !notJudged(e)) : errs };
  const paths = [...new Set(templated.map((e) => e.path))];
  const values = [...new Set(templated.map((e) => e.value as string))];
  const shownPaths = paths.slice(0, MAX_NOTED).join(', ') + (paths.length > MAX_NOTED ? ` and ${paths.length - MAX_NOTED} more` : '');
  const shownValues = values.slice(0, 3).map((v) => `"${v.length > 60 ? `${v.slice(0, 57)}...` : v}"`).join(', ') + (values.length > 3 ? ', ...' : '');
  const note: Finding = { rule, level: 'info', resource, message: `${what}: ${shownPaths} ${paths.length === 1 ? 'holds' : 'hold'} variable placeholders (${shownValues}); ${PLACEHOLDER_NOTE}` };
  return { judged: errs.filter((e) => !notJudged(e)), note };
}
