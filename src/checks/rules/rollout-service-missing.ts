/**
 * rollout-service-missing (error): an Argo Rollouts `Rollout` whose strategy names a Service (blue-green active or
 * preview, canary stable, canary, ping or pong) that its namespace lacks. The Rollout controller looks them up before
 * anything else and, while one is missing, sets the InvalidSpec condition and does not reconcile the Rollout. A
 * warning when a Helm chart release deploys into the namespace (its Services are not in the input).
 */
import { resourceId } from '../helpers';
import { noneMakesText, releasesText, renderFix } from '../lib/chart-releases-text';
import { namespacesText, refText } from '../lib/entry-backends';
import { renamedFinding } from '../lib/kustomize-renames';
import { missingServices } from '../lib/missing-services';
import { finding, Finding, Rule } from '../rule';

export const rolloutServiceMissing: Rule = {
  id: 'rollout-service-missing',
  level: 'error',
  description: 'Argo Rollouts Rollout names a Service (active, preview, stable, canary, ping, pong) that is not in its namespace (a **warning** when a Helm chart release deploys into the namespace: its Services are not in the input)',
  explanation: 'A Rollout (argoproj.io) names Services of its own namespace in `spec.strategy.blueGreen.activeService` and `previewService`, or `spec.strategy.canary.stableService`, `canaryService` and `pingPong.pingService` / `pongService`. Before it does anything else the Rollout controller looks each one up; when one is not found, it sets the Rollout\'s InvalidSpec condition ("The Rollout \\"web\\" is invalid: spec.strategy.canary.stableService: Invalid value: \\"web-stable\\": service \\"web-stable\\" not found") and does not reconcile it: no ReplicaSet is made or scaled and no step runs until the Service exists, checked again every 20 seconds (argo-rollouts rollout/controller.go getReferencedServices and rolloutContext.reconcile). Other names of the strategy are not Services (`trafficRouting.istio.virtualService`, `nginx.stableIngress`, `alb.ingress`: `rollout-traffic-object-missing` judges them) or are not looked up as Services (`alb.rootService`, `smi.rootService`) and are not judged. The controller rewrites those Services\' selectors with the `rollouts-pod-template-hash` of its ReplicaSets; the selector rules count that label as carried by the Rollout\'s pods. A Service that an operator makes from a resource of the input under a documented name, or one named like a chart release into the namespace (as for `ingress-backend-missing`), counts as existing; any other missing name in a namespace such a release deploys into is a warning naming the releases, unless a Service of that name exists in another namespace.',
  fix: 'Create the Service in the Rollout\'s namespace, or correct the name in the Rollout\'s strategy.',
  check(ctx) {
    const out: Finding[] = [];
    for (const { group, elsewhere, hint, releases, renamed } of missingServices(ctx, ctx.rolloutServices)) {
      const { service, namespace } = group[0];
      const where = elsewhere.length > 0
        ? `; a Service "${service}" exists only in namespace ${namespacesText(elsewhere)}, and a Rollout's Services are always of the Rollout's own namespace`
        : '';
      const effect = `the Argo Rollouts controller marks the Rollout InvalidSpec ("service \\"${service}\\" not found") and does not reconcile it (no ReplicaSet is made or scaled, no step runs) until the Service exists`;
      if (releases.length > 0) {
        out.push({
          ...finding(this, resourceId(group[0].from),
            `${refText(group)} names Service "${service}", which is not in these manifests, but ${releasesText(releases)} into namespace "${namespace}", whose Services the input does not hold; if ${noneMakesText(releases, service)}, ${effect}.${hint} Fix: ${renderFix(releases)}, or correct the Rollout's service name.`),
          level: 'warning',
        });
        continue;
      }
      out.push(renamedFinding(this, resourceId(group[0].from),
        `${refText(group)} names Service "${service}", but there is no Service "${service}" in namespace "${namespace}"${where}, so ${effect}.${hint}`,
        `create Service "${service}" in namespace "${namespace}", or correct the Rollout's service name`, renamed));
    }
    return out;
  },
};
