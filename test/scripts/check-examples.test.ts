import * as fs from 'fs';
import * as path from 'path';
import { extractBlocks } from '../../scripts/check-examples';

const ROOT = path.resolve(__dirname, '..', '..');

describe('extractBlocks: the TypeScript blocks of a markdown file', () => {
  test.each([
    { name: 'a ts block', md: 'x\n```ts\nconst a = 1;\n```\n', blocks: [{ line: 3, info: [], body: 'const a = 1;' }] },
    { name: 'a typescript block', md: '```typescript\nf();\n```', blocks: [{ line: 2, info: [], body: 'f();' }] },
    { name: 'other languages are not TypeScript', md: '```bash\nls\n```\n```\nplain\n```\n```tsx\n<a/>\n```', blocks: [] },
    {
      name: 'a block indented in a list loses its indentation',
      md: '- item:\n\n  ```ts\n  a();\n    b();\n  ```',
      blocks: [{ line: 4, info: [], body: 'a();\n  b();' }],
    },
    {
      name: 'the info string after the language: fixture and nocompile',
      md: '```ts fixture=app\na();\n```\n```ts nocompile\nb(\n```',
      blocks: [{ line: 2, info: ['fixture=app'], body: 'a();' }, { line: 5, info: ['nocompile'], body: 'b(' }],
    },
    { name: 'a ``` inside a block of another language does not open one', md: '```md\n```ts\n```\nx', blocks: [] },
  ])('$name', ({ md, blocks }) => {
    expect(extractBlocks('doc.md', md)).toEqual(blocks);
  });

  test('throws on an unclosed block, naming the markdown line', () => {
    expect(() => extractBlocks('doc.md', 'a\n```ts\nx;\n')).toThrow(/^doc\.md:2: unclosed code block$/);
  });
});

describe('README.md and docs/: examples that compile as pasted', () => {
  const markdowns = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  const blocks = markdowns.flatMap((md) => extractBlocks(md, fs.readFileSync(path.join(ROOT, md), 'utf8')).map((b) => ({ md, ...b })));

  test('the Quick start is a complete program: no fixture, not skipped', () => {
    const quickStart = blocks.filter((b) => b.md === 'README.md');
    expect(quickStart).toHaveLength(1);
    expect(quickStart[0].info).toEqual([]);
    expect(quickStart[0].body).toMatch(/^import \{ App, Chart \} from 'cdk8s';/);
  });

  test('the Quick start uses every name it imports (an app\'s tsconfig has noUnusedLocals)', () => {
    const body = blocks.find((b) => b.md === 'README.md')!.body;
    const imported = [...body.matchAll(/^import \{([^}]*)\} from/gm)].flatMap((m) => m[1].split(',').map((n) => n.trim()));
    const code = body.replace(/^import [^;]*;$/gm, '');
    expect(imported.filter((name) => !new RegExp(`\\b${name}\\b`).test(code))).toEqual([]);
  });

  test('every fixture a block names exists, and no block is skipped', () => {
    for (const b of blocks) {
      expect(b.info.filter((w) => w !== 'nocompile' && !w.startsWith('fixture='))).toEqual([]);
      expect(b.info).not.toContain('nocompile');
      const fixture = b.info.find((w) => w.startsWith('fixture='))?.slice('fixture='.length);
      if (fixture) expect(fs.existsSync(path.join(ROOT, 'rosetta', `${fixture}.ts-fixture`))).toBe(true);
    }
  });
});
