// How far a YAML document's aliases expand, and go-yaml's rule for refusing it ("document contains excessive aliasing").
import * as yaml from 'js-yaml';
import { aliasExpansion, aliasProblem, allowedAliasRatio, excessiveAliasing } from '../../src/model/aliases';

/** A document of `levels` levels, each a list of `width` aliases of the level below (a list of `width` strings). */
function bomb(levels: number, width: number): string {
  const lines = [`l0: &l0 [${Array(width).fill('x').join(', ')}]`];
  for (let i = 1; i <= levels; i++) lines.push(`l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

describe('aliasExpansion', () => {
  test.each([
    ['a scalar', 'x', { nodes: 1, written: 1, cyclic: false }],
    ['a mapping: keys and values count', '{a: 1, b: [1, 2]}', { nodes: 1 + 2 + 1 + 1 + 2, written: 7, cyclic: false }],
    ['an alias of a list counts its nodes again', 'a: &a [1, 2]\nb: *a\n', { nodes: 1 + 2 + 3 + 3, written: 1 + 2 + 3 + 1, cyclic: false }],
    ['nine levels of nine: 9 keys and 9 lists of 9 entries written', bomb(8, 9), { nodes: 1 + 9 + expandedBomb(8, 9), written: 1 + 9 * 2 + 9 * 9, cyclic: false }],
    ['an anchor that contains itself', 'a: &a [1, *a]\n', { nodes: Infinity, written: 5, cyclic: true }],
  ])('%s', (_what, text, expected) => {
    expect(aliasExpansion(yaml.load(text))).toEqual(expected);
  });
});

/** The nodes of the mapping values l0..l<levels> of `bomb(levels, width)`, expanded. */
function expandedBomb(levels: number, width: number): number {
  let size = 1 + width; // l0
  let sum = size;
  for (let i = 1; i <= levels; i++) {
    size = 1 + width * size;
    sum += size;
  }
  return sum;
}

describe('excessiveAliasing (go-yaml decode.go)', () => {
  test.each([
    ['at most 100 aliased nodes', { nodes: 5000, written: 4900 }, false],
    ['at most 1,000 nodes', { nodes: 1000, written: 10 }, false],
    ['99% aliased, small', { nodes: 100_000, written: 1_000 }, false],
    ['more than 99% aliased, small', { nodes: 100_000, written: 999 }, true],
    ['10% aliased, 4 million nodes', { nodes: 4_000_000, written: 3_600_000 }, false],
    ['11% aliased, 4 million nodes', { nodes: 4_000_000, written: 3_560_000 }, true],
  ])('%s', (_what, e, excessive) => {
    expect(excessiveAliasing({ ...e, cyclic: false })).toBe(excessive);
  });
  test('the allowed share falls from 99% to 10% between 400,000 and 4 million nodes', () => {
    expect(allowedAliasRatio(400_000)).toBe(0.99);
    expect(allowedAliasRatio(2_200_000)).toBeCloseTo(0.545, 10);
    expect(allowedAliasRatio(4_000_000)).toBe(0.1);
  });
});

describe('aliasProblem', () => {
  test.each([
    ['labels shared by a Service and its Deployment', 'labels: &l {app: a}\nselector: *l\ntemplate: {labels: *l}\n', undefined],
    ['two levels of nine (81 strings, 925 nodes)', bomb(2, 9), undefined],
    ['three levels of nine (729 strings, 99.5% aliased)', bomb(3, 9), /^excessive aliasing: its aliases expand 45 written nodes to 8307 /],
    ['five levels of nine (59,049 strings)', bomb(5, 9), /^excessive aliasing: its aliases expand \d+ written nodes to \d+ \(kubectl refuses it/],
    ['forty levels of two (2^40)', bomb(40, 2), /^excessive aliasing: its aliases expand 165 written nodes to \d{13} /],
    ['an anchor that contains itself', 'a: &a {b: *a}\n', /^an anchor contains an alias of itself/],
  ])('%s', (_what, text, problem) => {
    const found = aliasProblem(yaml.load(text));
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });
});
