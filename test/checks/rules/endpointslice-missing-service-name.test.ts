import { endpointSliceMissingServiceName } from '../../../src/checks/rules/endpointslice-missing-service-name';
import { all, run, selectorlessTrio, slice } from '../builders';

describe('endpointslice-missing-service-name', () => {
  test('reports nothing when the slice has the label', () => {
    expect(run(endpointSliceMissingServiceName, selectorlessTrio())).toEqual([]);
  });

  test('reports a slice without the label and suggests the Service its name starts with', () => {
    const [svc] = selectorlessTrio('ext');
    const found = run(endpointSliceMissingServiceName, [svc, slice('ext-ipv4', undefined)]);
    expect(found[0]).toMatchObject({ level: 'error', resource: 'EndpointSlice/default/ext-ipv4' });
    expect(found[0].message).toMatch(/has no kubernetes.io\/service-name label, so kube-proxy and cluster DNS ignore it.*Fix: add the label kubernetes.io\/service-name: ext\./);
  });
});

describe('Multi-Cluster Services slices (KEP-1645)', () => {
  // GIVEN a slice as Submariner's Lighthouse agent exports it for a ServiceImport: the MCS service-name label, no
  // kubernetes.io/service-name (a live dump of a cluster that imports services from another)
  const mcsSlice = slice('nginx-cluster-b', undefined, ['10.2.0.7'], [{ name: 'http', port: 80, protocol: 'TCP' }], {}, {
    'multicluster.kubernetes.io/service-name': 'nginx',
    'multicluster.kubernetes.io/source-cluster': 'cluster-b',
    'endpointslice.kubernetes.io/managed-by': 'lighthouse-agent.submariner.io',
  });

  test('this rule does not report it', () => {
    expect(run(endpointSliceMissingServiceName, [mcsSlice])).toEqual([]);
  });

  test('no rule of the pack reports it (it belongs to a ServiceImport, not to a Service)', () => {
    const serviceImport = { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceImport', metadata: { name: 'nginx' }, spec: { type: 'ClusterSetIP', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } };
    expect(all([serviceImport, mcsSlice]).filter((f) => f.level !== 'info')).toEqual([]);
  });

  test('a slice with neither label is still reported', () => {
    expect(run(endpointSliceMissingServiceName, [slice('nginx-abc', undefined)])).toHaveLength(1);
  });
});
