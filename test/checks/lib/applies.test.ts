// Which definitions are applied together (src/checks/lib/applies.ts): groupsByApply gives each apply's items, the
// applies that hold the same items sharing one group.
import { appliesOf, groupsByApply, OUTSIDE_KUSTOMIZE } from '../../../src/checks/lib/applies';
import type { ManifestSource } from '../../../src/model/manifest';

/** An item named `name` of a file, built by `roots` (none: outside every kustomization). */
const item = (name: string, roots?: readonly string[]) => ({ name, source: { file: `${name}.yaml`, document: 1, ...roots ? { kustomizeRoots: roots } : {} } as ManifestSource });

describe('groupsByApply', () => {
  const shared = ['dev/k.yaml', 'prod/k.yaml'];
  test.each<[string, ReturnType<typeof item>[], [string[], string[]][]]>([
    ['outside every kustomization: one group', [item('a'), item('b')], [[[OUTSIDE_KUSTOMIZE], ['a', 'b']]]],
    ['the copies of one build (one roots list): one group for both roots', [item('a', shared), item('b', shared)], [[shared, ['a', 'b']]]],
    ['a base of two roots and a file of one: a group per root', [item('a', shared), item('b', ['prod/k.yaml'])], [[['dev/k.yaml'], ['a']], [['prod/k.yaml'], ['a', 'b']]]],
    ['outside first, then roots in first-seen order, items in input order', [item('a', ['z/k.yaml']), item('b'), item('c', ['a/k.yaml']), item('d', ['z/k.yaml'])],
      [[[OUTSIDE_KUSTOMIZE], ['b']], [['z/k.yaml'], ['a', 'd']], [['a/k.yaml'], ['c']]]],
  ])('%s', (_what, items, expected) => {
    const groups = groupsByApply(items, (i) => i.source);
    expect(groups.map((g) => [g.applies, g.items.map((i) => i.name)])).toEqual(expected);
    // each apply's items, each apply in one group
    const byApply = [...new Set(items.flatMap((i) => appliesOf(i.source)))]
      .map((apply) => [apply, items.filter((i) => appliesOf(i.source).includes(apply)).map((i) => i.name)]);
    expect(groups.flatMap((g) => g.applies.map((apply) => [apply, g.items.map((i) => i.name)]))).toEqual(expect.arrayContaining(byApply));
    expect(groups.reduce((n, g) => n + g.applies.length, 0)).toBe(byApply.length);
  });

  test('1,000 items that 1,000 roots build alike: one group of 1,000, not 1,000 groups', () => {
    const roots = Array.from({ length: 1000 }, (_, i) => `o${i}/kustomization.yaml`);
    const items = Array.from({ length: 1000 }, (_, i) => item(`s${i}`, roots));
    const groups = groupsByApply(items, (i) => i.source);
    expect(groups).toHaveLength(1);
    expect(groups[0].applies).toHaveLength(1000);
    expect(groups[0].items).toHaveLength(1000);
  });
});
