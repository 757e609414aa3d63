// GIVEN kustomize trees whose kustomizations set namePrefix or nameSuffix, WHEN they are loaded as a folder, THEN each
// object has the name its build gives it (outermost prefix first), the Service references kustomize renames with them
// name the built Services, everything else is left as written, and each copy keeps its file and line.
import * as path from 'path';
import { tempDirEach, writeTree } from './file-tree';
import { check } from '../../src/checks/engine';
import { ClusterModel } from '../../src/model/cluster-model';
import { withKustomizeNames } from '../../src/model/kustomize-names';
import { loadManifests } from '../../src/model/load';
import { boundsOnto, ManifestDocument, SkippedInput } from '../../src/model/manifest';
import { cpuClock } from '../cpu-clock';

let dir: string;
tempDirEach('cdk8s-dns-knames-', (d) => { dir = d; });

const rel = (f: string) => path.relative(dir, f).split(path.sep).join('/');

/** `Kind ns/name <- file:line [roots]` of each object loaded from the test folder (ns `-`: none). */
function load(files: Record<string, string>): string[] {
  writeTree(dir, files);
  return loadManifests([dir]).map((d) => {
    const roots = d.source.kustomizeRoots === undefined ? '' : ` [${d.source.kustomizeRoots.map(rel).join(' ')}]`;
    return `${String(d.object.kind)} ${String(d.object.metadata?.namespace ?? '-')}/${String(d.object.metadata?.name)} <- ${rel(d.source.file)}:${d.source.line}${roots}`;
  });
}

/** The objects of kind `kind` loaded from `files`. */
function objects(files: Record<string, string>, kind: string): any[] {
  writeTree(dir, files);
  return loadManifests([dir]).filter((d) => d.object.kind === kind).map((d) => d.object);
}

