// Guards the benchmark code (bench/), so that it does not rot between CI's small benchmark runs: the generated
// manifests are what bench/README.md says, and the raw-L1 baselines of the synth benchmark build the same objects.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { namespaceObjects, OBJECTS_PER_NAMESPACE } from '../../bench/generate';
import { waitForQuiet, writeInputs } from '../../bench/jobs';
import { pairedRuns, rotatedRuns } from '../../bench/stats';
import { buildOurs, buildRaw, captureRaw, handwrittenSource, loadHandwritten, SynthSize } from '../../bench/synth';
import { checkObjects } from '../../src/checks/engine';

const TINY: SynthSize = {
  externalDependencies: 3, selectorlessServices: 2, addressesPerService: 3, statefulSets: 1, migratingDatabases: 3, charts: 1,
};

describe('bench/generate', () => {
  test('a namespace is 100 objects with every Service type, deterministic', () => {
    // GIVEN / WHEN
    const objects = namespaceObjects(7);

    // THEN
    expect(objects).toHaveLength(OBJECTS_PER_NAMESPACE);
    expect(JSON.stringify(namespaceObjects(7))).toEqual(JSON.stringify(objects));
    const types = new Set(objects.filter((o) => o.kind === 'Service').map((o) => o.spec.clusterIP === 'None' ? 'Headless' : o.spec.type ?? (o.spec.selector ? 'ClusterIP' : 'Selectorless')));
    expect([...types].sort()).toEqual(['ClusterIP', 'ExternalName', 'Headless', 'LoadBalancer', 'NodePort', 'Selectorless']);
    expect(new Set(objects.map((o) => o.kind))).toEqual(new Set(['Deployment', 'Service', 'StatefulSet', 'DaemonSet', 'EndpointSlice', 'Endpoints', 'ConfigMap']));
  });

  test('reports a realistic share of findings (a few per 100 objects)', () => {
    // GIVEN
    const objects = [...namespaceObjects(0), ...namespaceObjects(1)];

    // WHEN
    const result = checkObjects(objects);

    // THEN
    expect(result.findings.length).toBeGreaterThanOrEqual(4);
    expect(result.findings.length).toBeLessThanOrEqual(30);
  });
});

