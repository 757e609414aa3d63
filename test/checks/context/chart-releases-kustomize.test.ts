// GIVEN a kustomization.yaml with `helmCharts` beside the manifests it lists (a kustomize base that an Argo CD
// ApplicationSet points at), WHEN a route, an Ingress or a pod of the folder names a Service that the chart makes,
// THEN the kustomization (skipped as an object) counts as a chart release: `kustomize build --enable-helm` renders the
// chart's Services into the kustomization's namespace, so names of the release's shape exist and other missing names
// are warnings naming the helmCharts entry, as beside a Flux HelmRelease.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ChartReleases } from '../../../src/checks/context/chart-releases';
import { check } from '../../../src/checks/engine';
import { routeBackendMissing } from '../../../src/checks/rules/route-backend-missing';
import { workloadNameUnresolved } from '../../../src/checks/rules/workload-name-unresolved';
import { ClusterModel } from '../../../src/model/cluster-model';
import { loadManifests } from '../../../src/model/load';
import type { SkippedInput } from '../../../src/model/manifest';
import { deployment } from '../builders';
import { route } from '../routes';

type Obj = { [key: string]: any };

/** The loader's record of a skipped kustomization.yaml with these `helmCharts` (and other top-level fields). */
const kustomization = (helmCharts: Obj[], fields: Obj = {}): SkippedInput => ({
  file: 'apps/buzz/kustomization.yaml',
  document: 1,
  reason: 'a kustomize Kustomization',
  kustomization: { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['route.yaml'], helmCharts, ...fields },
});
const chart = (name: string, more: Obj = {}): Obj => ({ name, repo: 'oci://ghcr.io/example/charts', version: '0.1.7', ...more });

/** The name of the helmCharts entry that makes Service `name` in `namespace` (undefined: none). */
function maker(skipped: SkippedInput[], namespace: string, name: string, defaultNamespace: string): string | undefined {
  const model = ClusterModel.fromObjects([], { defaultNamespace });
  const o = new ChartReleases(model, skipped).maker(namespace, name);
  return o ? `${String(o.object.kind)} ${String(o.object.metadata?.name)}` : undefined;
}

describe('ChartReleases: kustomize helmCharts', () => {
  test.each<[string, SkippedInput[], string, string, string | undefined, string]>([
    ['releaseName into the kustomization\'s namespace', [kustomization([chart('buzz', { releaseName: 'buzz', namespace: 'buzz' })], { namespace: 'buzz' })],
      'buzz', 'buzz-pairing', 'HelmChartInflationGenerator buzz', 'default'],
    ['the kustomization\'s namespace, not the entry\'s (kustomize sets it on every object)', [kustomization([chart('web', { releaseName: 'web', namespace: 'staging' })], { namespace: 'prod' })],
      'staging', 'web', undefined, 'default'],
    ['the kustomization\'s namespace and the default one (the files beside it are read without kustomize\'s namespace)',
      [kustomization([chart('redis', { releaseName: 'cache' })], { namespace: 'web' })], 'default', 'cache-master', 'HelmChartInflationGenerator cache', 'default'],
    ['without a kustomization namespace: the entry\'s namespace (.Release.Namespace)', [kustomization([chart('web', { releaseName: 'web', namespace: 'staging' })])],
      'staging', 'web-api', 'HelmChartInflationGenerator web', 'default'],
    ['without a kustomization namespace: also the default namespace (templates without one)', [kustomization([chart('web', { releaseName: 'web', namespace: 'staging' })])],
      'apps', 'web-api', 'HelmChartInflationGenerator web', 'apps'],
    ['without any namespace: the default namespace', [kustomization([chart('web', { releaseName: 'web' })])],
      'default', 'web', 'HelmChartInflationGenerator web', 'default'],
    ['valuesInline.fullnameOverride', [kustomization([chart('argo-cd', { releaseName: 'argocd', valuesInline: { fullnameOverride: 'cd' } })], { namespace: 'argocd' })],
      'argocd', 'cd-server', 'HelmChartInflationGenerator argocd', 'default'],
    ['without releaseName (helm template --generate-name): not the chart name', [kustomization([chart('redis')], { namespace: 'cache' })],
      'cache', 'redis-master', undefined, 'default'],
    ['without releaseName: fullnameOverride still counts', [kustomization([chart('redis', { valuesInline: { fullnameOverride: 'cache' } })], { namespace: 'cache' })],
      'cache', 'cache-master', 'HelmChartInflationGenerator redis', 'default'],
    ['kube-prometheus-stack: the operator\'s prometheus-operated', [kustomization([chart('kube-prometheus-stack', { releaseName: 'kps' })], { namespace: 'monitoring' })],
      'monitoring', 'prometheus-operated', 'HelmChartInflationGenerator kps', 'default'],
    ['a skipped file that is no kustomization with helmCharts: none', [{ file: 'values.yaml', document: 1, reason: 'no apiVersion, kind or metadata' }],
      'default', 'web', undefined, 'default'],
  ])('%s', (_case, skipped, namespace, name, expected, defaultNamespace) => {
    expect(maker(skipped, namespace, name, defaultNamespace)).toBe(expected);
  });
});

