/**
 * The v1 Service spec of a SelectorlessIpService (internal, not part of the jsii surface: `index.ts` does not export
 * this module). It depends on the address families, so the construct renders it at synth time.
 */
import { k8s } from 'cdk8s-plus-28';
import { IpFamily, IpFamilyPolicy } from './ip-family';
import { ResolvedServicePort } from './service-port-internal';
import { SessionAffinity } from './session-affinity';

/** What the spec depends on besides the address families: the construct's checked props. */
export interface SelectorlessServiceSpecInput {
  readonly headless: boolean;
  readonly ports: ResolvedServicePort[];
  readonly ipFamilyPolicy?: IpFamilyPolicy;
  readonly affinity?: SessionAffinity;
}

/** The spec of a selectorless ClusterIP (or headless) Service whose addresses have the IP families `families`. */
export function selectorlessServiceSpec(families: IpFamily[], input: SelectorlessServiceSpecInput): k8s.ServiceSpec {
  const { headless, ports, affinity } = input;
  const dual = families.length === 2;
  let policy = input.ipFamilyPolicy;
  if (!dual) {
    // One family: state it, or a headless Service defaults to RequireDualStack (rule 22) and a ClusterIP one gets
    // the cluster's primary family, whose kube-proxy would ignore endpoints of the other family (rule 36).
    policy = policy ?? IpFamilyPolicy.SINGLE_STACK;
  } else {
    policy = policy ?? (headless ? IpFamilyPolicy.REQUIRE_DUAL_STACK : IpFamilyPolicy.PREFER_DUAL_STACK);
  }
  // ClusterIP + PreferDualStack: no ipFamilies, the one dual-stack request every cluster accepts (rule 36); with
  // RequireDualStack the cluster must be dual-stack anyway. Headless + selectorless may list both families even on a
  // single-stack cluster (rule 22).
  const omitFamilies = dual && !headless && policy === IpFamilyPolicy.PREFER_DUAL_STACK;
  const ipFamilies = families.length === 0 || omitFamilies ? undefined : families;
  return {
    type: 'ClusterIP',
    clusterIp: headless ? 'None' : undefined,
    ipFamilyPolicy: families.length === 0 ? undefined : policy,
    ipFamilies,
    ports: ports.length === 0 ? undefined : ports.map((p) => ({
      name: p.name,
      port: p.port,
      protocol: p.protocol,
      targetPort: k8s.IntOrString.fromNumber(p.targetPort),
      appProtocol: p.appProtocol,
    })),
    sessionAffinity: affinity?.mode,
    sessionAffinityConfig: affinity?.timeout === undefined ? undefined : {
      clientIp: { timeoutSeconds: affinity.timeout.toSeconds() },
    },
  };
}
