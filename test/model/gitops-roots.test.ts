// GIVEN a repository with a kustomization at (or near) its root and plain folders that a Flux Kustomization or an Argo
// CD Application of the repository applies by itself, WHEN it is loaded as a folder, THEN those folders are roots of
// their own: their files are read (Flux: recursively; Argo CD: that folder, subfolders with directory.recurse), once,
// and the patches and inputs a kustomization names, and the files of other unlisted folders, stay skipped. So are the
// folders that an ApplicationSet's git directory generator matches when its template's path is the generator's {{path}}.
import * as path from 'path';
import { tempDirEach, writeTree } from './file-tree';
import { check } from '../../src/checks/engine';
import { MAX_GENERATORS } from '../../src/model/argo-generators';
import { ClusterModel } from '../../src/model/cluster-model';
import { InputTooLargeError, ManifestError } from '../../src/model/documents';
import { MAX_FLEETIGNORE_BYTES } from '../../src/model/fleet-ignore';
import { gitopsRoots, MAX_GITOPS_ROOTS, MAX_ROOT_SCAN_BYTES } from '../../src/model/gitops-roots';
import { withoutKustomizeInputs } from '../../src/model/kustomize-folders';
import { loadManifests, SkippedInput } from '../../src/model/load';
import { cpuClock } from '../cpu-clock';

let dir: string;
tempDirEach('cdk8s-dns-groots-', (d) => { dir = d; });

const ROOT_K = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - clusters/prod/flux-system\n';
const fluxKs = (p: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: apps, namespace: flux-system }\nspec:\n  interval: 10m\n  path: ${p}\n  prune: true\n  sourceRef: { kind: GitRepository, name: flux-system }\n`;
const app = (source: string) => `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: { name: web, namespace: argocd }\nspec:\n  project: default\n  destination: { server: https://kubernetes.default.svc, namespace: web }\n${source}`;
const svc = (name: string) => `apiVersion: v1\nkind: Service\nmetadata: { name: ${name}, namespace: web }\nspec:\n  selector: { app: ${name} }\n  ports: [{ port: 80 }]\n`;
/** An ApplicationSet with `generators` (YAML flow) whose template's source has `source` (YAML flow, inside `{ }`). */
const appSet = (generators: string, source: string, goTemplate = false) => `apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: { name: set, namespace: argocd }\nspec:\n  goTemplate: ${goTemplate}\n  generators: ${generators}\n  template:\n    metadata: { name: app }\n    spec:\n      project: default\n      source: { repoURL: https://git.example/repo.git, ${source} }\n      destination: { server: https://kubernetes.default.svc, namespace: web }\n`;
const gitDirs = (dirs: string, extra = '') => `{ git: { repoURL: https://git.example/repo.git, revision: HEAD, directories: ${dirs}${extra} } }`;
const SMP = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: web }\nspec:\n  replicas: 3\n';

/** The objects (kind/name, sorted) and skipped files (relative) of loading the test folder. */
function load(): { objects: string[]; skipped: string[] } {
  const skipped: SkippedInput[] = [];
  const docs = loadManifests([dir], { skipped });
  return {
    objects: docs.map((d) => `${String(d.object.kind)}/${String(d.object.metadata?.name)}`).sort(),
    skipped: skipped.filter((s) => !/kustomize Kustomization/.test(s.reason)).map((s) => path.relative(dir, s.file)).sort(),
  };
}

