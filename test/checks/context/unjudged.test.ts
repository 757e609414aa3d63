// The one way for bounds met while the rules run to say what they left unjudged (src/checks/context/unjudged.ts):
// recorded per bound and object, reported by the engine after the rules as input-skipped info.
import { CheckBound, Unjudged } from '../../../src/checks/context/unjudged';
import { checkObjects } from '../../../src/checks/engine';
import { inputSkipped } from '../../../src/checks/rules/input-skipped';
import { workloadNameUnresolved } from '../../../src/checks/rules/workload-name-unresolved';
import { configMap, deployment, service } from '../builders';

const BOUND: CheckBound = { bound: '10 steps of a scan', unjudged: 'the names were not judged', fix: 'check less at once' };

describe('Unjudged', () => {
  test('reports nothing when no bound was reached', () => {
    expect(new Unjudged().findings(inputSkipped)).toEqual([]);
  });

  test('one info per bound, on the first object (sorted), counting the others once each and naming the first five', () => {
    const unjudged = new Unjudged();
    for (const name of ['g', 'b', 'a', 'f', 'e', 'd', 'c', 'b']) unjudged.record(BOUND, `ConfigMap/shop/${name}`);
    unjudged.record({ ...BOUND, bound: 'another bound' }, 'Service/shop/web');
    expect(unjudged.findings(inputSkipped)).toEqual([
      {
        rule: 'input-skipped',
        level: 'info',
        resource: 'ConfigMap/shop/a',
        message: 'Not judged: the run reached its bound of 10 steps of a scan, so on this object and on 6 more (ConfigMap/shop/b, ConfigMap/shop/c, ConfigMap/shop/d, ConfigMap/shop/e, ConfigMap/shop/f and 1 more), the names were not judged. Fix: check less at once.',
      },
      {
        rule: 'input-skipped',
        level: 'info',
        resource: 'Service/shop/web',
        message: 'Not judged: the run reached its bound of another bound, so on this object, the names were not judged. Fix: check less at once.',
      },
    ]);
  });
});

describe('a ConfigMap is read for host names in its first 1,000 data keys, and a longer one is said to be cut', () => {
  const inShop = { namespace: 'shop' };
  /** A ConfigMap of `n` keys whose last names a missing Service of namespace shop. */
  const withKeys = (n: number) => configMap('cm', Object.fromEntries(Array.from({ length: n }, (_, i) =>
    [`K${i}`, i === n - 1 ? 'http://missing.shop.svc.cluster.local:80' : 'plain'])), inShop);
  const judged = [service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }, inShop), deployment('web', { app: 'web' }, [], {}, inShop)];
  const run = (n: number) => checkObjects([...judged, withKeys(n)], {}, { rules: [workloadNameUnresolved] }).findings;

  test('1,000 keys: the last is judged, nothing is cut', () => {
    expect(run(1000).map((f) => [f.rule, f.resource])).toEqual([['workload-name-unresolved', 'ConfigMap/shop/cm']]);
  });

  test('1,001 keys: the last is not judged, and an input-skipped info on the ConfigMap says so', () => {
    expect(run(1001)).toEqual([{
      rule: 'input-skipped',
      level: 'info',
      resource: 'ConfigMap/shop/cm',
      message: 'Not judged: the run reached its bound of 1,000 data keys read for host names in one ConfigMap, so on this object, the host names in the one-line values past the first 1,000 were not judged. Fix: split the ConfigMap, or check the names it holds another way.',
    }]);
  });

  test('keys that are never read (multi-line values, non-strings) do not count: 1,000 read and 500 more unread, nothing is cut', () => {
    // GIVEN 1,000 one-line values (the last names a missing Service) and, after them, 500 files and numbers
    const data: Record<string, unknown> = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`K${i}`, i === 999 ? 'http://missing.shop.svc.cluster.local:80' : 'plain']));
    for (let i = 0; i < 500; i++) data[`F${i}`] = i % 2 === 0 ? `line one\nline ${i}\n` : i;
    // and before them, 10 multi-line values: the 1,000 read are still all judged
    const first: Record<string, unknown> = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`A${i}`, 'a: 1\nb: 2\n']));
    const findings = checkObjects([...judged, configMap('cm', { ...first, ...data } as any, inShop)], {}, { rules: [workloadNameUnresolved] }).findings;
    // THEN the last one-line value is judged, and nothing is said to be cut
    expect(findings.map((f) => [f.rule, f.resource])).toEqual([['workload-name-unresolved', 'ConfigMap/shop/cm']]);
  });
});

describe('a container whose $(VAR) expansion passes its bound is said to be left unjudged', () => {
  /** `V0=x`, then `Vi=$(Vi-1)$(Vi-1)`: entry i is 2^i characters expanded; the last, a URL of a missing Service. */
  const doubling = (n: number) => [{ name: 'V0', value: 'x' }, ...Array.from({ length: n - 1 }, (_, i) => ({ name: `V${i + 1}`, value: `$(V${i})$(V${i})` }))];
  const pod = (n: number) => deployment('app', { app: 'app' }, [], { env: [...doubling(n), { name: 'URL', value: 'http://$(V' + (n - 1) + ').shop.svc:80' }] }, { namespace: 'shop' });

  test('within the bound, nothing is said', () => {
    expect(checkObjects([pod(4)], {}, { rules: [workloadNameUnresolved] }).findings.filter((f) => f.rule === 'input-skipped')).toEqual([]);
  });

  test('past it, an input-skipped info on the workload', () => {
    expect(checkObjects([pod(30)], {}, { rules: [workloadNameUnresolved] }).findings).toEqual([{
      rule: 'input-skipped',
      level: 'info',
      resource: 'Deployment/shop/app',
      message: 'Not judged: the run reached its bound of $(VAR) expansion in one container (its values may grow to 17 times their length as written plus 4 KiB), so on this object, the host names in the env values and arguments whose expansion would pass it were not judged. Fix: write those values out instead of building them from other env entries.',
    }]);
  });
});
