// The CLI's usage comes from one table (src/cli/usage.ts): what each command accepts, its --help, the usage of a usage
// error, `cdk8s-dns --help`, and the help the docs quote.
import * as fs from 'fs';
import * as path from 'path';
import { docFiles, withUsageBlocks } from '../../scripts/usage-md';
import { run } from '../../src/cli/main';
import { COMMANDS, commandHelp, commandUsage, mainHelp, optionSpec, wantsHelp } from '../../src/cli/usage';

const ROOT = path.join(__dirname, '..', '..');

function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), stdin: () => '' });
  return { code, out, err };
}

const MODEL_FLAGS = ['-f', '--file', '--filename', '--domain', '--pods', '--service-cidr', '--pod-cidr', '--default-namespace', '--ttl', '--jobs', '-j', '--endpoint-pod-names'];
const POLICY_FLAGS = ['--allow-external-suffix', '--allow-namespace', '--forbid-host', '--tls-server-name-suffix'];

describe('the options each command accepts', () => {
  test.each([
    ['resolve', [...MODEL_FLAGS, '--type', '-t', '--namespace', '-n', '--ndots', '--json']],
    ['records', MODEL_FLAGS],
    ['check', [...MODEL_FLAGS, ...POLICY_FLAGS, '--json', '--complete', '--format', '--all-findings']],
    ['graph', [...MODEL_FLAGS, ...POLICY_FLAGS, '--format', '--output', '-o', '--title', '--no-check', '--complete', '--namespace', '-n']],
    ['serve', [...MODEL_FLAGS, '--port', '-p', '--address', '--watch', '-w']],
  ])('%s: the same flags as before the table', (name, flags) => {
    const spec = optionSpec(name);
    expect([...Object.keys(spec.values), ...Object.keys(spec.flags)].sort()).toEqual([...flags].sort());
  });

  test.each(COMMANDS.map((c) => [c.name]))('%s --help lists every flag it accepts', (name) => {
    const spec = optionSpec(name);
    const help = commandHelp(name);
    for (const flag of [...Object.keys(spec.values), ...Object.keys(spec.flags)]) expect(help).toMatch(new RegExp(`(^|[ ,\\[])${flag}[ :,\\]]`, 'm'));
  });

  test('the dispatcher and the table name the same commands', () => {
    expect(cli('lookup').err).toMatch(new RegExp(`^cdk8s-dns: unknown command "lookup"; expected one of: ${COMMANDS.map((c) => c.name).join(', ')}\\n`));
  });
});

describe('help', () => {
  test('cdk8s-dns --help shows every command\'s synopsis', () => {
    const r = cli('--help');
    expect(r).toEqual({ code: 0, out: `${mainHelp()}\n`, err: '' });
    for (const c of COMMANDS) expect(r.out).toMatch(new RegExp(`^(usage: | {7})cdk8s-dns ${c.name} `, 'm'));
  });

  test('without a command the same text goes to standard error, exit 2', () => {
    expect(cli()).toEqual({ code: 2, out: '', err: `${mainHelp()}\n` });
  });

  test.each(COMMANDS.flatMap((c) => [[c.name, '--help'], [c.name, '-h']]))('%s %s prints the command\'s own help (exit 0)', (name, flag) => {
    expect(cli(name, flag)).toEqual({ code: 0, out: `${commandHelp(name)}\n`, err: '' });
  });

  test.each(COMMANDS.map((c) => [c.name]))('%s --help starts with its usage and ends with its exit codes', (name) => {
    const help = commandHelp(name).split('\n');
    expect(help[0]).toMatch(new RegExp(`^usage: cdk8s-dns ${name} `));
    expect(help.slice(-2).join(' ')).toMatch(/exit .*2 on bad usage/);
  });

  test.each([
    ['main', mainHelp()],
    ...COMMANDS.map((c) => [c.name, commandHelp(c.name)]),
  ])('%s help: no line is longer than 120 characters', (_name, text) => {
    expect(text.split('\n').filter((l) => l.length > 120)).toEqual([]);
  });

  test.each([
    ['--help', ['--help'], true],
    ['-h after other options', ['-f', 'dist/', '-h'], true],
    ['--help after --, which is a NAME there', ['--', '--help'], false],
    ['nothing', ['-f', 'dist/'], false],
  ])('wantsHelp: %s', (_name, argv, wanted) => {
    expect(wantsHelp(argv as string[])).toBe(wanted);
  });
});

describe('a usage error', () => {
  test.each([
    ['resolve', ['resolve', '--bogus']],
    ['records', ['records', 'a-name']],
    ['check', ['check', '--bogus']],
    ['graph', ['graph', '--format', 'png', '-f', '-']],
    ['serve', ['serve', '--port', 'x']],
  ])('%s: one line, then the command\'s usage (exit 2)', (name, argv) => {
    const r = cli(...argv);
    expect(r.code).toBe(2);
    const [message, ...rest] = r.err.split('\n');
    expect(message).toMatch(/^cdk8s-dns( [a-z]+)?: /);
    expect(rest.join('\n')).toBe(`${commandUsage(name)}\n`);
  });
});

describe('the docs quote the CLI help', () => {
  test.each(docFiles(ROOT).map((f) => [f]))('%s quotes the help as the CLI prints it (run `npx projen usage-md`)', (file) => {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf-8');
    expect(text).toEqual(withUsageBlocks(text));
  });

  test.each([
    ['docs/checker.md', 'check'],
    ['docs/dns.md', 'resolve'],
    ['docs/dns.md', 'records'],
    ['docs/graph.md', 'graph'],
  ])('%s quotes %s --help', (file, name) => {
    expect(fs.readFileSync(path.join(ROOT, file), 'utf-8')).toContain(`<!-- generated: cdk8s-dns ${name} --help -->\n\`\`\`text\n${commandHelp(name)}\n\`\`\``);
  });

  test('a marker must be followed by a text block', () => {
    expect(() => withUsageBlocks('<!-- generated: cdk8s-dns check --help -->\nno block\n')).toThrow(/a ```text block must follow/);
  });

  test('docs/serve.md\'s option table names exactly the options serve accepts', () => {
    const text = fs.readFileSync(path.join(ROOT, 'docs', 'serve.md'), 'utf-8');
    const table = text.slice(text.indexOf('## Options'), text.indexOf('\n## ', text.indexOf('## Options') + 1));
    const named = new Set(table.split('\n').filter((l) => l.startsWith('| `')).flatMap((l) => l.split(' | ')[0].match(/`-[-a-z]+/g) ?? []).map((f) => f.slice(1)));
    const spec = optionSpec('serve');
    expect([...named].sort()).toEqual([...Object.keys(spec.values), ...Object.keys(spec.flags)].filter((f) => f !== '--file' && f !== '--filename').sort());
  });

  test.each(docFiles(ROOT).map((f) => [f]))('the cdk8s-dns examples in %s use only options of their command', (file) => {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf-8');
    const names = COMMANDS.map((c) => c.name).join('|');
    const wrong: string[] = [];
    for (const line of text.split('\n')) {
      const m = line.startsWith('<!--') ? null : new RegExp(`cdk8s-dns (${names})((?: [^\`#|>&]*)?)`).exec(line);
      if (!m) continue;
      const spec = optionSpec(m[1]);
      for (const word of m[2].split(/\s+/)) {
        if (!/^-[-a-zA-Z]/.test(word)) continue;
        const flag = word.replace(/=.*$/, '');
        if (!(flag in spec.values) && !(flag in spec.flags) && flag !== '--help' && flag !== '-h') wrong.push(`${m[1]} ${flag}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
