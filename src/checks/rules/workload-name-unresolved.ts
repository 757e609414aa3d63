/**
 * workload-name-unresolved (warning): host names that workloads use and that do not resolve in the cluster.
 *
 * Which values and hosts are read: context/workload-name-uses.ts (env values, command and args after `$(VAR)` expansion,
 * ConfigMap values; URLs of any scheme including `jdbc:`, host lists, `host:port`, `.svc` names; only hosts that are
 * in-cluster by shape; not values named as TLS server names, as names of Secrets and ConfigMaps, or as the external
 * URL users reach the app at, which are never looked up). A pod that cannot use
 * cluster DNS (`dnsPolicy: Default`, or `hostNetwork: true` without
 * `ClusterFirstWithHostNet`) is reported when it uses an in-cluster name at all. A short name whose Service exists only
 * in another namespace of the input names it; when the workload has no metadata.namespace, the message also says that
 * `kubectl apply -n <that namespace>` is told to the checker with `--default-namespace` (opentelemetry-demo.yaml's apps). A name into a namespace the input
 * does not describe is left to namespace-not-in-input, unless the run is `complete` (the input is the whole cluster).
 * The name of a StatefulSet's pod (`web-0.nginx`) whose governing Service is missing, an ExternalName or does not
 * select the pods is left to the StatefulSet rules, which report it at that StatefulSet as an error naming the cause
 * (context/stateful-sets.ts failingPodName): one mistake, one finding. A headless Service whose pods come from a Job,
 * CronJob or ReplicationController (not simulated by the resolver) is not said to lack ready endpoints. The name of a pod
 * that a StatefulSet does not have (an ordinal past its replicas, under its governing Service) says which pods it has.
 */
import { maxField } from '../context/pod-templates';
import type { PodRange } from '../context/stateful-sets';
import { defaultNamespaceHint } from '../helpers';
import { noneMakesText, releasesText, renderFix } from '../lib/chart-releases-text';
import { renamedFinding } from '../lib/kustomize-renames';
import { finding, Finding, Rule } from '../rule';