describe('the rules beside a kustomization with helmCharts', () => {
  const NS = { namespace: 'buzz' };
  const job = deployment('buzz-bucket-init', { app: 'init' }, [{ containerPort: 8080 }], { env: [{ name: 'RELAY', value: 'http://buzz-relay:3000' }] }, NS);
  const admin = route([{ name: 'buzz', port: 3000 }], 'HTTPRoute', { name: 'buzz-admin', ...NS });
  const buzz = kustomization([chart('buzz', { releaseName: 'buzz', namespace: 'buzz' })], NS);

  test('route-backend-missing: the chart\'s Service counts; another name is a warning naming the entry; an error without it', () => {
    const model = ClusterModel.fromObjects([job, admin]);
    expect(check(model, { rules: [routeBackendMissing], skippedInputs: [buzz] }).findings).toEqual([]);
    expect(check(model, { rules: [routeBackendMissing] }).findings.map((f) => f.level)).toEqual(['error']);
    const other = check(ClusterModel.fromObjects([job, route([{ name: 'echo', port: 80 }], 'HTTPRoute', NS)]), { rules: [routeBackendMissing], skippedInputs: [buzz] }).findings;
    expect(other.map((f) => f.level)).toEqual(['warning']);
    expect(other[0].message).toMatch(/names Service "echo", which is not in these manifests, but the kustomize helmCharts entry "buzz" deploys a chart into namespace "buzz", whose Services the input does not hold; .* Fix: check the charts' rendered manifests together with these \(flux build, helm template, argocd app manifests, kustomize build --enable-helm\), or correct the backendRef\.$/);
  });

  test('workload-name-unresolved: a host the chart makes resolves', () => {
    const model = ClusterModel.fromObjects([job]);
    expect(check(model, { rules: [workloadNameUnresolved], skippedInputs: [buzz] }).findings).toEqual([]);
    expect(check(model, { rules: [workloadNameUnresolved] }).findings.map((f) => f.rule)).toEqual(['workload-name-unresolved']);
  });

  test('a kustomization.yaml without apiVersion or kind and a Deployment without a namespace, as kustomize bases are written', () => {
    // GIVEN the usual base: the kustomization starts right with its fields, and its namespace applies to the Deployment
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kustomize-helm-'));
    try {
      fs.writeFileSync(path.join(dir, 'kustomization.yaml'), [
        'namespace: web', 'resources: [app.yaml]', 'helmCharts:', '  - name: redis', '    repo: https://charts.example.com', '    releaseName: cache', '',
      ].join('\n'));
      const app = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'app' },
        spec: { selector: { matchLabels: { app: 'app' } }, template: { metadata: { labels: { app: 'app' } }, spec: { containers: [{ name: 'app', image: 'example/app:1', env: [{ name: 'REDIS_URL', value: 'redis://cache-master:6379' }] }] } } },
      };
      fs.writeFileSync(path.join(dir, 'app.yaml'), JSON.stringify(app));
      const skipped: SkippedInput[] = [];

      // WHEN
      const findings = check(ClusterModel.fromDocuments(loadManifests([dir], { skipped })), { skippedInputs: skipped }).findings;

      // THEN the chart's Service counts, and the kustomization is skipped with the build (with Helm) as its fix
      expect(skipped.map((s) => [path.basename(s.file), s.kustomize, s.kustomization?.namespace])).toEqual([['kustomization.yaml', true, 'web']]);
      expect(findings.filter((f) => f.rule === 'workload-name-unresolved')).toEqual([]);
      const info = findings.filter((f) => f.rule === 'input-skipped');
      expect(info.map((f) => f.message)).toEqual([expect.stringMatching(/kustomization\.yaml document 1 was not read: a kustomize Kustomization, which kustomize reads and the cluster never gets: check the output of kustomize build\. Fix: nothing; to check what the cluster gets, check the build \(kustomize build --enable-helm <folder> \| cdk8s-dns check -f -\)\.$/)]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a folder read by loadManifests: the kustomization.yaml is skipped and kept with its helmCharts', () => {
    // GIVEN a kustomize base as a GitOps repository holds it: the chart's release beside a route to its Service
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kustomize-helm-'));
    try {
      fs.writeFileSync(path.join(dir, 'kustomization.yaml'), [
        'apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'namespace: buzz',
        'resources: [job.yaml, route.yaml]', 'helmCharts:', '  - name: buzz', '    repo: oci://ghcr.io/example/charts',
        '    releaseName: buzz', '    namespace: buzz', '    valuesFile: values.yaml', '',
      ].join('\n'));
      fs.writeFileSync(path.join(dir, 'job.yaml'), JSON.stringify(job));
      fs.writeFileSync(path.join(dir, 'route.yaml'), JSON.stringify(admin));
      const skipped: SkippedInput[] = [];

      // WHEN
      const model = ClusterModel.fromDocuments(loadManifests([dir], { skipped }));
      const findings = check(model, { skippedInputs: skipped }).findings;

      // THEN the route's backend is the chart's; the kustomization is listed as skipped, as before
      expect(skipped.map((s) => [path.basename(s.file), s.kustomization?.namespace])).toEqual([['kustomization.yaml', 'buzz']]);
      expect(findings.filter((f) => f.rule === 'route-backend-missing')).toEqual([]);
      expect(findings.filter((f) => f.level === 'error')).toEqual([]);
      expect(findings.map((f) => f.rule)).toContain('input-skipped');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
