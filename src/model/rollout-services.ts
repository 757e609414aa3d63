/**
 * The Services an Argo Rollouts `Rollout` (argoproj.io) names, which its controller looks up in the Rollout's namespace
 * before it does anything else (argo-rollouts rollout/controller.go getReferencedServices): `spec.strategy.blueGreen`'s
 * `activeService` and `previewService`, or else `spec.strategy.canary`'s `stableService`, `canaryService` and
 * `pingPong.pingService` / `pongService`. The controller reads the blue-green strategy when it is set and the canary
 * one only otherwise, and so does this. Other names of the strategy are not Services (`trafficRouting.istio.virtualService`,
 * `nginx.stableIngress`, `alb.ingress`) or are not looked up as Services (`alb.rootService`, `smi.rootService`). Pure.
 */
import type { ServiceRef } from './entry-points';
import { asRecord, nonEmptyString } from './manifest';
import type { NamespacedObject } from './pods';

/** The fields of each strategy that name Services, as paths below the strategy. */
const BLUE_GREEN_FIELDS = [['activeService'], ['previewService']] as const;
const CANARY_FIELDS = [['stableService'], ['canaryService'], ['pingPong', 'pingService'], ['pingPong', 'pongService']] as const;

/** The Services a Rollout names (nothing for another object), in the order the controller looks them up. */
export function rolloutServiceRefs(o: NamespacedObject): ServiceRef[] {
  const apiVersion = o.object?.apiVersion;
  // argoproj.io only: another group's `Rollout` (OpenKruise's rollouts.kruise.io) names no Services there
  if (o.object?.kind !== 'Rollout' || (apiVersion !== undefined && !(typeof apiVersion === 'string' && apiVersion.startsWith('argoproj.io/')))) return [];
  const strategy = asRecord(asRecord(o.object.spec)?.strategy);
  const blueGreen = asRecord(strategy?.blueGreen);
  const [name, spec, fields] = blueGreen ? ['blueGreen', blueGreen, BLUE_GREEN_FIELDS] : ['canary', asRecord(strategy?.canary), CANARY_FIELDS];
  if (!spec) return [];
  const fromName = nonEmptyString(asRecord(o.object.metadata)?.name) ?? '';
  const out: ServiceRef[] = [];
  for (const path of fields) {
    const value = path.length === 1 ? spec[path[0]] : asRecord(spec[path[0]])?.[path[1]];
    const service = nonEmptyString(value);
    if (service === undefined) continue;
    out.push({ from: o, fromKind: 'Rollout', fromName, where: `spec.strategy.${name}.${path.join('.')}`, namespace: o.namespace, service });
  }
  return out;
}
