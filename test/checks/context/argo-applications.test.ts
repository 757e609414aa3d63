// GIVEN Argo CD Applications and ApplicationSets in the input (app-of-apps and ApplicationSet layouts of GitOps
// repositories), WHEN a route, an Ingress or a pod names a Service the input does not hold in a namespace they deploy
// into, THEN a Helm source counts as a chart release there (from an ApplicationSet's template too, with its list
// generators' parameters put in), manifests taken from outside the input make missing names there warnings, and a
// generator placeholder (`{{path.basename}}`, `{{.name}}`) is never judged as a name.
import { InputDirs } from '../../../src/checks/context/argo-applications';
import { ChartReleases } from '../../../src/checks/context/chart-releases';
import { check } from '../../../src/checks/engine';
import type { Finding } from '../../../src/checks/rule';
import { ingressBackendMissing } from '../../../src/checks/rules/ingress-backend-missing';
import { routeBackendMissing } from '../../../src/checks/rules/route-backend-missing';
import { workloadNameUnresolved } from '../../../src/checks/rules/workload-name-unresolved';
import { ClusterModel } from '../../../src/model/cluster-model';
import { deployment, service } from '../builders';
import { route } from '../routes';

type Obj = { [key: string]: any };

const application = (name: string, spec: Obj): Obj => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: 'argocd' }, spec });
const applicationSet = (name: string, spec: Obj): Obj => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', metadata: { name, namespace: 'argocd' }, spec });
const git = (path: string): Obj => ({ git: { repoURL: 'https://github.com/example/homelab', revision: 'HEAD', directories: [{ path }] } });
const chartSource = (chart: string, helm?: Obj): Obj => ({ repoURL: 'https://charts.example.com', chart, targetRevision: '1.0.0', ...(helm ? { helm } : {}) });
const manifests = (path: string, repoURL = 'https://github.com/example/apps'): Obj => ({ repoURL, path, targetRevision: 'HEAD' });
const dest = (namespace?: string): Obj => ({ server: 'https://kubernetes.default.svc', ...(namespace !== undefined ? { namespace } : {}) });

/** A model whose objects come from these files (the input's folders), each object at `repo/<file>`. */
function modelOf(files: [string, Obj][]): ClusterModel {
  return ClusterModel.fromDocuments(files.map(([file, object]) => ({ object, source: { file: `repo/${file}`, document: 1 } })));
}

/** The releases into `namespace` as `Kind name` (with ` manifests <repoURL> <path>` for manifests). */
function into(files: [string, Obj][], namespace: string): string[] {
  return new ChartReleases(modelOf(files)).into(namespace).map((r) =>
    `${String(r.object.object.kind)} ${String(r.object.object.metadata?.name)}${r.manifests ? ` manifests ${r.manifests.repoURL} ${r.manifests.path}` : ''}`);
}

/** The kind and name of the release that makes Service `name` in `namespace` (undefined: none). */
function maker(files: [string, Obj][], namespace: string, name: string): string | undefined {
  const o = new ChartReleases(modelOf(files)).maker(namespace, name);
  return o ? `${String(o.object.kind)} ${String(o.object.metadata?.name)}` : undefined;
}

function runOn(rule: typeof routeBackendMissing, files: [string, Obj][]): Finding[] {
  return [...check(modelOf(files), { rules: [rule] }).findings];
}

