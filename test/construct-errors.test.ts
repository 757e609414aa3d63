import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { testApp } from './test-app';
import {
  constructError,
  constructLabel,
  dns1035LabelProblem,
  dns1123LabelProblem,
  dns1123SubdomainProblem,
  ianaSvcNameProblem,
  isIntegerInRange,
  labelValueProblem,
  PendingConstruct,
  qualifiedNameProblem,
  quote,
  validateAnnotations,
  validateLabels,
} from '../src/construct-errors';
import { ExternalDependency } from '../src/external-dependency';
import * as syntax from '../src/k8s-syntax/names';

describe('dns1123LabelProblem', () => {
  test.each([
    ['a lower-case word', 'web'],
    ['a leading digit', '1web'],
    ['all digits', '123'],
    ['inner hyphens', 'my-web-1'],
    ['a single character', 'a'],
    ['exactly 63 characters', 'a'.repeat(63)],
  ])('accepts %s', (_, value) => {
    expect(dns1123LabelProblem(value)).toBeUndefined();
  });

  test.each([
    ['the value is empty', '', /^is empty$/],
    ['the value is 64 characters long', 'a'.repeat(64), /^is 64 characters long; a DNS-1123 label has at most 63$/],
    ['the value has upper case', 'Web', /is not a DNS-1123 label/],
    ['the value has a dot', 'web.v1', /is not a DNS-1123 label/],
    ['the value has an underscore', 'my_web', /is not a DNS-1123 label/],
    ['the value starts with a hyphen', '-web', /is not a DNS-1123 label/],
    ['the value ends with a hyphen', 'web-', /is not a DNS-1123 label/],
  ])('reports a problem when %s', (_, value, expected) => {
    expect(dns1123LabelProblem(value)).toMatch(expected);
  });
});

