/**
 * service-selector-no-match (error): a Service selector that matches no pod template in its namespace.
 *
 * Checklist step 1 ("Do the labels match?"): the EndpointSlice controller selects pods of the Service's own
 * namespace only (dns-rules 10), so such a Service has no endpoints: connections are refused and a headless name is
 * NXDOMAIN. The message names the nearest templates (same label keys, other values; the closest values by edit distance
 * first) and same-labelled pods in other namespaces, which is what `kubectl get pods --show-labels` would show.
 *
 * Pod templates are those of every workload kind in src/model/workload-kinds.ts (Rollouts, DeploymentConfigs,
 * prometheus-operator's resources, any pod-shaped spec.template). When none matches but a custom resource of the
 * namespace carries every selector pair in its spec (context/pod-makers.ts), an operator the checker cannot run probably makes
 * the pods: the finding is a **warning** naming that resource. When the Service selects labels that an operator puts
 * on the pods it makes from a resource of the namespace by itself (Rook's `app: rook-ceph-mgr`, `rook_cluster:
 * <namespace>` beside a CephCluster, Zalando's `application: spilo`, `cluster-name: <name>` beside a `postgresql`;
 * context/operator-pod-labels.ts, from the operator's source), it is an **info**:
 * those pods will carry the labels, also with `--complete`. A Service in `kube-system` that selects the pods of the
 * cluster's own components (static control-plane pods, kube-proxy, cluster DNS; well-known.ts CLUSTER_COMPONENT_PODS),
 * which no application's manifests hold, is not reported; nor is one that selects the pods a cluster add-on makes by
 * itself in any namespace while it works (cert-manager's ACME HTTP-01 solvers; well-known.ts ADD_ON_TRANSIENT_PODS). When the input holds no pod template, Pod or custom resource
 * carrying a label of the selector's keys in the Service's namespace, none elsewhere matches either, and the
 * namespace is no typo of one with workloads, the workloads are evidently described in other manifests (a
 * Service checked away from its Deployment's folder or release): a **warning**, an error with `--complete`. So is a
 * Service when every template of its namespace is another Service's backend, none named like it or like a selector
 * value and none labelled with a typo of a selector value: a folder of a namespace's Services with only some of its
 * workloads (spring-petclinic-cloud's k8s/init-services, applied before the Deployments of k8s/). A Cilium
 * Cluster Mesh global Service (`service.cilium.io/global: "true"`, or the older `io.cilium/global-service`; not
 * headless: lib/multicluster.ts) is an **info**: each cluster of the mesh defines it, and Cilium load-balances it to the
 * backends of every cluster, so a cluster that runs none of the pods still reaches them (docs.cilium.io, Cluster Mesh,
 * Load-balancing & Service Discovery).
 */
import { ADD_ON_TRANSIENT_PODS, CLUSTER_COMPONENT_PODS } from '../../k8s-syntax/well-known';
import { asArray, asRecord } from '../../model/manifest';
import type { ServiceRecord } from '../../model/records';
import type { CheckContext } from '../context/check-context';
import { isHelmTestTemplate, PodTemplate } from '../context/pod-templates';
import { templateSelects } from '../context/template-index';
import type { CheckBound } from '../context/unjudged';
import { defaultNamespaceHint, IGNORE_ANNOTATION, resourceId, selects, selectorText, serviceId } from '../helpers';
import { releasesText, renderFix } from '../lib/chart-releases-text';
import { ciliumGlobalService } from '../lib/multicluster';
import { closeNearMisses, nearestHint } from '../lib/near-misses';
import { HINT_WORK_TEXT, NameHints } from '../lib/nearest-name';
import { finding, Finding, Rule } from '../rule';

