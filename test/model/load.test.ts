// Loading manifests: multi-document YAML, JSON, folders, stdin, kind: List, and one-line errors naming file and document.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDirEach } from './file-tree';
import { loadManifests, ManifestError, parseManifestText, readFilesInParallel, SkippedInput } from '../../src/model/load';

const SVC = (name: string) => `apiVersion: v1\nkind: Service\nmetadata: { name: ${name} }\nspec: { clusterIP: None }\n`;

let dir: string;
tempDirEach('cdk8s-dns-load-', (d) => { dir = d; });

describe('parseManifestText', () => {
  test('multi-document YAML with empty and null documents skipped; document numbers kept', () => {
    const docs = parseManifestText(`---\n${SVC('a')}---\n# only a comment\n---\n${SVC('b')}`, 'x.yaml');
    expect(docs.map((d) => [d.object.metadata?.name, d.source.document])).toEqual([['a', 1], ['b', 3]]);
  });
  test('kind: List items are expanded (kubectl get -o yaml)', () => {
    const docs = parseManifestText(`apiVersion: v1\nkind: List\nitems:\n  - ${JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' } })}\n  - ${JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } })}\n`, 'l.yaml');
    expect(docs.map((d) => [d.object.kind, d.source.item])).toEqual([['Service', 0], ['Pod', 1]]);
  });
  test('the items of a typed List without kind and apiVersion take the List\'s, as kubectl gives them (kubectl get --raw)', () => {
    // GIVEN: what the API server returns for GET /apis/apps/v1/namespaces/shop/deployments: items without type meta
    const list = {
      apiVersion: 'apps/v1',
      kind: 'DeploymentList',
      metadata: { resourceVersion: '42' },
      items: [
        { metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 1 } },
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' } },
      ],
    };

    // WHEN
    const docs = parseManifestText(JSON.stringify(list), 'deployments.json', { named: true });

    // THEN
    expect(docs.map((d) => [d.object.apiVersion, d.object.kind, d.object.metadata?.name, d.source.item])).toEqual([
      ['apps/v1', 'Deployment', 'web', 0],
      ['apps/v1', 'Deployment', 'api', 1],
    ]);
    expect(docs[0].object.spec).toEqual({ replicas: 1 });
  });
  test.each([
    ['a kind: List names no kind for its items', 'List', {}],
    ['an item with only an apiVersion keeps it', 'ServiceList', { apiVersion: 'v1' }],
  ])('throws when %s and an item has no kind', (_what, kind, typeMeta) => {
    const text = JSON.stringify({ apiVersion: 'v1', kind, items: [{ ...typeMeta, metadata: { name: 'a' } }] });
    expect(() => parseManifestText(text, 'l.json', { named: true })).toThrow(/^l\.json: document 1 item 1: the object "a" has metadata but no kind/);
  });
  test('a List inside a List is an error naming file, document and item', () => {
    const text = `---\n${SVC('first')}---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: List, items: [{apiVersion: v1, kind: Service, metadata: {name: a}}]}\n`;
    expect(() => parseManifestText(text, 'nested.yaml')).toThrow(ManifestError);
    expect(() => parseManifestText(text, 'nested.yaml')).toThrow(/^nested\.yaml: document 2 item 1: a List inside a List is not supported/);
  });
  test('nested Lists of aliases (10^10 Services if expanded) are refused for their aliasing first', () => {
    // 900 bytes of aliases: 10 levels of 10 Lists each
    let text = 'apiVersion: v1\nkind: List\nitems:\n- &l0 {apiVersion: v1, kind: List, items: [{apiVersion: v1, kind: Service, metadata: {name: a}}]}\n';
    for (let i = 1; i < 10; i++) text += `- &l${i} {apiVersion: v1, kind: List, items: [${Array(10).fill(`*l${i - 1}`).join(', ')}]}\n`;
    text = `---\n${SVC('first')}---\n${text}`;
    expect(() => parseManifestText(text, 'bomb.yaml')).toThrow(/^bomb\.yaml: document 2: excessive aliasing/);
  });
  test('JSON: one object or an array', () => {
    expect(parseManifestText(JSON.stringify([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' } }]), 'a.json')).toHaveLength(1);
  });
  test.each([
    ['invalid YAML names file, document and line', `${SVC('a')}---\nkind: Service\n  bad: [\n`, /^x\.yaml: document 2: invalid YAML at line \d+: /],
    ['a scalar document is not an object', `${SVC('a')}---\njust a string\n`, /^x\.yaml: document 2: not a Kubernetes object/],
    ['a Service without name', 'apiVersion: v1\nkind: Service\nspec: {}\n', /^x\.yaml: document 1: Service has no metadata\.name; kubectl refuses the document \("resource name may not be empty"\): add metadata\.name$/],
  ])('throws when %s', (_t, text, message) => {
    let err: unknown;
    try {
      parseManifestText(text, 'x.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ManifestError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });
  test('mappings that are no objects (a values.yaml, a Chart.yaml) in a file found in a folder are skipped and listed', () => {
    // GIVEN
    const text = `replicaCount: 3\nimage: { repository: nginx }\n---\napiVersion: v2\nname: chart\nversion: 1.0.0\n---\n${SVC('c')}`;
    const skipped: SkippedInput[] = [];

    // WHEN
    const docs = parseManifestText(text, 'values.yaml', { skipped });

    // THEN
    expect(docs.map((d) => [d.object.metadata?.name, d.source.document])).toEqual([['c', 3]]);
    expect(skipped).toEqual([
      { file: 'values.yaml', document: 1, reason: 'no apiVersion, kind or metadata' },
      { file: 'values.yaml', document: 2, reason: 'apiVersion without kind or metadata, as in a Helm Chart.yaml' },
    ]);
    expect(parseManifestText(`apiVersion: v1\nkind: List\nitems:\n  - { foo: 1 }\n  - ${JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'i' } })}\n`, 'l.yaml')
      .map((d) => d.source.item)).toEqual([1]);
  });
  test('a metadata of no object fields without kind (an Azure Developer CLI azure.yaml) in a file found in a folder is skipped and listed', () => {
    // GIVEN: azd's project file at a sample repository's root: metadata.template names the azd template
    const text = `name: store\nmetadata:\n  template: store@1.0.0\ninfra:\n  provider: terraform\n---\n${SVC('c')}`;
    const skipped: SkippedInput[] = [];

    // WHEN
    const docs = parseManifestText(text, 'azure.yaml', { skipped });

    // THEN
    expect(docs.map((d) => d.object.metadata?.name)).toEqual(['c']);
    expect(skipped).toEqual([{
      file: 'azure.yaml',
      document: 1,
      reason: 'metadata without kind or any field of Kubernetes object metadata, as in an Azure Developer CLI azure.yaml',
    }]);
    expect(() => parseManifestText(text, 'azure.yaml', { named: true })).toThrow(/^azure\.yaml: document 1: not a Kubernetes object \(metadata without kind/);
  });
  test.each([
    ['a Fission spec ArchiveUploadSpec, written without apiVersion (fission function create --spec)', 'function-hello.yaml',
      'include: [hello.py]\nkind: ArchiveUploadSpec\nname: hello-py-x1\n',
      'a Fission spec ArchiveUploadSpec, which fission spec apply reads and the cluster never gets'],
    ['a Fission spec DeploymentConfig (fission spec init)', 'fission-deployment-config.yaml',
      'apiVersion: fission.io/v1\nkind: DeploymentConfig\nname: demo\nuid: 0e6a2bc4\n',
      'a Fission spec DeploymentConfig, which fission spec apply reads and the cluster never gets'],
    ['a kind cluster configuration', 'cluster.yaml',
      'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes: [{ role: control-plane }]\n',
      'a kind cluster configuration (Cluster of kind.x-k8s.io), which kind create cluster --config reads and the cluster never gets'],
    // kind's API group before kind.x-k8s.io (sigs.k8s.io/kind pkg/apis/config/v1alpha3 register.go GroupName)
    ['a kind v1alpha3 cluster configuration', 'kind-cluster.yaml',
      'kind: Cluster\napiVersion: kind.sigs.k8s.io/v1alpha3\nnodes: [{ role: control-plane }]\n',
      'a kind cluster configuration (Cluster of kind.sigs.k8s.io), which kind create cluster --config reads and the cluster never gets'],
    ['a kind v1alpha2 cluster configuration', 'kind-config.yaml',
      'kind: Config\napiVersion: kind.sigs.k8s.io/v1alpha2\nnodes: [{ role: control-plane }]\n',
      'a kind cluster configuration (Config of kind.sigs.k8s.io), which kind create cluster --config reads and the cluster never gets'],
    ['a k3d cluster configuration', 'k3d.yaml',
      'apiVersion: k3d.io/v1alpha5\nkind: Simple\nmetadata: { name: east }\nagents: 1\n',
      'a k3d cluster configuration (Simple of k3d.io), which k3d cluster create --config reads and the cluster never gets'],
  ])('another tool\'s file shaped like an object (%s) is skipped and listed in a folder, and an error when named', (_t, file, doc, reason) => {
    // GIVEN the tool's file beside a manifest, as multi-cluster demos and Fission spec folders keep them
    const skipped: SkippedInput[] = [];

    // WHEN
    const docs = parseManifestText(`${doc}---\n${SVC('c')}`, file, { skipped });

    // THEN the tool reads it; no API server serves it
    expect(docs.map((d) => d.object.metadata?.name)).toEqual(['c']);
    expect(skipped).toEqual([{ file, document: 1, reason, toolCommand: expect.stringMatching(/^(?:fission spec apply|kind create cluster --config|k3d cluster create --config)$/) }]);
    expect(() => parseManifestText(doc, file, { named: true })).toThrow(`${file}: document 1: not a Kubernetes object (${reason}); kubectl refuses it`);
  });
  test('another tool\'s file of a kind of megabytes: the reason quotes the kind cut to 40 characters', () => {
    // GIVEN a k3d configuration whose kind is 2 MB (hostile input: the reason once held it whole)
    const kind = 'K'.repeat(2_000_000);
    const skipped: SkippedInput[] = [];

    // WHEN
    parseManifestText(`apiVersion: k3d.io/v1alpha5\nkind: ${kind}\n---\n${SVC('c')}`, 'k3d.yaml', { skipped });

    // THEN
    expect(skipped.map((s) => s.reason)).toEqual([`a k3d cluster configuration (${'K'.repeat(40)}... of k3d.io), which k3d cluster create --config reads and the cluster never gets`]);
  });
  test.each([
    ['an OpenShift DeploymentConfig', 'apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: { name: web }\nspec: {}\n'],
    ['an OpenShift 3 DeploymentConfig of v1', 'apiVersion: v1\nkind: DeploymentConfig\nmetadata: { name: web }\nspec: {}\n'],
    ['a Fission Function', 'apiVersion: fission.io/v1\nkind: Function\nmetadata: { name: hello, namespace: default }\nspec: {}\n'],
  ])('%s stays an object', (_t, doc) => {
    const skipped: SkippedInput[] = [];
    expect(parseManifestText(doc, 'x.yaml', { skipped }).map((d) => d.object.kind)).toHaveLength(1);
    expect(skipped).toEqual([]);
  });
  test.each([
    ['a Service without apiVersion (an ExternalName to the metadata endpoint)', 'kind: Service\nmetadata: { name: imds }\nspec: { type: ExternalName, externalName: 169.254.169.254 }\n',
      /^x\.yaml: document 2: Service "imds" has no apiVersion; kubectl refuses the document \("apiVersion not set"\)/],
    ['metadata without kind', 'apiVersion: v1\nmetadata: { name: a }\n', /^x\.yaml: document 2: the object "a" has metadata but no kind; kubectl refuses/],
    ['metadata alone', 'metadata: { name: a }\n', /^x\.yaml: document 2: the object "a" has metadata but no kind/],
    ['metadata of labels alone', 'metadata: { labels: { app: a } }\n', /^x\.yaml: document 2: the object has metadata but no kind/],
    ['metadata with no value', 'metadata:\n', /^x\.yaml: document 2: the object has metadata but no kind/],
    ['a kind that is not a string', 'apiVersion: v1\nkind: [Service]\nmetadata: { name: a }\n', /^x\.yaml: document 2: the object "a": kind must be a non-empty string \(got a list\)/],
    ['a name that YAML reads as a number (kubesec\'s multi.yml)', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: 1, namespace: ops }\n', /^x\.yaml: document 2: ConfigMap: metadata\.name must be a string \(got number 1\); kubectl refuses the document: quote the value$/],
    ['a namespace that YAML reads as a number', 'apiVersion: v1\nkind: Service\nmetadata: { name: a, namespace: 2 }\n', /^x\.yaml: document 2: Service: metadata\.namespace must be a string \(got number 2\); kubectl refuses the document: quote the value$/],
    ['a kind with no value (kubeval\'s missing_kind_value fixture)', 'kind:\n', /^x\.yaml: document 2: the object: kind must be a non-empty string \(got nothing: the key has no value\); kubectl refuses the document$/],
    ['a List without apiVersion', 'kind: List\nitems: []\n', /^x\.yaml: document 2: List has no apiVersion/],
    ['a List item without apiVersion', 'apiVersion: v1\nkind: List\nitems:\n  - { kind: Service, metadata: { name: i } }\n', /^x\.yaml: document 2 item 1: Service "i" has no apiVersion/],
  ])('throws, even for a file found in a folder, for a document shaped like an object without apiVersion or kind: %s', (_t, doc, message) => {
    const skipped: SkippedInput[] = [];
    expect(() => parseManifestText(`${SVC('a')}---\n${doc}`, 'x.yaml', { skipped })).toThrow(message);
  });
  test.each([
    ['a Service', 'kind: Service\nmetadata: { name: a }\n', 'add apiVersion (v1 for kind Service)'],
    ['a TCPRoute (gateway-api examples/standard/clusterip-gateway)', 'kind: TCPRoute\nmetadata: { name: service-route }\n', 'add apiVersion (gateway.networking.k8s.io/v1alpha2 for kind TCPRoute)'],
    ['an HTTPRoute', 'kind: HTTPRoute\nmetadata: { name: r }\n', 'add apiVersion (gateway.networking.k8s.io/v1 for kind HTTPRoute)'],
    ['a custom resource', 'kind: Widget\nmetadata: { name: w }\n', 'add apiVersion (v1 for a core kind such as Service; the group/version of its CRD for a custom resource)'],
  ])('suggests the apiVersion of the kind for %s written without one', (_t, doc, hint) => {
    expect(() => parseManifestText(doc, 'x.yaml')).toThrow(hint);
  });
  test.each([
    ['a values.yaml', 'replicaCount: 1\n', /^values\.yaml: document 1: not a Kubernetes object \(no apiVersion, kind or metadata\); kubectl refuses it/],
    ['a Chart.yaml', 'apiVersion: v2\nname: c\n', /^values\.yaml: document 1: not a Kubernetes object \(apiVersion without kind or metadata/],
  ])('throws for a mapping that is no object in a file named as a path (%s), as kubectl does', (_t, text, message) => {
    expect(() => parseManifestText(text, 'values.yaml', { named: true })).toThrow(message);
  });
  test.each([
    ['kustomize.config.k8s.io/v1beta1 Kustomization (metrics-server manifests/base)', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\ncommonLabels: { k8s-app: metrics-server }\nresources: [deployment.yaml]\n', 'Kustomization'],
    ['a kustomize Component', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches: []\n', 'Component'],
    ['an older kustomization.yaml with apiVersion v1 (kustomize examples/helloWorld)', 'apiVersion: v1\nkind: Kustomization\nresources: [service.yaml]\n', 'Kustomization'],
    ['a kustomization.yaml with kind and no apiVersion, which kustomize fills in (an overlay of bases and namePrefix)', 'kind: Kustomization\nbases: [../../base]\nresources: [route.yaml]\nnamePrefix: dev-\n', 'Kustomization'],
    ['a kustomize Component without apiVersion', 'kind: Component\npatches: []\n', 'Component'],
  ])('a kustomization.yaml with kind (%s) is no object: skipped in a folder, an error when named', (_t, doc, kind) => {
    // GIVEN a kustomize base: kustomization.yaml beside the Service it lists
    const skipped: SkippedInput[] = [];

    // WHEN
    const docs = parseManifestText(`${SVC('a')}---\n${doc}`, 'kustomization.yaml', { skipped });

    // THEN kustomize reads it; the cluster never gets it (kubectl: no matches for kind)
    expect(docs.map((d) => d.object.kind)).toEqual(['Service']);
    // (a kustomization that adds labels is kept for the checker: the built pod templates carry them)
    const kept = doc.includes('commonLabels') ? { kustomization: expect.objectContaining({ commonLabels: { 'k8s-app': 'metrics-server' } }) } : {};
    expect(skipped).toEqual([{ file: 'kustomization.yaml', document: 2, kustomize: true, reason: expect.stringMatching(new RegExp(`^a kustomize ${kind}, which kustomize reads and the cluster never gets: check the output of kustomize build$`)), ...kept }]);
    expect(() => parseManifestText(doc, 'kustomization.yaml', { named: true })).toThrow(new RegExp(`^kustomization\\.yaml: document 1: not a Kubernetes object \\(a kustomize ${kind}, .*\\); kubectl refuses it`));
  });
  test('throws for a Flux Kustomization without apiVersion (it has a spec): kubectl refuses it', () => {
    expect(() => parseManifestText('kind: Kustomization\nmetadata: { name: apps, namespace: flux-system }\nspec: { path: ./apps, prune: true }\n', 'apps.yaml', { skipped: [] }))
      .toThrow(/^apps\.yaml: document 1: Kustomization "apps" has no apiVersion; kubectl refuses the document \("apiVersion not set"\)/);
  });
  test('a Flux Kustomization (kustomize.toolkit.fluxcd.io) is a custom resource and stays an object', () => {
    const skipped: SkippedInput[] = [];
    const docs = parseManifestText('apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: apps, namespace: flux-system }\nspec: { path: ./apps, prune: true }\n', 'apps.yaml', { skipped });
    expect(docs.map((d) => [d.object.kind, d.object.metadata?.name])).toEqual([['Kustomization', 'apps']]);
    expect(skipped).toEqual([]);
  });
  test.each([
    ['an Ingress of networking.k8s.io', 'apiVersion: networking.k8s.io\nkind: Ingress\nmetadata: { name: web }\n',
      'x.yaml: document 2: Ingress "web": apiVersion "networking.k8s.io" is an API group without a version; kubectl refuses the document (no matches for kind "Ingress" in version "networking.k8s.io"): write the group and version, networking.k8s.io/v1 for kind Ingress'],
    ['a Deployment of apps', 'apiVersion: apps\nkind: Deployment\nmetadata: { name: web }\n',
      'x.yaml: document 2: Deployment "web": apiVersion "apps" is an API group without a version; kubectl refuses the document (no matches for kind "Deployment" in version "apps"): write the group and version, apps/v1 for kind Deployment'],
    ['a custom resource of example.com, without a name', 'apiVersion: example.com\nkind: Widget\n',
      'x.yaml: document 2: Widget: apiVersion "example.com" is an API group without a version; kubectl refuses the document (no matches for kind "Widget" in version "example.com"): write the group and version, example.com/<version> (such as example.com/v1, or the version its CRD serves)'],
  ])('throws, even for a file found in a folder, for an apiVersion that is an API group without its version: %s', (_t, doc, message) => {
    expect(() => parseManifestText(`${SVC('a')}---\n${doc}`, 'x.yaml', { skipped: [] })).toThrow(new Error(message));
  });
  test.each([
    ['a kind unknown in v1, which a newer or an OpenShift 3 API server may serve', 'apiVersion: v1\nkind: Custom\nmetadata: { name: c }\n'],
    ['an OpenShift 3 legacy v1 Template', 'apiVersion: v1\nkind: Template\nmetadata: { name: t }\n'],
    ['a version without a group (a tool\'s own file)', 'apiVersion: v1beta1\nkind: Config\nmetadata: { name: c }\n'],
    ['an apiVersion of a template not rendered ({{ .Values.apiVersion }})', 'apiVersion: "{{ .Values.apiVersion }}"\nkind: Deployment\nmetadata: { name: c }\n'],
    ['an apiVersion that a variable fills (${INGRESS_API})', 'apiVersion: ${INGRESS_API}\nkind: Ingress\nmetadata: { name: c }\n'],
  ])('keeps %s', (_t, doc) => {
    expect(parseManifestText(doc, 'x.yaml', { skipped: [] }).map((d) => d.object.kind)).toHaveLength(1);
  });
  test('invalid JSON names the file', () => {
    expect(() => parseManifestText('{ nope', 'bad.json')).toThrow(/^bad\.json: invalid JSON/);
  });
  test('objects of unknown kinds are kept for the model to ignore', () => {
    expect(parseManifestText('apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\n', 'w.yaml')).toHaveLength(1);
  });
});

describe('loadManifests', () => {
  test('folders are read recursively, *.yaml/*.yml/*.json only, sorted by path', () => {
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'b.yaml'), SVC('b'));
    fs.writeFileSync(path.join(dir, 'a.yml'), SVC('a'));
    fs.writeFileSync(path.join(dir, 'sub', 'c.json'), JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'c' } }));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not yaml: [');
    expect(loadManifests([dir]).map((d) => d.object.metadata?.name)).toEqual(['a', 'b', 'c']);
  });
  test('a folder walk skips node_modules and dot-folders, and values files; a non-YAML file stays an error', () => {
    for (const d of ['node_modules/pkg', '.git', '.cache/x', 'app']) fs.mkdirSync(path.join(dir, d), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'pkg', 'bad.yaml'), 'kind: [\n');
    fs.writeFileSync(path.join(dir, '.git', 'bad.yaml'), 'kind: [\n');
    fs.writeFileSync(path.join(dir, '.cache', 'x', 'svc.yaml'), SVC('hidden'));
    fs.writeFileSync(path.join(dir, 'app', 'values.yaml'), 'replicaCount: 1\n');
    fs.writeFileSync(path.join(dir, 'app', 'svc.yaml'), SVC('shown'));
    expect(loadManifests([dir]).map((d) => d.object.metadata?.name)).toEqual(['shown']);
    fs.writeFileSync(path.join(dir, 'app', 'readme.yaml'), 'Just some prose.\n');
    expect(() => loadManifests([dir])).toThrow(/readme\.yaml: document 1: not a Kubernetes object/);
    fs.writeFileSync(path.join(dir, 'app', 'readme.yaml'), 'kind: [\n');
    expect(() => loadManifests([dir])).toThrow(/readme\.yaml: document 1: invalid YAML/);
  });
  test('the templates of a Helm chart (a folder with Chart.yaml) are skipped and listed with the chart; its crds and other folders are read', () => {
    // GIVEN a repository with a chart beside plain manifests: templates that are no YAML, and one that parses
    for (const d of ['charts/web/templates/tests', 'charts/web/crds', 'charts/web/charts/db/templates', 'deploy', 'other/templates']) {
      fs.mkdirSync(path.join(dir, d), { recursive: true });
    }
    fs.writeFileSync(path.join(dir, 'charts/web/Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
    fs.writeFileSync(path.join(dir, 'charts/web/templates/service.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "web.fullname" . }}\n');
    fs.writeFileSync(path.join(dir, 'charts/web/templates/ingress.yaml'), 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: "{{ .Release.Name }}" }\n');
    fs.writeFileSync(path.join(dir, 'charts/web/templates/tests/test-connection.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: { name: "{{ .Release.Name }}-test" }\n');
    fs.writeFileSync(path.join(dir, 'charts/web/crds/widget.yaml'), 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: { name: widgets.example.com }\n');
    fs.writeFileSync(path.join(dir, 'charts/web/charts/db/Chart.yml'), 'apiVersion: v2\nname: db\nversion: 0.1.0\n');
    fs.writeFileSync(path.join(dir, 'charts/web/charts/db/templates/svc.yaml'), 'kind: Service\nmetadata:\n  name: {{ .Release.Name }}-db\n');
    fs.writeFileSync(path.join(dir, 'deploy/svc.yaml'), SVC('plain'));
    fs.writeFileSync(path.join(dir, 'other/templates/svc.yaml'), SVC('not-a-chart')); // a templates folder without Chart.yaml

    // WHEN
    const skipped: SkippedInput[] = [];
    const docs = loadManifests([dir], { skipped });

    // THEN
    expect(docs.map((d) => d.object.metadata?.name)).toEqual(['widgets.example.com', 'plain', 'not-a-chart']);
    const templates = skipped.filter((s) => s.helmChart !== undefined)
      .map((s) => [path.relative(dir, s.file), path.relative(dir, s.helmChart!), s.reason]);
    expect(templates.sort()).toEqual([
      ['charts/web/charts/db/templates/svc.yaml', 'charts/web/charts/db', `a template of the Helm chart ${path.join(dir, 'charts/web/charts/db')}, which helm renders into manifests`],
      ['charts/web/templates/ingress.yaml', 'charts/web', `a template of the Helm chart ${path.join(dir, 'charts/web')}, which helm renders into manifests`],
      ['charts/web/templates/service.yaml', 'charts/web', `a template of the Helm chart ${path.join(dir, 'charts/web')}, which helm renders into manifests`],
      ['charts/web/templates/tests/test-connection.yaml', 'charts/web', `a template of the Helm chart ${path.join(dir, 'charts/web')}, which helm renders into manifests`],
    ]);
  });
  test('a folder with other tools\' tagged YAML (CloudFormation, mkdocs, GitLab CI) reads its manifests and skips those files', () => {
    // GIVEN: YAML tags js-yaml's core schema does not know, which go-yaml (kubectl) reads as plain values
    fs.mkdirSync(path.join(dir, 'deploy'));
    fs.writeFileSync(path.join(dir, 'deploy', 'svc.yaml'), SVC('web'));
    fs.writeFileSync(path.join(dir, 'cfn.yaml'), 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub "${AWS::StackName}-b"\n');
    fs.writeFileSync(path.join(dir, 'mkdocs.yml'), 'markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n');
    fs.writeFileSync(path.join(dir, '.gitlab-ci.yml'), 'job:\n  script:\n    - !reference [.base, script]\n');
    const skipped: SkippedInput[] = [];

    // WHEN
    const docs = loadManifests([dir], { skipped });

    // THEN
    expect(docs.map((d) => d.object.metadata?.name)).toEqual(['web']);
    expect(skipped.map((s) => path.basename(s.file)).sort()).toEqual(['.gitlab-ci.yml', 'cfn.yaml', 'mkdocs.yml']);
  });
  test('- reads standard input', () => {
    const docs = loadManifests(['-'], { stdin: () => SVC('from-stdin') });
    expect(docs[0].source).toEqual({ file: '-', document: 1, line: 1 });
  });
  test('throws when a path does not exist', () => {
    expect(() => loadManifests([path.join(dir, 'missing')])).toThrow(/missing: cannot read \(no such file or directory\)$/);
  });
  test('the error of a bad file in a folder names that file', () => {
    fs.writeFileSync(path.join(dir, 'ok.yaml'), SVC('a'));
    fs.writeFileSync(path.join(dir, 'zz-bad.yaml'), 'kind: [\n');
    expect(() => loadManifests([dir])).toThrow(/zz-bad\.yaml: document 1: invalid YAML/);
  });

  test.each([
    ['one thread', (file: string) => loadManifests([file], { maxFileBytes: 100 })],
    ['worker threads', (file: string) => loadManifests([file], { maxFileBytes: 100, jobs: 2, parallelMinBytes: 0 })],
    ['a worker that takes the file first', (file: string) => readFilesInParallel([file], 1, { workersFirst: true, maxFileBytes: 100 })],
    ['standard input', () => loadManifests(['-'], { maxFileBytes: 100, stdin: () => SVC('a').repeat(3) })],
  ])('throws when a file is larger than maxFileBytes (%s)', (_how, read) => {
    const file = path.join(dir, 'big.yaml');
    fs.writeFileSync(file, `${SVC('a')}---\n${SVC('b')}`);
    expect(() => read(file)).toThrow(/^(.*big\.yaml|-: standard input) is larger than 100 bytes, the most one input may hold/);
  });
  test('a FIFO, a link to a device and a broken link found in a folder are skipped and listed', () => {
    // GIVEN
    if (process.platform === 'win32') return;
    fs.writeFileSync(path.join(dir, 'a.yaml'), SVC('a'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.yaml')]);
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    fs.symlinkSync(path.join(dir, 'missing'), path.join(dir, 'broken.yml'));
    fs.symlinkSync(path.join(dir, 'a.yaml'), path.join(dir, 'link.yaml'));
    const skipped: SkippedInput[] = [];

    // WHEN
    const docs = loadManifests([dir], { skipped });

    // THEN: the link to a regular file is read
    expect(docs.map((d) => path.basename(d.source.file))).toEqual(['a.yaml', 'link.yaml']);
    expect(skipped.map((s) => [path.basename(s.file), s.reason]).sort()).toEqual([
      ['broken.yml', 'a link to nothing found in a folder (name it with -f to read it)'],
      ['fifo.yaml', 'a FIFO found in a folder (name it with -f to read it)'],
      ['zero.yaml', 'a character device found in a folder (name it with -f to read it)'],
    ]);
  });
  test('a link to a device named as a path is refused before it is opened', () => {
    if (process.platform === 'win32') return;
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    expect(() => loadManifests([path.join(dir, 'zero.yaml')])).toThrow(/zero\.yaml: cannot read a character device/);
  });
  test('a deep folder tree is walked without recursion', () => {
    let deep = dir;
    for (let i = 0; i < 200; i++) deep = path.join(deep, 'd');
    fs.mkdirSync(deep, { recursive: true });
    fs.writeFileSync(path.join(deep, 'svc.yaml'), SVC('deep'));
    expect(loadManifests([dir]).map((d) => d.object.metadata?.name)).toEqual(['deep']);
  });
});

describe('documents that are lists', () => {
  const PLAYBOOK = '- hosts: all\n  tasks:\n    - name: ping\n      ping: {}\n';
  const OBJECTS = '- apiVersion: v1\n  kind: Service\n  metadata: { name: web }\n';

  test('in a file found in a folder, a list of no objects (an Ansible playbook) is skipped and listed; the folder\'s objects are read', () => {
    fs.mkdirSync(path.join(dir, 'ansible'));
    fs.writeFileSync(path.join(dir, 'ansible', 'site.yml'), PLAYBOOK);
    fs.writeFileSync(path.join(dir, 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\n');
    const skipped: SkippedInput[] = [];
    expect(loadManifests([dir], { skipped }).map((d) => d.object.metadata?.name)).toEqual(['web']);
    expect(skipped).toEqual([{ file: path.join(dir, 'ansible', 'site.yml'), document: 1, reason: 'a list, as in an Ansible playbook or a JSON patch' }]);
  });

  test('named as a path, the playbook is an error, as kubectl makes it', () => {
    const file = path.join(dir, 'site.yml');
    fs.writeFileSync(file, PLAYBOOK);
    expect(() => loadManifests([file])).toThrow(`${file}: document 1: not a Kubernetes object (a list, as in an Ansible playbook or a JSON patch); kubectl refuses it (in a file found in a folder it would be skipped)`);
  });

  test('a list of objects (manifests written as one YAML list) is refused wherever it is, with the fix', () => {
    fs.writeFileSync(path.join(dir, 'svc.yaml'), OBJECTS);
    expect(() => loadManifests([dir])).toThrow(`${path.join(dir, 'svc.yaml')}: document 1: not a Kubernetes object (expected a mapping with apiVersion and kind, got a list: write each object as a document of its own, after a --- line, or as an item of a kind: List)`);
  });

  test('a List item that is a list is refused, found in a folder or not', () => {
    fs.writeFileSync(path.join(dir, 'list.yaml'), 'apiVersion: v1\nkind: List\nitems:\n  - - a\n');
    expect(() => loadManifests([dir])).toThrow(`${path.join(dir, 'list.yaml')}: document 1 item 1: not a Kubernetes object (expected a mapping with apiVersion and kind, got a list)`);
  });
});
