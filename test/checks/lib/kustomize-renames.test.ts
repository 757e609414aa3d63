// A name written in an object of a kustomize build with a namePrefix or nameSuffix, for a Service the build renamed:
// the rule's finding with the build's name, or an info when a kustomization of the build may set the value
// (src/checks/lib/kustomize-renames.ts).
import * as path from 'path';
import { check } from '../../../src/checks/engine';
import { ClusterModel } from '../../../src/model/cluster-model';
import { kustomizationRefs } from '../../../src/model/kustomization-refs';
import { kustomizeBuilds, plainAffix, rootFile } from '../../../src/model/kustomize-builds';
import { loadManifests } from '../../../src/model/load';
import { cpuClock } from '../../cpu-clock';
import { tempDirEach, writeTree } from '../../model/file-tree';

let dir: string;
tempDirEach('cdk8s-dns-krenames-', (d) => { dir = d; });

const RULES = new Set(['workload-name-unresolved', 'externalname-target-missing', 'pod-subdomain-service', 'route-backend-missing', 'rollout-service-missing']);

/** The findings of RULES on the tree, as `level rule resource: message` with the test folder as `<dir>`. */
function findings(files: Record<string, string>): string[] {
  writeTree(dir, files);
  return check(ClusterModel.fromDocuments(loadManifests([dir]))).findings
    .filter((f) => RULES.has(f.rule))
    .map((f) => `${f.level} ${f.rule} ${f.resource}: ${f.message.split(dir + path.sep).join('<dir>/').split(dir).join('<dir>')}`);
}

