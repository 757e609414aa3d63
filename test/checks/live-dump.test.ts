// GIVEN live-cluster dumps (test/fixtures/dns/live-dump-*.yaml: controller-made Endpoints and EndpointSlices, Pods with
// owners, ReplicaSets owned by Deployments or a Rollout, the StatefulSet of a Prometheus, managedFields), also with
// parts left out as smaller `kubectl get` commands leave them out, WHEN checked, THEN there are no findings: the dump
// is the cluster's own output.
import * as path from 'path';
import { check, checkObjects } from '../../src/checks/engine';
import { ClusterModel } from '../../src/model/cluster-model';
import { loadManifests } from '../../src/model/load';
import { fixture } from '../dns/helpers';

type Edit = (items: any[]) => any[];
const without = (...kinds: string[]): Edit => (items) => items.filter((i) => !kinds.includes(i.kind));

function dump(name: string, edit: Edit): any[] {
  const [list] = fixture(name);
  return [{ ...list, items: edit(list.items) }];
}

const reportService = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'report', namespace: 'shop', uid: '0b1c2d3e-4f5a-4b6c-97d8-e9f0a1b2c3d4' },
  spec: { clusterIP: 'None', selector: { app: 'report' } },
};

describe.each<[string, string, Edit]>([
  ['StatefulSets', 'live-dump-statefulset.yaml', (i) => i],
  ['StatefulSets without Pods', 'live-dump-statefulset.yaml', without('Pod')],
  ['StatefulSets without EndpointSlices and Endpoints', 'live-dump-statefulset.yaml', without('EndpointSlice', 'Endpoints')],
  ['workloads', 'live-dump-workloads.yaml', (i) => i],
  ['workloads without ReplicaSets (kubectl get deploy,po,...)', 'live-dump-workloads.yaml', without('ReplicaSet')],
  ['workloads without Jobs, with a Service selecting the CronJob pods', 'live-dump-workloads.yaml', (i) => [...without('Job')(i), reportService]],
  ['workloads without EndpointSlices and Endpoints (kubectl get all)', 'live-dump-workloads.yaml', without('EndpointSlice', 'Endpoints', 'Namespace')],
  ['workloads without Endpoints', 'live-dump-workloads.yaml', without('Endpoints')],
  ['a Prometheus, its StatefulSet and Pods', 'live-dump-prometheus.yaml', (i) => i],
  ['a Prometheus and its StatefulSet without Pods', 'live-dump-prometheus.yaml', without('Pod')],
  ['a Prometheus and its Pods without the StatefulSet (kubectl get prometheus,po,svc)', 'live-dump-prometheus.yaml', without('StatefulSet')],
  ['a Prometheus without EndpointSlices and Endpoints', 'live-dump-prometheus.yaml', without('EndpointSlice', 'Endpoints')],
  ['a Rollout, its ReplicaSets and Pods', 'live-dump-rollout.yaml', (i) => i],
  ['a Rollout and its ReplicaSets without Pods', 'live-dump-rollout.yaml', without('Pod')],
  ['a Rollout and its Pods without ReplicaSets (kubectl get rollout,po,svc)', 'live-dump-rollout.yaml', without('ReplicaSet')],
  ['a Rollout without EndpointSlices', 'live-dump-rollout.yaml', without('EndpointSlice')],
])('a live dump of %s', (_, name, edit) => {
  test('gives no findings', () => {
    expect(checkObjects(dump(name, edit)).findings.map((f) => `${f.rule} ${f.resource}: ${f.message}`)).toEqual([]);
  });
});

describe('selectorless-service-no-endpoints on live dumps', () => {
  test('reports a selectorless Service of a dump that has EndpointSlices, but none for it', () => {
    const objects = dump('live-dump-workloads.yaml', (items) => [...items, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'legacy', namespace: 'shop', uid: '1c2d3e4f-5a6b-4c7d-88e9-f0a1b2c3d4e5' },
      spec: { clusterIP: '10.96.50.5', ports: [{ port: 5432 }] },
    }]);
    expect(checkObjects(objects).findings.map((f) => [f.rule, f.resource])).toEqual([['selectorless-service-no-endpoints', 'Service/shop/legacy']]);
  });

  test('reports a written (not exported) selectorless Service even when the input has no endpoints at all', () => {
    const objects = [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'legacy' }, spec: { ports: [{ port: 5432 }] } }];
    expect(checkObjects(objects).findings.map((f) => f.rule)).toEqual(['selectorless-service-no-endpoints']);
  });
});

describe('both dumps read from files, as `cdk8s-dns check -f` reads them', () => {
  test('give no findings', () => {
    const dir = path.join(__dirname, '..', 'fixtures', 'dns');
    const docs = loadManifests([path.join(dir, 'live-dump-statefulset.yaml'), path.join(dir, 'live-dump-workloads.yaml')]);
    expect(check(ClusterModel.fromDocuments(docs)).findings).toEqual([]);
  });
});
