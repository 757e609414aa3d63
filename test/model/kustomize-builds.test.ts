// GIVEN a folder of kustomizations (bases, overlays, components) and the files they build, WHEN it is loaded as a
// folder, THEN each object carries the namespace its kustomize build gives it (a copy per namespace), keeps its file and
// line, and names the roots that build it; objects outside every kustomization are read as they are.
import * as path from 'path';
import { tempDirEach, writeTree } from './file-tree';
import { check } from '../../src/checks/engine';
import { builtDocuments, copyPlan, MAX_KUSTOMIZE_COPIES } from '../../src/model/build-copies';
import { ClusterModel } from '../../src/model/cluster-model';
import { kustomizationRefs } from '../../src/model/kustomization-refs';
import { kustomizeBuilds, KustomizationsByFolder, MAX_BUILD_STEPS } from '../../src/model/kustomize-builds';
import { withoutKustomizeInputs } from '../../src/model/kustomize-folders';
import { loadManifests } from '../../src/model/load';
import type { ManifestDocument, SkippedInput } from '../../src/model/manifest';
import { cpuClock } from '../cpu-clock';

let dir: string;
tempDirEach('cdk8s-dns-kbuild-', (d) => { dir = d; });

/** Writes `files` (relative path -> text) under the test folder. */
const write = (files: Record<string, string>): void => writeTree(dir, files);

/** `Kind ns/name <- file:line [roots]` of each object loaded from the test folder (ns `-`: none written). */
function load(jobs = 1): string[] {
  const rel = (f: string) => path.relative(dir, f).split(path.sep).join('/');
  return loadManifests([dir], { jobs, parallelMinBytes: 0 }).map((d) => {
    const roots = d.source.kustomizeRoots === undefined ? '' : ` [${d.source.kustomizeRoots.map(rel).join(' ')}]`;
    return `${String(d.object.kind)} ${String(d.object.metadata?.namespace ?? '-')}/${String(d.object.metadata?.name)} <- ${rel(d.source.file)}:${d.source.line}${roots}`;
  });
}

const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{ port: 80 }]\n';
const SVC_IN = (ns: string) => `# a comment\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: ${ns}\nspec:\n  ports: [{ port: 80 }]\n`;
const BASE = { 'base/kustomization.yaml': 'resources: [svc.yaml]\n', 'base/svc.yaml': SVC };

