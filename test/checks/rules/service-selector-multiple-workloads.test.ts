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
