import { quantityProblem, quantityValue } from '../src/quantity';

describe('quantityProblem', () => {
  test.each(['1Gi', '10Gi', '500Mi', '1.5Gi', '1Ti', '100', '0.5', '.5', '1e3', '1E-2', '2k', '500m', '+1Gi', '1Ei', '250u', '3n'])(
    'accepts %s', (value) => {
      expect(quantityProblem(value)).toBeUndefined();
      expect(quantityProblem(value, true)).toBeUndefined();
    });

  test.each(['10GB', '1gi', '1 Gi', 'Gi', '', '1Gib', '1.2.3', 'ten', '1KI', '1Gi ', '0x10'])('rejects %p', (value) => {
    expect(quantityProblem(value)).toMatch(/is not a Kubernetes quantity/);
  });

  test.each(['0', '0Gi', '-1Gi', '0.0', '-5'])('rejects %p as a positive quantity but accepts it otherwise', (value) => {
    expect(quantityProblem(value, true)).toBe('must be greater than zero');
    expect(quantityProblem(value)).toBeUndefined();
  });
});

describe('quantityValue', () => {
  test.each<[string, number | undefined]>([
    ['1Gi', 2 ** 30],
    ['1.5Mi', 1.5 * 2 ** 20],
    ['500m', 0.5],
    ['250u', 0.00025],
    ['2k', 2000],
    ['1e3', 1000],
    ['5E-1', 0.5],
    ['1E', 1e18],
    ['1Ei', 2 ** 60],
    ['-1', -1],
    ['+2', 2],
    ['.5', 0.5],
    ['1GB', undefined],
    ['NaN', undefined],
  ])('%s', (text, value) => {
    const got = quantityValue(text);
    if (value === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(value, 12);
  });
});
