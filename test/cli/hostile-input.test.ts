// Hostile and malformed input (issue 16): every command ends in bounded time and memory with an error that names the
// file (and document), or a finding; nothing is skipped in silence. Inputs that used to hang or exhaust memory run in a
// child process with a timeout, so that a regression fails the test instead of hanging the suite.
import { spawn, spawnSync, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { MAX_FILE_BYTES_ENV } from '../../src/model/load';
import { CLI_FROM_SOURCE } from '../cli-process';
import { tempDirEach } from '../model/file-tree';

const root = path.join(__dirname, '..', '..');
const SVC = (name: string) => `apiVersion: v1\nkind: Service\nmetadata: { name: ${name} }\nspec: { selector: { app: ${name} }, ports: [{ port: 80 }] }\n`;
const DEPLOY = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name} }\nspec:\n  selector: { matchLabels: { app: ${name} } }\n  template:\n    metadata: { labels: { app: ${name} } }\n    spec: { containers: [{ name: c, image: nginx, ports: [{ containerPort: 80 }] }] }\n`;

/**
 * The issue's 609-byte alias bomb: nine levels of nine aliases used as spec.externalIPs, 9^9 (387 million) strings once
 * expanded.
 */
function aliasBomb(): string {
  const lines = ['apiVersion: v1', 'kind: Service', 'metadata: {name: bomb}'];
  lines.push(`x-a0: &a0 [${Array.from({ length: 9 }, (_, i) => `"1.2.3.${i + 4}"`).join(',')}]`);
  for (let i = 1; i < 9; i++) lines.push(`x-a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`);
  lines.push('spec:', '  selector: {app: x}', '  ports: [{port: 80}]', '  externalIPs: *a8');
  return `${lines.join('\n')}\n`;
}

let dir: string;
tempDirEach('cdk8s-dns-hostile-', (d) => { dir = d; });

/** Runs the CLI in this process. */
function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = run(argv, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; } });
  return { code, out, err };
}

/** Runs the CLI (from src, through the caching TypeScript hook) in a child process that is killed after `timeout` ms. */
function child(argv: string[], timeout = 30_000) {
  const r = spawnSync(process.execPath, [...CLI_FROM_SOURCE, ...argv],
    { cwd: root, encoding: 'utf8', timeout, maxBuffer: 16 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr, error: r.error, signal: r.signal };
}

describe('bounded work for any input', () => {
  test.each(['check', 'graph', 'records'])('%s refuses the 600-byte alias bomb within seconds, naming the file and document', (command) => {
    // GIVEN
    const bomb = path.join(dir, 'bomb.yaml');
    fs.writeFileSync(bomb, aliasBomb());
    expect(fs.statSync(bomb).size).toBeLessThan(700);

    // WHEN (the child is killed after 90 s: a busy machine stretches the wall clock, the alias bound is what is tested)
    const r = child([command, '--jobs', '1', '-f', bomb], 90_000);

    // THEN refused by the alias bound (r.error would be the kill), not expanded to 387 million strings
    expect(r.error).toBeUndefined();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bomb\.yaml: document 1: excessive aliasing: its aliases expand \d+ written nodes to \d+ \(kubectl refuses it: "document contains excessive aliasing"\)\n$/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  }, 120_000);

  test('aliases that expand a little (shared labels, a ports list used twice) are read as before', () => {
    // GIVEN
    const text = 'apiVersion: v1\nkind: Service\nmetadata: { name: a, labels: &l { app: a, tier: web } }\nspec:\n  selector: *l\n  ports: &p [{ port: 80 }]\n'
      + `---\n${DEPLOY('a').replace('labels: { app: a }', 'labels: { app: a, tier: web }')}`;
    fs.writeFileSync(path.join(dir, 'a.yaml'), text);

    // WHEN
    const r = cli('check', '--jobs', '1', '-f', path.join(dir, 'a.yaml'));

    // THEN
    expect(r.err).toBe('');
    expect(r.out).toBe('No problems found.\n');
  });

  test.each([
    ['/dev/zero', '/dev/zero'],
    ['/dev/urandom', '/dev/urandom'],
  ])('a character device (%s) is refused at once, naming it', (_what, device) => {
    if (!fs.existsSync(device)) return;
    const r = child(['check', '-f', device], 20_000);
    expect(r.error).toBeUndefined();
    expect(r.code).toBe(2);
    expect(r.err).toBe(`cdk8s-dns check: ${device}: cannot read a character device; only files, folders, FIFOs and standard input (-f -) are read\n`);
  }, 30_000);

  test('a FIFO found in a folder is skipped and listed, never opened (no hang)', () => {
    // GIVEN: a FIFO without a writer next to a manifest
    if (process.platform === 'win32') return;
    fs.writeFileSync(path.join(dir, 'app.yaml'), `${SVC('web')}---\n${DEPLOY('web')}`);
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);

    // WHEN
    const r = child(['check', '--json', '-f', dir], 20_000);

    // THEN
    expect(r.error).toBeUndefined();
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).findings).toEqual([{
      rule: 'input-skipped',
      level: 'info',
      resource: `File//${path.join(dir, 'pipe.yaml')}`,
      message: `${path.join(dir, 'pipe.yaml')} was not read: a FIFO found in a folder (name it with -f to read it). Fix: nothing if it is not a Kubernetes manifest; else add apiVersion and kind.`,
    }]);
  }, 30_000);

  test('a FIFO named with -f is read (records --jobs 1, with a writer)', () => {
    // GIVEN
    if (process.platform === 'win32') return;
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', 'cat "$1" > "$0"', fifo, path.join(dir, 'app.yaml')], { stdio: 'ignore' });
    fs.writeFileSync(path.join(dir, 'app.yaml'), SVC('piped'));

    // WHEN
    const r = child(['records', '--jobs', '1', '-f', fifo], 20_000);
    writer.kill();

    // THEN
    expect(r.error).toBeUndefined();
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^piped\.default\.svc\.cluster\.local\. 5 IN A /m);
  }, 30_000);

  test('an empty file in a folder holds no objects and is no error', () => {
    fs.writeFileSync(path.join(dir, 'app.yaml'), `${SVC('web')}---\n${DEPLOY('web')}`);
    fs.writeFileSync(path.join(dir, 'empty.yaml'), '');
    fs.writeFileSync(path.join(dir, 'comments.yml'), '# nothing yet\n---\n');
    const r = cli('check', '-f', dir);
    expect(r).toEqual({ code: 0, out: 'No problems found.\n', err: '' });
  });

  describe('the size limit', () => {
    const saved = process.env[MAX_FILE_BYTES_ENV];
    afterEach(() => {
      if (saved === undefined) delete process.env[MAX_FILE_BYTES_ENV];
      else process.env[MAX_FILE_BYTES_ENV] = saved;
    });

    test.each([
      ['a file over the limit', (file: string) => ['-f', file], /^cdk8s-dns check: .*big\.yaml is larger than 1000 bytes, the most one input may hold \(CDK8S_DNS_MAX_FILE_BYTES changes the limit\)\n$/],
      ['a file over the limit in a folder', (file: string) => ['-f', path.dirname(file)], /^cdk8s-dns check: .*big\.yaml is larger than 1000 bytes/],
    ])('%s is an error before it is read', (_what, args, message) => {
      // GIVEN: a limit of 1,000 bytes and a file of about 1,100
      process.env[MAX_FILE_BYTES_ENV] = '1000';
      const file = path.join(dir, 'big.yaml');
      fs.writeFileSync(file, Array.from({ length: 12 }, (_, i) => SVC(`s${i}`)).join('---\n').slice(0, 1100));

      // WHEN
      const r = cli('check', ...args(file));

      // THEN
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
    });

    test('a file at the limit is read', () => {
      const text = `${SVC('web')}---\n${DEPLOY('web')}`;
      process.env[MAX_FILE_BYTES_ENV] = String(Buffer.byteLength(text));
      fs.writeFileSync(path.join(dir, 'app.yaml'), text);
      expect(cli('check', '-f', path.join(dir, 'app.yaml')).code).toBe(0);
    });

    test('a limit that is not a whole number is an error naming the variable', () => {
      process.env[MAX_FILE_BYTES_ENV] = '1e6';
      fs.writeFileSync(path.join(dir, 'app.yaml'), SVC('web'));
      expect(cli('check', '-f', dir).err).toBe('cdk8s-dns check: CDK8S_DNS_MAX_FILE_BYTES must be a whole number of bytes of at least 1 (got "1e6")\n');
    });
  });

  test('check --jobs 1 reads one file of 500,000 small objects (no argument spread of the documents)', () => {
    // GIVEN: 30 MB of ConfigMaps in one file
    const file = path.join(dir, 'many.yaml');
    const fd = fs.openSync(file, 'w');
    for (let i = 0; i < 500_000; i += 10_000) {
      let chunk = '';
      for (let k = i; k < i + 10_000; k++) chunk += `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${k}}\n`;
      fs.writeSync(fd, chunk);
    }
    fs.closeSync(fd);

    // WHEN
    const r = cli('check', '--jobs', '1', '-f', file);

    // THEN
    expect(r.err).toBe('');
    expect(r).toEqual({ code: 0, out: 'No problems found.\n', err: '' });
  }, 120_000);
});

