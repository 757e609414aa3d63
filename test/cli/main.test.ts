// The cdk8s-dns CLI contract (issue 4): text like host -v, the --json shape, exit codes 0/1/2, records.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { CLI_FROM_SOURCE } from '../cli-process';

const YAML = `apiVersion: v1
kind: Service
metadata: { name: external-service }
spec: { type: ExternalName, externalName: github.com }
---
apiVersion: v1
kind: Service
metadata: { name: db, namespace: production }
spec: { clusterIP: 10.96.0.50, selector: { app: db }, ports: [{ name: pg, port: 5432 }] }
---
apiVersion: v1
kind: Service
metadata: { name: sim }
spec: { ports: [{ port: 80 }] }
`;

let dir: string;
let file: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-dns-cli-'));
  file = path.join(dir, 'app.k8s.yaml');
  fs.writeFileSync(file, YAML);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), stdin: () => YAML });
  return { code, out, err };
}

describe('resolve: exit codes', () => {
  test.each([
    ['0 when there is an answer', ['resolve', 'db.production.svc.cluster.local', '-f', 'FILE'], 0],
    ['1 on NXDOMAIN', ['resolve', 'nope.default.svc.cluster.local', '-f', 'FILE'], 1],
    ['1 on NODATA', ['resolve', 'db.production.svc.cluster.local', '--type', 'AAAA', '-f', 'FILE'], 1],
    ['2 without NAME', ['resolve', '-f', 'FILE'], 2],
    ['2 on an unknown type', ['resolve', 'db', '--type', 'MX', '-f', 'FILE'], 2],
    ['2 on a bad --pods', ['resolve', 'db', '--pods', 'sometimes', '-f', 'FILE'], 2],
    ['2 on an unknown option', ['resolve', 'db', '--bogus', '-f', 'FILE'], 2],
    ['2 on a missing file', ['resolve', 'db', '-f', '/nonexistent/dist'], 2],
    ['2 on an unknown command', ['lookup', 'db'], 2],
    ['2 without command', [], 2],
    ['0 for resolve --help', ['resolve', '--help'], 0],
  ])('%s', (_t, argv, code) => {
    expect(cli(...argv.map((a) => (a === 'FILE' ? file : a))).code).toBe(code);
  });
});