describe('dns1035LabelProblem', () => {
  test.each([
    ['a lower-case word', 'database'],
    ['digits after the first letter', 'db1'],
    ['inner hyphens', 'my-db-2'],
    ['exactly 63 characters', 'a'.repeat(63)],
  ])('accepts %s', (_, value) => {
    expect(dns1035LabelProblem(value)).toBeUndefined();
  });

  test.each([
    ['the value is empty', '', /^is empty$/],
    ['the value is 64 characters long', 'a'.repeat(64), /^is 64 characters long; a DNS-1035 label has at most 63$/],
    ['the value starts with a digit', '1db', /is not a DNS-1035 label \(.*starting with a letter/],
    ['the value has upper case', 'Database', /is not a DNS-1035 label/],
    ['the value has a dot', 'db.v1', /is not a DNS-1035 label/],
    ['the value ends with a hyphen', 'db-', /is not a DNS-1035 label/],
  ])('reports a problem when %s', (_, value, expected) => {
    expect(dns1035LabelProblem(value)).toMatch(expected);
  });
});

describe('dns1123SubdomainProblem', () => {
  test.each([
    ['a single label', 'web'],
    ['a dotted name', 'example.com'],
    ['a leading digit', '1.example.com'],
    ['exactly 253 characters', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`],
  ])('accepts %s', (_, value) => {
    expect(dns1123SubdomainProblem(value)).toBeUndefined();
  });

  test.each([
    ['the value is empty', '', /^is empty$/],
    ['the value is 254 characters long', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`,
      /^is 254 characters long; a DNS-1123 subdomain has at most 253$/],
    ['a label is empty', 'a..b', /^has a label "" that is empty$/],
    ['the value ends with a dot', 'example.com.', /^has a label "" that is empty$/],
    ['a label has an underscore', 'my_db.example.com', /^has a label "my_db" that is not a DNS-1123 label/],
    ['a label is 64 characters long', `${'a'.repeat(64)}.com`, /has a label "a+" that is 64 characters long/],
    ['a label has upper case', 'Example.com', /has a label "Example"/],
  ])('reports a problem when %s', (_, value, expected) => {
    expect(dns1123SubdomainProblem(value)).toMatch(expected);
  });
});

describe('ianaSvcNameProblem', () => {
  test.each([
    ['a word', 'http'],
    ['letters and digits', 'h2c'],
    ['inner hyphens', 'tcp-postgresql'],
    ['exactly 15 characters', 'a'.repeat(15)],
    ['a leading digit with a letter', '8080http'],
  ])('accepts %s', (_, value) => {
    expect(ianaSvcNameProblem(value)).toBeUndefined();
  });

  test.each([
    ['the value is empty', '', /^is empty$/],
    ['the value is 16 characters long', 'a'.repeat(16), /^is 16 characters long; an IANA service name has at most 15$/],
    ['the value has upper case', 'HTTP', /must contain only lower-case letters, digits and hyphens/],
    ['the value has a dot', 'web.http', /must contain only lower-case letters, digits and hyphens/],
    ['the value has no letter', '8080', /must contain at least one letter/],
    ['the value has consecutive hyphens', 'tcp--pg', /must not contain consecutive hyphens/],
    ['the value starts with a hyphen', '-http', /must not begin or end with a hyphen/],
    ['the value ends with a hyphen', 'http-', /must not begin or end with a hyphen/],
  ])('reports a problem when %s', (_, value, expected) => {
    expect(ianaSvcNameProblem(value)).toMatch(expected);
  });
});

describe('qualifiedNameProblem', () => {
  test.each([
    ['a plain name', 'http'],
    ['a prefixed name', 'kubernetes.io/h2c'],
    ['upper case, dots and underscores in the name', 'example.com/My_Proto.v1'],
    ['a name of exactly 63 characters', 'a'.repeat(63)],
    ['a single character', 'a'],
  ])('accepts %s', (_, value) => {
    expect(qualifiedNameProblem(value)).toBeUndefined();
  });

  test.each([
    ['there are two slashes', 'a/b/c', /^has more than one '\/'$/],
    ['the prefix is empty', '/http', /^has a prefix that is empty$/],
    ['the prefix is not a subdomain', 'Example.com/http', /^has a prefix that has a label "Example"/],
    ['the name is empty', '', /^has an empty name part$/],
    ['the name after the prefix is empty', 'example.com/', /^has an empty name part$/],
    ['the name is 64 characters long', 'a'.repeat(64), /^has a name part of 64 characters; at most 63 are allowed$/],
    ['the name has a space', 'my proto', /has a name part that is not alphanumerics/],
    ['the name starts with a hyphen', '-proto', /has a name part that is not alphanumerics/],
    ['the name ends with a dot', 'proto.', /has a name part that is not alphanumerics/],
  ])('reports a problem when %s', (_, value, expected) => {
    expect(qualifiedNameProblem(value)).toMatch(expected);
  });
});

describe('labelValueProblem', () => {
  test.each([
    ['an empty value', ''],
    ['a word', 'postgres'],
    ['upper case, dots, dashes and underscores', 'My_App-v1.2'],
    ['exactly 63 characters', 'a'.repeat(63)],
  ])('accepts %s', (_, value) => {
    expect(labelValueProblem(value)).toBeUndefined();
  });

  test.each([
    ['the value is 64 characters long', 'a'.repeat(64), /^is 64 characters long; a label value has at most 63$/],
    ['the value has a space', 'a b', /is not a valid label value/],
    ['the value has a slash', 'a/b', /is not a valid label value/],
    ['the value starts with a hyphen', '-a', /is not a valid label value/],
    ['the value ends with an underscore', 'a_', /is not a valid label value/],
  ])('reports a problem when %s', (_, value, expected) => {
    expect(labelValueProblem(value)).toMatch(expected);
  });
});

describe('isIntegerInRange', () => {
  test.each([
    ['the lower bound', 1, true],
    ['the upper bound', 65535, true],
    ['a value inside', 443, true],
    ['below the range', 0, false],
    ['above the range', 65536, false],
    ['a fraction', 80.5, false],
    ['NaN', NaN, false],
    ['infinity', Infinity, false],
  ])('%s', (_, value, expected) => {
    expect(isIntegerInRange(value, 1, 65535)).toBe(expected);
  });
});

describe('constructError', () => {
  class Widget extends Construct {}

  test('names the construct class and path before the detail', () => {
    // GIVEN
    const chart = new Chart(testApp(), 'prod');
    const widget = new Widget(chart, 'db');

    // WHEN
    const error = constructError(widget, 'externalName "1.2.3.4" is an IP address.');

    // THEN
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('Widget "prod/db": externalName "1.2.3.4" is an IP address.');
  });

  test('names a construct still being constructed by its class and the path it will have', () => {
    // GIVEN
    const chart = new Chart(testApp(), 'prod');

    // WHEN
    const error = constructError(new PendingConstruct(Widget, chart, 'db'), 'port "0" is out of range.');

    // THEN
    expect(error.message).toBe('Widget "prod/db": port "0" is out of range.');
  });
});

describe('PendingConstruct', () => {
  class Widget extends Construct {}

  test('gives the path and label the construct then gets (property: any ids, any depth, "/" in ids)', () => {
    // constructs keeps children in a plain object and checks `id in children`, so it refuses ids such as "toString"
    // or "constructor" (inherited members of Object.prototype) in any scope: such ids cannot make a construct at all.
    const id = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !(s.replace(/\//g, '--') in {}));
    fc.assert(fc.property(fc.array(id, { minLength: 1, maxLength: 4 }), fc.boolean(), (ids, namedRoot) => {
      // GIVEN a tree of scopes under a root with or without an id
      let scope: Construct = new Construct(undefined as any, namedRoot ? 'root' : '');
      for (const each of ids.slice(0, -1)) scope = new Construct(scope, each);
      const own = ids[ids.length - 1];
      fc.pre(scope.node.tryFindChild(own.replace(/\//g, '--')) === undefined);

      // WHEN
      const pending = new PendingConstruct(Widget, scope, own);
      const label = constructLabel(pending);
      const widget = new Widget(scope, own);

      // THEN
      expect(pending.path).toBe(widget.node.path);
      expect(label).toBe(constructLabel(widget));
    }));
  });
});

describe('quote', () => {
  test.each([
    ['a string', 'db', '"db"'],
    ['a string with quotes', 'a"b', '"a\\"b"'],
    ['an empty string', '', '""'],
    ['a number', 5432, '"5432"'],
    ['NaN', NaN, '"NaN"'],
    ['infinity', Infinity, '"Infinity"'],
    ['undefined', undefined, '"undefined"'],
    ['a boolean', true, '"true"'],
  ])('quotes %s', (_, value, expected) => {
    expect(quote(value)).toBe(expected);
  });
});

describe('the problem helpers answer as the k8s-syntax booleans', () => {
  // The helpers answer valid values with the boolean and word only the invalid ones: both must draw the line at the
  // same place. The construct side is stricter in one way: DNS limits every label of a name to 63 characters.
  const unit = fc.constantFrom(...'abz09AZ-._/'.split(''), ' ', 'é', '--', '..', 'a'.repeat(60), 'b'.repeat(64));
  const name = fc.oneof(fc.array(unit, { maxLength: 12 }).map((u) => u.join('')), fc.string({ maxLength: 30 }));
  const noLongLabel = (v: string) => syntax.firstLongLabel(v) === undefined;
  test.each<[string, (v: string) => string | undefined, (v: string) => boolean]>([
    ['dns1123LabelProblem', dns1123LabelProblem, syntax.isDns1123Label],
    ['dns1035LabelProblem', dns1035LabelProblem, syntax.isDns1035Label],
    ['dns1123SubdomainProblem', dns1123SubdomainProblem, (v) => syntax.isDns1123Subdomain(v) && noLongLabel(v)],
    ['ianaSvcNameProblem', ianaSvcNameProblem, syntax.isPortName],
    ['qualifiedNameProblem', qualifiedNameProblem, (v) => syntax.isQualifiedName(v) && noLongLabel(v.slice(0, Math.max(0, v.indexOf('/'))))],
    ['labelValueProblem', labelValueProblem, syntax.isLabelValue],
  ])('%s', (_, problem, valid) => {
    fc.assert(fc.property(name, (v) => (problem(v) === undefined) === valid(v)), { numRuns: 3000 });
  });

  test.each([
    ['a subdomain with a 64-character label', dns1123SubdomainProblem, `${'a'.repeat(64)}.com`, /has a label "a+" that is 64 characters long/],
    ['a qualified name whose prefix has a 64-character label', qualifiedNameProblem, `${'a'.repeat(64)}.com/x`, /^has a prefix that has a label "a+" that is 64/],
  ])('reports %s, which the API server would accept', (_, problem, value, expected) => {
    expect(problem(value)).toMatch(expected);
  });
});

describe('validateLabels', () => {
  class Widget extends Construct {}
  const widget = () => new Widget(new Chart(testApp(), 'prod'), 'db');
  const wording = { key: 'app.kubernetes.io/name', value: 'postgres' };

  test.each<[string, { [key: string]: any }, RegExp]>([
    ['a key has a space', { 'bad key': 'x' }, /^Widget "prod\/db": labels key "bad key" has a name part that is not alphanumerics.*; use a key such as "app.kubernetes.io\/name"\.$/],
    ['a key has two slashes', { 'a/b/c': 'x' }, /labels key "a\/b\/c" has more than one '\/'/],
    ['a value has a space', { team: 'a b' }, /^Widget "prod\/db": labels\["team"\] "a b" is not a valid label value .*; use a value such as "postgres"\.$/],
    ['a value is 64 characters long', { team: 'a'.repeat(64) }, /labels\["team"\] "a+" is 64 characters long; a label value has at most 63/],
    ['a value is not a string', { team: 5 }, /labels\["team"\] "5" is not a string; use a value such as "postgres"\.$/],
  ])('throws when %s', (_, labels, expected) => {
    expect(() => validateLabels(widget(), labels, wording)).toThrow(expected);
  });

  test('accepts what the API server accepts: prefixed keys, upper case, empty values', () => {
    expect(() => validateLabels(widget(), { 'example.com/Team_A': '', 'app': 'My_App-v1.2' }, wording)).not.toThrow();
    expect(() => validateLabels(widget(), undefined, wording)).not.toThrow();
  });

  test('throws for a key the construct reserves, after checking its syntax', () => {
    const reserved = (key: string) => key === 'app';
    expect(() => validateLabels(widget(), { app: 'x' }, wording, reserved)).toThrow(/labels key "app" is a selector label this construct sets; remove it from labels\.$/);
    expect(() => validateLabels(widget(), { team: 'x' }, wording, reserved)).not.toThrow();
  });

  test('words the value as the construct does', () => {
    expect(() => validateLabels(widget(), { tier: 'a b' }, { ...wording, valueIntro: 'value ' })).toThrow(/labels\["tier"\] value "a b" is not a valid label value/);
  });
});

describe('validateAnnotations', () => {
  class Widget extends Construct {}
  const widget = () => new Widget(new Chart(testApp(), 'prod'), 'db');

  test.each<[string, { [key: string]: any }, RegExp]>([
    ['a key has two slashes', { 'a/b/c': 'x' }, /^Widget "prod\/db": annotations key "a\/b\/c" has more than one '\/'; use a key such as "example.com\/key"\.$/],
    ['a value is not a string', { note: 5 }, /annotations\["note"\] "5" is not a string; metadata values are strings\.$/],
  ])('throws when %s', (_, annotations, expected) => {
    expect(() => validateAnnotations(widget(), annotations, 'example.com/key')).toThrow(expected);
  });

  test('accepts upper-case keys (checked lower-cased, as the API server does) and any string value', () => {
    expect(() => validateAnnotations(widget(), { 'Example.COM/Note': 'any text: with spaces' }, 'example.com/key')).not.toThrow();
  });
});

describe('constructLabel of a huge construct path', () => {
  test('keeps both ends of a path over 200 characters, so a 10 MB id gives a short message', () => {
    const chart = new Chart(testApp(), 'prod');
    const id = `db-${'x'.repeat(10_000_000)}-end`;
    expect(() => new ExternalDependency(chart, id, { externalName: '10.0.0.1' })).toThrow(/^ExternalDependency "prod\/db-x{92}\.\.\.x{93}-end": .{0,600}$/s);
  });
});
