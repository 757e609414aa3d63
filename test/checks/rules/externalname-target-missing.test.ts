import { check } from '../../../src/checks/engine';
import { externalNameTargetMissing } from '../../../src/checks/rules/externalname-target-missing';
import { ClusterModel } from '../../../src/model/cluster-model';
import { externalName, messages, run, service, deployment } from '../builders';

describe('externalname-target-missing', () => {
  test.each([
    ['an external host', [externalName('db', 'db.example.com')]],
    ['an existing in-cluster Service', [externalName('db', 'postgres.data.svc.cluster.local'), service('postgres', { selector: { app: 'pg' } }, { namespace: 'data' }), deployment('pg', { app: 'pg' }, undefined, {}, { namespace: 'data' })]],
    ['the Service ECK makes from an Elasticsearch of the input (<name>-es-http)',
      [externalName('search', 'logs-es-http.elastic.svc.cluster.local'), { apiVersion: 'elasticsearch.k8s.elastic.co/v1', kind: 'Elasticsearch', metadata: { name: 'logs', namespace: 'elastic' }, spec: {} }]],
    ['the Service the MariaDB Operator makes from a MariaDB of the input with Galera (<name>-primary)',
      [externalName('db', 'mariadb-primary.data.svc.cluster.local'), { apiVersion: 'k8s.mariadb.com/v1alpha1', kind: 'MariaDB', metadata: { name: 'mariadb', namespace: 'data' }, spec: { galera: { enabled: true } } }]],
  ])('reports nothing for %s', (_, objects) => {
    expect(run(externalNameTargetMissing, objects as any[])).toEqual([]);
  });

  test('reports nothing for the built-in kubernetes Service of namespace default', () => {
    expect(run(externalNameTargetMissing, [externalName('api-alias', 'kubernetes.default.svc.cluster.local')])).toEqual([]);
  });

  test('reports a name that only starts with an operator resource\'s name', () => {
    const es = { apiVersion: 'elasticsearch.k8s.elastic.co/v1', kind: 'Elasticsearch', metadata: { name: 'logs', namespace: 'elastic' }, spec: {} };
    expect(messages(externalNameTargetMissing, [externalName('search', 'logs-es-htp.elastic.svc.cluster.local'), es])[0]).toMatch(/no such name exists/);
  });

  test('reports a name beside an operator resource that its operator does not make', () => {
    const mariadb = { apiVersion: 'k8s.mariadb.com/v1alpha1', kind: 'MariaDB', metadata: { name: 'mariadb', namespace: 'data' }, spec: {} };
    expect(messages(externalNameTargetMissing, [externalName('db', 'mariadb-master.data.svc.cluster.local'), mariadb])[0]).toMatch(/no such name exists/);
  });

  test('reports the primary Service of a MariaDB without replication or Galera (the operator makes it only for HA)', () => {
    const mariadb = { apiVersion: 'k8s.mariadb.com/v1alpha1', kind: 'MariaDB', metadata: { name: 'mariadb', namespace: 'data' }, spec: { replicas: 1 } };
    expect(messages(externalNameTargetMissing, [externalName('db', 'mariadb-primary.data.svc.cluster.local'), mariadb])[0]).toMatch(/no such name exists/);
  });

  test('reports a missing Service in namespace default other than the built-in kubernetes', () => {
    expect(messages(externalNameTargetMissing, [externalName('api-alias', 'kube.default.svc.cluster.local')])[0]).toMatch(/no such name exists/);
  });

  test('reports nothing for a target in a namespace the manifests do not describe (another app)', () => {
    expect(run(externalNameTargetMissing, [externalName('db', 'postgres.data.svc.cluster.local')])).toEqual([]);
  });

  test('reports nothing for a target in namespace default when only cluster-scoped objects lack a namespace', () => {
    const objs = [
      externalName('db', 'postgres.default.svc.cluster.local', { namespace: 'app' }),
      { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'inject' }, webhooks: [] },
      { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'letsencrypt' }, spec: {} },
    ];
    expect(run(externalNameTargetMissing, objs)).toEqual([]);
  });

  test('reports an in-cluster target that does not exist', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'data' } };
    const found = run(externalNameTargetMissing, [ns, externalName('db', 'postgres.data.svc.cluster.local')]);
    expect(found[0]).toMatchObject({ level: 'error', resource: 'Service/default/db' });
    expect(found[0].message).toMatch(/ExternalName for "postgres.data.svc.cluster.local", inside the cluster domain, but no such name exists/);
  });

  test('reports a shortened in-cluster name (CNAME targets are not searched)', () => {
    const msgs = messages(externalNameTargetMissing, [externalName('db', 'postgres.data.svc'), service('postgres', {}, { namespace: 'data' })]);
    expect(msgs[0]).toMatch(/a shortened in-cluster name; CNAME targets are absolute.*Fix: set externalName to "postgres.data.svc.cluster.local"/);
  });

  test('reports a target in a namespace the manifests do not describe with complete (the input is the whole cluster)', () => {
    const model = ClusterModel.fromObjects([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'data' } }, externalName('db', 'postgres.dta.svc.cluster.local')]);
    expect(check(model, { rules: [externalNameTargetMissing] }).findings).toEqual([]);
    const found = check(model, { rules: [externalNameTargetMissing], complete: true }).findings;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ level: 'error', resource: 'Service/default/db' });
    expect(found[0].message).toMatch(/ExternalName for "postgres.dta.svc.cluster.local", inside the cluster domain, but the input, which --complete declares to be the whole cluster, has nothing in namespace "dta", so lookups return no address. Did you mean namespace "data"\?/);
  });

  test('reports nothing for the cluster DNS Service with complete', () => {
    const model = ClusterModel.fromObjects([externalName('dns', 'kube-dns.kube-system.svc.cluster.local')]);
    expect(check(model, { rules: [externalNameTargetMissing], complete: true }).findings).toEqual([]);
  });
});