const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n';
const WEB = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]\n';
const APP = (env: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  selector: {matchLabels: {app: app}}\n  template:\n    metadata: {labels: {app: app}}\n    spec:\n      containers:\n      - name: app\n        image: nginx\n        env: ${env}\n`;
const ALIAS = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: alias\nspec:\n  type: ExternalName\n  externalName: web.dev.svc.cluster.local\n';
const ROUTE = 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\nspec:\n  parentRefs: [{name: gw}]\n  rules:\n  - backendRefs: [{name: web, port: 80}]\n';
const SUB = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: sub\nspec:\n  selector: {matchLabels: {app: sub}}\n  template:\n    metadata: {labels: {app: sub}}\n    spec:\n      subdomain: web\n      containers: [{name: c, image: nginx}]\n';
const DB_HOST = APP('[{name: DB_HOST, value: "web:80"}]');

/** A base of Service `web`, its Deployment and the objects of `more`, under overlays/dev with `overlay` (YAML lines). */
function tree(overlay: string, more: Record<string, string> = {}, app = DB_HOST): Record<string, string> {
  return {
    'base/kustomization.yaml': `resources: [svc.yaml, web.yaml, app.yaml${Object.keys(more).map((f) => `, ${f}`).join('')}]\n`,
    'base/svc.yaml': SVC,
    'base/web.yaml': WEB,
    'base/app.yaml': app,
    ...Object.fromEntries(Object.entries(more).map(([f, t]) => [`base/${f}`, t])),
    'overlays/dev/kustomization.yaml': `namespace: dev\nresources: [../../base]\n${overlay}`,
  };
}

const TRIED = '(tried web.dev.svc.cluster.local., web.svc.cluster.local., web.cluster.local., web.)';
const WRITE = 'Fix: write "dev-web" for "web", or set it with a kustomize replacement from the Service\'s metadata.name.';
const BUILT = 'In namespace "dev", the kustomize build of <dir>/overlays/dev/kustomization.yaml names Service "web" as "dev-web" (namePrefix "dev-"), and leaves this name as written.';
/** The info's text when overlays/dev/kustomization.yaml has `fields`. */
const notJudged = (fields: string) => 'Not judged: in namespace "dev", the kustomize build of <dir>/overlays/dev/kustomization.yaml names Service "web" as "dev-web" (namePrefix "dev-"), '
  + `and that kustomization has ${fields}, which may set this value to "dev-web" and which the checker does not apply. `
  + 'Fix: none if the build\'s output names "dev-web" (check it: kustomize build <dir>/overlays/dev | cdk8s-dns check -f -); otherwise write "dev-web" for "web".';
const ENV = 'Deployment "dev-app" container "app" env DB_HOST uses "web:80", but host "web" does not resolve from namespace "dev" ' + TRIED + '.';

describe('a name the build renamed, in a build without patches, replacements or vars', () => {
  test('each rule keeps its level and says which name the build gives the Service', () => {
    expect(findings(tree('namePrefix: dev-\n', { 'alias.yaml': ALIAS, 'route.yaml': ROUTE, 'sub.yaml': SUB }))).toEqual([
      `warning workload-name-unresolved Deployment/dev/dev-app: ${ENV} ${BUILT} ${WRITE}`,
      `warning pod-subdomain-service Deployment/dev/dev-sub: Deployment "dev-sub" sets spec.subdomain "web", but there is no Service "web" in namespace "dev", so a name under "web" does not resolve. ${BUILT} ${WRITE}`,
      `error route-backend-missing HTTPRoute/dev/dev-r: HTTPRoute "dev-r" spec.rules[0].backendRefs[0] names Service "web", but there is no Service "web" in namespace "dev", so the route's ResolvedRefs condition is False (BackendNotFound) and its share of requests gets 500. ${BUILT} ${WRITE}`,
      `error externalname-target-missing Service/dev/dev-alias: Service "dev-alias" is an ExternalName for "web.dev.svc.cluster.local", inside the cluster domain, but no such name exists in these manifests (no matching Service, namespace or endpoint), so lookups return no address. ${BUILT} ${WRITE}`,
    ]);
  });

  test('a prefix and a suffix are both named; the built name resolves', () => {
    expect(findings(tree('namePrefix: dev-\nnameSuffix: -v1\n'))).toEqual([
      'warning workload-name-unresolved Deployment/dev/dev-app-v1: Deployment "dev-app-v1" container "app" env DB_HOST uses "web:80", but host "web" does not resolve from namespace "dev" ' + TRIED + '. '
      + 'In namespace "dev", the kustomize build of <dir>/overlays/dev/kustomization.yaml names Service "web" as "dev-web-v1" (namePrefix "dev-" and nameSuffix "-v1"), and leaves this name as written. '
      + 'Fix: write "dev-web-v1" for "web", or set it with a kustomize replacement from the Service\'s metadata.name.',
    ]);
    expect(findings(tree('namePrefix: dev-\n', {}, APP('[{name: DB_HOST, value: "dev-web:80"}]')))).toEqual([]);
  });

  test('a name of no Service the build renamed keeps the rule\'s message, even beside a patch', () => {
    const other = APP('[{name: DB_HOST, value: "other:80"}]');
    const message = 'Deployment "dev-app" container "app" env DB_HOST uses "other:80", but host "other" does not resolve from namespace "dev" '
      + '(tried other.dev.svc.cluster.local., other.svc.cluster.local., other.cluster.local., other.). Fix: create the Service it names, or correct the name (<service>.<namespace> for another namespace).';
    expect(findings(tree('namePrefix: dev-\n', {}, other))).toEqual([`warning workload-name-unresolved Deployment/dev/dev-app: ${message}`]);
    expect(findings({ ...tree('namePrefix: dev-\npatchesStrategicMerge: [env.yaml]\n', {}, other), 'overlays/dev/env.yaml': APP('[]') }))
      .toEqual([`warning workload-name-unresolved Deployment/dev/dev-app: ${message}`]);
  });
});

