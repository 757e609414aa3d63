import * as fs from 'fs';
import * as path from 'path';
import { check } from '../../../src/checks/engine';
import { manifestDuplicateKey } from '../../../src/checks/rules/manifest-duplicate-key';
import { ClusterModel } from '../../../src/model/cluster-model';
import { parseManifestText } from '../../../src/model/load';

/** Findings of one rule (or the pack) on YAML text read as `file`. */
function findings(text: string, file = 'app.yaml', rules = [manifestDuplicateKey]) {
  return [...check(ClusterModel.fromDocuments(parseManifestText(text, file)), { rules }).findings];
}

const MERGED_PAIR = fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'yaml', 'merge-keys.yaml'), 'utf8');
const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: { app: web }\n  ports: [{ port: 80 }]\n';

describe('manifest-duplicate-key', () => {
  test('reports nothing for YAML without duplicate keys, merge keys included', () => {
    expect(findings(`${SVC}---\n${MERGED_PAIR}`)).toEqual([]);
  });

  test('reports a key given twice with its file, document and line, on the object', () => {
    // GIVEN: document 2 gives spec.type twice
    const text = `${SVC}---\n${SVC.replace('name: web', 'name: api').replace('spec:\n', 'spec:\n  type: ClusterIP\n  type: NodePort\n')}`;

    // WHEN
    const found = findings(text);

    // THEN
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'manifest-duplicate-key', level: 'warning', resource: 'Service/default/api' });
    expect(found[0].message).toMatch(/^app\.yaml document 2 gives a key twice in one mapping: "type" at line 15; some kubectl versions refuse the file, others keep the last value/);
  });

  test('reports every duplicate of a document in one finding, and each document once (a List\'s items share it)', () => {
    const text = [
      'apiVersion: v1', 'kind: List', 'items:',
      '- {apiVersion: v1, kind: ConfigMap, metadata: {name: a, name: b}}',
      '- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {x: "1", x: "2"}}',
    ].join('\n');
    expect(findings(text).map((f) => [f.resource, f.message.replace(/;.*/, '')])).toEqual([
      ['ConfigMap/default/b', 'app.yaml document 1 gives 2 keys twice in one mapping: "name" at line 4, "x" at line 5'],
    ]);
  });

  test('reports the duplicates of a definition that a later one replaced', () => {
    const text = `${SVC.replace('  ports:', '  ports: []\n  ports:')}---\n${SVC}`;
    expect(findings(text).map((f) => f.message.replace(/;.*/, ''))).toEqual([
      'app.yaml document 1 gives a key twice in one mapping: "ports" at line 8',
    ]);
  });

  test('the last value is what the other rules read: no selector-no-match for a selector fixed further down', () => {
    // GIVEN: the selector first names a label no pod has, then the right one
    const text = `${SVC.replace('  selector: { app: web }', '  selector: { app: wbe }\n  selector: { app: web }')}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec: { containers: [{ name: web, image: web }] }\n`;

    // WHEN
    const found = check(ClusterModel.fromDocuments(parseManifestText(text, 'app.yaml'))).findings;

    // THEN
    expect(found.map((f) => f.rule)).toEqual(['manifest-duplicate-key']);
  });
});
