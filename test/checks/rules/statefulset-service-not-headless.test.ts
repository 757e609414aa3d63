import { statefulSetServiceNotHeadless } from '../../../src/checks/rules/statefulset-service-not-headless';
import { deployment, externalName, run, service, statefulSet } from '../builders';

const client = (host: string) => deployment('client', { app: 'client' }, [], { env: [{ name: 'DB_HOST', value: host }] });

describe('statefulset-service-not-headless', () => {
  test('reports nothing for a headless governing Service', () => {
    expect(run(statefulSetServiceNotHeadless, [service('db', { clusterIP: 'None', selector: { app: 'db' } }), statefulSet('db', 'db')])).toEqual([]);
  });

  test('reports a ClusterIP governing Service as a warning', () => {
    const found = run(statefulSetServiceNotHeadless, [service('db', { selector: { app: 'db' } }), statefulSet('db', 'db')]);
    expect(found).toEqual([expect.objectContaining({ level: 'warning', resource: 'StatefulSet/default/db' })]);
    expect(found[0].message).toMatch(/governed by Service "db", which is a ClusterIP Service with a cluster IP, not headless.*CoreDNS serves them.*Fix: use a headless Service \(clusterIP: None\)/);
  });

  test('keeps a ClusterIP governing Service a warning when the pod names are used (CoreDNS serves them, dns-rules 24)', () => {
    const found = run(statefulSetServiceNotHeadless, [service('db', { selector: { app: 'db' } }), statefulSet('db', 'db'), client('db-0.db')]);
    expect(found).toEqual([expect.objectContaining({ level: 'warning' })]);
    expect(found[0].message).toMatch(/; Deployment "client" uses "db-0\.db"\. Fix:/);
  });

  test.each([
    ['nothing uses the pod names', [], 'warning', /ExternalName Service, not headless, so its pods get no DNS names of their own \(nothing in the input uses them\)/],
    ['a workload uses one', [client('db-1.db')], 'error', /ExternalName Service, not headless, so its pods get no DNS names and "db-1\.db", used by Deployment "client", does not resolve/],
  ])('reports an ExternalName governing Service when %s', (_case, extra, level, message) => {
    const found = run(statefulSetServiceNotHeadless, [externalName('db', 'db.example.com'), statefulSet('db', 'db'), ...extra]);
    expect(found).toEqual([expect.objectContaining({ level, resource: 'StatefulSet/default/db', message: expect.stringMatching(message) })]);
  });
});
