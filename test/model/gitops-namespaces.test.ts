// GIVEN a GitOps repository whose Argo CD Applications (spec.destination.namespace, a source's kustomize.namespace) and
// Flux Kustomizations (spec.targetNamespace) apply folders of namespace-less manifests, WHEN it is loaded as a folder,
// THEN each object gets the namespace the tool gives it: Flux's targetNamespace overrides every namespaced object's
// (a kustomize namespace transformer), Argo CD's destination fills only those without one (a kustomization's own
// namespace and one written win), a templated namespace gives none, and two Applications of one folder to two
// namespaces give two copies that keep their file and line.
import * as path from 'path';
import { tempDirEach, writeTree } from './file-tree';
import { check } from '../../src/checks/engine';
import { ClusterModel } from '../../src/model/cluster-model';
import { GitopsNamespace, gitopsRoots, MAX_GITOPS_ROOTS } from '../../src/model/gitops-roots';
import { kustomizeBuilds, MAX_BUILD_STEPS } from '../../src/model/kustomize-builds';
import { withoutKustomizeInputs } from '../../src/model/kustomize-folders';
import { loadManifests } from '../../src/model/load';
import type { SkippedInput } from '../../src/model/manifest';
import { cpuClock } from '../cpu-clock';

let dir: string;
tempDirEach('cdk8s-dns-gns-', (d) => { dir = d; });

/** An Argo CD Application of `source` (YAML flow inside `{ }`) to `namespace`. */
const app = (name: string, namespace: string, source: string) => `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: { name: ${name}, namespace: argocd }\nspec:\n  project: default\n  destination: { server: https://kubernetes.default.svc, namespace: '${namespace}' }\n  source: { repoURL: https://git.example/repo.git, ${source} }\n`;
/** A Flux Kustomization of `p` with `targetNamespace`. */
const fluxKs = (p: string, target: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: apps, namespace: flux-system }\nspec:\n  interval: 10m\n  path: ${p}\n  targetNamespace: '${target}'\n  prune: true\n  sourceRef: { kind: GitRepository, name: flux-system }\n`;
const svc = (name: string, ns?: string) => `apiVersion: v1\nkind: Service\nmetadata: { name: ${name}${ns ? `, namespace: ${ns}` : ''} }\nspec:\n  selector: { app: ${name} }\n  ports: [{ port: 80 }]\n`;
const NS = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${name} }\n`;
const ROLE = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: reader }\nrules: []\n';

/** `Kind ns/name <- file:line [roots]` of each object loaded (ns `-`: none), without the GitOps objects themselves. */
function load(): string[] {
  // relative, in a root named with the object that builds it (`k.yaml (fleet.yaml)`) too
  const rel = (f: string) => f.split(`${dir}${path.sep}`).join('').split(path.sep).join('/');
  return loadManifests([dir]).filter((d) => !/argoproj|fluxcd/.test(String(d.object.apiVersion))).map((d) => {
    const roots = d.source.kustomizeRoots === undefined ? '' : ` [${d.source.kustomizeRoots.map(rel).join(' ')}]`;
    return `${String(d.object.kind)} ${String(d.object.metadata?.namespace ?? '-')}/${String(d.object.metadata?.name)} <- ${rel(d.source.file)}:${d.source.line}${roots}`;
  }).sort();
}