describe('InputDirs: whether an Argo CD source path may be a folder of the input', () => {
  const dirs = new InputDirs(['repo/k8s/apps/web/deploy.yaml', 'repo/k8s/apps/web/svc.yaml', 'C:\\work\\infra\\base\\kustomization.yaml', 'root.yaml']);
  test.each<[string, string, boolean]>([
    ['a folder of a file', 'k8s/apps/web', true],
    ['a run of its folders', 'apps/web', true],
    ['with ./ and a final /', './apps/web/', true],
    ['Windows separators', 'infra/base', true],
    ['a folder the input lacks', 'apps/api', false],
    ['a longer path than any folder', 'k8s/apps/web/overlays', false],
    ['the repository root: may be the input', '.', true],
    ['an empty path: the root', '', true],
    ['a path that climbs: unknown', '../shared', true],
    ['a placeholder first: unknown', '{{ path }}', true],
    ['a placeholder after a folder of the input', 'k8s/apps/{{ path.basename }}', true],
    ['a placeholder after a folder the input lacks', 'charts/{{.name}}', false],
    // a value yet to be filled in either way (isUnfilled): a Flux-substituted Application's `${VAR}` too
    ['a variable placeholder after a folder of the input', 'k8s/apps/${APP}', true],
    ['a variable placeholder first: unknown', '${APP_PATH}', true],
  ])('%s', (_case, path, expected) => {
    expect(dirs.holds(path)).toBe(expected);
  });
});

describe('InputDirs of many deep folders: bounded, and then every path may be the input\'s', () => {
  // 2,000 files, each in a folder of 24 names of its own: 600,000 runs of folder names, past the 500,000 kept
  const files = Array.from({ length: 2_000 }, (_, f) => `${Array.from({ length: 24 }, (_x, i) => `f${f}-${i}`).join('/')}/x.yaml`);
  const dirs = new InputDirs(files);
  test.each<[string, string]>([
    ['a run of the first folders', 'f0-3/f0-4/f0-5'],
    ['a path the input lacks: unknown once the runs were too many', 'apps/web'],
  ])('%s', (_case, path) => {
    expect(dirs.holds(path)).toBe(true);
  });
});

describe('ChartReleases: Argo CD Applications of manifests from outside the input', () => {
  test.each<[string, [string, Obj][], string, string[]]>([
    ['a path outside the input: its destination namespace', [['argocd/web.yaml', application('web', { source: manifests('web'), destination: dest('shop') })]],
      'shop', ['Application web manifests https://github.com/example/apps web']],
    ['a path that is a folder of the input: none (its objects are read)', [['argocd/web.yaml', application('web', { source: manifests('apps/web'), destination: dest('shop') })],
      ['apps/web/svc.yaml', service('web', {}, { namespace: 'shop' })]], 'shop', []],
    ['the repository root: none (it may be the input)', [['argocd/web.yaml', application('web', { source: manifests('.'), destination: dest('shop') })]], 'shop', []],
    ['a kustomize source outside the input', [['argocd/web.yaml', application('web', { source: { ...manifests('overlays/prod'), kustomize: { namePrefix: 'prod-' } }, destination: dest('shop') })]],
      'shop', ['Application web manifests https://github.com/example/apps overlays/prod']],
    ['a ref source lends values only: none', [['argocd/web.yaml', application('web', { sources: [{ repoURL: 'https://github.com/example/values', targetRevision: 'main', ref: 'values' }], destination: dest('shop') })]],
      'shop', []],
    ['no destination namespace: none', [['argocd/web.yaml', application('web', { source: manifests('web'), destination: dest() })]], 'argocd', []],
    ['a chart and a path: the object once', [['argocd/web.yaml', application('web', { sources: [chartSource('web'), manifests('extras')], destination: dest('shop') })]],
      'shop', ['Application web']],
  ])('%s', (_case, files, namespace, expected) => {
    expect(into(files, namespace)).toEqual(expected);
  });
});

