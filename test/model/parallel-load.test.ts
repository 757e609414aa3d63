// Reading manifests on several threads (LoadOptions.jobs, parseInParallel): the same documents, sources and errors as
// reading them on one thread, whichever thread takes which file; YAML that JSON cannot carry is read on this thread.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadManifests, ManifestError, PARALLEL_MIN_BYTES } from '../../src/model/load';
import { parseInParallel } from '../../src/model/parallel-parse';

const svc = (name: string, extra = '') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ns\nspec:\n  ports:\n    - port: 80\n${extra}`;
/** Both ways of reading: one thread, and worker threads whatever the size. */
const PARALLEL = { jobs: 3, parallelMinBytes: 0 };

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-dns-parallel-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes `count` files of 3 Services each (one document per Service), and returns the folder. */
function writeFiles(count: number): string {
  for (let i = 0; i < count; i++) {
    const name = `f-${String(i).padStart(3, '0')}.yaml`;
    fs.writeFileSync(path.join(dir, name), [0, 1, 2].map((k) => svc(`svc-${i}-${k}`)).join('---\n'));
  }
  return dir;
}

/** Busy-waits `ms` (a slow parse, so that the workers take files while this thread is busy). */
function spin(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) { /* busy */ }
}

describe('loadManifests with jobs', () => {
  test('gives the same documents and sources as one thread: Lists, JSON files, values files, empty documents', () => {
    // GIVEN
    writeFiles(30);
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'list.yaml'), `apiVersion: v1\nkind: List\nitems:\n  - ${svc('in-list').split('\n').join('\n    ').trimEnd()}\n---\n---\nreplicaCount: 3\n`);
    fs.writeFileSync(path.join(dir, 'sub', 'c.json'), JSON.stringify([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'from-json' } }]));
    fs.writeFileSync(path.join(dir, 'sub', 'values.yml'), 'replicaCount: 1\n');

    // WHEN
    const one = loadManifests([dir]);
    const many = loadManifests([dir], PARALLEL);

    // THEN
    expect(many).toEqual(one);
    expect(many).toHaveLength(30 * 3 + 2);
    expect(many.map((d) => d.object.metadata?.name)).toContain('in-list');
    expect(many.find((d) => d.object.metadata?.name === 'in-list')?.source).toEqual({ file: path.join(dir, 'sub', 'list.yaml'), document: 1, item: 0 });
    expect(many.slice(-2).map((d) => d.object.metadata?.name)).toEqual(['from-json', 'in-list']); // sub/c.json, sub/list.yaml
  });

  test.each([
    ['.inf', 'v: .inf', (v: any) => expect(v).toBe(Infinity)],
    ['-.Inf', 'v: -.Inf', (v: any) => expect(v).toBe(-Infinity)],
    ['.NaN', 'v: .NaN', (v: any) => expect(v).toBeNaN()],
    ['-0.0', 'v: -0.0', (v: any) => expect(Object.is(v, -0)).toBe(true)],
    ['an alias', 'base: &b { port: 80 }\n  v: *b', (v: any, spec: any) => expect(v).toBe(spec.base)],
    ['an alias in a flow sequence', 'base: &b { port: 80 }\n  v: [*b]', (v: any, spec: any) => expect(v[0]).toBe(spec.base)],
  ])('keeps what JSON cannot carry: %s', (_what, yamlText, expectValue) => {
    // GIVEN
    writeFiles(10);
    fs.writeFileSync(path.join(dir, 'z-special.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: special }\nspec:\n  ${yamlText}\n`);

    // WHEN
    const many = loadManifests([dir], PARALLEL);

    // THEN
    const spec = many.find((d) => d.object.metadata?.name === 'special')!.object.spec;
    expectValue(spec.v, spec);
    expect(many).toEqual(loadManifests([dir]));
  });

  test('an own __proto__ key stays an own key, through a worker too', () => {
    // GIVEN
    writeFiles(10);
    fs.writeFileSync(path.join(dir, 'z-proto.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: proto }\ndata:\n  __proto__: { polluted: true }\n');

    // WHEN
    const many = loadManifests([dir], PARALLEL);

    // THEN
    const data = many.find((d) => d.object.metadata?.name === 'proto')!.object.data;
    expect(Object.prototype.hasOwnProperty.call(data, '__proto__')).toBe(true);
    expect(({} as any).polluted).toBeUndefined();
    expect(many).toEqual(loadManifests([dir]));
  });

  test.each([
    ['invalid YAML', 'kind: [\n', /f-004\.yaml: document 1: invalid YAML at line 2/],
    ['a document that is not a mapping', 'just prose\n', /f-004\.yaml: document 1: not a Kubernetes object \(expected a mapping with apiVersion and kind, got the string "just prose"\)/],
    ['a Service without a name', 'apiVersion: v1\nkind: Service\nmetadata: {}\n', /f-004\.yaml: document 1: Service has no metadata\.name/],
  ])('the first bad file in path order is reported (%s), whichever thread read it', (_what, text, message) => {
    // GIVEN: two bad files; the earlier one wins, as on one thread
    writeFiles(40);
    fs.writeFileSync(path.join(dir, 'f-004.yaml'), text);
    fs.writeFileSync(path.join(dir, 'f-031.yaml'), 'kind: [\n');

    // WHEN / THEN
    for (let i = 0; i < 3; i++) {
      expect(() => loadManifests([dir], PARALLEL)).toThrow(ManifestError);
      expect(() => loadManifests([dir], PARALLEL)).toThrow(message);
    }
    expect(() => loadManifests([dir])).toThrow(message);
  });

  test('a missing path is reported after the errors of the paths before it, as on one thread', () => {
    // GIVEN
    writeFiles(5);
    fs.writeFileSync(path.join(dir, 'f-002.yaml'), 'kind: [\n');
    const missing = path.join(dir, 'missing');

    // WHEN / THEN
    expect(() => loadManifests([dir, missing], PARALLEL)).toThrow(/f-002\.yaml: document 1: invalid YAML/);
    expect(() => loadManifests([missing, dir], PARALLEL)).toThrow(/missing: cannot read \(no such file or directory\)$/);
  });

  test('standard input is read on this thread', () => {
    writeFiles(3);
    const docs = loadManifests([dir, '-'], { ...PARALLEL, stdin: () => svc('from-stdin') });
    expect(docs.map((d) => d.object.metadata?.name)).toEqual(['svc-0-0', 'svc-0-1', 'svc-0-2', 'svc-1-0', 'svc-1-1', 'svc-1-2', 'svc-2-0', 'svc-2-1', 'svc-2-2', 'from-stdin']);
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
  test('workers parse YAML files while this thread is busy; results in file order', () => {
    // GIVEN
    const files = Array.from({ length: 40 }, (_, i) => path.join(writeFiles(40), `f-${String(i).padStart(3, '0')}.yaml`));
    const byWorker: number[] = [];

    // WHEN: this thread is slow on its first file, so the worker (started in about 50 ms) takes some
    let first = true;
    const out = parseInParallel(files, 1,
      (file) => { if (first) spin(2000); first = false; return `here ${path.basename(file)}`; },
      (file, docs) => { byWorker.push(files.indexOf(file)); return `worker ${path.basename(file)} ${(docs as any[]).map((d) => d.metadata.name).join(',')}`; });

    // THEN
    expect(out).toHaveLength(40);
    expect(byWorker.length).toBeGreaterThan(0);
    out.forEach((r, i) => {
      const base = `f-${String(i).padStart(3, '0')}.yaml`;
      expect(r).toBe(byWorker.includes(i) ? `worker ${base} svc-${i}-0,svc-${i}-1,svc-${i}-2` : `here ${base}`);
    });
  });

  test('files a worker cannot carry as JSON, JSON files and invalid files are left to this thread', () => {
    // GIVEN
    const special: { [file: string]: string } = {
      'a.json': '{}',
      'b-anchor.yaml': 'a: &x 1\nb: *x\n',
      'c-flow-alias.yaml': 'a: &x 1\nb: [*x]\n',
      'd-inf.yaml': 'a: -.Inf\n',
      'e-nan.yaml': 'a: .nan\n',
      'f-minus-zero.yaml': 'a: -0.0\n',
      'g-bad.yaml': 'a: [\n',
      'h-missing.yaml': '',
    };
    for (const [f, text] of Object.entries(special)) if (text) fs.writeFileSync(path.join(dir, f), text);
    fs.writeFileSync(path.join(dir, 'i-ok.yaml'), 'a: 1\n---\nb: "*not an alias* & not an anchor"\n');
    const files = [...Object.keys(special), 'i-ok.yaml'].map((f) => path.join(dir, f));
    const fromWorker: unknown[] = [];

    // WHEN: this thread is slow on its first file, long enough for the worker to take every other file
    let first = true;
    const out = parseInParallel(files, 1, (file) => { if (first) spin(2000); first = false; return path.basename(file); }, (_file, docs) => { fromWorker.push(docs); return 'worker'; });

    // THEN: only i-ok.yaml came from the worker
    expect(fromWorker).toEqual([[{ a: 1 }, { b: '*not an alias* & not an anchor' }]]);
    expect(out).toEqual([...Object.keys(special), 'worker']);
  });
});
