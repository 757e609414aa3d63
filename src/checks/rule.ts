/**
 * The checker's rule contract (after cdk-nag's NagPack rules, one small rule per file).
 *
 * A rule is a pure function of the run's check context (the cluster model, the resolved options and what the rules of
 * the run share, after kube-linter's lint context): it never mutates the model, keeps no state of its own, and returns
 * findings as values. A rule that throws is turned into a finding by the engine.
 */
import type { CheckContext } from './context/check-context';

/** How serious a finding is. `error` fails a check run; `warning` and `info` do not. */
export type Level = 'error' | 'warning' | 'info';

/** One problem found on one object. */
export interface Finding {
  /** The stable id of the rule that produced it, e.g. `service-selector-no-match`. */
  readonly rule: string;
  /**
   * The rule's level, or another where its RULES.md row says so (API-server rules report StrictIPCIDRValidation-only
   * errors as warnings; the StatefulSet name rules report an error where the input uses the pod names that fail).
   */
  readonly level: Level;
  /** The object, as `Kind/namespace/name` (`Kind//name` for cluster-scoped objects). */
  readonly resource: string;
  /** One sentence or two: the object, the cause and the fix. */
  readonly message: string;
  /**
   * The file the object was read from (`-` for standard input), as given or found in a folder. Set by the engine,
   * never by a rule, from the model's object of `resource` (of an object defined twice, the last definition, which the
   * model reads).
   * @default - none: the object was built in memory (cdk8s, a list of objects), or is not in the input
   */
  readonly file?: string;
  /** The 1-based line in `file` where the object's document starts. @default - none (as `file`) */
  readonly line?: number;
  /**
   * The other objects this finding stands for (`Kind/namespace/name`, sorted): copies of the same written object that
   * kustomize builds of other namespaces read from `file` and `line`, on which the rule found the same up to the
   * namespace (src/checks/kustomize-copies.ts). Set by the engine, never by a rule; the message names their builds.
   * @default - none: the finding is on `resource` alone
   */
  readonly copies?: readonly string[];
  /**
   * How many more findings of its rule on its object this finding stands for, which are not listed: past
   * `MAX_FINDINGS_PER_OBJECT` of one rule on one object, the engine folds the rest into one finding at the level of the
   * most serious of them, whose message says so (src/checks/fold.ts). Set by the engine, or by a rule through fold.ts
   * `listFindings` (which folds the same way, building only the findings it lists).
   * @default - none: the finding is one finding
   */
  readonly folded?: number;
}

/** A checker rule. */
export interface Rule {
  /** Stable id, kebab-case. Never derived from the file name; never changed once released. */
  readonly id: string;
  /**
   * `error` when the manifests are rejected or certainly do not work, `warning` when they probably do not, `info` for a
   * note on something that works but is often a mistake: the level of the rule's usual finding.
   */
  readonly level: Level;
  /** One line for lists and the plugin's rule name. */
  readonly description: string;
  /** Why it matters, with its source (a Kubernetes code path, doc or issue). */
  readonly explanation: string;
  /** How to fix it, in general terms (each finding's message carries the specific fix). */
  readonly fix: string;
  /**
   * Returns this rule's findings, reading the model, the options and the shared indexes from `ctx`. Must not throw on
   * any input; if it does, the engine reports that.
   */
  check(ctx: CheckContext): Finding[];
}

/** Builds a finding for `rule` on the object described by `resource`. */
export function finding(rule: Rule, resource: string, message: string): Finding {
  return { rule: rule.id, level: rule.level, resource, message };
}