describe('ChartReleases: Argo CD ApplicationSets', () => {
  const listOf = (...elements: Obj[]): Obj => ({ list: { elements } });
  test.each<[string, Obj, string, string, string | undefined, string[]]>([
    ['a literal template: its metadata.name is the release name', {
      generators: [listOf({ cluster: 'in-cluster' })], template: { metadata: { name: 'grafana' }, spec: { source: chartSource('grafana'), destination: dest('monitoring') } },
    }, 'monitoring', 'grafana-headless', 'ApplicationSet sets', ['ApplicationSet sets']],
    ['helm.releaseName before the template name', {
      generators: [], template: { metadata: { name: 'matrix-web-app' }, spec: { source: chartSource('seaweedfs', { releaseName: 'matrix-seaweedfs' }), destination: dest('matrix') } },
    }, 'matrix', 'matrix-seaweedfs-filer', 'ApplicationSet sets', ['ApplicationSet sets']],
    ['valuesObject.fullnameOverride', {
      generators: [], template: { metadata: { name: 'matrix-web-app' }, spec: { source: chartSource('matrix', { valuesObject: { fullnameOverride: 'matrix-stack' } }), destination: dest('matrix') } },
    }, 'matrix', 'matrix-stack-synapse', 'ApplicationSet sets', ['ApplicationSet sets']],
    ['list elements (fasttemplate): each element\'s name and namespace', {
      generators: [listOf({ app: 'grafana', ns: 'monitoring' }, { app: 'loki', ns: 'logs' })],
      template: { metadata: { name: '{{app}}' }, spec: { source: chartSource('{{ app }}'), destination: dest('{{ns}}') } },
    }, 'logs', 'loki-gateway', 'ApplicationSet sets', ['ApplicationSet sets']],
    ['list elements with one release name and each its own fullnameOverride: the second counts too', {
      generators: [listOf({ override: 'alpha' }, { override: 'beta' })],
      template: { metadata: { name: 'web' }, spec: { source: chartSource('web', { releaseName: 'web', valuesObject: { fullnameOverride: '{{override}}' } }), destination: dest('web') } },
    }, 'web', 'beta-api', 'ApplicationSet sets', ['ApplicationSet sets']],
    ['list elements (goTemplate): {{.key}}', {
      goTemplate: true,
      generators: [listOf({ name: 'podinfo', namespace: 'web', values: { release: 'front' } })],
      template: { metadata: { name: '{{.name}}' }, spec: { source: chartSource('{{.name}}', { releaseName: '{{ .values.release }}' }), destination: dest('{{.namespace}}') } },
    }, 'web', 'front', 'ApplicationSet sets', ['ApplicationSet sets']],
    ['goTemplate: a fasttemplate key is no goTemplate parameter', {
      goTemplate: true,
      generators: [listOf({ name: 'podinfo', namespace: 'web' })],
      template: { metadata: { name: 'x' }, spec: { source: chartSource('podinfo'), destination: dest('{{namespace}}') } },
    }, 'web', 'x', undefined, []],
    ['a matrix of a cluster generator and a list: the list\'s parameters', {
      goTemplate: true,
      generators: [{ matrix: { generators: [{ clusters: {} }, listOf({ app: 'grafana', namespace: 'monitoring' })] } }],
      template: { metadata: { name: '{{.app}}-{{.name}}' }, spec: { sources: [chartSource('{{.app}}', { releaseName: '{{.app}}' })], destination: { server: '{{.server}}', namespace: '{{.namespace}}' } } },
    }, 'monitoring', 'grafana', 'ApplicationSet sets', ['ApplicationSet sets']],
    ['a placeholder release name: the namespace counts, no name is made', {
      generators: [git('charts/*')], template: { metadata: { name: '{{path.basename}}' }, spec: { source: chartSource('web'), destination: dest('web') } },
    }, 'web', 'path', undefined, ['ApplicationSet sets']],
    ['a placeholder namespace (git generator): no namespace', {
      generators: [git('charts/*')], template: { metadata: { name: 'web' }, spec: { source: chartSource('web'), destination: dest('{{path.basename}}') } },
    }, 'web', 'web', undefined, []],
    ['a git generator over the input\'s folders, literal namespace: the input\'s manifests, none', {
      generators: [git('apps/*')], template: { metadata: { name: '{{ path.basename }}' }, spec: { source: manifests('{{ path }}', 'https://github.com/example/homelab'), destination: dest('argocd') } },
    }, 'argocd', 'argocd-server', undefined, []],
    ['a literal path outside the input: manifests into the namespace', {
      generators: [listOf({ env: 'prod' })], template: { metadata: { name: 'guestbook-{{env}}' }, spec: { source: manifests('guestbook/{{env}}'), destination: dest('guestbook') } },
    }, 'guestbook', 'guestbook-ui', undefined, ['ApplicationSet sets manifests https://github.com/example/apps guestbook/prod']],
  ])('%s', (_case, spec, namespace, name, expectedMaker, expectedInto) => {
    const files: [string, Obj][] = [['argocd/sets.yaml', applicationSet('sets', spec)], ['apps/web/svc.yaml', service('web', {}, { namespace: 'web' })]];
    expect(maker(files, namespace, name)).toBe(expectedMaker);
    expect(into(files, namespace)).toEqual(expectedInto);
  });

  test('madeNames: the names the input tells, never a placeholder', () => {
    const set = applicationSet('sets', {
      generators: [git('charts/*'), { list: { elements: [{ app: 'loki' }] } }],
      template: { metadata: { name: '{{path.basename}}' }, spec: { source: chartSource('web', { releaseName: '{{app}}', valuesObject: { fullnameOverride: '{{ app }}-x' } }), destination: dest('web') } },
    });
    expect(new ChartReleases(modelOf([['argocd/sets.yaml', set]])).madeNames('web')).toEqual(['loki', 'loki-x']);
  });

  test.each<[string, number, string[]]>([
    ['a matrix in a matrix (Argo CD\'s deepest): the list\'s parameters', 2, ['ApplicationSet nested']],
    ['a matrix three deep (Argo CD rejects it): unknown parameters, no namespace', 3, []],
    ['matrices 20,000 deep: unknown parameters, and no stack overflow', 20_000, []],
  ])('%s', (_case, depth, expected) => {
    let generator: Obj = { list: { elements: [{ ns: 'shop' }] } };
    for (let i = 0; i < depth; i++) generator = { matrix: { generators: [{ clusters: {} }, generator] } };
    const set = applicationSet('nested', { generators: [generator], template: { metadata: { name: 'app' }, spec: { source: chartSource('app'), destination: dest('{{ns}}') } } });
    expect(into([['argocd/nested.yaml', set]], 'shop')).toEqual(expected);
  });

  test('at most 50 parameter sets are read', () => {
    const elements = Array.from({ length: 60 }, (_, i) => ({ ns: `ns${i}` }));
    const set = applicationSet('many', { generators: [{ list: { elements } }], template: { metadata: { name: 'app' }, spec: { source: chartSource('app'), destination: dest('{{ns}}') } } });
    expect(into([['argocd/many.yaml', set]], 'ns49')).toEqual(['ApplicationSet many']);
    expect(into([['argocd/many.yaml', set]], 'ns50')).toEqual([]);
  });
});