describe('nothing skipped in silence', () => {
  test('a Service without apiVersion (an ExternalName to the metadata endpoint) is an error naming file and document', () => {
    // GIVEN
    fs.writeFileSync(path.join(dir, 'app.yaml'), `${SVC('web')}---\n${DEPLOY('web')}---\nkind: Service\nmetadata: { name: imds }\nspec: { type: ExternalName, externalName: 169.254.169.254 }\n`);

    // WHEN
    const r = cli('check', '-f', dir);

    // THEN
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`cdk8s-dns check: ${path.join(dir, 'app.yaml')}: document 3: Service "imds" has no apiVersion; kubectl refuses the document ("apiVersion not set"): add apiVersion (v1 for kind Service)\n`);
  });

  test('a values.yaml in a folder is listed as skipped at info, never an error', () => {
    // GIVEN
    fs.mkdirSync(path.join(dir, 'chart'));
    fs.writeFileSync(path.join(dir, 'app.yaml'), `${SVC('web')}---\n${DEPLOY('web')}`);
    fs.writeFileSync(path.join(dir, 'chart', 'values.yaml'), 'replicaCount: 2\nimage: { repository: nginx }\n');

    // WHEN
    const r = cli('check', '-f', dir);

    // THEN
    expect(r.code).toBe(0);
    expect(r.out).toBe([
      `File//${path.join(dir, 'chart', 'values.yaml')}`,
      `  info     input-skipped  ${path.join(dir, 'chart', 'values.yaml')} document 1 was not read: no apiVersion, kind or metadata. Fix: nothing if it is not a Kubernetes manifest; else add apiVersion and kind.`,
      '',
      '0 errors, 0 warnings, 1 info in 1 object',
      '',
    ].join('\n'));
  });

  test('a values.yaml named with -f is an error, as kubectl makes it', () => {
    const file = path.join(dir, 'values.yaml');
    fs.writeFileSync(file, 'replicaCount: 2\n');
    const r = cli('check', '-f', file);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`cdk8s-dns check: ${file}: document 1: not a Kubernetes object (no apiVersion, kind or metadata); kubectl refuses it (in a file found in a folder it would be skipped)\n`);
  });

  test('a folder of nothing but skipped files says what was skipped', () => {
    fs.writeFileSync(path.join(dir, 'values.yaml'), 'replicaCount: 2\n');
    const r = cli('check', '-f', dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`cdk8s-dns check: no Kubernetes objects found in ${dir}; skipped: ${path.join(dir, 'values.yaml')} document 1 (no apiVersion, kind or metadata)\n`);
  });
});

