import { check } from '../../../src/checks/engine';
import { apiVersionRemoved } from '../../../src/checks/rules/api-version-removed';
import { ClusterDns } from '../../../src/dns/cluster-dns';
import { ClusterModel } from '../../../src/model/cluster-model';
import { all, deployment, run, service, statefulSet } from '../builders';

/** An apps/v1beta1 StatefulSet as old tutorials ship it: no spec.selector (the old API set it from the template labels). */
function oldStatefulSet(apiVersion = 'apps/v1beta1') {
  const sts: any = statefulSet('web', 'nginx', { app: 'nginx' });
  delete sts.spec.selector;
  return { ...sts, apiVersion };
}

const headless = service('nginx', { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ name: 'pg', port: 5432 }] });

describe('api-version-removed', () => {
  test('reports nothing for current versions', () => {
    expect(run(apiVersionRemoved, [headless, statefulSet('web', 'nginx', { app: 'nginx' }), deployment('api')])).toEqual([]);
  });

  test.each([
    ['apps/v1beta1 StatefulSet', { apiVersion: 'apps/v1beta1', kind: 'StatefulSet' }, 'StatefulSet/default/x', /StatefulSet "x" uses apiVersion apps\/v1beta1, which Kubernetes stopped serving in v1\.16, so applying it fails \(no matches for kind "StatefulSet" in version "apps\/v1beta1"\)\. Fix: use apiVersion apps\/v1/],
    ['apps/v1beta2 DaemonSet', { apiVersion: 'apps/v1beta2', kind: 'DaemonSet' }, 'DaemonSet/default/x', /stopped serving in v1\.16.*Fix: use apiVersion apps\/v1\.$/],
    ['extensions/v1beta1 Deployment', { apiVersion: 'extensions/v1beta1', kind: 'Deployment' }, 'Deployment/default/x', /apiVersion extensions\/v1beta1, which Kubernetes stopped serving in v1\.16.*Fix: use apiVersion apps\/v1/],
    ['extensions/v1beta1 NetworkPolicy', { apiVersion: 'extensions/v1beta1', kind: 'NetworkPolicy' }, 'NetworkPolicy/default/x', /v1\.16.*Fix: use apiVersion networking\.k8s\.io\/v1\.$/],
    ['extensions/v1beta1 Ingress', { apiVersion: 'extensions/v1beta1', kind: 'Ingress' }, 'Ingress/default/x', /v1\.22.*Fix: use apiVersion networking\.k8s\.io\/v1 \(spec\.backend becomes spec\.defaultBackend/],
    ['networking.k8s.io/v1beta1 Ingress', { apiVersion: 'networking.k8s.io/v1beta1', kind: 'Ingress' }, 'Ingress/default/x', /v1\.22.*networking\.k8s\.io\/v1/],
    ['networking.k8s.io/v1beta1 IngressClass (cluster-scoped)', { apiVersion: 'networking.k8s.io/v1beta1', kind: 'IngressClass' }, 'IngressClass//x', /v1\.22/],
    ['discovery.k8s.io/v1beta1 EndpointSlice', { apiVersion: 'discovery.k8s.io/v1beta1', kind: 'EndpointSlice' }, 'EndpointSlice/default/x', /v1\.25.*discovery\.k8s\.io\/v1 \(per-endpoint topology/],
    ['batch/v1beta1 CronJob', { apiVersion: 'batch/v1beta1', kind: 'CronJob' }, 'CronJob/default/x', /v1\.25.*Fix: use apiVersion batch\/v1\.$/],
    ['policy/v1beta1 PodDisruptionBudget', { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget' }, 'PodDisruptionBudget/default/x', /v1\.25.*policy\/v1 \(an empty spec\.selector/],
    ['policy/v1beta1 PodSecurityPolicy (no replacement)', { apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy' }, 'PodSecurityPolicy//x', /v1\.25.*Fix: PodSecurityPolicy has no replacement; use Pod Security Admission/],
    ['rbac.authorization.k8s.io/v1beta1 ClusterRole', { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kind: 'ClusterRole' }, 'ClusterRole//x', /v1\.22.*rbac\.authorization\.k8s\.io\/v1\.$/],
    ['autoscaling/v2beta2 HorizontalPodAutoscaler', { apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler' }, 'HorizontalPodAutoscaler/default/x', /v1\.26.*autoscaling\/v2\.$/],
    ['flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema', { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind: 'FlowSchema' }, 'FlowSchema//x', /v1\.32/],
  ])('reports %s once, as an error naming the version that replaced it and the release that removed it', (_case, head, resource, message) => {
    const found = run(apiVersionRemoved, [{ ...head, metadata: { name: 'x' }, spec: { selector: {} } }]);
    expect(found).toEqual([{ rule: 'api-version-removed', level: 'error', resource, message: expect.stringMatching(message) }]);
  });

  test.each([
    ['a custom resource of a built-in kind name (apps.kruise.io/v1beta1 StatefulSet)', 'apps.kruise.io/v1beta1', 'StatefulSet'],
    ['a current version (batch/v1 CronJob)', 'batch/v1', 'CronJob'],
    ['a kind that never was in that version (apps/v1beta1 Ingress)', 'apps/v1beta1', 'Ingress'],
  ])('reports nothing for %s', (_case, apiVersion, kind) => {
    expect(run(apiVersionRemoved, [{ apiVersion, kind, metadata: { name: 'x' } }])).toEqual([]);
  });

  test('reports nothing for controller output of a live export: an extensions/v1beta1 ReplicaSet owned by its Deployment, as a 2019 kubectl get -o json wrote it', () => {
    const owned = {
      apiVersion: 'extensions/v1beta1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'db-7d4b578979',
        namespace: 'shop',
        uid: '6f637a60-0000-4000-8000-000000000001',
        resourceVersion: '37116270',
        labels: { 'app': 'db', 'pod-template-hash': '7d4b578979' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'db', controller: true, uid: '6f6143bc-0000-4000-8000-000000000002' }],
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: { 'app': 'db', 'pod-template-hash': '7d4b578979' } },
        template: { metadata: { labels: { 'app': 'db', 'pod-template-hash': '7d4b578979' } }, spec: { containers: [{ name: 'db', image: 'postgres' }] } },
      },
      status: { replicas: 1, readyReplicas: 1 },
    };
    expect(all([owned])).toEqual([]);
    const { ownerReferences: _owners, ...written } = owned.metadata;
    expect(run(apiVersionRemoved, [{ ...owned, metadata: written }])).toEqual([expect.objectContaining({ rule: 'api-version-removed', resource: 'ReplicaSet/shop/db-7d4b578979' })]);
  });

  test('an apps/v1beta1 StatefulSet without a selector gives exactly one finding, whose fix names the selector to add', () => {
    const found = all([headless, oldStatefulSet()]);
    expect(found).toEqual([expect.objectContaining({ rule: 'api-version-removed', level: 'error', resource: 'StatefulSet/default/web' })]);
    expect(found[0].message).toMatch(/Fix: use apiVersion apps\/v1 and add spec\.selector\.matchLabels \(app=nginx, the template labels\): apps\/v1 requires it, apps\/v1beta1 set it from the template labels\.$/);
  });

  test('an apps/v1beta2 StatefulSet without a selector is also reported by statefulset-invalid (v1beta2 required the selector too)', () => {
    expect(all([headless, oldStatefulSet('apps/v1beta2')]).map((f) => f.rule)).toEqual(['api-version-removed', 'statefulset-invalid']);
  });

  test('an extensions/v1beta1 Deployment without a selector next to its Service gives exactly one finding', () => {
    const d: any = { ...deployment('api'), apiVersion: 'extensions/v1beta1' };
    delete d.spec.selector;
    expect(all([service('api'), d]).map((f) => [f.rule, f.resource])).toEqual([['api-version-removed', 'Deployment/default/api']]);
  });

  test('the pods of an apps/v1beta1 StatefulSet without a selector still resolve, read as apps/v1', () => {
    const dns = ClusterDns.fromObjects([headless, oldStatefulSet()]);
    for (const pod of ['web-0', 'web-1']) {
      const r = dns.resolve(`${pod}.nginx.default.svc.cluster.local`);
      expect(r.rcode).toBe('NOERROR');
      expect(r.answers.map((a) => a.type)).toEqual(['A']);
    }
    expect(check(ClusterModel.fromObjects([headless, oldStatefulSet()])).success).toBe(false);
  });
});
