import { rolloutServiceMissing } from '../../../src/checks/rules/rollout-service-missing';
import { all, run, service } from '../builders';
import { helmRelease, rollout } from '../openshift';

const stable = service('web-stable', { selector: { app: 'web' } });
const canary = service('web-canary', { selector: { app: 'web' } });
const active = service('web-active', { selector: { app: 'web' } });
const preview = service('web-preview', { selector: { app: 'web' } });
const canaryStrategy = { canary: { stableService: 'web-stable', canaryService: 'web-canary', steps: [{ setWeight: 20 }, { pause: {} }] } };
const blueGreen = { blueGreen: { activeService: 'web-active', previewService: 'web-preview', autoPromotionEnabled: false } };
const kafka = { apiVersion: 'kafka.strimzi.io/v1beta2', kind: 'Kafka', metadata: { name: 'events' }, spec: {} };

describe('rollout-service-missing', () => {
  test.each([
    ['a canary Rollout with its stable and canary Services', [stable, canary, rollout(canaryStrategy)]],
    ['a blue-green Rollout with its active and preview Services', [active, preview, rollout(blueGreen)]],
    ['a canary Rollout without Services (basic canary, no traffic split)', [rollout({ canary: { steps: [{ setWeight: 20 }] } })]],
    ['a canary Rollout with ping and pong Services', [service('ping'), service('pong'), rollout({ canary: { pingPong: { pingService: 'ping', pongService: 'pong' } } })]],
    ['a trafficRouting that names a VirtualService and an Ingress (not Services)',
      [stable, canary, rollout({ canary: { ...canaryStrategy.canary, trafficRouting: { istio: { virtualService: { name: 'web-vsvc' } }, nginx: { stableIngress: 'web-ingress' } } } })]],
    ['an ALB root Service (not looked up as a Service)', [stable, canary, rollout({ canary: { ...canaryStrategy.canary, trafficRouting: { alb: { ingress: 'web', rootService: 'web-root' } } } })]],
    ['a canary strategy beside a blue-green one (the controller reads the blue-green one)', [active, preview, rollout({ ...blueGreen, ...{ canary: { stableService: 'nope' } } })]],
    ['a Rollout of another group (OpenKruise)', [rollout(canaryStrategy, {}, 'rollouts.kruise.io/v1beta1')]],
    ['a Service an operator makes from the input', [stable, kafka, rollout({ canary: { stableService: 'web-stable', canaryService: 'events-kafka-bootstrap' } })]],
    ['a Service named like a chart release into the namespace', [stable, helmRelease('web-canary'), rollout(canaryStrategy)]],
    ['a Flux placeholder', [stable, rollout({ canary: { stableService: 'web-stable', canaryService: '${CANARY}' } })]],
  ])('reports nothing for %s', (_case, objects) => {
    expect(run(rolloutServiceMissing, objects)).toEqual([]);
  });

  test.each([
    ['a missing canary Service', [stable, rollout(canaryStrategy)], 'error',
      /^Rollout "web" spec\.strategy\.canary\.canaryService names Service "web-canary", but there is no Service "web-canary" in namespace "default", so the Argo Rollouts controller marks the Rollout InvalidSpec \("service \\"web-canary\\" not found"\) and does not reconcile it \(no ReplicaSet is made or scaled, no step runs\) until the Service exists\. Fix: create Service "web-canary" in namespace "default", or correct the Rollout's service name\.$/],
    ['a typo of the stable Service', [stable, canary, rollout({ canary: { ...canaryStrategy.canary, stableService: 'web-stabel' } })], 'error',
      /^Rollout "web" spec\.strategy\.canary\.stableService names Service "web-stabel", .* Did you mean "web-stable"\? Fix: /],
    ['a missing active Service', [preview, rollout(blueGreen)], 'error', /^Rollout "web" spec\.strategy\.blueGreen\.activeService names Service "web-active", but there is no Service/],
    ['a missing preview Service', [active, rollout(blueGreen)], 'error', /^Rollout "web" spec\.strategy\.blueGreen\.previewService names Service "web-preview"/],
    ['a missing ping Service', [service('pong'), rollout({ canary: { pingPong: { pingService: 'ping', pongService: 'pong' } } })], 'error', /spec\.strategy\.canary\.pingPong\.pingService names Service "ping"/],
    ['a missing pong Service', [service('ping'), rollout({ canary: { pingPong: { pingService: 'ping', pongService: 'pong' } } })], 'error', /spec\.strategy\.canary\.pingPong\.pongService names Service "pong"/],
    ['one missing Service named twice', [rollout({ blueGreen: { activeService: 'web', previewService: 'web' } })], 'error',
      /^Rollout "web" spec\.strategy\.blueGreen\.activeService \(and 1 more place\) names Service "web"/],
    ['a Service only in another namespace', [stable, service('web-canary', {}, { namespace: 'other' }), rollout(canaryStrategy)], 'error',
      /no Service "web-canary" in namespace "default"; a Service "web-canary" exists only in namespace "other", and a Rollout's Services are always of the Rollout's own namespace, so/],
    ['a Rollout without apiVersion (in-memory objects)', [stable, { ...rollout(canaryStrategy), apiVersion: undefined }], 'error', /canaryService names Service "web-canary"/],
    ['a name beside a chart release into the namespace', [stable, helmRelease('grafana'), rollout(canaryStrategy)], 'warning',
      /^Rollout "web" spec\.strategy\.canary\.canaryService names Service "web-canary", which is not in these manifests, but .*HelmRelease.* into namespace "default", whose Services the input does not hold; if no chart makes "web-canary", the Argo Rollouts controller marks the Rollout InvalidSpec .* or correct the Rollout's service name\.$/],
  ])('reports %s', (_case, objects, level, message) => {
    const found = run(rolloutServiceMissing, objects);
    expect(found).toEqual([expect.objectContaining({ rule: 'rollout-service-missing', level, resource: 'Rollout/default/web' })]);
    expect(found[0].message).toMatch(message);
  });

  test('the pack reports nothing for a canary Rollout and its Services, whose selectors the controller narrows with the pod template hash', () => {
    const hashed = service('web-canary', { selector: { 'app': 'web', 'rollouts-pod-template-hash': '6d8f7b9c4' } });
    expect(all([stable, hashed, rollout(canaryStrategy)]).filter((f) => f.level !== 'info')).toEqual([]);
  });
});
