// GIVEN live-cluster dumps of workloads made by operators (test/fixtures/dns/live-dump-prometheus.yaml: a
// prometheus-operator Prometheus, the StatefulSet it owns and its Pods; live-dump-rollout.yaml: an Argo Rollouts
// Rollout, the ReplicaSets it owns and their Pods), also with parts left out as smaller `kubectl get` commands leave
// them out, WHEN cluster DNS is asked, THEN it answers from the dump's Pods (dns-rules 10, 11, 24), never from pods
// simulated next to them; a dump without Pods gets the pods of the operator's resource simulated once (the resource
// stands for the workloads it owns), not once more for each owned workload.
import { ask, fixture, NX, ok, Short } from './helpers';
import { Resolver } from '../../src/dns/resolver';
import { ClusterModel } from '../../src/model/cluster-model';

type Edit = (items: any[]) => any[];
const as = (i: any[]) => i;
const without = (...kinds: string[]): Edit => (items) => items.filter((i) => !kinds.includes(i.kind));

/** The model of a fixture's List with its items edited. */
function modelOf(name: string, edit: Edit): ClusterModel {
  const [list] = fixture(name);
  return ClusterModel.fromObjects([{ ...list, items: edit(list.items) }]);
}

/** `<name> <origin>/<owner> <simulated>` of each pod of a namespace. */
function podsOf(model: ClusterModel, namespace: string): string[] {
  return model.podsIn(namespace).map((p) => `${p.name} ${p.origin}/${p.owner ?? '-'} ${p.simulated}`);
}

const M = 'monitoring.svc.cluster.local';
const S = 'shop.svc.cluster.local';

describe.each<[string, Edit]>([
  ['as dumped', as],
  ['without EndpointSlices (slices derived from the dumped Pods)', without('EndpointSlice')],
  ['without EndpointSlices and Endpoints', without('EndpointSlice', 'Endpoints')],
  ['without the StatefulSet (kubectl get prometheus,po,svc)', without('StatefulSet', 'EndpointSlice', 'Endpoints')],
])('a Prometheus, its StatefulSet and Pods dumped %s', (_, edit) => {
  const model = modelOf('live-dump-prometheus.yaml', edit);
  const resolver = new Resolver(model);

  test.each<[string, string, string, Short]>([
    ['the governing Service lists only the Ready pod', `prometheus-operated.${M}`, 'A', ok('A 10.244.1.14')],
    ['SRV has one target, the real hostname', `_web._tcp.prometheus-operated.${M}`, 'SRV', ok(`SRV 0 100 9090 prometheus-k8s-0.prometheus-operated.${M}.`)],
    ['the Ready pod has its name', `prometheus-k8s-0.prometheus-operated.${M}`, 'A', ok('A 10.244.1.14')],
    ['the not-Ready pod has no name', `prometheus-k8s-1.prometheus-operated.${M}`, 'A', NX],
    ['the not-Ready pod has no PTR', '17.2.244.10.in-addr.arpa', 'PTR', NX],
    ['the Ready pod by dashed IP behind the ClusterIP Service', `10-244-1-14.prometheus-k8s.${M}`, 'A', ok('A 10.244.1.14')],
    ['the not-Ready pod by dashed IP', `10-244-2-17.prometheus-k8s.${M}`, 'A', NX],
  ])('%s', (__, name, type, expected) => {
    expect(ask(resolver, name, type)).toEqual(expected);
  });

  test('no pod is simulated', () => {
    expect(podsOf(model, 'monitoring')).toEqual(['prometheus-k8s-0 Pod/- false', 'prometheus-k8s-1 Pod/- false']);
  });
});

