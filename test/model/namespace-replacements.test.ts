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
import { MAX_REPLACEMENT_SCAN_BYTES, replacedTargetNamespaces } from '../../src/model/namespace-replacements';

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
  ])('keeps the namespaces written with %s', (_case, replacements) => {
    repo(namespaceK(replacements));
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
    expect(bounds).toEqual(['64 MiB of kustomizations and replacement files read for the targetNamespace their replacements set (MAX_REPLACEMENT_SCAN_BYTES)']);
  });

  test('reads the kustomizations within the bound', () => {
    const texts: Record<string, string> = { '/r/b/kustomization.yaml': `namespace: media\nresources: [./ks.yaml]\nreplacements:\n${indent(replacement())}` };
    const got = replacedTargetNamespaces(Object.keys(texts), (f) => texts[f]);
    expect([...got.entries()]).toEqual([['/r/b/ks.yaml', { namespace: 'media', create: true, by: '/r/b/kustomization.yaml' }]]);
  });
});