describe('the rules beside Argo CD Applications', () => {
  const httpRoute = (backend: string) => route([{ name: backend, port: 80 }], 'HTTPRoute', { name: 'web', namespace: 'shop' });
  const shopService: [string, Obj] = ['apps/shop/lb.yaml', service('shop-lb', { selector: { app: 'shop' } }, { namespace: 'shop' })];

  test('route-backend-missing: a warning naming the manifests of another repository', () => {
    const found = runOn(routeBackendMissing, [['argocd/web.yaml', application('web', { source: manifests('web'), destination: dest('shop') })], shopService, ['apps/shop/route.yaml', httpRoute('storefront')]]);
    expect(found.map((f) => f.level)).toEqual(['warning']);
    expect(found[0].message).toBe('HTTPRoute "web" spec.rules[0].backendRefs[0] names Service "storefront", which is not in these manifests, but Application "web" deploys the manifests of https://github.com/example/apps path "web" into namespace "shop", whose Services the input does not hold; if none of them makes "storefront", the route\'s ResolvedRefs condition is False (BackendNotFound) and its share of requests gets 500. Fix: check the rendered manifests of those releases and Applications together with these (argocd app manifests, flux build, helm template, kustomize build --enable-helm), or correct the backendRef.');
  });

  test('route-backend-missing: an error when the Application\'s path is a folder of the input', () => {
    const found = runOn(routeBackendMissing, [['argocd/web.yaml', application('web', { source: manifests('apps/shop'), destination: dest('shop') })], shopService, ['apps/shop/route.yaml', httpRoute('storefront')]]);
    expect(found.map((f) => f.level)).toEqual(['error']);
  });

  test('ingress-backend-missing: an ApplicationSet with a literal chart release makes its Services; another name is a warning', () => {
    const set = applicationSet('shop', { generators: [], template: { metadata: { name: 'storefront' }, spec: { source: chartSource('storefront'), destination: dest('shop') } } });
    const ingress = (backend: string): Obj => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: backend, port: { number: 80 } } } }] } }] },
    });
    expect(runOn(ingressBackendMissing, [['argocd/shop.yaml', set], shopService, ['apps/shop/ing.yaml', ingress('storefront-web')]])).toEqual([]);
    const other = runOn(ingressBackendMissing, [['argocd/shop.yaml', set], shopService, ['apps/shop/ing.yaml', ingress('checkout')]]);
    expect(other.map((f) => [f.level, f.message.match(/but (.*?) into/)?.[1]])).toEqual([['warning', 'ApplicationSet "shop" deploys a chart']]);
  });

  test('workload-name-unresolved: manifests of another repository into the namespace', () => {
    const app = deployment('app', { app: 'app' }, [{ containerPort: 8080 }], { env: [{ name: 'API', value: 'http://api:8080' }] }, { namespace: 'shop' });
    const found = runOn(workloadNameUnresolved, [['argocd/web.yaml', application('api', { source: manifests('api', 'https://github.com/example/api'), destination: dest('shop') })], ['apps/shop/app.yaml', app]]);
    expect(found.map((f) => f.message.replace(/.*\)\. /, ''))).toEqual([
      'Application "api" deploys the manifests of https://github.com/example/api path "api" into namespace "shop", whose Services the input does not hold; if none of them makes "api", it stays unresolved. Fix: check the rendered manifests of those releases and Applications together with these (argocd app manifests, flux build, helm template, kustomize build --enable-helm), or correct the name.',
    ]);
  });
});

