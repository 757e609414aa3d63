// The ESLint rule of .projenrc.ts that keeps input-sized arrays out of call arguments in src (issue 16: `out.push(...docs)`
// threw "Maximum call stack size exceeded" at about 130,000 documents).
import * as path from 'path';

// eslint's legacy (.eslintrc) API, the one `npx projen eslint` uses
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LegacyESLint } = require('eslint/use-at-your-own-risk');

const root = path.join(__dirname, '..');
const eslint = new LegacyESLint({ cwd: root, useEslintrc: true });

/** The no-restricted-syntax messages for `code` as the body of a function in `file`. */
async function restricted(code: string, file = 'src/model/aliases.ts'): Promise<string[]> {
  const text = `export function f(out: number[], xs: number[], g: (...a: number[]) => number): unknown {\n  ${code}\n}\n`;
  const [result] = await eslint.lintText(text, { filePath: path.join(root, file) });
  return result.messages.filter((m: any) => m.ruleId === 'no-restricted-syntax' || m.fatal).map((m: any) => m.message);
}

describe('no spread arguments of input-sized arrays in src', () => {
  test.each([
    ['push', 'out.push(...xs); return out;', /push\/unshift\/splice/],
    ['unshift', 'return out.unshift(...xs);', /push\/unshift\/splice/],
    ['splice', 'return out.splice(0, 0, ...xs);', /push\/unshift\/splice/],
    ['Math.max', 'return Math.max(...xs);', /Math\.max\/Math\.min/],
    ['Math.min', 'return Math.min(0, ...xs);', /Math\.max\/Math\.min/],
    ['String.fromCharCode', 'return String.fromCharCode(...xs);', /String\.fromCharCode/],
    ['apply', 'return g.apply(undefined, xs);', /apply/],
  ])('reports %s', async (_what, code, message) => {
    expect(await restricted(code)).toEqual([expect.stringMatching(message)]);
  }, 60_000);

  test.each([
    ['a loop', 'for (const x of xs) out.push(x); return out;'],
    ['an array literal', 'return [...out, ...xs];'],
    ['a call of another function', 'return g(...xs);'],
  ])('accepts %s', async (_what, code) => {
    expect(await restricted(code)).toEqual([]);
  }, 60_000);
});
