/**
 * Services that progressive-delivery, service-mesh and model-serving operators make from their custom resources (the
 * table shape and the rules of context/operator-services.ts: each name counts in the resource's namespace unless the
 * operator puts it elsewhere, names over 63 characters are none).
 *
 * Sources:
 * - Flagger (flagger.app): Canary, from the apex name `spec.service.name`, else `spec.targetRef.name`, the Services
 *   `<apex>`, `<apex>-primary` and `<apex>-canary` (pkg/apis/flagger/v1beta1 canary.go GetServiceNames;
 *   pkg/router/kubernetes_default.go Initialize makes the canary and primary Services, Reconcile the apex one). The
 *   router for a Deployment or DaemonSet target makes them; a target of kind Service gets the no-op router and none
 *   (pkg/router/factory.go KubernetesRouter). For Istio, Flagger makes the VirtualService `<apex>` that routes to these
 *   Services itself (pkg/router/istio.go): `istio-host-missing` judges hosts, so counting the Services suffices.
 * - Istio (install.istio.io): IstioOperator, in `spec.namespace`, else `spec.values.global.istioNamespace`, else
 *   `istio-system`: `istiod`, or `istiod-<spec.revision>` (manifests/charts/istio-control/istio-discovery
 *   templates/service.yaml), unless `spec.components.pilot.enabled` is false or the profile is `empty`; the ingress
 *   gateway `istio-ingressgateway`, enabled by every profile but `empty`, `minimal`, `ambient` and `external`, and the
 *   egress gateway `istio-egressgateway`, enabled by `demo` only (manifests/profiles/*.yaml); and each gateway of
 *   `spec.components.ingressGateways` and `egressGateways` by its `name` (the gateway Service's name, in the entry's
 *   `namespace` when it has one) when its `enabled` is true, or, for the profile's own gateway, unless it is false
 *   (at most 64 entries read).
 * - KServe (serving.kserve.io): InferenceService `<name>-predictor`, and `<name>-transformer`, `<name>-explainer`
 *   when the spec configures them (pkg/constants constants.go PredictorServiceName, TransformerServiceName,
 *   ExplainerServiceName: the Knative Service of that name in Serverless mode, whose Route makes the Kubernetes
 *   Service, or the Service itself in RawDeployment mode); and `<name>`, the ExternalName Service to the local gateway
 *   (pkg/controller/v1beta1/inferenceservice/reconcilers/ingress ingress_reconciler.go reconcileExternalService). The
 *   `-predictor-default` names of KServe before 0.10 are left out.
 * - Seldon Core v1 (machinelearning.seldon.io): SeldonDeployment, for each of `spec.predictors`, the predictor's Service
 *   `<name>-<predictor>`, or the predictor's annotation `seldon.io/svc-name` when set (operator/apis/machinelearning.
 *   seldon.io/v1 seldondeployment_types.go GetPredictorKey), and a Service `<name>-<predictor>-<container>` for each
 *   container that is a unit of the predictor's graph (GetContainerServiceName; controllers seldondeployment_controller.go
 *   createContainerService: "only create services for containers defined as pus in the graph"): the containers of
 *   `componentSpecs` named after a unit, and the unit of a prepackaged server (`implementation: SKLEARN_SERVER`, any
 *   `*_SERVER`), whose container the operator names after the unit. Longer names get a hash and are left out, and so
 *   are at most 64 predictors and graph units past the first 64 read.
 */
import { field, MAX_ENTRIES, OperatorKind, ServiceIn } from './operator-kind';
import { asArray, asRecord, nonEmptyString } from '../../model/manifest';

/** Canary: the apex, primary and canary Services, unless the target is a Service. */
function flaggerCanary(_name: string, object: Record<string, unknown>): readonly string[] {
  if (field(object, 'spec', 'targetRef', 'kind') === 'Service') return [];
  const apex = nonEmptyString(field(object, 'spec', 'service', 'name')) ?? nonEmptyString(field(object, 'spec', 'targetRef', 'name'));
  return apex === undefined ? [] : [apex, `${apex}-primary`, `${apex}-canary`];
}

/** The profiles without the ingress gateway `istio-ingressgateway`. */
const NO_INGRESS_PROFILES: ReadonlySet<string> = new Set(['empty', 'minimal', 'ambient', 'external']);

