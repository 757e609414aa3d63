// GIVEN a home-lab repository in the shape of onedr0p/home-ops, whose namespace folder's kustomization (`namespace:
// media`) lists Flux Kustomizations without targetNamespace and copies the namespace into them with a replacement of
// its own (inline, or in a file it names), WHEN it is loaded as a folder, THEN the apps those Kustomizations apply are
// built into that namespace, as Flux builds them; replacements of other shapes are not read.
// Each expectation was checked against `kubectl kustomize` (kustomize v5.5.0, with --load-restrictor
// LoadRestrictionsNone, as Flux builds): it writes `targetNamespace: media` into each listed Kustomization with
// `create: true`, replaces one written without it, fails the build without it where none is written ("unable to find
// field"), fails with a source of kind Kustomization over two of them ("multiple matches for selector"), and, for the
// replacement of a component, copies the Namespace's name as written (`targetNamespace: not-used`): the component's
// replacement runs before the parent's NamespaceTransformer.
import { tempDirEach, writeTree } from './file-tree';
import { check } from '../../src/checks/engine';
import { ClusterModel } from '../../src/model/cluster-model';
import { loadManifests } from '../../src/model/load';
import { MAX_REPLACEMENT_SCAN_BYTES, MAX_REPLACEMENT_STEPS, replacedTargetNamespaces } from '../../src/model/namespace-replacements';

let dir: string;
tempDirEach('cdk8s-dns-nsr-', (d) => { dir = d; });

/** A Flux Kustomization `name` of the app folder `apps/media/<name>/app`, with `extra` spec lines. */
const ks = (name: string, extra = '') => `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: ${name}, namespace: flux-system }\nspec:\n  interval: 1h\n  path: ./apps/media/${name}/app\n  prune: true\n  sourceRef: { kind: GitRepository, name: flux-system, namespace: flux-system }\n${extra}`;
const svc = (name: string) => `apiVersion: v1\nkind: Service\nmetadata: { name: ${name} }\nspec:\n  selector: { app: ${name} }\n  ports: [{ port: 80 }]\n`;
/** The replacement of onedr0p/home-ops's namespace component, with `options` and `select` (YAML flow) of its own. */
const replacement = (options = '{ create: true }', select = '{ kind: Kustomization, group: kustomize.toolkit.fluxcd.io }', source = '{ kind: Namespace, fieldPath: metadata.name }') =>
  `- source: ${source}\n  targets:\n    - select: ${select}\n      fieldPaths: [spec.targetNamespace]\n      options: ${options}\n`;
const indent = (text: string) => text.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n');

/** The files of a namespace folder `apps/media` of two apps, each with a Service of its name. */
function repo(kustomization: string, plex = ks('plex'), extra: Record<string, string> = {}): void {
  writeTree(dir, {
    'apps/media/kustomization.yaml': kustomization,
    'apps/media/plex/ks.yaml': plex,
    'apps/media/sonarr/ks.yaml': ks('sonarr', '  targetNamespace: old\n'),
    'apps/media/plex/app/kustomization.yaml': 'resources: [svc.yaml]\n',
    'apps/media/plex/app/svc.yaml': svc('plex'),
    'apps/media/sonarr/app/kustomization.yaml': 'resources: [svc.yaml]\n',
    'apps/media/sonarr/app/svc.yaml': svc('sonarr'),
    'components/namespace/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: { name: not-used }\n',
    ...extra,
  });
}
/** The namespace kustomization, with `replacements` (a YAML list) of its own. */
const namespaceK = (replacements: string, namespace = 'media') =>
  `namespace: ${namespace}\nresources: [./plex/ks.yaml, ./sonarr/ks.yaml, ../../components/namespace/namespace.yaml]\nreplacements:\n${indent(replacements)}`;

/** `Service ns/name` of each Service loaded (ns `-`: none). */
function services(): string[] {
  return loadManifests([dir]).filter((d) => d.object.kind === 'Service')
    .map((d) => `Service ${String(d.object.metadata?.namespace ?? '-')}/${String(d.object.metadata?.name)}`).sort();
}

