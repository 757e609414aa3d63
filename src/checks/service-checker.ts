/**
 * The jsii-visible face of the checker: `ServiceChecker.check(objects)` / `ServiceChecker.checkChart(chart)` return a
 * `CheckReport` struct; `formatText` / `formatJson` print it like the `cdk8s-dns check` CLI.
 */
import { IConstruct } from 'constructs';
import { check as runCheck, CheckResult, CheckRunOptions } from './engine';
import { PACK } from './pack';
import { ClusterModel } from '../model/cluster-model';
import { documentsFromScope } from '../model/from-cdk8s';
import type { ClusterModelOptions } from '../model/records';
import type { ExternalNamePolicyOptions } from '../policy/external-name-policy-options';
import { formatJson } from './reporters/json';
import { formatText } from './reporters/text';

/** How serious a finding is. */
export enum FindingLevel {
  /** The API server rejects the manifests, or they certainly do not work. Fails a check. */
  ERROR = 'error',
  /** Probably does not do what was meant. */
  WARNING = 'warning',
  /** A note about how the manifests were read. */
  INFO = 'info',
}

/** Cluster facts the checker assumes. */
export interface CheckOptions {
  /**
   * Namespace of objects without `metadata.namespace` (what `kubectl apply -n` would use).
   * @default 'default'
   */
  readonly defaultNamespace?: string;
  /**
   * Cluster DNS domain.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;
  /**
   * Service CIDR(s), comma-separated for dual-stack (kube-apiserver `--service-cluster-ip-range`).
   * @default '10.96.0.0/12'
   */
  readonly serviceCidr?: string;
  /**
   * Pod CIDR(s), comma-separated for dual-stack.
   * @default '10.244.0.0/16'
   */
  readonly podCidr?: string;
  /**
   * The platform's ExternalName policy, checked by rule `externalname-policy` (the same rules `ExternalNamePolicy`
   * enforces at synth).
   * @default - no policy: the rule reports nothing
   */
  readonly externalNamePolicy?: ExternalNamePolicyOptions;
  /**
   * The objects are the whole cluster (`cdk8s-dns check --complete`).
   *
   * A reference to a Service or namespace that the objects do not have is then a finding of the rule that reads it:
   * `workload-name-unresolved` for a workload's host name, `externalname-target-missing` for an ExternalName target.
   * When false, references into namespaces the objects do not describe are not judged (another repository may own
   * them), and rule `namespace-not-in-input` lists them as info, once per namespace.
   * @default false
   */
  readonly complete?: boolean;
  /**
   * List every finding (`cdk8s-dns check --all-findings`).
   *
   * When false, of the findings of one rule on one object, the first 100 are listed and the rest are folded into one
   * more finding that counts them, at the level of the most serious of them (docs/checker.md, "Findings of one object").
   * @default false
   */
  readonly allFindings?: boolean;
}

/** One problem found on one object. */
export interface CheckFinding {
  /** Stable rule id, e.g. `service-selector-no-match` (see RULES.md). */
  readonly rule: string;
  /** The rule's level. */
  readonly level: FindingLevel;
  /** The object, `Kind/namespace/name`. */
  readonly resource: string;
  /** The object, the cause and the fix. */
  readonly message: string;
  /**
   * How many more findings of its rule on its object this finding stands for, which are not listed: of one rule on
   * one object at most 100 are listed and the rest are folded into this one, at the level of the most serious of
   * them (`CheckOptions.allFindings` lists them all). `formatText` and `formatJson` tell it.
   * @default - none: the finding is one finding
   */
  readonly folded?: number;
}

/** The result of a check. */
export interface CheckReport {
  /** False when any finding is an error. */
  readonly success: boolean;
  /** Findings sorted by resource, level, rule and message. */
  readonly findings: CheckFinding[];
}

/** A rule of the checker. */
export interface CheckRuleInfo {
  /** Stable id. */
  readonly id: string;
  /** Level of its findings. */
  readonly level: FindingLevel;
  /** One line. */
  readonly description: string;
  /** Why it matters, with a source. */
  readonly explanation: string;
  /** How to fix it. */
  readonly fix: string;
}

function toModelOptions(options?: CheckOptions): ClusterModelOptions {
  return {
    defaultNamespace: options?.defaultNamespace,
    clusterDomain: options?.clusterDomain,
    serviceCidr: options?.serviceCidr,
    podCidr: options?.podCidr,
  };
}

/** The engine's run options of the checker's options. */
function runOptions(options?: CheckOptions): CheckRunOptions {
  return { externalNamePolicy: options?.externalNamePolicy, complete: options?.complete, allFindings: options?.allFindings };
}

function toReport(result: CheckResult): CheckReport {
  return {
    success: result.success,
    findings: result.findings.map((f) => ({
      rule: f.rule, level: f.level as FindingLevel, resource: f.resource, message: f.message, ...f.folded === undefined ? {} : { folded: f.folded },
    })),
  };
}

function fromReport(report: CheckReport): CheckResult {
  return {
    success: report.success,
    findings: (report.findings ?? []).map((f) => ({
      rule: f.rule, level: f.level as 'error' | 'warning' | 'info', resource: f.resource, message: f.message, ...f.folded === undefined ? {} : { folded: f.folded },
    })),
  };
}

/**
 * Runs the Service debugging checklist, the API server's validation rules and cluster-DNS checks on manifests,
 * offline. Never throws on malformed objects: a rule that fails becomes an error finding. Throws an error naming the
 * option when an option breaks its rule (e.g. `serviceCidr: '10.96.0.0/33'`): the checker never silently falls back
 * to a default the user did not ask for.
 *
 * @example
 * const report = ServiceChecker.checkChart(chart);
 * if (!report.success) console.log(ServiceChecker.formatText(report));
 *
 * @see https://kubernetes.io/docs/tasks/debug/debug-application/debug-service/
 */
export class ServiceChecker {
  /** Checks Kubernetes objects (parsed YAML/JSON; `kind: List` items are expanded). */
  public static check(objects: any[], options?: CheckOptions): CheckReport {
    const model = ClusterModel.fromObjects(Array.isArray(objects) ? objects : [], toModelOptions(options));
    return toReport(runCheck(model, runOptions(options)));
  }

  /** Checks the objects of a cdk8s App, a Chart (with nested charts) or a construct inside a chart; writes no files. */
  public static checkChart(scope: IConstruct, options?: CheckOptions): CheckReport {
    const model = ClusterModel.fromDocuments(documentsFromScope(scope), toModelOptions(options));
    return toReport(runCheck(model, runOptions(options)));
  }

  /** The report as text, grouped by object. */
  public static formatText(report: CheckReport): string {
    return formatText(fromReport(report));
  }

  /** The report as JSON: `{"success": bool, "findings": [{"rule","level","resource","message"}]}`. */
  public static formatJson(report: CheckReport): string {
    return formatJson(fromReport(report));
  }

  /** Every rule the checker runs. */
  public static rules(): CheckRuleInfo[] {
    return PACK.map((r) => ({ id: r.id, level: r.level as FindingLevel, description: r.description, explanation: r.explanation, fix: r.fix }));
  }

  private constructor() {}
}