/** The enabled gateways of `spec.components.<key>`, beside the profile's own gateway `profileGateway` (when on). */
function istioGateways(object: Record<string, unknown>, key: string, profileGateway: string, profileOn: boolean, namespace: string): ServiceIn[] {
  const out: ServiceIn[] = [];
  let profileSeen = false;
  for (const entry of asArray(field(object, 'spec', 'components', key)).slice(0, MAX_ENTRIES)) {
    const gateway = asRecord(entry);
    const name = nonEmptyString(gateway?.name);
    if (!gateway || !name) continue;
    if (name === profileGateway) profileSeen = true;
    const on = gateway.enabled === true || (name === profileGateway && profileOn && gateway.enabled !== false);
    if (on) out.push({ namespace: nonEmptyString(gateway.namespace) ?? namespace, name });
  }
  if (profileOn && !profileSeen) out.push({ namespace, name: profileGateway });
  return out;
}

/** IstioOperator: istiod and the gateways that its profile and its components enable, in their namespaces. */
function istioOperator(_name: string, object: Record<string, unknown>): readonly ServiceIn[] {
  const namespace = nonEmptyString(field(object, 'spec', 'namespace')) ?? nonEmptyString(field(object, 'spec', 'values', 'global', 'istioNamespace')) ?? 'istio-system';
  const profile = nonEmptyString(field(object, 'spec', 'profile')) ?? 'default';
  const pilot = field(object, 'spec', 'components', 'pilot', 'enabled');
  const revision = nonEmptyString(field(object, 'spec', 'revision'));
  const out: ServiceIn[] = pilot === true || (pilot !== false && profile !== 'empty') ? [{ namespace, name: revision ? `istiod-${revision}` : 'istiod' }] : [];
  const ingress = istioGateways(object, 'ingressGateways', 'istio-ingressgateway', !NO_INGRESS_PROFILES.has(profile), namespace);
  const egress = istioGateways(object, 'egressGateways', 'istio-egressgateway', profile === 'demo', namespace);
  return [...out, ...ingress, ...egress];
}

/** InferenceService: its external Service, the predictor's, and the transformer's and explainer's when configured. */
function inferenceService(name: string, object: Record<string, unknown>): readonly string[] {
  const out = [name, `${name}-predictor`];
  for (const component of ['transformer', 'explainer']) {
    if (asRecord(field(object, 'spec', component)) !== undefined) out.push(`${name}-${component}`);
  }
  return out;
}

/** The names of a Seldon graph's units (`name`, `children`), depth first, at most MAX_ENTRIES; with their implementation. */
function seldonUnits(graph: unknown): { name: string; implementation?: string }[] {
  const out: { name: string; implementation?: string }[] = [];
  const stack = [graph];
  while (stack.length > 0 && out.length < MAX_ENTRIES) {
    const unit = asRecord(stack.pop());
    const name = nonEmptyString(unit?.name);
    if (!unit || !name) continue;
    out.push({ name, implementation: nonEmptyString(unit.implementation) });
    for (const child of asArray(unit.children).slice(0, MAX_ENTRIES).reverse()) stack.push(child);
  }
  return out;
}

/** SeldonDeployment: each predictor's Service and those of its graph's containers. */
function seldonDeployment(name: string, object: Record<string, unknown>): readonly string[] {
  const out: string[] = [];
  for (const entry of asArray(field(object, 'spec', 'predictors')).slice(0, MAX_ENTRIES)) {
    const predictor = asRecord(entry);
    const pName = nonEmptyString(predictor?.name);
    if (!predictor || !pName) continue;
    out.push(nonEmptyString(field(predictor, 'annotations', 'seldon.io/svc-name')) ?? `${name}-${pName}`);
    const containers = new Set<string>();
    for (const spec of asArray(predictor.componentSpecs).slice(0, MAX_ENTRIES)) {
      for (const c of asArray(field(spec, 'spec', 'containers')).slice(0, MAX_ENTRIES)) {
        const cName = nonEmptyString(asRecord(c)?.name);
        if (cName) containers.add(cName);
      }
    }
    for (const unit of seldonUnits(predictor.graph)) {
      if (containers.has(unit.name) || unit.implementation?.endsWith('_SERVER')) out.push(`${name}-${pName}-${unit.name}`);
    }
  }
  return out;
}

export const OPERATOR_KINDS_DELIVERY: readonly OperatorKind[] = [
  { group: 'flagger.app', kind: 'Canary', services: flaggerCanary },
  { group: 'install.istio.io', kind: 'IstioOperator', services: istioOperator },
  { group: 'serving.kserve.io', kind: 'InferenceService', services: inferenceService },
  { group: 'machinelearning.seldon.io', kind: 'SeldonDeployment', services: seldonDeployment },
];