describe('the namespace a GitOps object gives the folder it applies', () => {
  test.each<[string, Record<string, string>, string[]]>([
    ['an Argo CD destination fills the namespace of a plain folder\'s objects without one, keeps one written and cluster-scoped kinds', {
      'argocd/web.yaml': app('web', 'prod', 'path: apps/web'),
      'apps/web/svc.yaml': `${svc('web')}---\n${svc('admin', 'ops')}---\n${ROLE}---\n${NS('extra')}`,
    }, [
      'ClusterRole -/reader <- apps/web/svc.yaml:15 [argocd/web.yaml]',
      'Namespace -/extra <- apps/web/svc.yaml:20 [argocd/web.yaml]',
      'Service ops/admin <- apps/web/svc.yaml:8 [argocd/web.yaml]',
      'Service prod/web <- apps/web/svc.yaml:1 [argocd/web.yaml]',
    ]],
    ['an Argo CD destination fills a kustomize folder without namespace, recursion as the Application says', {
      'argocd/web.yaml': app('web', 'prod', 'path: apps/web'),
      'apps/web/kustomization.yaml': 'resources: [svc.yaml]\n',
      'apps/web/svc.yaml': svc('web'),
    }, ['Service prod/web <- apps/web/svc.yaml:1 [apps/web/kustomization.yaml]']],
    ['a kustomization\'s own namespace wins over an Argo CD destination (Argo CD only fills what the build leaves empty)', {
      'argocd/web.yaml': app('web', 'prod', 'path: overlays/prod'),
      'overlays/prod/kustomization.yaml': 'namespace: shop\nresources: [../../base]\n',
      'base/kustomization.yaml': 'resources: [svc.yaml]\n',
      'base/svc.yaml': svc('web'),
    }, ['Service shop/web <- base/svc.yaml:1 [overlays/prod/kustomization.yaml]']],
    ['an Argo CD source\'s kustomize.namespace overrides as kustomize edit set namespace does', {
      'argocd/web.yaml': app('web', 'prod', 'path: apps/web, kustomize: { namespace: edge }'),
      'apps/web/kustomization.yaml': 'namespace: shop\nresources: [svc.yaml]\n',
      'apps/web/svc.yaml': svc('web', 'ops'),
    }, ['Service edge/web <- apps/web/svc.yaml:1 [apps/web/kustomization.yaml]']],
    ['a Flux targetNamespace overrides every namespace, the kustomizations\' below too, and renames a Namespace object', {
      'clusters/prod/apps.yaml': fluxKs('./apps', 'media'),
      'apps/svc.yaml': `${svc('web', 'ops')}---\n${NS('old')}`,
      'apps/db/kustomization.yaml': 'namespace: data\nresources: [svc.yaml]\n',
      'apps/db/svc.yaml': svc('db'),
    }, [
      'Namespace -/media <- apps/svc.yaml:8 [clusters/prod/apps.yaml]',
      'Service media/db <- apps/db/svc.yaml:1 [clusters/prod/apps.yaml]',
      'Service media/web <- apps/svc.yaml:1 [clusters/prod/apps.yaml]',
    ]],
    ['two Applications of one folder to two namespaces give two copies; an object with its own namespace stays one', {
      'argocd/dev.yaml': app('dev', 'dev', 'path: shared'),
      'argocd/prod.yaml': app('prod', 'prod', 'path: shared'),
      'shared/svc.yaml': `${svc('web')}---\n${svc('admin', 'ops')}`,
    }, [
      'Service dev/web <- shared/svc.yaml:1 [argocd/dev.yaml]',
      'Service ops/admin <- shared/svc.yaml:8 [argocd/dev.yaml argocd/prod.yaml]',
      'Service prod/web <- shared/svc.yaml:1 [argocd/prod.yaml]',
    ]],
    ['an Argo CD destination and the namePrefix of the kustomization it builds: the name prefixed, the namespace filled', {
      'argocd/web.yaml': app('web', 'prod', 'path: overlays/prod'),
      'overlays/prod/kustomization.yaml': 'namePrefix: prod-\nresources: [../../base]\n',
      'base/kustomization.yaml': 'resources: [svc.yaml]\n',
      'base/svc.yaml': `${svc('web')}---\n${svc('admin', 'ops')}`,
    }, [
      'Service ops/prod-admin <- base/svc.yaml:8 [overlays/prod/kustomization.yaml]',
      'Service prod/prod-web <- base/svc.yaml:1 [overlays/prod/kustomization.yaml]',
    ]],
    ['a Flux targetNamespace over a folder whose kustomization has a nameSuffix', {
      'clusters/prod/apps.yaml': fluxKs('./apps', 'media'),
      'apps/kustomization.yaml': 'nameSuffix: -v2\nresources: [svc.yaml]\n',
      'apps/svc.yaml': svc('web', 'ops'),
    }, ['Service media/web-v2 <- apps/svc.yaml:1 [apps/kustomization.yaml]']],
    ['two Applications of one file are two builds (they may deploy to two clusters), each named by its object', {
      'argocd/apps.yaml': `${app('east', 'web', 'path: east')}---\n${app('west', 'web', 'path: west')}`,
      'east/svc.yaml': svc('east'),
      'west/svc.yaml': svc('west'),
    }, [
      'Service web/east <- east/svc.yaml:1 [argocd/apps.yaml (Application east)]',
      'Service web/west <- west/svc.yaml:1 [argocd/apps.yaml (Application west)]',
    ]],
    ['a GitOps object of a file with more whose name is no DNS label is named by its document (names of any length stay out of messages)', {
      'argocd/apps.yaml': `${app('a'.repeat(300), 'web', 'path: east')}---\n${app('west', 'web', 'path: west')}`,
      'east/svc.yaml': svc('east'),
      'west/svc.yaml': svc('west'),
    }, [
      'Service web/east <- east/svc.yaml:1 [argocd/apps.yaml (Application document 1)]',
      'Service web/west <- west/svc.yaml:1 [argocd/apps.yaml (Application west)]',
    ]],
    ['an ApplicationSet whose destination is {{path.basename}} gives no namespace', {
      'argocd/set.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: { name: set, namespace: argocd }\nspec:\n  generators: [{ git: { repoURL: https://git.example/repo.git, revision: HEAD, directories: [{ path: "apps/*" }] } }]\n  template:\n    metadata: { name: "{{path.basename}}" }\n    spec:\n      project: default\n      source: { repoURL: https://git.example/repo.git, path: "{{path}}" }\n      destination: { server: https://kubernetes.default.svc, namespace: "{{path.basename}}" }\n',
      'apps/web/svc.yaml': svc('web'),
    }, ['Service -/web <- apps/web/svc.yaml:1']],
    ['a templated Flux targetNamespace (${NS}) and Argo CD destination ({{ .ns }}) give none', {
      'clusters/prod/apps.yaml': fluxKs('./apps/a', '${NS}'),
      'argocd/b.yaml': app('b', '{{ .ns }}', 'path: apps/b'),
      'apps/a/svc.yaml': svc('a'),
      'apps/b/svc.yaml': svc('b'),
    }, ['Service -/a <- apps/a/svc.yaml:1', 'Service -/b <- apps/b/svc.yaml:1']],
    ['a namespace given to the repository root (Flux without path or ./, Argo CD path .) is given to nothing', {
      'flux/tenant.yaml': 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: tenant, namespace: apps }\nspec:\n  interval: 5m\n  sourceRef: { kind: OCIRepository, name: podinfo }\n  targetNamespace: apps\n',
      'flux/root.yaml': fluxKs('./', 'media'),
      'argocd/root.yaml': app('root', 'prod', 'path: .'),
      'argocd/edge.yaml': app('edge', 'prod', 'path: ., kustomize: { namespace: edge }'),
      'apps/svc.yaml': `${svc('web', 'shop')}---\n${svc('admin')}`,
    }, ['Service -/admin <- apps/svc.yaml:8', 'Service shop/web <- apps/svc.yaml:1']],
    ['a Helm chart source gives its destination to nothing of the input', {
      'argocd/web.yaml': app('web', 'prod', 'chart: web, targetRevision: 1.0.0'),
      'apps/web/svc.yaml': svc('web'),
    }, ['Service -/web <- apps/web/svc.yaml:1']],
  ])('%s', (_, files, expected) => {
    writeTree(dir, files);
    expect(load()).toEqual(expected);
  });

  test('the false finding of an Ingress in the destination namespace, whose Services are written without one, is gone', () => {
    // the shape of Black-And-White-Club/all-infrastructure: Applications of kustomize folders to resume-app
    writeTree(dir, {
      'argocd/backend.yaml': app('backend', 'resume-app', 'path: kustomize/backend'),
      'kustomize/backend/kustomization.yaml': 'resources: [service.yaml]\n',
      'kustomize/backend/service.yaml': svc('backend-svc'),
      'ingress.yaml': 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: web, namespace: resume-app }\nspec:\n  rules: [{ http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: backend-svc, port: { number: 80 } } } }] } }]\n',
    });
    const findings = check(ClusterModel.fromDocuments(loadManifests([dir])), { complete: true }).findings;
    expect(findings.filter((f) => f.rule === 'ingress-backend-missing' || f.rule === 'namespace-implicit')).toEqual([]);
  });

  test('a Flux Kustomization of an OCI artifact without path and with targetNamespace builds no overlays as one', () => {
    // the shape of `flux create kustomization --source=OCIRepository/podinfo --target-namespace=default` (and of a
    // tenant's Kustomization in fluxcd/flux2-multi-tenancy) beside overlays that each define their own ConfigMap
    writeTree(dir, {
      'flux/tenant.yaml': 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: tenant, namespace: apps }\nspec:\n  interval: 5m\n  sourceRef: { kind: OCIRepository, name: podinfo }\n  targetNamespace: apps\n',
      'overlays/a/kustomization.yaml': 'namespace: shop\nresources: [extra.yaml]\n',
      'overlays/a/extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: extra }\ndata: { v: a }\n',
      'overlays/b/kustomization.yaml': 'namespace: shop\nresources: [extra.yaml]\n',
      'overlays/b/extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: extra }\ndata: { v: b }\n',
    });
    const findings = check(ClusterModel.fromDocuments(loadManifests([dir])), { complete: true }).findings;
    expect(findings.filter((f) => f.rule !== 'input-skipped')).toEqual([]);
    expect(load()).toEqual([
      'ConfigMap shop/extra <- overlays/a/extra.yaml:1 [overlays/a/kustomization.yaml]',
      'ConfigMap shop/extra <- overlays/b/extra.yaml:1 [overlays/b/kustomization.yaml]',
    ]);
  });

  test.each<[string, string, boolean]>([
    // an OCIRepository or Bucket is another artifact: its path is no folder of the input, whatever the input holds there
    ['an OCIRepository source: its path names a folder of the artifact, none of the input', '{ kind: OCIRepository, name: podinfo }', false],
    ['a Bucket source: the same', '{ kind: Bucket, name: secrets }', false],
    ['a GitRepository source: its path names a folder of the input, a root with the targetNamespace', '{ kind: GitRepository, name: flux-system }', true],
    ['a sourceRef without kind: the same', '{ name: flux-system }', true],
    ['a sourceRef kind that a substitution fills in (${KIND}): not known, the same', '{ kind: "${KIND}", name: flux-system }', true],
  ])('a Flux Kustomization of %s', (_, ref, own) => {
    // GIVEN a root kustomization that does not list apps/, and a Flux Kustomization of ./apps with targetNamespace
    writeTree(dir, {
      'kustomization.yaml': 'resources: [other.yaml]\n',
      'other.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: other }\n',
      'clusters/prod/apps.yaml': fluxKs('./apps', 'media').replace('{ kind: GitRepository, name: flux-system }', ref),
      'apps/svc.yaml': svc('web'),
    });
    // WHEN it is loaded THEN apps/ is a root of its own in media, or a folder below the root kustomization not listed
    const skipped: SkippedInput[] = [];
    const services = loadManifests([dir], { skipped }).filter((d) => d.object.kind === 'Service');
    expect(services.map((d) => `${String(d.object.metadata?.namespace)}/${String(d.object.metadata?.name)}`)).toEqual(own ? ['media/web'] : []);
    expect(skipped.filter((sk) => sk.file === path.join(dir, 'apps', 'svc.yaml')).map((sk) => sk.reason)).toEqual(own ? [] : [
      `not listed in ${path.join(dir, 'kustomization.yaml')} (its resources, components or crds, or a folder they name), so kustomize build leaves it out and the cluster never gets it: list it there if it should be applied, or name the file with -f to check it alone`,
    ]);
  });

  test('a problem of a folder that two Applications apply to two namespaces is reported once, naming both', () => {
    writeTree(dir, {
      'argocd/dev.yaml': app('dev', 'dev', 'path: shared'),
      'argocd/prod.yaml': app('prod', 'prod', 'path: shared'),
      'shared/ingress.yaml': 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: web }\nspec:\n  rules: [{ http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: webb, port: { number: 80 } } } }] } }]\n',
      'shared/svc.yaml': svc('web'),
    });
    const found = check(ClusterModel.fromDocuments(loadManifests([dir]))).findings.filter((f) => f.rule === 'ingress-backend-missing');
    expect(found.map((f) => [f.resource, f.copies])).toEqual([['Ingress/dev/web', ['Ingress/prod/web']]]);
    expect(found[0].message).toBe(`Ingress "web" spec.rules[0].http.paths[0].backend names Service "webb", but there is no Service "webb" in namespace "dev", so the ingress controller has no endpoints for it (ingress-nginx answers 503). Did you mean "web"? Fix: create Service "webb" in namespace "dev", or correct the backend's service name. The same holds in the builds of ${path.join(dir, 'argocd/dev.yaml')}, ${path.join(dir, 'argocd/prod.yaml')} (namespaces dev, prod).`);
    expect(found[0].file).toBe(path.join(dir, 'shared/ingress.yaml'));
    expect(found[0].line).toBe(1);
  });
});