export const serviceSelectorNoMatch: Rule = {
  id: 'service-selector-no-match',
  level: 'error',
  description: 'Service selector matches no pod template in its namespace (a **warning** naming the custom resource when one of the namespace carries every selector pair in a `labels` map of its spec, e.g. `spec.podMetadata.labels`: an operator the checker cannot run probably makes the pods; an info when a resource of the namespace is one whose operator puts the selector\'s labels on the pods it makes by itself, as Rook does beside a CephCluster, CephObjectStore or CephFilesystem (`app: rook-ceph-mgr`, `rook_cluster: <namespace>`, ...) and Zalando\'s Postgres operator beside a `postgresql` (`application: spilo`, `cluster-name: <name>`, `spilo-role`), and as CloudNativePG (`cnpg.io/cluster`, `cnpg.io/instanceRole`), ECK (`elasticsearch.k8s.elastic.co/cluster-name`, `kibana.k8s.elastic.co/name`, `agent.k8s.elastic.co/name`), the RabbitMQ Cluster Operator, the MongoDB Community Operator, Spotahome\'s Redis Operator (`redisfailovers-role`) and KubeRay (`ray.io/cluster`, `ray.io/node-type`) do beside their resources: the labels of the operator\'s source; also a warning, when no pod template of the namespace nearly matches and none of another namespace matches, naming the Helm chart releases that deploy into the namespace (Flux HelmRelease, k3s HelmChart, Argo CD Application with a Helm source, kustomize `helmCharts` entry), whose pods are not in the input; also a warning when only the `app: alertmanager` / `app: prometheus` label older prometheus-operator releases gave those pods is missing; also a warning when the input holds no pod template, Pod or custom resource carrying a label of the selector\'s keys in the Service\'s namespace at all, none elsewhere matches and the namespace is no typo of one with workloads (its workloads are described in other manifests; an error with `--complete`), and so when every pod template of the namespace is selected by another Service and none is named like the Service or labelled with a typo of its selector (a folder of a namespace\'s Services and only some of its workloads); an info for a Cilium Cluster Mesh global Service (`service.cilium.io/global: "true"`, not headless), whose backends may all run in other clusters of the mesh; nothing when the input holds the Service\'s endpoints, as a dump of a live cluster does; nothing for a Service in `kube-system` that selects the pods of the cluster\'s own components, as monitoring charts\' exporter Services do: the control plane\'s static pods `component: kube-scheduler` (`kube-controller-manager`, `kube-apiserver`, `etcd`; `tier: control-plane`), `k8s-app: kube-proxy`, `k8s-app: kube-dns`)',
  explanation: 'A Service sends traffic only to pods of its own namespace whose labels contain every selector pair; with none, `kubectl get endpoints` shows <none> and connections fail (Kubernetes Service debugging checklist, step 1; kube-score service-targets-pod). The labels that a kustomization of the input adds to the templates it builds (`commonLabels`, `labels` with `includeTemplates` or `includeSelectors`), which the checker does not apply, count: a selector written for them selects the built pods. So do the pods cert-manager makes by itself in any namespace while it solves an ACME HTTP-01 challenge (`acme.cert-manager.io/http01-solver: "true"`), which no manifest holds.',
  fix: 'Make spec.selector equal to labels the pod template carries, or fix the template labels; for an operator\'s pods, check the resource\'s pod labels or annotate the Service to ignore the rule.',
  check(ctx) {
    const index = ctx.templateIndex;
    const hintsOfRun = new NameHints();
    // the ranking of near misses has its own budget, so that long label values cannot use up the namespace-typo hints
    const rankingOfRun = new NameHints();
    // the templates of each namespace that another Service selects, and the typo hints of that judgement (own budget)
    const backendsOfRun = new Map<string, Map<string, string>>();
    const typosOfRun = new NameHints();
    const out: Finding[] = [];
    for (const svc of ctx.model.services()) {
      if (!svc.selector || svc.type === 'ExternalName') continue;
      const sel = svc.selector;
      if (ctx.endpointTemplatesOf(svc).length > 0) continue;
      // kustomize's commonLabels, and labels with includeTemplates, give the templates it builds pairs the checker does
      // not apply (lib/kustomize-labels.ts): a selector written for them selects the built pods; past the run's scan
      // budget (undefined) such a selector is not judged, and said so
      if (ctx.kustomizeBuilt.matches(svc.namespace, { matchLabels: sel }, serviceId(svc.namespace, svc.name)) !== false) continue;
      if (hasInputEndpoints(ctx, svc)) continue;
      // the pods of the cluster's own components (control plane static pods, kube-proxy, cluster DNS), never in the input
      if (svc.namespace === 'kube-system' && CLUSTER_COMPONENT_PODS.some((labels) => selects(sel, labels))) continue;
      // the pods an add-on makes by itself in any namespace for a while (cert-manager's HTTP-01 solvers), never in the input
      if (ADD_ON_TRANSIENT_PODS.some((labels) => selects(sel, labels))) continue;
      if (ciliumGlobalService(svc)) {
        out.push({
          ...finding(this, serviceId(svc.namespace, svc.name),
            `Service "${svc.name}" selects ${selectorText(sel)}, which no pod template in namespace "${svc.namespace}" has, but it is a Cilium global Service (service.cilium.io/global: "true"), so Cilium sends its traffic to the pods of the other clusters of the mesh whose Service "${svc.name}" selects them; this cluster adds none. Fix: nothing to do when another cluster of the mesh runs the pods; otherwise change spec.selector to labels the pods carry.`),
          // an info: a global Service is meant to be defined in clusters that do not run its backends
          level: 'info',
        });
        continue;
      }
      const makers = ctx.podMakers(svc.namespace, sel, serviceId(svc.namespace, svc.name));
      if (makers === undefined) continue; // past the run's bound: recorded as not judged
      const carriers = makers.filter((m) => !m.madeBy);
      if (carriers.length > 0) {
        const names = carriers.slice(0, 3).map((m) => `${resourceId(m.object)} (${m.paths.join(', ')})`).join(', ');
        out.push({
          ...finding(this, serviceId(svc.namespace, svc.name),
            `Service "${svc.name}" selects ${selectorText(sel)}, which no pod template in namespace "${svc.namespace}" has, but ${names} carries those labels in its spec, so its operator probably makes the pods; they cannot be checked offline. Fix: make sure that resource's pods carry the labels, or annotate the Service ${IGNORE_ANNOTATION}: "${this.id}".`),
          level: 'warning',
        });
        continue;
      }
      if (makers.length > 0) {
        // operator-pod-labels.ts: the operator labels the pods it makes from the resource by itself (Rook, Zalando Postgres, ...)
        const made = makers.slice(0, 3).map((m) => `the ${m.madeBy!.pods} it makes for ${resourceId(m.object)}`).join(', ');
        out.push({
          ...finding(this, serviceId(svc.namespace, svc.name),
            `Service "${svc.name}" selects ${selectorText(sel)}, which no pod template in namespace "${svc.namespace}" has, but the ${makers[0].madeBy!.operator} operator puts those labels on ${made}, so the Service selects that operator's pods, which the checker does not make offline. Fix: nothing to do when the cluster runs that operator; annotate the Service ${IGNORE_ANNOTATION}: "${this.id}" to silence this.`),
          // an info: the labels are those the operator's source gives its pods, so the Service gets them as endpoints
          level: 'info',
        });
        continue;
      }
      const legacy = index.inNamespace(svc.namespace).find((t) => legacyOperatorSelects(t, sel));
      if (legacy) {
        out.push({
          ...finding(this, serviceId(svc.namespace, svc.name),
            `Service "${svc.name}" selects ${selectorText(sel)}, which the pods of ${legacy.kind} "${legacy.name}" carry only under older prometheus-operator releases (app=${LEGACY_APP[legacy.kind]}); newer ones label them app.kubernetes.io/name=${LEGACY_APP[legacy.kind]} instead, so with a current operator the Service gets no endpoints. Fix: drop app=${LEGACY_APP[legacy.kind]} from spec.selector if the cluster runs a current operator, or annotate the Service ${IGNORE_ANNOTATION}: "${this.id}".`),
          level: 'warning',
        });
        continue;
      }
      const hints: string[] = [];
      const nearest = nearestHint(svc.namespace, sel, index.inNamespace(svc.namespace), rankingOfRun);
      // a chart release into the namespace (a Flux HelmRelease, an Argo CD Application) makes pods the input does not
      // hold; a near miss among the input's own templates, or matching pods in another namespace, is more likely a
      // mistake of this Service, so that stays an error
      const elsewhere = index.selectedAnywhere(sel).filter((t) => t.namespace !== svc.namespace).slice(0, 3);
      const releases = nearest === undefined && elsewhere.length === 0 ? ctx.chartReleasesInto(svc.namespace) : [];
      if (releases.length > 0) {
        out.push({
          ...finding(this, serviceId(svc.namespace, svc.name),
            `Service "${svc.name}" selects ${selectorText(sel)}, which no pod template of the input in namespace "${svc.namespace}" has, but ${releasesText(releases)} into that namespace, whose pods the input does not hold; without pods carrying those labels it gets no endpoints. Fix: ${renderFix(releases)}, or change spec.selector to labels the pods carry.`),
          level: 'warning',
        });
        continue;
      }
      if (nearest !== undefined) hints.push(nearest);
      const noWorkloads = !ctx.options.complete && elsewhere.length === 0 && index.inNamespace(svc.namespace).length === 0
        && !ctx.hasPodMakers(svc.namespace, sel);
      // a namespace one or two letters from one that has workloads is a typo of it, not another release's namespace
      const typo = noWorkloads ? hintsOfRun.nearest(svc.namespace, () => index.namespaces) : undefined;
      if (typo !== undefined) hints.push(`did you mean namespace "${typo}", which has workloads?`);
      if (noWorkloads && typo === undefined) {
        // the input holds no workload of this namespace at all (no template, no Pod, no resource that carries a label
        // of the selector's keys): its pods are described elsewhere (another folder or release), so whether they
        // match cannot be told
        out.push({
          ...finding(this, serviceId(svc.namespace, svc.name),
            `Service "${svc.name}" selects ${selectorText(sel)}, but the input holds no pod template or Pod in namespace "${svc.namespace}" at all, so its pods, if any, come from manifests that are not in the input (another folder or release, an operator); without pods carrying those labels it gets no endpoints. Fix: check the Service together with the manifests of its workloads (or pass --complete to make this an error).`),
          level: 'warning',
        });
        continue;
      }
      const others = noWorkloads || ctx.options.complete || elsewhere.length > 0 || ctx.hasPodMakers(svc.namespace, sel)
        ? undefined : backendsOfOtherServices(ctx, svc, backendsOfRun, typosOfRun);
      if (others !== undefined) {
        // every template of the namespace is another Service's backend, none named like this Service or labelled with a
        // typo of its selector: its own pods are described elsewhere, as when a folder holds a namespace's Services and
        // only some of its workloads (spring-petclinic-cloud's k8s/init-services, applied before the deployments)
        out.push({
          ...finding(this, serviceId(svc.namespace, svc.name),
            `Service "${svc.name}" selects ${selectorText(sel)}, but no pod template in namespace "${svc.namespace}" has those labels, and each one the input holds there is the backend of another Service (${others}), so its own pods, if any, come from manifests that are not in the input (another folder or release); without pods carrying those labels it gets no endpoints. Fix: check the Service together with the manifests of its workloads (or pass --complete to make this an error).`),
          level: 'warning',
        });
        continue;
      }
      if (elsewhere.length > 0) {
        hints.push(`matching pods exist only in other namespaces (${elsewhere.map((t) => `${t.kind} ${t.namespace}/${t.name}`).join(', ')}); a Service selects pods of its own namespace only`);
        // a Service without metadata.namespace lands where `kubectl apply -n` puts it: say which flag tells the checker
        const placed = defaultNamespaceHint('the Service', svc.object, elsewhere[0].namespace);
        if (placed !== undefined) hints.push(placed);
      }
      // a Helm test Pod or Job the selector matches gives no endpoint (well-known.ts excludedFromEndpoints): say why it does not count
      const tests = ctx.templateIndex.selected(svc.namespace, sel).filter(isHelmTestTemplate);
      if (tests.length > 0) {
        const first = `Helm test ${tests[0].kind} "${tests[0].name}"`;
        hints.unshift(tests.length === 1
          ? `its only match, ${first}, is never an endpoint outside helm test`
          : `its only matches, ${first} and ${tests.length - 1} more, are never endpoints outside helm test`);
      }
      const hint = hints.length > 0 ? ` (${hints.join('; ')})` : '';
      out.push(finding(this, serviceId(svc.namespace, svc.name),
        `Service "${svc.name}" selects ${selectorText(sel)}, but no pod template in namespace "${svc.namespace}" has those labels${hint}, so it gets no endpoints. Fix: change spec.selector to labels the pods carry, or add the labels to the pod template.`));
    }
    return out;
  },
};

