/**
 * Options of a check run. The cluster facts (default namespace, cluster domain, service and pod CIDRs) live in the
 * resolver's `ClusterModel` options, so a check and a `resolve` of the same manifests agree; the checker only parses
 * the CIDRs once for its rules.
 */
import type { ClusterModel } from '../model/cluster-model';
import { Cidr, parseCidrList } from '../model/ip';
import type { ResolvedModelOptions } from '../model/records';
import { resolvePolicy, ResolvedExternalNamePolicy } from '../policy/evaluate';
import type { ExternalNamePolicyOptions } from '../policy/external-name-policy-options';

/** Model options plus parsed CIDRs, shared read-only by every rule of one run. */
export interface ResolvedCheckOptions extends ResolvedModelOptions {
  readonly serviceCidrs: readonly Cidr[];
  readonly podCidrs: readonly Cidr[];
  /** The ExternalName policy (rule externalname-policy); undefined = no policy. */
  readonly externalNamePolicy?: ResolvedExternalNamePolicy;
}

/** The options the rules see for a model. */
export function resolveCheckOptions(model: ClusterModel, run: { externalNamePolicy?: ExternalNamePolicyOptions } = {}): ResolvedCheckOptions {
  const o = model.options;
  const externalNamePolicy = run.externalNamePolicy ? resolvePolicy(run.externalNamePolicy, 'externalNamePolicy') : undefined;
  return { ...o, serviceCidrs: parseCidrList(o.serviceCidr), podCidrs: parseCidrList(o.podCidr), externalNamePolicy };
}
