// Reading YAML as kubectl does: merge keys resolve, timestamps stay strings, a key given twice keeps its last value and
// is named with its line and document (parseManifestText's source.duplicateKeys).
import * as fs from 'fs';
import * as path from 'path';
import { check } from '../../src/checks/engine';
import { ClusterModel } from '../../src/model/cluster-model';
import { parseManifestText } from '../../src/model/load';
import { MAX_DUPLICATES, readYaml } from '../../src/model/yaml-read';

/** A kube-prometheus-like Service/Deployment pair whose labels and selectors merge anchors with `<<`. */
const MERGED_PAIR = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'yaml', 'merge-keys.yaml'), 'utf8');

const LABELS = { 'app.kubernetes.io/name': 'grafana', 'app.kubernetes.io/part-of': 'kube-prometheus' };

describe('merge keys', () => {
  test('<< resolves in labels, selectors and templates (block, flow, a list of anchors; explicit keys win)', () => {
    // WHEN
    const [svc, deploy] = parseManifestText(MERGED_PAIR, 'kp.yaml').map((d) => d.object);

    // THEN
    const labels = { ...LABELS, 'app.kubernetes.io/component': 'grafana' };
    expect(svc.spec.selector).toEqual(labels);
    expect(Object.keys(svc.spec.selector)).not.toContain('<<');
    expect(deploy.metadata?.labels).toEqual(labels);
    expect(deploy.spec.selector.matchLabels).toEqual(labels);
    expect(deploy.spec.template.metadata.labels).toEqual({ ...labels, tier: 'fe', version: '11' });
  });

  test('the pair gives no finding (without merge keys: a false service-selector-no-match error)', () => {
    const found = check(ClusterModel.fromDocuments(parseManifestText(MERGED_PAIR, 'kp.yaml'))).findings;
    expect(found).toEqual([]);
  });

  test.each([
    ['a timestamp', 'd: 2024-01-02T03:04:05Z', '2024-01-02T03:04:05Z'],
    ['a date', 'd: 2024-01-02', '2024-01-02'],
    ['a quoted <<', 'd: { "<<": x }', { '<<': 'x' }],
  ])('%s stays as kubectl reads it', (_what, line, expected) => {
    const [doc] = parseManifestText(`apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  ${line}\n`, 'c.yaml');
    expect(doc.object.data.d).toEqual(expected);
  });
});

describe('tags', () => {
  // What go-yaml v2 gives kubectl (sigs.k8s.io/yaml): a tag it does not resolve leaves the node as written, !!binary
  // is its decoded base64, an explicit !!timestamp into an interface{} the text as written (resolve.go, decode.go).
  test.each([
    ['a CloudFormation short form on a scalar', 'd: !Sub "${AWS::StackName}-bucket"', '${AWS::StackName}-bucket'],
    ['a local tag on a number keeps its text', 'd: !Ref 123', '123'],
    ['a tag without a value (mkdocs.yml)', 'd: !!python/name:material.extensions.emoji.twemoji', ''],
    ['a tag on a sequence (.gitlab-ci.yml)', 'd: !reference [.base, script]', ['.base', 'script']],
    ['a tag on a mapping', 'd: !!set {a, b}', { a: null, b: null }],
    ['!!binary', 'd: !!binary aGVsbG8=', 'hello'],
    ['!!binary over lines', 'd: !!binary |\n    aGVs\n    bG8=', 'hello'],
    ['!!timestamp', 'd: !!timestamp 2001-12-14', '2001-12-14'],
    ['!!str on a number', 'd: !!str 123', '123'],
  ])('%s reads as kubectl reads it', (_what, line, expected) => {
    const [doc] = parseManifestText(`apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  ${line}\n`, 'c.yaml');
    expect(doc.object.data.d).toEqual(expected);
  });

  test('throws when !!binary is not base64, as go-yaml does', () => {
    expect(() => readYaml('d: !!binary "not base64!"\n', [])).toThrow(/cannot resolve a node with !<tag:yaml\.org,2002:binary> explicit tag/);
  });
});

