/**
 * The Services an Argo Rollouts `Rollout` (argoproj.io) names, which its controller looks up in the Rollout's namespace
 * before it does anything else (argo-rollouts rollout/controller.go getReferencedServices): `spec.strategy.blueGreen`'s
 * `activeService` and `previewService`, or else `spec.strategy.canary`'s `stableService`, `canaryService` and
 * `pingPong.pingService` / `pongService`. The controller reads the blue-green strategy when it is set and the canary
 * one only otherwise, and so does this. Other names of the strategy are not Services (`trafficRouting.istio.virtualService`,
 * `nginx.stableIngress`, `alb.ingress`) or are not looked up as Services (`alb.rootService`, `smi.rootService`). Pure.
 */
import type { ServiceRef } from './entry-points';
import { asArray, asRecord, nonEmptyString } from './manifest';
import type { NamespacedObject } from './pods';

/** The fields of each strategy that name Services, as paths below the strategy. */
const BLUE_GREEN_FIELDS = [['activeService'], ['previewService']] as const;
const CANARY_FIELDS = [['stableService'], ['canaryService'], ['pingPong', 'pingService'], ['pingPong', 'pongService']] as const;

/** The Services a Rollout names (nothing for another object), in the order the controller looks them up. */
export function rolloutServiceRefs(o: NamespacedObject): ServiceRef[] {
  // argoproj.io only: another group's `Rollout` (OpenKruise's rollouts.kruise.io) names no Services there
  if (!isArgoRollout(o)) return [];
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

/** The kind of object a Rollout's traffic routing names. */
export type TrafficObjectKind = 'Ingress' | 'VirtualService' | 'DestinationRule';

/** One reference from a Rollout's `spec.strategy.canary.trafficRouting` to an Ingress, VirtualService or DestinationRule. */
export interface TrafficObjectRef {
  /** The Rollout. */
  readonly from: NamespacedObject;
  readonly fromKind: 'Rollout';
  readonly fromName: string;
  /** `spec.strategy.canary.trafficRouting.nginx.stableIngress`, `...istio.virtualServices[1].name`. */
  readonly where: string;
  readonly kind: TrafficObjectKind;
  /** The object's namespace: the Rollout's, or the one a VirtualService name `<name>.<namespace>` gives. */
  readonly namespace: string;
  /** The object's name. */
  readonly name: string;
}

/**
 * The Ingresses, VirtualServices and DestinationRule that a canary Rollout's traffic routing names (nothing for a
 * blue-green Rollout or another object), which its controller looks up (argo-rollouts rollout/controller.go
 * getReferencedIngresses, rollout/trafficrouting/istio/controller.go GetReferencedVirtualServices, istio.go UpdateHash):
 * `alb.ingresses[]`, else `alb.ingress`; only without `alb`, `nginx.stableIngresses[]`, else `nginx.stableIngress`;
 * `istio.virtualServices[].name`, else `istio.virtualService.name` (`<name>.<namespace>` names one of another
 * namespace, as the controller splits it at the first dot); `istio.destinationRule.name`. Ingresses are always of the
 * Rollout's namespace.
 */
export function rolloutTrafficRefs(o: NamespacedObject): TrafficObjectRef[] {
  if (!isArgoRollout(o)) return [];
  const strategy = asRecord(asRecord(o.object?.spec)?.strategy);
  if (asRecord(strategy?.blueGreen)) return [];
  const routing = asRecord(asRecord(strategy?.canary)?.trafficRouting);
  if (!routing) return [];
  const fromName = nonEmptyString(asRecord(o.object?.metadata)?.name) ?? '';
  const base = 'spec.strategy.canary.trafficRouting';
  const out: TrafficObjectRef[] = [];
  const add = (kind: TrafficObjectKind, value: unknown, where: string, namespace = o.namespace) => {
    const name = nonEmptyString(value);
    if (name !== undefined) out.push({ from: o, fromKind: 'Rollout', fromName, where: `${base}.${where}`, kind, namespace, name });
  };
  const ingresses = (router: string, listField: string, field: string) => {
    const r = asRecord(routing[router]);
    if (Array.isArray(r?.[listField])) asArray(r?.[listField]).forEach((n, i) => add('Ingress', n, `${router}.${listField}[${i}]`));
    else add('Ingress', r?.[field], `${router}.${field}`);
  };
  if (asRecord(routing.alb)) ingresses('alb', 'ingresses', 'ingress');
  else if (asRecord(routing.nginx)) ingresses('nginx', 'stableIngresses', 'stableIngress');
  const istio = asRecord(routing.istio);
  if (istio) {
    const vsvc = (value: unknown, where: string) => {
      const name = nonEmptyString(value);
      if (name === undefined) return;
      const dot = name.indexOf('.');
      if (dot < 0) add('VirtualService', name, where);
      else add('VirtualService', name.slice(0, dot), where, name.slice(dot + 1));
    };
    if (Array.isArray(istio.virtualServices) && istio.virtualServices.length > 0) {
      asArray(istio.virtualServices).forEach((v, i) => vsvc(asRecord(v)?.name, `istio.virtualServices[${i}].name`));
    } else {
      vsvc(asRecord(istio.virtualService)?.name, 'istio.virtualService.name');
    }
    add('DestinationRule', asRecord(istio.destinationRule)?.name, 'istio.destinationRule.name');
  }
  return out;
}

/** Whether an object is an Argo Rollouts Rollout (argoproj.io, or without apiVersion as in-memory objects are). */
function isArgoRollout(o: NamespacedObject): boolean {
  const apiVersion = o.object?.apiVersion;
  return o.object?.kind === 'Rollout' && (apiVersion === undefined || (typeof apiVersion === 'string' && apiVersion.startsWith('argoproj.io/')));
}