export const workloadNameUnresolved: Rule = {
  id: 'workload-name-unresolved',
  level: 'warning',
  description: 'Host name used by a workload does not resolve in the cluster',
  explanation: 'A pod resolves names through its search path <ns>.svc.<zone>, svc.<zone>, <zone> (ndots 5); a short name only finds Services of the pod\'s own namespace, and a missing Service means NXDOMAIN at run time (dns-rules 43-46; Service debugging checklist, step 4). Pods with dnsPolicy Default or hostNetwork without ClusterFirstWithHostNet do not use cluster DNS at all. Reads env values, command and args after Kubernetes\' `$(VAR)` expansion, and ConfigMap values: URLs of any scheme with a port, of network schemes without one, with `jdbc:`/`r2dbc:` prefixes and several hosts (`mongodb://a:27017,b:27017/db`), `host:port`, `.svc` names and comma-separated lists of these (`kafka-0.kafka:9092,kafka-1.kafka:9092`). Values whose name says they are TLS server names (`TLS_RELAY_SERVER_NAME`, `--tls-server-name`, `..._SNI`) are not read: a client checks the certificate against them and never looks them up; nor are values whose name ends in `SecretName`, `_SECRET`, `ConfigMapName` or the like, which name Kubernetes objects (Kyverno\'s `--caSecretName=kyverno-svc.kyverno.svc.kyverno-tls-ca`), unless they are URLs or `host:port` values, which no object name is. Nor are values of a flag or variable whose name ends in `external` and `url` or `urls` (`--web.external-url` of Prometheus and Alertmanager, `EXTERNAL_URL`, `externalUrl`): the URL users reach the app at, which it puts into links and never looks up itself; nor values whose name ends in `allow` or `allowed` and `host`, `hosts`, `origin` or `origins`, in `trusted` and `host`, `hosts`, `origin`, `origins`, `domain` or `domains`, or in `cors` and `origin` or `origins` (Django\'s `ALLOWED_HOSTS` and `CSRF_TRUSTED_ORIGINS`, `PAPERLESS_ALLOWED_HOSTS`, `HOMEPAGE_ALLOWED_HOSTS`, `allowedHosts`): the hosts the app accepts requests for, which it compares the Host and Origin headers with. In these endings the two words are joined by `-`, `_`, `.` or nothing, in any case, and the first starts the name or follows a `-`, `_`, `.` or a camelCase boundary, never a letter of the same word (`SHALLOW_HOSTS` and `swallowHost` are read). Names into namespaces the input does not describe are judged only with `--complete`. The name of a pod past a StatefulSet\'s replicas (`consul-5.consul` for 3 replicas: the pods are `consul-0` to `consul-2`, counted from `spec.ordinals.start`; dns-rules 13) is reported as a pod that does not exist; where a HorizontalPodAutoscaler (or a KEDA ScaledObject) of the input scales the StatefulSet, only a pod past its `maxReplicas` is (charts leave `spec.replicas` out when their autoscaling is on, and the pods below `maxReplicas` exist whenever the autoscaler scales that far). Its `scaleTargetRef` names the StatefulSet with an `apiVersion` of group `apps` (any version; a ScaledObject without one means `apps/v1`): one without, or of another group (OpenKruise\'s `apps.kruise.io`), scales no StatefulSet of the input. An HPA leaves a StatefulSet of `replicas: 0` alone (scaling disabled, unless its `minReplicas` is 0); KEDA scales it up from zero. The name of a StatefulSet pod of the input (`web-0.nginx`) whose governing Service is missing, an ExternalName or does not select the pods is reported once, as an error on the StatefulSet by the `statefulset-service-*` rule that names the cause. A Service that an operator makes from a resource of the input under a documented name (`prometheus-operated` beside a Prometheus, ECK\'s `<name>-kb-http` beside a Kibana, the MinIO Operator\'s `minio` beside a Tenant, `<app-id>-dapr` beside a Deployment annotated for Dapr; src/checks/context/operator-services.ts) counts as existing. So does a Service named like a chart release into its namespace: a Flux HelmRelease, a k3s HelmChart, an Argo CD Application or ApplicationSet with a Helm source (an ApplicationSet template\'s `{{...}}` placeholders filled from its list generators, never taken as names) or a `helmCharts` entry of a kustomization.yaml in the input makes Services the input does not hold, usually named after the release (the release name or the values\' `fullnameOverride`, alone or followed by `-`; src/checks/context/chart-releases.ts). A headless Service that selects the pods of a Job, CronJob or ReplicationController, whose pods the resolver does not simulate, is not reported for lacking ready endpoints: those pods are its endpoints while they run (emojivoto-job.yml serves its APIs from Jobs). Names of other clusters count where the input shows the mechanism: `<service>-<cluster>` (and `<service>-federated`) beside a Linkerd Link to that cluster, whose service mirror makes them; `<service>.<namespace>.svc.clusterset.local` beside a ServiceImport or ServiceExport of that name (KEP-1645; a near miss of one is reported as a typo, and with none it is judged only with `--complete`, since another cluster of the clusterset may export it).',
  fix: 'Create the Service the name refers to, qualify it with the namespace (<svc>.<ns>), or fix the name; for a StatefulSet pod past its replicas, raise the replicas (the `maxReplicas` of a HorizontalPodAutoscaler, or `maxReplicaCount` of a KEDA ScaledObject, that scales it) or use an existing pod\'s name.',
  check(ctx) {
    const out: Finding[] = [];
    for (const u of ctx.workloadNameUses) {
      const v = u.verdict;
      if (!u.clusterDns) {
        if (v.kind === 'resolves') {
          out.push(finding(this, u.resource, `${u.text}, an in-cluster name, but the pod does not use cluster DNS (dnsPolicy Default, or hostNetwork without dnsPolicy ClusterFirstWithHostNet), so it does not resolve. Fix: set dnsPolicy: ClusterFirstWithHostNet (with hostNetwork) or ClusterFirst.`));
        }
      } else if ((v.kind === 'no-ready-endpoints' || v.kind === 'missing') && ctx.statefulSets.failingPodName(u.namespace, v.bare)) {
        // a StatefulSet pod's name that fails because of the governing Service: the StatefulSet rule reports it
        continue;
      } else if (v.kind === 'no-ready-endpoints') {
        out.push(finding(this, u.resource,
          `${u.text}: Service "${v.name}" exists in namespace "${v.namespace}" but has no ready endpoints, so host "${v.bare}" does not resolve (a headless Service without ready endpoints is NXDOMAIN). Fix: make the Service's pods ready (check its selector and the pods' readiness), or give its EndpointSlices ready endpoints.`));
      } else if (v.kind === 'missing') {
        // a short name is a Service of the pod's namespace: a chart release there may make it under another name
        const releases = v.bare.includes('.') ? [] : ctx.chartReleasesInto(u.namespace);
        const charts = releases.length > 0 ? ` ${releasesText(releases)} into namespace "${u.namespace}", whose Services the input does not hold; if ${noneMakesText(releases, v.bare)}, it stays unresolved.` : '';
        const fix = releases.length > 0 ? `${renderFix(releases)}, or correct the name` : 'create the Service it names, or correct the name (<service>.<namespace> for another namespace)';
        // an object without metadata.namespace lands where `kubectl apply -n` puts it: say which flag tells the checker
        const hint = v.elsewhere !== undefined ? defaultNamespaceHint(u.owner, u.object.object, v.elsewhere) : undefined;
        const placed = hint !== undefined ? ` ${hint}.` : '';
        out.push(renamedFinding(this, u.resource,
          `${u.text}, but host "${v.bare}" does not resolve from namespace "${u.namespace}" (tried ${v.tried}).${v.hint}${placed}${charts}`, fix, u.renamed));
      } else if (v.kind === 'no-such-pod') {
        // the autoscaler sets the StatefulSet's replicas: raising them by hand it undoes
        const raise = v.pods.autoscaler ? `raise ${maxField(v.pods.autoscaler)} of ${v.pods.autoscaler.name}` : 'raise the StatefulSet\'s replicas';
        out.push(finding(this, u.resource, `${u.text}, but host "${v.bare}" names a pod that does not exist: ${podsText(v.pods, u.namespace)}. Fix: ${raise}, or use the name of one of its pods.`));
      } else if (v.kind === 'not-in-input' && ctx.options.complete) {
        const similar = v.similar ? ` Did you mean namespace "${v.similar}"?` : '';
        out.push(finding(this, u.resource,
          `${u.text}, but host "${v.bare}" does not resolve from namespace "${u.namespace}" (tried ${v.tried}): the input, which --complete declares to be the whole cluster, has nothing in namespace "${v.target}".${similar} Fix: correct the name, or add the namespace's Service to the input.`));
      }
    }
    return out;
  },
};