describe('"did you mean" hints name the Services a chart release makes', () => {
  const helmRelease = (name: string): Obj => ({
    apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name, namespace: 'shop' }, spec: { chartRef: { kind: 'OCIRepository', name: 'app-template' } },
  });
  const httpRoute = (backend: string) => route([{ name: backend, port: 80 }], 'HTTPRoute', { name: 'web', namespace: 'shop' });
  test.each<[string, string, RegExp]>([
    ['a near miss of a release name', 'atuinn', / Did you mean "atuin"\? Fix:/],
    ['a near miss of a fixed name the chart makes', 'prometheus-operatd', / Did you mean "prometheus-operated"\? Fix:/],
    ['no near name: no hint', 'checkout', /ResolvedRefs condition is False \(BackendNotFound\) and its share of requests gets 500\. Fix:/],
  ])('%s', (_case, backend, expected) => {
    const kps = { ...helmRelease('kps'), spec: { chartRef: { kind: 'OCIRepository', name: 'kube-prometheus-stack' } } };
    const found = runOn(routeBackendMissing, [['apps/shop/atuin.yaml', helmRelease('atuin')], ['apps/shop/kps.yaml', kps],
      ['apps/shop/lb.yaml', service('shop-lb', { selector: { app: 'shop' } }, { namespace: 'shop' })], ['apps/shop/route.yaml', httpRoute(backend)]]);
    expect(found.map((f) => f.level)).toEqual(['warning']);
    expect(found[0].message).toMatch(expected);
  });

  test('ingress-backend-missing: the same hint', () => {
    const ingress: Obj = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'atuinn', port: { number: 80 } } } }] } }] },
    };
    const found = runOn(ingressBackendMissing, [['apps/shop/atuin.yaml', helmRelease('atuin')], ['apps/shop/lb.yaml', service('shop-lb', {}, { namespace: 'shop' })], ['apps/shop/ing.yaml', ingress]]);
    expect(found[0].message).toMatch(/ Did you mean "atuin"\? Fix:/);
  });
});