/** How many templates `backendsOfOtherServices` names. */
const MAX_OTHERS = 3;

/** What the spent typo hints leave unjudged in `backendsOfOtherServices` (context/unjudged.ts). */
const OTHER_BACKENDS_BOUND: CheckBound = {
  bound: HINT_WORK_TEXT,
  unjudged: 'whether the pods of the Service are described in other manifests (every template of its namespace the backend of another Service, none a typo of its selector) was not judged (its selector is judged as if they were not)',
  fix: 'check the namespace\'s manifests on their own (-f each folder), or annotate the Service if its pods come from elsewhere',
};

/**
 * `Deployment "a" of Service "a", ...` when every pod template of the Service's namespace is selected by another Service
 * of that namespace, none is named like the Service or one of its selector values, and none carries a typo of a
 * selector value (nearest-name.ts); else undefined (also when the typo hints' work is spent: then it cannot be told,
 * and the Service is recorded as left unjudged, `OTHER_BACKENDS_BOUND`).
 * `backends`: per namespace, each template's owner id -> the first Service that selects it, filled on first use.
 */
function backendsOfOtherServices(
  ctx: CheckContext, svc: ServiceRecord, backends: Map<string, Map<string, string>>, typos: NameHints,
): string | undefined {
  const templates = ctx.templateIndex.inNamespace(svc.namespace);
  if (templates.length === 0) return undefined;
  let selected = backends.get(svc.namespace);
  if (!selected) {
    selected = new Map();
    for (const other of ctx.model.servicesIn(svc.namespace)) {
      for (const t of ctx.endpointTemplatesOf(other)) if (!selected.has(t.ownerId)) selected.set(t.ownerId, other.name);
    }
    backends.set(svc.namespace, selected);
  }
  const sel = svc.selector ?? {};
  const values = Object.values(sel);
  for (const t of templates) {
    const owner = selected.get(t.ownerId);
    if (owner === undefined || owner === svc.name || t.name === svc.name || values.includes(t.name)) return undefined;
  }
  // a template labelled with a typo of a selector value is more likely this Service's pods, mislabelled
  const close = closeNearMisses(svc.namespace, sel, templates, typos);
  if (close.near.length > 0) return undefined;
  if (close.cut) { // no typo found, but the search was cut: cannot be told
    ctx.unjudged.record(OTHER_BACKENDS_BOUND, serviceId(svc.namespace, svc.name));
    return undefined;
  }
  return templates.slice(0, MAX_OTHERS).map((t) => `${t.kind} "${t.name}" of Service "${selected!.get(t.ownerId)}"`).join(', ')
    + (templates.length > MAX_OTHERS ? `, and ${templates.length - MAX_OTHERS} more` : '');
}

/** True when the input holds endpoints of the Service: a slice labelled for it with endpoints, or Endpoints naming Pods. */
function hasInputEndpoints(ctx: CheckContext, svc: ServiceRecord): boolean {
  if (ctx.model.inputEndpointSlices(svc.namespace, svc.name).some((s) => s.endpoints.length > 0)) return true;
  return ctx.endpointsNamed(svc.namespace, svc.name).some((o) => asArray(o.object.subsets).some((sub) => ['addresses', 'notReadyAddresses'].some((k) =>
    asArray(asRecord(sub)?.[k]).some((a) => asRecord(asRecord(a)?.targetRef)?.kind === 'Pod'))));
}

/** The `app` label older prometheus-operator releases gave the pods of each resource kind. */
const LEGACY_APP: { readonly [kind: string]: string } = { Alertmanager: 'alertmanager', Prometheus: 'prometheus' };

/** True when the pods of a prometheus-operator resource, with the older operators' `app` label added, carry the selector. */
function legacyOperatorSelects(t: PodTemplate, sel: { readonly [key: string]: string }): boolean {
  const app = LEGACY_APP[t.kind];
  if (!app || sel.app !== app) return false;
  return templateSelects({ ...t, labels: { ...t.labels, app } }, sel);
}
