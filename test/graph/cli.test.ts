import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findMmdc } from '../../src/cli/graph';
import { run } from '../../src/cli/main';

const YAML = [
  'apiVersion: v1\nkind: Service\nmetadata: {name: database, namespace: production}\nspec: {type: ExternalName, externalName: db.example.com}',
  'apiVersion: v1\nkind: Service\nmetadata: {name: broken, namespace: production}\nspec: {type: ExternalName, externalName: 203.0.113.9}',
].join('\n---\n');

function cli(argv: string[], stdin = YAML) {
  let out = '';
  let err = '';
  const code = run(argv, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, stdin: () => stdin });
  return { code, out, err };
}

/** A new temporary folder, removed after the tests. */
const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('cdk8s-dns graph', () => {
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  test('prints a Mermaid flowchart with the checker\'s errors highlighted, exit 0', () => {
    const r = cli(['graph', '-f', '-']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^flowchart LR\n/);
    expect(r.out).toMatch(/svc_production_broken_[0-9a-f]{6}\["broken\.production\.svc<br\/>ExternalName<br\/>error: externalname-ip"\]/);
    expect(r.out).toMatch(/\n {2}classDef error .*\n {2}classDef warning .*\n {2}class svc_production_broken_[0-9a-f]{6} error\n/);
  });

  test('--no-check draws the names only', () => {
    expect(cli(['graph', '-f', '-', '--no-check']).out).not.toMatch(/classDef|externalname-ip/);
  });

  test('policy flags add the policy rule to the highlights', () => {
    expect(cli(['graph', '-f', '-', '--allow-external-suffix', 'example.org']).out).toMatch(/error: externalname-policy/);
  });

  test('--complete highlights names into namespaces the input does not describe', () => {
    const yaml = 'apiVersion: v1\nkind: Service\nmetadata: {name: queue, namespace: shop}\nspec: {type: ExternalName, externalName: mq.messaging.svc.cluster.local}';
    expect(cli(['graph', '-f', '-'], yaml).out).not.toMatch(/externalname-target-missing/);
    expect(cli(['graph', '-f', '-', '--complete'], yaml).out).toMatch(/error: externalname-target-missing/);
  });

  test('--format markdown wraps it in a mermaid fence; --title adds a title', () => {
    const r = cli(['graph', '-f', '-', '--format', 'markdown', '--title', 'prod']);
    expect(r.out).toMatch(/^```mermaid\n---\ntitle: "prod"\n---\nflowchart LR\n[\s\S]*\n```\n$/);
  });

  test('--output writes the file', () => {
    const dir = tempDir('graph-test-');
    const file = path.join(dir, 'g.mmd');
    const r = cli(['graph', '-f', '-', '--output', file]);
    expect(r).toEqual({ code: 0, out: '', err: '' });
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^flowchart LR/);
  });

  test('--format svg without the Mermaid CLI: exit 2 saying so, nothing written', () => {
    process.env.PATH = tempDir('empty-path-');
    const r = cli(['graph', '-f', '-', '--format', 'svg']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^cdk8s-dns graph: --format svg needs the Mermaid CLI "mmdc" .* on PATH, and it is not installed; use --format mermaid or markdown/);
  });

  test('--format svg runs mmdc -i <mermaid> -o <svg> when it is on PATH', () => {
    // GIVEN a stand-in mmdc that copies its input into an <svg> element
    const bin = tempDir('fake-mmdc-');
    const script = path.join(bin, 'mmdc');
    fs.writeFileSync(script, '#!/bin/sh\n# usage: mmdc -i IN -o OUT\n{ echo "<svg>"; cat "$2"; echo "</svg>"; } > "$4"\n', { mode: 0o755 });
    process.env.PATH = `${bin}${path.delimiter}${savedPath}`;

    // WHEN
    const r = cli(['graph', '-f', '-', '--format', 'svg']);

    // THEN
    expect(findMmdc()).toBe(script);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^<svg>\nflowchart LR\n[\s\S]*<\/svg>\n$/);
  });

  test('a failing mmdc is reported, exit 2', () => {
    const bin = tempDir('bad-mmdc-');
    fs.writeFileSync(path.join(bin, 'mmdc'), '#!/bin/sh\necho "no browser found" >&2\nexit 3\n', { mode: 0o755 });
    process.env.PATH = bin;
    const r = cli(['graph', '-f', '-', '--format', 'svg']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/failed to render the graph: no browser found/);
  });

  test.each([
    ['an unknown format', ['--format', 'png'], /--format must be mermaid, markdown or svg \(got "png"\)/],
    ['a positional argument', ['dist/'], /graph takes no arguments \(got "dist\/"\); use -f PATH/],
    ['an unknown option', ['--bogus'], /unknown option "--bogus"/],
  ])('exit 2 for %s', (_name, args, message) => {
    const r = cli(['graph', '-f', '-', ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/usage: cdk8s-dns graph/);
  });

  test('exit 2 naming the file when input cannot be read', () => {
    const r = cli(['graph', '-f', '/nonexistent/dir']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^cdk8s-dns graph: \/nonexistent\/dir: cannot read/);
  });

  test('is listed in the usage', () => {
    expect(cli(['--help']).out).toMatch(/cdk8s-dns graph \[-f PATH\]\.\.\. \[--format mermaid\|markdown\|svg\]/);
  });
});