describe('folders that Flux Kustomizations and Argo CD Applications apply by themselves', () => {
  test.each<[string, Record<string, string>, string[], string[]]>([
    ['a Flux Kustomization spec.path (./ prefix) names a plain folder: its files, subfolders too', {
      'kustomization.yaml': ROOT_K,
      'clusters/prod/flux-system/kustomization.yaml': 'resources: [gotk-sync.yaml]\n',
      'clusters/prod/flux-system/gotk-sync.yaml': fluxKs('./apps/web'),
      'apps/web/service.yaml': svc('web'),
      'apps/web/db/service.yaml': svc('db'),
      'apps/old/service.yaml': svc('old'),
    }, ['Kustomization/apps', 'Service/db', 'Service/web'], ['apps/old/service.yaml']],
    ['a Flux Kustomization saved where no kustomization lists it still names its folder', {
      'kustomization.yaml': ROOT_K,
      'clusters/prod/apps.yaml': fluxKs('apps'),
      'clusters/prod/flux-system/kustomization.yaml': 'resources: []\n',
      'apps/service.yaml': svc('web'),
    }, ['Service/web'], ['clusters/prod/apps.yaml']],
    ['an Argo CD Application source.path names a plain folder: its own files, not its subfolders', {
      'kustomization.yaml': 'resources: [root-app.yaml]\n',
      'root-app.yaml': app('  source: { repoURL: https://git.example/repo.git, path: apps/web }\n'),
      'apps/web/service.yaml': svc('web'),
      'apps/web/old/service.yaml': svc('old'),
    }, ['Application/web', 'Service/web'], ['apps/web/old/service.yaml']],
    ['a plain Argo CD folder whose own file is walked before its subfolder\'s decides for its own files only', {
      'kustomization.yaml': 'resources: [root-app.yaml]\n',
      'root-app.yaml': app('  source: { repoURL: https://git.example/repo.git, path: apps/web }\n'),
      'apps/web/a.yaml': svc('web'),
      'apps/web/old/service.yaml': svc('old'),
      'apps/web/z.yaml': svc('z'),
    }, ['Application/web', 'Service/web', 'Service/z'], ['apps/web/old/service.yaml']],
    ['Argo CD directory.recurse: true takes the subfolders', {
      'kustomization.yaml': 'resources: [root-app.yaml]\n',
      'root-app.yaml': app('  source: { repoURL: https://git.example/repo.git, path: apps/web, directory: { recurse: true } }\n'),
      'apps/web/service.yaml': svc('web'),
      'apps/web/db/service.yaml': svc('db'),
    }, ['Application/web', 'Service/db', 'Service/web'], []],
    ['Argo CD sources[].path and an ApplicationSet template; a templated path and a Helm chart source count for nothing', {
      'kustomization.yaml': 'resources: [apps.yaml]\n',
      'apps.yaml': `${app('  sources:\n    - { repoURL: https://charts.example, chart: web, targetRevision: 1.0.0 }\n    - { repoURL: https://git.example/repo.git, path: apps/a }\n')}---\napiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: { name: set, namespace: argocd }\nspec:\n  generators: [{ list: { elements: [{ name: c }] } }]\n  template:\n    metadata: { name: '{{name}}' }\n    spec:\n      project: default\n      source: { repoURL: https://git.example/repo.git, path: apps/b }\n      destination: { server: https://kubernetes.default.svc, namespace: web }\n---\n${app('  source: { repoURL: https://git.example/repo.git, path: \'apps/{{name}}\' }\n').replace('name: web', 'name: templated')}`,
      'apps/a/service.yaml': svc('a'),
      'apps/b/service.yaml': svc('b'),
      'apps/web/service.yaml': svc('web'),
    }, ['Application/templated', 'Application/web', 'ApplicationSet/set', 'Service/a', 'Service/b'], ['apps/web/service.yaml']],
    ['a named folder with its own kustomization is its build: patches stay skipped, unlisted files too', {
      'kustomization.yaml': 'resources: [app.yaml]\n',
      'app.yaml': app('  source: { repoURL: https://git.example/repo.git, path: overlays/prod }\n'),
      'overlays/prod/kustomization.yaml': 'resources: [service.yaml]\npatches: [{ path: replicas.yaml }]\n',
      'overlays/prod/service.yaml': svc('web'),
      'overlays/prod/replicas.yaml': SMP,
      'overlays/prod/old.yaml': svc('old'),
    }, ['Application/web', 'Service/web'], ['overlays/prod/old.yaml', 'overlays/prod/replicas.yaml']],
    ['a patch that a kustomization names stays skipped inside a Flux folder', {
      'kustomization.yaml': 'resources: [flux.yaml]\npatches: [{ path: apps/replicas.yaml }]\n',
      'flux.yaml': fluxKs('./apps'),
      'apps/service.yaml': svc('web'),
      'apps/replicas.yaml': SMP,
    }, ['Kustomization/apps', 'Service/web'], ['apps/replicas.yaml']],
    ['a path of another repository (no such folder here) or above the input changes nothing', {
      'kustomization.yaml': 'resources: [flux.yaml]\n',
      'flux.yaml': `${fluxKs('./kustomize')}---\n${fluxKs('../apps').replace('name: apps', 'name: up')}`,
      'apps/service.yaml': svc('web'),
    }, ['Kustomization/apps', 'Kustomization/up'], ['apps/service.yaml']],
  ])('%s', (_name, files, objects, skipped) => {
    writeTree(dir, files);
    const got = load();
    expect(got.objects).toEqual(objects);
    expect(got.skipped).toEqual(skipped);
  });

  /** The files of a folder `apps` below a root kustomization that lists only `set.yaml` (the ApplicationSet). */
  const apps = (set: string, more: Record<string, string> = {}) => ({
    'kustomization.yaml': 'resources: [set.yaml]\n',
    'set.yaml': set,
    'apps/a/service.yaml': svc('a'),
    'apps/a/sub/service.yaml': svc('asub'),
    'apps/b/service.yaml': svc('b'),
    'apps/legacy/service.yaml': svc('legacy'),
    ...more,
  });
  test.each<[string, Record<string, string>, string[]]>([
    ['{{path}} of apps/*: each matched folder, not its subfolders (* does not cross /)', apps(appSet(`[${gitDirs('[{ path: apps/* }]')}]`, "path: '{{path}}'")),
      ['apps/a/sub/service.yaml']],
    ['exclude: true wins over an include that matches, whatever the order', apps(appSet(`[${gitDirs('[{ path: apps/legacy, exclude: true }, { path: apps/* }, { path: apps/b }, { path: apps/b, exclude: true }]')}]`, "path: '{{ path }}'")),
      ['apps/a/sub/service.yaml', 'apps/b/service.yaml', 'apps/legacy/service.yaml']],
    ['goTemplate {{ .path.path }} with directory.recurse takes the subfolders; ** is two * (apps/a only, not apps/a/sub)', apps(appSet(`[${gitDirs('[{ path: "apps/**" }]')}]`, "path: '{{ .path.path }}', directory: { recurse: true }", true)),
      []],
    ['** does not reach deeper folders: apps/** names apps/a, and apps/a/sub only through recurse', apps(appSet(`[${gitDirs('[{ path: "apps/**" }]')}]`, "path: '{{ .path.path }}'", true)),
      ['apps/a/sub/service.yaml']],
    ['a git generator nested in a matrix (with a list) and in a merge', apps(appSet(`[{ matrix: { generators: [${gitDirs('[{ path: apps/a }]')}, { list: { elements: [{ env: prod }] } }] } }, { merge: { mergeKeys: [path], generators: [${gitDirs('[{ path: apps/b }]')}] } }]`, "path: '{{path}}'")),
      ['apps/a/sub/service.yaml', 'apps/legacy/service.yaml']],
    ['pathParamPrefix: the template path names the generator with that prefix only', apps(appSet(`[{ matrix: { generators: [${gitDirs('[{ path: apps/a }]', ', pathParamPrefix: one')}, ${gitDirs('[{ path: apps/b }]', ', pathParamPrefix: two')}] } }]`, "path: '{{ .two.path.path }}'", true)),
      ['apps/a/service.yaml', 'apps/a/sub/service.yaml', 'apps/legacy/service.yaml']],
    ['a pattern that matches no folder here (another repository) names nothing', apps(appSet(`[${gitDirs('[{ path: services/* }]')}]`, "path: '{{path}}'")),
      ['apps/a/service.yaml', 'apps/a/sub/service.yaml', 'apps/b/service.yaml', 'apps/legacy/service.yaml']],
    ['a placeholder of the other template kind ({{path}} with goTemplate, {{.path.path}} without) names nothing', apps(`${appSet(`[${gitDirs('[{ path: apps/* }]')}]`, "path: '{{path}}'", true)}---\n${appSet(`[${gitDirs('[{ path: apps/* }]')}]`, "path: '{{ .path.path }}'").replace('name: set', 'name: other')}`),
      ['apps/a/service.yaml', 'apps/a/sub/service.yaml', 'apps/b/service.yaml', 'apps/legacy/service.yaml']],
    ['a path around the placeholder, or a list generator only, names nothing', apps(`${appSet(`[${gitDirs('[{ path: apps/* }]')}]`, "path: '{{path}}/deploy'")}---\n${appSet('[{ list: { elements: [{ path: apps/a }] } }]', "path: '{{path}}'").replace('name: set', 'name: other')}`),
      ['apps/a/service.yaml', 'apps/a/sub/service.yaml', 'apps/b/service.yaml', 'apps/legacy/service.yaml']],
  ])('ApplicationSet git directory generator: %s', (_name, files, skipped) => {
    writeTree(dir, files);
    expect(load().skipped).toEqual(skipped);
  });

  test('a folder both listed by a kustomization and named by Flux is read once: no object-defined-twice', () => {
    writeTree(dir, {
      'kustomization.yaml': 'resources: [flux.yaml, apps]\n',
      'flux.yaml': fluxKs('./apps'),
      'apps/service.yaml': svc('web'),
    });
    const docs = loadManifests([dir]);
    expect(docs.filter((d) => d.object.kind === 'Service')).toHaveLength(1);
    expect(check(ClusterModel.fromDocuments(docs)).findings.filter((f) => f.rule === 'object-defined-twice')).toEqual([]);
  });

  test('a Service of a Flux folder resolves the Ingress backend in a listed file (no false ingress-backend-missing)', () => {
    writeTree(dir, {
      'kustomization.yaml': 'resources: [flux.yaml, ingress.yaml]\n',
      'flux.yaml': fluxKs('./apps/web'),
      'ingress.yaml': `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: web, namespace: web }\nspec:\n  rules:\n    - http:\n        paths:\n          - { path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }\n---\n${svc('api')}`,
      'apps/web/service.yaml': svc('web'),
    });
    const findings = check(ClusterModel.fromDocuments(loadManifests([dir]))).findings;
    expect(findings.map((f) => f.rule)).not.toContain('ingress-backend-missing');
  });

  test(`at most MAX_GITOPS_ROOTS (${MAX_GITOPS_ROOTS}) paths are taken`, () => {
    const files = ['base/apps.yaml', ...Array.from({ length: MAX_GITOPS_ROOTS + 5 }, (_, i) => `base/a${i}/s.yaml`)];
    const text = Array.from({ length: MAX_GITOPS_ROOTS + 5 }, (_, i) => fluxKs(`./a${i}`)).join('---\n');
    const roots = gitopsRoots(files, 'base', (f) => (f === 'base/apps.yaml' ? text : 'kind: x\n'));
    expect(roots.size).toBe(MAX_GITOPS_ROOTS);
    expect(roots.has(path.normalize('base/a0'))).toBe(true);
    expect(roots.has(path.normalize(`base/a${MAX_GITOPS_ROOTS}`))).toBe(false);
  });

  test('a folder whose name starts with . (and what is below it) is not one Argo CD lists', () => {
    const files = ['base/set.yaml', 'base/apps/.old/s.yaml', 'base/apps/.old/x/s.yaml', 'base/apps/a/s.yaml'];
    const text = appSet(`[${gitDirs('[{ path: "apps/*" }, { path: "apps/.*" }, { path: "apps/.old/*" }]')}]`, "path: '{{path}}'");
    const roots = gitopsRoots(files, 'base', (f) => (f === 'base/set.yaml' ? text : 'kind: x\n'));
    expect([...roots.keys()]).toEqual([path.normalize('base/apps/a')]);
  });

  test(`at most MAX_GITOPS_ROOTS (${MAX_GITOPS_ROOTS}) folders of git directory generators are taken`, () => {
    const files = ['base/set.yaml', ...Array.from({ length: MAX_GITOPS_ROOTS + 5 }, (_, i) => `base/a/${String(i).padStart(5, '0')}/s.yaml`)];
    const text = appSet(`[${gitDirs('[{ path: a/* }]')}]`, "path: '{{path}}'");
    const roots = gitopsRoots(files, 'base', (f) => (f === 'base/set.yaml' ? text : 'kind: x\n'));
    expect(roots.size).toBe(MAX_GITOPS_ROOTS);
    expect(roots.has(path.normalize('base/a/00000'))).toBe(true);
    expect(roots.has(path.normalize(`base/a/${MAX_GITOPS_ROOTS + 4}`))).toBe(false);
  });

  test(`at most MAX_GENERATORS (${MAX_GENERATORS}) generators of a list are read`, () => {
    const n = MAX_GENERATORS + 5;
    const files = ['base/set.yaml', ...Array.from({ length: n }, (_, i) => `base/g${i}/s.yaml`)];
    const text = appSet(`[${Array.from({ length: n }, (_, i) => gitDirs(`[{ path: g${i} }]`)).join(', ')}]`, "path: '{{path}}'");
    const roots = gitopsRoots(files, 'base', (f) => (f === 'base/set.yaml' ? text : 'kind: x\n'));
    expect(roots.size).toBe(MAX_GENERATORS);
    expect(roots.has(path.normalize(`base/g${MAX_GENERATORS - 1}`))).toBe(true);
    expect(roots.has(path.normalize(`base/g${MAX_GENERATORS}`))).toBe(false);
  });
});

