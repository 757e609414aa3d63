// GIVEN a kustomize overlay folder (a kustomization.yaml beside the patches it names), WHEN it is loaded as a folder,
// THEN the patch files are skipped unread and listed (kustomize applies them to its base; the cluster never gets a
// partial Deployment or a list of JSON patch operations), and everything else is read as before.
import * as path from 'path';
import { tempDirEach, writeTree } from './file-tree';
import { check } from '../../src/checks/engine';
import { inputSkipped } from '../../src/checks/rules/input-skipped';
import { ClusterModel } from '../../src/model/cluster-model';
import { InputTooLargeError } from '../../src/model/documents';
import { MAX_KUSTOMIZATION_BYTES, withoutKustomizeInputs } from '../../src/model/kustomize-folders';
import { loadManifests, SkippedInput } from '../../src/model/load';

let dir: string;
tempDirEach('cdk8s-dns-kpatch-', (d) => { dir = d; });

/** Writes `files` (relative path -> text) under the test folder. */
const write = (files: Record<string, string>): void => writeTree(dir, files);

const SMP = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n';
const JSON6902 = '- op: replace\n  path: /spec/replicas\n  value: 3\n';
const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web-dev\n';

/** The objects (kind/name) and the skipped files (relative path: reason) of loading the test folder. */
function load(at = '.', jobs = 1): { objects: string[]; skipped: string[] } {
  const skipped: SkippedInput[] = [];
  const docs = loadManifests([path.join(dir, at)], { skipped, jobs, parallelMinBytes: 0 });
  return {
    objects: docs.map((d) => `${String(d.object.kind)}/${String(d.object.metadata?.name)}`),
    skipped: skipped.map((s) => `${path.relative(dir, s.file)}: ${s.reason.split(dir + path.sep).join('')}`),
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
      'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../base, namespace.yaml]\npatches:\n  - path: replicas.yaml\n    target: { kind: Deployment, name: web }\n',
      'replicas.yaml': JSON6902,
      'namespace.yaml': NAMESPACE,
    }, ['Namespace/web-dev'], [/^replicas\.yaml: a kustomize patch/]],
    ['patchesJson6902[].path and patchesStrategicMerge file entries; an inline patch is no file', {
      'kustomization.yml': `resources: [../base, namespace.yaml]\npatchesJson6902:\n  - path: ops.yaml\n    target: { group: apps, version: v1, kind: Deployment, name: web }\npatchesStrategicMerge:\n  - smp.yaml\n  - |-\n    ${SMP.split('\n').join('\n    ')}\n`,
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

  test('a JSON patch named by no kustomization, outside every kustomization\'s folder, is skipped as a list that is no object', () => {
    write({ 'app/kustomization.yaml': 'resources: [deployment.yaml]\n', 'ops.yaml': JSON6902 });
    const got = load();
    expect(got.skipped).toContainEqual('ops.yaml: a list, as in an Ansible playbook or a JSON patch');
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

const DEPLOY = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector: { matchLabels: { app: ${name} } }\n  template: { metadata: { labels: { app: ${name} } }, spec: { containers: [{ name: app, image: nginx }] } }\n`;
const SVC = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector: { app: ${name} }\n  ports: [{ port: 80 }]\n`;
const NOT_LISTED = (k: string) => new RegExp(`: not listed in ${k.replace(/[./]/g, (c) => `\\${c}`)} \\(its resources, components or crds, or a folder they name\\), so kustomize build leaves it out and the cluster never gets it: list it there if it should be applied, or name the file with -f to check it alone$`);

describe('files that the build of a kustomization never applies (kustomize build, Argo CD and Flux build the folder)', () => {
  test.each<[string, Record<string, string>, string, string[], Record<string, RegExp>]>([
    ['an old copy and a backup beside the kustomization are not listed', {
      'app/kustomization.yaml': 'resources: [deployment.yaml, service.yaml]\n',
      'app/deployment.yaml': DEPLOY('web'),
      'app/service.yaml': SVC('web'),
      'app/service-old.yaml': SVC('web-old'),
      'app/deployment.bak.yaml': DEPLOY('web'),
    }, '.', ['Deployment/web', 'Service/web'], {
      'app/deployment.bak.yaml': NOT_LISTED(path.join('app', 'kustomization.yaml')),
      'app/service-old.yaml': NOT_LISTED(path.join('app', 'kustomization.yaml')),
    }],
    ['a repository root of app folders, each with its own kustomization; files outside them are read as before', {
      'shop/kustomization.yaml': 'resources: [shop.yaml]\n',
      'shop/shop.yaml': SVC('shop'),
      'shop/example.yaml': SVC('example'),
      'blog/kustomization.yml': 'resources:\n  - blog.yaml\n',
      'blog/blog.yaml': SVC('blog'),
      'plain/cache.yaml': SVC('cache'),
      'namespace.yaml': NAMESPACE,
    }, '.', ['Service/blog', 'Namespace/web-dev', 'Service/cache', 'Service/shop'], {
      'shop/example.yaml': NOT_LISTED(path.join('shop', 'kustomization.yaml')),
    }],
    ['a subfolder of a kustomization folder: read when a resource names it or a file in it, else not listed', {
      'kustomization.yaml': 'resources: [listed, one/a.yaml]\n',
      'listed/x.yaml': SVC('x'),
      'listed/deeper/y.yaml': SVC('y'),
      'one/a.yaml': SVC('a'),
      'one/b.yaml': SVC('b'),
      'examples/demo.yaml': SVC('demo'),
    }, '.', ['Service/y', 'Service/x', 'Service/a'], {
      'examples/demo.yaml': NOT_LISTED('kustomization.yaml'),
      'one/b.yaml': NOT_LISTED('kustomization.yaml'),
    }],
    ['a base that an overlay names (bases:, ../): its own kustomization decides which of its files are built', {
      'base/kustomization.yaml': 'resources: [deployment.yaml]\n',
      'base/deployment.yaml': DEPLOY('web'),
      'base/old.yaml': DEPLOY('old'),
      'overlays/dev/kustomization.yaml': 'bases: [../../base]\nresources:\n  - https://github.com/example/repo//deploy?ref=v1\n  - github.com/example/repo/deploy?ref=v1\n  - ingress.yaml\n',
      'overlays/dev/ingress.yaml': 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: web }\nspec: { defaultBackend: { service: { name: web, port: { number: 80 } } } }\n',
    }, '.', ['Deployment/web', 'Ingress/web'], {
      'base/old.yaml': NOT_LISTED(path.join('base', 'kustomization.yaml')),
    }],
    ['resources written with ./ and a final /: the same files and folders', {
      'kustomization.yaml': 'resources:\n  - ./a.yaml\n  - listed/\n  - ./one//\n',
      'a.yaml': SVC('a'),
      'listed/x.yaml': SVC('x'),
      'one/b.yaml': SVC('b'),
      'old.yaml': SVC('old'),
    }, '.', ['Service/a', 'Service/x', 'Service/b'], {
      'old.yaml': NOT_LISTED('kustomization.yaml'),
    }],
    ['a subfolder with a kustomization of its own that the one above does not name is a root of its own', {
      'kustomization.yaml': 'resources: [a.yaml]\n',
      'a.yaml': SVC('a'),
      'tools/kustomization.yaml': 'resources: [t.yaml]\n',
      'tools/t.yaml': SVC('t'),
    }, '.', ['Service/a', 'Service/t'], {}],
    ['components and crds are built; a Component lists its own files', {
      'kustomization.yaml': 'resources: [a.yaml]\ncomponents: [../comp]\ncrds: [crd.yaml]\n',
      'a.yaml': SVC('a'),
      'crd.yaml': 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: { name: widgets.example.com }\n',
    }, '.', ['Service/a', 'CustomResourceDefinition/widgets.example.com'], {}],
    ['generator files, Helm values and transformer configuration are kustomize input, not objects', {
      'kustomization.yaml': 'resources: [a.yaml]\nconfigMapGenerator:\n  - name: cfg\n    files: [settings.yaml, extra=more.json]\n    envs: [env.yaml]\nhelmCharts:\n  - name: redis\n    valuesFile: values-redis.yaml\ntransformers: [labels.yaml]\nconfigurations: [namereference.yaml]\n',
      'a.yaml': SVC('a'),
      'settings.yaml': 'apiVersion: v1\nkind: Config\nlevel: debug\n',
      'more.json': '{"kind": "Settings"}',
      'env.yaml': 'A: b\n',
      'values-redis.yaml': 'architecture: standalone\n',
      'labels.yaml': 'apiVersion: builtin\nkind: LabelTransformer\nmetadata: { name: labels }\nlabels: { team: web }\n',
      'namereference.yaml': 'nameReference:\n  - kind: Service\n',
      'charts/redis/templates/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n',
      'charts/redis/Chart.yaml': 'apiVersion: v2\nname: redis\n',
    }, '.', ['Service/a'], {
      'charts/redis/Chart.yaml': /^charts\/redis\/Chart\.yaml: a file of the Helm chart folder charts that kustomization\.yaml inflates with helmCharts, which the cluster never gets as it is: check the output of kustomize build --enable-helm$/,
      // a chart's templates are skipped by the folder walk already (input-files.ts), as any chart's
      'charts/redis/templates/svc.yaml': /: a template of the Helm chart charts\/redis, which helm renders into manifests$/,
      'env.yaml': /^env\.yaml: a file that kustomization\.yaml names in configMapGenerator, which kustomize reads to make or change objects and the cluster never gets as it is: check the output of kustomize build$/,
      'labels.yaml': /: a file that kustomization\.yaml names in transformers, /,
      'more.json': /: a file that kustomization\.yaml names in configMapGenerator, /,
      'namereference.yaml': /: a file that kustomization\.yaml names in configurations, /,
      'settings.yaml': /: a file that kustomization\.yaml names in configMapGenerator, /,
      'values-redis.yaml': /: a file that kustomization\.yaml names in helmCharts valuesFile, /,
    }],
    ['a file that a kustomization names as a resource and as generator input is read', {
      'kustomization.yaml': 'resources: [a.yaml]\nconfigMapGenerator:\n  - name: copy\n    files: [a.yaml]\n',
      'a.yaml': SVC('a'),
    }, '.', ['Service/a'], {}],
    ['a kustomization in an extensionless file named Kustomization', {
      'overlay/Kustomization': 'resources: [../base, namespace.yaml]\npatches:\n  - path: replicas.yaml\n',
      'overlay/replicas.yaml': JSON6902,
      'overlay/namespace.yaml': NAMESPACE,
      'overlay/notes.yaml': SVC('notes'),
    }, '.', ['Namespace/web-dev'], {
      'overlay/Kustomization': /^overlay\/Kustomization: a kustomize Kustomization, which kustomize reads and the cluster never gets/,
      'overlay/notes.yaml': NOT_LISTED(path.join('overlay', 'Kustomization')),
      'overlay/replicas.yaml': /^overlay\/replicas\.yaml: a kustomize patch or replacement that .*overlay\/Kustomization names/,
    }],
    ['a folder whose kustomization cannot be read as one (a Flux Kustomization) is read as before', {
      'kustomization.yaml': 'resources: [a.yaml]\n',
      'a.yaml': SVC('a'),
      'clusters/kustomization.yaml': 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: apps, namespace: flux-system }\nspec: { path: ./apps }\n',
      'clusters/extra.yaml': SVC('extra'),
    }, '.', ['Service/a', 'Service/extra', 'Kustomization/apps'], {}],
  ])('%s', (_case, files, at, objects, skipped) => {
    write(files);
    for (const jobs of [1, 3]) {
      const got = load(at, jobs);
      expect(got.objects.sort()).toEqual([...objects].sort());
      const notKustomizations = got.skipped.filter((s) => !/^[^:]*kustomization\.ya?ml: /.test(s));
      expect(notKustomizations.map((s) => s.slice(0, s.indexOf(':'))).sort()).toEqual(Object.keys(skipped).map((f) => f.split('/').join(path.sep)).sort());
      for (const s of notKustomizations) expect(s).toMatch(skipped[s.slice(0, s.indexOf(':')).split(path.sep).join('/')]);
    }
  });

  test('every file skipped so is a kustomize file (the fix is the build)', () => {
    write({ 'kustomization.yaml': 'resources: []\n', 'old.yaml': SVC('old') });
    const skipped: SkippedInput[] = [];
    loadManifests([dir], { skipped });
    expect(skipped.find((s) => s.file.endsWith('old.yaml'))).toEqual({ file: path.join(dir, 'old.yaml'), reason: expect.stringMatching(/^not listed in /), kustomize: true });
  });

  test('Argo CD\'s parameter override files are skipped as what they are, beside a kustomization or in a plain folder', () => {
    // the shape of a cdk8s dist/ folder that an Argo CD Application applies, where Argo CD Image Updater's git
    // write-back keeps its image overrides: advising to list the file in the kustomization would break the build
    const OVERRIDES = 'kustomize:\n  images:\n  - example/web:latest@sha256:0123\n';
    write({
      'app/kustomization.yaml': 'resources: [web.yaml]\n',
      'app/web.yaml': SVC('web'),
      'app/.argocd-source-web.yaml': OVERRIDES,
      'plain/cache.yaml': SVC('cache'),
      'plain/.argocd-source.yaml': 'helm:\n  parameters:\n  - name: image.tag\n    value: v2\n',
      'plain/.argocd-source-cache.yml': OVERRIDES,
    });
    for (const jobs of [1, 3]) {
      const got = load('.', jobs);
      expect(got.objects.sort()).toEqual(['Service/cache', 'Service/web']);
      const override = /: an Argo CD parameter override file \(as Argo CD Image Updater writes back to git\), which Argo CD merges into the source of the Application that renders this folder, and the cluster never gets as it is$/;
      expect(got.skipped.filter((s) => override.test(s)).map((s) => s.slice(0, s.indexOf(':')).split(path.sep).join('/')).sort())
        .toEqual(['app/.argocd-source-web.yaml', 'plain/.argocd-source.yaml']);
      // Argo CD reads only .yaml: a .yml file of that name is other YAML, skipped for holding no object
      expect(got.skipped).toContainEqual(expect.stringMatching(/^plain.\.argocd-source-cache\.yml: no apiVersion, kind or metadata$/));
      expect(got.skipped.some((s) => /not listed in/.test(s))).toBe(false);
    }
    const skipped: SkippedInput[] = [];
    loadManifests([dir], { skipped });
    expect(skipped.find((s) => s.file.endsWith('.argocd-source-web.yaml'))).toMatchObject({ argoCdOverrides: true });
  });

  test('an unlisted file named as a path is read as given, as kubectl would', () => {
    write({ 'kustomization.yaml': 'resources: []\n', 'old.yaml': SVC('old') });
    expect(load('old.yaml').objects).toEqual(['Service/old']);
  });

  test('a folder that only the overlay\'s own files list: named alone, its unlisted files are still left out', () => {
    write({ 'overlays/dev/kustomization.yaml': 'resources: [../../base, ns.yaml]\n', 'overlays/dev/ns.yaml': NAMESPACE, 'overlays/dev/draft.yaml': SVC('draft') });
    expect(load(path.join('overlays', 'dev'))).toEqual({ objects: ['Namespace/web-dev'], skipped: [expect.stringMatching(/^overlays\/dev\/draft\.yaml: not listed in /), expect.stringMatching(/^overlays\/dev\/kustomization\.yaml: a kustomize Kustomization/)] });
  });
});

describe('files of deep folders below a kustomization (hostile input)', () => {
  test('the folders above the files are walked once, not once per file', () => {
    // GIVEN a kustomization at the top and 300 files at the bottom of a chain of 300 folders (the lookups of folders in
    // maps are counted)
    const deep = path.join('repo', ...Array.from({ length: 300 }, () => 'a'));
    const files = [path.join('repo', 'kustomization.yaml'), ...Array.from({ length: 300 }, (_, i) => path.join(deep, `f${i}.yaml`))];
    let lookups = 0;
    const get = Map.prototype.get;
    const spy = jest.spyOn(Map.prototype, 'get').mockImplementation(function (this: Map<unknown, unknown>, k: unknown) {
      lookups++;
      return get.call(this, k);
    });
    const skipped: SkippedInput[] = [];
    try {
      // WHEN
      const read = withoutKustomizeInputs(files, () => 'resources: []\n', skipped);
      // THEN every file is skipped as not listed, with work that grows with files plus folders (a walk per file: 180,000)
      expect(read).toEqual([files[0]]);
      expect(skipped).toHaveLength(300);
      expect(skipped[299].reason).toMatch(/^not listed in repo[\\/]kustomization\.yaml /);
      expect(lookups).toBeLessThan(4 * (files.length + 300));
    } finally {
      spy.mockRestore();
    }
  });
});

describe('a kustomization past MAX_KUSTOMIZATION_BYTES', () => {
  test('reports the cut: it is not read as a kustomization, and the files of its folder are read as written', () => {
    // GIVEN a kustomization of more than 1 MiB (a long list of resources) beside a file it does not list
    const files = [path.join('app', 'kustomization.yaml'), path.join('app', 'other.yaml')];
    const big = `resources: [${Array.from({ length: 100_000 }, (_, i) => `r${i}.yaml`).join(', ')}]\n`;
    expect(big.length).toBeGreaterThan(MAX_KUSTOMIZATION_BYTES);
    const read = (f: string, maxBytes: number) => {
      const text = f === files[0] ? big : 'kind: x\n';
      if (text.length > maxBytes) throw new InputTooLargeError(`${f} is larger than ${maxBytes} bytes`, f);
      return text;
    };
    const skipped: SkippedInput[] = [];
    // WHEN the folder is read (it was read as if the kustomization named nothing, without a word)
    const out = withoutKustomizeInputs(files, read, skipped, new Map());
    // THEN both files are read, and an input-skipped entry on the kustomization names the bound
    expect(out).toEqual(files);
    expect(skipped).toEqual([{
      file: files[0],
      reason: 'a kustomization larger than 1 MiB (MAX_KUSTOMIZATION_BYTES), the most read of one, so it was not read as one: the files of its folder are read as they are written, not as its build',
      bound: true,
      // checking the folders one at a time would not help: its build is what the cluster gets
      boundFix: 'build it with kustomize and check the output (kustomize build app | cdk8s-dns check -f -)',
    }]);
    expect(check(ClusterModel.fromObjects([]), { rules: [inputSkipped], skippedInputs: skipped }).findings[0].message)
      .toMatch(/not as its build\. Fix: build it with kustomize and check the output \(kustomize build app \| cdk8s-dns check -f -\)\.$/);
  });
});