describe('resolve --json', () => {
  test('has exactly the contract keys (entryPoints added by issue 17), absolute names, and the tried candidates', () => {
    const r = cli('resolve', 'db.production', '--namespace', 'default', '-f', file, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      question: { name: 'db.production.svc.cluster.local.', type: 'A', namespace: 'default' },
      tried: ['db.production.default.svc.cluster.local.', 'db.production.svc.cluster.local.'],
      rcode: 'NOERROR',
      answers: [{ name: 'db.production.svc.cluster.local.', type: 'A', ttl: 5, data: '10.96.0.50' }],
      simulated: [],
      entryPoints: [],
    });
  });
  test('ExternalName to an outside host: the CNAME alone', () => {
    const j = JSON.parse(cli('resolve', 'external-service', '-n', 'default', '-f', file, '--json').out);
    expect(j.answers).toEqual([{ name: 'external-service.default.svc.cluster.local.', type: 'CNAME', ttl: 5, data: 'github.com.' }]);
  });
  test('SRV data is "priority weight port target."', () => {
    const j = JSON.parse(cli('resolve', '_pg._tcp.db.production.svc.cluster.local', '--type', 'srv', '-f', file, '--json').out);
    expect(j.answers[0].data).toBe('0 100 5432 db.production.svc.cluster.local.');
  });
  test('PTR takes an IP address', () => {
    const j = JSON.parse(cli('resolve', '10.96.0.50', '--type', 'PTR', '-f', file, '--json').out);
    expect(j.question.name).toBe('50.0.96.10.in-addr.arpa.');
    expect(j.answers[0].data).toBe('db.production.svc.cluster.local.');
  });
  test('TXT data is the unquoted string', () => {
    const j = JSON.parse(cli('resolve', 'dns-version.cluster.local', '--type', 'TXT', '-f', file, '--json').out);
    expect(j.answers[0].data).toBe('1.1.0');
  });
  test('NODATA is NOERROR with no answers; namespace null without search', () => {
    const r = cli('resolve', 'db.production.svc.cluster.local', '--type', 'AAAA', '-f', file, '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect([j.rcode, j.answers, j.question.namespace]).toEqual(['NOERROR', [], null]);
  });
  test('simulated values are listed', () => {
    const j = JSON.parse(cli('resolve', 'sim.default.svc.cluster.local', '-f', file, '--json').out);
    expect(j.simulated).toEqual([expect.stringMatching(/^10\.\d+\.\d+\.\d+: ClusterIP of Service default\/sim \(simulated/)]);
  });
  test('--domain changes the zone', () => {
    const r = cli('resolve', 'db.production.svc.corp.internal', '--domain', 'corp.internal', '-f', file, '--json');
    expect(r.code).toBe(0);
  });
  test('- reads standard input', () => {
    expect(cli('resolve', 'db.production.svc.cluster.local', '-f', '-').code).toBe(0);
  });
});

describe('resolve: options reach the resolver', () => {
  const pods = `apiVersion: v1
kind: Service
metadata: { name: hs }
spec: { clusterIP: None, selector: { app: x }, ports: [{ port: 80 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: worker, labels: { app: x } }
spec: { containers: [{ name: c, image: x }] }
status: { phase: Running, podIPs: [{ ip: 10.244.0.7 }], conditions: [{ type: Ready, status: "True" }] }
`;
  const withPods = (...argv: string[]) => {
    let out = '';
    const code = run([...argv, '-f', '-', '--json'], { stdout: (t) => (out += t), stderr: () => undefined, stdin: () => pods });
    return { code, json: JSON.parse(out) };
  };
  test.each([
    ['--pods insecure serves pod-IP names', ['resolve', '1-2-3-4.default.pod.cluster.local', '--pods', 'insecure'], 0],
    ['--pods verified needs a Pod with the IP', ['resolve', '1-2-3-4.default.pod.cluster.local', '--pods', 'verified'], 1],
    ['--pods verified answers a Pod IP', ['resolve', '10-244-0-7.default.pod.cluster.local', '--pods', 'verified'], 0],
    ['default: pods disabled', ['resolve', '10-244-0-7.default.pod.cluster.local'], 1],
    ['--endpoint-pod-names names endpoints after pods', ['resolve', 'worker.hs.default.svc.cluster.local', '--endpoint-pod-names'], 0],
    ['--ttl sets the TTL', ['resolve', 'hs.default.svc.cluster.local', '--ttl', '30'], 0],
  ])('%s', (_t, argv, code) => {
    const r = withPods(...argv);
    expect(r.code).toBe(code);
    if (argv.includes('--ttl')) expect(r.json.answers[0].ttl).toBe(30);
  });
});

describe('resolve: text like host -v', () => {
  test('candidates tried, then the answer section', () => {
    const r = cli('resolve', 'external-service', '--namespace', 'default', '-f', file);
    expect(r.out).toBe([
      'Trying "external-service.default.svc.cluster.local"',
      ';; ->>HEADER<<- opcode: QUERY, status: NOERROR',
      ';; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0',
      '',
      ';; QUESTION SECTION:',
      ';external-service.default.svc.cluster.local. IN A',
      '',
      ';; ANSWER SECTION:',
      'external-service.default.svc.cluster.local. 5 IN CNAME github.com.',
      '',
      '',
    ].join('\n'));
  });
  test('NXDOMAIN: as host -v, only the candidates tried and "not found"', () => {
    const r = cli('resolve', 'nope', '-n', 'default', '-f', file);
    expect(r.code).toBe(1);
    expect(r.out).toBe([
      'Trying "nope.default.svc.cluster.local"',
      'Trying "nope.svc.cluster.local"',
      'Trying "nope.cluster.local"',
      'Trying "nope"',
      'Host nope not found: 3(NXDOMAIN)',
      '',
    ].join('\n'));
  });
  test('NODATA: the sections with the SOA, and no "has no A record" line (host prints it only without -v)', () => {
    const r = cli('resolve', 'db.production.svc.cluster.local', '--type', 'TXT', '-f', file);
    expect(r.code).toBe(1);
    expect(r.out).toBe([
      'Trying "db.production.svc.cluster.local"',
      ';; ->>HEADER<<- opcode: QUERY, status: NOERROR',
      ';; flags: qr aa rd; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 0',
      '',
      ';; QUESTION SECTION:',
      ';db.production.svc.cluster.local. IN TXT',
      '',
      ';; AUTHORITY SECTION:',
      'cluster.local. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 5',
      '',
      '',
    ].join('\n'));
  });
  test('simulated values are marked', () => {
    const r = cli('resolve', 'sim.default.svc.cluster.local', '-f', file);
    expect(r.out).toMatch(/ IN A 10\.\d+\.\d+\.\d+ ; simulated\n/);
    expect(r.out).toContain(';; SIMULATED (not in the input):');
  });
});

describe('errors: one line naming the file and the problem, no stack trace', () => {
  test('unreadable YAML names file and document', () => {
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, `${YAML}---\nkind: Service\n  broken: [\n`);
    const r = cli('resolve', 'db', '-f', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^cdk8s-dns: .*bad\.yaml: document 4: invalid YAML at line \d+: .+\n$/);
  });
  test('a missing path names it', () => {
    const r = cli('records', '-f', path.join(dir, 'nope'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(`cdk8s-dns: ${path.join(dir, 'nope')}: cannot read (no such file or directory)\n`);
  });
  test('the default input is dist/', () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(cli('records').err).toBe('cdk8s-dns: dist/: cannot read (no such file or directory)\n');
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('records', () => {
  test('every record, sorted, zone-file lines, simulated marked', () => {
    const r = cli('records', '-f', file);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toEqual([...lines].sort());
    expect(lines).toContain('external-service.default.svc.cluster.local. 5 IN CNAME github.com.');
    expect(lines).toContain('db.production.svc.cluster.local. 5 IN A 10.96.0.50');
    expect(lines).toContain('_pg._tcp.db.production.svc.cluster.local. 5 IN SRV 0 100 5432 db.production.svc.cluster.local.');
    expect(lines).toContain('50.0.96.10.in-addr.arpa. 5 IN PTR db.production.svc.cluster.local.');
    expect(lines).toContain('dns-version.cluster.local. 28800 IN TXT "1.1.0"');
    const sim = lines.filter((l) => l.startsWith('sim.default'));
    expect(sim.length).toBeGreaterThan(0);
    for (const l of sim) expect(l).toMatch(/ ; simulated$/);
  });
  test('the listing is stable across runs', () => {
    expect(cli('records', '-f', file).out).toBe(cli('records', '-f', file).out);
  });
});

describe('a real process', () => {
  test('node runs src/cli/main.ts: exit status and JSON on stdout', () => {
    const root = path.join(__dirname, '..', '..');
    const args = CLI_FROM_SOURCE;
    const out = execFileSync(process.execPath, [...args, 'resolve', 'db.production', '-n', 'default', '-f', file, '--json'], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out).answers[0].data).toBe('10.96.0.50');
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [...args, 'resolve', 'x', '-f', path.join(dir, 'missing.yaml')], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    } catch (e: any) {
      status = e.status;
      stderr = String(e.stderr);
    }
    expect(status).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  }, 30000);
});
