import { App, ApiObject, Chart } from 'cdk8s';
import { check } from '../../../src/checks/engine';
import { objectDefinedTwice } from '../../../src/checks/rules/object-defined-twice';
import { ServiceChecker } from '../../../src/checks/service-checker';
import { ClusterModel } from '../../../src/model/cluster-model';
import { ManifestDocument } from '../../../src/model/manifest';
import { cpuClock } from '../../cpu-clock';
import { all, deployment, run, service } from '../builders';

describe('object-defined-twice', () => {
  test.each([
    ['one definition each', [service('web'), deployment('web')]],
    ['the same name in two namespaces', [service('web', {}, { namespace: 'a' }), service('web', {}, { namespace: 'b' })]],
    ['the same name for two kinds', [service('web'), deployment('web')]],
  ])('reports nothing for %s', (_what, objects) => {
    expect(run(objectDefinedTwice, objects)).toEqual([]);
  });

  test('reports nothing when every definition is the same (a Namespace each app folder carries, two dumps of one cluster)', () => {
    const ns = () => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'a' } } });
    expect(run(objectDefinedTwice, [ns(), service('web'), ns(), ns()])).toEqual([]);
    // one label apart: reported
    expect(run(objectDefinedTwice, [ns(), { ...ns(), metadata: { name: 'shop', labels: { team: 'b' } } }])).toHaveLength(1);
    // a key only one of them has: reported
    expect(run(objectDefinedTwice, [ns(), { ...ns(), spec: {} }])).toHaveLength(1);
  });

  test('reports nothing for definitions that differ only in writing out the namespace kubectl would default to', () => {
    // GIVEN a ServiceAccount once with namespace: default and once without, as a cluster export and its copy carry it
    const sa = (metadata: object) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata, secrets: [{ name: 'default-token-x' }] });
    const explicit = sa({ name: 'builder', namespace: 'default' });
    const implicit = sa({ name: 'builder' });
    // WHEN checked THEN applying either leaves the same object
    expect(run(objectDefinedTwice, [explicit, implicit])).toEqual([]);
    // a difference beside the namespace is still reported
    expect(run(objectDefinedTwice, [explicit, { ...implicit, automountServiceAccountToken: false }]).map((f) => f.message)).toEqual([
      expect.stringMatching(/^ServiceAccount\/default\/builder is defined 2 times: .*kubectl apply leaves the last definition/),
    ]);
  });

  test('reports nothing for two exports of one cluster object (one uid, or only status and server metadata differ)', () => {
    const exported = (uid: string, resourceVersion: string, phase: string) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop', uid, resourceVersion, creationTimestamp: '2026-11-30T09:12:44Z' },
      status: { phase },
    });
    expect(run(objectDefinedTwice, [exported('u1', '1', 'Active'), { ...exported('u1', '9', 'Terminating'), spec: { finalizers: [] } }])).toEqual([]);
    expect(run(objectDefinedTwice, [exported('u1', '1', 'Active'), exported('u2', '9', 'Terminating')])).toEqual([]);
    expect(run(objectDefinedTwice, [exported('u1', '1', 'Active'), { ...exported('u2', '9', 'Active'), spec: { finalizers: [] } }])).toHaveLength(1);
  });

  test('names both files and documents, and that the last definition is read', () => {
    // GIVEN
    const docs: ManifestDocument[] = [
      { object: service('web', { selector: { app: 'old' } }), source: { file: 'base/web.yaml', document: 2 } },
      { object: service('web', {}, { namespace: 'default' }), source: { file: 'overlay/web.yaml', document: 1 } },
    ];

    // WHEN
    const found = check(ClusterModel.fromDocuments(docs), { rules: [objectDefinedTwice] }).findings;

    // THEN
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'object-defined-twice', level: 'warning', resource: 'Service/default/web' });
    expect(found[0].message).toMatch(/^Service\/default\/web is defined 2 times: base\/web\.yaml document 2, overlay\/web\.yaml document 1; kubectl apply leaves the last definition \(overlay\/web\.yaml document 1\), which the checker reads\./);
  });

  test('names the positions of in-memory objects, and a cluster-scoped object whatever namespace it names', () => {
    const ns = (labels: object, namespace?: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team', namespace, labels } });
    expect(run(objectDefinedTwice, [ns({ a: '1' }, 'x'), service('web'), ns({ a: '2' })]).map((f) => [f.resource, f.message.replace(/;.*/, '')])).toEqual([
      ['Namespace//team', 'Namespace//team is defined 2 times: object 1 of the list, object 3 of the list'],
    ]);
  });

  test('every rule reads the last definition: a Service fixed in a later file is no selector-no-match error', () => {
    // GIVEN: the first definition selects nothing, the last selects the Deployment
    const objects = [service('web', { selector: { app: 'nothing' } }), deployment('web'), service('web')];

    // WHEN
    const found = all(objects);

    // THEN
    expect(found.map((f) => f.rule)).toEqual(['object-defined-twice']);
    expect(all([service('web'), deployment('web'), service('web', { selector: { app: 'nothing' } })]).map((f) => f.rule).sort())
      .toEqual(['object-defined-twice', 'service-selector-no-match']);
  });

  test('cdk8s: the chart paths of both definitions are named', () => {
    // GIVEN: two charts of one app define the same Service
    const app = new App();
    for (const id of ['base', 'overlay']) {
      const chart = new Chart(app, id);
      new ApiObject(chart, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }], selector: { app: id } } } as any);
    }

    // WHEN
    const report = ServiceChecker.checkChart(app);

    // THEN
    const found = report.findings.filter((f) => f.rule === 'object-defined-twice');
    expect(found.map((f) => f.message.replace(/;.*/, ''))).toEqual(['Service/default/web is defined 2 times: base document 1, overlay document 1']);
  });

  // GIVEN definitions of Service default/web (each a different selector), from the kustomize roots each file names
  // (undefined: outside every kustomization), WHEN checked, THEN the places reported (empty: nothing reported)
  describe('kustomize roots: only definitions that one root builds, or that kubectl apply -f applies together (all outside kustomizations), clash', () => {
    const K = (dir: string) => `${dir}/kustomization.yaml`;
    test.each<[string, (readonly string[] | undefined)[], string[]]>([
      ['two overlays, each with its own copy (deployed on their own)', [[K('overlays/dev')], [K('overlays/prod')]], []],
      ['a root and a base that only another root builds', [[K('app')], [K('overlays/dev')]], []],
      ['two files of one overlay', [[K('overlays/dev')], [K('overlays/dev')]], ['f1.yaml', 'f2.yaml']],
      ['a base built by two overlays and a file of one of them', [[K('overlays/dev'), K('overlays/prod')], [K('overlays/prod')]], ['f1.yaml', 'f2.yaml']],
      // applied on their own (kubectl apply -f, kubectl apply -k): kubeflow commits a build's output beside its sources
      ['a file outside every kustomization and one of an overlay', [undefined, [K('overlays/dev')]], []],
      ['two files outside every kustomization and one of an overlay: the two outside', [undefined, [K('overlays/dev')], undefined], ['f1.yaml', 'f3.yaml']],
      ['two files outside every kustomization', [undefined, undefined], ['f1.yaml', 'f2.yaml']],
      ['three overlays, two of them with two copies: only those are named', [[K('a')], [K('b')], [K('a')], [K('c')]], ['f1.yaml', 'f3.yaml']],
    ])('%s', (_what, roots, places) => {
      const docs: ManifestDocument[] = roots.map((r, i) => ({
        object: service('web', { selector: { app: `v${i}` } }),
        source: r === undefined ? { file: `f${i + 1}.yaml`, document: 1 } : { file: `f${i + 1}.yaml`, document: 1, kustomizeRoots: r },
      }));
      const found = check(ClusterModel.fromDocuments(docs), { rules: [objectDefinedTwice] }).findings;
      expect(found.map((f) => f.message.replace(/;.*/, '').replace(/^.*: /, '').replace(/ document 1/g, '').split(', ')).flat().filter((p) => p !== ''))
        .toEqual(places);
    });

    test('20,000 objects defined twice in a base that 1,000 overlays build: the overlays compared once', () => {
      // GIVEN two files of a base (one list of 1,000 roots) that define 20,000 Services alike, every third differing
      const roots = Array.from({ length: 1000 }, (_, i) => K(`o${i}`));
      const docs: ManifestDocument[] = ['a.yaml', 'b.yaml'].flatMap((file) => Array.from({ length: 20_000 }, (_, i) => ({
        object: service(`s${i}`, { selector: { app: file === 'b.yaml' && i % 3 === 0 ? 'other' : 'web' } }),
        source: { file, document: i + 1, kustomizeRoots: roots },
      })));
      // WHEN checked
      const cpuMs = cpuClock();
      const found = check(ClusterModel.fromDocuments(docs), { rules: [objectDefinedTwice] }).findings;
      // THEN the differing ones are reported, once each
      expect(found).toHaveLength(6667);
      expect(found[0].message).toMatch(/^Service\/default\/s0 is defined 2 times: a\.yaml document 1, b\.yaml document 1;/);
      expect(cpuMs()).toBeLessThan(10_000); // 50 s in a run when each overlay's pair was compared
    });
  });
});
