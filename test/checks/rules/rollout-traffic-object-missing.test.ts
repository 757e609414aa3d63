import { rolloutTrafficObjectMissing } from '../../../src/checks/rules/rollout-traffic-object-missing';
import { run, service } from '../builders';
import { destinationRule, virtualService } from '../istio';
import { helmRelease, rollout } from '../openshift';

type Obj = { [key: string]: any };
const stable = service('web-stable', { selector: { app: 'web' } });
const canary = service('web-canary', { selector: { app: 'web' } });
const ingress = (name: string, meta: Obj = {}): Obj => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name, ...meta },
  spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web-stable', port: { number: 80 } } } }] } }] },
});
const routed = (trafficRouting: Obj): Obj => rollout({ canary: { stableService: 'web-stable', canaryService: 'web-canary', trafficRouting, steps: [{ setWeight: 20 }] } });

describe('rollout-traffic-object-missing', () => {
  test.each([
    ['an nginx stable Ingress', [stable, canary, ingress('web'), routed({ nginx: { stableIngress: 'web' } })]],
    ['nginx stable Ingresses', [stable, canary, ingress('a'), ingress('b'), routed({ nginx: { stableIngresses: ['a', 'b'], stableIngress: 'ignored' } })]],
    ['an ALB Ingress', [stable, canary, ingress('web'), routed({ alb: { ingress: 'web', servicePort: 80 } })]],
    ['ALB Ingresses (the single one is not read then)', [stable, canary, ingress('a'), routed({ alb: { ingresses: ['a'], ingress: 'ignored', servicePort: 80 } })]],
    ['nginx beside ALB (the controller reads the ALB one)', [stable, canary, ingress('web'), routed({ alb: { ingress: 'web' }, nginx: { stableIngress: 'nope' } })]],
    ['a VirtualService and DestinationRule', [stable, canary, virtualService('web-vsvc', {}), destinationRule('web-dr', 'web'),
      routed({ istio: { virtualService: { name: 'web-vsvc', routes: ['primary'] }, destinationRule: { name: 'web-dr', canarySubsetName: 'canary', stableSubsetName: 'stable' } } })]],
    ['VirtualServices by list', [stable, canary, virtualService('a', {}), virtualService('b', {}), routed({ istio: { virtualServices: [{ name: 'a' }, { name: 'b' }] } })]],
    ['a VirtualService of another namespace by `name.namespace`', [stable, canary, virtualService('edge', {}, { namespace: 'mesh' }), routed({ istio: { virtualService: { name: 'edge.mesh' } } })]],
    ['a VirtualService in a namespace the run does not judge', [stable, canary, routed({ istio: { virtualService: { name: 'edge.mesh' } } })]],
    ['a blue-green Rollout', [service('a'), service('p'), rollout({ blueGreen: { activeService: 'a', previewService: 'p' }, canary: { trafficRouting: { nginx: { stableIngress: 'nope' } } } })]],
    ['a Rollout of another group', [stable, { ...routed({ nginx: { stableIngress: 'nope' } }), apiVersion: 'rollouts.kruise.io/v1beta1' }]],
    ['other routers (SMI, Ambassador)', [stable, canary, routed({ smi: { rootService: 'root' }, ambassador: { mappings: ['m'] } })]],
    ['an Ingress named like a chart release into the namespace', [stable, canary, helmRelease('web'), routed({ nginx: { stableIngress: 'web-ingress' } })]],
    ['a Flux placeholder', [stable, canary, routed({ nginx: { stableIngress: '${INGRESS}' } })]],
  ])('reports nothing for %s', (_case, objects) => {
    expect(run(rolloutTrafficObjectMissing, objects)).toEqual([]);
  });

  test.each([
    ['a missing nginx stable Ingress', [stable, canary, routed({ nginx: { stableIngress: 'web' } })], 'error',
      /^Rollout "web" spec\.strategy\.canary\.trafficRouting\.nginx\.stableIngress names Ingress "web", but there is no Ingress "web" in namespace "default", so the Argo Rollouts controller marks the Rollout InvalidSpec \(Ingress "web" not found\) and does not reconcile it \(no ReplicaSet is made or scaled, no step runs\) until the Ingress exists\. Fix: create Ingress "web" in namespace "default", or correct the Rollout's traffic routing\.$/],
    ['a missing entry of nginx stable Ingresses', [stable, canary, ingress('a'), routed({ nginx: { stableIngresses: ['a', 'b'] } })], 'error', /nginx\.stableIngresses\[1\] names Ingress "b", but/],
    ['a missing ALB Ingress with a near name', [stable, canary, ingress('web-ingress'), routed({ alb: { ingress: 'web-ingres' } })], 'error', /alb\.ingress names Ingress "web-ingres", .* Did you mean "web-ingress"\? Fix/],
    ['a missing entry of ALB Ingresses', [stable, canary, routed({ alb: { ingresses: ['web'] } })], 'error', /alb\.ingresses\[0\] names Ingress "web"/],
    ['an Ingress only in another namespace', [stable, canary, ingress('web', { namespace: 'edge' }), routed({ nginx: { stableIngress: 'web' } })], 'error',
      /no Ingress "web" in namespace "default"; an Ingress "web" exists only in namespace "edge", so/],
    ['a missing VirtualService', [stable, canary, routed({ istio: { virtualService: { name: 'web-vsvc' } } })], 'warning',
      /istio\.virtualService\.name names VirtualService "web-vsvc", but there is no VirtualService "web-vsvc" in namespace "default", so unless the controller reads Istio objects from a primary cluster \(a Secret labelled istio\.argoproj\.io\/primary-cluster\), the Argo Rollouts controller marks the Rollout InvalidSpec \(VirtualService "web-vsvc" not found\)/],
    ['a missing entry of VirtualServices', [stable, canary, virtualService('a', {}), routed({ istio: { virtualServices: [{ name: 'a' }, { name: 'b' }] } })], 'warning', /istio\.virtualServices\[1\]\.name names VirtualService "b"/],
    ['a missing VirtualService of a judged namespace by `name.namespace`', [stable, canary, service('x', {}, { namespace: 'mesh' }), routed({ istio: { virtualService: { name: 'edge.mesh' } } })], 'warning',
      /names VirtualService "edge", but there is no VirtualService "edge" in namespace "mesh"/],
    ['a missing DestinationRule', [stable, canary, virtualService('v', {}), routed({ istio: { virtualService: { name: 'v' }, destinationRule: { name: 'web-dr' } } })], 'warning',
      /istio\.destinationRule\.name names DestinationRule "web-dr", .* each reconcile of the Rollout fails when the Argo Rollouts controller updates the DestinationRule's subsets \("web-dr" not found\), and the canary's traffic is not shifted\. Fix/],
    ['a missing Ingress beside a chart release', [stable, canary, helmRelease('grafana'), routed({ nginx: { stableIngress: 'web' } })], 'warning',
      /^Rollout "web" .* names Ingress "web", which is not in these manifests, but HelmRelease "grafana" deploys a chart into namespace "default", whose objects the input does not hold; if no chart makes "web", the Argo Rollouts controller marks .* or correct the Rollout's traffic routing\.$/],
  ])('reports %s', (_case, objects, level, message) => {
    const found = run(rolloutTrafficObjectMissing, objects);
    expect(found).toEqual([expect.objectContaining({ rule: 'rollout-traffic-object-missing', level, resource: 'Rollout/default/web' })]);
    expect(found[0].message).toMatch(message);
  });
});
