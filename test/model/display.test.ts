import { oneLine, terminalSafe } from '../../src/model/display';

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
