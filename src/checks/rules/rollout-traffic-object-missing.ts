/**
 * rollout-traffic-object-missing (error): an Argo Rollouts canary `Rollout` whose traffic routing names an Ingress
 * (`nginx.stableIngress`, `nginx.stableIngresses[]`, `alb.ingress`, `alb.ingresses[]`) that its namespace lacks: the
 * controller marks the Rollout InvalidSpec and does not reconcile it. A VirtualService (`istio.virtualService.name`,
 * `istio.virtualServices[].name`) or DestinationRule (`istio.destinationRule.name`) that the input lacks is a warning:
 * the controller may read them from an Istio primary cluster.
 */
import type { TrafficObjectRef } from '../../model/rollout-services';
import { nameOf, resourceId } from '../helpers';
import { noneMakesText, releasesText, renderFix } from '../lib/chart-releases-text';
import { namespacesText, refText } from '../lib/entry-backends';
import { missingObjects, ObjectLookup } from '../lib/missing-services';
import { finding, Finding, Rule } from '../rule';

export const rolloutTrafficObjectMissing: Rule = {
  id: 'rollout-traffic-object-missing',
  level: 'error',
  description: 'Argo Rollouts canary traffic routing names an Ingress (nginx, ALB) that is not in the Rollout\'s namespace; a missing Istio VirtualService or DestinationRule is a **warning** (as is any name in a namespace a Helm chart release deploys into)',
  explanation: 'A canary Rollout (argoproj.io) with `spec.strategy.canary.trafficRouting` names the objects its controller edits to split traffic: Ingresses of its own namespace (`alb.ingresses[]`, else `alb.ingress`; without `alb`, `nginx.stableIngresses[]`, else `nginx.stableIngress`), Istio VirtualServices (`istio.virtualServices[].name`, else `istio.virtualService.name`; `<name>.<namespace>` names one of another namespace) and a DestinationRule (`istio.destinationRule.name`). Before it reconciles the Rollout, the controller looks up the Ingresses and VirtualServices; when one is not found it sets the InvalidSpec condition ("spec.strategy.canary.trafficRouting.nginx.stableIngress: Invalid value: \\"web\\": ingress.extensions \\"web\\" not found") and makes or scales no ReplicaSet (argo-rollouts rollout/controller.go getReferencedIngresses, rollout/trafficrouting/istio/controller.go GetReferencedVirtualServices). A missing DestinationRule fails each reconcile when the controller updates its subsets (istio.go UpdateHash). A missing VirtualService or DestinationRule is a warning: with an Istio primary cluster configured (a Secret labelled `istio.argoproj.io/primary-cluster`), the controller reads them from that cluster. An object named like a chart release into the namespace counts as existing; any other missing name in a namespace such a release deploys into is a warning naming the releases (as for `rollout-service-missing`). Other routers (SMI, Ambassador, App Mesh, Traefik, APISIX, Gateway API plugins) are not judged.',
  fix: 'Create the Ingress, VirtualService or DestinationRule in the Rollout\'s namespace, or correct the name in the Rollout\'s traffic routing.',
  check(ctx) {
    const out: Finding[] = [];
    const ingresses = ctx.objectsOfKind('Ingress');
    const ingressNames = (name: string) => ingresses.filter((o) => nameOf(o) === name);
    for (const kind of ['Ingress', 'VirtualService', 'DestinationRule'] as const) {
      const refs = ctx.rolloutTrafficObjects.filter((r) => r.kind === kind);
      if (refs.length === 0) continue;
      const lookup: ObjectLookup<TrafficObjectRef> = kind === 'Ingress'
        ? {
          target: (r) => r,
          exists: (namespace, name) => ingressNames(name).some((o) => o.namespace === namespace) || !!ctx.serviceMadeInCluster(namespace, name),
          named: ingressNames,
          namesIn: (namespace) => ingresses.filter((o) => o.namespace === namespace).map((o) => nameOf(o) ?? ''),
        }
        : {
          target: (r) => r,
          exists: (namespace, name) => ctx.istio.has(kind, namespace, name) || !!ctx.serviceMadeInCluster(namespace, name),
          named: (name) => ctx.istio.named(kind, name),
          namesIn: (namespace) => ctx.istio.namesIn(kind, namespace),
        };
      for (const { group, elsewhere, hint, releases } of missingObjects(ctx, refs, lookup)) {
        const { name, namespace } = group[0];
        const effect = kind === 'DestinationRule'
          ? `each reconcile of the Rollout fails when the Argo Rollouts controller updates the DestinationRule's subsets ("${name}" not found), and the canary's traffic is not shifted`
          : `the Argo Rollouts controller marks the Rollout InvalidSpec (${kind} "${name}" not found) and does not reconcile it (no ReplicaSet is made or scaled, no step runs) until the ${kind} exists`;
        if (releases.length > 0) {
          out.push({
            ...finding(this, resourceId(group[0].from),
              `${refText(group)} names ${kind} "${name}", which is not in these manifests, but ${releasesText(releases)} into namespace "${namespace}", whose objects the input does not hold; if ${noneMakesText(releases, name)}, ${effect}.${hint} Fix: ${renderFix(releases)}, or correct the Rollout's traffic routing.`),
            level: 'warning',
          });
          continue;
        }
        const where = elsewhere.length > 0 ? `; ${kind === 'Ingress' ? 'an' : 'a'} ${kind} "${name}" exists only in namespace ${namespacesText(elsewhere)}` : '';
        const primary = kind === 'Ingress' ? '' : 'unless the controller reads Istio objects from a primary cluster (a Secret labelled istio.argoproj.io/primary-cluster), ';
        const f = finding(this, resourceId(group[0].from),
          `${refText(group)} names ${kind} "${name}", but there is no ${kind} "${name}" in namespace "${namespace}"${where}, so ${primary}${effect}.${hint} Fix: create ${kind} "${name}" in namespace "${namespace}", or correct the Rollout's traffic routing.`);
        out.push(kind === 'Ingress' ? f : { ...f, level: 'warning' });
      }
    }
    return out;
  },
};
