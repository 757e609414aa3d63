// Two CLI promises on the accepted side (issue 21): a check whose findings are only warnings or info succeeds
// (exit 0) and still prints them; an option given twice keeps its last value, in every command (like kubectl's
// flags), so a wrapper script can append an override to a fixed command line.
import { runCheck } from '../../src/cli/check';
import { run } from '../../src/cli/main';

function check(argv: string[], stdin: string) {
  let out = '';
  let err = '';
  const code = runCheck(argv, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, stdin: () => stdin });
  return { code, out, err };
}

function cli(argv: string[], stdin: string) {
  let out = '';
  let err = '';
  const code = run(argv, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, stdin: () => stdin });
  return { code, out, err };
}

/** A selectorless Service in "ops" and its Endpoints, whose address has a leading zero: a warning only (rule 37). */
const LEADING_ZERO = `apiVersion: v1
kind: Service
metadata: {name: ext, namespace: ops}
spec: {ports: [{port: 443}]}
---
apiVersion: v1
kind: Endpoints
metadata: {name: ext, namespace: ops}
subsets: [{addresses: [{ip: 203.0.113.010}], ports: [{port: 443}]}]
`;

/** The same correct pair, plus an ExternalName Service without a namespace: an info finding only (namespace-implicit). */
const IMPLICIT_NAMESPACE = `apiVersion: v1
kind: Service
metadata: {name: ext, namespace: ops}
spec: {ports: [{port: 443}]}
---
apiVersion: v1
kind: Endpoints
metadata: {name: ext, namespace: ops}
subsets: [{addresses: [{ip: 203.0.113.10}], ports: [{port: 443}]}]
---
apiVersion: v1
kind: Service
metadata: {name: github}
spec: {type: ExternalName, externalName: github.com}
`;

/**
 * A Service without namespace, and its Endpoints and an ExternalName to it in "ops": they pair up only when the
 * default namespace is ops; otherwise the ExternalName's target is missing (an error).
 */
const NAMESPACE_PAIR = `apiVersion: v1
kind: Service
metadata: {name: ext}
spec: {ports: [{port: 1}]}
---
apiVersion: v1
kind: Endpoints
metadata: {name: ext, namespace: ops}
subsets: [{addresses: [{ip: 203.0.113.1}], ports: [{port: 1}]}]
---
apiVersion: v1
kind: Service
metadata: {name: alias, namespace: ops}
spec: {type: ExternalName, externalName: ext.ops.svc.cluster.local}
`;

/** Endpoints with an address in 172.20.0.0/16: reported only when that is the service CIDR (CVE-2021-25740). */
const IN_CIDR = `apiVersion: v1
kind: Service
metadata: {name: ext}
spec: {ports: [{port: 1}]}
---
apiVersion: v1
kind: Endpoints
metadata: {name: ext}
subsets: [{addresses: [{ip: 172.20.0.9}], ports: [{port: 1}]}]
`;

const DB = `apiVersion: v1
kind: Service
metadata: {name: db, namespace: prod}
spec: {clusterIP: 10.96.0.50, selector: {app: db}, ports: [{name: pg, port: 5432}]}
`;

describe('check: warnings and info alone', () => {
  test('exits 0 and prints the warning when every finding is a warning', () => {
    const r = check(['-f', '-'], LEADING_ZERO);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^Endpoints\/ops\/ext\n {2}warning {2}endpoints-invalid +Endpoints "ext": subsets\[0\]\.addresses\[0\]\.ip: Invalid value: "203\.0\.113\.010": must not have leading 0s/);
    expect(r.out).toMatch(/\n0 errors, 1 warning, 0 info in 1 object\n$/);
  });

  test('--json says success with the warning in the findings', () => {
    const r = check(['-f', '-', '--json'], LEADING_ZERO);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.success).toBe(true);
    expect(json.findings.map((f: any) => [f.rule, f.level])).toEqual([['endpoints-invalid', 'warning']]);
  });

  test('exits 0 and prints the info finding when every finding is info', () => {
    const r = check(['-f', '-'], IMPLICIT_NAMESPACE);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Service\/default\/github\n {2}info {5}namespace-implicit/);
    expect(r.out).toMatch(/\n0 errors, 0 warnings, 1 info in 1 object\n$/);
    expect(JSON.parse(check(['-f', '-', '--json'], IMPLICIT_NAMESPACE).out)).toMatchObject({ success: true, findings: [{ level: 'info' }] });
  });
});

