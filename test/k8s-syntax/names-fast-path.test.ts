// The name validators answer valid values with a one-scan check (`is*`) before building messages. These properties
// pin both the booleans and the message lists to the regular-expression reference they replaced, on generated strings.
import * as fc from 'fast-check';
import * as ref from './names-reference';
import * as names from '../../src/k8s-syntax/names';

type Pair = [string, (v: string) => string[], (v: string) => string[], (v: string) => boolean];
const PAIRS: Pair[] = [
  ['DNS-1123 label', names.dns1123LabelErrors, ref.isDns1123Label, names.isDns1123Label],
  ['DNS-1123 subdomain', names.dns1123SubdomainErrors, ref.isDns1123Subdomain, names.isDns1123Subdomain],
  ['DNS-1035 label', names.dns1035LabelErrors, ref.isDns1035Label, names.isDns1035Label],
  ['qualified name', names.qualifiedNameErrors, ref.isQualifiedName, names.isQualifiedName],
  ['label value', names.labelValueErrors, ref.isValidLabelValue, names.isLabelValue],
  ['port name', names.portNameErrors, ref.isValidPortName, names.isPortName],
  ['wildcard DNS-1123 subdomain', names.wildcardDns1123SubdomainErrors, ref.isWildcardDns1123Subdomain, names.isWildcardDns1123Subdomain],
];

const unit = fc.constantFrom(...'abz09AZ-._/'.split(''), ' ', '\n', 'é', '😀', '--', '..', '-.', '.-');
const short = fc.array(unit, { maxLength: 20 }).map((u) => u.join(''));
const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,70}[a-z0-9])?$/);
const nearLimits = fc.tuple(fc.constantFrom(14, 15, 16, 62, 63, 64, 252, 253, 254), fc.constantFrom('a', '0', 'a.', 'A', '-a')).map(
  ([n, s]) => s.repeat(Math.ceil(n / s.length)).slice(0, n),
);
const dotted = fc.array(fc.oneof(label, short), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.'));
const qualified = fc.tuple(fc.oneof(dotted, short, fc.constant('')), fc.oneof(label, short, nearLimits)).map(([p, n]) => `${p}/${n}`);
const anyName = fc.oneof(short, label, nearLimits, dotted, qualified, fc.string({ maxLength: 30 }));

describe.each(PAIRS)('%s', (_, fast, reference, valid) => {
  test.each(['', 'a', '-', 'a-', '-a', 'a--b', 'A', 'a.b', 'a..b', '.a', 'a.', 'a-.b', 'a.-b', 'a/b', '/a', 'a/', 'a/b/c', 'a_b', '_a',
    'http', 'http-alt', '1', '12', 'example.com/MyName', 'app.kubernetes.io/name', 'a'.repeat(63), 'a'.repeat(64), 'a'.repeat(254),
    `${'a'.repeat(253)}/x`, `${'a'.repeat(254)}/x`, `x/${'a'.repeat(63)}`, `x/${'a'.repeat(64)}`, `a${'_'.repeat(61)}a`, `a${'_'.repeat(62)}a`,
    'a\n', '\na', 'A-1.b_C', 'ab-', '--', '0-0'])(
    '%j gives the reference answer', (v) => {
      expect(fast(v)).toEqual(reference(v));
      expect(valid(v)).toBe(reference(v).length === 0);
    });

  test('agrees with the reference on generated strings', () => {
    fc.assert(fc.property(anyName, (v) => {
      expect(fast(v)).toEqual(reference(v));
      expect(valid(v)).toBe(reference(v).length === 0);
    }), { numRuns: 1500 });
  });
});

describe('wildcard DNS-1123 subdomain with a "*"', () => {
  const star = fc.tuple(fc.constantFrom('*.', '*', '**.', '*.*.', 'a.*.', '*-', ''), fc.oneof(dotted, short, nearLimits), fc.constantFrom('', '.*', '*'))
    .map(([a, b, c]) => `${a}${b}${c}`);
  test.each(['*.a', '*.example.com', '*', '*.', '*..a', '*.a.', '*.-a', '*.*.a', 'a.*.b', '**.a', '*a.b', '*.A', `*.${'a'.repeat(251)}`, `*.${'a'.repeat(252)}`])(
    '%j gives the reference answer', (v) => {
      expect(names.wildcardDns1123SubdomainErrors(v)).toEqual(ref.isWildcardDns1123Subdomain(v));
      expect(names.isWildcardDns1123Subdomain(v)).toBe(ref.isWildcardDns1123Subdomain(v).length === 0);
    });

  test('agrees with the reference on generated strings', () => {
    fc.assert(fc.property(star, (v) => {
      expect(names.isWildcardDns1123Subdomain(v)).toBe(ref.isWildcardDns1123Subdomain(v).length === 0);
    }), { numRuns: 1500 });
  });
});

test('isDns1123Label is the reference isLabel', () => {
  fc.assert(fc.property(anyName, (v) => names.isDns1123Label(v) === ref.isLabel(v)), { numRuns: 500 });
});
