import { quantityProblem } from '../src/quantity';

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
