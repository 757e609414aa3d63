import * as fc from 'fast-check';
import { cmp } from '../../src/model/compare';

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
