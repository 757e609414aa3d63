import * as fs from 'fs';
import * as path from 'path';
import { BEGIN, END, RuleText, rulesTable, withRulesTable } from '../../scripts/rules-md';
import { PACK } from '../../src/checks/pack';

describe('RULES.md', () => {
  const text = fs.readFileSync(path.join(__dirname, '..', '..', 'RULES.md'), 'utf-8');
  const rows = new Map(text.split('\n').filter((l) => l.startsWith('| `')).map((l) => {
    const cells = l.split(' | ');
    return [cells[0].replace(/^\| `|`$/g, ''), cells[1]] as const;
  }));

  test.each(PACK.map((r) => [r.id, r.level]))('has a row for %s with level %s', (id, level) => {
    expect(rows.get(id)).toBe(level);
  });

  test('lists no rule that the pack does not run', () => {
    expect([...rows.keys()].sort()).toEqual(PACK.map((r) => r.id).sort());
  });

  test('holds the table generated from the rule objects, word for word (run `npx projen rules-md` after changing a rule)', () => {
    expect(text).toEqual(withRulesTable(text, PACK));
  });

  test('keeps the hand-written sections around the table', () => {
    expect(text).toMatch(/^# Rules of the Service checker\n/);
    expect(text).toMatch(/\n## Behaviour shared by all rules\n/);
  });
});

describe('the RULES.md generator', () => {
  const rule = (over: Partial<RuleText> = {}): RuleText => ({ id: 'some-rule', level: 'warning', description: 'Finds a thing', explanation: 'Because (source).', fix: 'Do it.', ...over });

  test('writes one row per rule, in the order given, after the header', () => {
    const table = rulesTable([rule({ id: 'b-rule' }), rule({ id: 'a-rule', level: 'error' })]).split('\n');
    expect(table).toEqual([
      '| Id | Level | What it finds | Why it matters (source) | How to fix |',
      '|---|---|---|---|---|',
      '| `b-rule` | warning | Finds a thing | Because (source). | Do it. |',
      '| `a-rule` | error | Finds a thing | Because (source). | Do it. |',
    ]);
  });

  test('escapes a pipe, which would end the cell', () => {
    expect(rulesTable([rule({ explanation: 'A | B (source).' })])).toMatch(/\| A \\\| B \(source\)\. \|/);
  });

  test.each([
    ['a line break', rule({ fix: 'Do it.\nThen that.' }), /some-rule: fix holds a line break/],
    ['an empty text', rule({ description: '' }), /some-rule: description is empty/],
    ['white space at the end', rule({ explanation: 'Because. ' }), /some-rule: explanation is empty or starts or ends with white space/],
  ])('throws on %s', (_name, bad, message) => {
    expect(() => rulesTable([bad])).toThrow(message);
  });

  test('replaces only the text between the markers', () => {
    const doc = `# Title\n\nIntro.\n\n${BEGIN}\nold table\n${END}\n\n## After\n`;
    expect(withRulesTable(doc, [rule()])).toBe(`# Title\n\nIntro.\n\n${BEGIN}\n${rulesTable([rule()])}\n${END}\n\n## After\n`);
  });

  test.each([
    ['no markers', '# Title\n'],
    ['no end marker', `${BEGIN}\n`],
    ['the markers in the wrong order', `${END}\n${BEGIN}\n`],
    ['two begin markers', `${BEGIN}\n${BEGIN}\n${END}\n`],
  ])('throws when the document has %s', (_name, doc) => {
    expect(() => withRulesTable(doc, [rule()])).toThrow(/must hold the markers/);
  });
});
