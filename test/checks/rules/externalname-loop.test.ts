import { check } from '../../../src/checks/engine';
import { externalNameChain } from '../../../src/checks/rules/externalname-chain';
import { externalNameLoop } from '../../../src/checks/rules/externalname-loop';
import { ClusterModel } from '../../../src/model/cluster-model';
import { externalName, run } from '../builders';

describe('externalname-loop', () => {
  test('reports nothing for a chain that ends', () => {
    expect(run(externalNameLoop, [externalName('a', 'b.default.svc.cluster.local'), externalName('b', 'db.example.com')])).toEqual([]);
  });

  test('reports both Services of an A -> B -> A loop', () => {
    const found = run(externalNameLoop, [externalName('a', 'b.default.svc.cluster.local'), externalName('b', 'a.default.svc.cluster.local.')]);
    expect(found.map((f) => f.resource)).toEqual(['Service/default/a', 'Service/default/b']);
    expect(found[0].message).toMatch(/part of an ExternalName loop default\/a -> default\/b -> default\/a, so the name never resolves/);
  });

  test('reports a self-loop', () => {
    expect(run(externalNameLoop, [externalName('a', 'a.default.svc.cluster.local')])[0].message).toMatch(/loop default\/a -> default\/a/);
  });

  test('reports the same when the chain rules run on one model (they share its chains)', () => {
    const objs = [
      externalName('a', 'b.default.svc.cluster.local'), externalName('b', 'a.default.svc.cluster.local'),
      externalName('c', 'd.default.svc.cluster.local'), externalName('d', 'db.example.com'),
    ];
    const model = ClusterModel.fromObjects(objs);
    const together = check(model, { rules: [externalNameChain, externalNameLoop] }).findings;
    expect(check(model, { rules: [externalNameLoop] }).findings).toEqual(run(externalNameLoop, objs));
    expect(together).toHaveLength(3);
    expect(together).toEqual(expect.arrayContaining([...run(externalNameChain, objs), ...run(externalNameLoop, objs)]));
    expect(together.map((f) => `${f.rule} ${f.resource}`)).toEqual([
      'externalname-loop Service/default/a', 'externalname-loop Service/default/b', 'externalname-chain Service/default/c',
    ]);
  });
});
