// GIVEN a progressive-delivery, service-mesh or model-serving operator's resource in the input, WHEN the checker asks
// which Services operators make, THEN the names from the operator's source count, in the namespace the operator puts
// them in, and near misses do not.
import { makerKindIn, Obj, operatorResource } from './operator-fixtures';

/** A custom resource named `name` in namespace `apps`. */
const resource = (apiVersion: string, kind: string, name: string, spec: Obj = {}, namespace = 'apps'): Obj =>
  operatorResource(apiVersion, kind, name, spec, namespace);

const canary = (spec: Obj) => resource('flagger.app/v1beta1', 'Canary', 'podinfo', { service: { port: 9898 }, ...spec });
const iop = (spec: Obj = {}) => resource('install.istio.io/v1alpha1', 'IstioOperator', 'control-plane', spec, 'istio-system');
const isvc = (spec: Obj = {}) => resource('serving.kserve.io/v1beta1', 'InferenceService', 'sklearn-iris', { predictor: { sklearn: {} }, ...spec });

const makerKind = makerKindIn;

/** A SeldonDeployment `iris` with the given predictors (the shapes of Seldon Core's examples). */
const sdep = (...predictors: Obj[]) => resource('machinelearning.seldon.io/v1', 'SeldonDeployment', 'iris', { predictors });
/** A predictor `default` whose graph is a prepackaged SKLEARN_SERVER unit `classifier`. */
const prepackaged = { name: 'default', graph: { name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 'gs://seldon-models/sklearn/iris' } };
/** A predictor `main` with a custom container `classifier` behind a transformer `step` of another container. */
const custom = {
  name: 'main',
  componentSpecs: [{ spec: { containers: [{ name: 'classifier', image: 'model:1' }, { name: 'step', image: 'transformer:1' }, { name: 'sidecar', image: 'proxy:1' }] } }],
  graph: { name: 'step', type: 'TRANSFORMER', children: [{ name: 'classifier', type: 'MODEL' }] },
};

