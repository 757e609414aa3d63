import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findMmdc } from '../../src/cli/graph';
import { run } from '../../src/cli/main';
import { mermaidLimitProblem } from '../../src/graph/namespaces';

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

  test('--format svg of a diagram beyond Mermaid\'s limits: exit 2 naming the sizes, mmdc not run', () => {
    // GIVEN an mmdc that would leave a mark if it ran
    const bin = tempDir('fake-mmdc-');
    const ran = path.join(bin, 'ran');
    fs.writeFileSync(path.join(bin, 'mmdc'), `#!/bin/sh\ntouch ${ran}\n`, { mode: 0o755 });
    process.env.PATH = bin;

    // WHEN the title alone passes 50,000 characters
    const r = cli(['graph', '-f', '-', '--format', 'svg', '--title', 't'.repeat(50_000)]);

    // THEN
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^cdk8s-dns graph: --format svg: the diagram has 50,\d{3} characters \(Mermaid reads at most 50,000\), so mmdc would draw an error instead of it; draw a part with --namespace NS \(repeatable\)\n$/);
    expect(fs.existsSync(ran)).toBe(false);
  });

  test('a failing mmdc is reported, exit 2', () => {
    const bin = tempDir('bad-mmdc-');
    fs.writeFileSync(path.join(bin, 'mmdc'), '#!/bin/sh\necho "no browser found" >&2\nexit 3\n', { mode: 0o755 });
    process.env.PATH = bin;
    const r = cli(['graph', '-f', '-', '--format', 'svg']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/failed to render the graph: no browser found/);
  });

  describe('--namespace and Mermaid\'s limits', () => {
    // shop: an Ingress-free pair, an ExternalName into db, and one to an outside host; db: its target; other: unrelated
    const yaml = [
      'apiVersion: v1\nkind: Service\nmetadata: {name: orders, namespace: shop}\nspec: {type: ExternalName, externalName: postgres.db.svc.cluster.local}',
      'apiVersion: v1\nkind: Service\nmetadata: {name: mail, namespace: shop}\nspec: {type: ExternalName, externalName: smtp.example.com}',
      'apiVersion: v1\nkind: Service\nmetadata: {name: postgres, namespace: db}\nspec: {clusterIP: None, ports: [{port: 5432}]}',
      'apiVersion: v1\nkind: Service\nmetadata: {name: cache, namespace: other}\nspec: {type: ExternalName, externalName: redis.example.net}',
    ].join('\n---\n');
    const nodeIds = (out: string) => [...out.matchAll(/^ {4}(\w+?)_[0-9a-f]{6}[[(>{]/gm)].map((m) => m[1]);

    test('draws the namespace, the edges out of it and their ends; other namespaces are left out', () => {
      const r = cli(['graph', '-f', '-', '--namespace', 'shop'], yaml);
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      expect(nodeIds(r.out).sort()).toEqual(['ext_smtp_example_com', 'svc_db_postgres', 'svc_shop_mail', 'svc_shop_orders']);
      expect(r.out).toMatch(/subgraph ns_shop\b[\s\S]*subgraph ns_db\b|subgraph ns_db\b[\s\S]*subgraph ns_shop\b/);
      expect(r.out).not.toMatch(/cache|redis/);
      expect(r.out.match(/-->/g)).toHaveLength(2);
    });

    test('an edge into the namespace keeps its source; -n is repeatable', () => {
      expect(nodeIds(cli(['graph', '-f', '-', '-n', 'db'], yaml).out).sort()).toEqual(['svc_db_postgres', 'svc_shop_orders']);
      expect(nodeIds(cli(['graph', '-f', '-', '-n', 'db', '-n', 'other'], yaml).out).sort())
        .toEqual(['ext_redis_example_net', 'svc_db_postgres', 'svc_other_cache', 'svc_shop_orders']);
    });

    test('a namespace with nothing to draw is named on standard error', () => {
      const r = cli(['graph', '-f', '-', '-n', 'shpo', '-n', 'shop'], yaml);
      expect(r.code).toBe(0);
      expect(r.err).toBe('cdk8s-dns graph: note: namespace "shpo" has nothing to draw in these manifests\n');
      expect(nodeIds(r.out)).toContain('svc_shop_orders');
      const many = cli(['graph', '-f', '-', ...Array.from({ length: 13 }, (_, i) => ['-n', `x${i % 12}`]).flat()], yaml);
      expect(many.err).toBe('cdk8s-dns graph: note: namespaces "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9" and 2 more have nothing to draw in these manifests\n');
    });

    test('exit 2 for a value that is no namespace name', () => {
      const r = cli(['graph', '-f', '-', '--namespace', 'Shop'], yaml);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^cdk8s-dns graph: --namespace "Shop" is not a namespace name \(a DNS-1123 label: lower-case letters, digits and '-', at most 63 characters\)\n/);
    });

    test('a diagram beyond Mermaid\'s 500 edges is written, with a note naming --namespace', () => {
      const many = Array.from({ length: 501 }, (_, i) =>
        `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}, namespace: ns${i % 2}}\nspec: {type: ExternalName, externalName: h${i}.example.com}`).join('\n---\n');
      const r = cli(['graph', '-f', '-', '--no-check'], many);
      expect(r.code).toBe(0);
      expect(r.out.match(/-->/g)).toHaveLength(501);
      expect(r.err).toMatch(/^cdk8s-dns graph: note: the diagram has 501 edges \(Mermaid draws at most 500\) and [\d,]+ characters \(Mermaid reads at most 50,000\), so GitHub and other Mermaid renderers show an error instead of it; draw a part with --namespace NS \(repeatable\)\n$/);
      // both namespaces are still too many; one of them fits
      expect(cli(['graph', '-f', '-', '--no-check', '-n', 'ns0', '-n', 'ns1'], many).err).toMatch(/; name fewer namespaces with --namespace\n$/);
      const part = cli(['graph', '-f', '-', '--no-check', '-n', 'ns0'], many);
      expect(part.err).toBe('');
      expect(part.out.match(/-->/g)).toHaveLength(251);
    });

    test('exactly 500 edges and 50,000 characters draw without a note', () => {
      const edges = Array.from({ length: 500 }, (_, i) => ({ from: `a${i}`, to: `b${i}`, kind: 'cname' as const, label: 'CNAME' }));
      const graph = { clusterDomain: 'cluster.local', nodes: [], edges, unplaced: [] };
      expect(mermaidLimitProblem(graph, 'x'.repeat(50_000))).toBeUndefined();
      expect(mermaidLimitProblem(graph, 'x'.repeat(50_001))).toBe('50,001 characters (Mermaid reads at most 50,000)');
      expect(mermaidLimitProblem({ ...graph, edges: [...edges, edges[0]] }, '')).toBe('501 edges (Mermaid draws at most 500)');
    });
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
