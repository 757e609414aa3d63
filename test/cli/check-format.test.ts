// `cdk8s-dns check --format text|json|sarif|junit` (issue 18): every format on findings from two files names the file
// and line of each object; exit codes are the same in every format; --json is --format json; a bad format is a usage
// error.
import * as fs from 'fs';
import * as path from 'path';
import { toBeValidSarifLog } from '@microsoft/jest-sarif';
import { XMLParser } from 'fast-xml-parser';
import { run } from '../../src/cli/main';

expect.extend({ toBeValidSarifLog });
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toBeValidSarifLog(): R;
    }
  }
}

/**
 * Two files, as given on a command line run from the repository: a.yaml's Service (document 2, line 8, after comments
 * and a ConfigMap) selects no pods (an error); b.yaml's Endpoints (document 2, line 6) has a leading zero (a warning).
 */
const DIR = path.relative(process.cwd(), path.join(__dirname, '..', 'fixtures', 'checks', 'two-files')).split(path.sep).join('/');
const A = `${DIR}/a.yaml`;
const B = `${DIR}/b.yaml`;

function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(['check', ...argv], { stdout: (t) => (out += t), stderr: (t) => (err += t), stdin: () => '' });
  return { code, out, err };
}

describe('check --format', () => {
  test('text (the default): each finding ends with its file and line', () => {
    const r = cli('-f', A, '-f', B);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`^Endpoints/ops/ext\\n {2}warning {2}endpoints-invalid .* \\(${B}:6\\)$`, 'm'));
    expect(r.out).toMatch(new RegExp(`^Service/ops/api\\n {2}error {4}service-selector-no-match .* \\(${A}:8\\)$`, 'm'));
    expect(cli('-f', A, '-f', B, '--format', 'text')).toEqual(r);
  });

  test('json: the findings carry file and line; --json is the same', () => {
    const r = cli('-f', A, '-f', B, '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).findings.map((f: any) => [f.rule, f.file, f.line])).toEqual([
      ['endpoints-invalid', B, 6],
      ['service-selector-no-match', A, 8],
    ]);
    expect(cli('-f', A, '-f', B, '--json')).toEqual(r);
    expect(cli('-f', A, '-f', B, '--json', '--format', 'json')).toEqual(r);
  });

  test('sarif: a valid SARIF 2.1.0 log naming each file as given and the line', () => {
    const r = cli('-f', A, '-f', B, '--format', 'sarif');
    expect(r.code).toBe(1);
    const log = JSON.parse(r.out);
    expect(log).toBeValidSarifLog();
    const version = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
    expect(log.runs[0].tool.driver).toMatchObject({ name: 'cdk8s-dns', version });
    const place = (x: any) => x.locations[0].physicalLocation;
    expect(log.runs[0].results.map((x: any) => [x.ruleId, x.level, place(x).artifactLocation.uri, place(x).region.startLine]))
      .toEqual([['endpoints-invalid', 'warning', B, 6], ['service-selector-no-match', 'error', A, 8]]);
  });

  test('junit: well-formed XML, the error a failure, file and line on the test cases', () => {
    const r = cli('-f', A, '-f', B, '--format', 'junit');
    expect(r.code).toBe(1);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(r.out, true);
    const cases = doc.testsuites.testsuite.flatMap((s: any) => s.testcase).filter((c: any) => c.name !== 'all objects');
    expect(cases.map((c: any) => [c.classname, c.name, c.file, c.line, c.failure !== undefined])).toEqual([
      ['service-selector-no-match', 'Service/ops/api', A, '8', true],
      ['endpoints-invalid', 'Endpoints/ops/ext', B, '6', false],
    ]);
    expect(doc.testsuites.failures).toBe('1');
  });

  test.each([['text'], ['json'], ['sarif'], ['junit']])('%s: exit 0 when no finding is an error, as before', (format) => {
    const r = cli('-f', B, '--format', format);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('endpoints-invalid');
  });

  test('standard input: - and the line in json', () => {
    let out = '';
    const code = run(['check', '-f', '-', '--json'], { stdout: (t) => (out += t), stderr: () => undefined, stdin: () => `# piped\n${fs.readFileSync(B, 'utf8')}` });
    expect(code).toBe(0);
    expect(JSON.parse(out).findings.map((f: any) => [f.file, f.line])).toEqual([['-', 7]]);
  });

  test('the last --format counts', () => {
    expect(cli('-f', B, '--format', 'sarif', '--format', 'json')).toEqual(cli('-f', B, '--format', 'json'));
  });

  test.each<[string, string[], RegExp]>([
    ['an unknown format, naming it and the allowed ones', ['--format', 'xml'], /^cdk8s-dns check: --format must be text, json, sarif or junit \(got "xml"\)$/],
    ['an empty format', ['--format='], /^cdk8s-dns check: --format must be text, json, sarif or junit \(got ""\)$/],
    ['--json with another format', ['--json', '--format', 'sarif'], /^cdk8s-dns check: --json is --format json; it cannot be given with --format sarif$/],
    ['--format without a value', ['--format'], /^cdk8s-dns check: --format needs a value$/],
  ])('exit 2 on %s', (_name, argv, message) => {
    const r = cli('-f', B, ...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')[0]).toMatch(message);
    expect(r.err).toMatch(/\nusage: cdk8s-dns check /);
  });
});