describe.each<[string, Edit]>([
  ['as dumped', as],
  ['without EndpointSlices (slices derived from the dumped Pods)', without('EndpointSlice')],
  ['without ReplicaSets (kubectl get rollout,po,svc,endpointslices)', without('ReplicaSet')],
  ['without ReplicaSets and EndpointSlices', without('ReplicaSet', 'EndpointSlice')],
])('a Rollout, its ReplicaSets and Pods dumped %s', (_, edit) => {
  const model = modelOf('live-dump-rollout.yaml', edit);
  const resolver = new Resolver(model);

  test.each<[string, string, string, Short]>([
    ['the headless Service lists the Ready pods of both ReplicaSets', `checkout-pods.${S}`, 'A', ok('A 10.244.1.31', 'A 10.244.2.33')],
    ['SRV weights over the two real targets', `_http._tcp.checkout-pods.${S}`, 'SRV',
      ok(`SRV 0 50 8080 10-244-1-31.checkout-pods.${S}.`, `SRV 0 50 8080 10-244-2-33.checkout-pods.${S}.`)],
    ['a Ready stable pod behind the stableService', `10-244-1-31.checkout-stable.${S}`, 'A', ok('A 10.244.1.31')],
    ['the not-Ready stable pod', `10-244-2-32.checkout-stable.${S}`, 'A', NX],
    ['the not-Ready pod has no PTR', '32.2.244.10.in-addr.arpa', 'PTR', NX],
    ['the canary pod behind the canaryService', `10-244-2-33.checkout-canary.${S}`, 'A', ok('A 10.244.2.33')],
    ['a stable pod is not behind the canaryService (rollouts-pod-template-hash)', `10-244-1-31.checkout-canary.${S}`, 'A', NX],
  ])('%s', (__, name, type, expected) => {
    expect(ask(resolver, name, type)).toEqual(expected);
  });

  test('no pod is simulated', () => {
    expect(podsOf(model, 'shop')).toEqual([
      'checkout-6d8f7b9c5d-k2m4x Pod/- false', 'checkout-6d8f7b9c5d-p7q9z Pod/- false', 'checkout-7f5d9c8b6d-w3r8n Pod/- false',
    ]);
  });
});

describe('a dump without Pods: the pods are simulated once, for the owner in the dump', () => {
  const noPods = without('Pod');
  const nothingLive = without('Pod', 'EndpointSlice', 'Endpoints');
  const owners = (model: ClusterModel, namespace: string) => model.podsIn(namespace).map((p) => `${p.origin}/${p.owner} ${p.simulated}`);

  test.each<[string, string, string, Edit, string[]]>([
    ['a Prometheus and its StatefulSet: for the Prometheus', 'live-dump-prometheus.yaml', 'monitoring', noPods,
      ['Prometheus/k8s true', 'Prometheus/k8s true']],
    ['the StatefulSet without its Prometheus (kubectl get sts,svc): for the StatefulSet', 'live-dump-prometheus.yaml', 'monitoring',
      without('Pod', 'Prometheus'), ['StatefulSet/prometheus-k8s true', 'StatefulSet/prometheus-k8s true']],
    ['a Rollout and its ReplicaSets: for the Rollout (3 replicas)', 'live-dump-rollout.yaml', 'shop', noPods,
      ['Rollout/checkout true', 'Rollout/checkout true', 'Rollout/checkout true']],
  ])('%s', (_, name, namespace, edit, expected) => {
    expect(owners(modelOf(name, edit), namespace)).toEqual(expected);
  });

  test.each<[string, string, Edit, string, string, Short]>([
    ['the dumped slices still answer (CoreDNS reads only slices)', 'live-dump-prometheus.yaml', noPods, `prometheus-operated.${M}`, 'A',
      ok('A 10.244.1.14')],
    ['with nothing live, the governing Service lists the two simulated pods, once each', 'live-dump-prometheus.yaml', nothingLive,
      `_web._tcp.prometheus-operated.${M}`, 'SRV',
      ok(`SRV 0 50 9090 prometheus-k8s-0.prometheus-operated.${M}.`, `SRV 0 50 9090 prometheus-k8s-1.prometheus-operated.${M}.`)],
  ])('%s', (_, name, edit, query, type, expected) => {
    expect(ask(new Resolver(modelOf(name, edit)), query, type)).toEqual(expected);
  });

  test('with nothing live, the Rollout\'s headless Service lists its 3 simulated pods, not 6', () => {
    const r = ask(new Resolver(modelOf('live-dump-rollout.yaml', nothingLive)), `checkout-pods.${S}`, 'A');
    expect({ rcode: r.rcode, count: r.answers.length }).toEqual({ rcode: 'NOERROR', count: 3 });
  });
});
