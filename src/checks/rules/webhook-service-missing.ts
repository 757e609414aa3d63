/**
 * webhook-service-missing (error): an admission webhook, a CRD conversion webhook or an APIService that names a
 * Service its namespace lacks. kube-apiserver calls that Service itself and, when it is not found, the call fails: a
 * webhook with failurePolicy Fail rejects the requests it matches, a conversion webhook fails reads of other versions,
 * an aggregated API is unavailable. A warning when the failure is ignored (failurePolicy Ignore, a CRD that lists one version)
 * or when a Helm chart release deploys into the namespace (its Services are not in the input).
 */
import { resourceId } from '../helpers';
import { callFailureText } from '../lib/called-services';
import { noneMakesText, releasesText, renderFix } from '../lib/chart-releases-text';
import { namespacesText, refText } from '../lib/entry-backends';
import { renamedFinding } from '../lib/kustomize-renames';
import { missingServices } from '../lib/missing-services';
import { finding, Finding, Rule } from '../rule';

export const webhookServiceMissing: Rule = {
  id: 'webhook-service-missing',
  level: 'error',
  description: 'Admission webhook, CRD conversion webhook or APIService names a Service that is not in the input (a **warning** when the API server ignores the failure, or when a Helm chart release deploys into the namespace: its Services are not in the input)',
  explanation: 'kube-apiserver calls a Service itself for `webhooks[].clientConfig.service` of a ValidatingWebhookConfiguration or MutatingWebhookConfiguration, `spec.conversion.webhook.clientConfig.service` of a CustomResourceDefinition with `strategy: Webhook`, and `spec.service` of an APIService (an aggregated API such as metrics-server\'s v1beta1.metrics.k8s.io), looking it up by namespace and name (k8s.io/apiserver pkg/util/proxy ResolveCluster). When there is none the call fails with `service "x" not found`: an admission webhook with failurePolicy Fail (the default of admissionregistration.k8s.io/v1) rejects every request its rules match, with Ignore the webhook never acts (a warning); a conversion webhook fails every request for the custom resources in a version other than the stored one (a warning when the CRD lists one version, which needs no conversion); an APIService stays Available False, so its API fails and so does discovery (kubectl prints errors, the namespace controller cannot finish deleting namespaces). References without name or namespace are the API server\'s to reject and are not judged; `kubernetes` of `default`, the API server\'s own Service, always exists. As for `ingress-backend-missing`, a namespace where the input holds no Service and no workload is judged with `--complete` only, a Service an operator or a chart release makes counts as existing, and a missing name beside a chart release into the namespace is a warning. In a kustomize build, kustomize points a webhook\'s and an APIService\'s reference at the build\'s Service of that name and sets the build\'s namespace in an APIService\'s and a CRD\'s, so a reference that names a Service of the build counts as naming it there; an APIService or CRD reference naming none, and every reference of a build with a namePrefix or nameSuffix or with patches, replacements, vars or configurations that may set names, is not judged (check `kustomize build` output for those).',
  fix: 'Create the Service in the namespace the reference names, or correct the reference\'s name and namespace.',
  check(ctx) {
    const out: Finding[] = [];
    // `kubernetes` of `default` is the API server's own Service, which every cluster has (a webhook placeholder's)
    const refs = ctx.calledServices.filter((r) => r.namespace !== 'default' || r.service !== 'kubernetes');
    for (const { group, elsewhere, hint, releases, renamed } of missingServices(ctx, refs)) {
      const { service, namespace } = group[0];
      const where = elsewhere.length > 0 ? `; a Service "${service}" exists only in namespace ${namespacesText(elsewhere)}` : '';
      const effect = callFailureText(group[0], `service "${service}" not found`);
      if (releases.length > 0) {
        out.push({
          ...finding(this, resourceId(group[0].from),
            `${refText(group)} names Service "${service}" in namespace "${namespace}", which is not in these manifests, but ${releasesText(releases)} into namespace "${namespace}", whose Services the input does not hold; if ${noneMakesText(releases, service)}, ${effect}.${hint} Fix: ${renderFix(releases)}, or correct the reference.`),
          level: 'warning',
        });
        continue;
      }
      const found = renamedFinding(this, resourceId(group[0].from),
        `${refText(group)} names Service "${service}" in namespace "${namespace}", but there is no Service "${service}" in namespace "${namespace}"${where}, so ${effect}.${hint}`,
        `create Service "${service}" in namespace "${namespace}", or correct the reference's name and namespace`, renamed);
      out.push(group[0].failOpen ? { ...found, level: 'warning' } : found);
    }
    return out;
  },
};
