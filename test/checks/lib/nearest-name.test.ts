import { MAX_HINT_WORK, NameHints, nearestName } from '../../../src/checks/lib/nearest-name';

/** Levenshtein distance, the whole table (the reference for the banded one). */
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

describe('nearestName', () => {
  test.each([
    ['one letter left out', 'mesaging', ['messaging', 'billing'], 'messaging'],
    ['two letters swapped (two edits)', 'mesasging', ['messaging'], 'messaging'],
    ['three edits away', 'msgng', ['messaging'], undefined],
    ['a short name (one edit is a third of it)', 'ab', ['ac'], undefined],
    ['a tie (the first in string order)', 'api-b', ['api-c', 'api-a'], 'api-a'],
    ['the name itself only', 'api', ['api'], undefined],
    ['names of 100,000 letters one edit apart', `${'a'.repeat(100_000)}b`, [`${'a'.repeat(100_000)}c`], `${'a'.repeat(100_000)}c`],
  ])('%s', (_case, name, candidates, expected) => {
    expect(nearestName(name, candidates)).toBe(expected);
  });

  test('agrees with the full Levenshtein table on 40,000 pairs of short names', () => {
    // GIVEN every name of up to 7 letters over a, b and - that a few seeds make, against each other
    const names: string[] = [];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 400; i++) names.push(Array.from({ length: Math.floor(rnd() * 8) }, () => 'ab-'[Math.floor(rnd() * 3)]).join(''));
    // THEN a candidate is the hint exactly when the full table puts it within the limit
    for (const a of names.slice(0, 100)) {
      for (const b of names) {
        const limit = Math.min(2, Math.floor(a.length / 3));
        const expected = a !== b && levenshtein(a, b) <= limit ? b : undefined;
        expect([a, b, nearestName(a, [b])]).toEqual([a, b, expected]);
      }
    }
  });
});

describe('NameHints', () => {
  test('search tells a near miss found, none, and a search the spent work cut', () => {
    const hints = new NameHints(1000);
    expect(hints.search('mesaging', () => ['messaging', 'orders'])).toEqual({ kind: 'found', name: 'messaging' });
    expect(hints.search('mesaging', () => ['orders'])).toEqual({ kind: 'none' });
    // once the work is spent: cut when there is something to compare, none when there is nothing
    hints.spend(hints.workLeft);
    expect(hints.search('mesaging', () => ['messaging'])).toEqual({ kind: 'cut' });
    expect(hints.search('mesaging', () => [])).toEqual({ kind: 'none' });
    // and cut when the work runs out during the search
    expect(new NameHints(30).search('mesaging', () => ['messaging', 'messagin', 'mesagin'])).toEqual({ kind: 'cut' });
  });

  test('gives the same hints as nearestName while its work lasts', () => {
    const hints = new NameHints();
    expect(hints.nearest('mesaging', () => ['messaging'])).toBe('messaging');
    expect(hints.workLeft).toBeLessThan(MAX_HINT_WORK);
  });

  test('stops giving hints, and asking for candidates, once its work is spent', () => {
    // GIVEN a budget of 20,000 steps and 100 candidates of 10 letters: each question costs 100 + 100 x 11 x 5 steps
    const hints = new NameHints(20_000);
    const candidates = Array.from({ length: 100 }, (_, i) => `service-${String(i).padStart(2, '0')}`);
    let asked = 0;
    const answers = Array.from({ length: 50 }, (_, i) => hints.nearest(`service-${String(i).padStart(2, '0')}x`, () => {
      asked++;
      return candidates;
    }));
    // THEN the first three questions are answered, the fourth runs out, the rest cost nothing
    expect(answers.slice(0, 4)).toEqual(['service-00', 'service-01', 'service-02', undefined]);
    expect(answers.slice(4)).toEqual(Array(46).fill(undefined));
    expect(asked).toBe(4);
  });

  test.each<[string, string, string, number]>([
    ['equal values', 'api', 'api', 0],
    ['a dash and a suffix added', 'orderingbackground', 'ordering-backgroundtasks', 6],
    ['a suffix dropped', 'orderingbackground', 'ordering', 10],
    ['an empty value', '', 'web', 3],
  ])('measures the edit distance of %s', (_case, a, b, expected) => {
    expect(new NameHints().distance(a, b)).toBe(expected);
  });

  test('measures no distance once its work is spent', () => {
    // GIVEN a budget of 100 letter pairs: "orderingbackground" against "ordering" costs 19 x 9 = 171
    const hints = new NameHints(100);
    expect(hints.distance('abc', 'abd')).toBe(1);
    expect(hints.distance('orderingbackground', 'ordering')).toBeUndefined();
    expect(hints.distance('a', 'b')).toBeUndefined();
  });

  test('spends work for a scan (a near-miss scan of a namespace\'s templates) until it is gone, then gives no more', () => {
    const hints = new NameHints(100);
    expect(hints.spend(60)).toBe(true);
    expect(hints.workLeft).toBe(40);
    expect(hints.spend(41)).toBe(false);
    expect(hints.workLeft).toBe(0);
    expect(hints.distance('a', 'b')).toBeUndefined();
  });
});
