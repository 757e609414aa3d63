// Reading manifests on several threads (LoadOptions.jobs, readFilesInParallel, parseInParallel): the same documents,
// sources and errors as reading them on one thread, whichever thread takes which file; documents JSON cannot carry as
// they are go to the calling thread. `workersFirst` makes the workers take every file they can, so that the tests
// exercise the worker path whatever the timing.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadManifests, ManifestError, PARALLEL_MIN_BYTES, readFilesInParallel } from '../../src/model/load';
import { parseInParallel } from '../../src/model/parallel-parse';

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
    expect(docs[docs.length - 1].source).toEqual({ file: path.join(dir, 'sub', 'list.yaml'), document: 1, item: 0 });
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

  test('nested aliases (a few hundred bytes that expand to millions of nodes) are never expanded', () => {
    // GIVEN: each level refers to the one below twice, 40 levels: 2^40 nodes as JSON
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: { name: bomb }', 'data:', '  l0: &l0 [x, y]'];
    for (let i = 1; i <= 40; i++) lines.push(`  l${i}: &l${i} [*l${i - 1}, *l${i - 1}]`);
    const files = [...writeFiles(1), write('z-bomb.yaml', `${lines.join('\n')}\n`)];

    // WHEN
    const { docs, fromWorkers } = viaWorkers(files);

    // THEN
    expect(fromWorkers).toBe(1);
    expect(docs[docs.length - 1].object.data.l40[0]).toBe(docs[docs.length - 1].object.data.l39);
  });

  test('a recursive alias is read on this thread', () => {
    const files = [...writeFiles(1), write('z-loop.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: loop }\ndata: &d\n  self: *d\n')];
    const { docs, fromWorkers } = viaWorkers(files);
    expect(fromWorkers).toBe(1);
    const data = docs[docs.length - 1].object.data;
    expect(data.self).toBe(data);
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

describe('parseInParallel', () => {
  test('results are in file order whichever thread parsed each file', () => {
    // GIVEN
    const files = writeFiles(12);
    const counts = { fromWorkers: 0 };

    // WHEN
    const out = parseInParallel(files, 2, (file) => `here ${path.basename(file)}`,
      (file, docs) => `worker ${path.basename(file)} ${(docs as any[]).map((d) => d.metadata.name).join(',')}`,
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
    const out = parseInParallel(files, 1, (file) => path.basename(file), (_file, docs) => { fromWorker.push(docs); return 'worker'; }, { workersFirst: true });

    // THEN
    expect(fromWorker).toEqual([[{ a: 1 }, { b: '*not an alias* & not an anchor' }]]);
    expect(out).toEqual(['a.json', 'b-anchor.yaml', 'c-nan.yaml', 'd-bad.yaml', 'e-missing.yaml', 'worker']);
  });

  test('without workersFirst, this thread takes files too and every file gets one result', () => {
    const files = writeFiles(20);
    const out = parseInParallel(files, 1, (file) => path.basename(file), (file) => path.basename(file));
    expect(out).toEqual(files.map((f) => path.basename(f)));
  });
});
