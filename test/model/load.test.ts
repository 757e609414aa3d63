// Loading manifests: multi-document YAML, JSON, folders, stdin, kind: List, and one-line errors naming file and document.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadManifests, ManifestError, parseManifestText } from '../../src/model/load';

const SVC = (name: string) => `apiVersion: v1\nkind: Service\nmetadata: { name: ${name} }\nspec: { clusterIP: None }\n`;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-dns-load-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('parseManifestText', () => {
  test('multi-document YAML with empty and null documents skipped; document numbers kept', () => {
    const docs = parseManifestText(`---\n${SVC('a')}---\n# only a comment\n---\n${SVC('b')}`, 'x.yaml');
    expect(docs.map((d) => [d.object.metadata?.name, d.source.document])).toEqual([['a', 1], ['b', 3]]);
  });
  test('kind: List items are expanded (kubectl get -o yaml)', () => {
    const docs = parseManifestText(`apiVersion: v1\nkind: List\nitems:\n  - ${JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' } })}\n  - ${JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } })}\n`, 'l.yaml');
    expect(docs.map((d) => [d.object.kind, d.source.item])).toEqual([['Service', 0], ['Pod', 1]]);
  });
  test('a List inside a List is an error naming file, document and item (YAML aliases cannot multiply objects)', () => {
    // 900 bytes of aliases: 10 levels of 10 Lists each would be 10^10 Services if nested Lists were expanded.
    let text = 'apiVersion: v1\nkind: List\nitems:\n- &l0 {apiVersion: v1, kind: List, items: [{apiVersion: v1, kind: Service, metadata: {name: a}}]}\n';
    for (let i = 1; i < 10; i++) text += `- &l${i} {apiVersion: v1, kind: List, items: [${Array(10).fill(`*l${i - 1}`).join(', ')}]}\n`;
    text = `---\n${SVC('first')}---\n${text}`;
    expect(() => parseManifestText(text, 'bomb.yaml')).toThrow(ManifestError);
    expect(() => parseManifestText(text, 'bomb.yaml')).toThrow(/^bomb\.yaml: document 2 item 1: a List inside a List is not supported/);
  });
  test('JSON: one object or an array', () => {
    expect(parseManifestText(JSON.stringify([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' } }]), 'a.json')).toHaveLength(1);
  });
  test.each([
    ['invalid YAML names file, document and line', `${SVC('a')}---\nkind: Service\n  bad: [\n`, /^x\.yaml: document 2: invalid YAML at line \d+: /],
    ['a scalar document is not an object', `${SVC('a')}---\njust a string\n`, /^x\.yaml: document 2: not a Kubernetes object/],
    ['a Service without name', 'apiVersion: v1\nkind: Service\nspec: {}\n', /^x\.yaml: document 1: Service has no metadata\.name$/],
  ])('throws when %s', (_t, text, message) => {
    let err: unknown;
    try {
      parseManifestText(text, 'x.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ManifestError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });
  test('mappings without kind or apiVersion (a values.yaml, config) are skipped, not errors', () => {
    const text = `replicaCount: 3\nimage: { repository: nginx }\n---\napiVersion: v1\nmetadata: { name: a }\n---\nkind: Service\nmetadata: { name: b }\n---\n${SVC('c')}`;
    expect(parseManifestText(text, 'values.yaml').map((d) => [d.object.metadata?.name, d.source.document])).toEqual([['c', 4]]);
    expect(parseManifestText(`apiVersion: v1\nkind: List\nitems:\n  - { foo: 1 }\n  - ${JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'i' } })}\n`, 'l.yaml')
      .map((d) => d.source.item)).toEqual([1]);
  });
  test('invalid JSON names the file', () => {
    expect(() => parseManifestText('{ nope', 'bad.json')).toThrow(/^bad\.json: invalid JSON/);
  });
  test('objects of unknown kinds are kept for the model to ignore', () => {
    expect(parseManifestText('apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\n', 'w.yaml')).toHaveLength(1);
  });
});

describe('loadManifests', () => {
  test('folders are read recursively, *.yaml/*.yml/*.json only, sorted by path', () => {
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'b.yaml'), SVC('b'));
    fs.writeFileSync(path.join(dir, 'a.yml'), SVC('a'));
    fs.writeFileSync(path.join(dir, 'sub', 'c.json'), JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'c' } }));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not yaml: [');
    expect(loadManifests([dir]).map((d) => d.object.metadata?.name)).toEqual(['a', 'b', 'c']);
  });
  test('a folder walk skips node_modules and dot-folders, and values files; a non-YAML file stays an error', () => {
    for (const d of ['node_modules/pkg', '.git', '.cache/x', 'app']) fs.mkdirSync(path.join(dir, d), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'pkg', 'bad.yaml'), 'kind: [\n');
    fs.writeFileSync(path.join(dir, '.git', 'bad.yaml'), 'kind: [\n');
    fs.writeFileSync(path.join(dir, '.cache', 'x', 'svc.yaml'), SVC('hidden'));
    fs.writeFileSync(path.join(dir, 'app', 'values.yaml'), 'replicaCount: 1\n');
    fs.writeFileSync(path.join(dir, 'app', 'svc.yaml'), SVC('shown'));
    expect(loadManifests([dir]).map((d) => d.object.metadata?.name)).toEqual(['shown']);
    fs.writeFileSync(path.join(dir, 'app', 'readme.yaml'), 'Just some prose.\n');
    expect(() => loadManifests([dir])).toThrow(/readme\.yaml: document 1: not a Kubernetes object/);
    fs.writeFileSync(path.join(dir, 'app', 'readme.yaml'), 'kind: [\n');
    expect(() => loadManifests([dir])).toThrow(/readme\.yaml: document 1: invalid YAML/);
  });
  test('- reads standard input', () => {
    const docs = loadManifests(['-'], { stdin: () => SVC('from-stdin') });
    expect(docs[0].source).toEqual({ file: '-', document: 1 });
  });
  test('throws when a path does not exist', () => {
    expect(() => loadManifests([path.join(dir, 'missing')])).toThrow(/missing: cannot read \(no such file or directory\)$/);
  });
  test('the error of a bad file in a folder names that file', () => {
    fs.writeFileSync(path.join(dir, 'ok.yaml'), SVC('a'));
    fs.writeFileSync(path.join(dir, 'zz-bad.yaml'), 'kind: [\n');
    expect(() => loadManifests([dir])).toThrow(/zz-bad\.yaml: document 1: invalid YAML/);
  });
});