describe('duplicate keys', () => {
  test.each([
    ['a block key', 'spec:\n  type: ClusterIP\n  type: NodePort\n', 'type', 10, (o: any) => expect(o.spec.type).toBe('NodePort')],
    ['a flow key', 'spec: { type: ClusterIP, type: NodePort }\n', 'type', 8, (o: any) => expect(o.spec.type).toBe('NodePort')],
    ['a quoted key', 'spec:\n  "type": ClusterIP\n  \'type\': NodePort\n', "'type'", 10, (o: any) => expect(o.spec.type).toBe('NodePort')],
    ['an explicit key', 'spec:\n  type: ClusterIP\n  ? type\n  : NodePort\n', 'type', 10, (o: any) => expect(o.spec.type).toBe('NodePort')],
    ['a key after a merge is not one', 'spec:\n  <<: { type: ClusterIP }\n  type: NodePort\n  ports: []\n  ports: [{port: 1}]\n', 'ports', 12,
      (o: any) => expect(o.spec).toEqual({ type: 'NodePort', ports: [{ port: 1 }] })],
  ])('%s: the last value counts and the line is named', (_what, spec, key, line, expectObject) => {
    // GIVEN: the duplicate in document 2
    const text = `apiVersion: v1\nkind: Service\nmetadata: { name: a }\n---\napiVersion: v1\nkind: Service\nmetadata: { name: b }\n${spec}`;

    // WHEN
    const [a, b] = parseManifestText(text, 'svc.yaml');

    // THEN
    expect(a.source).toEqual({ file: 'svc.yaml', document: 1, line: 1 });
    expect(b.source).toEqual({ file: 'svc.yaml', document: 2, line: 5, duplicateKeys: [{ key, line }] });
    expectObject(b.object);
  });

  test('every duplicate of every document is found, also after a directive and in a List', () => {
    // GIVEN
    const text = [
      'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c, name: d}', 'data:', '  x: 1', '  x: 2', '  x: 3', //  1-7
      '---', 'apiVersion: v1', 'kind: List', 'items:', '- {apiVersion: v1, kind: ConfigMap, metadata: {name: e}}', // 8-12
      '- apiVersion: v1', '  kind: ConfigMap', '  kind: ConfigMap', '  metadata: {name: f}', // 13-16
      '...', '%YAML 1.2', '---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: g}', 'data: {y: 1, y: 2}', // 17-23
    ].join('\n');

    // WHEN
    const docs = parseManifestText(text, 'all.yaml');

    // THEN
    expect(docs.map((d) => [d.object.metadata?.name, d.source.document, d.source.item, d.source.duplicateKeys])).toEqual([
      ['d', 1, undefined, [{ key: 'name', line: 3 }, { key: 'x', line: 6 }, { key: 'x', line: 7 }]],
      ['e', 2, 0, [{ key: 'kind', line: 15 }]],
      ['f', 2, 1, [{ key: 'kind', line: 15 }]],
      ['g', 3, undefined, [{ key: 'y', line: 23 }]],
    ]);
    expect(docs[0].object.data).toEqual({ x: 3 });
  });

  test(`at most ${MAX_DUPLICATES} duplicates are looked for in a text`, () => {
    const text = `a: 0\n${Array.from({ length: 50 }, () => 'a: 1').join('\n')}\n`;
    const docs: unknown[] = [];
    const found = readYaml(text, docs);
    expect(found).toHaveLength(MAX_DUPLICATES);
    expect(found.map((d) => d.line)).toEqual(Array.from({ length: MAX_DUPLICATES }, (_, i) => i + 2));
    expect(docs).toEqual([{ a: 1 }]);
  });

  test('a key given twice whose second value holds a duplicate of its own: both, in text order', () => {
    const docs: unknown[] = [];
    expect(readYaml('k: 1\nk:\n  a: 1\n  a: 2\nb: 3\n', docs).map((d) => [d.key, d.line])).toEqual([['k', 2], ['a', 4]]);
    expect(docs).toEqual([{ k: { a: 2 }, b: 3 }]);
  });

  test('a text without duplicates reads in one pass and has none', () => {
    const docs: unknown[] = [];
    expect(readYaml('a: 1\nb: { <<: {a: 2}, a: 3 }\n', docs)).toEqual([]);
    expect(docs).toEqual([{ a: 1, b: { a: 3 } }]);
  });

  test('invalid YAML after a duplicate is still the error', () => {
    expect(() => parseManifestText('apiVersion: v1\nkind: Service\nmetadata: { name: a, name: b }\n---\nkind: [\n', 'bad.yaml'))
      .toThrow(/^bad\.yaml: document 2: invalid YAML at line 6/);
  });
});