describe('a name the build renamed, in a build whose kustomizations may set the value', () => {
  test('patchesStrategicMerge: every rule gives an info naming the kustomization', () => {
    const files = { ...tree('namePrefix: dev-\npatchesStrategicMerge: [env.yaml]\n', { 'alias.yaml': ALIAS, 'route.yaml': ROUTE, 'sub.yaml': SUB }), 'overlays/dev/env.yaml': APP('[{name: DB_HOST, value: "dev-web:80"}]') };
    expect(findings(files)).toEqual([
      `info workload-name-unresolved Deployment/dev/dev-app: ${ENV} ${notJudged('patchesStrategicMerge')}`,
      `info pod-subdomain-service Deployment/dev/dev-sub: Deployment "dev-sub" sets spec.subdomain "web", but there is no Service "web" in namespace "dev", so a name under "web" does not resolve. ${notJudged('patchesStrategicMerge')}`,
      `info route-backend-missing HTTPRoute/dev/dev-r: HTTPRoute "dev-r" spec.rules[0].backendRefs[0] names Service "web", but there is no Service "web" in namespace "dev", so the route's ResolvedRefs condition is False (BackendNotFound) and its share of requests gets 500. ${notJudged('patchesStrategicMerge')}`,
      `info externalname-target-missing Service/dev/dev-alias: Service "dev-alias" is an ExternalName for "web.dev.svc.cluster.local", inside the cluster domain, but no such name exists in these manifests (no matching Service, namespace or endpoint), so lookups return no address. ${notJudged('patchesStrategicMerge')}`,
    ]);
  });

  test.each([
    ['patches (inline)', 'patches:\n- target: {kind: Deployment, name: app}\n  patch: |-\n    - op: replace\n      path: /spec/template/spec/containers/0/env/0/value\n      value: dev-web:80\n', 'patches'],
    ['patchesJson6902', 'patchesJson6902:\n- target: {group: apps, version: v1, kind: Deployment, name: app}\n  path: env.yaml\n', 'patchesJson6902'],
    ['replacements of the Service\'s metadata.name', 'replacements:\n- source: {kind: Service, name: web, fieldPath: metadata.name}\n  targets:\n  - select: {kind: Deployment, name: app}\n    fieldPaths: ["spec.template.spec.containers.[name=app].env.[name=DB_HOST].value"]\n    options: {delimiter: ":", index: 0}\n', 'replacements'],
    ['a patch and replacements', 'patches: [{path: env.yaml}]\nreplacements: [{path: r.yaml}]\n', 'patches, replacements'],
  ])('%s: an info', (_, overlay, fields) => {
    expect(findings(tree(`namePrefix: dev-\n${overlay}`))).toEqual([`info workload-name-unresolved Deployment/dev/dev-app: ${ENV} ${notJudged(fields)}`]);
  });

  test('vars: a value that Kubernetes expands from another env var, which a kustomize var of that name sets first', () => {
    const app = APP('[{name: DB_SERVICE, value: web}, {name: DB_URL, value: "http://$(DB_SERVICE):80"}]');
    const overlay = 'namePrefix: dev-\nvars:\n- name: DB_SERVICE\n  objref: {kind: Service, name: web, apiVersion: v1}\n';
    expect(findings(tree(overlay, {}, app))).toEqual([
      'info workload-name-unresolved Deployment/dev/dev-app: Deployment "dev-app" container "app" env DB_URL uses "http://$(DB_SERVICE):80" (expanded: "http://web:80"), but host "web" does not resolve from namespace "dev" '
      + `${TRIED}. ${notJudged('vars')}`,
    ]);
  });

  test('a patch in the base: the info names the base\'s kustomization', () => {
    const files = tree('namePrefix: dev-\n');
    files['base/kustomization.yaml'] += 'patchesStrategicMerge: [env.yaml]\n';
    files['base/env.yaml'] = APP('[]');
    expect(findings(files)).toEqual([
      `info workload-name-unresolved Deployment/dev/dev-app: ${ENV} Not judged: in namespace "dev", the kustomize build of <dir>/overlays/dev/kustomization.yaml names Service "web" as "dev-web" (namePrefix "dev-"), `
      + 'and <dir>/base/kustomization.yaml has patchesStrategicMerge, which may set this value to "dev-web" and which the checker does not apply. '
      + 'Fix: none if the build\'s output names "dev-web" (check it: kustomize build <dir>/overlays/dev | cdk8s-dns check -f -); otherwise write "dev-web" for "web".',
    ]);
  });

  test('a build without a prefix is judged as before', () => {
    const files = { ...tree('patchesStrategicMerge: [env.yaml]\n', {}, APP('[{name: DB_HOST, value: "db:80"}]')), 'overlays/dev/env.yaml': APP('[]') };
    expect(findings(files)).toEqual([
      'warning workload-name-unresolved Deployment/dev/app: Deployment "app" container "app" env DB_HOST uses "db:80", but host "db" does not resolve from namespace "dev" '
      + '(tried db.dev.svc.cluster.local., db.svc.cluster.local., db.cluster.local., db.). Fix: create the Service it names, or correct the name (<service>.<namespace> for another namespace).',
    ]);
  });
});