describe('answers beyond what a DNS message holds', () => {
  /** A headless Service `big` in `shop` whose one slice has `n` ready endpoints. */
  function headless(n: number): string {
    const ips = Array.from({ length: n }, (_, i) => `  - addresses: ["10.0.${Math.floor(i / 256)}.${i % 256}"]\n`).join('');
    return `${'apiVersion: v1\nkind: Service\nmetadata: {name: big, namespace: shop}\nspec: {clusterIP: None, ports: [{name: p, port: 80}]}\n---\n'
      + 'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: big-0, namespace: shop, labels: {kubernetes.io/service-name: big}}\n'
      + 'addressType: IPv4\nports: [{name: p, port: 80, protocol: TCP}]\nendpoints:\n'}${ips}`;
  }

  test('resolve lists the first 4,096 records of a name that stands for more, and says so (text and JSON)', () => {
    const file = path.join(dir, 'big.yaml');
    fs.writeFileSync(file, headless(5000));

    const text = cli('resolve', 'big.shop.svc.cluster.local', '-f', file);
    const json = cli('resolve', 'big.shop.svc.cluster.local', '--json', '-f', file);

    expect(text.code).toBe(0);
    expect(text.out.split('\n').filter((l) => / IN A /.test(l))).toHaveLength(4096);
    expect(text.out).toContain('\n;; CUT: big.shop.svc.cluster.local. A stands for more than 4,096 records; the first 4,096 are listed (no DNS message holds more)\n');
    const parsed = JSON.parse(json.out);
    expect(parsed.answers).toHaveLength(4096);
    expect(parsed.cut).toBe('big.shop.svc.cluster.local. A stands for more than 4,096 records; the first 4,096 are listed (no DNS message holds more)');
  });

  test('records lists every record of a name past one message\'s bound: a listing is no DNS message (before: 4,096, with notes)', () => {
    const file = path.join(dir, 'big.yaml');
    fs.writeFileSync(file, headless(5000));

    const r = cli('records', '-f', file);

    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('big.shop.svc.cluster.local. 5 IN A '))).toHaveLength(5000);
    expect(lines.filter((l) => l.startsWith('_p._tcp.big.shop.svc.cluster.local. 5 IN SRV '))).toHaveLength(5000);
    expect(lines.filter((l) => l.startsWith(';'))).toEqual([]);
    expect(r.err).toBe('');
    // the 5,000th address: under the Service's name and its endpoint's own name
    expect(lines.filter((l) => / IN A 10\.0\.19\.135$/.test(l))).toEqual([
      '10-0-19-135.big.shop.svc.cluster.local. 5 IN A 10.0.19.135', 'big.shop.svc.cluster.local. 5 IN A 10.0.19.135',
    ]);
  });
});