// GIVEN Fleet bundles of plain manifests with an overlays/ folder (Fleet's per-target replacements and *_patch.*
// files, as in rancher/fleet-examples) or a templates/ folder (Helm templates of the chart Fleet makes), WHEN the
// repository is loaded as a folder, THEN the fleet.yaml, the overlay files and the templates are skipped as Fleet's own
// (Fleet never deploys them as they are), and a replacement is no second definition.
describe('the files of a Fleet bundle that Fleet reads itself', () => {
  const FLEET = 'defaultNamespace: shop\ntargetCustomizations:\n- name: prod\n  clusterSelector: { matchLabels: { env: prod } }\n  yaml: { overlays: [lb] }\n';
  test.each<[string, Record<string, string>, string[], string[]]>([
    ['a replacement and a patch under overlays/ of a plain bundle: skipped, with the fleet.yaml', {
      'app/fleet.yaml': FLEET,
      'app/svc.yaml': svc('web'),
      'app/overlays/lb/svc.yaml': svc('web').replace('spec:\n', 'spec:\n  type: LoadBalancer\n'),
      // metadata without kind: an error that stopped the check (exit 2) when read as a document
      'app/overlays/lb/deploy/dep_patch.yaml': 'metadata:\n  name: web\nspec:\n  replicas: 3\n',
    }, ['Service/web'], ['app/fleet.yaml', 'app/overlays/lb/deploy/dep_patch.yaml', 'app/overlays/lb/svc.yaml']],
    ['templates/ of a plain bundle without a Chart.yaml: Helm templates that Fleet renders as a chart (invalid YAML stopped the check)', {
      'iff/fleet.yaml': 'defaultNamespace: devices\nhelm:\n  releaseName: iff\n',
      'iff/templates/broker.yaml': '{{- if .Values.broker.enabled }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n{{- end }}\n',
      'iff/svc.yaml': svc('web'),
      'other/templates/svc.yaml': svc('plain'),
    }, ['Service/plain', 'Service/web'], ['iff/fleet.yaml', 'iff/templates/broker.yaml']],
    ['a templates/ folder without a template action in any file is one Helm deploys as it is: read', {
      'app/fleet.yaml': 'defaultNamespace: shop\n',
      'app/templates/svc.yaml': svc('plain'),
      'app/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\n',
    }, ['ConfigMap/settings', 'Service/plain'], ['app/fleet.yaml']],
    ['one template or one file that is no YAML in templates/: the folder is one chart, skipped whole (its plain Service selects pods of a templated Deployment)', {
      'app/fleet.yaml': 'defaultNamespace: shop\n',
      'app/templates/svc.yaml': svc('plain'),
      'app/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: {{ .Values.name }} }\n',
      'lib/fleet.yaml': 'defaultNamespace: lib\n',
      'lib/templates/svc.yaml': svc('lib'),
      'lib/templates/bad.yaml': 'kind: [\n',
    }, [], ['app/fleet.yaml', 'app/templates/cm.yaml', 'app/templates/svc.yaml', 'lib/fleet.yaml', 'lib/templates/bad.yaml', 'lib/templates/svc.yaml']],
    ['an empty and a comment-only fleet.yaml are bundles all the same: their templates are Fleet\'s (invalid YAML stopped the check)', {
      'a/fleet.yaml': '',
      'a/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: {{ .Values.name }} }\n',
      'b/fleet.yaml': '# nothing but defaults\n',
      'b/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: {{ .Values.name }} }\n',
      'b/svc.yaml': svc('b'),
    }, ['Service/b'], ['a/fleet.yaml', 'a/templates/cm.yaml', 'b/fleet.yaml', 'b/templates/cm.yaml']],
    ['.fleetignore entries (names, globs, name/* folders; in the folder listed and below, not in a nested bundle) and hidden files are left out', {
      'app/fleet.yaml': 'defaultNamespace: shop\n',
      'app/.fleetignore': '# not deployed\nbroken.yaml  \n*.tmpl.yaml\nscratch/*\n\n',
      'app/broken.yaml': 'metadata:\n  name: x\n', // no kind: stopped the check (exit 2) when read
      'app/svc.yaml': svc('web'),
      'app/.hidden.yaml': 'metadata:\n  name: h\n',
      'app/sub/cm.tmpl.yaml': 'metadata:\n  name: t\n',
      'app/sub/.fleetignore': 'local.yaml\n',
      'app/sub/local.yaml': 'metadata:\n  name: l\n',
      'app/scratch/x.yaml': 'metadata:\n  name: s\n',
      'app/other/local.yaml': svc('local'),
      'app/nested/fleet.yaml': 'defaultNamespace: inner\n',
      'app/nested/broken.yaml': svc('nested'),
      'plain/.hidden.yaml': svc('hidden'),
    }, ['Service/hidden', 'Service/local', 'Service/nested', 'Service/web'], [
      'app/.hidden.yaml', 'app/broken.yaml', 'app/fleet.yaml', 'app/nested/fleet.yaml', 'app/scratch/x.yaml', 'app/sub/cm.tmpl.yaml', 'app/sub/local.yaml',
    ]],
    ['an overlays/ folder of kustomize overlays in a bundle built with kustomize.dir: kustomize decides, not Fleet', {
      'app/fleet.yaml': 'namespace: shop\ntargets:\n- name: dev\n  kustomize: { dir: overlays/dev }\n',
      'app/base/kustomization.yaml': 'resources: [svc.yaml]\n',
      'app/base/svc.yaml': svc('web'),
      'app/overlays/dev/kustomization.yaml': 'resources: [../../base, extra.yaml]\n',
      'app/overlays/dev/extra.yaml': svc('extra'),
    }, ['Service/extra', 'Service/web'], ['app/fleet.yaml']],
    ['a kustomize overlay folder under a plain bundle\'s overlays/ is read as its kustomization builds it', {
      'app/fleet.yaml': FLEET,
      'app/svc.yaml': svc('web'),
      'app/overlays/k/kustomization.yaml': 'resources: [svc.yaml]\n',
      'app/overlays/k/svc.yaml': svc('k'),
    }, ['Service/k', 'Service/web'], ['app/fleet.yaml']],
    ['a folder named overlays outside any bundle, and a fleet.yaml that is an object, are read as before', {
      'overlays/lb/svc.yaml': svc('web'),
      'x/fleet.yaml': svc('x'),
    }, ['Service/web', 'Service/x'], []],
  ])('%s', (_, files, objects, skipped) => {
    writeTree(dir, files);
    expect(load()).toEqual({ objects, skipped });
  });

  test('the reasons of the files Fleet leaves out name the .fleetignore and its pattern, the folder, or the hidden name', () => {
    writeTree(dir, {
      'app/fleet.yaml': 'defaultNamespace: shop\n',
      'app/.fleetignore': 'broken.yaml\nscratch/*\n',
      'app/broken.yaml': svc('b'),
      'app/.hidden.yaml': svc('h'),
      'app/scratch/x.yaml': svc('s'),
    });
    const skipped: SkippedInput[] = [];
    loadManifests([dir], { skipped });
    const rel = (s: SkippedInput) => `${path.relative(dir, s.file)}: ${s.reason.split(dir + path.sep).join('')}`;
    const leave = ": Fleet leaves it out of the bundle app as it reads the bundle's folder, and the cluster never gets it";
    expect(skipped.filter((s) => !s.file.endsWith('fleet.yaml')).map(rel).sort()).toEqual([
      `app/.hidden.yaml: a hidden file (its name starts with .)${leave}`,
      `app/broken.yaml: app/.fleetignore lists "broken.yaml"${leave}`,
      `app/scratch/x.yaml: in the folder app/scratch, which app/.fleetignore lists "scratch/*"${leave}`,
    ]);
    expect(skipped.every((s) => s.toolCommand === 'Fleet')).toBe(true);
  });

  test('a .fleetignore larger than MAX_FLEETIGNORE_BYTES is not read, and the cut is told: the files it may list are read', () => {
    writeTree(dir, {
      'app/fleet.yaml': 'defaultNamespace: shop\n',
      'app/.fleetignore': `broken.yaml\n${'#'.repeat(MAX_FLEETIGNORE_BYTES)}\n`,
      'app/broken.yaml': svc('b'),
    });
    const skipped: SkippedInput[] = [];
    const docs = loadManifests([dir], { skipped });
    expect(docs.map((d) => d.object.metadata?.name)).toEqual(['b']);
    expect(skipped.filter((s) => s.bound).map((s) => `${path.relative(dir, s.file)}: ${s.reason}`)).toEqual([
      'app/.fleetignore: larger than 1 MiB (MAX_FLEETIGNORE_BYTES), so it was not read: the files it lists, if any, are read',
    ]);
  });

  test('matching .fleetignore patterns stops at MAX_GLOB_STEPS, and the cut is told: the files past it are read', () => {
    // GIVEN 200 patterns of 1,000 characters (`*a*a...`, each 200,000 steps against a name of 200 characters)
    const name = `${'b'.repeat(195)}.yaml`;
    const text = Array.from({ length: 200 }, () => '*a'.repeat(500)).join('\n');
    const texts: Record<string, string> = { 'base/app/fleet.yaml': 'defaultNamespace: shop\n', 'base/app/.fleetignore': text };
    const skipped: SkippedInput[] = [];
    const cpuMs = cpuClock();
    const out = withoutKustomizeInputs(['base/app/fleet.yaml', `base/app/${name}`], (f) => texts[f] ?? svc('x'), skipped, new Map(), 'base');
    expect(cpuMs()).toBeLessThan(20_000);
    expect(out).toEqual([`base/app/${name}`]);
    expect(skipped.filter((s) => s.bound).map((s) => `${s.file}: ${s.reason}`)).toEqual([
      'base/app: its .fleetignore files took 20,000,000 steps of matching (MAX_GLOB_STEPS), so the files past them that they may list are read',
    ]);
  });

  test('the replacement an overlay holds is no second definition of the Service (no object-defined-twice)', () => {
    writeTree(dir, {
      'app/fleet.yaml': FLEET,
      'app/svc.yaml': svc('web'),
      'app/overlays/lb/svc.yaml': svc('web').replace('spec:\n', 'spec:\n  type: LoadBalancer\n'),
      'app/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: {{ .Values.name }} }\n',
    });
    const skipped: SkippedInput[] = [];
    const findings = check(ClusterModel.fromDocuments(loadManifests([dir], { skipped })), { skippedInputs: skipped }).findings;
    expect(findings.filter((f) => f.rule === 'object-defined-twice')).toEqual([]);
    expect(findings.filter((f) => f.rule === 'input-skipped').map((f) => f.message)).toEqual([
      expect.stringMatching(/fleet\.yaml was not read: the configuration of the Fleet bundle .*app, which Fleet reads .* Fix: nothing; Fleet reads it\.$/),
      expect.stringMatching(/overlays.lb.svc\.yaml was not read: a file of the overlays folder of the Fleet bundle .*app \(.*fleet\.yaml\), which Fleet puts in place of .* never deploys as it is\. Fix: nothing; Fleet reads it\.$/),
      expect.stringMatching(/templates.cm\.yaml was not read: a template of the templates folder of the Fleet bundle .*app \(.*fleet\.yaml\), which Fleet renders with Helm as the templates of a chart it makes of the bundle, and never deploys as it is\. Fix: nothing; Fleet reads it\.$/),
    ]);
  });
});

