// Reading manifests on several threads (LoadOptions.jobs, readFilesInParallel, parseInParallel): the same documents,
// sources and errors as reading them on one thread, whichever thread takes which file; documents JSON cannot carry as
// they are go to the calling thread. `workersFirst` makes the workers take every file they can, so that the tests
// exercise the worker path whatever the timing.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadManifests, ManifestError, PARALLEL_MIN_BYTES, PART_BYTES, readFilesInParallel } from '../../src/model/load';
import { parseInParallel, ParseUnit, workerStart } from '../../src/model/parallel-parse';
import { documentCuts } from '../../src/model/yaml-parts';

const svc = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ns\nspec:\n  ports:\n    - port: 80\n`;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-dns-parallel-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes `count` files `f-NNN.yaml` of 3 Services each; returns their paths. */
function writeFiles(count: number): string[] {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `f-${String(i).padStart(3, '0')}.yaml`);
    fs.writeFileSync(file, [0, 1, 2].map((k) => svc(`svc-${i}-${k}`)).join('---\n'));
    files.push(file);
  }
  return files;
}

/** Writes a file into `dir`; returns its path. */
function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** `readFilesInParallel` with the workers taking every file they can; returns the documents and the workers' count. */
function viaWorkers(files: string[], workers = 2) {
  const counts = { fromWorkers: 0 };
  const docs = readFilesInParallel(files, workers, { workersFirst: true, counts });
  return { docs, fromWorkers: counts.fromWorkers };
}

describe('readFilesInParallel', () => {
  test('documents from the workers equal one thread\'s: Lists, JSON files, values files, empty documents', () => {
    // GIVEN
    const files = [
      ...writeFiles(6),
      write('sub/c.json', JSON.stringify([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'from-json' } }])),
      write('sub/list.yaml', `apiVersion: v1\nkind: List\nitems:\n  - ${svc('in-list').split('\n').join('\n    ').trimEnd()}\n---\n---\nreplicaCount: 3\n`),
      write('sub/values.yml', 'replicaCount: 1\n'),
    ];

    // WHEN
    const { docs, fromWorkers } = viaWorkers(files);

    // THEN: every YAML file came from a worker; the JSON file was read here
    expect(fromWorkers).toBe(8);
    expect(docs).toEqual(loadManifests([dir]));
    expect(docs).toHaveLength(6 * 3 + 2);
    expect(docs.slice(-2).map((d) => d.object.metadata?.name)).toEqual(['from-json', 'in-list']);
    expect(docs[docs.length - 1].source).toEqual({ file: path.join(dir, 'sub', 'list.yaml'), document: 1, line: 1, item: 0 });
  });

  test.each([
    ['.inf', 'v: .inf', (v: any) => expect(v).toBe(Infinity)],
    ['-.Inf', 'v: -.Inf', (v: any) => expect(v).toBe(-Infinity)],
    ['.NaN', 'v: .NaN', (v: any) => expect(v).toBeNaN()],
    ['-0.0', 'v: -0.0', (v: any) => expect(Object.is(v, -0)).toBe(true)],
    ['-0e0', 'v: -0e0', (v: any) => expect(Object.is(v, -0)).toBe(true)],
    ['an underflowing negative float', 'v: -1e-400', (v: any) => expect(Object.is(v, -0)).toBe(true)],
    ['-0.0 in a list', 'v: [1, -0.0]', (v: any) => expect(Object.is(v[1], -0)).toBe(true)],
    ['an alias', 'base: &b { port: 80 }\n  v: *b', (v: any, spec: any) => expect(v).toBe(spec.base)],
    ['an alias in a flow sequence', 'base: &b { port: 80 }\n  v: [*b]', (v: any, spec: any) => expect(v[0]).toBe(spec.base)],
    ['an alias right after a colon', '{"base": &b {"port": 80}, "v":*b}', (v: any, spec: any) => expect(v).toBe(spec.base)],
  ])('keeps what JSON cannot carry (%s): the file is read on this thread', (_what, yamlText, expectValue) => {
    // GIVEN
    const files = [...writeFiles(2), write('z-special.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: special }\nspec:\n  ${yamlText}\n`)];

    // WHEN
    const { docs, fromWorkers } = viaWorkers(files);

    // THEN
    expect(fromWorkers).toBe(2);
    const spec = docs[docs.length - 1].object.spec;
    expectValue(spec.v, spec);
    expect(docs).toEqual(loadManifests([dir]));
  });

  test('nested aliases (a few hundred bytes that expand to 2^40 nodes) are refused on this thread, never expanded', () => {
    // GIVEN: each level refers to the one below twice, 40 levels: 2^40 nodes as JSON
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: { name: bomb }', 'data:', '  l0: &l0 [x, y]'];
    for (let i = 1; i <= 40; i++) lines.push(`  l${i}: &l${i} [*l${i - 1}, *l${i - 1}]`);
    const files = [...writeFiles(1), write('z-bomb.yaml', `${lines.join('\n')}\n`)];

    // WHEN / THEN
    expect(() => viaWorkers(files)).toThrow(/z-bomb\.yaml: document 1: excessive aliasing/);
  });

  test('a recursive alias is refused on this thread', () => {
    const files = [...writeFiles(1), write('z-loop.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: loop }\ndata: &d\n  self: *d\n')];
    expect(() => viaWorkers(files)).toThrow(/z-loop\.yaml: document 1: an anchor contains an alias of itself/);
  });

  test('an own __proto__ key stays an own key through a worker', () => {
    // GIVEN
    const files = [write('proto.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: proto }\ndata:\n  __proto__: { polluted: true }\n')];

    // WHEN
    const { docs, fromWorkers } = viaWorkers(files, 1);

    // THEN
    expect(fromWorkers).toBe(1);
    const data = docs[0].object.data;
    expect(Object.prototype.hasOwnProperty.call(data, '__proto__')).toBe(true);
    expect(({} as any).polluted).toBeUndefined();
    expect(docs).toEqual(loadManifests([dir]));
  });

  test.each([
    ['invalid YAML', 'kind: [\n', /f-002\.yaml: document 1: invalid YAML at line 2/],
    ['a document that is not a mapping', 'just prose\n', /f-002\.yaml: document 1: not a Kubernetes object \(expected a mapping with apiVersion and kind, got the string "just prose"\)/],
    ['a Service without a name', 'apiVersion: v1\nkind: Service\nmetadata: {}\n', /f-002\.yaml: document 1: Service has no metadata\.name/],
  ])('the first bad file in path order is reported (%s), as on one thread', (_what, text, message) => {
    // GIVEN: two bad files; the earlier one wins
    const files = writeFiles(8);
    fs.writeFileSync(files[2], text);
    fs.writeFileSync(files[6], 'kind: [\n');

    // WHEN / THEN
    expect(() => viaWorkers(files)).toThrow(ManifestError);
    expect(() => viaWorkers(files)).toThrow(message);
    expect(() => loadManifests([dir])).toThrow(message);
    expect(() => loadManifests([dir], { jobs: 3, parallelMinBytes: 0 })).toThrow(message);
  });

  test('a file that cannot be read gives the one-thread error', () => {
    const files = [...writeFiles(2), path.join(dir, 'gone.yaml')];
    expect(() => viaWorkers(files)).toThrow(new RegExp(`^${path.join(dir, 'gone.yaml').replace(/[.\\/]/g, '\\$&')}: cannot read file \\(ENOENT`));
  });
});

