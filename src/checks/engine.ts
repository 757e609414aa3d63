/**
 * The check engine: builds the run's `CheckContext`, runs every rule of a pack with it and returns a report value.
 * A rule that throws becomes an `error` finding naming the rule (never a crash); the other rules still run. What the
 * bounds met while the rules ran left unjudged (`CheckContext.unjudged`) is reported after them, as input-skipped info.
 * Output is deterministic: findings are de-duplicated and sorted by resource, level, rule and message.
 * Output is bounded: of one rule on one object, at most `MAX_FINDINGS_PER_OBJECT` findings are listed and the rest are
 * folded into one that counts them (fold.ts), unless `allFindings` is set.
 * Each finding gets the file and line of its object (`Finding.file`, `line`) when the object was read from a file.
 * Findings of a rule on the copies of one written object that kustomize builds of different namespaces read (a base
 * under overlays/dev and overlays/prod) and that say the same up to the namespace are one finding, on the first copy,
 * naming the builds and namespaces (kustomize-copies.ts).
 *
 * Suppression (after cdk-nag's suppressions, but in the manifest where the reason lives): an object annotated
 * `checks.cdk8s-service-discovery.io/ignore: "<rule id>[,<rule id>...]"` gets no findings of those rules, e.g. a
 * Service whose pods an operator creates from a custom resource.
 */
import { CheckContext } from './context/check-context';
import { foldFindings } from './fold';
import { IGNORE_ANNOTATION, ignoredRules, resourceId } from './helpers';
import { mergeKustomizeCopies } from './kustomize-copies';
import { resolveCheckOptions } from './options';
import { PACK } from './pack';
import { Finding, Level, Rule } from './rule';
import { inputSkipped } from './rules/input-skipped';
import { ClusterModel } from '../model/cluster-model';
import { cmp } from '../model/compare';
import { ModelLimitError } from '../model/effective-slices';
import { asRecord, builtinKind, SkippedInput } from '../model/manifest';
import type { NamespacedObject } from '../model/pods';
import type { ClusterModelOptions } from '../model/records';
import type { ExternalNamePolicyOptions } from '../policy/external-name-policy-options';

/** The result of a check run. */
export interface CheckResult {
  /** False when any finding is an error. */
  readonly success: boolean;
  readonly findings: readonly Finding[];
}

/** Options of `check`. */
export interface CheckRunOptions {
  /** The rules to run. @default PACK (every rule) */
  readonly rules?: readonly Rule[];
  /** The ExternalName policy for rule externalname-policy. @default - no policy (the rule reports nothing) */
  readonly externalNamePolicy?: ExternalNamePolicyOptions;
  /**
   * The input is the whole cluster: a reference to a Service or namespace that the input does not have is a finding
   * of the rule that reads it (`--complete`). When false, references into namespaces the input does not describe are
   * not judged, and namespace-not-in-input lists them as info.
   * @default false
   */
  readonly complete?: boolean;
  /**
   * Files and documents the loader passed over (`LoadOptions.skipped`): rule input-skipped lists them as info.
   * @default - none
   */
  readonly skippedInputs?: readonly SkippedInput[];
  /**
   * List every finding (`--all-findings`). When false, of the findings of one rule on one object, the first
   * `MAX_FINDINGS_PER_OBJECT` are listed and the rest folded into one more finding that counts them (`Finding.folded`).
   * @default false
   */
  readonly allFindings?: boolean;
}

export { IGNORE_ANNOTATION } from './helpers';

/** `resource id -> ignored rule ids` from the objects' annotations. */
function suppressions(model: ClusterModel): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const o of model.objects) {
    // most objects carry no ignore annotation: look before building anything
    if (typeof asRecord(asRecord(o.object?.metadata)?.annotations)?.[IGNORE_ANNOTATION] !== 'string') continue;
    const ids = ignoredRules(o.object);
    if (ids.size === 0) continue;
    const id = resourceId(o);
    out.set(id, new Set([...(out.get(id) ?? []), ...ids]));
  }
  return out;
}

