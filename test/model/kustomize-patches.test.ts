// GIVEN a kustomize overlay folder (a kustomization.yaml beside the patches it names), WHEN it is loaded as a folder,
// THEN the patch files are skipped unread and listed (kustomize applies them to its base; the cluster never gets a
// partial Deployment or a list of JSON patch operations), and everything else is read as before.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadManifests, SkippedInput } from '../../src/model/load';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-dns-kpatch-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` (relative path -> text) under the test folder. */
function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

const SMP = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n';
const JSON6902 = '- op: replace\n  path: /spec/replicas\n  value: 3\n';
const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web-dev\n';

/** The objects (kind/name) and the skipped files (relative path: reason) of loading the test folder. */
function load(at = '.', jobs = 1): { objects: string[]; skipped: string[] } {
  const skipped: SkippedInput[] = [];
  const docs = loadManifests([path.join(dir, at)], { skipped, jobs, parallelMinBytes: 0 });
  return {
    objects: docs.map((d) => `${String(d.object.kind)}/${String(d.object.metadata?.name)}`),
    skipped: skipped.map((s) => `${path.relative(dir, s.file)}: ${s.reason}`),
  };
}

describe('kustomize overlay patches found in a folder', () => {
  test.each<[string, Record<string, string>, string[], RegExp[]]>([
    ['a strategic-merge patch in patches[].path (a Deployment of only replicas)', {
      'kustomization.yaml': 'resources: [../../base, namespace.yaml]\npatches:\n  - path: deployment-patch.yaml\n',
      'deployment-patch.yaml': SMP,
      'namespace.yaml': NAMESPACE,
    }, ['Namespace/web-dev'], [/^deployment-patch\.yaml: a kustomize patch or replacement that .*kustomization\.yaml names, which kustomize applies to the resources of its base: check the output of kustomize build$/]],
    ['a JSON 6902 patch in patches[].path with a target (a list of operations)', {
      'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../base]\npatches:\n  - path: replicas.yaml\n    target: { kind: Deployment, name: web }\n',
      'replicas.yaml': JSON6902,
      'namespace.yaml': NAMESPACE,
    }, ['Namespace/web-dev'], [/^replicas\.yaml: a kustomize patch/]],
    ['patchesJson6902[].path and patchesStrategicMerge file entries; an inline patch is no file', {
      'kustomization.yml': `resources: [../base]\npatchesJson6902:\n  - path: ops.yaml\n    target: { group: apps, version: v1, kind: Deployment, name: web }\npatchesStrategicMerge:\n  - smp.yaml\n  - |-\n    ${SMP.split('\n').join('\n    ')}\n`,
      'ops.yaml': JSON6902,
      'smp.yaml': SMP,
      'namespace.yaml': NAMESPACE,
    }, ['Namespace/web-dev'], [/^ops\.yaml: a kustomize patch/, /^smp\.yaml: a kustomize patch/]],
    ['a patch shared by two overlays, named from a sibling folder with ../', {
      'overlays/dev/kustomization.yaml': 'resources: [../../base]\npatches:\n  - path: ../shared/replicas.yaml\n',
      'overlays/shared/replicas.yaml': SMP,
      'base/deployment.yaml': SMP.replace('replicas: 3', 'replicas: 1\n  selector: { matchLabels: { app: web } }\n  template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: web, image: nginx }] } }'),
    }, ['Deployment/web'], [/^overlays\/shared\/replicas\.yaml: a kustomize patch/]],
    ['a file that a kustomization names as a resource stays an object, though another names it as a patch', {
      'base/kustomization.yaml': 'resources: [deployment.yaml]\n',
      'base/deployment.yaml': SMP,
      'overlays/dev/kustomization.yaml': 'resources: [../../base]\npatches:\n  - path: ../../base/deployment.yaml\n',
    }, ['Deployment/web'], []],
    ['a kustomization that ends in --- and a comment (kustomize reads its one document)', {
      'kustomization.yaml': 'resources: [../base, namespace.yaml]\npatches:\n  - path: replicas.yaml\n---\n# end\n',
      'replicas.yaml': JSON6902,
      'namespace.yaml': NAMESPACE,
    }, ['Namespace/web-dev'], [/^replicas\.yaml: a kustomize patch or replacement/]],
    ['a replacement file of replacements[].path (kustomize configuration, a list)', {
      'kustomization.yaml': 'resources: [../base, namespace.yaml]\nreplacements:\n  - path: replace-host.yaml\n',
      'replace-host.yaml': '- source: { kind: ConfigMap, name: env, fieldPath: data.HOST }\n  targets: [{ select: { kind: Ingress }, fieldPaths: [spec.rules.0.host] }]\n',
      'namespace.yaml': NAMESPACE,
    }, ['Namespace/web-dev'], [/^replace-host\.yaml: a kustomize patch or replacement/]],
    ['a Flux Kustomization saved as kustomization.yaml (a spec) names no kustomize patches', {
      'kustomization.yaml': 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: apps, namespace: flux-system }\nspec: { path: ./apps, prune: true, patches: [{ patch: x }] }\n',
      'namespace.yaml': NAMESPACE,
    }, ['Kustomization/apps', 'Namespace/web-dev'], []],
  ])('%s', (_case, files, objects, skipped) => {
    write(files);
    for (const jobs of [1, 3]) {
      const got = load('.', jobs);
      expect(got.objects).toEqual(objects);
      const patches = got.skipped.filter((s) => / a kustomize patch /.test(s));
      expect(patches).toHaveLength(skipped.length);
      skipped.forEach((re, i) => expect(patches[i]).toMatch(re));
    }
  });

  test('a patch named by no kustomization of the folder is read as before: a list is no object', () => {
    write({ 'kustomization.yaml': 'resources: [deployment.yaml]\n', 'ops.yaml': JSON6902 });
    expect(() => load()).toThrow(/ops\.yaml: document 1: not a Kubernetes object \(expected a mapping with apiVersion and kind, got a list\)/);
  });

  test('a patch file named as a path is read as given, as kubectl would', () => {
    write({ 'kustomization.yaml': 'patches:\n  - path: deployment-patch.yaml\n', 'deployment-patch.yaml': SMP });
    expect(load('deployment-patch.yaml').objects).toEqual(['Deployment/web']);
  });

  test('a kustomization that is no valid YAML is passed over here and reported when it is read', () => {
    write({ 'kustomization.yaml': 'patches: [\n', 'deployment-patch.yaml': SMP });
    expect(() => load()).toThrow(/kustomization\.yaml: document 1: invalid YAML/);
  });
});