describe('large files of the GitOps search (MAX_ROOT_SCAN_BYTES)', () => {
  /** A ConfigMap of about `bytes` bytes. */
  const big = (bytes: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: big, namespace: web }\ndata: { v: "${'x'.repeat(bytes)}" }\n`;
  const MIB = 1024 * 1024;
  const APP = app('  source: { repoURL: https://git.example/r.git, path: apps/web }\n');
  /** The skipped entries that tell a bound, relative. */
  const bounds = (): { file: string; reason: string }[] => {
    const skipped: SkippedInput[] = [];
    loadManifests([dir], { skipped });
    return skipped.filter((s) => s.bound).map((s) => ({ file: path.relative(dir, s.file), reason: s.reason }));
  };

  test.each<[string, string]>([
    ['an Argo CD Application after 1.1 MB of a ConfigMap', `${big(1.1e6)}---\n${APP}`],
    ['an Argo CD Application before 2 MiB of a ConfigMap', `${APP}---\n${big(2 * MIB)}`],
  ])('a file of %s is searched whole: the folder it applies is read, and nothing is reported', (_name, text) => {
    // GIVEN a root kustomization that lists the file (the folder the Application applies is not listed)
    writeTree(dir, { 'kustomization.yaml': 'resources: [apps.yaml]\n', 'apps.yaml': text, 'apps/web/service.yaml': svc('web') });
    // WHEN the folder is loaded THEN apps/web is a root of its own (before, a file over 1 MiB was searched only in its
    // first MiB, and apps/web/service.yaml was skipped as not listed, in silence)
    expect(load()).toEqual({ objects: ['Application/web', 'ConfigMap/big', 'Service/web'], skipped: [] });
    expect(bounds()).toEqual([]);
  });

  test.each<[string, string, string[]]>([
    // the Flux and Argo CD CRDs name the groups and kinds, indented; Argo CD's install.yaml holds them and is over 1 MiB
    ['a CRD bundle of the Argo CD CRDs', `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: { name: applications.argoproj.io }\nspec:\n  group: argoproj.io\n  names:\n    kind: Application\n    plural: applications\n  scope: Namespaced\n  versions: []\n---\n${big(2 * MIB)}`,
      ['ConfigMap/big', 'CustomResourceDefinition/applications.argoproj.io', 'Service/web']],
    ['ordinary manifests', big(5 * MIB), ['ConfigMap/big', 'Service/web']],
  ])('a large file of %s is searched, and gives no root and no report', (_name, text, objects) => {
    writeTree(dir, { 'large.yaml': text, 'apps/service.yaml': svc('web') });
    expect(bounds()).toEqual([]);
    expect(load()).toEqual({ objects, skipped: [] });
  });

  /**
   * A reader of `texts` (a number: a file of that many bytes) that refuses one larger than the bound as readInputFile
   * does, and pushes each bound it is given onto `given`.
   */
  const reader = (texts: Record<string, string | number>, given: number[]) => (f: string, maxBytes: number) => {
    given.push(maxBytes);
    const t = texts[f] ?? 'kind: x\n';
    if ((typeof t === 'number' ? t : t.length) > maxBytes) throw new InputTooLargeError(`${f} is larger than ${maxBytes} bytes`, f);
    return typeof t === 'number' ? 'kind: x\n' : t;
  };

  test('each file is read whole, within the bound; a large file of other manifests ends no search', () => {
    // GIVEN a Flux Kustomization, a file of other manifests larger than what is left after it, then another Flux
    // Kustomization
    const flux = fluxKs('./apps');
    const read: number[] = [];
    const skipped: SkippedInput[] = [];
    const builds = new Map();
    withoutKustomizeInputs(['base/a.yaml', 'base/apps/s.yaml', 'base/b.yaml', 'base/c.yaml', 'base/other/s.yaml'], reader({
      'base/a.yaml': flux, 'base/b.yaml': MAX_ROOT_SCAN_BYTES - flux.length + 1, 'base/c.yaml': fluxKs('./other').replace('  prune', '  targetNamespace: web\n  prune'),
    }, read), skipped, builds, 'base');
    // THEN each file is read within the whole bound, the last file's folder is known, and nothing is reported
    expect(read.slice(0, 3)).toEqual([MAX_ROOT_SCAN_BYTES, MAX_ROOT_SCAN_BYTES, MAX_ROOT_SCAN_BYTES]);
    expect(builds.get(path.join('base', 'other', 's.yaml'))?.map((b: { namespace?: string }) => b.namespace)).toEqual(['web']);
    expect(skipped).toEqual([]);
  });

  test('a file larger than all the search reads is reported on its own, and the search goes on', () => {
    // GIVEN a file past MAX_ROOT_SCAN_BYTES (a reader that refuses it), then a file of a Flux Kustomization
    const skipped: SkippedInput[] = [];
    const builds = new Map();
    withoutKustomizeInputs(['base/a.yaml', 'base/apps/s.yaml', 'base/b.yaml'], reader({ 'base/a.yaml': MAX_ROOT_SCAN_BYTES + 1, 'base/b.yaml': fluxKs('./apps').replace('  prune', '  targetNamespace: web\n  prune') }, []),
      skipped, builds, 'base');
    // THEN one entry names it and the bound, and the later file's folder is known
    expect(skipped).toEqual([{
      file: 'base/a.yaml',
      reason: 'larger than 64 MiB (MAX_ROOT_SCAN_BYTES), the most YAML read to find the folders that Flux Kustomizations, Argo CD Applications and Fleet bundles apply by themselves, so it was not searched for them: '
        + 'the folders of those it holds, if any, are not known to be (its objects are read and checked all the same); split it into smaller files to have them known',
      bound: true,
    }]);
    expect(builds.get(path.join('base', 'apps', 's.yaml'))?.map((b: { namespace?: string }) => b.namespace)).toEqual(['web']);
  });

  test('a file that names the groups, larger than what is left after the texts of GitOps objects, ends the search, reported on the folder', () => {
    const skipped: SkippedInput[] = [];
    const flux = fluxKs('./apps');
    // 64 MiB less what a.yaml took, and one character more
    const large = fluxKs('./other') + '#'.repeat(MAX_ROOT_SCAN_BYTES - flux.length + 1 - fluxKs('./other').length);
    withoutKustomizeInputs(['base/a.yaml', 'base/apps/s.yaml', 'base/b.yaml', 'base/c.yaml'],
      reader({ 'base/a.yaml': flux, 'base/b.yaml': large, 'base/c.yaml': flux }, []), skipped, new Map(), 'base');
    expect(skipped).toEqual([{
      file: 'base',
      reason: 'its Flux Kustomizations, Argo CD Applications and Fleet bundles took more than 64 MiB of YAML that names their API groups (MAX_ROOT_SCAN_BYTES), so the folders of those past it are not known to be applied by themselves',
      bound: true,
    }]);
  });

  test('an unreadable file is left to the load, which reports it: no bound', () => {
    const skipped: SkippedInput[] = [];
    const read = (f: string) => {
      if (f === 'base/a.yaml') throw new ManifestError(`${f}: cannot read file (EACCES)`, f);
      return 'kind: x\n';
    };
    withoutKustomizeInputs(['base/a.yaml', 'base/b.yaml'], read, skipped, new Map(), 'base');
    expect(skipped).toEqual([]);
  });
});