const LEVEL_ORDER: Record<Level, number> = { error: 0, warning: 1, info: 2 };

/** Sort order of findings: resource, level (errors first), rule, message; a rule's folded finding (fold.ts) after its others. */
export function compareFindings(a: Finding, b: Finding): number {
  return cmp(a.resource, b.resource) || LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || cmp(a.rule, b.rule)
    || (a.folded === undefined ? 0 : 1) - (b.folded === undefined ? 0 : 1) || cmp(a.message, b.message);
}

/** Runs the rules over the model. */
export function check(model: ClusterModel, options: CheckRunOptions = {}): CheckResult {
  const ctx = new CheckContext(model, resolveCheckOptions(model, options));
  const all: Finding[] = [];
  for (const rule of options.rules ?? PACK) {
    let found: Finding[];
    try {
      found = rule.check(ctx);
      if (!Array.isArray(found)) throw new Error(`returned ${typeof found} instead of a list of findings`);
    } catch (e) {
      if (e instanceof ModelLimitError) throw e; // the input is past a limit of the model: not a finding, an error
      const why = e instanceof Error ? e.message : String(e);
      found = [{
        rule: rule.id,
        level: 'error',
        resource: `Checker//${rule.id}`,
        message: `Rule ${rule.id} failed on these manifests (${why.slice(0, 200)}), so its check did not run; this is a checker bug: please report it with the manifests.`,
      }];
    }
    for (const f of found) all.push(f);
  }
  // what the bounds met while the rules ran left unjudged, as input-skipped entries (context/unjudged.ts)
  for (const f of ctx.unjudged.findings(inputSkipped)) all.push(f);
  const ignored = suppressions(model);
  const seen = new Set<string>();
  const kept = all.filter((f) => {
    const skip = ignored.get(f.resource);
    if (skip && (skip.has(f.rule) || skip.has('*'))) return false;
    const key = `${f.resource}\u0000${f.rule}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // folded before sorting, so that the findings listed are the first the rule made (fold.ts)
  const findings = (options.allFindings === true ? kept : foldFindings(kept)).sort(compareFindings);
  const read = objectsRead(model, findings);
  const merged = read.size === 0 ? findings : mergeKustomizeCopies(findings, read).sort(compareFindings);
  return { success: !merged.some((f) => f.level === 'error'), findings: withLocations(read, merged) };
}

/**
 * The model's object of each finding's resource (the last definition of one defined twice) whose source has a line:
 * read from a file or standard input. Objects built in memory, and findings on none (a rule's own failure, a namespace
 * the input does not have), have none. A resource names no API group, so a built-in object and a custom resource of
 * the same kind and name (a core Service and a Knative Service "hello") share one: the built-in object is taken, as
 * the rules of a built-in kind judge only it (the first of them otherwise).
 */
function objectsRead(model: ClusterModel, findings: readonly Finding[]): Map<string, NamespacedObject> {
  const out = new Map<string, NamespacedObject>();
  if (findings.length === 0) return out;
  const wanted = new Set(findings.map((f) => f.resource));
  for (const o of model.objects) {
    if (o.source?.line === undefined) continue;
    const id = resourceId(o);
    if (!wanted.has(id)) continue;
    const taken = out.get(id);
    if (taken === undefined || (builtinKind(taken.object) === undefined && builtinKind(o.object) !== undefined)) out.set(id, o);
  }
  return out;
}

/** The findings with the file and line of their object read (`objectsRead`); the others are left as they are. */
function withLocations(read: ReadonlyMap<string, NamespacedObject>, findings: Finding[]): Finding[] {
  if (read.size === 0) return findings;
  return findings.map((f) => {
    const source = read.get(f.resource)?.source;
    return source === undefined ? f : { ...f, file: source.file, line: source.line };
  });
}

/** Builds the model from plain objects and checks it. */
export function checkObjects(objects: readonly unknown[], modelOptions: ClusterModelOptions = {}, options: CheckRunOptions = {}): CheckResult {
  return check(ClusterModel.fromObjects(objects, modelOptions), options);
}
