// GIVEN the folders of a repository and an ApplicationSet's git directory generators, WHEN the folders they match are
// computed, THEN they follow Argo CD (Go path.Match on the folder's path, exclusion wins, nested matrix/merge to
// Argo CD's depth) and stay bounded for hostile counts; the template path names them only as the exact placeholder.
import { eachGenerator, Folders, gitDirectories, GlobBudget, MAX_DIRECTORY_PATTERNS, MAX_GENERATOR_NESTING, MAX_GLOB_STEPS, pathPlaceholder } from '../../src/model/argo-generators';

/** Folders (`/`-separated paths) as the tree gitDirectories walks. */
function tree(paths: readonly string[]): Folders {
  const children = new Map<string, Set<string>>();
  for (const p of paths) {
    const parts = p.split('/');
    for (let i = 0; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (!children.has(parent)) children.set(parent, new Set());
      children.get(parent)?.add(parts[i]);
    }
  }
  return children;
}
const budget = (): GlobBudget => ({ patterns: MAX_DIRECTORY_PATTERNS, steps: MAX_GLOB_STEPS });
const git = (directories: unknown[], pathParamPrefix?: string) => ({ git: { repoURL: 'https://git.example/r.git', directories, pathParamPrefix } });
const FOLDERS = tree(['apps/web', 'apps/web/db', 'apps/api', 'apps/a*b', 'apps/x1', 'apps/legacy', 'infra/dns', 'infra/net/cni', 'ünï/k']);

describe('the folders a git directory generator matches', () => {
  test.each<[string, unknown[], string[]]>([
    ['* is one segment: apps/* takes apps/web, not apps/web/db', [git([{ path: 'apps/*' }])], ['apps/a*b', 'apps/api', 'apps/legacy', 'apps/web', 'apps/x1']],
    ['** is two *: still one segment', [git([{ path: 'infra/**' }])], ['infra/dns', 'infra/net']],
    ['*/* takes two segments exactly', [git([{ path: '*/*/*' }])], ['apps/web/db', 'infra/net/cni']],
    ['? is one character (a code point)', [git([{ path: 'apps/x?' }, { path: '?nï/?' }])], ['apps/x1', 'ünï/k']],
    ['classes, negated classes and ranges', [git([{ path: 'apps/[a-c]pi' }, { path: 'apps/[^a-w]1' }])], ['apps/api', 'apps/x1']],
    ['\\ escapes: apps/a\\*b is that name only', [git([{ path: 'apps/a\\*b' }])], ['apps/a*b']],
    ['exclude wins, before or after the include', [git([{ path: 'apps/legacy', exclude: true }, { path: 'apps/*' }, { path: 'apps/[aw]*', exclude: true }])], ['apps/x1']],
    ['an exclude of one generator does not touch another', [git([{ path: 'apps/web' }]), git([{ path: 'apps/web', exclude: true }])], ['apps/web']],
    ['a pattern matching nothing, a malformed one ([, [], trailing \\), a placeholder, a leading / or ./', [git([{ path: 'services/*' }, { path: 'apps/[' }, { path: 'apps/[]' }, { path: 'apps/x\\' }, { path: 'apps/{{name}}' }, { path: '/apps/web' }, { path: './apps/web' }])], []],
    ['a malformed exclude excludes nothing', [git([{ path: 'apps/web' }, { path: 'apps/[', exclude: true }])], ['apps/web']],
    ['a matrix in a matrix: its git generators', [{ matrix: { generators: [{ matrix: { generators: [git([{ path: 'apps/web' }]), { list: { elements: [] } }] } }, git([{ path: 'infra/dns' }])] } }], ['apps/web', 'infra/dns']],
    ['a merge: each child', [{ merge: { mergeKeys: ['path'], generators: [git([{ path: 'apps/api' }]), git([{ path: 'apps/x1' }])] } }], ['apps/api', 'apps/x1']],
    ['deeper than Argo CD nests (three matrices) is not read', [{ matrix: { generators: [{ matrix: { generators: [{ matrix: { generators: [git([{ path: 'apps/web' }])] } }] } }] } }], []],
    ['another pathParamPrefix is another placeholder', [git([{ path: 'apps/web' }], 'p')], []],
  ])('%s', (_name, generators, folders) => {
    expect(gitDirectories(generators, '', FOLDERS, budget())).toEqual(folders);
  });

  test.each<[string, string, boolean, string | undefined]>([
    ['{{path}}', '{{path}}', false, ''],
    ['{{ path }}', '{{ path }}', false, ''],
    ['{{p.path}} (pathParamPrefix p)', '{{p.path}}', false, 'p'],
    ['{{ .path.path }} (goTemplate)', '{{ .path.path }}', true, ''],
    ['{{- .p.path.path -}} (goTemplate, prefix p)', '{{- .p.path.path -}}', true, 'p'],
    ['{{path}} with goTemplate (Go fails: no function path)', '{{path}}', true, undefined],
    ['{{ .path.path }} without goTemplate (left as written)', '{{ .path.path }}', false, undefined],
    ['{{path.basename}}', '{{path.basename}}', false, undefined],
    ['a path around the placeholder', '{{path}}/overlay', false, undefined],
    ['a literal path', 'apps/web', false, undefined],
  ])('the template path %s names the folders of the prefix', (_name, p, goTemplate, prefix) => {
    expect(pathPlaceholder(p, goTemplate)).toBe(prefix);
  });
});