describe('a copy that several builds share (one namespace and prefix)', () => {
  // kubectl kustomize (v5.5.0) of overlays/a gives the Deployment's DB_HOST "web:80" as written: a build without the
  // patch has the name that does not resolve, whatever overlays/b's patch does
  /** The base of `tree` under overlays/a and overlays/b, each with namespace dev, prefix dev- and `a` or `b`. */
  const overlays = (a: string, b: string) => {
    const files = tree('');
    delete files['overlays/dev/kustomization.yaml'];
    return {
      ...files,
      'overlays/a/kustomization.yaml': `namespace: dev\nnamePrefix: dev-\nresources: [../../base]\n${a}`,
      'overlays/b/kustomization.yaml': `namespace: dev\nnamePrefix: dev-\nresources: [../../base]\n${b}`,
    };
  };
  const PATCH = 'patchesStrategicMerge: [env.yaml]\n';

  test('reports the warning when one of the builds has no patch (that build has the name as written)', () => {
    const found = findings({ ...overlays('', PATCH), 'overlays/b/env.yaml': APP('[]') });
    expect(found).toEqual([
      `warning workload-name-unresolved Deployment/dev/dev-app: ${ENV} `
      + 'In namespace "dev", the kustomize build of <dir>/overlays/a/kustomization.yaml names Service "web" as "dev-web" (namePrefix "dev-"), and leaves this name as written. ' + WRITE,
    ]);
  });

  test('the warning names the build without the patch, also when the build with it comes first', () => {
    // kubectl kustomize (v5.5.0): overlays/a's patch sets the value; overlays/b leaves "web:80" as written
    const found = findings({ ...overlays(PATCH, ''), 'overlays/a/env.yaml': APP('[]') });
    expect(found).toEqual([
      `warning workload-name-unresolved Deployment/dev/dev-app: ${ENV} `
      + 'In namespace "dev", the kustomize build of <dir>/overlays/b/kustomization.yaml names Service "web" as "dev-web" (namePrefix "dev-"), and leaves this name as written. ' + WRITE,
    ]);
  });

  test('an info naming the first build when every build has a patch, and its build to check', () => {
    const found = findings({ ...overlays(PATCH, PATCH), 'overlays/a/env.yaml': APP('[]'), 'overlays/b/env.yaml': APP('[]') });
    expect(found).toEqual([
      `info workload-name-unresolved Deployment/dev/dev-app: ${ENV} Not judged: in namespace "dev", the kustomize build of <dir>/overlays/a/kustomization.yaml names Service "web" as "dev-web" (namePrefix "dev-"), `
      + 'and that kustomization has patchesStrategicMerge, which may set this value to "dev-web" and which the checker does not apply. '
      + 'Fix: none if the build\'s output names "dev-web" (check it: kustomize build <dir>/overlays/a | cdk8s-dns check -f -); otherwise write "dev-web" for "web".',
    ]);
  });
});

describe('which builds may set values', () => {
  test('kustomizationRefs lists the fields that may, when they are non-empty lists', () => {
    expect(kustomizationRefs({ patches: [{ patch: 'x' }], vars: [{ name: 'A' }], replacements: [], patchesStrategicMerge: 'p.yaml' }).edits).toEqual(['patches', 'vars']);
    expect(kustomizationRefs({ resources: ['a.yaml'] }).edits).toBeUndefined();
  });

  test('every build of a root gets the first kustomization of its walk that has some, the root\'s own first', () => {
    const k = (folder: string, fields: Record<string, unknown>) => [path.normalize(folder), { file: path.join(folder, 'kustomization.yaml'), refs: kustomizationRefs(fields) }] as const;
    const kustomizations = new Map([
      k('base', { resources: ['a.yaml'], replacements: [{ path: 'r.yaml' }] }),
      k('overlays/dev', { resources: ['../../base'], namePrefix: 'dev-', patches: [{ path: 'p.yaml' }] }),
      k('overlays/prod', { resources: ['../../base'], namePrefix: 'prod-' }),
      k('overlays/plain', { resources: ['b.yaml'] }),
    ]);
    const builds = kustomizeBuilds(kustomizations, [path.join('base', 'a.yaml'), path.join('overlays', 'plain', 'b.yaml')]);
    const dev = path.join('overlays', 'dev', 'kustomization.yaml');
    const prod = path.join('overlays', 'prod', 'kustomization.yaml');
    expect(builds.get(path.join('base', 'a.yaml'))!.map((b) => [b.root, plainAffix(b.prefix ?? ''), b.edits])).toEqual([
      [dev, 'dev-', { root: dev, file: dev, fields: ['patches'] }],
      [prod, 'prod-', { root: prod, file: path.join('base', 'kustomization.yaml'), fields: ['replacements'] }],
    ]);
    expect(builds.get(path.join('overlays', 'plain', 'b.yaml'))!.map((b) => b.edits)).toEqual([undefined]);
  });
});