describe('Flux Kustomizations whose targetNamespace a replacement sets', () => {
  test('the namespace kustomization\'s replacement (create: true) builds every listed app into the namespace, replacing one written', () => {
    repo(namespaceK(replacement()));
    expect(services()).toEqual(['Service media/plex', 'Service media/sonarr']);
  });

  test('a replacements file the namespace kustomization names by path counts as one written inline', () => {
    repo('namespace: media\nresources: [./plex/ks.yaml, ./sonarr/ks.yaml, ../../components/namespace/namespace.yaml]\nreplacements:\n  - path: ../../components/replacements/ks.yaml\n',
      ks('plex'), { 'components/replacements/ks.yaml': replacement() });
    expect(services()).toEqual(['Service media/plex', 'Service media/sonarr']);
  });

  test('without create, only a targetNamespace written is replaced', () => {
    repo(namespaceK(replacement('{}')), ks('plex', '  targetNamespace: old\n'));
    expect(services()).toEqual(['Service media/plex', 'Service media/sonarr']);
  });

  test.each<[string, string]>([
    ['a source of kind Kustomization (kustomize refuses it over two Kustomizations)', replacement(undefined, undefined, '{ kind: Kustomization, fieldPath: metadata.namespace }')],
    ['a target that selects by name', replacement(undefined, '{ kind: Kustomization, name: plex }')],
    ['a target of another group', replacement(undefined, '{ kind: Kustomization, group: kustomize.config.k8s.io }')],
    ['a replacement of another field', replacement().replace('spec.targetNamespace', 'spec.path')],
    // kubectl kustomize: a version the Kustomizations are not of selects none of them (both keep theirs)
    ['a target that selects by version', replacement(undefined, '{ kind: Kustomization, version: v1beta2 }')],
    ['a target that rejects some', replacement().replace('      fieldPaths', '      reject: [{ name: plex }]\n      fieldPaths')],
    // kubectl kustomize: the later entry wins, `targetNamespace: other` in both
    ['a later replacement of the field from another source', `${replacement()}- source: { kind: ConfigMap, name: ns, fieldPath: data.ns }\n  targets:\n    - select: { kind: Kustomization }\n      fieldPaths: [spec.targetNamespace]\n`],
  ])('keeps the namespaces written with %s', (_case, replacements) => {
    repo(namespaceK(replacements));
    expect(services()).toEqual(['Service -/plex', 'Service old/sonarr']);
  });

  test.each<[string, string, string, string[]]>([
    // kubectl kustomize gives `media` (the first part of media-apps): a part of the name is not taken
    ['a source with delimiter and index', replacement(undefined, undefined, '{ kind: Namespace, fieldPath: metadata.name, options: { delimiter: "-", index: 0 } }'), 'media-apps', ['Service old/sonarr', 'Service x-y/plex']],
    // kubectl kustomize gives `x-media` and `old-media` (the namespace put in as the second part)
    ['a target with delimiter and index', replacement('{ delimiter: "-", index: 1 }'), 'media', ['Service old/sonarr', 'Service x-y/plex']],
  ])('keeps the namespaces written with %s', (_case, replacements, namespace, expected) => {
    repo(namespaceK(replacements, namespace), ks('plex', '  targetNamespace: x-y\n'));
    expect(services()).toEqual(expected);
  });

  test('keeps the namespaces written when a patch of the kustomization names targetNamespace', () => {
    repo(`${namespaceK(replacement())}patches:\n  - target: { kind: Kustomization }\n    patch: '[{"op": "add", "path": "/spec/targetNamespace", "value": "other"}]'\n`);
    expect(services()).toEqual(['Service -/plex', 'Service old/sonarr']);
  });

  test('reads only the first document of a replacements file, as kustomize does', () => {
    // kubectl kustomize: the first document's entry, with no targets, changes nothing
    repo('namespace: media\nresources: [./plex/ks.yaml, ./sonarr/ks.yaml, ../../components/namespace/namespace.yaml]\nreplacements:\n  - path: r.yaml\n',
      ks('plex'), { 'apps/media/r.yaml': `- source: { kind: Namespace, fieldPath: metadata.name }\n  targets: []\n---\n${replacement()}` });
    expect(services()).toEqual(['Service -/plex', 'Service old/sonarr']);
  });

  test('reads a replacements file that holds one entry as a mapping', () => {
    // kubectl kustomize: `targetNamespace: media` in both
    repo('namespace: media\nresources: [./plex/ks.yaml, ./sonarr/ks.yaml, ../../components/namespace/namespace.yaml]\nreplacements:\n  - path: r.yaml\n',
      ks('plex'), { 'apps/media/r.yaml': replacement().replace(/^- /, '').replace(/\n  /g, '\n') });
    expect(services()).toEqual(['Service media/plex', 'Service media/sonarr']);
  });

  test('takes no namespace for a Flux Kustomization that two namespace kustomizations list', () => {
    // kubectl kustomize gives `media` for the build of apps/media and `zoo` for that of apps/other: two builds
    repo(namespaceK(replacement()), ks('plex'), {
      'apps/other/kustomization.yaml': `namespace: zoo\nresources: [../media/plex/ks.yaml, ../../components/namespace/namespace.yaml]\nreplacements:\n${indent(replacement())}`,
    });
    expect(services()).toEqual(['Service -/plex', 'Service media/sonarr']);
  });

  test('keeps the namespaces written when an outer kustomization with another namespace builds the folder', () => {
    // kubectl kustomize of apps (which the Flux Kustomization applies) gives `other`, that of apps/media `media`
    repo(namespaceK(replacement()), ks('plex'), {
      'apps.yaml': 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: apps, namespace: flux-system }\nspec:\n  path: ./apps\n  sourceRef: { kind: GitRepository, name: flux-system }\n',
      'apps/kustomization.yaml': `namespace: other\nresources: [./media]\nreplacements:\n${indent(replacement())}`,
    });
    expect(services()).toEqual(['Service -/plex', 'Service old/sonarr']);
  });

  test('takes the targetNamespace of the Flux Kustomization that applies the namespace folder', () => {
    // Flux writes it as the folder's namespace: kubectl kustomize with `namespace: tenant-x` gives `tenant-x` in both
    repo(namespaceK(replacement()), ks('plex'), {
      'cluster.yaml': 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: media, namespace: flux-system }\nspec:\n  path: ./apps/media\n  targetNamespace: tenant-x\n  sourceRef: { kind: GitRepository, name: flux-system }\n',
    });
    expect(services()).toEqual(['Service tenant-x/plex', 'Service tenant-x/sonarr']);
  });

  test('keeps the copied namespace when a Flux Kustomization with another targetNamespace applies a folder above without a kustomization', () => {
    // Flux generates `namespace: tenant-x` and `resources: [media]` there: kubectl kustomize of that gives
    // `targetNamespace: media` in both (the outer NamespaceTransformer leaves the field)
    repo(namespaceK(replacement()), ks('plex'), {
      'cluster.yaml': 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: apps, namespace: flux-system }\nspec:\n  path: ./apps\n  targetNamespace: tenant-x\n  sourceRef: { kind: GitRepository, name: flux-system }\n',
    });
    expect(services()).toEqual(['Service media/plex', 'Service media/sonarr']);
  });

  test('keeps the namespaces written when a Flux Kustomization with another targetNamespace applies a kustomization above', () => {
    // its replacements may copy tenant-x (kubectl kustomize of c13's shape with `namespace: tenant-x` gives tenant-x)
    repo(namespaceK(replacement()), ks('plex'), {
      'cluster.yaml': 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: apps, namespace: flux-system }\nspec:\n  path: ./apps\n  targetNamespace: tenant-x\n  sourceRef: { kind: GitRepository, name: flux-system }\n',
      'apps/kustomization.yaml': `resources: [./media]\nreplacements:\n${indent(replacement())}`,
    });
    expect(services()).toEqual(['Service -/plex', 'Service old/sonarr']);
  });

  test('keeps the namespaces written when the kustomization\'s namespace is a variable', () => {
    repo(namespaceK(replacement(), '${NS}'));
    expect(services()).toEqual(['Service -/plex', 'Service old/sonarr']);
  });

  test('keeps the namespaces written with the replacement of a component (it copies the Namespace\'s name as written)', () => {
    repo('namespace: media\ncomponents: [../../components/namespace]\nresources: [./plex/ks.yaml, ./sonarr/ks.yaml]\n', ks('plex'), {
      'components/namespace/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [./namespace.yaml]\nreplacements:\n${indent(replacement())}`,
    });
    expect(services()).toEqual(['Service -/plex', 'Service old/sonarr']);
  });

  test('reports no name into the namespace as unresolved where the replacement put the Service there', () => {
    repo(namespaceK(replacement()), ks('plex'), {
      'apps/tools/client.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: client, namespace: tools }\nspec:\n  selector: { matchLabels: { app: client } }\n  template:\n    metadata: { labels: { app: client } }\n    spec:\n      containers: [{ name: c, image: busybox, env: [{ name: PLEX_URL, value: "http://plex.media.svc.cluster.local:80" }] }]\n',
    });
    const findings = check(ClusterModel.fromDocuments(loadManifests([dir]))).findings;
    expect(findings.filter((f) => ['workload-name-unresolved', 'namespace-implicit'].includes(f.rule)).map((f) => `${f.rule} ${f.resource}`)).toEqual([]);
  });
});

