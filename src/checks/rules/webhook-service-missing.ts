/**
 * webhook-service-missing (error): an admission webhook, a CRD conversion webhook or an APIService that names a
 * Service its namespace lacks. kube-apiserver calls that Service itself and, when it is not found, the call fails: a
 * webhook with failurePolicy Fail rejects the requests it matches, a conversion webhook fails reads of other versions,
 * an aggregated API is unavailable. A warning when the failure is ignored (failurePolicy Ignore on every webhook of the
 * configuration that calls the Service, a CRD that serves only its storage version and stores no object in another) or
 * when a Helm chart release deploys into the namespace (its Services are not in the input). In kube-system, where the
 * distribution puts Services (metrics-server), a missing Service is a warning without --complete, unless the input holds
 * one of a near name there; an APIService whose status says Available True works, and one whose status gives another
 * reason than ServiceNotFound found its Service.
 */
import { defaultNamespaceHint, resourceId } from '../helpers';
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
  explanation: 'kube-apiserver calls a Service itself for `webhooks[].clientConfig.service` of a ValidatingWebhookConfiguration or MutatingWebhookConfiguration, `spec.conversion.webhook.clientConfig.service` of a CustomResourceDefinition with `strategy: Webhook`, and `spec.service` of an APIService (an aggregated API such as metrics-server\'s v1beta1.metrics.k8s.io), looking it up by namespace and name (k8s.io/apiserver pkg/util/proxy ResolveCluster). When there is none the call fails with `service "x" not found`: an admission webhook with failurePolicy Fail (the default of admissionregistration.k8s.io/v1) rejects every request its rules match, with Ignore the webhook never acts (a warning, unless another webhook of the configuration calls the Service with Fail); a conversion webhook fails every request for the custom resources in a version other than the stored one (a warning when the CRD serves only its storage version, a v1beta1 CRD without `versions` its one `spec.version`, and `status.storedVersions`, when present, lists no other: a request names a served version, and an object stored in the version asked for is not converted; every request for a served version other than the storage one is converted); an APIService stays Available False, so its API fails and so does discovery (kubectl prints errors, the namespace controller cannot finish deleting namespaces). References without name or namespace are the API server\'s to reject and are not judged; `kubernetes` of `default`, the API server\'s own Service, always exists; a missing Service of `kube-system` is a **warning** without `--complete`: the distribution and the control plane put Services there that no manifest shows (metrics-server, which k3s, AKS, GKE and EKS install); it stays an error, with a "did you mean" hint, when the input holds a Service of `kube-system` one or two letters from the name (a typo). An APIService whose `status.conditions` say Available True (a dump of a live cluster) is not judged: the API server calls its Service; one whose Available condition is False for a reason is judged by this rule only for ServiceNotFound and by `webhook-service-port-missing` only for ServicePortError (kube-aggregator\'s available_controller.go sets MissingEndpoints, FailedDiscoveryCheck and the others only after finding the Service and its port). When the Service exists only in the default namespace and has no `metadata.namespace` (`helm template -n foo` output), the message says to pass `--default-namespace`. As for `ingress-backend-missing`, a namespace where the input holds no Service and no workload is judged with `--complete` only, a Service an operator or a chart release makes counts as existing, and a missing name beside a chart release into the namespace is a warning. In a kustomize build, kustomize points a webhook\'s and an APIService\'s reference at the build\'s Service of that name and sets the build\'s namespace in an APIService\'s and a CRD\'s, so a reference that names a Service of the build counts as naming it there; an APIService or CRD reference naming none, and every reference of a build with a namePrefix or nameSuffix or with patches, replacements, vars or configurations that may set names, is not judged (check `kustomize build` output for those).',
  fix: 'Create the Service in the namespace the reference names, or correct the reference\'s name and namespace.',
  check(ctx) {
    const out: Finding[] = [];
    // `kubernetes` of `default` is the API server's own Service, which every cluster has (a webhook placeholder's); a
    // live APIService whose status says ServicePortError found its Service (webhook-service-port-missing's)
    const refs = ctx.calledServices.filter((r) => (r.namespace !== 'default' || r.service !== 'kubernetes') && r.live !== 'port');
    for (const { group: found, elsewhere, hint, releases, renamed } of missingServices(ctx, refs)) {
      // webhooks of one configuration calling one Service with different failurePolicies (Gatekeeper's Ignore, then
      // Fail): the failure is ignored only when every one ignores it, and the message names one that does not first
      const failing = found.find((r) => !r.failOpen);
      const group = failing === undefined ? found : [failing, ...found.filter((r) => r !== failing)];
      const { service, namespace } = group[0];
      const where = elsewhere.length > 0 ? `; a Service "${service}" exists only in namespace ${namespacesText(elsewhere)}` : '';
      // a Service without metadata.namespace (`helm template -n foo` output) is where `kubectl apply -n foo` puts it
      const placedHint = elsewhere.reduce<string | undefined>((h, s) => h ?? defaultNamespaceHint(`Service "${service}"`, s.object, namespace), undefined);
      const placed = placedHint !== undefined ? ` ${placedHint}.` : '';
      const effect = callFailureText(group[0], `service "${service}" not found`);
      if (releases.length > 0) {
        out.push({
          ...finding(this, resourceId(group[0].from),
            `${refText(group)} names Service "${service}" in namespace "${namespace}", which is not in these manifests, but ${releasesText(releases)} into namespace "${namespace}", whose Services the input does not hold; if ${noneMakesText(releases, service)}, ${effect}.${hint} Fix: ${renderFix(releases)}, or correct the reference.`),
          level: 'warning',
        });
        continue;
      }
      // kube-system holds the provider's Services (metrics-server of k3s, AKS, GKE, EKS): without --complete a missing
      // one is a warning, unless the input holds a Service there of a near name (a typo)
      if (!ctx.judgesAllServicesIn(namespace) && hint === '') {
        out.push({
          ...finding(this, resourceId(group[0].from),
            `${refText(group)} names Service "${service}" in namespace "${namespace}", which is not in these manifests; the cluster's provider may install it there (as k3s, AKS, GKE and EKS install metrics-server), else ${effect}${where}. Fix: if the cluster has no such Service, create it or correct the reference's name and namespace; pass --complete when the input holds every Service of "${namespace}".`),
          level: 'warning',
        });
        continue;
      }
      const reported = renamedFinding(this, resourceId(group[0].from),
        `${refText(group)} names Service "${service}" in namespace "${namespace}", but there is no Service "${service}" in namespace "${namespace}"${where}, so ${effect}.${hint}${placed}`,
        `create Service "${service}" in namespace "${namespace}", or correct the reference's name and namespace`, renamed);
      out.push(failing === undefined ? { ...reported, level: 'warning' } : reported);
    }
    return out;
  },
};
