import { namespaceImplicit } from '../../../src/checks/rules/namespace-implicit';
import { all, deployment, run, service } from '../builders';

describe('namespace-implicit', () => {
  test('reports nothing when no object names a namespace', () => {
    expect(run(namespaceImplicit, [service('web'), deployment('web')])).toEqual([]);
  });

  test('reports objects without namespace next to objects that name one', () => {
    const found = run(namespaceImplicit, [service('web', {}, { namespace: 'prod' }), deployment('web')]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ level: 'info', resource: 'Deployment/default/web' });
    expect(found[0].message).toMatch(/has no metadata.namespace and was checked as namespace "default", while other objects name namespace "prod"/);
  });

  test('reports nothing when --default-namespace names the namespace the objects are applied to', () => {
    const objs = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns-custom', namespace: 'kube-system' } }, service('web'), deployment('web')];
    expect(run(namespaceImplicit, objs).map((f) => f.resource)).toEqual(['Deployment/default/web', 'Service/default/web']);
    expect(run(namespaceImplicit, objs, { defaultNamespace: 'argo' })).toEqual([]);
  });

  test('treats a missing namespace as the default namespace consistently across rules', () => {
    // Service explicitly in "prod", Deployment implicit: with --default-namespace prod they meet (kube-score#443).
    const objs = [service('web', {}, { namespace: 'prod' }), deployment('web')];
    expect(all(objs, { defaultNamespace: 'prod' })).toEqual([]);
    expect(all(objs).map((f) => f.rule)).toContain('service-selector-no-match');
  });

  test('reports nothing for cluster-scoped objects (webhook configurations, ClusterIssuer, RuntimeClass) without namespace', () => {
    const objs = [
      service('web', {}, { namespace: 'prod' }),
      { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'policy' }, webhooks: [] },
      { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'letsencrypt' }, spec: {} },
      { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler: 'runsc' },
    ];
    expect(run(namespaceImplicit, objs)).toEqual([]);
  });

  test('reports nothing for OpenShift cluster-scoped objects (Project, SecurityContextConstraints) without namespace', () => {
    // an OpenShift app repository: the Project its objects go into and the SCC its service account uses
    const objs = [
      { apiVersion: 'project.openshift.io/v1', kind: 'Project', metadata: { name: 'shop' } },
      { apiVersion: 'v1', kind: 'Project', metadata: { name: 'shop-legacy' } },
      {
        apiVersion: 'security.openshift.io/v1',
        kind: 'SecurityContextConstraints',
        metadata: { name: 'shop-scc' },
        runAsUser: { type: 'RunAsAny' },
        seLinuxContext: { type: 'MustRunAs' },
        users: ['system:serviceaccount:shop:web'],
      },
      service('web', {}, { namespace: 'shop' }),
      deployment('web', { app: 'web' }, [{ containerPort: 8080 }], {}, { namespace: 'shop' }),
    ];
    expect(run(namespaceImplicit, objs)).toEqual([]);
  });

  test('counts only namespaced objects, other than the default namespace, as naming a namespace', () => {
    // a cluster-scoped object with a stray metadata.namespace, and an object in the default namespace, name none
    const objs = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod', namespace: 'prod' } },
      service('api', {}, { namespace: 'default' }),
      deployment('web'),
    ];
    expect(run(namespaceImplicit, objs)).toEqual([]);
  });

  test('quotes at most three of the named namespaces, sorted, and says how many more there are', () => {
    // the shape of a cdk8s app whose charts name cert-manager, kube-system, metrics and nextcloud beside charts
    // without a namespace: the fourth namespace was left out of the message without a word
    const objs = ['nextcloud', 'kube-system', 'metrics', 'cert-manager'].map((ns) => service(`svc-${ns}`, {}, { namespace: ns }));
    const found = run(namespaceImplicit, [...objs, deployment('web'), service('web')]);
    expect(found.map((f) => f.resource)).toEqual(['Deployment/default/web', 'Service/default/web']);
    for (const f of found) expect(f.message).toContain('other objects name namespaces "cert-manager", "kube-system", "metrics" and 1 more. Fix:');
  });

  test('quotes all of two or three named namespaces without a count', () => {
    const objs = ['b', 'a'].map((ns) => service(`svc-${ns}`, {}, { namespace: ns }));
    const found = run(namespaceImplicit, [...objs, deployment('web')]);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('other objects name namespaces "a", "b". Fix:');
  });
});