describe('bench/synth', () => {
  test('the raw L1 app builds byte-identical objects', () => {
    // GIVEN
    const ours = buildOurs(TINY);

    // WHEN
    const raw = buildRaw(captureRaw(ours));

    // THEN
    const a = ours.charts.flatMap((c) => c.toJson());
    const b = raw.charts.flatMap((c) => c.toJson());
    expect(b.length).toBe(a.length);
    expect(b).toEqual(a);
  });

  test('the hand-written L1 app builds byte-identical objects, from literals in its source', () => {
    // GIVEN
    const ours = buildOurs(TINY);
    const captured = captureRaw(ours);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
    fs.writeFileSync(path.join(dir, 'synth-handwritten-000000000000.js'), 'stale');
    fs.writeFileSync(path.join(dir, 'other.txt'), 'kept');

    try {
      // WHEN
      const build = loadHandwritten(captured, dir);
      const app = build();

      // THEN
      expect(app.charts.flatMap((c) => c.toJson())).toEqual(ours.charts.flatMap((c) => c.toJson()));
      expect(app.synthYaml()).toBe(ours.synthYaml());
      // a fresh app (and fresh props) on every call
      expect(build()).not.toBe(app);
      const files = fs.readdirSync(dir).filter((f) => f !== 'other.txt');
      expect(fs.existsSync(path.join(dir, 'other.txt'))).toBe(true);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^synth-handwritten-[0-9a-f]{12}\.js$/);
      expect(files[0]).not.toBe('synth-handwritten-000000000000.js');
      const source = fs.readFileSync(path.join(dir, files[0]), 'utf8');
      expect(source).toBe(handwrittenSource(captured));
      expect(source).toContain('new k8s.KubeStatefulSet(chart, ');
      expect(source).toContain('k8s.IntOrString.fromNumber(8443)');
      expect(source).toContain('k8s.Quantity.fromString("10Gi")');
      expect(source).not.toMatch(/ExternalDependency|SelectorlessIpService|HeadlessStatefulSet|MigratingDatabase/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the hand-written source refuses a kind without an L1 class', () => {
    // GIVEN
    const charts = [{ namespace: 'a', objects: [{ kind: 'ConfigMap', id: 'ConfigMap-x', props: {} }] }];

    // WHEN / THEN
    expect(() => handwrittenSource(charts)).toThrow('synth benchmark: no L1 class mapped for kind ConfigMap');
  });
});

describe('bench/stats rotatedRuns', () => {
  test('runs every contender once per round, rotating the order, and pairs ratios by round', () => {
    // GIVEN
    const order: string[] = [];
    const spin = (ms: number) => { const end = Date.now() + ms; while (Date.now() < end); };

    // WHEN
    const runs = rotatedRuns(3, 1, {
      a: () => { order.push('a'); spin(40); },
      b: () => { order.push('b'); spin(2); },
      c: () => { order.push('c'); },
    });

    // THEN
    expect(order).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b']);
    expect(runs.times.a.samples).toHaveLength(3);
    expect(runs.times.a.median).toBeGreaterThan(runs.times.b.median);
    const ratio = runs.ratio('a', 'b');
    expect(ratio.samples).toEqual(runs.times.a.samples.map((x, i) => x / runs.times.b.samples[i]));
    expect(ratio.median).toBeGreaterThan(1);
  });
});

describe('bench/stats pairedRuns', () => {
  test('alternates candidate and baseline, swapping order every round, on the clock asked for and the other', () => {
    // GIVEN: the candidate sleeps (wall time, no CPU), the baseline spins (both)
    const order: string[] = [];
    const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    const spin = (ms: number) => { const end = Date.now() + ms; while (Date.now() < end); };

    // WHEN
    // (a wide gap: on a loaded machine the spinning baseline's wall time can run well past its 10 ms)
    const runs = pairedRuns(4, 1, () => { order.push('c'); sleep(100); }, () => { order.push('b'); spin(10); }, 'wall');

    // THEN
    expect(order).toEqual(['b', 'c', 'b', 'c', 'c', 'b', 'b', 'c', 'c', 'b']);
    expect(runs.candidate.samples).toHaveLength(4);
    expect(runs.ratio.median).toBeGreaterThan(1.5); // wall: 100 ms against 10 ms
    expect(runs.other.ratio.median).toBeLessThan(0.5); // CPU: sleeping costs none
    expect(runs.ratio.samples).toEqual(runs.candidate.samples.map((x, i) => x / runs.baseline.samples[i]));
  });
});

describe('bench/child.js (the memory benchmark\'s child)', () => {
  test('reports its own peak memory, not the parent\'s (Linux keeps maxRSS across fork and exec)', () => {
    // GIVEN: this process holds 300 MiB more than a child reading 100 objects needs
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-child-'));
    const ballast = Buffer.alloc(300 * 1024 * 1024, 1);
    try {
      fs.writeFileSync(path.join(dir, 'ns.yaml'), namespaceObjects(0).map((o) => JSON.stringify(o)).join('\n---\n'));

      // WHEN
      const r = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'bench', 'child.js'), 'read', dir], { encoding: 'utf8' });

      // THEN
      const report = JSON.parse(r.stdout.trim().split('\n').pop()!);
      expect(report).toMatchObject({ mode: 'read', code: 0, count: OBJECTS_PER_NAMESPACE });
      expect(report.maxRssKb).toBeGreaterThan(10 * 1024);
      expect(report.maxRssKb).toBeLessThan(ballast.length / 1024);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bench/jobs (--jobs by whole processes)', () => {
  test('the one-file input holds the objects of the files per namespace, in order, one document each', () => {
    // GIVEN
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-jobs-'));
    try {
      // WHEN
      const [many, one] = writeInputs(root, 300);

      // THEN
      const read = (dir: string) => fs.readdirSync(dir).sort().flatMap((f) => yaml.loadAll(fs.readFileSync(path.join(dir, f), 'utf8')));
      expect(many).toMatchObject({ files: 3, objects: 300 });
      expect(one).toMatchObject({ files: 1, objects: 300 });
      expect(fs.readdirSync(one.dir)).toEqual(['app.k8s.yaml']);
      const docs = read(one.dir);
      expect(docs).toHaveLength(300);
      expect(docs).toEqual(read(many.dir));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('waiting for a quiet machine is bounded: with no time to wait it returns the load at once', () => {
    // WHEN
    const t0 = Date.now();
    const load = waitForQuiet(0);

    // THEN
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(load).toBeGreaterThanOrEqual(0);
  });
});
