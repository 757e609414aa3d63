import * as fc from 'fast-check';
import { cmp, lowerBound } from '../../src/model/compare';

describe('cmp', () => {
  test.each<[string, string, string, number]>([
    ['equal strings', 'db', 'db', 0],
    ['a prefix first', 'db', 'db-0', -1],
    ['upper case before lower case (code units, not the locale)', 'Zeta', 'alpha', -1],
    ['an accented letter after z', 'é', 'z', 1],
    ['digits by character, not by number', 'db-10', 'db-9', -1],
  ])('orders %s', (_, a, b, expected) => {
    expect(cmp(a, b)).toBe(expected);
    expect(cmp(b, a)).toBe(expected === 0 ? 0 : -expected);
  });

  test('sorts as sort() without a comparator', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 6 })), (list) => {
      expect([...list].sort(cmp)).toEqual([...list].sort());
    }));
  });
});

describe('lowerBound', () => {
  test.each<[string, string[], string, number]>([
    ['an empty list', [], 'a', 0],
    ['before every string', ['b', 'c'], 'a', 0],
    ['after every string', ['a', 'b'], 'c', 2],
    ['a string of the list: its first index', ['a', 'b', 'b', 'c'], 'b', 1],
    ['a folder prefix: the first path below it', ['a/x', 'b/c/d', 'b/e', 'b0'], 'b/', 1],
  ])('finds %s', (_, sorted, key, expected) => {
    expect(lowerBound(sorted, key)).toBe(expected);
  });

  test('is the index of the first string not before the key, as a linear scan finds it', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 4 })), fc.string({ maxLength: 4 }), (list, key) => {
      const sorted = [...list].sort(cmp);
      const linear = sorted.findIndex((s) => !(s < key));
      expect(lowerBound(sorted, key)).toBe(linear < 0 ? sorted.length : linear);
    }));
  });
});
