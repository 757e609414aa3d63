import { statefulSetServiceNotSelecting } from '../../../src/checks/rules/statefulset-service-not-selecting';
import { deployment, messages, run, service, statefulSet } from '../builders';

describe('statefulset-service-not-selecting', () => {
  test('reports nothing when the Service selects the pods', () => {
    expect(run(statefulSetServiceNotSelecting, [service('db', { clusterIP: 'None', selector: { app: 'db' } }), statefulSet('db', 'db')])).toEqual([]);
  });

  test('reports a Service whose selector misses the pods as a warning when nothing uses the pod names', () => {
    const found = run(statefulSetServiceNotSelecting, [service('db', { clusterIP: 'None', selector: { app: 'database' } }), statefulSet('db', 'db')]);
    expect(found).toEqual([expect.objectContaining({ level: 'warning', resource: 'StatefulSet/default/db' })]);
    expect(found[0].message).toMatch(/which selects app=database but the pod template has app=db, so the pods are not its endpoints and their DNS names do not resolve \(nothing in the input uses them\)/);
  });

  test('reports an error when a workload uses the pod names', () => {
    const client = deployment('client', { app: 'client' }, [], { args: ['--db=db-0.db.default.svc:5432'] });
    const found = run(statefulSetServiceNotSelecting, [service('db', { clusterIP: 'None', selector: { app: 'database' } }), statefulSet('db', 'db'), client]);
    expect(found).toEqual([expect.objectContaining({ level: 'error', message: expect.stringMatching(/; "db-0\.db\.default\.svc", used by Deployment "client", does not resolve\. Fix:/) })]);
  });

  test('reports nothing for the StatefulSet of a Prometheus in the input (a live dump: the Prometheus stands for its pods)', () => {
    const prometheus = { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'k8s' }, spec: { replicas: 2 } };
    const owner = { ownerReferences: [{ apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', name: 'k8s', controller: true }] };
    const labels = { 'app.kubernetes.io/name': 'prometheus', 'prometheus': 'k8s' };
    const governing = service('prometheus-operated', { clusterIP: 'None', selector: { 'app.kubernetes.io/name': 'prometheus' } });
    expect(run(statefulSetServiceNotSelecting, [prometheus, statefulSet('prometheus-k8s', 'prometheus-operated', labels, {}, owner), governing])).toEqual([]);
  });

  test('reports a selectorless governing Service', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None' } };
    expect(messages(statefulSetServiceNotSelecting, [svc, statefulSet('db', 'db')])[0]).toMatch(/which has no selector/);
  });
});