describe('a name a GitOps object\'s build renamed', () => {
  test('the build is named by the GitOps object, without a kustomize build hint (its file is no kustomization)', () => {
    // GIVEN two Flux Kustomizations of one file, one applying apps/ (no kustomization) to namespace dev, whose svc/
    // kustomization has namePrefix x- and a patch
    const ks = (name: string, p: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: ${name}, namespace: flux-system }\nspec: { path: ${p}, targetNamespace: dev, prune: true, sourceRef: { kind: GitRepository, name: repo } }\n`;
    const found = findings({
      'clusters/apps.yaml': `${ks('east', './apps')}---\n${ks('west', './other')}`,
      'other/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n',
      'apps/svc/kustomization.yaml': 'namePrefix: x-\nresources: [svc.yaml, web.yaml, app.yaml]\npatches: [{ path: patch.yaml }]\n',
      'apps/svc/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: app }\n',
      'apps/svc/svc.yaml': SVC,
      'apps/svc/web.yaml': WEB,
      'apps/svc/app.yaml': DB_HOST,
    });
    // THEN the info names the GitOps object's build and the kustomization with the patch, with no `kustomize build` hint
    expect(found).toEqual([
      'info workload-name-unresolved Deployment/dev/x-app: Deployment "x-app" container "app" env DB_HOST uses "web:80", but host "web" does not resolve from namespace "dev" '
      + TRIED + '. Not judged: in namespace "dev", the build of <dir>/clusters/apps.yaml (Kustomization east) names Service "web" as "x-web" (namePrefix "x-"), '
      + 'and <dir>/apps/svc/kustomization.yaml has patches, which may set this value to "x-web" and which the checker does not apply. '
      + 'Fix: none if the build\'s output names "x-web"; otherwise write "x-web" for "web".',
    ]);
  });

  test('the GitOps object\'s own patches (Flux spec.patches) may set the value: an info naming that object', () => {
    // GIVEN a Flux Kustomization with namePrefix x- and a patch of its own that applies apps/ (no kustomization: Flux
    // generates one and writes the prefix and the patch into it)
    const found = findings({
      'clusters/apps.yaml': 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: apps, namespace: flux-system }\n'
        + 'spec:\n  path: ./apps\n  targetNamespace: dev\n  namePrefix: x-\n  prune: true\n  sourceRef: { kind: GitRepository, name: repo }\n'
        + '  patches:\n  - target: { kind: Deployment, name: app }\n    patch: |\n      - op: replace\n        path: /spec/template/spec/containers/0/env/0/value\n        value: x-web:80\n',
      'apps/svc.yaml': SVC,
      'apps/web.yaml': WEB,
      'apps/app.yaml': DB_HOST,
    });
    // THEN the info names the object as what may set the value, with no `kustomize build` hint
    expect(found).toEqual([
      'info workload-name-unresolved Deployment/dev/x-app: Deployment "x-app" container "app" env DB_HOST uses "web:80", but host "web" does not resolve from namespace "dev" '
      + TRIED + '. Not judged: in namespace "dev", the build of <dir>/clusters/apps.yaml names Service "web" as "x-web" (namePrefix "x-"), '
      + 'and that object has spec.patches, which may set this value to "x-web" and which the checker does not apply. '
      + 'Fix: none if the build\'s output names "x-web"; otherwise write "x-web" for "web".',
    ]);
  });
});

describe('a name the build renamed with a GitOps object\'s prefix, in a folder with its own kustomization', () => {
  // GIVEN a Flux Kustomization with namePrefix flux- that applies app/, whose own kustomization has namePrefix app-:
  // Flux writes flux- in its place (kubectl kustomize v5.5.0 of app/ with namePrefix flux-, as Flux writes it:
  // Service flux-web, DB_HOST still "web:80")
  const flux = 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: apps, namespace: flux-system }\n'
    + 'spec: { path: ./app, targetNamespace: dev, namePrefix: flux-, prune: true, sourceRef: { kind: GitRepository, name: repo } }\n';
  const app = (more: string) => ({
    'clusters/apps.yaml': flux,
    'app/kustomization.yaml': `namePrefix: app-\nresources: [svc.yaml, web.yaml, app.yaml]\n${more}`,
    'app/svc.yaml': SVC,
    'app/web.yaml': WEB,
    'app/app.yaml': DB_HOST,
  });
  const cause = 'Deployment "flux-app" container "app" env DB_HOST uses "web:80", but host "web" does not resolve from namespace "dev" ' + TRIED + '.';

  test('the finding names the Flux Kustomization\'s build, not the kustomize build of the folder (which gives app-web)', () => {
    expect(findings(app(''))).toEqual([
      `warning workload-name-unresolved Deployment/dev/flux-app: ${cause} In namespace "dev", the build of <dir>/clusters/apps.yaml names Service "web" as "flux-web" (namePrefix "flux-"), and leaves this name as written. `
      + 'Fix: write "flux-web" for "web", or set it with a kustomize replacement from the Service\'s metadata.name.',
    ]);
  });

  test('with a patch in the folder\'s kustomization: the info names the Flux Kustomization\'s build and the kustomization, with no kustomize build hint', () => {
    expect(findings({ ...app('patches: [{ path: patch.yaml }]\n'), 'app/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: app }\n' })).toEqual([
      `info workload-name-unresolved Deployment/dev/flux-app: ${cause} Not judged: in namespace "dev", the build of <dir>/clusters/apps.yaml names Service "web" as "flux-web" (namePrefix "flux-"), `
      + 'and <dir>/app/kustomization.yaml has patches, which may set this value to "flux-web" and which the checker does not apply. '
      + 'Fix: none if the build\'s output names "flux-web"; otherwise write "flux-web" for "web".',
    ]);
  });
});

describe('the file of a root (rootFile)', () => {
  const deep = 'x (/'.repeat(1000);
  test.each<[string, string, string]>([
    ['a kustomization', 'overlays/dev/kustomization.yaml', 'overlays/dev/kustomization.yaml'],
    ['a GitOps object of a file of one document', 'apps.yaml', 'apps.yaml'],
    ['a GitOps object of a file of several', 'apps.yaml (Application east)', 'apps.yaml'],
    ['a kustomization that several GitOps objects build', 'k/kustomization.yaml (apps.yaml (Kustomization x))', 'k/kustomization.yaml'],
    ['a folder with `(` in its name, no object', 'a (1)/kustomization.yaml', 'a (1)/kustomization.yaml'],
    ['a folder with ` (` in its name, and an object', 'a (/k.yaml (apps.yaml)', 'a (/k.yaml'],
    ['a file name ending in `)`, no object', 'k/a(1)', 'k/a(1)'],
    ['an unbalanced `)`', 'k/a)', 'k/a)'],
    ['a path of 1,000 folders `x (`, and an object', `${deep}k.yaml (apps.yaml (Kustomization x))`, `${deep}k.yaml`],
  ])('%s', (_what, root, file) => {
    expect(rootFile(root)).toBe(file);
  });

  test('a pass over the root: 10,000 roots of 1,000 folders `x (` each', () => {
    const root = `${deep}k.yaml (apps.yaml)`;
    const cpuMs = cpuClock();
    for (let i = 0; i < 10_000; i++) expect(rootFile(root)).toHaveLength(deep.length + 'k.yaml'.length);
    expect(cpuMs()).toBeLessThan(3000); // 3 ms a root (30 s) with a regular expression that tried each ` (`
  });
});
