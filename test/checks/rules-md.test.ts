import * as fs from 'fs';
import * as path from 'path';
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
});