describe('resolve refuses what no DNS question can carry, as host does', () => {
  const svc = () => {
    const file = path.join(dir, 'web.yaml');
    fs.writeFileSync(file, SVC('web'));
    return file;
  };

  test.each([
    ['a name of 100,000 characters', 'a'.repeat(100_000), 'NAME "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"... is not a legal DNS name: it has 100,000 octets (at most 253)'],
    ['10,000 labels', Array(10_000).fill('a').join('.'), 'NAME "a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a."... is not a legal DNS name: it has 19,999 octets (at most 253)'],
    ['an empty label', 'web..default.svc.cluster.local', 'NAME "web..default.svc.cluster.local" is not a legal DNS name: it has an empty label'],
    ['a label of 64 characters', `${'w'.repeat(64)}.default`, `NAME "${'w'.repeat(64)}.default" is not a legal DNS name: a label has 64 octets (at most 63)`],
    ['an empty name', '', 'NAME "" is not a legal DNS name: it is empty'],
    // DNS limits are octets: before, these were counted in characters (40 and 130) and asked
    ['a label of 40 é (80 octets)', `${'é'.repeat(40)}.default`, `NAME "${'é'.repeat(40)}.default" is not a legal DNS name: a label has 80 octets (at most 63)`],
    ['a name of 130 é in labels of 26 (260 octets)', Array(5).fill('é'.repeat(26)).join('.'), `NAME "${Array(5).fill('é'.repeat(26)).join('.').slice(0, 80)}"... is not a legal DNS name: it has 264 octets (at most 253)`],
  ])('%s: exit 2, quoting the name (cut)', (_case, name, message) => {
    const r = cli('resolve', name, '-f', svc());
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')[0]).toBe(`cdk8s-dns: ${message}`);
  });

  test.each([
    ['a wildcard label (a plain label, dns-rules 19)', '*.default.svc.cluster.local', 1],
    ['a name with non-ASCII letters', 'wéb.default.svc.cluster.local', 1],
    ['the root', '.', 1],
    ['a name of 253 characters', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`, 1],
  ])('%s is asked (NXDOMAIN)', (_case, name, code) => {
    const r = cli('resolve', name, '-f', svc());
    expect(r.err).toBe('');
    expect(r.code).toBe(code);
  });

  test('a --namespace longer than a namespace name can be is refused, quoting it cut', () => {
    const r = cli('resolve', 'web', '--namespace', 'n'.repeat(100_000), '-f', svc());
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(`cdk8s-dns: --namespace must be a namespace name: a DNS-1123 label of at most 63 letters, digits and '-' (got "${'n'.repeat(80)}"...)`);
  });

  test('many names: the count and the first ten', () => {
    const r = cli('resolve', ...Array.from({ length: 1000 }, (_, i) => `n${i}`), '-f', svc());
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe('cdk8s-dns: resolve takes one NAME (got 1000: "n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9" and 990 more)');
  });
});

describe('usage errors quote a huge value cut to about 80 characters', () => {
  const BIG = 'v'.repeat(1_000_000);
  test.each<[string, string[]]>([
    ['an unknown command', [BIG]],
    ['an unknown option', ['resolve', 'x', `--${BIG}`]],
    ['--type', ['resolve', 'x', '--type', BIG]],
    ['--ndots', ['resolve', 'x', '--ndots', BIG]],
    ['--ttl', ['records', '--ttl', BIG]],
    ['--jobs', ['records', '--jobs', BIG]],
    ['a NAME given to records', ['records', BIG]],
    ['--format of graph', ['graph', '--format', BIG]],
    ['--port of serve', ['serve', '--port', BIG]],
    ['--address of serve', ['serve', '--address', BIG]],
  ])('%s', (_case, argv) => {
    const r = cli(...argv);
    expect(r.code).toBe(2);
    const first = r.err.split('\n')[0];
    expect(first).toMatch(/"(--)?v{78,80}"\.\.\./);
    expect(first.length).toBeLessThan(300);
  });
});
