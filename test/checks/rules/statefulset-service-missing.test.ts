import { statefulSetServiceMissing } from '../../../src/checks/rules/statefulset-service-missing';
import { run, service, statefulSet } from '../builders';

const headless = (name: string, meta: object = {}) => service(name, { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] }, meta);

describe('statefulset-service-missing', () => {
  test('reports nothing when the governing Service exists', () => {
    expect(run(statefulSetServiceMissing, [headless('db-headless'), statefulSet('db', 'db-headless')])).toEqual([]);
  });

  test('reports nothing when serviceName is not set (optional upstream)', () => {
    expect(run(statefulSetServiceMissing, [statefulSet('db', undefined)])).toEqual([]);
  });

  test('reports a missing Service, and one that exists only in another namespace', () => {
    const found = run(statefulSetServiceMissing, [headless('db-headless', { namespace: 'other' }), statefulSet('db', 'db-headless')]);
    expect(found[0]).toMatchObject({ level: 'error', resource: 'StatefulSet/default/db' });
    expect(found[0].message).toMatch(/serviceName "db-headless", but there is no Service "db-headless" in namespace "default"; a Service "db-headless" exists only in namespace "other".*Fix: create a headless Service/);
  });
});
