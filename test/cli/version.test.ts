// `cdk8s-dns --version` / `-V` print the version of the package.json at the package's root, read at run time.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { PACKAGE_JSON, packageInfo } from '../../src/cli/version';

const ROOT = path.join(__dirname, '..', '..');
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), stdin: () => '' });
  return { code, out, err };
}

describe('cdk8s-dns --version', () => {
  test.each([['--version'], ['-V']])('%s prints the package.json version alone and exits 0', (flag) => {
    expect(cli(flag)).toEqual({ code: 0, out: `${VERSION}\n`, err: '' });
  });

  test('the package.json is two folders above the CLI, as from lib/cli/ in an installed package', () => {
    expect(PACKAGE_JSON).toBe(path.join(ROOT, 'package.json'));
    expect(path.relative(path.join(ROOT, 'src', 'cli'), PACKAGE_JSON)).toBe(path.join('..', '..', 'package.json'));
  });

  test('cdk8s-dns --help names it', () => {
    expect(cli('--help').out).toMatch(/^ {2}cdk8s-dns --version, -V: the version of cdk8s-dns$/m);
  });
});

describe('packageInfo', () => {
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-dns-version-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each<[string, object, string | undefined]>([
    ['homepage first', { homepage: 'https://example.org/home', repository: { url: 'https://example.org/r.git' } }, 'https://example.org/home'],
    ['repository.url without git+ and .git', { repository: { type: 'git', url: 'git+https://example.org/r.git' } }, 'https://example.org/r'],
    ['a repository string', { repository: 'https://example.org/r' }, 'https://example.org/r'],
    ['no web address for a shorthand', { repository: 'github:o/r' }, undefined],
  ])('informationUri: %s', (_name, fields, uri) => {
    const file = path.join(dir, 'package.json');
    fs.writeFileSync(file, JSON.stringify({ name: 'p', version: '1.2.3', ...fields }));
    expect(packageInfo(file)).toEqual({ name: 'p', version: '1.2.3', informationUri: uri });
  });

  test('throws for a package.json without version', () => {
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ name: 'p' }));
    expect(() => packageInfo(file)).toThrow(/has no name or version/);
  });
});