describe('the namespace of a kustomize build', () => {
  test.each<[string, Record<string, string>, string[]]>([
    ['an overlay sets the namespace of what its base builds', {
      ...BASE, 'overlays/dev/kustomization.yaml': 'namespace: dev\nresources: [../../base]\n',
    }, ['Service dev/web <- base/svc.yaml:1 [overlays/dev/kustomization.yaml]']],
    ['it overrides the namespace written in the file (the line stays the document\'s)', {
      'base/kustomization.yaml': 'resources: [svc.yaml]\n',
      'base/svc.yaml': SVC_IN('other'),
      'overlays/dev/kustomization.yaml': 'namespace: dev\nresources: [../../base]\n',
    }, ['Service dev/web <- base/svc.yaml:2 [overlays/dev/kustomization.yaml]']],
    ['an overlay\'s namespace overrides its base\'s; without one, the base\'s holds', {
      'base/kustomization.yaml': 'namespace: base-ns\nresources: [svc.yaml]\n',
      'base/svc.yaml': SVC,
      'overlays/dev/kustomization.yaml': 'namespace: dev\nresources: [../../base]\n',
      'overlays/plain/kustomization.yaml': 'resources: [../../base]\n',
    }, ['Service dev/web <- base/svc.yaml:1 [overlays/dev/kustomization.yaml]', 'Service base-ns/web <- base/svc.yaml:1 [overlays/plain/kustomization.yaml]']],
    ['two overlays with their own namespaces: a copy in each', {
      ...BASE,
      'overlays/dev/kustomization.yaml': 'namespace: dev\nresources: [../../base]\n',
      'overlays/prod/kustomization.yml': 'namespace: prod\nresources: [../../base]\n',
    }, ['Service dev/web <- base/svc.yaml:1 [overlays/dev/kustomization.yaml]', 'Service prod/web <- base/svc.yaml:1 [overlays/prod/kustomization.yml]']],
    ['two overlays with one namespace: one object that both roots build', {
      ...BASE,
      'overlays/a/kustomization.yaml': 'namespace: shop\nresources: [../../base]\n',
      'overlays/b/kustomization.yaml': 'namespace: shop\nbases: [../../base]\n',
    }, ['Service shop/web <- base/svc.yaml:1 [overlays/a/kustomization.yaml overlays/b/kustomization.yaml]']],
    ['a base no root names is a root of its own; a file outside every kustomization is read as it is', {
      'app/kustomization.yaml': 'namespace: shop\nresources: [svc.yaml]\n', 'app/svc.yaml': SVC, 'loose.yaml': SVC_IN('x'),
    }, ['Service shop/web <- app/svc.yaml:1 [app/kustomization.yaml]', 'Service x/web <- loose.yaml:2']],
    ['cluster-scoped kinds keep no namespace; a Namespace object is renamed to it (kustomize\'s field specs)', {
      'kustomization.yaml': 'namespace: shop\nresources: [rbac.yaml]\n',
      'rbac.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: reader }\n---\napiVersion: v1\nkind: Namespace\nmetadata: { name: app }\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\n',
    }, ['ClusterRole -/reader <- rbac.yaml:1 [kustomization.yaml]', 'Namespace -/shop <- rbac.yaml:5 [kustomization.yaml]', 'Widget shop/w <- rbac.yaml:9 [kustomization.yaml]']],
    ['a namespace that is no namespace name (a variable substituted later) is not applied', {
      'kustomization.yaml': 'namespace: ${TENANT}\nresources: [svc.yaml]\n', 'svc.yaml': SVC,
    }, ['Service -/web <- svc.yaml:1 [kustomization.yaml]']],
    ['a folder without a kustomization that a kustomization names, and a component', {
      'kustomization.yaml': 'namespace: shop\nresources: [manifests]\ncomponents: [extra]\n',
      'manifests/svc.yaml': SVC,
      'extra/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [db.yaml]\n',
      'extra/db.yaml': SVC.replace('name: web', 'name: db'),
    }, ['Service shop/db <- extra/db.yaml:1 [kustomization.yaml]', 'Service shop/web <- manifests/svc.yaml:1 [kustomization.yaml]']],
    ['of kustomizations that only name each other (a loop kustomize refuses), the first by path is a root', {
      'a/kustomization.yaml': 'namespace: a\nresources: [../b, svc.yaml]\n',
      'a/svc.yaml': SVC,
      'b/kustomization.yaml': 'namespace: b\nresources: [../a]\n',
    }, ['Service a/web <- a/svc.yaml:1 [a/kustomization.yaml]']],
  ])('%s', (_what, files, expected) => {
    write(files);
    expect(load()).toEqual(expected);
  });

  test('worker threads give the same objects', () => {
    write({ ...BASE, 'overlays/dev/kustomization.yaml': 'namespace: dev\nresources: [../../base, extra.yaml]\n', 'overlays/dev/extra.yaml': SVC.replace('name: web', 'name: api'), 'overlays/prod/kustomization.yaml': 'namespace: prod\nresources: [../../base]\n' });
    expect(load(2)).toEqual(load(1));
    expect(load(2)).toEqual([
      'Service dev/web <- base/svc.yaml:1 [overlays/dev/kustomization.yaml]',
      'Service prod/web <- base/svc.yaml:1 [overlays/prod/kustomization.yaml]',
      'Service dev/api <- overlays/dev/extra.yaml:1 [overlays/dev/kustomization.yaml]',
    ]);
  });
});

