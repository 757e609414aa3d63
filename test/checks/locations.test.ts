// Finding.file and Finding.line (issue 18): set by the engine from the object's source, for objects read from files
// and standard input only; objects built in memory (cdk8s, a list of objects) have neither.
import { ApiObject, App, Chart } from 'cdk8s';
import { check, checkObjects } from '../../src/checks/engine';
import { ServiceChecker } from '../../src/checks/service-checker';
import { ClusterModel } from '../../src/model/cluster-model';
import { documentsFromScope } from '../../src/model/from-cdk8s';
import { parseManifestText } from '../../src/model/load';

/** A Service that selects no pods (service-selector-no-match, an error). */
const LONELY = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'lonely', namespace: 'ops' }, spec: { selector: { app: 'x' }, ports: [{ port: 80 }] } };
const LONELY_YAML = 'apiVersion: v1\nkind: Service\nmetadata: {name: lonely, namespace: ops}\nspec: {selector: {app: x}, ports: [{port: 80}]}\n';

describe('Finding.file and line', () => {
  test('an object read from a file: its file and the line where its document starts, on every finding of it', () => {
    const text = `# two services\n---\n${LONELY_YAML}---\n\n${LONELY_YAML.replace('lonely', 'other')}`;
    const findings = check(ClusterModel.fromDocuments(parseManifestText(text, 'dist/app.yaml'))).findings;
    expect(findings.length).toBeGreaterThanOrEqual(2);
    for (const f of findings) expect([f.resource, f.file, f.line]).toEqual([f.resource, 'dist/app.yaml', f.resource.endsWith('/lonely') ? 3 : 9]);
  });

  test('an object defined twice: the place of the definition the model reads, the last (as kubectl apply leaves it)', () => {
    const text = `${LONELY_YAML}---\n${LONELY_YAML}`;
    const findings = check(ClusterModel.fromDocuments(parseManifestText(text, 'a.yaml'))).findings.filter((f) => f.resource === 'Service/ops/lonely');
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => `${f.file}:${f.line}`))).toEqual(new Set(['a.yaml:6']));
  });

  test.each<[string, string, string]>([
    ['YAML (kubectl get -o yaml)', 'dump.yaml', `apiVersion: v1\nkind: List\nitems:\n- ${LONELY_YAML.trimEnd().split('\n').join('\n  ')}\n- ${LONELY_YAML.replace('lonely', 'other').trimEnd().split('\n').join('\n  ')}\nmetadata: {resourceVersion: ""}\n`],
    ['JSON (kubectl get -o json)', 'dump.json', `{\n  "apiVersion": "v1",\n  "items": [\n    ${JSON.stringify(LONELY)},\n    ${JSON.stringify({ ...LONELY, metadata: { name: 'other', namespace: 'ops' } })}\n  ],\n  "kind": "List"\n}\n`],
  ])('an object in a List (a dump of a live cluster): the line of its item, not of the List, %s', (_name, file, text) => {
    const findings = check(ClusterModel.fromDocuments(parseManifestText(text, file))).findings;
    expect(findings.map((f) => f.resource)).toEqual(expect.arrayContaining(['Service/ops/lonely', 'Service/ops/other']));
    for (const f of findings) expect([f.resource, f.file, f.line]).toEqual([f.resource, file, f.resource.endsWith('/lonely') ? 4 : file.endsWith('.json') ? 5 : 8]);
  });

  test.each([
    ['the custom resource first', (core: string, knative: string) => [knative, core]],
    ['the custom resource last', (core: string, knative: string) => [core, knative]],
  ])('a core Service and a Knative Service of one name: the core one\'s place, whose rules found it (%s)', (_order, files) => {
    // GIVEN a Knative Service "hello" and a core Service "hello" that selects nothing, in one namespace, in two files
    const knative = 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: hello, namespace: ops}\nspec: {template: {spec: {containers: [{image: hello}]}}}\n';
    const core = LONELY_YAML.replace('lonely', 'hello');
    const docs = files(core, knative).flatMap((text) => parseManifestText(text, text === core ? 'core.yaml' : 'knative.yaml'));
    // WHEN
    const findings = check(ClusterModel.fromDocuments(docs)).findings.filter((f) => f.rule === 'service-selector-no-match');
    // THEN the finding points at the core Service's file
    expect(findings.map((f) => [f.resource, f.file, f.line])).toEqual([['Service/ops/hello', 'core.yaml', 1]]);
  });

  test('standard input: the file is -', () => {
    const [f] = check(ClusterModel.fromDocuments(parseManifestText(`\n${LONELY_YAML}`, '-'))).findings;
    expect([f.file, f.line]).toEqual(['-', 2]);
  });

  test('objects given as a list have no file or line', () => {
    const findings = checkObjects([LONELY]).findings;
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(Object.keys(f)).toEqual(['rule', 'level', 'resource', 'message']);
  });

  test('objects of a cdk8s app (the plugin\'s and checkChart\'s input) have no file or line', () => {
    const chart = new Chart(new App(), 'app');
    new ApiObject(chart, 'svc', LONELY);
    const findings = check(ClusterModel.fromDocuments(documentsFromScope(chart))).findings;
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(Object.keys(f)).toEqual(['rule', 'level', 'resource', 'message']);
    expect(Object.keys(ServiceChecker.checkChart(chart).findings[0])).toEqual(['rule', 'level', 'resource', 'message']);
  });
});
