// Reading manifests on several threads (LoadOptions.jobs, readFilesInParallel, parseInParallel): the same documents,
// sources and errors as reading them on one thread, whichever thread takes which file; documents JSON cannot carry as
// they are go to the calling thread. `workersFirst` makes the workers take every file they can, so that the tests
// exercise the worker path whatever the timing.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDirEach } from './file-tree';
import { writeManifests } from '../../bench/generate';
import * as inputFiles from '../../src/model/input-files';
import { loadManifests, ManifestError, PARALLEL_MIN_BYTES, readFilesInParallel, SkippedInput } from '../../src/model/load';
import { parseInParallel, ParseUnit, workerStart } from '../../src/model/parallel-parse';

const svc = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ns\nspec:\n  ports:\n    - port: 80\n`;

let dir: string;
tempDirEach('cdk8s-dns-parallel-', (d) => { dir = d; });

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
    expect(docs[docs.length - 1].source).toEqual({ file: path.join(dir, 'sub', 'list.yaml'), document: 1, line: 4, item: 0 });
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

  test('a large text that merges labels into every object reads (js-yaml\'s default limit would refuse it), on a worker too', () => {
    // GIVEN: 3,000 objects, each merging 4 labels (5 units of merge work each: 15,000)
    const doc = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c-${i}\n  labels: &l { a: "1", b: "2", c: "3", d: "4" }\ndata: { <<: *l }\n`;
    const file = write('merged.yaml', Array.from({ length: 3000 }, (_, i) => doc(i)).join('---\n'));

    // WHEN
    const one = loadManifests([file]);
    const { docs, fromWorkers } = viaWorkers([file], 1);

    // THEN
    expect(one).toHaveLength(3000);
    expect(one[2999].object.data).toEqual({ a: '1', b: '2', c: '3', d: '4' });
    expect(fromWorkers).toBe(1);
    expect(docs).toEqual(one);
  });

  test('a merge bomb is still refused, with the same error through a worker', () => {
    // GIVEN: one mapping of 2,000 keys merged 400 times (800,000 keys copied from 20 KB of YAML), after 300 Services
    const keys = Array.from({ length: 2000 }, (_, i) => `k${i}: ${i}`).join(', ');
    const bomb = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: bomb }\nbase: &b { ${keys} }\ndata:\n${Array.from({ length: 400 }, (_, i) => `  m${i}: { <<: *b }`).join('\n')}\n`;
    const file = write('bomb.yaml', `${manyServices(300)}---\n${bomb}`);

    // WHEN / THEN
    const message = /bomb\.yaml: document 301: invalid YAML at line \d+: merge keys exceeded maxTotalMergeKeys/;
    expect(() => loadManifests([file])).toThrow(message);
    expect(() => viaWorkers([file], 1)).toThrow(message);
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

  test('a folder too small for worker threads is listed once: its kustomize builds and GitOps objects are not read twice', () => {
    // GIVEN a kustomize folder of a few KB (far below the parallel threshold)
    write('base/kustomization.yaml', 'resources: [svc.yaml]\n');
    write('base/svc.yaml', svc('web'));
    write('overlays/dev/kustomization.yaml', 'namespace: dev\nresources: [../../base]\n');
    const listed = jest.spyOn(inputFiles, 'listFiles');
    try {
      // WHEN it is loaded with 3 jobs
      const skipped: SkippedInput[] = [];
      const docs = loadManifests([dir], { jobs: 3, skipped });
      // THEN the one-thread documents, from one listing of the folder (the parallel read decided on it, and the
      // one-thread read took it)
      expect(listed).toHaveBeenCalledTimes(1);
      expect(docs).toEqual(loadManifests([dir]));
      expect(docs.map((d) => `${d.object.metadata?.namespace}/${d.object.metadata?.name}`)).toEqual(['dev/web']);
      expect(skipped.map((s) => path.relative(dir, s.file))).toEqual([path.join('base', 'kustomization.yaml'), path.join('overlays', 'dev', 'kustomization.yaml')]);
    } finally {
      listed.mockRestore();
    }
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

  test('the benchmark\'s manifests (2,100 objects in 21 files) read on worker threads give the one-thread documents', () => {
    // GIVEN: the generated manifests the check is measured on
    const gen = path.join(dir, 'gen');
    const { files, objects } = writeManifests(gen, 2100);
    const paths = fs.readdirSync(gen).sort().map((f) => path.join(gen, f));

    // WHEN
    const one = loadManifests([gen]);
    const { docs, fromWorkers } = viaWorkers(paths);

    // THEN: every file came from a worker; documents, sources and lines are the one-thread read's
    expect(files).toBe(21);
    expect(one.length).toBeGreaterThanOrEqual(objects);
    expect(fromWorkers).toBe(21);
    expect(docs).toEqual(one);
    expect(one.every((d) => typeof d.source.line === 'number')).toBe(true);
    expect(loadManifests([gen], PARALLEL)).toEqual(one);
  });

  test('one file, or standard input alone, is read on this thread: the one-thread documents', () => {
    const file = write('one.yaml', manyServices(3000));
    expect(loadManifests([file], PARALLEL)).toEqual(loadManifests([file]));
    expect(loadManifests(['-'], { ...PARALLEL, stdin: () => manyServices(3000) }))
      .toEqual(loadManifests([file]).map((d) => ({ ...d, source: { ...d.source, file: '-' } })));
  });

  test('standard input that cannot be read is reported in its turn, once', () => {
    const file = write('ok.yaml', svc('ok'));
    let reads = 0;
    const stdin = () => { reads++; throw new Error('EAGAIN'); };
    expect(() => loadManifests([file, '-'], { ...PARALLEL, stdin })).toThrow(/^-: cannot read standard input \(EAGAIN\)$/);
    expect(reads).toBe(1);
  });

  test('a named pipe beside a file is read once, on this thread, never opened by a worker (which would hang)', () => {
    // GIVEN: a FIFO named *.yaml with a writer and a file, read with jobs in a child process that must end within 20 s
    if (process.platform === 'win32') return;
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const file = write('file.yaml', svc('filed'));
    const script = `
      require('ts-node').register({ transpileOnly: true, project: ${JSON.stringify(path.join(__dirname, '..', '..', 'tsconfig.json'))} });
      const { spawn } = require('child_process');
      spawn('sh', ['-c', 'printf "apiVersion: v1\\nkind: Service\\nmetadata: {name: piped}\\n" > "$0"', ${JSON.stringify(fifo)}], { stdio: 'ignore' });
      const { loadManifests } = require(${JSON.stringify(path.join(__dirname, '..', '..', 'src', 'model', 'load'))});
      const docs = loadManifests([${JSON.stringify(file)}, ${JSON.stringify(fifo)}], { jobs: 2, parallelMinBytes: 0 });
      console.log(JSON.stringify(docs.map((d) => d.object.metadata.name)));
      process.exit(0);`;

    // WHEN
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });

    // THEN
    expect(r.error).toBeUndefined();
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('["filed","piped"]');
  }, 30_000);

  test.each([0, -1, 1.5, NaN])('jobs %p is an error naming the rule', (jobs) => {
    writeFiles(1);
    expect(() => loadManifests([dir], { jobs })).toThrow(`jobs must be an integer of at least 1 (got ${jobs})`);
  });

  test('the default threshold is 64 MiB', () => {
    expect(PARALLEL_MIN_BYTES).toBe(64 * 1024 * 1024);
  });
});

/** `count` Services as one multi-document YAML text (`---` between them), each about 90 bytes. */
function manyServices(count: number, prefix = 'svc'): string {
  return Array.from({ length: count }, (_, i) => svc(`${prefix}-${i}`)).join('---\n');
}

/** File units of `files`. */
const units = (files: string[]): ParseUnit[] => files.map((file) => ({ file }));
/** The base name of a file unit. */
const base = (unit: ParseUnit) => path.basename(unit.file);

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
