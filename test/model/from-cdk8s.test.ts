// Building the model from cdk8s constructs, without writing files.
import { ApiObject, App, Chart } from 'cdk8s';
import { ClusterDns } from '../../src/dns/cluster-dns';
import { ClusterModel } from '../../src/model/cluster-model';
import { documentsFromScope, modelFromScope } from '../../src/model/from-cdk8s';

function svc(scope: Chart, name: string) {
  return new ApiObject(scope, name, { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { clusterIP: 'None' } });
}

describe('from-cdk8s', () => {
  const app = new App();
  const outer = new Chart(app, 'outer', { namespace: 'team' });
  svc(outer, 'a');
  const inner = new Chart(outer, 'inner');
  svc(inner, 'b');
  const other = new Chart(app, 'other', { namespace: 'other' });
  svc(other, 'c');

  test('an App: every chart, nested ones included, chart path as source', () => {
    expect(documentsFromScope(app).map((d) => `${d.source.file}:${d.object.metadata?.name}`).sort()).toEqual(['other:c', 'outer/inner:b', 'outer:a']);
  });
  test('a Chart: itself and its nested charts only', () => {
    expect(documentsFromScope(outer).map((d) => d.object.metadata?.name).sort()).toEqual(['a', 'b']);
  });
  test('chart namespaces reach the model', () => {
    const m = modelFromScope(app);
    expect(m.service('team', 'a')).toBeDefined();
    expect(m.service('other', 'c')).toBeDefined();
  });
  test('a construct without charts below it: the objects of its own chart', () => {
    expect(documentsFromScope(outer.node.findChild('a')).map((d) => d.object.metadata?.name)).toEqual(['a']);
  });
});

test('fromObjects expands kind: List items', () => {
  const m = ClusterModel.fromObjects([{ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { clusterIP: '10.96.0.3' } }] }]);
  expect(m.service('default', 'x')?.clusterIPs).toEqual(['10.96.0.3']);
});

test('fromObjects expands Lists one level: nested, aliased and self-referencing Lists never blow up or throw', () => {
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { clusterIP: '10.96.0.3' } };
  const self: any = { apiVersion: 'v1', kind: 'List', items: [service] };
  self.items.push(self);
  let bomb: any = { apiVersion: 'v1', kind: 'List', items: [{ ...service, metadata: { name: 'deep' } }] };
  for (let i = 0; i < 10; i++) bomb = { apiVersion: 'v1', kind: 'List', items: Array(10).fill(bomb) };
  const m = ClusterModel.fromObjects([self, self, bomb]);
  expect(m.services().map((s) => s.name)).toEqual(['x']);
  expect(m.objects).toHaveLength(1);
  expect(() => ClusterDns.fromObjects([self, bomb]).records()).not.toThrow();
});
