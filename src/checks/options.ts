/**
 * Options of a check run. The cluster facts (default namespace, cluster domain, service and pod CIDRs) live in the
 * resolver's `ClusterModel` options, so a check and a `resolve` of the same manifests agree; the checker only parses
 * the CIDRs once for its rules.
 */
import type { ClusterModel } from '../model/cluster-model';
import { Cidr, parseCidrList } from '../model/ip';
import type { SkippedInput } from '../model/manifest';
import { ModelOptionsError, optionProblem } from '../model/model-options';
import type { ResolvedModelOptions } from '../model/records';
import { resolvePolicy, ResolvedExternalNamePolicy } from '../policy/evaluate';
import type { ExternalNamePolicyOptions } from '../policy/external-name-policy-options';

/** Model options plus parsed CIDRs, shared read-only by every rule of one run. */
export interface ResolvedCheckOptions extends ResolvedModelOptions {
  readonly serviceCidrs: readonly Cidr[];
  readonly podCidrs: readonly Cidr[];
  /** The ExternalName policy (rule externalname-policy); undefined = no policy. */
  readonly externalNamePolicy?: ResolvedExternalNamePolicy;
  /**
   * The input is the whole cluster (`--complete`): a reference to a Service or namespace that the input does not
   * have is a finding. False: references into namespaces the input does not describe are not judged (another
   * repository may own them) and namespace-not-in-input lists them.
   */
  readonly complete: boolean;
  /** Files and documents the loader passed over (rule input-skipped), in input order. */
  readonly skippedInputs: readonly SkippedInput[];
  /**
   * List every finding (`--all-findings`): a rule that folds its own findings past `MAX_FINDINGS_PER_OBJECT` of one
   * object (fold.ts `listFindings`) builds them all.
   */
  readonly allFindings: boolean;
}

/** The run options `resolveCheckOptions` reads. */
export interface CheckRunSettings {
  readonly externalNamePolicy?: ExternalNamePolicyOptions;
  readonly complete?: boolean;
  readonly skippedInputs?: readonly SkippedInput[];
  readonly allFindings?: boolean;
}

/** The options the rules see for a model. */
export function resolveCheckOptions(model: ClusterModel, run: CheckRunSettings = {}): ResolvedCheckOptions {
  const o = model.options;
  const externalNamePolicy = run.externalNamePolicy ? resolvePolicy(run.externalNamePolicy, 'externalNamePolicy') : undefined;
  const complete: unknown = run.complete;
  if (complete !== undefined && complete !== null && typeof complete !== 'boolean') {
    throw new ModelOptionsError([optionProblem('complete', complete, 'true or false', 'false')]);
  }
  return {
    ...o,
    serviceCidrs: parseCidrList(o.serviceCidr),
    podCidrs: parseCidrList(o.podCidr),
    externalNamePolicy,
    complete: complete === true,
    skippedInputs: run.skippedInputs ?? [],
    allFindings: run.allFindings === true,
  };
}
