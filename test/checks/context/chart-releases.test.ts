// GIVEN a Helm chart release in the input (a Flux HelmRelease, a k3s HelmChart, an Argo CD Application with a Helm
// source), WHEN a route, an Ingress, a pod or an ExternalName names a Service the input does not hold in the release's
// namespace, THEN a name of the release's shape counts as made by the chart, any other name is a warning naming the
// release, and the Service rules stay as they were where no release deploys.
import { ChartReleases } from '../../../src/checks/context/chart-releases';
import { externalNameTargetMissing } from '../../../src/checks/rules/externalname-target-missing';
import { ingressBackendMissing } from '../../../src/checks/rules/ingress-backend-missing';
import { routeBackendMissing } from '../../../src/checks/rules/route-backend-missing';
import { serviceSelectorNoMatch } from '../../../src/checks/rules/service-selector-no-match';
import { workloadNameUnresolved } from '../../../src/checks/rules/workload-name-unresolved';
import { ClusterModel } from '../../../src/model/cluster-model';
import { deployment, externalName, run, service } from '../builders';
import { route } from '../routes';

type Obj = { [key: string]: any };

const NS = { namespace: 'home' };
const helmRelease = (name: string, spec: Obj = {}, meta: Obj = NS): Obj => ({
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
  kind: 'HelmRelease',
  metadata: { name, ...meta },
  spec: { interval: '1h', chartRef: { kind: 'OCIRepository', name: 'app-template' }, ...spec },
});
/** A HelmRelease of Flux v1's Helm Operator (older home-lab repositories: billimek/k8s-gitops's minecraft releases). */
const helmOperatorRelease = (name: string, spec: Obj = {}, apiVersion = 'helm.fluxcd.io/v1'): Obj => ({
  apiVersion, kind: 'HelmRelease', metadata: { name, ...NS }, spec: { chart: { repository: 'https://charts.example.com/', name: 'minecraft', version: '1.2.2' }, ...spec },
});
/**
 * A FluxHelmRelease of Flux 1.x's Helm operator, the kind before the Helm Operator's HelmRelease: its chart in
 * `spec.chartGitPath` (helm.integrations.flux.weave.works v1alpha2), or `spec.chart` (flux.weave.works v1beta1: `{ git,
 * ref, path }` or `{ repository, name, version }`; fluxcd/flux integrations/apis/flux.weave.works/v1beta1 types.go).
 */