describe('a repeated option keeps its last value', () => {
  test.each<[string, string[], string, number]>([
    ['--default-namespace: the last one pairs the objects', ['--default-namespace', 'default', '--default-namespace', 'ops'], NAMESPACE_PAIR, 0],
    ['--default-namespace: the last one separates them', ['--default-namespace', 'ops', '--default-namespace', 'default'], NAMESPACE_PAIR, 1],
    ['--default-namespace=: the same with =', ['--default-namespace=default', '--default-namespace=ops'], NAMESPACE_PAIR, 0],
    ['--default-namespace: an invalid first value is replaced', ['--default-namespace', 'Not_Valid', '--default-namespace', 'ops'], NAMESPACE_PAIR, 0],
    ['--jobs: an invalid first value is replaced', ['--jobs', '0', '--jobs', '2'], LEADING_ZERO, 0],
    ['--jobs/-j: the alias counts as the same option', ['--jobs', '0', '-j', '1'], LEADING_ZERO, 0],
  ])('check %s', (_, options, yaml, code) => {
    const r = check(['-f', '-', ...options], yaml);
    expect(r.err).toBe('');
    expect(r.code).toBe(code);
  });

  test.each<[string, string[], boolean]>([
    ['the last --service-cidr contains the address', ['--service-cidr', '10.96.0.0/12', '--service-cidr', '172.20.0.0/16'], true],
    ['the last --service-cidr does not contain it', ['--service-cidr', '172.20.0.0/16', '--service-cidr', '10.96.0.0/12'], false],
  ])('check: %s', (_, options, reported) => {
    const r = check(['-f', '-', '--json', ...options], IN_CIDR);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out).findings.some((f: any) => f.rule === 'endpoint-address-in-cluster-cidr')).toBe(reported);
  });

  test('check: the last value is the one a usage error names', () => {
    const r = check(['-f', '-', '--default-namespace', 'ops', '--default-namespace', 'Bad'], NAMESPACE_PAIR);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--default-namespace must be a namespace name: a DNS-1123 label.*\(got "Bad"\)/);
  });

  test.each<[string, string[], RegExp]>([
    ['--type', ['--type', 'AAAA', '--type', 'A'], /10\.96\.0\.50/],
    ['-t after --type', ['--type', 'AAAA', '-t', 'SRV'], /_pg\._tcp|5432/],
    ['--domain', ['--domain', 'example.org', '--domain', 'cluster.local'], /10\.96\.0\.50/],
    ['--namespace', ['--namespace', 'default', '--namespace', 'prod'], /10\.96\.0\.50/],
  ])('resolve keeps the last %s', (_, options, answer) => {
    const name = options.includes('--namespace') ? 'db' : options.includes('SRV') ? '_pg._tcp.db.prod.svc.cluster.local' : 'db.prod.svc.cluster.local';
    const r = cli(['resolve', name, '-f', '-', ...options], DB);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(answer);
  });

  test('resolve: the earlier value is really overridden (the first --domain alone gives NXDOMAIN)', () => {
    expect(cli(['resolve', 'db.prod.svc.cluster.local', '-f', '-', '--domain', 'example.org'], DB).code).toBe(1);
    expect(cli(['resolve', 'db.prod.svc.cluster.local', '-f', '-', '--domain', 'cluster.local', '--domain', 'example.org'], DB).code).toBe(1);
  });

  test('graph keeps the last --title', () => {
    const r = cli(['graph', '-f', '-', '--title', 'first', '--title', 'second'], DB);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('second');
    expect(r.out).not.toContain('first');
  });
});