describe('the copies a load makes into further namespaces are bounded, root by root', () => {
  // GIVEN a file of 2 objects that roots of 3 namespaces build (4 copies beyond one per object)
  const docs = ['a', 'b'].map((name) => ({ object: { apiVersion: 'v1', kind: 'Service', metadata: { name } }, source: { file: 'base/svc.yaml', document: 1 } }));
  const builds = [{ root: 'dev/kustomization.yaml', namespace: 'dev' }, { root: 'prod/kustomization.yaml', namespace: 'prod' }, { root: 'qa/kustomization.yaml', namespace: 'qa' }];
  test.each<[string, number, string[], string[]]>([
    ['within the bound: a copy per namespace', 4, ['dev/a', 'prod/a', 'qa/a', 'dev/b', 'prod/b', 'qa/b'], []],
    ['past it: the roots by path while their copies fit, the next left out', 3, ['dev/a', 'prod/a', 'dev/b', 'prod/b'], ['qa/kustomization.yaml']],
    ['no copy at all: the first root only (its build costs no copy)', 0, ['dev/a', 'dev/b'], ['prod/kustomization.yaml', 'qa/kustomization.yaml']],
  ])('%s', (_what, max, expected, leftOut) => {
    // WHEN the file's documents are built within `max` copies
    const plan = copyPlan([{ docs, builds }], undefined, max);
    const out = builtDocuments(docs, builds, plan);
    // THEN
    expect(out.map((d) => `${d.object.metadata?.namespace}/${d.object.metadata?.name}`)).toEqual(expected);
    expect(plan.leftOut).toEqual(leftOut);
  });

  test('the bound is MAX_KUSTOMIZE_COPIES: a base of 1,000 objects under 1,020 overlays leaves the last 19 out', () => {
    // GIVEN 1,000 documents that 1,020 roots build, each with a namespace of its own (planned only: nothing is copied)
    const many = Array.from({ length: 1000 }, (_, i) => ({ object: { apiVersion: 'v1', kind: 'Service', metadata: { name: `s${i}` } }, source: { file: 'base/svc.yaml', document: i + 1 } }));
    const roots = Array.from({ length: 1020 }, (_, i) => ({ root: `o${String(i).padStart(4, '0')}/kustomization.yaml`, namespace: `ns${i}` }));
    // WHEN the copies are planned
    const told: [string, string][] = [];
    const plan = copyPlan([{ docs: many, builds: roots }], (file, reason) => told.push([file, reason]));
    // THEN the first root and 1,000 more fit in 1,000,000 copies; the 19 after them are left out, and the entry names them
    expect(MAX_KUSTOMIZE_COPIES).toBe(1_000_000);
    expect(plan.leftOut).toEqual(roots.slice(1001).map((r) => r.root));
    expect(told).toEqual([[
      'o1001/kustomization.yaml',
      'the build of o1001/kustomization.yaml (and those of 18 other roots: o1002/kustomization.yaml, o1003/kustomization.yaml, o1004/kustomization.yaml, o1005/kustomization.yaml and 14 more) was left out whole: with them, the copies of objects into the namespaces and names of the input\'s kustomize builds would pass 1,000,000 (MAX_KUSTOMIZE_COPIES; roots are taken by path, each build made whole or not at all), so the files they build keep the builds of the other roots that build them, and those that only their builds hold are not checked',
    ]]);
  });

  test('a load past the bound makes no build in part: an overlay whose copies do not fit is left out whole, its own Ingress too', () => {
    // GIVEN a base of two Services and a Deployment (three files) under 5 overlays, each with a namespace and an Ingress
    // of its own to the base's Service web (kubectl kustomize o3 (v5.5.0): Services api and web, the Deployment and the
    // Ingress, all in ns3)
    const files: Record<string, string> = {
      'base/kustomization.yaml': 'resources: [api.yaml, deploy.yaml, svc.yaml]\n',
      'base/api.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  selector: {app: web}\n  ports: [{port: 8080}]\n',
      'base/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}, {containerPort: 8080}]}]}\n',
      'base/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n',
    };
    for (let i = 0; i < 5; i++) {
      files[`o${i}/kustomization.yaml`] = `namespace: ns${i}\nresources: [../base, ingress.yaml]\n`;
      files[`o${i}/ingress.yaml`] = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  defaultBackend: {service: {name: web, port: {number: 80}}}\n';
    }
    write(files);
    // WHEN it is loaded within 6 copies (each overlay past the first costs 3: the base's three objects), on one thread and
    // two, and checked
    const loadWith = (jobs: number) => {
      const skipped: SkippedInput[] = [];
      return { docs: loadManifests([dir], { jobs, parallelMinBytes: 0, skipped, maxKustomizeCopies: 6 }), skipped };
    };
    const { docs: loaded, skipped } = loadWith(1);
    // THEN o0, o1 and o2 are built whole (5 objects each: 6 copies); o3 (3 more would pass 6) and o4 are not built at all,
    // their Ingresses included (a file-by-file cut kept api.yaml and the Ingresses in all five namespaces, and the
    // Deployment and Service web in ns0 only: an Ingress without its Service, an error, in ns1 to ns4)
    const byNamespace = new Map<string, string[]>();
    for (const d of loaded) {
      const ns = String(d.object.metadata?.namespace);
      byNamespace.set(ns, [...byNamespace.get(ns) ?? [], `${String(d.object.kind)} ${String(d.object.metadata?.name)}`].sort());
    }
    expect([...byNamespace].sort()).toEqual(['ns0', 'ns1', 'ns2'].map((ns) => [ns, ['Deployment web', 'Ingress web', 'Service api', 'Service web']]));
    expect(check(ClusterModel.fromDocuments(loaded)).findings.filter((f) => f.rule.startsWith('ingress-'))).toEqual([]);
    expect(skipped.filter((s) => s.bound).map((s) => [path.relative(dir, s.file), s.reason])).toEqual([[
      path.join('o3', 'kustomization.yaml'),
      `the build of ${path.join(dir, 'o3', 'kustomization.yaml')} (and those of 1 other root: ${path.join(dir, 'o4', 'kustomization.yaml')}) was left out whole: with them, the copies of objects into the namespaces and names of the input's kustomize builds would pass 6 (MAX_KUSTOMIZE_COPIES; roots are taken by path, each build made whole or not at all), so the files they build keep the builds of the other roots that build them, and those that only their builds hold are not checked`,
    ]]);
    // and within 9 copies one root alone (o4) is left out, told in the singular
    const one: SkippedInput[] = [];
    loadManifests([dir], { jobs: 1, skipped: one, maxKustomizeCopies: 9 });
    expect(one.filter((s) => s.bound).map((s) => s.reason)).toEqual([
      `the build of ${path.join(dir, 'o4', 'kustomization.yaml')} was left out whole: with it, the copies of objects into the namespaces and names of the input's kustomize builds would pass 9 (MAX_KUSTOMIZE_COPIES; roots are taken by path, each build made whole or not at all), so the files it builds keep the builds of the other roots that build them, and those that only its builds hold are not checked`,
    ]);
    // and worker threads give the same
    const parallel = loadWith(2);
    expect(parallel.docs).toEqual(loaded);
    expect(parallel.skipped.filter((s) => s.bound)).toEqual(skipped.filter((s) => s.bound));
  });
});

