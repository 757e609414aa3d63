/**
 * Writes the CLI help that the docs quote from the one source, src/cli/usage.ts. A quoted help is a fenced block
 * right after a marker line `<!-- generated: cdk8s-dns <command> --help -->` (or `<!-- generated: cdk8s-dns --help -->`
 * for the list of commands); the block becomes what that command prints. test/cli/usage.test.ts fails when a
 * quoted help differs from the CLI's.
 *
 *   npx projen usage-md             # rewrite the quoted help in README.md and docs/*.md
 *   npx projen usage-md --check     # exit 1 when one is out of date
 */
import * as fs from 'fs';
import * as path from 'path';
import { commandHelp, mainHelp } from '../src/cli/usage';

const MARKER = /^<!-- generated: cdk8s-dns (?:([a-z]+) )?--help -->$/;

/** The Markdown files that may quote the CLI's help, relative to the repository root. */
export function docFiles(root: string): string[] {
  const docs = fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => path.join('docs', f));
  return ['README.md', ...docs];
}

/** `markdown` with the fenced block after every marker replaced by the help the marker names. */
export function withUsageBlocks(markdown: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]);
    const marker = MARKER.exec(lines[i]);
    if (!marker) continue;
    if (lines[i + 1] !== '```text') throw new Error(`line ${i + 2}: a \`\`\`text block must follow ${lines[i]}`);
    const close = lines.indexOf('```', i + 2);
    if (close < 0) throw new Error(`line ${i + 2}: the block after ${lines[i]} is not closed`);
    out.push('```text', marker[1] === undefined ? mainHelp() : commandHelp(marker[1]), '```');
    i = close;
  }
  return out.join('\n');
}

if (require.main === module) {
  const root = path.join(__dirname, '..');
  let stale = 0;
  for (const file of docFiles(root)) {
    const current = fs.readFileSync(path.join(root, file), 'utf-8');
    const wanted = withUsageBlocks(current);
    if (current === wanted) continue;
    if (process.argv.includes('--check')) {
      process.stderr.write(`${file}: the quoted CLI help is out of date: run \`npx projen usage-md\`.\n`);
      stale++;
    } else {
      fs.writeFileSync(path.join(root, file), wanted);
      process.stdout.write(`${file}: quoted CLI help rewritten.\n`);
    }
  }
  if (stale > 0) process.exitCode = 1;
}
