// Every numbered rule of dns-rules.md has at least one named test case (a test name or table row starting "rule N").
import * as fs from 'fs';
import * as path from 'path';

const RULES = 52;

test('every dns-rules.md rule 1-52 is cited by a test case', () => {
  const dirs = [path.join(__dirname), path.join(__dirname, '..', 'model')];
  let text = '';
  for (const d of dirs) {
    for (const f of fs.readdirSync(d)) if (f.endsWith('.test.ts')) text += fs.readFileSync(path.join(d, f), 'utf8');
  }
  const cited = new Set<number>();
  // Only test names: string literals that start with "rule N" or "rule N/M".
  for (const m of text.matchAll(/['"`]rule (\d+)((?:\/\d+)*)/g)) {
    [m[1], ...m[2].split('/').filter(Boolean)].forEach((n) => cited.add(Number(n)));
  }
  const missing = Array.from({ length: RULES }, (_, i) => i + 1).filter((n) => !cited.has(n));
  expect(missing).toEqual([]);
});