// GIVEN Fleet bundles (a folder with a fleet.yaml, as in rancher/fleet-examples) of namespace-less manifests, WHEN the
// repository is loaded as a folder, THEN each object gets the namespace Fleet gives it: `namespace` (Fleet's
// TargetNamespace) overrides every namespaced object's, as Fleet's post-renderer sets it; `defaultNamespace` is the Helm
// release namespace, which fills only those without one; a target customization's kustomize.dir is a build of its own.
describe('the namespace a Fleet bundle (fleet.yaml) gives its folder', () => {
  const DEP = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec: { containers: [{ name: web, image: nginx }] }\n';
  test.each<[string, Record<string, string>, string[]]>([
    ['defaultNamespace fills the objects without one, below subfolders too, and keeps one written and cluster-scoped kinds', {
      'apps/web/fleet.yaml': 'defaultNamespace: shop\nhelm:\n  releaseName: web\n',
      'apps/web/svc.yaml': `${svc('web')}---\n${svc('admin', 'ops')}---\n${ROLE}`,
      'apps/web/deploy/dep.yaml': DEP,
    }, [
      'ClusterRole -/reader <- apps/web/svc.yaml:15 [apps/web/fleet.yaml]',
      'Deployment shop/web <- apps/web/deploy/dep.yaml:1 [apps/web/fleet.yaml]',
      'Service ops/admin <- apps/web/svc.yaml:8 [apps/web/fleet.yaml]',
      'Service shop/web <- apps/web/svc.yaml:1 [apps/web/fleet.yaml]',
    ]],
    ['namespace overrides every namespaced object\'s, a kustomization\'s own namespace too, and wins over defaultNamespace', {
      'web/fleet.yaml': 'namespace: edge\ndefaultNamespace: shop\n',
      'web/kustomization.yaml': 'namespace: data\nresources: [svc.yaml]\n',
      'web/svc.yaml': svc('web', 'ops'),
    }, ['Service edge/web <- web/svc.yaml:1 [web/kustomization.yaml]']],
    ['a fleet.yaml at the root of the folder given is the bundle of the whole folder', {
      'fleet.yaml': 'defaultNamespace: shop\n',
      'svc.yaml': svc('web'),
    }, ['Service shop/web <- svc.yaml:1 [fleet.yaml]']],
    ['each target customization\'s kustomize.dir (targets, and targetCustomizations) is a build with the bundle\'s namespace or its own', {
      'app/fleet.yaml': 'namespace: guest\ntargets:\n- name: dev\n  clusterSelector: { matchLabels: { env: dev } }\n  kustomize: { dir: overlays/dev }\ntargetCustomizations:\n- name: prod\n  clusterSelector: { matchLabels: { env: prod } }\n  namespace: guest-prod\n  kustomize: { dir: ./overlays/prod }\n',
      'app/base/kustomization.yaml': 'resources: [svc.yaml]\n',
      'app/base/svc.yaml': svc('web'),
      'app/overlays/dev/kustomization.yaml': 'resources: [../../base]\n',
      'app/overlays/prod/kustomization.yaml': 'resources: [../../base]\n',
    }, [
      'Service guest-prod/web <- app/base/svc.yaml:1 [app/overlays/prod/kustomization.yaml]',
      // the bundle's own build too (no kustomize.dir: its files, recursively), for the clusters neither customization matches
      'Service guest/web <- app/base/svc.yaml:1 [app/fleet.yaml app/overlays/dev/kustomization.yaml]',
    ]],
    ['a nested bundle (a subfolder with a fleet.yaml of its own) is left out of the bundle above, as Fleet leaves it', {
      'fleet.yaml': 'defaultNamespace: outer\n',
      'plain/svc.yaml': svc('plain'),
      'sub/fleet.yaml': 'defaultNamespace: inner\n',
      'sub/svc.yaml': svc('web'),
      'sub/deeper/fleet.yml': 'namespace: deep\n',
      'sub/deeper/svc.yaml': svc('deep'),
      'sub-b/svc.yaml': svc('b'),
      // a bundle whose path sorts between sub and sub/deeper: it was taken for a folder below sub, and read twice
      'sub-c/fleet.yaml': 'defaultNamespace: side\n',
      'sub-c/svc.yaml': svc('c'),
    }, [
      'Service deep/deep <- sub/deeper/svc.yaml:1 [sub/deeper/fleet.yml]',
      'Service inner/web <- sub/svc.yaml:1 [sub/fleet.yaml]',
      'Service outer/b <- sub-b/svc.yaml:1 [fleet.yaml]',
      'Service outer/plain <- plain/svc.yaml:1 [fleet.yaml]',
      'Service side/c <- sub-c/svc.yaml:1 [sub-c/fleet.yaml]',
    ]],
    ['with target customizations, the bundle\'s own build is one too: the clusters no customization matches get it', {
      // rancher/fleet: a customization adds options for the clusters it matches, the GitRepo's targets still get the bundle
      'app/fleet.yaml': 'defaultNamespace: web\nkustomize: { dir: base }\ntargetCustomizations:\n- name: prod\n  clusterSelector: { matchLabels: { env: prod } }\n  defaultNamespace: web-prod\n',
      'app/base/kustomization.yaml': 'resources: [svc.yaml]\n',
      'app/base/svc.yaml': svc('web'),
    }, [
      'Service web-prod/web <- app/base/svc.yaml:1 [app/base/kustomization.yaml (app/fleet.yaml)]',
      'Service web/web <- app/base/svc.yaml:1 [app/base/kustomization.yaml (app/fleet.yaml)]',
    ]],
    ['an empty and a comment-only fleet.yaml are bundles of Fleet\'s defaults: a nested one is left out of the bundle above', {
      'fleet.yaml': 'defaultNamespace: outer\n',
      'a/fleet.yaml': '',
      'a/svc.yaml': svc('a'),
      'b/fleet.yml': '# defaults\n',
      'b/svc.yaml': svc('b'),
    }, [
      'Service -/a <- a/svc.yaml:1',
      'Service -/b <- b/svc.yaml:1',
    ]],
    ['a templated namespace, a kustomize.dir outside the bundle and a manifest saved as fleet.yaml give none', {
      'a/fleet.yaml': 'defaultNamespace: \'${NS}\'\n',
      'a/svc.yaml': svc('a'),
      'b/fleet.yaml': 'namespace: shop\nkustomize: { dir: ../c }\n',
      'c/svc.yaml': svc('c'),
      'd/fleet.yml': `${NS('shop')}`,
      'd/svc.yaml': svc('d'),
    }, [
      'Namespace -/shop <- d/fleet.yml:1',
      'Service -/a <- a/svc.yaml:1',
      'Service -/c <- c/svc.yaml:1',
      'Service -/d <- d/svc.yaml:1',
    ]],
  ])('%s', (_, files, expected) => {
    writeTree(dir, files);
    expect(load()).toEqual(expected);
  });

  test('a reference by FQDN into the bundle\'s namespace is checked, and finds its Service', () => {
    // the false "not in the input" of rancher/fleet-examples: every object was read into `default`
    writeTree(dir, {
      'guestbook/fleet.yaml': 'defaultNamespace: guest\n',
      'guestbook/svc.yaml': svc('web'),
      'guestbook/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: cfg }\ndata: { URL: "http://web.guest.svc.cluster.local" }\n',
    });
    const findings = check(ClusterModel.fromDocuments(loadManifests([dir])), {}).findings;
    expect(findings.filter((f) => f.rule !== 'input-skipped' && f.rule !== 'service-selector-no-match').map((f) => f.rule)).toEqual([]);
  });
});