describe('OperatorServices: delivery, mesh and serving operators', () => {
  test.each<[string, Obj, string, string[]]>([
    ['a Flagger Canary of a Deployment', canary({ targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' } }), 'apps',
      ['podinfo', 'podinfo-primary', 'podinfo-canary']],
    ['a Flagger Canary of a DaemonSet', canary({ targetRef: { kind: 'DaemonSet', name: 'agent' } }), 'apps', ['agent', 'agent-primary', 'agent-canary']],
    ['a Flagger Canary with its own apex name', canary({ targetRef: { kind: 'Deployment', name: 'podinfo' }, service: { name: 'frontend', port: 80 } }), 'apps',
      ['frontend', 'frontend-primary', 'frontend-canary']],
    ['an IstioOperator of the default profile', iop(), 'istio-system', ['istiod', 'istio-ingressgateway']],
    ['an IstioOperator of the demo profile', iop({ profile: 'demo' }), 'istio-system', ['istiod', 'istio-ingressgateway', 'istio-egressgateway']],
    ['a revisioned IstioOperator', iop({ revision: '1-22' }), 'istio-system', ['istiod-1-22']],
    ['an IstioOperator installing into its own namespace', { ...iop({ namespace: 'mesh' }), metadata: { name: 'iop' } }, 'mesh', ['istiod', 'istio-ingressgateway']],
    ['an IstioOperator\'s own gateways', iop({
      components: {
        ingressGateways: [{ name: 'istio-ingressgateway', enabled: true }, { name: 'ilb-gateway', enabled: true, namespace: 'edge' }],
        egressGateways: [{ name: 'istio-egressgateway', enabled: true }],
      },
    }), 'istio-system', ['istio-ingressgateway', 'istio-egressgateway']],
    ['an IstioOperator gateway in its own namespace', iop({ components: { ingressGateways: [{ name: 'ilb-gateway', enabled: true, namespace: 'edge' }] } }), 'edge', ['ilb-gateway']],
    ['an IstioOperator of the minimal profile that enables the pilot', iop({ profile: 'minimal', components: { pilot: { enabled: true } } }), 'istio-system', ['istiod']],
    ['an InferenceService', isvc(), 'apps', ['sklearn-iris', 'sklearn-iris-predictor']],
    ['an InferenceService with a transformer and an explainer', isvc({ transformer: { containers: [] }, explainer: { alibi: {} } }), 'apps',
      ['sklearn-iris-transformer', 'sklearn-iris-explainer']],
    ['a SeldonDeployment with a prepackaged server', sdep(prepackaged), 'apps', ['iris-default', 'iris-default-classifier']],
    ['a SeldonDeployment with a graph of custom containers', sdep(custom), 'apps', ['iris-main', 'iris-main-step', 'iris-main-classifier']],
    ['a SeldonDeployment predictor with its own Service name', sdep({ ...prepackaged, annotations: { 'seldon.io/svc-name': 'iris-api' } }), 'apps',
      ['iris-api', 'iris-default-classifier']],
  ])('counts the Services the operator makes from %s', (_case, cr, ns, names) => {
    for (const name of names) expect([name, makerKind([cr], name, ns)]).toEqual([name, cr.kind]);
  });

  test.each<[string, Obj[], string, string]>([
    ['a Flagger Canary name with a typo', [canary({ targetRef: { kind: 'Deployment', name: 'podinfo' } })], 'podinfo-primery', 'apps'],
    ['the target name of a Canary with its own apex name', [canary({ targetRef: { kind: 'Deployment', name: 'podinfo' }, service: { name: 'frontend', port: 80 } })], 'podinfo-primary', 'apps'],
    ['a Service of a Canary whose target is a Service (no-op router)', [canary({ targetRef: { kind: 'Service', name: 'podinfo' } })], 'podinfo-canary', 'apps'],
    ['a Canary\'s Service in another namespace', [canary({ targetRef: { kind: 'Deployment', name: 'podinfo' } })], 'podinfo', 'default'],
    ['the Canary\'s own name when the target has another', [resource('flagger.app/v1beta1', 'Canary', 'release', { targetRef: { kind: 'Deployment', name: 'web' } })], 'release', 'apps'],
    ['istiod of a revisioned IstioOperator', [iop({ revision: 'canary' })], 'istiod', 'istio-system'],
    ['istiod of an IstioOperator with its pilot disabled', [iop({ components: { pilot: { enabled: false } } })], 'istiod', 'istio-system'],
    ['istiod of the empty profile', [iop({ profile: 'empty' })], 'istiod', 'istio-system'],
    ['the ingress gateway of the minimal profile', [iop({ profile: 'minimal' })], 'istio-ingressgateway', 'istio-system'],
    ['the ingress gateway that the IstioOperator disables', [iop({ components: { ingressGateways: [{ name: 'istio-ingressgateway', enabled: false }] } })], 'istio-ingressgateway', 'istio-system'],
    ['the egress gateway of the default profile', [iop()], 'istio-egressgateway', 'istio-system'],
    ['an IstioOperator gateway without enabled', [iop({ components: { ingressGateways: [{ name: 'ilb-gateway' }] } })], 'ilb-gateway', 'istio-system'],
    ['istiod in the IstioOperator\'s namespace when it installs elsewhere', [iop({ namespace: 'mesh' })], 'istiod', 'istio-system'],
    ['istiod of an IstioOperator of another group', [{ ...iop(), apiVersion: 'example.com/v1' }], 'istiod', 'istio-system'],
    ['the transformer of an InferenceService without one', [isvc()], 'sklearn-iris-transformer', 'apps'],
    ['the pre-0.10 predictor name of an InferenceService', [isvc()], 'sklearn-iris-predictor-default', 'apps'],
    ['an InferenceService predictor with a typo', [isvc()], 'sklearn-iris-predicter', 'apps'],
    ['a SeldonDeployment predictor with a typo', [sdep(prepackaged)], 'iris-defualt', 'apps'],
    ['a SeldonDeployment container that is no unit of the graph', [sdep(custom)], 'iris-main-sidecar', 'apps'],
    ['a SeldonDeployment\'s own name', [sdep(prepackaged)], 'iris', 'apps'],
    ['the default predictor Service of a predictor with its own Service name', [sdep({ ...prepackaged, annotations: { 'seldon.io/svc-name': 'iris-api' } })],
      'iris-default', 'apps'],
    ['a SeldonDeployment predictor Service longer than 63 characters (the operator hashes it)',
      [resource('machinelearning.seldon.io/v1', 'SeldonDeployment', 's'.repeat(60), { predictors: [prepackaged] })], `${'s'.repeat(60)}-default`, 'apps'],
    ['a Canary Service name longer than 63 characters', [canary({ targetRef: { kind: 'Deployment', name: 'p'.repeat(60) } })], `${'p'.repeat(60)}-canary`, 'apps'],
  ])('does not count %s', (_case, objects, name, ns) => {
    expect(makerKind(objects, name, ns)).toBeUndefined();
  });
});
