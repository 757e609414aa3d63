import { serviceSelectorMultipleWorkloads } from '../../../src/checks/rules/service-selector-multiple-workloads';
import { deployment, messages, run, service } from '../builders';

describe('service-selector-multiple-workloads', () => {
  test('reports nothing when one workload matches', () => {
    expect(run(serviceSelectorMultipleWorkloads, [service('web'), deployment('web')])).toEqual([]);
  });

  test('reports when the selector also matches a canary', () => {
    const msgs = messages(serviceSelectorMultipleWorkloads, [service('web'), deployment('web'), deployment('web-canary', { app: 'web', track: 'canary' })]);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(/selects app=web, which matches the pods of 2 workloads \(Deployment "web", Deployment "web-canary"\).*Fix: add a label/);
  });
});

describe('service-selector-multiple-workloads on a live export', () => {
  test('counts a Deployment, its ReplicaSet and their Pods as one workload', () => {
    const rs: any = { ...deployment('web-5d8f'), kind: 'ReplicaSet', metadata: { name: 'web-5d8f', ownerReferences: [{ kind: 'Deployment', name: 'web' }] } };
    rs.spec.template.metadata.labels = { app: 'web' };
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-5d8f-abcde', labels: { app: 'web' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'web-5d8f' }] }, spec: { containers: [] } };
    expect(run(serviceSelectorMultipleWorkloads, [service('web'), deployment('web'), rs, pod])).toEqual([]);
  });
});
