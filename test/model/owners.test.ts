// GIVEN owner references as controllers write them, WHEN ownership is read, THEN each real Pod ties to the workload
// that made it, through owners in the input or, for an owner the input leaves out, the owner its name implies.
import { builtinKind } from '../../src/model/manifest';
import { impliedOwner, OwnerRef, ownership, ownerRefs } from '../../src/model/owners';
import { NamespacedObject } from '../../src/model/pods';

/** The labels prometheus-operator gives the pods of its StatefulSets (besides others). */
const PROM = (app: string, instance: string) =>
  ({ 'app.kubernetes.io/managed-by': 'prometheus-operator', 'app.kubernetes.io/name': app, 'app.kubernetes.io/instance': instance });

describe('impliedOwner', () => {
  test.each<[string, OwnerRef, { [key: string]: string } | undefined, OwnerRef | undefined]>([
    ['a ReplicaSet named <deployment>-<pod-template-hash> -> the Deployment', { kind: 'ReplicaSet', name: 'api-7c9f8d6b5' },
      { 'pod-template-hash': '7c9f8d6b5' }, { kind: 'Deployment', name: 'api' }],
    ['a Deployment name with dashes', { kind: 'ReplicaSet', name: 'my-api-v2-7c9f8d6b5' }, { 'pod-template-hash': '7c9f8d6b5' },
      { kind: 'Deployment', name: 'my-api-v2' }],
    ['a ReplicaSet without the hash label on the pod -> none', { kind: 'ReplicaSet', name: 'api-7c9f8d6b5' }, { app: 'api' }, undefined],
    ['a ReplicaSet whose name does not end in the hash -> none', { kind: 'ReplicaSet', name: 'api' }, { 'pod-template-hash': 'x1' }, undefined],
    ['a ReplicaSet named only the hash -> none', { kind: 'ReplicaSet', name: '-x1' }, { 'pod-template-hash': 'x1' }, undefined],
    ['a Job named <cronjob>-<minutes> -> the CronJob', { kind: 'Job', name: 'report-29412330' }, undefined, { kind: 'CronJob', name: 'report' }],
    ['a Job without a number suffix -> none', { kind: 'Job', name: 'migrate' }, undefined, undefined],
    ['a StatefulSet -> none (it owns its pods directly)', { kind: 'StatefulSet', name: 'web' }, undefined, undefined],
    ['an Argo Rollouts ReplicaSet <rollout>-<rollouts-pod-template-hash> -> the Rollout', { kind: 'ReplicaSet', name: 'checkout-6d8f7b9c5d' },
      { 'app': 'checkout', 'rollouts-pod-template-hash': '6d8f7b9c5d' }, { kind: 'Rollout', name: 'checkout' }],
    ['a Prometheus StatefulSet -> the Prometheus', { kind: 'StatefulSet', name: 'prometheus-k8s' }, PROM('prometheus', 'k8s'), { kind: 'Prometheus', name: 'k8s' }],
    ['a Prometheus shard\'s StatefulSet -> the Prometheus', { kind: 'StatefulSet', name: 'prometheus-k8s-shard-2' }, PROM('prometheus', 'k8s'),
      { kind: 'Prometheus', name: 'k8s' }],
    ['an Alertmanager StatefulSet -> the Alertmanager', { kind: 'StatefulSet', name: 'alertmanager-main' }, PROM('alertmanager', 'main'),
      { kind: 'Alertmanager', name: 'main' }],
    ['a ThanosRuler StatefulSet -> the ThanosRuler', { kind: 'StatefulSet', name: 'thanos-ruler-rules' }, PROM('thanos-ruler', 'rules'),
      { kind: 'ThanosRuler', name: 'rules' }],
    ['an operator StatefulSet of another name -> none', { kind: 'StatefulSet', name: 'prometheus-k8s-old' }, PROM('prometheus', 'k8s'), undefined],
    ['an Alertmanager has no shards -> none', { kind: 'StatefulSet', name: 'alertmanager-main-shard-1' }, PROM('alertmanager', 'main'), undefined],
    ['a StatefulSet with the labels but not managed by prometheus-operator -> none', { kind: 'StatefulSet', name: 'prometheus-k8s' },
      { 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/instance': 'k8s' }, undefined],
  ])('%s', (_, ref, labels, expected) => {
    expect(impliedOwner(ref, labels)).toEqual(expected);
  });
});

describe('ownerRefs', () => {
  test('keeps references with a kind and a name, in order', () => {
    const obj = { metadata: { ownerReferences: [{ kind: 'ReplicaSet', name: 'a-1' }, { kind: 'X' }, 'junk', { name: 'b' }, { kind: 'Job', name: 'j' }] } };
    expect(ownerRefs(obj)).toEqual([{ kind: 'ReplicaSet', name: 'a-1' }, { kind: 'Job', name: 'j' }]);
    expect(ownerRefs({ metadata: { ownerReferences: 'nope' } })).toEqual([]);
    expect(ownerRefs(null)).toEqual([]);
  });
});

function sources(...objects: any[]): [NamespacedObject[], (string | undefined)[]] {
  const list = objects.map((object) => ({ object, namespace: object.metadata.namespace ?? 'default' }));
  return [list, list.map((o) => builtinKind(o.object))];
}
const pod = (name: string, labels: { [key: string]: string }, ...owners: OwnerRef[]) =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels, ownerReferences: owners } });
const workload = (kind: string, name: string, ...owners: OwnerRef[]) =>
  ({ apiVersion: 'apps/v1', kind, metadata: { name, ownerReferences: owners.length > 0 ? owners : undefined } });

describe('ownership', () => {
  test('a Pod of a ReplicaSet in the input marks the ReplicaSet and its Deployment', () => {
    const o = ownership(...sources(
      workload('Deployment', 'api'), workload('ReplicaSet', 'api-h1', { kind: 'Deployment', name: 'api' }),
      pod('api-h1-x', { 'pod-template-hash': 'h1' }, { kind: 'ReplicaSet', name: 'api-h1' })));
    expect([...o.owned].sort()).toEqual(['default/Deployment/api', 'default/ReplicaSet/api-h1']);
    expect(o.presentOwners.get('default/ReplicaSet/api-h1')).toEqual(['default/Deployment/api']);
  });

  test('a Pod whose ReplicaSet the input leaves out marks the Deployment its name implies', () => {
    const o = ownership(...sources(workload('Deployment', 'api'), pod('api-h1-x', { 'pod-template-hash': 'h1' }, { kind: 'ReplicaSet', name: 'api-h1' })));
    expect(o.owned.has('default/Deployment/api')).toBe(true);
  });

  test('a ReplicaSet whose Deployment the input leaves out has no owner in the input', () => {
    const o = ownership(...sources(workload('ReplicaSet', 'api-h1', { kind: 'Deployment', name: 'api' })));
    expect(o.presentOwners.get('default/ReplicaSet/api-h1')).toEqual([]);
    expect(o.owned.size).toBe(0);
  });

  test('owner cycles end', () => {
    const o = ownership(...sources(
      workload('ReplicaSet', 'a', { kind: 'ReplicaSet', name: 'b' }), workload('ReplicaSet', 'b', { kind: 'ReplicaSet', name: 'a' }),
      pod('p', {}, { kind: 'ReplicaSet', name: 'a' })));
    expect([...o.owned].sort()).toEqual(['default/ReplicaSet/a', 'default/ReplicaSet/b']);
  });

  test('input without owner references owns nothing', () => {
    const o = ownership(...sources(workload('Deployment', 'api'), pod('p', { app: 'api' })));
    expect(o.owned.size).toBe(0);
  });
});