/**
 * `StatefulSet "consul" has 3 replicas, so its pods are consul-0 to consul-2`, or what its HorizontalPodAutoscaler allows
 * (its namespace when not `namespace`).
 */
function podsText({ governed: g, replicas, start, replicasSet, autoscaler }: PodRange, namespace: string): string {
  const named = `StatefulSet "${g.name}"${g.sts.namespace === namespace ? '' : ` in namespace "${g.sts.namespace}"`}`;
  // with a most of no more than spec.replicas, the replicas as written bound the pods (pod-templates.ts possibleOrdinals)
  const max = autoscaler?.max;
  if (autoscaler !== undefined && typeof max === 'number' && max > replicas) {
    return `${named} is scaled by ${autoscaler.name} to at most ${max} replica${max === 1 ? '' : 's'}${start === 0 ? '' : ` from ordinal ${start}`}, so its last possible pod is ${g.name}-${start + max - 1}`;
  }
  const sts = named + (replicasSet ? '' : ' (spec.replicas is not set: 1, unless an autoscaler scales it)');
  if (replicas === 0) return `${sts} has 0 replicas, so it has no pods`;
  if (replicas === 1) return `${sts} has 1 replica, so its only pod is ${g.name}-${start}`;
  return `${sts} has ${replicas} replicas${start === 0 ? '' : ` from ordinal ${start}`}, so its pods are ${g.name}-${start} to ${g.name}-${start + replicas - 1}`;
}
