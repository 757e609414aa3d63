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

  const item = (name: string) => `  - ${svc(name).trimEnd().split('\n').join('\n    ')}\n`;
  const itemLines = (text: string, file = 'l.yaml') => parseManifestText(text, file).map((d) => [d.object.metadata?.name, d.source.line, d.source.item]);

  test('each item of a List has its own line (kubectl get -o yaml)', () => {
    const text = `${svc('a')}---\n# a list\napiVersion: v1\nkind: List\nitems:\n${item('x')}\n  # the next one\n${item('y')}metadata: {resourceVersion: ""}\n`;
    expect(itemLines(text)).toEqual([['a', 1, undefined], ['x', 9, 0], ['y', 14, 1]]);
  });

  test.each<[string, string, (string | number | undefined)[][]]>([
    ['items before kind', `items:\n${item('x')}${item('y')}apiVersion: v1\nkind: List\n`, [['x', 2, 0], ['y', 5, 1]]],
    ['a flow mapping at the root (kubectl get -o json saved as .yaml)', '{"apiVersion": "v1", "kind": "List", "items": [\n  {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "x"}},\n\n  {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "y"}}]}\n', [['x', 2, 0], ['y', 4, 1]]],
    ['a flow mapping at the root after a comment, a --- and blank lines', '# dump\n---\n\n  {apiVersion: v1, kind: List, items: [\n {apiVersion: v1, kind: Service, metadata: {name: x}}]}\n', [['x', 5, 0]]],
    ['a flow sequence', 'apiVersion: v1\nkind: List\nitems: [\n  {apiVersion: v1, kind: Service, metadata: {name: x}},\n  {apiVersion: v1, kind: Service, metadata: {name: y}}]\n', [['x', 4, 0], ['y', 5, 1]]],
    ['an entry on the line after its dash', `apiVersion: v1\nkind: List\nitems:\n-\n  ${svc('x').trimEnd().split('\n').join('\n  ')}\n`, [['x', 5, 0]]],
    ['a *List kind', `apiVersion: v1\nkind: ServiceList\nitems:\n${item('x')}`, [['x', 4, 0]]],
    ['a null entry is skipped, the others keep their lines', `apiVersion: v1\nkind: List\nitems:\n  - null\n${item('y')}`, [['y', 5, 1]]],
    ['items nested deeper are not the List\'s', `apiVersion: v1\nkind: List\nmetadata:\n  items: [a, b]\nitems:\n${item('x')}`, [['x', 6, 0]]],
    ['a key items given twice: the last counts', `apiVersion: v1\nkind: List\nitems:\n${item('x')}items:\n${item('y')}`, [['y', 8, 0]]],
    ['an alias: the List\'s own line', 'apiVersion: v1\nkind: List\nx-items: &l\n  - {apiVersion: v1, kind: Service, metadata: {name: x}}\nitems: *l\n', [['x', 1, 0]]],
  ])('List items: %s', (_name, text, expected) => {
    expect(itemLines(text)).toEqual(expected);
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

  const j = (name: string) => `{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "${name}"}}`;
  test.each<[string, string, (string | number | undefined)[][]]>([
    ['kubectl get -o json', `{\n  "apiVersion": "v1",\n  "items": [\n    ${j('x')},\n    {\n      "apiVersion": "v1", "kind": "Service",\n      "metadata": {"name": "y", "labels": {"items": "[1]"}}\n    }\n  ],\n  "kind": "List",\n  "metadata": {"resourceVersion": ""}\n}\n`, [['x', 4, 0], ['y', 5, 1]]],
    ['a List in a top-level array', `[${j('a')},\n {"kind": "List", "apiVersion": "v1",\n  "items": [\n${j('x')}]}]`, [['a', 1, undefined], ['x', 4, 0]]],
    ['items as a value and nested keys are not the List\'s', `{"apiVersion": "v1", "kind": "List", "metadata": {"items": [1, 2]}, "x": "items",\n "items": [\n${j('x')}]}`, [['x', 3, 0]]],
    ['a key items given twice: the last counts', `{"apiVersion": "v1", "kind": "List", "items": [\n${j('x')}],\n "items": [\n\n${j('y')}]}`, [['y', 5, 0]]],
    ['an empty items array, then one element a line', `{"apiVersion": "v1", "kind": "List", "a": [], "items": [\n${j('x')}\n,\n${j('y')}]}`, [['x', 2, 0], ['y', 4, 1]]],
  ])('List items in JSON: %s', (_name, text, expected) => {
    expect(parseManifestText(text, 'l.json').map((d) => [d.object.metadata?.name, d.source.line, d.source.item])).toEqual(expected);
  });

  test.each<[string, string, number[]]>([
    ['an empty array', '[ ]', []],
    ['a scalar', '\n3', [2]],
    ['scalars in an array', '[1,\n"a,b",\nnull]', [1, 2, 3]],
  ])('jsonDocumentLines: %s', (_name, text, lines) => {
    expect(jsonDocumentLines(text).starts).toEqual(lines);
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
    // the line is the one where the object's document starts (its first key, or the comment-free line after ---), or
    // for the item of a List, its entry
    const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    for (const d of one) expect(lines[d.source.line! - 1]).toMatch(/^(apiVersion: v1|(  - )?\{apiVersion: v1, kind: Service, metadata: \{name: s\d+\}\})$/);
    expect(one.filter((d) => d.source.item !== undefined).map((d) => lines[d.source.line! - 1])).toContain('  - {apiVersion: v1, kind: Service, metadata: {name: s3}}');
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