const fluxHelmRelease = (name: string, spec: Obj = {}, apiVersion = 'helm.integrations.flux.weave.works/v1alpha2'): Obj => ({
  apiVersion,
  kind: 'FluxHelmRelease',
  metadata: { name, ...NS },
  spec: { ...(apiVersion.startsWith('flux.weave.works/') ? { chart: { git: 'git@github.com:example/charts', ref: 'master', path: 'charts/openfaas' } } : { chartGitPath: 'openfaas' }), ...spec },
});
const helmChart = (name: string, spec: Obj = {}): Obj => ({
  apiVersion: 'helm.cattle.io/v1', kind: 'HelmChart', metadata: { name, namespace: 'kube-system' }, spec: { chart: name, repo: 'https://charts.example.com', ...spec },
});
const application = (name: string, spec: Obj): Obj => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: 'argocd' }, spec });
const ingress = (backend: string): Obj => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', ...NS },
  spec: { rules: [{ host: 'web.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: backend, port: { number: 80 } } } }] } }] },
});
/** A plain Service of the namespace, so that its backends are judged without --complete. */
const plain = service('postgres-lb', { selector: { app: 'pg' } }, NS);
const pg = deployment('pg', { app: 'pg' }, [{ containerPort: 8080 }], {}, NS);

/** The kind and name of the release that makes Service `name` in `namespace` (undefined: none). */
function maker(objects: Obj[], namespace: string, name: string): string | undefined {
  const o = new ChartReleases(ClusterModel.fromObjects(objects)).maker(namespace, name);
  return o ? `${String(o.object.kind)} ${String(o.object.metadata?.name)}` : undefined;
}

describe('ChartReleases', () => {
  test.each<[string, Obj[], string, string, string | undefined]>([
    ['a HelmRelease: its name', [helmRelease('atuin')], 'home', 'atuin', 'HelmRelease atuin'],
    ['a HelmRelease: its name and a dash', [helmRelease('atuin')], 'home', 'atuin-web', 'HelmRelease atuin'],
    ['a HelmRelease: not a longer word', [helmRelease('atuin')], 'home', 'atuinweb', undefined],
    ['a HelmRelease: not another namespace', [helmRelease('atuin')], 'default', 'atuin', undefined],
    ['a HelmRelease with targetNamespace: "<target>-<name>" in the target', [helmRelease('redis', { targetNamespace: 'cache' })], 'cache', 'cache-redis-master', 'HelmRelease redis'],
    ['a HelmRelease with targetNamespace: not its own namespace', [helmRelease('redis', { targetNamespace: 'cache' })], 'home', 'cache-redis', undefined],
    ['a HelmRelease with releaseName', [helmRelease('redis', { targetNamespace: 'cache', releaseName: 'redis' })], 'cache', 'redis-master', 'HelmRelease redis'],
    ['a Helm Operator HelmRelease with releaseName', [helmOperatorRelease('mc-ecms', { releaseName: 'mc-ecms' })], 'home', 'mc-ecms-minecraft', 'HelmRelease mc-ecms'],
    ['a Helm Operator HelmRelease without releaseName: "<namespace>-<name>"', [helmOperatorRelease('grafana')], 'home', 'home-grafana', 'HelmRelease grafana'],
    ['a Helm Operator HelmRelease without releaseName: not its bare name', [helmOperatorRelease('grafana')], 'home', 'grafana', undefined],
    ['a Helm Operator HelmRelease with targetNamespace: "<namespace>-<target>-<name>" in the target', [helmOperatorRelease('redis', { targetNamespace: 'cache' })],
      'cache', 'home-cache-redis-master', 'HelmRelease redis'],
    ['a Helm Operator HelmRelease with values.fullnameOverride', [helmOperatorRelease('mc', { values: { fullnameOverride: 'lobby' } })], 'home', 'lobby', 'HelmRelease mc'],
    ['a flux.weave.works HelmRelease (the Helm Operator before helm.fluxcd.io)', [helmOperatorRelease('mc', { releaseName: 'mc' }, 'flux.weave.works/v1beta1')], 'home', 'mc-minecraft', 'HelmRelease mc'],
    // its v1beta1 spec has no targetNamespace (fluxcd/flux integrations/apis/flux.weave.works/v1beta1 types.go)
    ['a flux.weave.works HelmRelease with targetNamespace: its own namespace, "<namespace>-<name>"', [helmOperatorRelease('redis', { targetNamespace: 'cache' }, 'flux.weave.works/v1beta1')],
      'home', 'home-redis-master', 'HelmRelease redis'],
    ['a flux.weave.works HelmRelease with targetNamespace: not in the target', [helmOperatorRelease('redis', { targetNamespace: 'cache' }, 'flux.weave.works/v1beta1')],
      'cache', 'home-cache-redis-master', undefined],
    // Flux 1.x's FluxHelmRelease (stefanprodan/openfaas-flux releases/openfaas.yaml): releaseName, else "<namespace>-<name>"
    // (fluxcd/flux integrations/helm/release GetReleaseName), into its own namespace, the chart in spec.chartGitPath
    ['a FluxHelmRelease of helm.integrations.flux.weave.works with releaseName', [fluxHelmRelease('openfaas', { releaseName: 'openfaas' })], 'home', 'openfaas-gateway', 'FluxHelmRelease openfaas'],
    ['a FluxHelmRelease of flux.weave.works without releaseName: "<namespace>-<name>"', [fluxHelmRelease('openfaas', {}, 'flux.weave.works/v1beta1')], 'home', 'home-openfaas', 'FluxHelmRelease openfaas'],
    ['a FluxHelmRelease with targetNamespace: its own namespace still', [fluxHelmRelease('openfaas', { targetNamespace: 'faas', releaseName: 'of' })], 'faas', 'of', undefined],
    ['a FluxHelmRelease of kube-prometheus-stack by spec.chartGitPath: prometheus-operated', [fluxHelmRelease('kps', { chartGitPath: 'charts/kube-prometheus-stack' })], 'home', 'prometheus-operated', 'FluxHelmRelease kps'],
    ['a flux.weave.works FluxHelmRelease of kube-prometheus-stack by spec.chart.path: prometheus-operated',
      [fluxHelmRelease('kps', { chart: { git: 'git@github.com:example/charts', path: 'charts/kube-prometheus-stack' } }, 'flux.weave.works/v1beta1')], 'home', 'prometheus-operated', 'FluxHelmRelease kps'],
    // the first revision of flux.weave.works v1beta1 (GitChartSource `json:"gitPath"`)
    ['a flux.weave.works FluxHelmRelease of kube-prometheus-stack by spec.chart.gitPath: prometheus-operated',
      [fluxHelmRelease('kps', { chart: { gitPath: 'charts/kube-prometheus-stack' } }, 'flux.weave.works/v1beta1')], 'home', 'prometheus-operated', 'FluxHelmRelease kps'],
    ['a flux.weave.works FluxHelmRelease of kube-prometheus-stack by spec.chart.name: alertmanager-operated',
      [fluxHelmRelease('kps', { chart: { repository: 'https://prometheus-community.github.io/helm-charts', name: 'kube-prometheus-stack', version: '45.0.0' } }, 'flux.weave.works/v1beta1')],
      'home', 'alertmanager-operated', 'FluxHelmRelease kps'],
    ['a HelmRelease with values.fullnameOverride', [helmRelease('monitoring', { values: { fullnameOverride: 'kps' } })], 'home', 'kps-operator', 'HelmRelease monitoring'],
    ['kube-prometheus-stack (chartRef): the operator\'s prometheus-operated', [helmRelease('kube-prometheus-stack', { chartRef: { kind: 'OCIRepository', name: 'kube-prometheus-stack' } })],
      'home', 'prometheus-operated', 'HelmRelease kube-prometheus-stack'],
    ['kube-prometheus-stack (chart.spec.chart): alertmanager-operated', [helmRelease('kps', { chartRef: undefined, chart: { spec: { chart: 'kube-prometheus-stack', sourceRef: { kind: 'HelmRepository', name: 'prometheus-community' } } } })],
      'home', 'alertmanager-operated', 'HelmRelease kps'],
    ['kube-prometheus-stack with alertmanager.enabled false: no alertmanager-operated', [helmRelease('kube-prometheus-stack', { chartRef: { kind: 'OCIRepository', name: 'kube-prometheus-stack' }, values: { alertmanager: { enabled: false } } })],
      'home', 'alertmanager-operated', undefined],
    ['another chart: no prometheus-operated', [helmRelease('grafana', { chartRef: { kind: 'OCIRepository', name: 'grafana' } })], 'home', 'prometheus-operated', undefined],
    ['kube-prometheus-stack with targetNamespace: its fullname cut to 26 characters', [helmRelease('kube-prometheus-stack', { targetNamespace: 'monitoring', chartRef: { kind: 'OCIRepository', name: 'kube-prometheus-stack' } })],
      'monitoring', 'monitoring-kube-prometheus-operator', 'HelmRelease kube-prometheus-stack'],
    ['another chart: no cut to 26 characters', [helmRelease('kube-prometheus-stack', { targetNamespace: 'monitoring', chartRef: { kind: 'OCIRepository', name: 'app-template' } })],
      'monitoring', 'monitoring-kube-prometheus-operator', undefined],
    ['an Argo CD Application of kube-prometheus-stack: prometheus-operated', [application('monitoring', { source: { repoURL: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', targetRevision: '75.0.0' }, destination: { namespace: 'monitoring' } })],
      'monitoring', 'prometheus-operated', 'Application monitoring'],
    ['a HelmRelease of another group', [{ ...helmRelease('atuin'), apiVersion: 'helm.example.com/v1' }], 'home', 'atuin', undefined],
    ['a k3s HelmChart: into targetNamespace', [helmChart('traefik', { targetNamespace: 'ingress' })], 'ingress', 'traefik', 'HelmChart traefik'],
    ['a k3s HelmChart without targetNamespace: its own namespace', [helmChart('traefik')], 'kube-system', 'traefik', 'HelmChart traefik'],
    ['an Argo CD Application of a Helm repository chart', [application('grafana', { source: { repoURL: 'https://grafana.github.io/helm-charts', chart: 'grafana', targetRevision: '8.0.0' }, destination: { namespace: 'monitoring' } })],
      'monitoring', 'grafana', 'Application grafana'],
    ['an Argo CD Application: helm.releaseName and valuesObject.fullnameOverride', [application('app', {
      sources: [{ repoURL: 'https://github.com/example/charts', path: 'charts/web', helm: { releaseName: 'shop', valuesObject: { fullnameOverride: 'storefront' } } }],
      destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' },
    })], 'shop', 'storefront', 'Application app'],
    ['an Argo CD Application: helm.releaseName, not its own name', [application('app', {
      source: { repoURL: 'https://github.com/example/charts', path: 'charts/web', helm: { releaseName: 'shop' } }, destination: { namespace: 'shop' },
    })], 'shop', 'app', undefined],
    ['an Argo CD Application of plain manifests (its files may be in the input): none', [application('web', {
      source: { repoURL: 'https://github.com/example/apps', path: 'web' }, destination: { namespace: 'shop' },
    })], 'shop', 'web', undefined],
    ['an Argo CD Application without a destination namespace: none', [application('grafana', { source: { chart: 'grafana' }, destination: { name: 'in-cluster' } })],
      'argocd', 'grafana', undefined],
  ])('%s', (_case, objects, namespace, name, expected) => {
    expect(maker(objects, namespace, name)).toBe(expected);
  });

  test('into: the releases of a namespace, in input order', () => {
    const releases = new ChartReleases(ClusterModel.fromObjects([helmRelease('b'), helmRelease('a'), helmRelease('c', {}, { namespace: 'other' })]));
    expect(releases.into('home').map((r) => r.object.object.metadata?.name)).toEqual(['b', 'a']);
    expect(releases.into('nowhere')).toEqual([]);
  });
});

describe('the rules beside chart releases', () => {
  test('route-backend-missing: the release\'s names count; another name is a warning naming the release; none without it', () => {
    const routes = [route([{ name: 'atuin', port: 80 }], 'HTTPRoute', { name: 'a', ...NS }), route([{ name: 'atuin-sync', port: 80 }], 'HTTPRoute', { name: 'b', ...NS })];
    expect(run(routeBackendMissing, [plain, helmRelease('atuin'), ...routes])).toEqual([]);
    const other = run(routeBackendMissing, [plain, helmRelease('atuin'), route([{ name: 'echo', port: 80 }], 'HTTPRoute', NS)]);
    expect(other.map((f) => f.level)).toEqual(['warning']);
    expect(other[0].message).toBe('HTTPRoute "web" spec.rules[0].backendRefs[0] names Service "echo", which is not in these manifests, but HelmRelease "atuin" deploys a chart into namespace "home", whose Services the input does not hold; if no chart makes "echo", the route\'s ResolvedRefs condition is False (BackendNotFound) and its share of requests gets 500. Fix: check the charts\' rendered manifests together with these (flux build, helm template, argocd app manifests, kustomize build --enable-helm), or correct the backendRef.');
    // still a warning with --complete: the chart's Services are not in the input however complete the rest is
    expect(run(routeBackendMissing, [plain, helmRelease('atuin'), route([{ name: 'echo', port: 80 }], 'HTTPRoute', NS)], {}, true).map((f) => f.level)).toEqual(['warning']);
    expect(run(routeBackendMissing, [plain, ...routes]).map((f) => f.level)).toEqual(['error', 'error']);
  });

  test('ingress-backend-missing: the same, with the releases listed', () => {
    expect(run(ingressBackendMissing, [plain, helmRelease('echo-server'), ingress('echo-server')])).toEqual([]);
    const releases = ['a', 'b', 'c', 'd'].map((n) => helmRelease(n));
    const other = run(ingressBackendMissing, [plain, ...releases, ingress('echo')]);
    expect(other.map((f) => [f.level, f.resource])).toEqual([['warning', 'Ingress/home/web']]);
    expect(other[0].message).toMatch(/^Ingress "web" spec\.rules\[0\]\.http\.paths\[0\]\.backend names Service "echo", which is not in these manifests, but HelmRelease "a", HelmRelease "b", HelmRelease "c" and 1 more deploy charts into namespace "home", whose Services the input does not hold; if no chart makes "echo", the ingress controller has no endpoints for it \(ingress-nginx answers 503\)\. Fix: check the charts' rendered manifests/);
    expect(run(ingressBackendMissing, [plain, helmRelease('other', {}, { namespace: 'elsewhere' }), ingress('echo')]).map((f) => f.level)).toEqual(['error']);
  });

  test('workload-name-unresolved and externalname-target-missing: a release\'s Service resolves', () => {
    const app = deployment('app', { app: 'app' }, [{ containerPort: 8080 }], { env: [{ name: 'ATUIN_URL', value: 'http://atuin:8888' }] }, NS);
    expect(run(workloadNameUnresolved, [helmRelease('atuin'), app])).toEqual([]);
    const other = run(workloadNameUnresolved, [helmRelease('other'), app]);
    expect(other.map((f) => f.rule)).toEqual(['workload-name-unresolved']);
    expect(other[0].message).toMatch(/host "atuin" does not resolve from namespace "home" \(tried [^)]*\)\. HelmRelease "other" deploys a chart into namespace "home", whose Services the input does not hold; if no chart makes "atuin", it stays unresolved\. Fix: check the charts' rendered manifests together with these \(flux build, helm template, argocd app manifests, kustomize build --enable-helm\), or correct the name\.$/);
    const alias = externalName('sync', 'atuin-web.home.svc.cluster.local', NS);
    expect(run(externalNameTargetMissing, [helmRelease('atuin'), alias])).toEqual([]);
    expect(run(externalNameTargetMissing, [plain, alias]).map((f) => f.rule)).toEqual(['externalname-target-missing']);
  });

  test('service-selector-no-match: a warning naming the releases, unless a template of the input nearly matches', () => {
    const lb = service('postgres-lb', { selector: { 'cnpg.io/cluster': 'postgres16' } }, NS);
    const found = run(serviceSelectorNoMatch, [lb, pg, helmRelease('cloudnative-pg')], {}, true);
    expect(found.map((f) => f.level)).toEqual(['warning']);
    expect(found[0].message).toBe('Service "postgres-lb" selects cnpg.io/cluster=postgres16, which no pod template of the input in namespace "home" has, but HelmRelease "cloudnative-pg" deploys a chart into that namespace, whose pods the input does not hold; without pods carrying those labels it gets no endpoints. Fix: check the charts\' rendered manifests together with these (flux build, helm template, argocd app manifests, kustomize build --enable-helm), or change spec.selector to labels the pods carry.');
    expect(run(serviceSelectorNoMatch, [lb, pg]).map((f) => f.level)).toEqual(['error']);
    // a typo of the input's own Deployment's labels stays an error
    const typo = service('pg', { selector: { app: 'pgg' } }, NS);
    expect(run(serviceSelectorNoMatch, [typo, deployment('pg', { app: 'pg', tier: 'db' }, [{ containerPort: 8080 }], {}, NS), helmRelease('x')]).map((f) => f.level)).toEqual(['error']);
  });
});

describe('a Helm Operator release beside the Services that select its chart\'s pods', () => {
  test('a Service of the chart\'s pods and an Ingress to its Service are warnings, not errors, beside a Deployment of the namespace', () => {
    // the shape of billimek/k8s-gitops: a LoadBalancer for the Geyser port of the pods of the minecraft chart's release
    const geyser = service('mc-ecms-minecraft-geyser', { selector: { app: 'mc-ecms-minecraft' } }, NS);
    const release = helmOperatorRelease('mc-ecms', { releaseName: 'mc-ecms' });
    // a Deployment of the namespace whose labels are no near miss of the selector (one with an `app` label would be)
    const other = deployment('router', { component: 'router' }, [{ containerPort: 25565 }], {}, NS);
    const selected = run(serviceSelectorNoMatch, [geyser, other, release]);
    expect(selected.map((f) => [f.level, f.message.includes('HelmRelease "mc-ecms" deploys a chart into that namespace')])).toEqual([['warning', true]]);
    expect(run(serviceSelectorNoMatch, [geyser, other]).map((f) => f.level)).toEqual(['error']);
    expect(run(ingressBackendMissing, [plain, release, ingress('mc-ecms-minecraft')])).toEqual([]);
    expect(run(ingressBackendMissing, [plain, ingress('mc-ecms-minecraft')]).map((f) => f.level)).toEqual(['error']);
  });
});

describe('a FluxHelmRelease beside an Ingress to a Service its chart names otherwise', () => {
  test('an Ingress to the OpenFaaS chart\'s gateway is a warning naming the release, not an error', () => {
    // the shape of stefanprodan/openfaas-flux: the chart names its Service `gateway`, not after the release
    const found = run(ingressBackendMissing, [plain, fluxHelmRelease('openfaas', { releaseName: 'openfaas' }), ingress('gateway')]);
    expect(found.map((f) => f.level)).toEqual(['warning']);
    expect(found[0].message).toMatch(/names Service "gateway", which is not in these manifests, but FluxHelmRelease "openfaas" deploys a chart into namespace "home"/);
    expect(run(ingressBackendMissing, [plain, ingress('gateway')]).map((f) => f.level)).toEqual(['error']);
  });
});

describe('beside a chart release, a name or pods that exist in another namespace stay an error', () => {
  test('service-selector-no-match: the matching pods of another namespace are named', () => {
    const metrics = service('myapp-metrics', { selector: { app: 'myapp' } }, NS);
    const found = run(serviceSelectorNoMatch, [helmRelease('kube-prometheus-stack'), metrics, deployment('myapp', { app: 'myapp' })]);
    expect(found.map((f) => f.level)).toEqual(['error']);
    expect(found[0].message).toMatch(/matching pods exist only in other namespaces \(Deployment default\/myapp\)/);
  });

  test('ingress-backend-missing and route-backend-missing: a Service of that name in another namespace', () => {
    const api = service('api', {}, { namespace: 'other' });
    const viaIngress = run(ingressBackendMissing, [plain, helmRelease('atuin'), api, ingress('api')]);
    expect(viaIngress.map((f) => f.level)).toEqual(['error']);
    expect(viaIngress[0].message).toMatch(/a Service "api" exists only in namespace "other"/);
    const viaRoute = run(routeBackendMissing, [plain, helmRelease('atuin'), api, route([{ name: 'api', port: 80 }], 'HTTPRoute', NS)]);
    expect(viaRoute.map((f) => f.level)).toEqual(['error']);
    expect(viaRoute[0].message).toMatch(/a Service "api" exists in namespace "other", which the backendRef names with its namespace field/);
  });
});

describe('ChartReleases at scale', () => {
  // a scan of every release per name (30,000 x 30,000) runs far past jest's 5 s timeout; look-ups by prefix take ms
  test('30,000 releases and 30,000 missing names of one namespace: one look-up per dash of each name', () => {
    const releases = Array.from({ length: 30_000 }, (_, i) => helmRelease(`app${i}`));
    const index = new ChartReleases(ClusterModel.fromObjects(releases));
    let found = 0;
    for (let i = 0; i < 30_000; i++) if (index.maker('home', `svc${i}-a-b-c`)) found++;
    expect(found).toBe(0);
    expect(index.maker('home', 'app29999-web')?.object.metadata?.name).toBe('app29999');
    expect(index.maker('home', `app1-${'-'.repeat(100_000)}`)).toBeUndefined(); // longer than any Service name
    expect(index.into('home')).toBe(index.into('home')); // kept, not rebuilt per call
  });
});
