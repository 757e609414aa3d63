// The docs' worked examples are what the CLI prints: `<!-- example: NAME -->` before a fenced block gives an input file,
// `<!-- example output: cdk8s-dns ARGS -->` before a fenced block gives the output of that command on those files
// (JSON blocks are compared as values, so they may be written compactly; every other block byte for byte).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';

const ROOT = path.join(__dirname, '..', '..');
const DOCS = ['docs/graph.md', 'docs/dns.md'];
const BLOCK = /<!-- example( output)?: ([^\n]*?) -->\n```([a-z]*)\n([\s\S]*?)```\n/g;

interface Block {
  readonly doc: string;
  readonly output: boolean;
  readonly name: string;
  readonly lang: string;
  readonly body: string;
}

function blocks(): Block[] {
  return DOCS.flatMap((doc) => [...fs.readFileSync(path.join(ROOT, doc), 'utf8').matchAll(BLOCK)]
    .map((m) => ({ doc, output: m[1] !== undefined, name: m[2], lang: m[3], body: m[4] })));
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-dns-doc-examples-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
for (const b of blocks().filter((x) => !x.output)) fs.writeFileSync(path.join(dir, b.name), b.body);
const outputs = blocks().filter((b) => b.output);

test('the docs have worked examples of graph and resolve with entry points', () => {
  expect(outputs.map((b) => `${b.doc}: ${b.name}`)).toEqual([
    'docs/graph.md: cdk8s-dns graph -f shop.yaml --no-check',
    'docs/dns.md: cdk8s-dns resolve web -n shop -f shop.yaml',
    'docs/dns.md: cdk8s-dns resolve catalog.backend -n shop -f shop.yaml --json',
  ]);
});

test.each(outputs.map((b) => [`${b.doc}: ${b.name}`, b]))('%s prints what the doc shows', (_name, b) => {
  const argv = (b as Block).name.split(' ').slice(1).map((a) => (fs.existsSync(path.join(dir, a)) ? path.join(dir, a) : a));
  let out = '';
  let err = '';
  run(argv, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, stdin: () => '' });
  expect(err).toBe('');
  if ((b as Block).lang === 'json') expect(JSON.parse(out)).toEqual(JSON.parse((b as Block).body));
  else expect(out).toEqual((b as Block).body);
});