const BOUND = '64 MiB of kustomizations and replacement files, or 1,000,000 replacement entries and steps up the kustomizations that list a folder, read for the targetNamespace their replacements set (MAX_REPLACEMENT_SCAN_BYTES, MAX_REPLACEMENT_STEPS)';

describe('the bound of the replacements search (MAX_REPLACEMENT_SCAN_BYTES)', () => {
  test('reads no kustomization past the bound, and says so', () => {
    const big = `namespace: media\nresources: [a.yaml]\nreplacements: []\n#${'x'.repeat(MAX_REPLACEMENT_SCAN_BYTES)}\n`;
    const texts: Record<string, string> = {
      '/r/a/kustomization.yaml': big,
      '/r/b/kustomization.yaml': `namespace: media\nresources: [./ks.yaml]\nreplacements:\n${indent(replacement())}`,
    };
    const bounds: string[] = [];
    const got = replacedTargetNamespaces(Object.keys(texts), (f) => texts[f], (b) => bounds.push(b));
    expect([...got.keys()]).toEqual([]);
    expect(bounds).toEqual([BOUND]);
  });

  test('reads the kustomizations within the bound', () => {
    const texts: Record<string, string> = { '/r/b/kustomization.yaml': `namespace: media\nresources: [./ks.yaml]\nreplacements:\n${indent(replacement())}` };
    const got = replacedTargetNamespaces(Object.keys(texts), (f) => texts[f]);
    expect([...got.entries()]).toEqual([['/r/b/ks.yaml', { namespace: 'media', create: true, by: '/r/b/kustomization.yaml' }]]);
  });

  test('reads and parses a replacements file once, however often a kustomization names it', () => {
    const texts: Record<string, string> = {
      '/r/b/kustomization.yaml': `namespace: media\nresources: [./ks.yaml]\nreplacements:\n${'  - path: r.yaml\n'.repeat(20_000)}`,
      '/r/b/r.yaml': replacement(),
    };
    const reads: string[] = [];
    const got = replacedTargetNamespaces(Object.keys(texts), (f) => { reads.push(f); return texts[f]; });
    expect(reads).toEqual(['/r/b/kustomization.yaml', '/r/b/r.yaml']);
    expect([...got.keys()]).toEqual(['/r/b/ks.yaml']);
  });

  test('stops within the only kustomization past MAX_REPLACEMENT_STEPS entries, and says so', () => {
    const texts: Record<string, string> = {
      '/r/b/kustomization.yaml': `namespace: media\nresources: [./ks.yaml]\nreplacements:\n${'  - path: r.yaml\n'.repeat(1_001)}`,
      '/r/b/r.yaml': `${'- {}\n'.repeat(999)}${replacement()}`,
    };
    expect(1_001 * 1_000).toBeGreaterThan(MAX_REPLACEMENT_STEPS);
    const bounds: string[] = [];
    const got = replacedTargetNamespaces(Object.keys(texts), (f) => texts[f], (b) => bounds.push(b));
    expect([...got.keys()]).toEqual([]);
    expect(bounds).toEqual([BOUND]);
  });
  test('a folder that one kustomization lists 100,000 times is one parent of it (the list was copied per entry: minutes)', () => {
    const texts: Record<string, string> = {
      '/r/b/kustomization.yaml': `namespace: media\nresources: [./ks.yaml${', ../x'.repeat(100_000)}]\nreplacements:\n${indent(replacement())}`,
      '/r/x/kustomization.yaml': 'namespace: media\nresources: [../b]\n',
    };
    const bounds: string[] = [];
    const got = replacedTargetNamespaces(Object.keys(texts), (f) => texts[f], (b) => bounds.push(b));
    expect([...got.keys()]).toEqual(['/r/b/ks.yaml']);
    expect(bounds).toEqual([]);
  });

  test('counts every parent looked at, seen before or not: 300 kustomizations that each list all the others are past MAX_REPLACEMENT_STEPS, and said so', () => {
    // GIVEN 300 folders of one namespace, each with a replacement and listing every other folder: the walk up from each
    // meets 299 folders (90,000 in all, within the bound) but looks at 299 x 299 parents, most seen before (27 million
    // in all; 1,000 such folders made a billion, uncounted)
    const n = 300;
    const texts: Record<string, string> = {};
    for (let i = 0; i < n; i++) {
      const others = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i).map((j) => `../f${j}`).join(', ');
      texts[`/r/f${i}/kustomization.yaml`] = `namespace: media\nresources: [./ks.yaml, ${others}]\nreplacements:\n${indent(replacement())}`;
    }
    expect(n * (n - 1)).toBeLessThan(MAX_REPLACEMENT_STEPS);
    expect(n * (n - 1) * (n - 1)).toBeGreaterThan(MAX_REPLACEMENT_STEPS);
    const bounds: string[] = [];
    const got = replacedTargetNamespaces(Object.keys(texts).sort(), (f) => texts[f], (b) => bounds.push(b));
    // THEN the walks stop at the bound, and say so
    expect(bounds).toEqual([BOUND]);
    expect(got.size).toBeLessThan(n);
  });
});
