import { oneLine, shortText, shortValue, terminalSafe } from '../../src/model/display';

describe('display', () => {
  test.each([
    ['ESC and BEL', 'db\u001b]0;pwned\u0007', 'db\\u001b]0;pwned\\u0007'],
    ['a C1 CSI', 'a\u009b31mb', 'a\\u009b31mb'],
    ['DEL', 'a\u007fb', 'a\\u007fb'],
    ['a BOM', '\ufeffapiVersion', '\\ufeffapiVersion'],
    ['a bidi override', 'evil\u202egnp.exe', 'evil\\u202egnp.exe'],
    ['a zero-width space', 'db\u200b', 'db\\u200b'],
    ['a carriage return', 'ok\rFAKE', 'ok\\u000dFAKE'],
    ['plain text (the same string)', 'Service "db" selects app=db', 'Service "db" selects app=db'],
    ['non-ASCII letters', 'café-ü', 'café-ü'],
  ])('terminalSafe escapes %s', (_case, input, expected) => {
    expect(terminalSafe(input)).toBe(expected);
  });

  test('terminalSafe keeps line feeds and tabs; oneLine escapes them', () => {
    expect(terminalSafe('a\tb\nc')).toBe('a\tb\nc');
    expect(oneLine('a\tb\nc')).toBe('a\\u0009b\\u000ac');
  });

  test('the escapes stay valid inside a JSON string', () => {
    const json = JSON.stringify({ name: 'db\u001b\u009b\u2028' });
    expect(JSON.parse(terminalSafe(json))).toEqual({ name: 'db\u001b\u009b\u2028' });
  });
});

describe('formatText (the library reporter) escapes what it quotes', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { formatText } = require('../../src/checks/reporters/text');
  test('a message with a line break and ESC stays one line, escaped', () => {
    const text: string = formatText({
      success: false,
      findings: [{ rule: 'service-invalid', level: 'error', resource: 'Service/prod/a\u001bb', message: 'name "a\u001bb\nFAKE" is invalid' }],
    });
    expect(text.split('\n')).toEqual(['Service/prod/a\\u001bb', '  error    service-invalid  name "a\\u001bb\\u000aFAKE" is invalid', '', '1 error, 0 warnings, 0 info in 1 object', '']);
  });
});

describe('shortText', () => {
  test.each([
    ['a short name as it is', 'Cluster', 40, 'Cluster'],
    ['40 characters as they are', 'K'.repeat(40), 40, 'K'.repeat(40)],
    ['a longer name cut to 40 characters and ...', 'K'.repeat(2_000_000), 40, `${'K'.repeat(40)}...`],
    ['cut to another limit', 'abcdef', 3, 'abc...'],
  ])('%s', (_case, text, max, shown) => {
    expect(shortText(text, max)).toBe(shown);
  });
});

describe('shortValue', () => {
  /** Nine levels of nine references to the level below: 9^9 (387 million) leaves, as a 600-byte YAML alias bomb. */
  function aliasBomb(): unknown {
    let level: unknown = ['lol'];
    for (let i = 0; i < 9; i++) level = Array.from({ length: 9 }, () => level);
    return level;
  }

  test.each([
    ['a string, JSON-quoted', 'db', '"db"'],
    ['a number', 5, '5'],
    ['NaN', NaN, 'NaN'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['an object: its keys, never [object Object]', { a: { b: [1, 'x'] } }, '{"a":{"b":[1,"x"]}}'],
    ['an empty list', [], '[]'],
  ])('%s', (_case, value, expected) => {
    expect(shortValue(value)).toBe(expected);
  });

  test('a long string is cut to the limit with ...', () => {
    const text = shortValue('x'.repeat(1000), 20);
    expect(text).toBe(`"${'x'.repeat(16)}...`);
    expect(text).toHaveLength(20);
  });

  test('an alias bomb, a cyclic object and a list of a million items are rendered in a few steps, cut', () => {
    const cyclic: any = { name: 'a' };
    cyclic.self = cyclic;
    const huge = Array.from({ length: 1_000_000 }, (_, i) => i);
    for (const v of [aliasBomb(), cyclic, huge]) {
      const text = shortValue(v, 80);
      expect(text.length).toBeLessThanOrEqual(80);
      expect(text.endsWith('...')).toBe(true);
    }
    expect(shortValue(cyclic, 40)).toBe('{"name":"a","self":{"name":"a","self"...');
  });

  test('a getter that throws shows as "?"', () => {
    const v = Object.defineProperty({}, 'bad', { enumerable: true, get: () => { throw new Error('no'); } });
    expect(shortValue(v)).toBe('{"bad":"?"}');
  });
});