describe('bounded for hostile input', () => {
  test(`at most MAX_DIRECTORY_PATTERNS (${MAX_DIRECTORY_PATTERNS}) patterns are read, in all`, () => {
    const folders = tree(Array.from({ length: MAX_DIRECTORY_PATTERNS + 5 }, (_, i) => `d${i}`));
    const dirs = Array.from({ length: MAX_DIRECTORY_PATTERNS + 5 }, (_, i) => ({ path: `d${i}` }));
    const got = gitDirectories([git(dirs)], '', folders, budget());
    expect(got).toHaveLength(MAX_DIRECTORY_PATTERNS);
    expect(got).not.toContain(`d${MAX_DIRECTORY_PATTERNS}`);
  });

  test('a pattern that costs its length times each name\'s stops at MAX_GLOB_STEPS: no further folder matches', () => {
    const names = Array.from({ length: 2_000 }, (_, i) => `${'a'.repeat(250)}${i}`);
    const folders = tree([...names.map((n) => `x/${n}`), 'y/ok']);
    const hostile = `x/${'*a'.repeat(500)}b`;
    const b = budget();
    expect(gitDirectories([git([{ path: hostile }, { path: 'y/*' }])], '', folders, b)).toEqual([]);
    expect(b.steps).toBeLessThan(0);
  });

  test('reading a long segment is paid once per name it is matched against (1,000 `*` against 5,000 short names)', () => {
    const folders = tree(Array.from({ length: 5_000 }, (_, i) => `d${i}`));
    const b: GlobBudget = { patterns: MAX_DIRECTORY_PATTERNS, steps: 100_000 };
    const got = gitDirectories([git([{ path: '*'.repeat(1_000) }])], '', folders, b);
    // the names cost about 6 steps each; the segment's 1,000 characters read for each name spend the budget first
    expect(got.length).toBeLessThan(100);
    expect(b.steps).toBeLessThan(0);
  });

  test(`generators are read to Argo CD's depth (MAX_GENERATOR_NESTING ${MAX_GENERATOR_NESTING}) however deep they go`, () => {
    let g: unknown = git([{ path: 'apps/web' }]);
    for (let i = 0; i < 10_000; i++) g = { matrix: { generators: [g] } };
    const seen: unknown[] = [];
    eachGenerator([g], (x) => seen.push(x));
    expect(seen).toEqual([]);
  });
});
