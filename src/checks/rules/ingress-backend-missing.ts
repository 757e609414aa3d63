/**
 * ingress-backend-missing (error): an Ingress backend (a path's or the default backend) that names no Service of the
 * Ingress's namespace. The ingress controller has nothing to send that path's requests to (ingress-nginx answers
 * 503); kube-linter dangling-ingress, kube-score "Ingress targets Service". Ingresses in a namespace where the
 * input holds no Service and no workload are judged with `--complete` only (CheckContext.judgesBackendsIn). A backend
 * whose Service name no Service can have (not a DNS-1035 label: `my.host-web`) is ingress-invalid's.
 */
import { resourceId } from '../helpers';
import { noneMakesText, releasesText, renderFix } from '../lib/chart-releases-text';
import { namespacesText, refText } from '../lib/entry-backends';
import { renamedFinding } from '../lib/kustomize-renames';
import { missingServices } from '../lib/missing-services';
import { finding, Finding, Rule } from '../rule';
import { isBackendServiceName } from '../validation/ingress';

export const ingressBackendMissing: Rule = {
  id: 'ingress-backend-missing',
  level: 'error',
  description: 'Ingress backend names no Service in the Ingress\'s namespace (a **warning** when a Helm chart release deploys into the namespace: its Services are not in the input)',
  explanation: 'An Ingress backend (`service.name`, or `serviceName` in extensions/v1beta1 and networking.k8s.io/v1beta1; the default backend too) always refers to a Service of the Ingress\'s own namespace (Kubernetes Ingress docs, "Resource backends" and "Ingress rules"); when there is none, the controller has no endpoints for those paths (ingress-nginx answers 503). After kube-linter `dangling-ingress` and kube-score "Ingress targets Service". `resource` backends are not Services and are not judged; neither is the AWS Load Balancer Controller\'s `use-annotation` port, nor a name that no Service can have (not a DNS-1035 label, such as `my.host-web`), which `ingress-invalid` reports. An Ingress in a namespace where the input holds no Service and no workload, its Services living in another repository, is judged only with `--complete`. A Service that an operator makes from a resource of the input under a documented name (`prometheus-operated` beside a Prometheus, ECK\'s `<name>-kb-http` beside a Kibana, the MinIO Operator\'s `minio` beside a Tenant, `<app-id>-dapr` beside a Deployment annotated for Dapr; src/checks/context/operator-services.ts) counts as existing. So does a Service named like a chart release into its namespace: a Flux HelmRelease, a k3s HelmChart, an Argo CD Application or ApplicationSet with a Helm source (an ApplicationSet template\'s `{{...}}` placeholders filled from its list generators, never taken as names) or a `helmCharts` entry of a kustomization.yaml in the input makes Services the input does not hold, usually named after the release (the release name or the values\' `fullnameOverride`, alone or followed by `-`; src/checks/context/chart-releases.ts). Any other missing name in a namespace such a release deploys into is a warning naming the releases, since a chart may name its Services otherwise; so is a missing name in the destination namespace of an Argo CD Application or ApplicationSet that deploys manifests from a path outside the input (a path that is a folder of the input, the repository root or a placeholder does not count: its objects may be the input\'s), and a name one or two letters from a release\'s name gets a "did you mean" hint, unless a Service of that name exists in another namespace.',
  fix: 'Create the Service in the Ingress\'s namespace, or correct the backend\'s service name.',
  check(ctx) {
    const out: Finding[] = [];
    // a name no Service can have (`my.host-web`): ingress-invalid reports it; "create Service my.host-web" would mislead
    const refs = ctx.entryBackends.filter((r) => r.fromKind === 'Ingress' && isBackendServiceName(r.service));
    for (const { group, elsewhere, hint, releases, renamed } of missingServices(ctx, refs)) {
      const { service, namespace } = group[0];
      const where = elsewhere.length > 0
        ? `; a Service "${service}" exists only in namespace ${namespacesText(elsewhere)}, and an Ingress backend always refers to the Ingress's own namespace`
        : '';
      if (releases.length > 0) {
        out.push({
          ...finding(this, resourceId(group[0].from),
            `${refText(group)} names Service "${service}", which is not in these manifests, but ${releasesText(releases)} into namespace "${namespace}", whose Services the input does not hold; if ${noneMakesText(releases, service)}, the ingress controller has no endpoints for it (ingress-nginx answers 503).${hint} Fix: ${renderFix(releases)}, or correct the backend's service name.`),
          level: 'warning',
        });
        continue;
      }
      out.push(renamedFinding(this, resourceId(group[0].from),
        `${refText(group)} names Service "${service}", but there is no Service "${service}" in namespace "${namespace}"${where}, so the ingress controller has no endpoints for it (ingress-nginx answers 503).${hint}`,
        `create Service "${service}" in namespace "${namespace}", or correct the backend's service name`, renamed));
    }
    return out;
  },
};
