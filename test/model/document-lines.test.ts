// Each object's source.line: the 1-based line where its document starts, from files and standard input, the same on
// one thread and on worker threads (issue 18: findings name file and line).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { jsonDocumentLines } from '../../src/model/json-lines';
import { loadManifests, parseManifestText, readFilesInParallel } from '../../src/model/load';

const svc = (name: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\n`;

describe('source.line of YAML documents', () => {
  test.each<[string, string, number[]]>([
    ['one document', svc('a'), [1]],
    ['documents after ---', `---\n${svc('a')}---\n${svc('b')}`, [2, 6]],
    ['a document after comments and blank lines', `# generated\n# by cdk8s\n\n---\n# the api\n\n${svc('a')}`, [7]],
    ['comments before the first --- are no document', `# c\n---\n${svc('a')}`, [3]],
    ['an empty document between two', `${svc('a')}---\n---\n${svc('b')}`, [1, 6]],
    ['a document on its --- line', '--- {apiVersion: v1, kind: Service, metadata: {name: a}}\n--- {apiVersion: v1, kind: Service, metadata: {name: b}}\n', [1, 2]],
    ['a document after ...', `${svc('a')}...\n${svc('b')}`, [1, 5]],
    ['CR LF line breaks', `${svc('a')}---\n${svc('b')}`.replace(/\n/g, '\r\n'), [1, 5]],
    ['a lone CR ends a line too', `${svc('a')}---\n${svc('b')}`.replace(/\n/g, '\r'), [1, 5]],
    ['a byte order mark', `\ufeff${svc('a')}---\n${svc('b')}`, [1, 5]],
    ['a block scalar before the next document', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  x: |\n    a\n    b\n---\n${svc('b')}`, [1, 9]],
  ])('%s', (_name, text, lines) => {
    expect(parseManifestText(text, 'a.yaml').map((d) => d.source.line)).toEqual(lines);
  });

  test('the items of a List have the line of their List document', () => {
    const text = `${svc('a')}---\n# a list\napiVersion: v1\nkind: List\nitems:\n  - ${svc('x').trimEnd().split('\n').join('\n    ')}\n  - ${svc('y').trimEnd().split('\n').join('\n    ')}\n`;
    expect(parseManifestText(text, 'l.yaml').map((d) => [d.object.metadata?.name, d.source.line, d.source.item])).toEqual([['a', 1, undefined], ['x', 6, 0], ['y', 6, 1]]);
  });

  test('a document with a key given twice keeps its line (the read that names the keys)', () => {
    const text = `${svc('a')}---\n\n${svc('b')}spec: {type: ClusterIP}\nspec: {type: NodePort}\n`;
    const docs = parseManifestText(text, 'd.yaml');
    expect(docs.map((d) => d.source.line)).toEqual([1, 6]);
    expect(docs[1].source.duplicateKeys).toEqual([{ key: 'spec', line: 10 }]);
  });

  test('standard input has lines, as a file', () => {
    expect(loadManifests(['-'], { stdin: () => `# c\n---\n${svc('a')}` })[0].source).toEqual({ file: '-', document: 1, line: 3 });
  });
});

describe('source.line of JSON documents', () => {
  test.each<[string, string, number[]]>([
    ['one object', '\n\n  {"apiVersion": "v1", "kind": "Service",\n "metadata": {"name": "a"}}\n', [3]],
    ['an array, one element a line', '[\n  {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a"}},\n  {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "b"}}\n]', [2, 3]],
    ['brackets, commas and escaped quotes in strings and nested values', '[{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"},\n "data": {"x": "[,{\\"]", "y": "\\\\"}, "z": [[1, 2], {"w": [3]}]},\n\n {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "b"}}]', [1, 4]],
    ['CR LF', '[\r\n{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a"}}\r\n]', [2]],
  ])('%s', (_name, text, lines) => {
    expect(parseManifestText(text, 'a.json').map((d) => d.source.line)).toEqual(lines);
  });

  test.each<[string, string, number[]]>([
    ['an empty array', '[ ]', []],
    ['a scalar', '\n3', [2]],
    ['scalars in an array', '[1,\n"a,b",\nnull]', [1, 2, 3]],
  ])('jsonDocumentLines: %s', (_name, text, lines) => {
    expect(jsonDocumentLines(text)).toEqual(lines);
  });
});

describe('source.line on worker threads', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-dns-lines-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** 600 documents of varying shapes: comments, blank lines, empty documents, CR LF, Lists. */
  function varied(): string {
    const docs: string[] = [];
    for (let i = 0; i < 600; i++) {
      const shape = i % 5;
      if (shape === 0) docs.push(`# object ${i}\n\n${svc(`s${i}`)}`);
      else if (shape === 1) docs.push(`${svc(`s${i}`)}spec:\n  ports:\n    - port: 80\n`);
      else if (shape === 2) docs.push(`\n---\n${svc(`s${i}`)}`.replace(/\n/g, '\r\n'));
      else if (shape === 3) docs.push(`apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: Service, metadata: {name: s${i}}}\n`);
      else docs.push(`{apiVersion: v1, kind: Service, metadata: {name: s${i}}}\n`);
    }
    return docs.join('---\n');
  }

  test('a file read by a worker gives the one-thread lines', () => {
    // GIVEN
    const file = path.join(dir, 'big.yaml');
    fs.writeFileSync(file, varied());
    const counts = { fromWorkers: 0 };

    // WHEN: the worker takes the file
    const docs = readFilesInParallel([file], 1, { workersFirst: true, counts, named: () => true });
    const one = loadManifests([file]);

    // THEN
    expect(counts.fromWorkers).toBe(1);
    expect(docs.map((d) => d.source)).toEqual(one.map((d) => d.source));
    expect(one.every((d) => typeof d.source.line === 'number')).toBe(true);
    // the line is the one where the object's document starts: its first key, or the comment-free line after ---
    const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    for (const d of one) expect(lines[d.source.line! - 1]).toMatch(/^(apiVersion: v1|\{apiVersion: v1, kind: Service, metadata: \{name: s\d+\}\})$/);
  });

  test('a file a worker leaves to this thread (a key given twice) has the same lines as one thread', () => {
    const file = path.join(dir, 'dup.yaml');
    fs.writeFileSync(file, varied().replace('name: s301}', 'name: s301, name: s301}'));
    const counts = { fromWorkers: 0 };
    const docs = readFilesInParallel([file], 1, { workersFirst: true, counts, named: () => true });
    expect(counts.fromWorkers).toBe(0);
    expect(docs.map((d) => d.source)).toEqual(loadManifests([file]).map((d) => d.source));
  });

  test('files on worker threads (jobs) have the one-thread lines', () => {
    const files = [0, 1, 2].map((i) => {
      const file = path.join(dir, `f${i}.yaml`);
      fs.writeFileSync(file, `# file ${i}\n${varied().slice(0, 3000 * (i + 1)).replace(/---\n[^-]*$/, '')}`);
      return file;
    });
    const counts = { fromWorkers: 0 };
    const docs = readFilesInParallel(files, 2, { workersFirst: true, counts });
    expect(counts.fromWorkers).toBe(3);
    expect(docs.map((d) => d.source)).toEqual(loadManifests(files).map((d) => d.source));
  });
});
