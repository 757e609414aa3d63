import * as fc from 'fast-check';
import { inClusterShape } from '../../../src/checks/lib/workload-values';
import { ClusterModel } from '../../../src/model/cluster-model';

/** The label-list reading of `inClusterShape` that the in-place scan replaced (the reference it must agree with). */
function byLabels(model: ClusterModel, host: string): boolean {
  const bare = host.replace(/\.$/, '');
  const labels = bare.split('.');
  const zone = model.options.clusterDomain;
  if (labels.length === 1) return !host.endsWith('.');
  if (labels.includes('svc') || bare === zone || bare.endsWith(`.${zone}`)) return true;
  return labels.length === 2 && model.namespaceExists(labels[1]) && !host.endsWith('.');
}

const namespaceObject = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

describe('inClusterShape', () => {
  const label = fc.constantFrom('', 'svc', 'db', 'prod', 'cluster', 'local', 'example', 'com', 'svcx', 'xsvc', 'pod');
  const host = fc.array(label, { minLength: 1, maxLength: 6 }).chain((labels) =>
    fc.constantFrom('', '.', '..').map((end) => labels.join('.') + end));
  const zone = fc.constantFrom('cluster.local', 'local', 'example.com', 'svc', undefined); // undefined: the default

  test('agrees with the label-list reading', () => {
    fc.assert(fc.property(host, zone, (h, z) => {
      const model = ClusterModel.fromObjects([namespaceObject('prod'), namespaceObject('local')], { clusterDomain: z });
      expect(inClusterShape(model, h)).toBe(byLabels(model, h));
    }), { numRuns: 2000 });
  });

  test.each([
    ['db', true], ['db.', false], ['db.prod', true], ['db.prod.', false], ['db.other', false], ['db.other.svc', true],
    ['svc.db.example.com', true], ['db.prod.svc.cluster.local.', true], ['api.github.com', false], ['a.cluster.local', true],
    ['xcluster.local', false],
  ])('%p is %p', (h, expected) => {
    const model = ClusterModel.fromObjects([namespaceObject('prod')]);
    expect(inClusterShape(model, h)).toBe(expected);
  });
});