const SVC = (name = 'web') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector: {app: ${name}}\n  ports: [{port: 80}]\n`;
const DEPLOY = (name: string, env: Record<string, string> = {}) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n      containers:\n      - name: c\n        image: i\n        ports: [{containerPort: 80}]\n        env: [${Object.entries(env).map(([k, v]) => `{name: ${k}, value: "${v}"}`).join(', ')}]\n`;
const INGRESS = (svc: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: entry\nspec:\n  defaultBackend: {service: {name: ${svc}, port: {number: 80}}}\n  rules:\n  - http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: ${svc}, port: {number: 80}}}}\n`;
const BASE = { 'base/kustomization.yaml': 'resources: [svc.yaml]\n', 'base/svc.yaml': SVC() };

describe('the names of a kustomize build', () => {
  test.each<[string, Record<string, string>, string[]]>([
    ['an overlay\'s namePrefix: the base\'s objects get it', {
      ...BASE, 'overlays/dev/kustomization.yaml': 'namePrefix: dev-\nresources: [../../base]\n',
    }, ['Service -/dev-web <- base/svc.yaml:1 [overlays/dev/kustomization.yaml]']],
    ['an overlay\'s nameSuffix', {
      ...BASE, 'overlays/dev/kustomization.yaml': 'nameSuffix: -dev\nresources: [../../base]\n',
    }, ['Service -/web-dev <- base/svc.yaml:1 [overlays/dev/kustomization.yaml]']],
    ['overlay and base: the overlay\'s prefix first, its suffix last; the overlay\'s own file gets its own only', {
      'base/kustomization.yaml': 'namePrefix: base-\nnameSuffix: -v1\nresources: [svc.yaml]\n',
      'base/svc.yaml': SVC(),
      'overlays/dev/kustomization.yaml': 'namespace: dev\nnamePrefix: dev-\nnameSuffix: -eu\nresources: [../../base, db.yaml]\n',
      'overlays/dev/db.yaml': SVC('db'),
    }, ['Service dev/dev-base-web-v1-eu <- base/svc.yaml:1 [overlays/dev/kustomization.yaml]', 'Service dev/dev-db-eu <- overlays/dev/db.yaml:1 [overlays/dev/kustomization.yaml]']],
    ['two overlays of one namespace with their own prefixes: a copy each, with its root', {
      ...BASE,
      'overlays/a/kustomization.yaml': 'namespace: shop\nnamePrefix: a-\nresources: [../../base]\n',
      'overlays/b/kustomization.yaml': 'namespace: shop\nnamePrefix: b-\nresources: [../../base]\n',
      'overlays/c/kustomization.yaml': 'namespace: shop\nnamePrefix: a-\nresources: [../../base]\n',
    }, ['Service shop/a-web <- base/svc.yaml:1 [overlays/a/kustomization.yaml overlays/c/kustomization.yaml]', 'Service shop/b-web <- base/svc.yaml:1 [overlays/b/kustomization.yaml]']],
    ['kinds kustomize leaves as written: a Namespace (renamed only by `namespace`), a CRD, an APIService', {
      'kustomization.yaml': 'namePrefix: p-\nresources: [all.yaml]\n',
      'all.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: apps}\n---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\n---\napiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata: {name: v1.metrics.example.com}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\n',
    }, ['Namespace -/apps <- all.yaml:1 [kustomization.yaml]', 'CustomResourceDefinition -/widgets.example.com <- all.yaml:5 [kustomization.yaml]',
      'APIService -/v1.metrics.example.com <- all.yaml:9 [kustomization.yaml]', 'ConfigMap -/p-settings <- all.yaml:13 [kustomization.yaml]', 'ClusterRole -/p-reader <- all.yaml:17 [kustomization.yaml]']],
    // `configurations` only add name references that kustomize renames with the names: kubectl kustomize (v5.5.0) with
    // a local configurations file of a Rollout's nameReference still names the Service `dev-web`
    ['a root with `configurations` (name references of its own, not read): the names get the prefix all the same', {
      ...BASE, 'overlays/dev/kustomization.yaml': 'namePrefix: dev-\nresources: [../../base]\nconfigurations: [rollout-transform.yaml]\n',
    }, ['Service -/dev-web <- base/svc.yaml:1 [overlays/dev/kustomization.yaml]']],
    ['a root with `configurations` given by URL (Argo Rollouts\' documented rollout-transform.yaml): the names get the prefix too', {
      ...BASE, 'overlays/dev/kustomization.yaml': 'namePrefix: dev-\nresources: [../../base]\nconfigurations:\n- https://argoproj.github.io/argo-rollouts/features/kustomize/rollout-transform.yaml\n',
    }, ['Service -/dev-web <- base/svc.yaml:1 [overlays/dev/kustomization.yaml]']],
    ['a prefix and suffix longer than the longest object name are not applied', {
      ...BASE, 'overlays/dev/kustomization.yaml': `namePrefix: ${'p'.repeat(200)}-\nnameSuffix: -${'s'.repeat(60)}\nresources: [../../base]\n`,
    }, ['Service -/web <- base/svc.yaml:1 [overlays/dev/kustomization.yaml]']],
    ['a file outside every kustomization keeps its name', {
      ...BASE, 'overlays/dev/kustomization.yaml': 'namePrefix: dev-\nresources: [../../base]\n', 'loose.yaml': SVC('loose'),
    }, ['Service -/dev-web <- base/svc.yaml:1 [overlays/dev/kustomization.yaml]', 'Service -/loose <- loose.yaml:1']],
  ])('%s', (_what, files, expected) => {
    expect(load(files)).toEqual(expected);
  });
});

describe('the references kustomize renames with the names', () => {
  test('an Ingress backend (v1 and the older serviceName) and a StatefulSet\'s serviceName name the built Service', () => {
    const files = {
      ...BASE,
      'overlays/dev/kustomization.yaml': 'namespace: dev\nnamePrefix: dev-\nresources: [../../base, entry.yaml, old.yaml, sts.yaml]\n',
      'overlays/dev/entry.yaml': INGRESS('web'),
      'overlays/dev/old.yaml': 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: old}\nspec:\n  backend: {serviceName: web, servicePort: 80}\n  rules:\n  - http:\n      paths:\n      - {path: /, backend: {serviceName: web, servicePort: 80}}\n',
      'overlays/dev/sts.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: web\n  selector: {matchLabels: {app: db}}\n  template: {metadata: {labels: {app: db}}, spec: {containers: [{name: c, image: i}]}}\n',
    };
    const ingresses = objects(files, 'Ingress');
    expect(ingresses.map((i) => [i.metadata.name, i.spec.defaultBackend?.service.name ?? i.spec.backend.serviceName,
      i.spec.rules[0].http.paths[0].backend.service?.name ?? i.spec.rules[0].http.paths[0].backend.serviceName])).toEqual([
      ['dev-entry', 'dev-web', 'dev-web'], ['dev-old', 'dev-web', 'dev-web'],
    ]);
    expect(ingresses[0].spec.rules[0].http.paths[0]).toEqual({ path: '/', pathType: 'Prefix', backend: { service: { name: 'dev-web', port: { number: 80 } } } });
    expect(objects(files, 'StatefulSet').map((s) => [s.metadata.name, s.spec.serviceName])).toEqual([['dev-db', 'dev-web']]);
  });

  test('a reference to a Service the build does not hold, of another namespace, or of a kind kustomize does not rename, is left as written', () => {
    const files = {
      ...BASE,
      'other/kustomization.yaml': 'namespace: other\nnamePrefix: o-\nresources: [db.yaml]\n',
      'other/db.yaml': SVC('db'),
      'overlays/dev/kustomization.yaml': 'namespace: dev\nnamePrefix: dev-\nresources: [../../base, entry.yaml, route.yaml]\n',
      'overlays/dev/entry.yaml': INGRESS('db'),
      'overlays/dev/route.yaml': 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec:\n  rules: [{backendRefs: [{name: web, port: 80}]}]\n',
    };
    expect(objects(files, 'Ingress').map((i) => [i.metadata.name, i.spec.defaultBackend.service.name])).toEqual([['dev-entry', 'db']]);
    expect(objects(files, 'HTTPRoute').map((r) => [r.metadata.name, r.spec.rules[0].backendRefs[0].name])).toEqual([['dev-r', 'web']]);
  });

  test('the Service a reference names is the one of the referring copy\'s own build', () => {
    const files = {
      'base/kustomization.yaml': 'resources: [svc.yaml, entry.yaml]\n',
      'base/svc.yaml': SVC(),
      'base/entry.yaml': INGRESS('web'),
      'overlays/a/kustomization.yaml': 'namespace: shop\nnamePrefix: a-\nresources: [../../base]\n',
      'overlays/b/kustomization.yaml': 'namespace: shop\nnameSuffix: -b\nresources: [../../base]\n',
    };
    expect(objects(files, 'Ingress').map((i) => [i.metadata.name, i.spec.defaultBackend.service.name])).toEqual([['a-entry', 'a-web'], ['entry-b', 'web-b']]);
  });
});

describe('names that a workload writes in plain strings', () => {
  /** workload-name-unresolved's and ingress-backend-missing's findings on the tree, as `rule resource`. */
  function findings(files: Record<string, string>): string[] {
    writeTree(dir, files);
    return check(ClusterModel.fromDocuments(loadManifests([dir]))).findings
      .filter((f) => f.rule === 'workload-name-unresolved' || f.rule === 'ingress-backend-missing')
      .map((f) => `${f.rule} ${f.resource}: ${f.message.replace(/ Fix: .*/, '')}`);
  }
  const tree = (env: Record<string, string>) => ({
    'base/kustomization.yaml': 'resources: [svc.yaml, app.yaml]\n',
    'base/svc.yaml': SVC('db'),
    'base/app.yaml': DEPLOY('db'),
    'overlays/dev/kustomization.yaml': 'namespace: dev\nnamePrefix: dev-\nresources: [../../base, api.yaml, entry.yaml]\n',
    'overlays/dev/api.yaml': DEPLOY('api', env),
    'overlays/dev/entry.yaml': INGRESS('db'),
  });

  test('an env value with the built name resolves, and the Ingress backend that kustomize renames is found', () => {
    expect(findings(tree({ DB_URL: 'http://dev-db:80', DB_FQDN: 'http://dev-db.dev.svc.cluster.local:80' }))).toEqual([]);
  });

  test('an env value with the name as written (kustomize does not rename it) is reported', () => {
    expect(findings(tree({ DB_URL: 'http://db:80' }))).toEqual([
      expect.stringMatching(/^workload-name-unresolved Deployment\/dev\/dev-api: .*"db".*$/),
    ]);
  });
});

describe('a build whose configurations kustomize fetches by URL', () => {
  const CONFIGURATIONS = 'configurations:\n- https://argoproj.github.io/argo-rollouts/features/kustomize/rollout-transform.yaml\n';
  const ROLLOUT = 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n'
    + '  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: i, ports: [{containerPort: 80}]}]}\n'
    + '  strategy:\n    blueGreen: {activeService: web, previewService: web}\n';
  const found = (rules: readonly string[]) => check(ClusterModel.fromDocuments(loadManifests([dir]))).findings
    .filter((f) => rules.includes(f.rule)).map((f) => `${f.level} ${f.rule} ${f.resource}: ${f.message.split(dir + path.sep).join('<dir>/')}`);

  // kubectl kustomize (v5.5.0) of this tree with the Service part of Argo Rollouts' rollout-transform.yaml saved beside
  // the kustomization (the URL cannot be fetched offline) names the Service `dev-web-geba` and the Rollout's
  // activeService and previewService `dev-web-geba`: the configuration renames the references, which the checker does
  // not read, so they are not judged
  test('a Rollout\'s Services as written are not judged (an info naming the configurations), never an error', () => {
    writeTree(dir, {
      ...BASE,
      'overlays/dev/kustomization.yaml': `namespace: dev\nnamePrefix: dev-\nnameSuffix: -geba\nresources: [../../base, rollout.yaml]\n${CONFIGURATIONS}`,
      'overlays/dev/rollout.yaml': ROLLOUT,
    });
    expect(found(['rollout-service-missing'])).toEqual([
      'info rollout-service-missing Rollout/dev/dev-web-geba: Rollout "dev-web-geba" spec.strategy.blueGreen.activeService (and 1 more place) names Service "web", but there is no Service "web" in namespace "dev", '
      + 'so the Argo Rollouts controller marks the Rollout InvalidSpec ("service \\"web\\" not found") and does not reconcile it (no ReplicaSet is made or scaled, no step runs) until the Service exists. '
      + 'Not judged: in namespace "dev", the kustomize build of <dir>/overlays/dev/kustomization.yaml names Service "web" as "dev-web-geba" (namePrefix "dev-" and nameSuffix "-geba"), '
      + 'and that kustomization has configurations, which may set this value to "dev-web-geba" and which the checker does not apply. '
      + 'Fix: none if the build\'s output names "dev-web-geba" (check it: kustomize build <dir>/overlays/dev | cdk8s-dns check -f -); otherwise write "dev-web-geba" for "web".',
    ]);
  });

  // kubectl kustomize (v5.5.0) of app/ with a local configurations file in place of the URL names the Service `dev-web`
  // in shop (and an Ingress of the build that names `web`, `dev-web`): names written as `dev-web` elsewhere find it
  test.each<[string, Record<string, string>, string]>([
    ['an Istio VirtualService of the build whose host is the built name', {
      'app/vs.yaml': 'apiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata: {name: web}\nspec:\n  hosts: [web.example.com]\n  http:\n  - route:\n    - destination: {host: dev-web, port: {number: 80}}\n',
    }, 'vs.yaml'],
    ['an Ingress of another root in the namespace that names the built name', {
      'mesh/kustomization.yaml': 'resources: [ing.yaml]\n',
      'mesh/ing.yaml': 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: front, namespace: shop}\nspec:\n  defaultBackend: {service: {name: dev-web, port: {number: 80}}}\n',
    }, ''],
    ['an Ingress of the build that names the Service as written (kustomize renames its backend)', { 'app/ing.yaml': INGRESS('web') }, 'ing.yaml'],
  ])('%s: no finding', (_what, more, resource) => {
    writeTree(dir, {
      'app/kustomization.yaml': `namespace: shop\nnamePrefix: dev-\nresources: [svc.yaml, dep.yaml${resource === '' ? '' : `, ${resource}`}]\n${CONFIGURATIONS}`,
      'app/svc.yaml': SVC(),
      'app/dep.yaml': DEPLOY('web'),
      ...more,
    });
    expect(found(['istio-host-missing', 'ingress-backend-missing', 'route-backend-missing'])).toEqual([]);
  });
});

describe('bounded work', () => {
  /** A Service `web` that `roots` build with prefix `p-`, and an Ingress of the first root that names it. */
  const docs = (roots: string[]): ManifestDocument[] => [
    { object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } }, source: { file: 's.yaml', document: 1, kustomizeRoots: roots, kustomizePrefix: 'p-' } },
    {
      object: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { defaultBackend: { service: { name: 'web' } } } },
      source: { file: 'i.yaml', document: 1, kustomizeRoots: [roots[0]], kustomizePrefix: 'p-' },
    },
  ];
  const names = (out: ManifestDocument[]) => out.map((d) => `${String(d.object.metadata?.name)} ${d.object.spec?.defaultBackend.service.name ?? ''}`.trim());

  test.each<[string, number, string[], SkippedInput[]]>([
    ['within the limit: renamed with their references', 1, ['p-web', 'p-i p-web'], []],
    ['past it: every name as written, and the cut reported on the file of the root (a GitOps build\'s kustomization)', 0, ['web', 'i web'], [{
      file: 'c/kustomization.yaml',
      reason: 'the Services of the kustomize builds of the input, at the build of c/kustomization.yaml (flux.yaml (Kustomization c)), took more than 0 entries by root (MAX_NAME_STEPS), so no namePrefix or nameSuffix was applied: every object keeps the name written, and so does each reference kustomize renames',
      bound: true,
    }]],
  ])('%s', (_what, maxSteps, expected, bounds) => {
    const skipped: SkippedInput[] = [];
    expect(names(withKustomizeNames(docs(['c/kustomization.yaml (flux.yaml (Kustomization c))', 'a/kustomization.yaml', 'b/kustomization.yaml']), { bounds: boundsOnto(skipped), maxSteps }))).toEqual(expected);
    expect(skipped).toEqual(bounds);
  });

  /** Each Ingress's name and the Service its default backend names, and the ingress-backend-missing findings. */
  const backends = (files: Record<string, string>) => {
    writeTree(dir, files);
    const skipped: SkippedInput[] = [];
    const loaded = loadManifests([dir], { skipped });
    return {
      ingresses: loaded.filter((d) => d.object.kind === 'Ingress').map((d) => `${d.object.metadata?.name} -> ${d.object.spec?.defaultBackend?.service?.name}`).sort(),
      missing: check(ClusterModel.fromDocuments(loaded)).findings.filter((f) => f.rule === 'ingress-backend-missing').map((f) => f.message),
      bounds: skipped.filter((s) => s.bound).map((s) => s.reason),
    };
  };
  const SHARED_BASE = {
    'base/kustomization.yaml': 'resources: [svc.yaml, deploy.yaml, ing.yaml]\n',
    'base/svc.yaml': SVC('app'),
    'base/deploy.yaml': DEPLOY('app'),
    'base/ing.yaml': INGRESS('app').replace('name: entry', 'name: app'),
  };
  /** `01` ... `<n>`. */
  const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1).padStart(2, '0'));
  /** A root of namespace shop (and `root` added) naming overlays o01 ... o<n> of one shared base, each with `affix(i)`. */
  const overlays = (n: number, affix: (i: string) => string, root = ''): Record<string, string> => {
    const files: Record<string, string> = { ...SHARED_BASE, 'kustomization.yaml': `namespace: shop\n${root}resources: [${ids(n).map((i) => `o${i}`).join(', ')}]\n` };
    for (const i of ids(n)) files[`o${i}/kustomization.yaml`] = `${affix(i)}resources: [../base]\n`;
    return files;
  };
  /** `<built> -> <built>` for each of `built` (sorted): each Ingress names its own overlay's Service. */
  const own = (built: string[]) => built.map((n) => `${n} -> ${n}`).sort();

  // kubectl kustomize (v5.5.0) of each tree gives each Ingress its own overlay's Service, as `expected` lists
  test.each<[string, Record<string, string>, string[]]>([
    ['16 overlays, each with its own namePrefix, of one base holding Service app and an Ingress for it',
      overlays(16, (i) => `namePrefix: a${i}-\n`), own(ids(16).map((i) => `a${i}-app`))],
    ['17 such overlays (more than the 16 Services of one name that were once kept per root)',
      overlays(17, (i) => `namePrefix: a${i}-\n`), own(ids(17).map((i) => `a${i}-app`))],
    ['20 such overlays', overlays(20, (i) => `namePrefix: a${i}-\n`), own(ids(20).map((i) => `a${i}-app`))],
    ['mixed: a root namePrefix shop- over 20 overlays with a namePrefix, a nameSuffix, or both',
      overlays(20, (i) => [`nameSuffix: -s${i}\n`, `namePrefix: a${i}-\n`, `namePrefix: b${i}-\nnameSuffix: -v${i}\n`][Number(i) % 3], 'namePrefix: shop-\n'),
      own(ids(20).map((i) => [`shop-app-s${i}`, `shop-a${i}-app`, `shop-b${i}-app-v${i}`][Number(i) % 3]))],
  ])('many apps of one base under one root: %s: each Ingress names its own app\'s Service, no error, nothing cut', (_what, files, expected) => {
    // WHEN the folder is loaded and checked
    const { ingresses, missing, bounds } = backends(files);
    // THEN each backend has the built name kustomize gives it, and nothing is reported missing or cut
    expect(ingresses).toEqual(expected);
    expect(missing).toEqual([]);
    expect(bounds).toEqual([]);
  });

  test('17 apps, each with its own Service file, under one root: the last app\'s Ingress names its own app\'s (kubectl kustomize: a16-web)', () => {
    const files: Record<string, string> = { 'kustomization.yaml': `namespace: shop\nresources: [${Array.from({ length: 17 }, (_, i) => `app${i}`).join(', ')}]\n` };
    for (let i = 0; i < 17; i++) {
      files[`app${i}/kustomization.yaml`] = `namePrefix: a${i}-\nresources: [svc.yaml${i === 16 ? ', ing.yaml' : ''}]\n`;
      files[`app${i}/svc.yaml`] = SVC();
    }
    files['app16/ing.yaml'] = INGRESS('web');
    expect(backends(files)).toEqual({ ingresses: ['a16-entry -> a16-web'], missing: [], bounds: [] });
  });

  /**
   * Services `web` with prefixes p-a-, p-b-, p-c- (prefix levels p- then their own) under one root, and the Ingresses
   * of `ingresses` (their prefix levels) naming `web`.
   */
  const searched = (ingresses: string[][]): ManifestDocument[] => {
    const root = 'r/kustomization.yaml';
    const source = (levels: string[]) => ({ file: 'f.yaml', document: 1, kustomizeRoots: [root], kustomizePrefix: levels.join(''), kustomizePrefixLevels: levels.map((l) => `${l}\u0000`).join('') });
    return [
      ...['a-', 'b-', 'c-'].map((p) => ({ object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } }, source: source(['p-', p]) })),
      ...ingresses.map((levels) => ({
        object: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { defaultBackend: { service: { name: 'web' } } } },
        source: source(levels),
      })),
    ];
  };
  const CUT = 'the build of r/kustomization.yaml holds Services named "web" in namespace "default" with other name prefixes or suffixes, and the searches for the Service that a reference by such a name names (an Ingress backend, a StatefulSet\'s serviceName) took more than 2 steps (MAX_SEARCH_STEPS), so past them a reference names the Service of its own prefixes and suffixes (although kustomize fails the build when another agrees too) or, when there is none, keeps the name written, which may name no Service';

  test.each<[string, number, string[], SkippedInput[]]>([
    ['within the limit: the Ingress of p- a- names p-a-web, and so does the one of p- a- x- (only p-a-web agrees with it)', 6,
      ['p-a-web', 'p-a-web'], []],
    ['past it: the Ingress of p- a- still names the Service of its own levels; the one of p- a- x-, which has none, keeps the name written, and the cut is reported', 2,
      ['p-a-web', 'web'], [{ file: 'r/kustomization.yaml', reason: CUT, bound: true }]],
  ])('the search among Services of one name that may agree with a reference (MAX_SEARCH_STEPS), %s', (_what, max, expected, bounds) => {
    const skipped: SkippedInput[] = [];
    const out = withKustomizeNames(searched([['p-', 'a-'], ['p-', 'a-', 'x-']]), { bounds: boundsOnto(skipped), maxSearch: max });
    expect(out.filter((d) => d.object.kind === 'Ingress').map((d) => d.object.spec?.defaultBackend.service.name)).toEqual(expected);
    expect(skipped).toEqual(bounds);
  });

  test('a Service is indexed only under the roots that a reference is looked up in: 2,000 Services under 1,000 overlays of one Ingress file', () => {
    // GIVEN 2,000 Services and an Ingress naming the first, as 1,000 overlays with namePrefix p- build them (one copy
    // each, whose roots are all 1,000 overlays)
    const roots = Array.from({ length: 1000 }, (_, i) => `o${i}/kustomization.yaml`);
    const services: ManifestDocument[] = Array.from({ length: 2000 }, (_, i) => ({
      object: { apiVersion: 'v1', kind: 'Service', metadata: { name: `s${i}` } },
      source: { file: 's.yaml', document: i + 1, kustomizeRoots: roots, kustomizePrefix: 'p-' },
    }));
    const ingress: ManifestDocument = {
      object: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { defaultBackend: { service: { name: 's0' } } } },
      source: { file: 'i.yaml', document: 1, kustomizeRoots: roots, kustomizePrefix: 'p-' },
    };
    // WHEN their names are read with room for 2,000 entries (the Ingress's first root, for each Service)
    const skipped: SkippedInput[] = [];
    const cpuMs = cpuClock();
    const out = withKustomizeNames([...services, ingress], { maxSteps: 2000, bounds: boundsOnto(skipped) });
    expect(cpuMs()).toBeLessThan(3000); // 7.6 s when every Service was indexed under all 1,000 roots
    // THEN every name has its prefix and the Ingress names p-s0: 2,000 entries sufficed (indexing each Service under
    // every root would have taken 2,000,000), and nothing was cut
    expect(out.slice(0, 2).map((d) => d.object.metadata?.name)).toEqual(['p-s0', 'p-s1']);
    expect(names(out.slice(-1))).toEqual(['p-i p-s0']);
    expect(skipped).toEqual([]);
  });

  test('past MAX_NAME_STEPS in a load, an input-skipped entry on the Service\'s file says that the names were left as written', () => {
    // GIVEN 2,100 Services of one base, and 1,000 overlays with namePrefix p- that each hold an Ingress naming the first
    // (each overlay's own file: 1,000 roots a reference is looked up in, 2,100,000 entries)
    const files: Record<string, string> = {
      'base/kustomization.yaml': 'resources: [svc.yaml]\n',
      'base/svc.yaml': Array.from({ length: 2100 }, (_, i) => SVC(`s${i}`)).join('---\n'),
    };
    for (let i = 0; i < 1000; i++) {
      files[`o${i}/kustomization.yaml`] = 'namePrefix: p-\nresources: [../base, ing.yaml]\n';
      files[`o${i}/ing.yaml`] = INGRESS('s0');
    }
    writeTree(dir, files);
    // WHEN the folder is loaded
    const skipped: SkippedInput[] = [];
    const loaded = loadManifests([dir], { skipped });
    // THEN the names are as written, and the cut is told on the kustomization of the root where it passed
    expect(loaded.find((d) => d.object.kind === 'Service')?.object.metadata?.name).toBe('s0');
    const bounds = skipped.filter((s) => s.bound);
    expect(bounds).toHaveLength(1);
    expect(rel(bounds[0].file)).toMatch(/^o\d+\/kustomization\.yaml$/);
    expect(bounds[0].reason).toMatch(/^the Services of the kustomize builds of the input, at the build of .*o\d+\/kustomization\.yaml, took more than 2,000,000 entries by root \(MAX_NAME_STEPS\), so no namePrefix or nameSuffix was applied: every object keeps the name written, and so does each reference kustomize renames$/);
  });
});

describe('which Service a reference names (the review\'s cases, checked against kubectl kustomize)', () => {
  const ING = (svc: string, port: number) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  defaultBackend: {service: {name: ${svc}, port: {number: ${port}}}}\n`;
  const SVCP = (port: number) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: ${port}}]\n`;

  test('two apps with their own prefixes under one root and namespace: each Ingress names its own app\'s Service', () => {
    const ingresses = objects({
      'kustomization.yaml': 'namespace: shop\nresources: [frontend, backend]\n',
      'frontend/kustomization.yaml': 'namePrefix: frontend-\nresources: [svc.yaml, ing.yaml]\n',
      'frontend/svc.yaml': SVCP(8080),
      'frontend/ing.yaml': ING('web', 8080),
      'backend/kustomization.yaml': 'namePrefix: backend-\nresources: [svc.yaml, ing.yaml]\n',
      'backend/svc.yaml': SVCP(9090),
      'backend/ing.yaml': ING('web', 9090),
    }, 'Ingress');
    expect(ingresses.map((i) => `${i.metadata.name} -> ${i.spec.defaultBackend.service.name}`).sort()).toEqual(['backend-web -> backend-web', 'frontend-web -> frontend-web']);
  });

  test('an overlay\'s Ingress names the base\'s Service under two bases with other prefixes only when one is plainly under its own', () => {
    const ingresses = objects({
      'overlay/kustomization.yaml': 'namePrefix: dev-\nresources: [../a, ../b, ing.yaml]\n',
      'overlay/ing.yaml': ING('web', 80),
      'a/kustomization.yaml': 'namePrefix: a-\nresources: [svc.yaml]\n',
      'a/svc.yaml': SVCP(80),
      'b/kustomization.yaml': 'namePrefix: b-\nresources: [svc.yaml]\n',
      'b/svc.yaml': SVCP(80),
    }, 'Ingress');
    // dev-a-web and dev-b-web are both under dev-: not plain, the name stays as written
    expect(ingresses.map((i) => i.spec.defaultBackend.service.name)).toEqual(['web']);
  });

  test('an app below a prefixed root names the root\'s own Service, not a sibling app\'s (kubectl kustomize: r-web)', () => {
    const ingresses = objects({
      'kustomization.yaml': 'namePrefix: r-\nresources: [svc.yaml, app1, app2]\n',
      'svc.yaml': SVCP(80),
      'app1/kustomization.yaml': 'namePrefix: a-\nresources: [ing.yaml]\n',
      'app1/ing.yaml': ING('web', 80),
      'app2/kustomization.yaml': 'namePrefix: b-\nresources: [svc.yaml]\n',
      'app2/svc.yaml': SVCP(80),
    }, 'Ingress');
    expect(ingresses.map((i) => `${i.metadata.name} -> ${i.spec.defaultBackend.service.name}`)).toEqual(['r-a-web -> r-web']);
  });

  test('a root of 65 apps, each with its own prefix, gives each folder one pair: every name prefixed', () => {
    const files: Record<string, string> = { 'kustomization.yaml': `namespace: prod\nresources: [${Array.from({ length: 65 }, (_, i) => `app${i}`).join(', ')}]\n` };
    for (let i = 0; i < 65; i++) {
      files[`app${i}/kustomization.yaml`] = `namePrefix: app${i}-\nresources: [svc.yaml]\n`;
      files[`app${i}/svc.yaml`] = SVCP(80);
    }
    const names = load(files).map((l) => l.split(' <- ')[0]);
    expect(new Set(names).size).toBe(65);
    expect(names).toContain('Service prod/app64-web');
  });

  test('two builds of one base whose prefixes start alike (app- and app-canary-): each Ingress names its own build\'s Service (kubectl kustomize: app-web, app-canary-web)', () => {
    const ingresses = objects({
      'root/kustomization.yaml': 'namespace: shop\nresources: [../stable, ../canary]\n',
      'stable/kustomization.yaml': 'namePrefix: app-\nresources: [../base]\n',
      'canary/kustomization.yaml': 'namePrefix: app-canary-\nresources: [../base]\n',
      'base/kustomization.yaml': 'resources: [svc.yaml, ing.yaml]\n',
      'base/svc.yaml': SVCP(80),
      'base/ing.yaml': ING('web', 80),
    }, 'Ingress');
    expect(ingresses.map((i) => `${i.metadata.name} -> ${i.spec.defaultBackend.service.name}`).sort()).toEqual(['app-canary-web -> app-canary-web', 'app-web -> app-web']);
  });

  test('the only Service of the name under the root, of another app\'s prefix: the Ingress names it (kubectl kustomize: b-web)', () => {
    const ingresses = objects({
      'kustomization.yaml': 'namespace: shop\nresources: [a, b]\n',
      'a/kustomization.yaml': 'namePrefix: a-\nresources: [ing.yaml]\n',
      'a/ing.yaml': ING('web', 80),
      'b/kustomization.yaml': 'namePrefix: b-\nresources: [svc.yaml]\n',
      'b/svc.yaml': SVCP(80),
    }, 'Ingress');
    expect(ingresses.map((i) => `${i.metadata.name} -> ${i.spec.defaultBackend.service.name}`)).toEqual(['a-web -> b-web']);
  });

  test('a Service of the Ingress\'s own prefixes and one of the prefixed root\'s own, which agrees too: kustomize fails the build (found multiple possible referrals), the name stays as written', () => {
    const ingresses = objects({
      'kustomization.yaml': 'namePrefix: p-\nresources: [svc.yaml, x]\n',
      'svc.yaml': SVCP(80),
      'x/kustomization.yaml': 'namePrefix: x-\nresources: [svc.yaml, ing.yaml]\n',
      'x/svc.yaml': SVCP(80),
      'x/ing.yaml': ING('web', 80),
    }, 'Ingress');
    expect(ingresses.map((i) => `${i.metadata.name} -> ${i.spec.defaultBackend.service.name}`)).toEqual(['p-x-web -> web']);
  });

  test('a written namespace: default and none are one namespace, as kustomize compares them', () => {
    const ingresses = objects({
      'kustomization.yaml': 'namePrefix: dev-\nresources: [svc.yaml, ing.yaml]\n',
      'svc.yaml': SVCP(80),
      'ing.yaml': ING('web', 80).replace('  name: web\n', '  name: web\n  namespace: default\n'),
    }, 'Ingress');
    expect(ingresses.map((i) => i.spec.defaultBackend.service.name)).toEqual(['dev-web']);
  });

  test('kustomizations that each name the two of the next level with prefixes of their own: past 64 pairs for one folder a root keeps its names', () => {
    // GIVEN 12 levels of two kustomizations (a<i>, b<i>) each naming both of the next level, with prefixes a<i>- and b<i>-
    const files: Record<string, string> = { 'kustomization.yaml': 'resources: [a0, b0]\n' };
    for (let i = 0; i < 12; i++) {
      const next = i < 11 ? `[../a${i + 1}, ../b${i + 1}]` : '[svc.yaml]';
      for (const x of ['a', 'b']) {
        files[`${x}${i}/kustomization.yaml`] = `namePrefix: ${x}${i}-\nresources: ${next}\n`;
        if (i === 11) files[`${x}${i}/svc.yaml`] = SVCP(80);
      }
    }
    // WHEN loaded
    const loaded = load(files);
    // THEN 2^12 prefixes are not made: the root's copies keep the names as written (one copy per file)
    expect(loaded).toHaveLength(2);
    expect(loaded.every((l) => l.startsWith('Service -/web <- '))).toBe(true);
  });

  test('a root of 65 overlays of one base, each with its own prefix: past MAX_AFFIXES_PER_FOLDER it keeps its names, and an input-skipped entry on its kustomization says so', () => {
    // GIVEN a root kustomization naming n overlays of one base, overlay o<i> with `namePrefix: o<i>-` (kubectl kustomize
    // v5.5.0 gives o0-web, o1-web, ... for such a tree: checked with 3 overlays)
    const tree = (n: number) => {
      const files: Record<string, string> = { ...BASE, 'kustomization.yaml': `resources: [${Array.from({ length: n }, (_, i) => `o${i}`).join(', ')}]\n` };
      for (let i = 0; i < n; i++) files[`o${i}/kustomization.yaml`] = `namePrefix: o${i}-\nresources: [../base]\n`;
      writeTree(dir, files);
      const skipped: SkippedInput[] = [];
      const names = loadManifests([dir], { skipped }).map((d) => String(d.object.metadata?.name));
      return { names, bounds: skipped.filter((s) => s.bound) };
    };
    // WHEN 64 overlays are loaded THEN each gets its prefix and nothing is cut
    const within = tree(64);
    expect(within.names).toHaveLength(64);
    expect(within.names).toContain('o63-web');
    expect(within.bounds).toEqual([]);
    // WHEN 65 are THEN the root's build keeps the name written (one copy), and the cut is told once, on the root's file
    const past = tree(65);
    expect(past.names).toEqual(['web']);
    const root = path.join(dir, 'kustomization.yaml');
    expect(past.bounds).toEqual([{
      file: root,
      reason: `the kustomize build of ${root} gives one folder more than 64 namePrefix and nameSuffix pairs (MAX_AFFIXES_PER_FOLDER), so no namePrefix or nameSuffix of that build was applied: its objects keep the names written`,
      bound: true,
    }]);
  });
});

describe('a component\'s prefix and suffix rename all its parent built before it (checked against kubectl kustomize v5.5)', () => {
  const COMPONENT = (fields: string) => `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n${fields}`;
  /** The tree of `kubectl kustomize overlay` in the comment below, with `extra` added to each file. */
  const tree = (extra: Record<string, string> = {}): Record<string, string> => ({
    'base/kustomization.yaml': 'namePrefix: base-\nresources: [svc.yaml]\n',
    'base/svc.yaml': SVC('b'),
    'overlay/kustomization.yaml': 'namePrefix: p-\nnameSuffix: -ps\nresources: [svc.yaml, ing.yaml, ../base]\ncomponents: [../comp1, ../comp2]\n',
    'overlay/svc.yaml': SVC('o'),
    'overlay/ing.yaml': INGRESS('b'),
    'comp1/kustomization.yaml': COMPONENT('namePrefix: c1-\nnameSuffix: -s1\nresources: [svc.yaml]\ncomponents: [nested]\n'),
    'comp1/svc.yaml': SVC('c1'),
    'comp1/nested/kustomization.yaml': COMPONENT('namePrefix: n-\nresources: [svc.yaml]\n'),
    'comp1/nested/svc.yaml': SVC('n'),
    'comp2/kustomization.yaml': COMPONENT('namePrefix: c2-\nresources: [svc.yaml]\n'),
    'comp2/svc.yaml': SVC('c2'),
    ...extra,
  });

  test('the parent\'s files and bases get the components\' prefixes inside its own, the later component outside the earlier', () => {
    // kubectl kustomize overlay (kustomize v5.5.0) names:
    //   p-c2-c1-n-base-b-s1-ps  (base: overlay's, then comp2's, then comp1's with its nested component's, then base's)
    //   p-c2-c1-n-o-s1-ps       (the overlay's own file: the same without base-)
    //   p-c2-c1-n-c1-s1-ps      (comp1's own file: built after comp1's resources, so comp1's and nested's, then comp2's)
    //   p-c2-c1-n-n-s1-ps       (nested's own file: added inside comp1, before nested's and comp1's transformers)
    //   p-c2-c2-ps              (comp2's own file: comp1 ran before it was added)
    //   entry: p-c2-c1-n-entry-s1-ps, its backend p-c2-c1-n-base-b-s1-ps
    expect(load(tree()).sort()).toEqual([
      'Ingress -/p-c2-c1-n-entry-s1-ps <- overlay/ing.yaml:1 [overlay/kustomization.yaml]',
      'Service -/p-c2-c1-n-base-b-s1-ps <- base/svc.yaml:1 [overlay/kustomization.yaml]',
      'Service -/p-c2-c1-n-c1-s1-ps <- comp1/svc.yaml:1 [overlay/kustomization.yaml]',
      'Service -/p-c2-c1-n-n-s1-ps <- comp1/nested/svc.yaml:1 [overlay/kustomization.yaml]',
      'Service -/p-c2-c1-n-o-s1-ps <- overlay/svc.yaml:1 [overlay/kustomization.yaml]',
      'Service -/p-c2-c2-ps <- comp2/svc.yaml:1 [overlay/kustomization.yaml]',
    ]);
    expect(objects(tree(), 'Ingress').map((i) => [i.spec.defaultBackend.service.name, i.spec.rules[0].http.paths[0].backend.service.name]))
      .toEqual([['p-c2-c1-n-base-b-s1-ps', 'p-c2-c1-n-base-b-s1-ps']]);
  });

  test('a component\'s own Ingress names the parent\'s Service by its built name', () => {
    // kubectl kustomize overlay, with comp2 also building ing.yaml (an Ingress `entry` of Service o):
    //   name: p-c2-entry-ps, backend service name: p-c2-c1-n-o-s1-ps
    const files = tree({
      'comp2/kustomization.yaml': COMPONENT('namePrefix: c2-\nresources: [svc.yaml, ing.yaml]\n'),
      'comp2/ing.yaml': INGRESS('o'),
    });
    expect(objects(files, 'Ingress').map((i) => [i.metadata.name, i.spec.defaultBackend.service.name]).sort()).toEqual([
      ['p-c2-c1-n-entry-s1-ps', 'p-c2-c1-n-base-b-s1-ps'], ['p-c2-entry-ps', 'p-c2-c1-n-o-s1-ps'],
    ]);
  });

  test('a component of a component that names it back (a loop kustomize refuses) ends, the loop\'s closing component giving nothing', () => {
    const loaded = load({
      'kustomization.yaml': 'resources: [svc.yaml]\ncomponents: [a]\n',
      'svc.yaml': SVC(),
      'a/kustomization.yaml': COMPONENT('namePrefix: a-\ncomponents: [../b]\n'),
      'b/kustomization.yaml': COMPONENT('namePrefix: b-\ncomponents: [../a]\n'),
    });
    expect(loaded).toEqual(['Service -/a-b-web <- svc.yaml:1 [kustomization.yaml]']);
  });

  test('a thousand components one inside the other: no stack overflow, and no prefix longer than the longest name', () => {
    // GIVEN a root whose component c0 names c1 as component, c1 names c2, ... each with prefix x-
    const files: Record<string, string> = { 'kustomization.yaml': 'resources: [svc.yaml]\ncomponents: [c0]\n', 'svc.yaml': SVC() };
    for (let i = 0; i < 1000; i++) files[`c${i}/kustomization.yaml`] = COMPONENT(`namePrefix: x-\n${i < 999 ? `components: [../c${i + 1}]\n` : ''}`);
    // WHEN loaded
    const loaded = load(files);
    // THEN the Service gets prefixes, never more than the longest name (253) holds
    expect(loaded).toHaveLength(1);
    const prefix = /^Service -\/((?:x-)+)web <- svc\.yaml:1 \[kustomization\.yaml\]$/.exec(loaded[0])?.[1] ?? '';
    expect(prefix.length).toBeGreaterThan(0);
    expect(prefix.length).toBeLessThanOrEqual(253);
  });
});
