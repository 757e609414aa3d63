import { externalNameChain } from '../../../src/checks/rules/externalname-chain';
import { externalName, run } from '../builders';

describe('externalname-chain', () => {
  test('reports nothing for a direct alias', () => {
    expect(run(externalNameChain, [externalName('a', 'db.example.com')])).toEqual([]);
  });

  test('reports an ExternalName pointing at another ExternalName', () => {
    const found = run(externalNameChain, [externalName('a', 'b.default.svc.cluster.local'), externalName('b', 'db.example.com')]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ level: 'warning', resource: 'Service/default/a' });
    expect(found[0].message).toMatch(/starts a CNAME chain default\/a -> default\/b \(2 CNAMEs\). Fix: set externalName directly to "db.example.com"/);
  });
});
