import { externalNameLoop } from '../../../src/checks/rules/externalname-loop';
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
});
