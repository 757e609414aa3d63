/**
 * No output of the CLI can drive a terminal: names and values from the manifests are printed with their control and
 * invisible characters escaped, in every command (issue: a Service name holding ESC and BEL was printed raw).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';

const EVIL = 'db\u001b]0;pwned\u0007\u009b2J';
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e\ufeff]/;

function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = run(argv, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; } });
  return { code, out, err };
}

describe('control characters from the input are escaped in all text output', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-dns-safe-'));
    file = path.join(dir, 'app.json');
    fs.writeFileSync(file, JSON.stringify([
      { apiVersion: 'v1', kind: 'Service', metadata: { name: EVIL, namespace: 'prod' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'prod' }, spec: { selector: { app: 'x\u202ey' }, ports: [{ port: 80 }] } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'prod' }, spec: { type: 'ExternalName', externalName: `${EVIL}.example.com` } },
    ]));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const ESCAPED = 'db\\u001b]0;pwned\\u0007\\u009b2J';
  test.each([
    ['check', ['check', '-f', '<file>'], ESCAPED],
    ['check --json', ['check', '-f', '<file>', '--json'], ESCAPED],
    ['records', ['records', '-f', '<file>'], `CNAME ${ESCAPED}.example.com.`],
    ['graph', ['graph', '-f', '<file>'], ESCAPED],
    ['resolve', ['resolve', 'ext.prod.svc.cluster.local', '-f', '<file>'], `CNAME ${ESCAPED}.example.com.`],
    ['resolve of an unknown name', ['resolve', `${EVIL}.prod.svc.cluster.local`, '-f', '<file>'], ESCAPED],
  ])('%s', (_case, argv, expected) => {
    const r = cli(argv.map((a) => (a === '<file>' ? file : a)));
    const all = r.out + r.err;
    expect(all).not.toMatch(UNSAFE);
    expect(all).toContain(expected);
  });

  test('check --json still parses, and the name in it is the name of the input', () => {
    const r = cli(['check', '-f', file, '--json']);
    const json = JSON.parse(r.out);
    expect(json.findings.some((f: any) => f.resource === `Service/prod/${EVIL}`)).toBe(true);
  });

  test('an error message naming a file with an escape in its name', () => {
    const r = cli(['check', '-f', path.join(dir, 'no\u001b[31mfile.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(UNSAFE);
    expect(r.err).toContain('no\\u001b[31mfile.yaml');
  });
});