describe('kustomize builds of many roots are bounded', () => {
  /** Kustomization folders (relative paths) and what each names in `resources`. */
  function kustomizations(resources: Record<string, string[]>): KustomizationsByFolder {
    return new Map(Object.entries(resources).map(([folder, r]) => [path.normalize(folder), { file: path.join(folder, 'kustomization.yaml'), refs: kustomizationRefs({ resources: r }) }]));
  }

  test('files of one base share one list of builds (overlays x files is not built)', () => {
    // GIVEN 50 overlays of a base of 50 files
    const files = Array.from({ length: 50 }, (_, i) => path.join('base', `s${i}.yaml`));
    const resources: Record<string, string[]> = { base: files.map((f) => path.basename(f)) };
    for (let i = 0; i < 50; i++) resources[path.join('overlays', `o${i}`)] = ['../../base'];
    // WHEN their builds are read
    const builds = kustomizeBuilds(kustomizations(resources), files);
    // THEN each file has the 50 builds, in one list that all files share
    expect(builds.get(files[0])).toHaveLength(50);
    for (const f of files) expect(builds.get(f)).toBe(builds.get(files[0]));
  });

  test('a folder without a kustomization named from the top folder (..) gives its files', () => {
    // GIVEN app/kustomization.yaml naming `..`, whose files are top.yaml and app's own
    const builds = kustomizeBuilds(kustomizations({ app: ['..'] }), ['top.yaml', path.join('app', 'a.yaml')]);
    // THEN the top folder's file is built by app's root, app's own file is not (app does not list it)
    expect([...builds.keys()]).toEqual(['top.yaml']);
  });

  test('folders named one inside the other cost a look-up per folder, not per file and folder above it', () => {
    // GIVEN a root naming 300 folders nested one inside the other (a, a/b, a/b/b, ...), each with one file, and
    // a kustomization map that counts its look-ups
    const depth = 300;
    const folders = Array.from({ length: depth }, (_, i) => path.join('a', ...Array<string>(i).fill('b')));
    const files = folders.map((f) => path.join(f, 'cm.yaml'));
    let lookups = 0;
    class Counted extends Map<string, { readonly file: string; readonly refs?: ReturnType<typeof kustomizationRefs> }> {
      public get(key: string) {
        lookups++;
        return super.get(key);
      }
    }
    const k = new Counted([['.', { file: 'kustomization.yaml', refs: kustomizationRefs({ namespace: 'x', resources: folders }) }]]);
    // WHEN their builds are read
    const builds = kustomizeBuilds(k, files);
    // THEN every file is built by the root, in its namespace
    expect(builds.size).toBe(depth);
    for (const f of files) expect(builds.get(f)).toEqual([{ root: 'kustomization.yaml', namespace: 'x' }]);
    // AND the kustomizations were looked up a few times per folder (a walk up per file and named folder: ~depth^3/6)
    expect(lookups).toBeLessThan(10 * depth);
  });

  test('a file of a one-letter folder with its own kustomization is not built by a root that names the top folder', () => {
    // GIVEN app/ naming `..` (the top folder) and b/ (one letter) with a kustomization naming its own file
    const builds = kustomizeBuilds(kustomizations({ app: ['..'], b: ['cm.yaml'] }), ['top.yaml', path.join('b', 'cm.yaml')]);
    // THEN b's file is built by b's root only
    expect(builds.get(path.join('b', 'cm.yaml'))).toEqual([{ root: path.join('b', 'kustomization.yaml') }]);
    expect(builds.get('top.yaml')).toEqual([{ root: path.join('app', 'kustomization.yaml') }]);
  });

  test('the files of folders named one inside the other count toward MAX_BUILD_STEPS', () => {
    // GIVEN a root naming 40 nested folders whose deepest holds enough files that the 40 runs pass the bound
    const depth = 40;
    const folders = Array.from({ length: depth }, (_, i) => path.join('a', ...Array<string>(i).fill('b')));
    const per = Math.ceil(MAX_BUILD_STEPS / 20);
    const files = Array.from({ length: per }, (_, i) => path.join(folders[depth - 1], `f${i}.yaml`));
    // WHEN their builds are read
    const told: string[] = [];
    const builds = kustomizeBuilds(kustomizations({ '.': folders }), files, [], (_file, reason) => told.push(reason));
    // THEN the first 20 folders' runs fill the bound: the root is not walked, no file gets a build, and the cut is told
    expect(builds.size).toBe(0);
    expect(told).toEqual([expect.stringContaining('(MAX_BUILD_STEPS)')]);
  });

  test('a folder whose builds pass MAX_BUILD_STEPS: the cut is listed as input-skipped, naming the kustomization', () => {
    // GIVEN the same nested folders, as a listing with its kustomization
    const depth = 40;
    const folders = Array.from({ length: depth }, (_, i) => path.join('a', ...Array<string>(i).fill('b')));
    const files = ['kustomization.yaml', ...Array.from({ length: Math.ceil(MAX_BUILD_STEPS / 20) }, (_, i) => path.join(folders[depth - 1], `f${i}.yaml`))];
    const text = `resources: [${folders.map((f) => JSON.stringify(f.split(path.sep).join('/'))).join(', ')}]\n`;
    const skipped: SkippedInput[] = [];
    // WHEN the folder is read for its builds
    withoutKustomizeInputs(files, () => text, skipped, new Map());
    // THEN one entry says that the builds past the bound were not read
    expect(skipped.filter((s) => s.reason.includes('MAX_BUILD_STEPS'))).toEqual([{
      file: 'kustomization.yaml',
      reason: 'the kustomize builds of this folder took more than 2,000,000 steps (MAX_BUILD_STEPS), so the builds past that point were not read and their files keep the namespaces and names written',
      bound: true,
    }]);
  });

  test('builds within the bound tell no cut', () => {
    const told: string[] = [];
    kustomizeBuilds(kustomizations({ app: ['svc.yaml'] }), [path.join('app', 'svc.yaml')], [], (_file, reason) => told.push(reason));
    expect(told).toEqual([]);
  });

  test('thousands of roots over a long chain of bases stop at MAX_BUILD_STEPS', () => {
    // GIVEN 1,500 roots that each name the first of a chain of 1,000 bases, the last building one file
    const chain = 1000;
    const roots = Math.ceil(MAX_BUILD_STEPS / chain) - 500;
    const resources: Record<string, string[]> = {};
    for (let i = 0; i < chain - 1; i++) resources[`c${i}`] = [`../c${i + 1}`];
    resources[`c${chain - 1}`] = ['svc.yaml'];
    for (let i = 0; i < roots; i++) resources[`r${i}`] = ['../c0'];
    const file = path.join(`c${chain - 1}`, 'svc.yaml');
    // WHEN their builds are read
    const builds = kustomizeBuilds(kustomizations(resources), [file]).get(file) ?? [];
    // THEN the roots walked before the bound build the file, the others give it nothing
    expect(builds.length).toBeGreaterThan(0);
    expect(builds.length).toBeLessThan(roots);
  });

  /** Kustomization folders and their kustomization mappings. */
  function kustomizationsOf(folders: Record<string, Record<string, unknown>>): KustomizationsByFolder {
    return new Map(Object.entries(folders).map(([folder, k]) => [path.normalize(folder), { file: path.join(folder, 'kustomization.yaml'), refs: kustomizationRefs(k) }]));
  }

  test('a base named 100,000 times by one kustomization is walked once per root, within the bound', () => {
    // GIVEN 50 roots with namespaces of their own over c, which names base d 100,000 times (kustomize refuses that:
    // "already registered id"; 700 KB of YAML)
    const folders: Record<string, Record<string, unknown>> = { c: { resources: Array<string>(100_000).fill('../d') }, d: { resources: ['svc.yaml'] } };
    for (let i = 0; i < 50; i++) folders[`r${i}`] = { namespace: `ns${i}`, resources: ['../c'] };
    const file = path.join('d', 'svc.yaml');
    // WHEN their builds are read
    const told: string[] = [];
    const builds = kustomizeBuilds(kustomizationsOf(folders), [file], [], (_file, reason) => told.push(reason));
    // THEN every root builds the file, in its namespace, and no bound was reached (each root's walk took d once, not
    // 100,000 times: 5,000,000 visits would pass MAX_BUILD_STEPS)
    expect(builds.get(file)?.map((b) => b.namespace).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `ns${i}`).sort());
    expect(told).toEqual([]);
  });

  test('a component named 50,000 times costs each root that many steps: the roots past MAX_BUILD_STEPS are cut and told', () => {
    // GIVEN 100 roots, each with a prefix, over c, which names component comp (a prefix of its own) 50,000 times:
    // kustomize runs it each time, so the walk of each root visits it 50,000 times
    const list = 50_000;
    const folders: Record<string, Record<string, unknown>> = {
      c: { resources: ['svc.yaml'], components: Array<string>(list).fill('../comp') },
      comp: { namePrefix: 'x-' },
    };
    for (let i = 0; i < 100; i++) folders[`r${i}`] = { namespace: `ns${i}`, namePrefix: `p${i}-`, resources: ['../c'] };
    const file = path.join('c', 'svc.yaml');
    // WHEN their builds are read
    const told: string[] = [];
    const cpuMs = cpuClock();
    const builds = kustomizeBuilds(kustomizationsOf(folders), [file], [], (_file, reason) => told.push(reason));
    // THEN each root walked counted the component's visits (in the affix walk and in the build walk: twice the list),
    // so at most MAX_BUILD_STEPS / (2 * list) roots build the file, and the cut is told
    const roots = new Set(builds.get(file)?.map((b) => b.root));
    expect(roots.size).toBeGreaterThan(0);
    expect(roots.size).toBeLessThanOrEqual(MAX_BUILD_STEPS / (2 * list));
    // (each root walked also gives c more than MAX_AFFIXES_PER_FOLDER prefixes, told on its own)
    expect(told.filter((r) => r.includes('(MAX_BUILD_STEPS)'))).toHaveLength(1);
    expect(told.filter((r) => !r.includes('(MAX_BUILD_STEPS)') && !r.includes('(MAX_AFFIXES_PER_FOLDER)'))).toEqual([]);
    expect(cpuMs()).toBeLessThan(30_000); // 157 s for 20 such roots before the visits were counted
  });
});

describe('the copy bound counts each copy a root makes', () => {
  test('objects with a written namespace, of a root that gives one and an Argo CD destination that fills: the destination\'s root is left out when no copy is left', () => {
    // GIVEN root a gives namespace x, an Application gives destination x: objects with a namespace get two copies
    // (x, and their own), objects a destination fills one
    const doc = (name: string): ManifestDocument => ({
      object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace: 'w' } },
      source: { file: 'f.yaml', document: 1 },
    });
    const builds = [{ root: 'a/kustomization.yaml', namespace: 'x' }, { root: 'b-app.yaml', destination: 'x' }];
    // WHEN no copy may be made
    const roles = [doc('r1'), doc('r2'), doc('r3')];
    const plan = copyPlan([{ docs: roles, builds }], undefined, 0);
    const out = builtDocuments(roles, builds, plan);
    // THEN one copy per document: the first root's build only (b's would be a copy in w of each)
    expect(out.map((d) => `${String(d.object.metadata?.namespace)}/${String(d.object.metadata?.name)}`)).toEqual(['x/r1', 'x/r2', 'x/r3']);
    expect(plan.leftOut).toEqual(['b-app.yaml']);
  });
});
