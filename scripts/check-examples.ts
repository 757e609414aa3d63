/**
 * Compiles every TypeScript example of README.md and docs/*.md (a fenced block whose info string starts with `ts` or
 * `typescript`) as a user's app would: with the compilerOptions of the tsconfig.json that `cdk8s init typescript-app`
 * writes (read from cdk8s-cli's template: strict, noUnusedLocals, noUnusedParameters, ...), against the built library
 * (lib/, so run `npx projen compile` first), imported as `cdk8s-service-discovery`.
 *
 * A block is a complete program, as pasted into main.ts. The few that are not say so in their info string, as
 * jsii-rosetta reads it:
 *   ```ts fixture=NAME   the block replaces the line `/// here` of rosetta/NAME.ts-fixture (its imports are hoisted)
 *   ```ts nocompile      not compiled (keep this rare)
 *
 * The blocks are written to .examples-check/ (git-ignored), one file each, and errors point at the markdown line.
 *
 *   npx projen check-examples
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, '.examples-check');
const TEMPLATE = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app', 'tsconfig.json');
const FIXTURES = path.join(ROOT, 'rosetta');

/** One example: where it is in the markdown and the code compiled for it. */
interface Example {
  readonly markdown: string;
  /** The markdown line of the block's first code line. */
  readonly line: number;
  readonly code: string;
  /** The line of `code` on which the block's first line is. */
  readonly offset: number;
}

/** The TypeScript blocks of one markdown file (fenced with ``` at any indentation). */
export function extractBlocks(markdown: string, text: string): Array<{ line: number; info: string[]; body: string }> {
  const blocks: Array<{ line: number; info: string[]; body: string }> = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, lang, rest] = open;
    const end = lines.findIndex((l, j) => j > i && l.trim() === '```');
    if (end < 0) throw new Error(`${markdown}:${i + 1}: unclosed code block`);
    if (lang === 'ts' || lang === 'typescript') {
      const body = lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l)).join('\n');
      blocks.push({ line: i + 2, info: rest.trim().split(/\s+/).filter((w) => w !== ''), body });
    }
    i = end;
  }
  return blocks;
}

/** The program compiled for a block: the block itself, or its fixture with the block at `/// here`. */
function exampleOf(markdown: string, block: { line: number; info: string[]; body: string }): Example | undefined {
  if (block.info.includes('nocompile')) return undefined;
  const fixture = block.info.find((w) => w.startsWith('fixture='))?.slice('fixture='.length);
  if (!fixture) return { markdown, line: block.line, code: block.body, offset: 0 };
  const fixtureText = fs.readFileSync(path.join(FIXTURES, `${fixture}.ts-fixture`), 'utf8');
  const bodyLines = block.body.split('\n');
  const imports = bodyLines.filter((l) => /^import .* from '[^']+';$/.test(l));
  const rest = bodyLines.map((l) => (imports.includes(l) ? '' : l)).join('\n');
  const [before, after] = fixtureText.split(/^\/\/\/ here$/m);
  if (after === undefined) throw new Error(`rosetta/${fixture}.ts-fixture has no line "/// here"`);
  const head = `${imports.join('\n')}\n${before}`;
  return { markdown, line: block.line, code: `${head}${rest}${after}`, offset: head.split('\n').length - 1 };
}

function main(): void {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'index.d.ts'))) throw new Error('lib/index.d.ts is missing: run `npx projen compile` first');
  const markdowns = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
  const examples: Example[] = [];
  let skipped = 0;
  for (const markdown of markdowns) {
    for (const block of extractBlocks(markdown, fs.readFileSync(path.join(ROOT, markdown), 'utf8'))) {
      const example = exampleOf(markdown, block);
      if (example) examples.push(example);
      else skipped++;
    }
  }

  // The library is resolved as an app resolves it: node_modules/cdk8s-service-discovery, here a link to this package.
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(path.join(OUT, 'node_modules'), { recursive: true });
  fs.symlinkSync(path.relative(path.join(OUT, 'node_modules'), ROOT), path.join(OUT, 'node_modules', 'cdk8s-service-discovery'));
  const files = new Map<string, Example>();
  for (const example of examples) {
    const file = path.join(OUT, `${example.markdown.replace(/[/.]/g, '_')}_L${example.line}.ts`);
    fs.writeFileSync(file, example.code);
    files.set(file, example);
  }

  const template = ts.readConfigFile(TEMPLATE, ts.sys.readFile);
  if (template.error) throw new Error(ts.flattenDiagnosticMessageText(template.error.messageText, '\n'));
  const { options, errors } = ts.convertCompilerOptionsFromJson(template.config.compilerOptions, OUT);
  if (errors.length > 0) throw new Error(errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, '\n')).join('\n'));
  // Each block is its own app (a main.ts), so each is compiled as a module of its own, whether or not it imports.
  const program = ts.createProgram([...files.keys()], { ...options, noEmit: true, types: ['node'], moduleDetection: ts.ModuleDetectionKind.Force });

  let failures = 0;
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const example = d.file && files.get(path.resolve(d.file.fileName));
    if (d.file && example && d.start !== undefined) {
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      const where = line >= example.offset && line < example.offset + example.code.split('\n').length
        ? `${example.markdown}:${example.line + line - example.offset}:${character + 1}`
        : `${example.markdown}:${example.line} (in its fixture, line ${line + 1})`;
      console.error(`${where}: error TS${d.code}: ${message}`);
    } else {
      console.error(`${d.file ? d.file.fileName : 'tsconfig'}: error TS${d.code}: ${message}`);
    }
    failures++;
  }
  const summary = `${examples.length} TypeScript examples in ${markdowns.length} files${skipped ? ` (${skipped} marked nocompile)` : ''}`;
  console.log(failures === 0 ? `${summary}: all compile` : `${summary}: ${failures} error(s)`);
  process.exit(failures === 0 ? 0 : 1);
}

if (require.main === module) main();