describe('merge keys and duplicate keys on worker threads', () => {
  const cm = (name: string, data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name} }\ndata:\n${data}`;

  test.each([
    ['a merged inline mapping (no alias)', cm('m', '  <<: { a: "1", b: "2" }\n  b: "3"\n'), 1, { a: '1', b: '3' }],
    ['a merged alias of scalars (JSON carries it)', `${cm('m', '  base: &b { a: "1", b: "2" }\n  v:\n    <<: *b\n    b: "3"\n')}`, 1,
      { base: { a: '1', b: '2' }, v: { a: '1', b: '3' } }],
    ['a merged alias holding a mapping (read on this thread)', `${cm('m', '  base: &b { a: { x: "1" } }\n  v: { <<: *b }\n')}`, 0,
      { base: { a: { x: '1' } }, v: { a: { x: '1' } } }],
  ])('%s: the workers give what one thread gives', (_what, text, fromWorkersOfIt, data) => {
    // GIVEN
    const files = [...writeFiles(2), write('z-merge.yaml', text)];

    // WHEN
    const { docs, fromWorkers } = viaWorkers(files);

    // THEN
    expect(fromWorkers).toBe(2 + fromWorkersOfIt);
    expect(docs[docs.length - 1].object.data).toEqual(data);
    expect(docs).toEqual(loadManifests([dir]));
  });

  test('a large text that merges labels into every object reads (js-yaml\'s default limit would refuse it), in parts too', () => {
    // GIVEN: 3,000 objects, each merging 4 labels (5 units of merge work each: 15,000)
    const doc = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c-${i}\n  labels: &l { a: "1", b: "2", c: "3", d: "4" }\ndata: { <<: *l }\n`;
    const file = write('merged.yaml', Array.from({ length: 3000 }, (_, i) => doc(i)).join('---\n'));

    // WHEN
    const one = loadManifests([file]);
    const { docs } = inParts([file], 16 * 1024);

    // THEN
    expect(one).toHaveLength(3000);
    expect(one[2999].object.data).toEqual({ a: '1', b: '2', c: '3', d: '4' });
    expect(docs).toEqual(one);
  });

  test('a merge bomb is still refused, with the same error in parts', () => {
    // GIVEN: one mapping of 2,000 keys merged 400 times (800,000 keys copied from 20 KB of YAML), after 300 Services
    const keys = Array.from({ length: 2000 }, (_, i) => `k${i}: ${i}`).join(', ');
    const bomb = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: bomb }\nbase: &b { ${keys} }\ndata:\n${Array.from({ length: 400 }, (_, i) => `  m${i}: { <<: *b }`).join('\n')}\n`;
    const file = write('bomb.yaml', `${manyServices(300)}---\n${bomb}`);

    // WHEN / THEN
    const message = /bomb\.yaml: document 301: invalid YAML at line \d+: merge keys exceeded maxTotalMergeKeys/;
    expect(() => loadManifests([file])).toThrow(message);
    expect(() => inParts([file], 4096)).toThrow(message);
  });

  test('a file with a key given twice is read on this thread, which names the key and line', () => {
    // GIVEN
    const files = [...writeFiles(2), write('z-dup.yaml', cm('d', '  a: "1"\n  a: "2"\n'))];

    // WHEN
    const { docs, fromWorkers } = viaWorkers(files);

    // THEN
    expect(fromWorkers).toBe(2);
    expect(docs[docs.length - 1].source).toEqual({ file: files[2], document: 1, line: 1, duplicateKeys: [{ key: 'a', line: 6 }] });
    expect(docs[docs.length - 1].object.data).toEqual({ a: '2' });
    expect(docs).toEqual(loadManifests([dir]));
  });
});

describe('loadManifests with jobs', () => {
  const PARALLEL = { jobs: 3, parallelMinBytes: 0 };

  test('gives the same documents as one thread', () => {
    writeFiles(30);
    write('sub/c.json', JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'from-json' } }));
    expect(loadManifests([dir], PARALLEL)).toEqual(loadManifests([dir]));
  });

  test('a missing path is reported after the errors of the paths before it, as on one thread', () => {
    // GIVEN
    const files = writeFiles(5);
    fs.writeFileSync(files[2], 'kind: [\n');
    const missing = path.join(dir, 'missing');

    // WHEN / THEN
    expect(() => loadManifests([dir, missing], PARALLEL)).toThrow(/f-002\.yaml: document 1: invalid YAML/);
    expect(() => loadManifests([missing, dir], PARALLEL)).toThrow(/missing: cannot read \(no such file or directory\)$/);
  });

  test('standard input is read on this thread', () => {
    writeFiles(2);
    const docs = loadManifests([dir, '-'], { ...PARALLEL, stdin: () => svc('from-stdin') });
    expect(docs.map((d) => d.object.metadata?.name)).toEqual(['svc-0-0', 'svc-0-1', 'svc-0-2', 'svc-1-0', 'svc-1-1', 'svc-1-2', 'from-stdin']);
  });

  test.each([0, -1, 1.5, NaN])('jobs %p is an error naming the rule', (jobs) => {
    writeFiles(1);
    expect(() => loadManifests([dir], { jobs })).toThrow(`jobs must be an integer of at least 1 (got ${jobs})`);
  });

  test('the default threshold is 8 MiB', () => {
    expect(PARALLEL_MIN_BYTES).toBe(8 * 1024 * 1024);
  });
});

/** `count` Services as one multi-document YAML text (`---` between them), each about 90 bytes. */
function manyServices(count: number, prefix = 'svc'): string {
  return Array.from({ length: count }, (_, i) => svc(`${prefix}-${i}`)).join('---\n');
}

/** `readFilesInParallel` of `inputs`, large texts in parts of `partBytes`, the workers taking every unit they can. */
function inParts(inputs: string[], partBytes: number, stdin?: () => string) {
  const counts = { fromWorkers: 0 };
  const docs = readFilesInParallel(inputs, 1, { workersFirst: true, counts, partBytes, stdin, named: () => true });
  return { docs, fromWorkers: counts.fromWorkers };
}

describe('documentCuts', () => {
  const cuts = (text: string, size: number) => documentCuts(Buffer.from(text), size);

  test('cuts at the starts of --- lines, each part at least `size` bytes but the last', () => {
    // GIVEN: documents of 6 bytes ("a: 1\n" + "---\n" between them)
    const text = 'a: 1\n---\nb: 2\n---\nc: 3\n---\nd: 4\n';

    // WHEN / THEN
    expect(cuts(text, 1)).toEqual([5, 14, 23]);
    expect(cuts(text, 5)).toEqual([5, 14, 23]);
    expect(cuts(text, 6)).toEqual([14, 23]);
    expect(cuts(text, 10)).toEqual([14]);
    expect(cuts(text, 100)).toEqual([]);
    for (const at of cuts(text, 1)) expect(text.slice(at, at + 4)).toBe('---\n');
  });

  test.each([
    ['--- followed by a space', 'a: 1\n--- {b: 2}\n', [5]],
    ['--- with a CRLF line end', 'a: 1\r\n---\r\nb: 2\r\n', [6]],
    ['--- at the very end', 'a: 1\n---', [5]],
    ['---x, a key', 'a: 1\n---x: 2\n', []],
    ['an indented ---', 'a: |\n  x\n  ---\n', []],
    ['--- followed by a tab (a YAML error, read whole)', 'a: 1\n---\tb: 2\n', []],
    ['---- (four dashes)', 'a: 1\n----\n', []],
    ['--- at offset 0 (the start of the text is never a cut)', '---\na: 1\n', []],
  ])('%s', (_what, text, expected) => {
    expect(cuts(text, 1)).toEqual(expected);
  });

  test.each([
    ['a %YAML directive', '%YAML 1.2\n---\na: 1\n---\nb: 2\n'],
    ['a directive after a document end', 'a: 1\n...\n%TAG ! tag:x,2000:\n---\nb: 2\n'],
  ])('never cuts a text with directives (%s): a directive belongs to the document after it', (_what, text) => {
    expect(cuts(text, 1)).toEqual([]);
  });
});

describe('a large YAML text read in parts', () => {
  test('one file: the same documents and sources as one thread, parts from the workers', () => {
    // GIVEN: 400 Services, 36 KB, in parts of 4 KiB; a List and an empty document among them
    const text = `${manyServices(200, 'a')}---\n---\napiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: Service, metadata: {name: listed}}\n---\n${manyServices(200, 'b')}`;
    const file = write('all.k8s.yaml', text);

    // WHEN
    const { docs, fromWorkers } = inParts([file], 4096);

    // THEN
    expect(fromWorkers).toBeGreaterThanOrEqual(8);
    expect(docs).toEqual(loadManifests([file]));
    expect(docs).toHaveLength(401);
    // (9 lines a Service with its ---; the List after a-199 (line 1792), two --- lines; b-0 after the List's 4 and a ---)
    expect(docs[200].source).toEqual({ file, document: 202, line: 1802, item: 0 });
    expect(docs[400].source).toEqual({ file, document: 402, line: 1807 + 199 * 9 });
    expect(docs[400].object.metadata?.name).toBe('b-199');
  });

  test('a key given twice in one part: the whole text\'s duplicates, lines and documents, as on one thread', () => {
    // GIVEN: 400 Services in parts of 4 KiB; document 301 gives its port twice, document 5 its name
    const text = manyServices(400).split('---\n').map((d, i) => (i === 300 ? d.replace('- port: 80\n', '- port: 80\n      port: 81\n')
      : i === 4 ? d.replace('  namespace: ns\n', '  namespace: ns\n  name: svc-4\n') : d)).join('---\n');
    const file = write('dup.k8s.yaml', text);

    // WHEN
    const { docs } = inParts([file], 4096);

    // THEN
    expect(docs).toEqual(loadManifests([file]));
    expect(docs.filter((d) => d.source.duplicateKeys).map((d) => [d.source.document, d.source.duplicateKeys])).toEqual([
      [5, [{ key: 'name', line: 4 * 9 + 6 }]],
      [301, [{ key: 'port', line: 300 * 9 + 9 + 1 }]], // (9 lines a document, and the extra name line)
    ]);
    expect(docs[300].object.spec.ports).toEqual([{ port: 81 }]);
  });

  test('standard input in parts gives the one-thread documents, and is read once', () => {
    // GIVEN
    const text = manyServices(300);
    let reads = 0;
    const stdin = () => { reads++; return text; };
    const file = write('before.yaml', svc('from-file'));

    // WHEN
    const { docs, fromWorkers } = inParts([file, '-'], 2048, stdin);

    // THEN
    expect(fromWorkers).toBeGreaterThanOrEqual(8);
    expect(reads).toBe(1);
    expect(docs).toEqual(loadManifests([file, '-'], { stdin: () => text }));
    expect(docs[300].source).toEqual({ file: '-', document: 300, line: 1 + 299 * 9 });
  });

  test('multi-byte characters next to the cuts decode as in the whole text', () => {
    // GIVEN: every document ends in two- to four-byte UTF-8 characters, right before the next --- line
    const docsText = Array.from({ length: 200 }, (_, i) => `${svc(`s-${i}`)}  annotations: {note: "grüße ✓ 🚀 ${i}"}\n`);
    const file = write('utf8.yaml', `\uFEFF${docsText.join('---\n')}`);

    // WHEN
    const { docs, fromWorkers } = inParts([file], 1000);

    // THEN
    expect(fromWorkers).toBeGreaterThan(5);
    expect(docs).toEqual(loadManifests([file]));
    expect(docs[199].object.spec.annotations.note).toBe('grüße ✓ 🚀 199');
  });

  test('standard input that is not well-formed text (a lone surrogate) is read whole, on this thread', () => {
    const text = `${manyServices(100)}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: odd}\ndata: {k: "\uD800"}\n`;
    const { docs, fromWorkers } = inParts(['-'], 512, () => text);
    expect(fromWorkers).toBe(0);
    expect(docs[100].object.data.k).toBe('\uD800');
    expect(docs).toEqual(loadManifests(['-'], { stdin: () => text }));
  });

  test('an alias in one part: that part is parsed on this thread, the others by the workers', () => {
    // GIVEN
    const alias = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: aliased}\ndata:\n  a: &x shared\n  b: *x\n';
    const file = write('alias.yaml', `${manyServices(100, 'a')}---\n${alias}---\n${manyServices(100, 'b')}`);

    // WHEN
    const { docs, fromWorkers } = inParts([file], 1024);

    // THEN
    expect(fromWorkers).toBeGreaterThan(5);
    expect(docs).toEqual(loadManifests([file]));
    expect(docs[100].object.data).toEqual({ a: 'shared', b: 'shared' });
  });

  test.each([
    // js-yaml reports these three at the --- line after the bad document's start: document 152 of the one-thread read
    ['invalid YAML in a later part', 'kind: [\n', /big\.yaml: document 152: invalid YAML at line 1352: missed comma between flow collection entries$/],
    ['a double-quoted scalar across a --- line', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: q}\ndata: {a: "one\n---\ntwo"}\n', /big\.yaml: document 152: invalid YAML at line 1355: unexpected end of the document within a double quoted scalar$/],
    ['a flow mapping across a --- line', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: q}\ndata: {a: 1,\n---\n b: 2}\n', /big\.yaml: document 152: invalid YAML at line 1355: /],
    ['a document that is not a mapping', 'just prose\n', /big\.yaml: document 151: not a Kubernetes object \(expected a mapping with apiVersion and kind, got the string "just prose"\)/],
    ['a Service without a name', 'apiVersion: v1\nkind: Service\nmetadata: {}\n', /big\.yaml: document 151: Service has no metadata\.name/],
  ])('%s: the one-thread error, with its line and document', (_what, bad, message) => {
    // GIVEN: the bad document is the 151st of 301
    const file = write('big.yaml', `${manyServices(150, 'a')}---\n${bad}---\n${manyServices(150, 'b')}`);
    let oneThread = '';
    try {
      loadManifests([file]);
    } catch (e) {
      oneThread = (e as Error).message;
    }
    expect(oneThread).toMatch(message);

    // WHEN / THEN
    expect(() => inParts([file], 2048)).toThrow(ManifestError);
    expect(() => inParts([file], 2048)).toThrow(oneThread);
    expect(() => loadManifests([file], { jobs: 2, parallelMinBytes: 0 })).toThrow(oneThread);
  });

  test('an earlier bad file is reported before a later large one, and the other way round', () => {
    const big = write('b-big.yaml', `${manyServices(100)}---\nkind: [\n`);
    const bad = write('a-bad.yaml', 'just prose\n');
    expect(() => inParts([bad, big], 1024)).toThrow(/a-bad\.yaml: document 1: not a Kubernetes object/);
    expect(() => inParts([big, bad], 1024)).toThrow(/b-big\.yaml: document 101: invalid YAML/);
  });

  test('a text with a directive is one part', () => {
    const file = write('directive.yaml', `%YAML 1.2\n---\n${manyServices(100)}`);
    const { docs, fromWorkers } = inParts([file], 1024);
    expect(fromWorkers).toBe(1);
    expect(docs).toEqual(loadManifests([file]));
  });

  test('loadManifests with jobs reads one large file in parts, as one thread reads it', () => {
    const file = write('one.yaml', manyServices(3000));
    expect(loadManifests([file], { jobs: 2, parallelMinBytes: 0 })).toEqual(loadManifests([file]));
    expect(loadManifests(['-'], { jobs: 2, parallelMinBytes: 0, stdin: () => manyServices(3000) })).toEqual(loadManifests([file]).map((d) => ({ ...d, source: { ...d.source, file: '-' } })));
  });

  test('standard input that cannot be read is reported in its turn, once', () => {
    const file = write('ok.yaml', svc('ok'));
    let reads = 0;
    const stdin = () => { reads++; throw new Error('EAGAIN'); };
    expect(() => loadManifests([file, '-'], { jobs: 2, parallelMinBytes: 0, stdin })).toThrow(/^-: cannot read standard input \(EAGAIN\)$/);
    expect(reads).toBe(1);
  });

  /** `readFilesInParallel` with no worker: this thread parses every part. */
  const onThisThread = (inputs: string[], partBytes: number, stdin?: () => string) => ({
    docs: readFilesInParallel(inputs, 0, { partBytes, stdin, named: () => true }),
    fromWorkers: 0,
  });
  /** The documents, or the error message, of a read. */
  const result = (read: () => { docs: unknown[] }) => {
    try {
      return read().docs;
    } catch (e) {
      return (e as Error).message;
    }
  };

  test.each([
    ['comments before the first ---', '# generated by a tool\n# do not edit\n\n---\n'],
    ['blank lines and a tab before the first ---', '\n\n\t\n---\n'],
    ['CRLF blank lines before the first ---', '\r\n\r\n---\r\n'],
    ['--- !!str with no content before a cut', '--- !!str\n---\n'],
    ['--- !!seq with no content before a cut', '--- !!seq\n---\n'],
    ['--- !!map with no content before a cut', '--- !!map\n---\n'],
    ['a comment-only document before a cut', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n# nothing here\n---\n'],
  ])('%s: a part ends as it does in the whole text (on this thread and in a worker)', (_what, head) => {
    // GIVEN: the head ends a part (parts of at least 4 bytes: every --- line is a cut), then Services
    const text = `${head}${manyServices(20)}`;
    const file = write('head.yaml', text);
    const oneThread = result(() => ({ docs: loadManifests([file]) }));

    // WHEN / THEN
    expect(result(() => onThisThread([file], 4))).toEqual(oneThread);
    expect(result(() => inParts([file], 4))).toEqual(oneThread);
    expect(result(() => onThisThread(['-'], 4, () => text))).toEqual(result(() => ({ docs: loadManifests(['-'], { stdin: () => text }) })));
    if (typeof oneThread !== 'string') expect(oneThread[0]).toMatchObject({ source: { file } });
  });

  test('random texts of tricky YAML read in parts give what one thread gives (documents or error)', () => {
    // GIVEN: 300 texts of random documents, markers, comments, tags, scalars across lines, CRLF; a fixed seed
    let seed = 42;
    const rnd = (n: number) => { // Park-Miller: exact in doubles
      seed = (seed * 48271) % 2147483647;
      return Math.floor((seed / 2147483647) * n);
    };
    const pick = <T>(xs: readonly T[]) => xs[rnd(xs.length)];
    const docs = [
      () => svc(`s-${rnd(1000)}`),
      () => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-${rnd(1000)}}\ndata:\n  k: |\n    one\n\n    --- not a marker\n  note: a plain\n    scalar on two lines\n`,
      () => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: q-${rnd(1000)}}\ndata: {a: "x y", b: 'it''s'}\n`,
      () => '# only a comment\n', () => '\n', () => '', () => 'just prose\n', () => 'kind: [\n',
      () => 'apiVersion: v1\nkind: Service\nmetadata: {}\n', () => 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: anchors}\ndata:\n  a: &x 1\n  b: *x\n',
      () => 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: nan}\ndata: {v: .nan}\n',
      () => 'apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: Service, metadata: {name: in-list}}\n',
    ];
    const markers = ['---\n', '---\n', '---\n', '--- \n', '--- # marker\n', '--- !!str\n', '--- !!seq\n', '--- !!map\n', '...\n---\n', '---\n# comment\n'];
    const texts = Array.from({ length: 300 }, () => {
      let text = pick(['', '# header\n', '\n', '---\n']);
      const count = 1 + rnd(8);
      for (let k = 0; k < count; k++) text += (k > 0 ? pick(markers) : '') + pick(docs)();
      return rnd(5) === 0 ? text.replace(/\n/g, '\r\n') : text;
    });

    // WHEN / THEN: on this thread, each text alone, in parts of 1 to 64 bytes
    const files = texts.map((t, i) => write(`r-${String(i).padStart(3, '0')}.yaml`, t));
    const expected = files.map((f) => result(() => ({ docs: loadManifests([f]) })));
    files.forEach((f, i) => expect([i, result(() => onThisThread([f], 1 + rnd(64)))]).toEqual([i, expected[i]]));

    // AND: the texts one thread reads without error, all at once through a worker
    const ok = files.filter((_, i) => typeof expected[i] !== 'string');
    expect(ok.length).toBeGreaterThan(50);
    const { docs: viaWorker, fromWorkers } = inParts(ok, 8);
    const parts = ok.reduce((n, f) => n + 1 + documentCuts(fs.readFileSync(f), 8).length, 0);
    expect(parts).toBeGreaterThan(2 * ok.length);
    expect(fromWorkers).toBeGreaterThan(parts / 2);
    expect(viaWorker).toEqual(loadManifests(ok));
  });

  test('a named pipe is read once, by its own unit, not opened to be shared (which would hang)', () => {
    // GIVEN: a FIFO named *.yaml with a writer, read with jobs in a child process that must end within 20 s
    if (process.platform === 'win32') return;
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const script = `
      require('ts-node').register({ transpileOnly: true, project: ${JSON.stringify(path.join(__dirname, '..', '..', 'tsconfig.json'))} });
      const { spawn } = require('child_process');
      spawn('sh', ['-c', 'printf "apiVersion: v1\\nkind: Service\\nmetadata: {name: piped}\\n" > "$0"', ${JSON.stringify(fifo)}], { stdio: 'ignore' });
      const { loadManifests } = require(${JSON.stringify(path.join(__dirname, '..', '..', 'src', 'model', 'load'))});
      const docs = loadManifests([${JSON.stringify(fifo)}], { jobs: 2, parallelMinBytes: 0 });
      console.log(JSON.stringify(docs.map((d) => d.object.metadata.name)));
      process.exit(0);`;

    // WHEN
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });

    // THEN
    expect(r.error).toBeUndefined();
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('["piped"]');
  }, 30_000);

  test('the default part is 256 KiB', () => {
    expect(PART_BYTES).toBe(256 * 1024);
  });
});

/** File units of `files`. */
const units = (files: string[]): ParseUnit[] => files.map((file) => ({ file }));
/** The base name of a file unit. */
const base = (unit: ParseUnit) => ('file' in unit ? path.basename(unit.file) : 'a part');

describe('parseInParallel', () => {
  test('results are in file order whichever thread parsed each file', () => {
    // GIVEN
    const files = writeFiles(12);
    const counts = { fromWorkers: 0 };

    // WHEN
    const out = parseInParallel(units(files), 2, (unit) => `here ${base(unit)}`,
      (unit, docs) => `worker ${base(unit)} ${(docs as any[]).map((d) => d.metadata.name).join(',')}`,
      { workersFirst: true, counts });

    // THEN
    expect(counts.fromWorkers).toBe(12);
    expect(out).toEqual(files.map((_, i) => `worker f-${String(i).padStart(3, '0')}.yaml svc-${i}-0,svc-${i}-1,svc-${i}-2`));
  });

  test('files a worker leaves (JSON, invalid, unreadable, not plain data) are parsed here, in order', () => {
    // GIVEN
    const files = [
      write('a.json', '{}'),
      write('b-anchor.yaml', 'a: &x [1]\nb: *x\n'),
      write('c-nan.yaml', 'a: .nan\n'),
      write('d-bad.yaml', 'a: [\n'),
      path.join(dir, 'e-missing.yaml'),
      write('f-ok.yaml', 'a: 1\n---\nb: "*not an alias* & not an anchor"\n'),
    ];
    const fromWorker: unknown[] = [];

    // WHEN
    const out = parseInParallel(units(files), 1, base, (_unit, docs) => { fromWorker.push(docs); return 'worker'; }, { workersFirst: true });

    // THEN
    expect(fromWorker).toEqual([[{ a: 1 }, { b: '*not an alias* & not an anchor' }]]);
    expect(out).toEqual(['a.json', 'b-anchor.yaml', 'c-nan.yaml', 'd-bad.yaml', 'e-missing.yaml', 'worker']);
  });

  test('without workersFirst, this thread takes files too and every file gets one result', () => {
    const files = writeFiles(20);
    const out = parseInParallel(units(files), 1, base, base);
    expect(out).toEqual(files.map((f) => path.basename(f)));
  });
});

describe('workerStart', () => {
  test.each([
    ['compiled (lib/: the package and the CLI): the compiled worker, no preload', path.join('pkg', 'lib', 'model', 'parallel-parse.js'),
      { file: path.join('pkg', 'lib', 'model', 'parse-worker.js'), execArgv: [] }],
    ['from source (jest, ts-node): the TypeScript worker, with the hook that transpiles it', path.join('repo', 'src', 'model', 'parallel-parse.ts'),
      { file: path.join('repo', 'src', 'model', 'parse-worker.ts'), execArgv: ['--require', path.join('repo', 'src', 'model', 'parse-worker-hook.js')] }],
  ])('%s', (_what, self, expected) => {
    expect(workerStart(self)).toEqual(expected);
  });

  test('the files it names exist beside the source', () => {
    const { file, execArgv } = workerStart();
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.existsSync(execArgv[1])).toBe(true);
  });
});
