import * as path from 'path';
import { check } from '../../../src/checks/engine';
import { statefulSetServiceMissing } from '../../../src/checks/rules/statefulset-service-missing';
import { ClusterModel } from '../../../src/model/cluster-model';
import { loadManifests } from '../../../src/model/load';
import { deployment, externalName, run, service, statefulSet } from '../builders';

const headless = (name: string, meta: object = {}) => service(name, { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] }, meta);

/** A Deployment "client" whose container has `env` DB_HOST = host. */
const client = (host: string, meta: object = {}) => deployment('client', { app: 'client' }, [], { env: [{ name: 'DB_HOST', value: host }] }, meta);

describe('statefulset-service-missing', () => {
  test('reports nothing when the governing Service exists', () => {
    expect(run(statefulSetServiceMissing, [headless('db-headless'), statefulSet('db', 'db-headless')])).toEqual([]);
  });

  test('reports nothing when serviceName is not set (optional upstream)', () => {
    expect(run(statefulSetServiceMissing, [statefulSet('db', undefined)])).toEqual([]);
  });

  test('reports a missing Service, and one that exists only in another namespace, as a warning when nothing uses the pod names', () => {
    const found = run(statefulSetServiceMissing, [headless('db-headless', { namespace: 'other' }), statefulSet('db', 'db-headless')]);
    expect(found).toEqual([expect.objectContaining({ level: 'warning', resource: 'StatefulSet/default/db' })]);
    expect(found[0].message).toMatch(/serviceName "db-headless", but there is no Service "db-headless" in namespace "default"; a Service "db-headless" exists only in namespace "other", and serviceName always refers to the StatefulSet's own namespace, so its pods get no DNS names of their own \(db-0\.db-headless, \.\.\.\); the pods run, and nothing in the input uses those names\. Fix: create a headless Service/);
  });

  test('reports Argo CD\'s application controller (a StatefulSet without its Service) as one warning: the check succeeds', () => {
    const model = ClusterModel.fromDocuments(loadManifests([path.join(__dirname, '..', '..', 'fixtures', 'checks', 'argocd-controller')]));
    const result = check(model);
    expect(result.findings.map((f) => [f.rule, f.level, f.resource])).toEqual([
      ['statefulset-service-missing', 'warning', 'StatefulSet/default/argocd-application-controller'],
    ]);
    expect(result.success).toBe(true);
  });

  test.each([
    ['a workload env value, short name', [client('db-0.db-headless')], 'db-0.db-headless', 'Deployment "client"'],
    ['a workload env value, URL with port', [client('postgres://db-1.db-headless:5432/app')], 'db-1.db-headless', 'Deployment "client"'],
    ['a workload env value from another namespace, qualified', [client('db-0.db-headless.default.svc.cluster.local', { namespace: 'apps' })], 'db-0.db-headless.default.svc.cluster.local', 'Deployment "client"'],
    ['the StatefulSet\'s own args (peers)', [], 'db-0.db-headless.default', 'StatefulSet "db"'],
    ['an ExternalName target', [externalName('db-primary', 'db-0.db-headless.default.svc.cluster.local')], 'db-0.db-headless.default.svc.cluster.local', 'ExternalName Service "db-primary"'],
    ['a one-line ConfigMap value', [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { PEERS: 'db-0.db-headless:5432' } }], 'db-0.db-headless', 'ConfigMap "settings"'],
    ['several places, counted', [client('db-0.db-headless'), externalName('db-primary', 'db-1.db-headless.default.svc'), deployment('backup', { app: 'backup' }, [], { args: ['db-1.db-headless'] })],
      'db-0.db-headless', 'Deployment "client" (and 2 more places)'],
  ])('reports an error when the pod names are used: %s', (_case, extra, name, where) => {
    const sts = statefulSet('db', 'db-headless');
    if (where.startsWith('StatefulSet')) sts.spec.template.spec.containers[0].args = [`--peers=${name}:5432,db-1.db-headless.default:5432`];
    const found = run(statefulSetServiceMissing, [sts, ...extra]);
    expect(found).toEqual([expect.objectContaining({ level: 'error', resource: 'StatefulSet/default/db' })]);
    expect(found[0].message).toContain(`so its pods get no DNS names and "${name}", used by ${where}, does not resolve`);
  });

  test.each([
    ['another namespace\'s StatefulSet of that name', client('db-0.db-headless.other')],
    ['a host under another domain', client('db-0.db-headless.example.com')],
    ['a short name from another namespace', client('db-0.db-headless', { namespace: 'apps' })],
    ['a short ExternalName target (CNAME targets are absolute)', externalName('db-primary', 'db-0.db-headless')],
    ['another Service name', client('db-0.db')],
  ])('stays a warning when the text does not name these pods: %s', (_case, extra) => {
    const found = run(statefulSetServiceMissing, [statefulSet('db', 'db-headless'), extra]);
    expect(found.map((f) => f.level)).toEqual(['warning']);
  });
});