describe('bounds of the GitOps namespaces', () => {
  test('Fleet bundles nested 600 deep (each folder a bundle): each object gets its own bundle\'s namespace, in bounded time', () => {
    // GIVEN a/a/.../a, each folder with a fleet.yaml of its own namespace and a ConfigMap
    const depth = 600;
    const files: Record<string, string> = {};
    for (let i = 1, at = 'a'; i <= depth; i++, at += '/a') {
      files[`${at}/fleet.yaml`] = `defaultNamespace: n${i}\n`;
      files[`${at}/cm.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c${i} }\n`;
    }
    writeTree(dir, files);
    // WHEN loaded THEN each bundle leaves out the one below it (a binary search of the nested bundles, where each bundle
    // walked up the folders of every file below it: 900 deep took 225 s)
    const cpuMs = cpuClock();
    const docs = loadManifests([dir]);
    expect(cpuMs()).toBeLessThan(20_000); // 41 s of CPU with the walk up
    expect(docs.map((d) => `${String(d.object.metadata?.name)}/${String(d.object.metadata?.namespace)}`).sort())
      .toEqual(Array.from({ length: depth }, (_, i) => `c${i + 1}/n${i + 1}`).sort());
  });

  test('a large folder of other YAML (70 MiB, no Flux or Argo CD object) reaches no bound: nothing is reported', () => {
    const files = Array.from({ length: 70 }, (_, i) => `base/f${i}.yaml`);
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata: { v: "${'x'.repeat(1024 * 1024 - 80)}" }\n`;
    const bounds: string[] = [];
    gitopsRoots(files, 'base', () => text, [], (file, reason) => bounds.push(`${file}: ${reason}`));
    expect(bounds).toEqual([]);
  });

  test('a file of GitOps objects larger than 1 MiB is searched: 10,000 Flux Kustomizations (2.5 MB) give their folder namespaces', () => {
    // GIVEN a file of 10,000 Flux Kustomizations of folder a, each with a target namespace (it was passed over without a
    // word when it held more than 1 MiB)
    const text = Array.from({ length: MAX_GITOPS_ROOTS }, (_, i) => fluxKs('./a', `ns${i}`)).join('---\n');
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const namespaces: GitopsNamespace[] = [];
    const bounds: string[] = [];
    // WHEN the folder is searched, with a reader that keeps to the limit it is given
    const read = (f: string, maxBytes: number) => {
      const t = f === 'base/apps.yaml' ? text : 'kind: x\n';
      if (Buffer.byteLength(t) > maxBytes) throw new Error(`${f} is larger than ${maxBytes} bytes`);
      return t;
    };
    const roots = gitopsRoots(['base/apps.yaml', 'base/a/s.yaml'], 'base', read, namespaces, (file, reason) => bounds.push(`${file}: ${reason}`));
    // THEN folder a is a root with the 10,000 namespaces, and no bound was reached
    expect([...roots.keys()]).toEqual([path.join('base', 'a')]);
    expect(namespaces).toHaveLength(MAX_GITOPS_ROOTS);
    expect(bounds).toEqual([]);
  });

  test('an Application of more than MAX_GITOPS_ROOTS sources: the sources past it are told as not read', () => {
    // GIVEN an Application of 10,001 chart sources and a path source after them
    const sources = [...Array.from({ length: MAX_GITOPS_ROOTS + 1 }, (_, i) => `{ repoURL: r, chart: c${i} }`), '{ repoURL: r, path: a }'].join(', ');
    const application = `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: { name: x }\nspec:\n  destination: { namespace: shop }\n  sources: [${sources}]\n`;
    const bounds: string[] = [];
    // WHEN the folder is searched
    gitopsRoots(['base/app.yaml', 'base/a/s.yaml'], 'base', (f) => (f === 'base/app.yaml' ? application : 'kind: x\n'), [], (file, reason) => bounds.push(`${file}: ${reason}`));
    // THEN the cut is told
    expect(bounds).toEqual(['base: its Flux Kustomizations, Argo CD Applications and Fleet bundles took all of 10,000 paths (MAX_GITOPS_ROOTS) with more to read, so the folders of those past it are not known to be applied by themselves']);
  });

  test('exactly MAX_GITOPS_ROOTS paths wanted: no cut to report', () => {
    const text = Array.from({ length: MAX_GITOPS_ROOTS }, (_, i) => fluxKs('./a', `n${i}`)).join('---\n');
    const bounds: string[] = [];
    gitopsRoots(['base/apps.yaml', 'base/a/s.yaml'], 'base', (f) => (f === 'base/apps.yaml' ? text : 'kind: x\n'), [], (file, reason) => bounds.push(`${file}: ${reason}`));
    expect(bounds).toEqual([]);
  });

  test('an ApplicationSet past MAX_DIRECTORY_PATTERNS: the cut is listed as input-skipped on the folder given', () => {
    // GIVEN an ApplicationSet whose git directory generator lists 1,005 patterns
    const patterns = Array.from({ length: 1005 }, (_, i) => `{ path: "apps/d${i}" }`).join(', ');
    const set = `apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: { name: set }\nspec:\n  generators: [{ git: { repoURL: https://git.example/r.git, revision: HEAD, directories: [${patterns}] } }]\n  template:\n    metadata: { name: "{{path.basename}}" }\n    spec: { project: default, source: { repoURL: https://git.example/r.git, path: "{{path}}" }, destination: { namespace: x } }\n`;
    const skipped: SkippedInput[] = [];
    // WHEN the folder is read for its builds
    withoutKustomizeInputs(['base/set.yaml', 'base/apps/d0/s.yaml'], (f) => (f === 'base/set.yaml' ? set : 'kind: x\n'), skipped, new Map(), 'base');
    // THEN one entry names the folder and the bound
    expect(skipped).toEqual([{
      file: 'base',
      reason: 'its Flux Kustomizations, Argo CD Applications and Fleet bundles took more than 1,000 directory patterns or 20,000,000 steps of matching (MAX_DIRECTORY_PATTERNS, MAX_GLOB_STEPS), so the folders of those past it are not known to be applied by themselves',
      bound: true,
    }]);
  });

  test('each component a GitOps object lists counts as a path taken: past MAX_GITOPS_ROOTS, the cut is reported', () => {
    const list = Array.from({ length: MAX_GITOPS_ROOTS }, (_, i) => `../c${i}`).join(', ');
    const text = fluxKs('./a', 'shop').replace('  prune: true\n', `  prune: true\n  components: [${list}]\n`);
    const namespaces: GitopsNamespace[] = [];
    const bounds: string[] = [];
    gitopsRoots(['base/apps.yaml', 'base/a/s.yaml'], 'base', (f) => (f === 'base/apps.yaml' ? text : 'kind: x\n'), namespaces, (file, reason) => bounds.push(`${file}: ${reason}`));
    expect(bounds).toEqual(['base: its Flux Kustomizations, Argo CD Applications and Fleet bundles took all of 10,000 paths (MAX_GITOPS_ROOTS) with more to read, so the folders of those past it are not known to be applied by themselves']);
    expect(namespaces).toEqual([]);
  });

  test('each build of a Fleet target customization counts as a path taken: past MAX_GITOPS_ROOTS, the cut is reported', () => {
    const targets = Array.from({ length: MAX_GITOPS_ROOTS }, (_, i) => `- { name: t${i}, kustomize: { dir: o${i} } }`).join('\n');
    const text = `namespace: shop\ntargetCustomizations:\n${targets}\n`;
    const namespaces: GitopsNamespace[] = [];
    const bounds: string[] = [];
    gitopsRoots(['base/fleet.yaml', 'base/o0/s.yaml'], 'base', (f) => (f === 'base/fleet.yaml' ? text : 'kind: x\n'), namespaces, (file, reason) => bounds.push(`${file}: ${reason}`));
    expect(bounds).toEqual(['base: its Flux Kustomizations, Argo CD Applications and Fleet bundles took all of 10,000 paths (MAX_GITOPS_ROOTS) with more to read, so the folders of those past it are not known to be applied by themselves']);
    // the bundle's own build first, then the customizations' (the last one past the bound)
    expect(namespaces).toEqual([
      { dir: 'base', recurse: true, by: 'base/fleet.yaml', override: true, namespace: 'shop' },
      { dir: 'base/o0', recurse: true, by: 'base/fleet.yaml', override: true, namespace: 'shop' },
    ]);
  });

  test(`at most MAX_GITOPS_ROOTS (${MAX_GITOPS_ROOTS}) namespaces are taken, one per path`, () => {
    const text = Array.from({ length: MAX_GITOPS_ROOTS + 5 }, (_, i) => fluxKs('./a', `n${i}`)).join('---\n');
    const namespaces: GitopsNamespace[] = [];
    const bounds: string[] = [];
    gitopsRoots(['base/apps.yaml', 'base/a/s.yaml'], 'base', (f) => (f === 'base/apps.yaml' ? text : 'kind: x\n'), namespaces, (file, reason) => bounds.push(`${file}: ${reason}`));
    expect(namespaces.length).toBe(MAX_GITOPS_ROOTS);
    expect(bounds).toEqual(['base: its Flux Kustomizations, Argo CD Applications and Fleet bundles took all of 10,000 paths (MAX_GITOPS_ROOTS) with more to read, so the folders of those past it are not known to be applied by themselves']);
    expect(namespaces[0]).toEqual({ dir: path.normalize('base/a'), recurse: true, by: 'base/apps.yaml (Kustomization apps)', namespace: 'n0', override: true });
    expect(namespaces.some((n) => n.namespace === `n${MAX_GITOPS_ROOTS}`)).toBe(false);
  });

  test(`the GitOps folders read count to MAX_BUILD_STEPS (${MAX_BUILD_STEPS}): past it, further ones give no build`, () => {
    const file = path.join('a', 's.yaml');
    const early: GitopsNamespace = { dir: 'a', recurse: false, by: 'x.yaml', namespace: 'early', override: false };
    const late: GitopsNamespace = { ...early, by: 'y.yaml', namespace: 'late' };
    expect(kustomizeBuilds(new Map(), [file], [early, late]).get(file)).toEqual([
      { root: 'x.yaml', destination: 'early' }, { root: 'y.yaml', destination: 'late' },
    ]);
    const many = [...Array<GitopsNamespace>(MAX_BUILD_STEPS).fill(early), late];
    expect(kustomizeBuilds(new Map(), [file], many).get(file)).toBeUndefined();
  });
});

describe('the name prefix and suffix a GitOps object gives the folder it applies (the outermost; kubectl kustomize v5.5 of the folder as the tool rewrites it)', () => {
  /** A Flux Kustomization (`apiVersion` given) of `./apps` with `fields` in its spec. */
  const flux = (apiVersion: string, fields: string) => `apiVersion: ${apiVersion}\nkind: Kustomization\nmetadata: { name: apps, namespace: flux-system }\nspec:\n  interval: 10m\n  path: ./apps\n  prune: true\n  sourceRef: { kind: GitRepository, name: flux-system }\n${fields}`;
  const ING = (name: string, svcName: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: ${name} }\nspec:\n  defaultBackend: { service: { name: ${svcName}, port: { number: 80 } } }\n`;
  const BASE = { 'base/kustomization.yaml': 'namePrefix: base-\nnameSuffix: -b\nresources: [svc.yaml]\n', 'base/svc.yaml': svc('web') };

  test.each<[string, Record<string, string>, string[]]>([
    // kubectl kustomize overlays/prod with its namePrefix set to argo- (kustomize edit set nameprefix argo-):
    // argo-base-web-b-p, argo-entry-p (backend argo-base-web-b-p)
    ['an Argo CD kustomize.namePrefix takes the place of the kustomization\'s own, outside the base\'s', {
      ...BASE,
      'argocd/web.yaml': app('web', 'prod', 'path: overlays/prod, kustomize: { namePrefix: argo- }'),
      'overlays/prod/kustomization.yaml': 'namePrefix: prod-\nnameSuffix: -p\nresources: [../../base, ing.yaml]\n',
      'overlays/prod/ing.yaml': ING('entry', 'web'),
    }, [
      'Ingress prod/argo-entry-p <- overlays/prod/ing.yaml:1 [overlays/prod/kustomization.yaml]',
      'Service prod/argo-base-web-b-p <- base/svc.yaml:1 [overlays/prod/kustomization.yaml]',
    ]],
    ['an Argo CD kustomize.nameSuffix alone: the kustomization\'s own prefix stays, its suffix is replaced', {
      ...BASE,
      'argocd/web.yaml': app('web', 'prod', 'path: overlays/prod, kustomize: { nameSuffix: -argo }'),
      'overlays/prod/kustomization.yaml': 'namePrefix: prod-\nnameSuffix: -p\nresources: [../../base]\n',
    }, ['Service prod/prod-base-web-b-argo <- base/svc.yaml:1 [overlays/prod/kustomization.yaml]']],
    ['an Argo CD kustomize.namePrefix on a plain directory (no kustomization: kustomize never runs) gives nothing', {
      'argocd/web.yaml': app('web', 'prod', 'path: apps/web, kustomize: { namePrefix: argo- }'),
      'apps/web/svc.yaml': svc('web'),
    }, ['Service prod/web <- apps/web/svc.yaml:1 [argocd/web.yaml]']],
    ['an Argo CD source of spec.sources with a prefix, its namespace and prefix together', {
      'argocd/web.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: { name: web, namespace: argocd }\nspec:\n  destination: { namespace: prod }\n  sources:\n  - { repoURL: https://git.example/r.git, path: apps/web, kustomize: { namespace: edge, namePrefix: s- } }\n',
      'apps/web/kustomization.yaml': 'resources: [svc.yaml]\n',
      'apps/web/svc.yaml': svc('web'),
    }, ['Service edge/s-web <- apps/web/svc.yaml:1 [apps/web/kustomization.yaml]']],
    ['an ApplicationSet template\'s literal prefix goes to each folder the generator names; a templated one to none', {
      'argocd/set.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: { name: set, namespace: argocd }\nspec:\n  generators: [{ git: { repoURL: https://git.example/r.git, revision: HEAD, directories: [{ path: "apps/*" }] } }]\n  template:\n    metadata: { name: "{{path.basename}}" }\n    spec:\n      project: default\n      sources:\n      - { repoURL: https://git.example/r.git, path: "{{path}}", kustomize: { namePrefix: set- } }\n      destination: { namespace: apps }\n',
      'argocd/tpl.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: { name: tpl, namespace: argocd }\nspec:\n  generators: [{ git: { repoURL: https://git.example/r.git, revision: HEAD, directories: [{ path: "other/*" }] } }]\n  template:\n    metadata: { name: "{{path.basename}}" }\n    spec:\n      project: default\n      source: { repoURL: https://git.example/r.git, path: "{{path}}", kustomize: { namePrefix: "{{path.basename}}-" } }\n      destination: { namespace: apps }\n',
      'apps/a/kustomization.yaml': 'resources: [svc.yaml]\n',
      'apps/a/svc.yaml': svc('a'),
      'other/b/kustomization.yaml': 'resources: [svc.yaml]\n',
      'other/b/svc.yaml': svc('b'),
    }, [
      'Service apps/b <- other/b/svc.yaml:1 [other/b/kustomization.yaml]',
      'Service apps/set-a <- apps/a/svc.yaml:1 [apps/a/kustomization.yaml]',
    ]],
    // kubectl kustomize apps with the kustomization Flux generates (namePrefix: flux-, nameSuffix: -f, resources:
    // [svc.yaml, db]): flux-db-db-f, flux-web-f
    ['a Flux v1 namePrefix and nameSuffix on a folder without a kustomization: the generated one\'s, outside a subfolder kustomization\'s', {
      'clusters/prod/apps.yaml': flux('kustomize.toolkit.fluxcd.io/v1', '  namePrefix: flux-\n  nameSuffix: -f\n'),
      'apps/svc.yaml': svc('web'),
      'apps/db/kustomization.yaml': 'namePrefix: db-\nresources: [svc.yaml]\n',
      'apps/db/svc.yaml': svc('db'),
    }, [
      'Service -/flux-db-db-f <- apps/db/svc.yaml:1 [clusters/prod/apps.yaml]',
      'Service -/flux-web-f <- apps/svc.yaml:1 [clusters/prod/apps.yaml]',
    ]],
    ['a Flux namePrefix with targetNamespace, in place of the folder\'s kustomization\'s', {
      'clusters/prod/apps.yaml': flux('kustomize.toolkit.fluxcd.io/v1', '  targetNamespace: media\n  namePrefix: flux-\n'),
      'apps/kustomization.yaml': 'namePrefix: own-\nresources: [svc.yaml]\n',
      'apps/svc.yaml': svc('web'),
    }, ['Service media/flux-web <- apps/svc.yaml:1 [apps/kustomization.yaml]']],
    ['a Flux v1beta2 namePrefix (the field came with the v1 API of kustomize-controller v1.3) gives nothing', {
      'clusters/prod/apps.yaml': flux('kustomize.toolkit.fluxcd.io/v1beta2', '  namePrefix: flux-\n'),
      'apps/svc.yaml': svc('web'),
    }, ['Service -/web <- apps/svc.yaml:1']],
    ['templated prefixes (${PREFIX}, {{ .prefix }}) and a prefix given to the repository root give nothing', {
      'clusters/prod/apps.yaml': flux('kustomize.toolkit.fluxcd.io/v1', '  namePrefix: ${PREFIX}-\n'),
      'argocd/b.yaml': app('b', '{{ .ns }}', 'path: b, kustomize: { namePrefix: "{{ .prefix }}-" }'),
      'argocd/root.yaml': app('root', '{{ .ns }}', 'path: ., kustomize: { namePrefix: root- }'),
      'kustomization.yaml': 'resources: [top.yaml]\n',
      'top.yaml': svc('top'),
      'apps/svc.yaml': svc('web'),
      'b/kustomization.yaml': 'resources: [svc.yaml]\n',
      'b/svc.yaml': svc('b'),
    }, [
      'Service -/b <- b/svc.yaml:1 [b/kustomization.yaml]',
      'Service -/top <- top.yaml:1 [kustomization.yaml]',
      'Service -/web <- apps/svc.yaml:1',
    ]],
  ])('%s', (_, files, expected) => {
    writeTree(dir, files);
    expect(load()).toEqual(expected);
  });

  test('the Ingress an Argo CD prefix renames names the Service it renames, and a problem of a base under two prefixed Applications is reported once', () => {
    writeTree(dir, {
      'argocd/dev.yaml': app('dev', 'shop', 'path: overlays/dev, kustomize: { namePrefix: dev- }'),
      'argocd/prod.yaml': app('prod', 'shop', 'path: overlays/prod, kustomize: { namePrefix: prod- }'),
      'overlays/dev/kustomization.yaml': 'resources: [../../base]\n',
      'overlays/prod/kustomization.yaml': 'resources: [../../base]\n',
      'base/kustomization.yaml': 'resources: [svc.yaml, ing.yaml]\n',
      'base/svc.yaml': svc('web'),
      'base/ing.yaml': `${ING('entry', 'web')}---\n${ING('broken', 'webb')}`,
    });
    const docs = loadManifests([dir]).filter((d) => d.object.kind === 'Ingress');
    expect(docs.map((d) => `${String(d.object.metadata?.name)} -> ${String(d.object.spec?.defaultBackend?.service?.name)}`).sort()).toEqual([
      'dev-broken -> webb', 'dev-entry -> dev-web', 'prod-broken -> webb', 'prod-entry -> prod-web',
    ]);
    const found = check(ClusterModel.fromDocuments(loadManifests([dir]))).findings.filter((f) => f.rule === 'ingress-backend-missing');
    expect(found.map((f) => [f.resource, f.copies, path.relative(dir, f.file ?? ''), f.line])).toEqual([
      ['Ingress/shop/dev-broken', ['Ingress/shop/prod-broken'], path.join('base', 'ing.yaml'), 7],
    ]);
  });

  test('a GitOps prefix on a root of more than MAX_AFFIXES_PER_FOLDER pairs: no prefix applied, and the build is not named by the object', () => {
    // GIVEN an Argo CD Application with kustomize.namePrefix argo- of a root naming n overlays of one base, overlay o<i>
    // with namePrefix o<i>- (kubectl kustomize v5.5.0 of such a root, with the namePrefix Argo CD writes, gives
    // argo-o0-web, argo-o1-web, argo-o2-web for 3 overlays)
    const tree = (n: number) => {
      const files: Record<string, string> = {
        'argocd/web.yaml': app('web', 'prod', 'path: root, kustomize: { namePrefix: argo- }'),
        'root/kustomization.yaml': `resources: [${Array.from({ length: n }, (_, i) => `o${i}`).join(', ')}]\n`,
        'base/kustomization.yaml': 'resources: [svc.yaml]\n',
        'base/svc.yaml': svc('web'),
      };
      for (let i = 0; i < n; i++) files[`root/o${i}/kustomization.yaml`] = `namePrefix: o${i}-\nresources: [../../base]\n`;
      writeTree(dir, files);
      const skipped: SkippedInput[] = [];
      const docs = loadManifests([dir], { skipped }).filter((d) => d.object.kind === 'Service');
      return { docs, bounds: skipped.filter((s) => s.bound) };
    };
    const root = path.join(dir, 'root', 'kustomization.yaml');
    // WHEN 64 overlays THEN each gets both prefixes, and the build is named by the Application that gives argo-
    const within = tree(64);
    expect(within.docs.map((d) => String(d.object.metadata?.name))).toContain('argo-o63-web');
    expect(within.docs).toHaveLength(64);
    expect(within.docs.every((d) => d.source.kustomizeAffixBy?.get(root) === path.join(dir, 'argocd', 'web.yaml'))).toBe(true);
    expect(within.bounds).toEqual([]);
    // WHEN 65 THEN no prefix is applied (the names as written, the cut told once), and no object names the build, whose
    // names are not the Application's
    const past = tree(65);
    expect(past.docs.map((d) => String(d.object.metadata?.name))).toEqual(['web']);
    expect(past.docs[0].source.kustomizeAffixBy).toBeUndefined();
    expect(past.bounds.map((b) => b.file)).toEqual([root]);
  });

  test('gitopsRoots lists a prefix without a namespace, and a namespace without a prefix, each once per path', () => {
    const namespaces: GitopsNamespace[] = [];
    const files = ['base/argo.yaml', 'base/a/kustomization.yaml', 'base/a/s.yaml', 'base/b/s.yaml'];
    const text = `${app('a', '{{ns}}', 'path: a, kustomize: { namePrefix: p-, nameSuffix: -s }')}---\n${app('b', 'prod', 'path: b, kustomize: { namePrefix: p- }')}`;
    gitopsRoots(files, 'base', (f) => (f === 'base/argo.yaml' ? text : 'kind: x\n'), namespaces);
    expect(namespaces).toEqual([
      { dir: path.normalize('base/a'), recurse: false, by: 'base/argo.yaml (Application a)', override: false, prefix: 'p-', suffix: '-s' },
      { dir: path.normalize('base/b'), recurse: false, by: 'base/argo.yaml (Application b)', override: false, namespace: 'prod' },
    ]);
  });

  test('gitopsRoots lists the patch fields of each object (Flux before v1: all three; v1: patches; Argo CD: kustomize.patches)', () => {
    const namespaces: GitopsNamespace[] = [];
    const files = ['base/gitops.yaml', 'base/a/kustomization.yaml', 'base/a/s.yaml', 'base/b/s.yaml', 'base/c/s.yaml'];
    const fluxOf = (name: string, version: string, p: string, fields: string) => `apiVersion: kustomize.toolkit.fluxcd.io/${version}\nkind: Kustomization\nmetadata: { name: ${name} }\n`
      + `spec: { path: ./${p}, sourceRef: { kind: GitRepository, name: r }, ${fields} }\n`;
    const patch = '[{ patch: x, target: { kind: Deployment } }]';
    const text = [
      app('a', '', `path: a, kustomize: { patches: ${patch}, images: [x=y], replicas: [{ name: web, count: 3 }] }`),
      fluxOf('b', 'v1beta2', 'b', `patches: ${patch}, patchesStrategicMerge: [{ kind: Deployment }], patchesJson6902: ${patch}`),
      fluxOf('c', 'v1', 'c', `patches: ${patch}, patchesStrategicMerge: [{ kind: Deployment }], images: [{ name: x }]`),
    ].join('---\n');
    gitopsRoots(files, 'base', (f) => (f === 'base/gitops.yaml' ? text : 'kind: x\n'), namespaces);
    expect(namespaces.map((n) => [n.dir, n.edits])).toEqual([
      [path.normalize('base/a'), ['kustomize.patches']],
      [path.normalize('base/b'), ['spec.patches', 'spec.patchesStrategicMerge', 'spec.patchesJson6902']],
      [path.normalize('base/c'), ['spec.patches']],
    ]);
  });
});

describe('a kustomization that several GitOps objects build', () => {
  test('two Flux Kustomizations of one folder with their own prefixes are two builds: each Ingress names its own Service (kubectl kustomize per build)', () => {
    const ks = (name: string, prefix: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: ${name}, namespace: flux-system }\nspec: { path: ./app, namePrefix: ${prefix}, targetNamespace: shop, prune: true, sourceRef: { kind: GitRepository, name: r } }\n`;
    writeTree(dir, {
      'clusters/ks.yaml': `${ks('kshop', 'shop-')}---\n${ks('kcanary', 'shop-canary-')}`,
      'app/kustomization.yaml': 'resources: [svc.yaml, ing.yaml]\n',
      'app/svc.yaml': svc('web'),
      'app/ing.yaml': 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: ing }\nspec:\n  defaultBackend: { service: { name: web, port: { number: 80 } } }\n',
    });
    const loaded = loadManifests([dir]).filter((d) => d.object.kind === 'Ingress');
    expect(loaded.map((d) => `${String(d.object.metadata?.name)} -> ${String(d.object.spec?.defaultBackend.service.name)}`).sort())
      .toEqual(['shop-canary-ing -> shop-canary-web', 'shop-ing -> shop-web']);
    const rel = (r: string) => r.split(`${dir}${path.sep}`).join('').split(path.sep).join('/');
    expect(loaded.map((d) => (d.source.kustomizeRoots ?? []).map(rel).join(' ')).sort()).toEqual([
      'app/kustomization.yaml (clusters/ks.yaml (Kustomization kcanary))',
      'app/kustomization.yaml (clusters/ks.yaml (Kustomization kshop))',
    ]);
  });
});

describe('the kustomize components a GitOps object adds to the build of its folder (kubectl kustomize v5.5 of the folder as the tool rewrites it)', () => {
  const COMP = (fields: string) => `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n${fields}`;
  /** A Flux Kustomization (`apiVersion` given) of `p` with `fields` in its spec. */
  const flux = (apiVersion: string, p: string, fields: string) => `apiVersion: ${apiVersion}\nkind: Kustomization\nmetadata: { name: apps, namespace: flux-system }\nspec:\n  interval: 10m\n  path: ${p}\n  prune: true\n  sourceRef: { kind: GitRepository, name: flux-system }\n${fields}`;
  const ING = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: web }\nspec:\n  defaultBackend: { service: { name: db, port: { number: 80 } } }\n';

  test.each<[string, Record<string, string>, string[]]>([
    // kubectl kustomize app with components: [../comps/a, ../comps/b] (Argo CD appends b): b-a-web, b-db, in shop
    ['an Argo CD kustomize.components entry comes after the kustomization\'s own: its Service and prefix join the build', {
      'argocd/web.yaml': app('web', 'prod', 'path: app, kustomize: { components: [../comps/b] }'),
      'app/kustomization.yaml': 'namespace: shop\nresources: [svc.yaml]\ncomponents: [../comps/a]\n',
      'app/svc.yaml': svc('web'),
      'comps/a/kustomization.yaml': COMP('namePrefix: a-\n'),
      'comps/b/kustomization.yaml': COMP('namePrefix: b-\nresources: [svc.yaml]\n'),
      'comps/b/svc.yaml': svc('db'),
    }, [
      'Service shop/b-a-web <- app/svc.yaml:1 [app/kustomization.yaml]',
      'Service shop/b-db <- comps/b/svc.yaml:1 [app/kustomization.yaml]',
    ]],
    ['an Argo CD source of spec.sources with components, each added once (kustomize edit add component skips one listed)', {
      'argocd/web.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: { name: web, namespace: argocd }\nspec:\n  destination: { namespace: prod }\n  sources:\n  - { repoURL: https://git.example/r.git, path: app, kustomize: { components: [../comps/b, ../comps/b/] } }\n',
      'app/kustomization.yaml': 'resources: [svc.yaml]\n',
      'app/svc.yaml': svc('web'),
      'comps/b/kustomization.yaml': COMP('namePrefix: b-\nresources: [svc.yaml]\n'),
      'comps/b/svc.yaml': svc('db'),
    }, [
      'Service prod/b-db <- comps/b/svc.yaml:1 [app/kustomization.yaml]',
      'Service prod/b-web <- app/svc.yaml:1 [app/kustomization.yaml]',
    ]],
    // kubectl kustomize of the kustomization Flux generates (namespace: media, resources: [svc.yaml], components:
    // [../../comps/b]): b-db and b-web, in media
    ['Flux spec.components on a folder without a kustomization: the generated one\'s, with the targetNamespace', {
      'clusters/prod/apps.yaml': flux('kustomize.toolkit.fluxcd.io/v1', './flux/apps', '  targetNamespace: media\n  components: [../../comps/b]\n'),
      'flux/apps/svc.yaml': svc('web', 'ops'),
      'comps/b/kustomization.yaml': COMP('namePrefix: b-\nresources: [svc.yaml]\n'),
      'comps/b/svc.yaml': svc('db'),
    }, [
      'Service media/b-db <- comps/b/svc.yaml:1 [clusters/prod/apps.yaml]',
      'Service media/b-web <- flux/apps/svc.yaml:1 [clusters/prod/apps.yaml]',
    ]],
    ['Flux v1beta2 spec.components alone (no namespace or prefix) make a build of their own', {
      'clusters/prod/apps.yaml': flux('kustomize.toolkit.fluxcd.io/v1beta2', './app', '  components: [../comps/b]\n'),
      'app/kustomization.yaml': 'namespace: shop\nresources: [svc.yaml]\n',
      'app/svc.yaml': svc('web'),
      'comps/b/kustomization.yaml': COMP('namePrefix: b-\nresources: [svc.yaml]\n'),
      'comps/b/svc.yaml': svc('db'),
    }, [
      'Service shop/b-db <- comps/b/svc.yaml:1 [app/kustomization.yaml]',
      'Service shop/b-web <- app/svc.yaml:1 [app/kustomization.yaml]',
    ]],
    ['components of an Argo CD plain directory (kustomize never runs), templated, absolute, outside the repository or of the repository root give nothing', {
      'argocd/plain.yaml': app('plain', 'prod', 'path: plain, kustomize: { components: [../comps/b] }'),
      'argocd/app.yaml': app('app', '{{ns}}', 'path: app, kustomize: { components: ["{{ .comp }}", "${COMP}", /comps/b, ../../comps/b] }'),
      'argocd/root.yaml': app('root', '{{ns}}', 'path: ., kustomize: { components: [comps/b] }'),
      'plain/svc.yaml': svc('plain'),
      'app/kustomization.yaml': 'resources: [svc.yaml]\n',
      'app/svc.yaml': svc('web'),
      'comps/b/kustomization.yaml': COMP('namePrefix: b-\nresources: [svc.yaml]\n'),
      'comps/b/svc.yaml': svc('db'),
    }, [
      'Service -/b-db <- comps/b/svc.yaml:1 [comps/b/kustomization.yaml]',
      'Service -/web <- app/svc.yaml:1 [app/kustomization.yaml]',
      'Service prod/plain <- plain/svc.yaml:1 [argocd/plain.yaml]',
    ]],
  ])('%s', (_, files, expected) => {
    writeTree(dir, files);
    expect(load()).toEqual(expected);
  });

  test('the Ingress of an overlay whose Argo CD Application adds the component of its Service finds it: no false error', () => {
    // kubectl kustomize apps/web with components: [../../components/db] (as Argo CD adds it): Service dev-c-db and
    // Ingress dev-c-web, whose backend is dev-c-db, both in shop
    writeTree(dir, {
      'argocd/web.yaml': app('web', 'shop', 'path: apps/web, kustomize: { components: [../../components/db] }'),
      'apps/web/kustomization.yaml': 'namespace: shop\nnamePrefix: dev-\nresources: [ing.yaml]\n',
      'apps/web/ing.yaml': ING,
      'components/db/kustomization.yaml': COMP('namePrefix: c-\nresources: [svc.yaml]\n'),
      'components/db/svc.yaml': svc('db'),
    });
    const docs = loadManifests([dir]);
    expect(docs.filter((d) => d.object.kind === 'Ingress').map((d) => d.object.spec?.defaultBackend?.service?.name)).toEqual(['dev-c-db']);
    const findings = check(ClusterModel.fromDocuments(docs), { complete: true }).findings;
    expect(findings.filter((f) => f.rule === 'ingress-backend-missing')).toEqual([]);
  });
});
