import { statefulSetServiceNotHeadless } from '../../../src/checks/rules/statefulset-service-not-headless';
import { run, service, statefulSet } from '../builders';

describe('statefulset-service-not-headless', () => {
  test('reports nothing for a headless governing Service', () => {
    expect(run(statefulSetServiceNotHeadless, [service('db', { clusterIP: 'None', selector: { app: 'db' } }), statefulSet('db', 'db')])).toEqual([]);
  });

  test('reports a ClusterIP governing Service', () => {
    const found = run(statefulSetServiceNotHeadless, [service('db', { selector: { app: 'db' } }), statefulSet('db', 'db')]);
    expect(found[0]).toMatchObject({ level: 'warning', resource: 'StatefulSet/default/db' });
    expect(found[0].message).toMatch(/governed by Service "db", which is a ClusterIP Service with a cluster IP, not headless.*Fix: use a headless Service \(clusterIP: None\)/);
  });
});
