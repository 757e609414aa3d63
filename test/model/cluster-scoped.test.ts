import { isClusterScoped, namespaceMadeBy } from '../../src/model/cluster-scoped';

describe('isClusterScoped', () => {
  test.each([
    ['ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/v1'],
    ['MutatingWebhookConfiguration', 'admissionregistration.k8s.io/v1'],
    ['ClusterIssuer', 'cert-manager.io/v1'],
    ['APIService', 'apiregistration.k8s.io/v1'],
    ['RuntimeClass', 'node.k8s.io/v1'],
    ['CSIDriver', 'storage.k8s.io/v1'],
    ['CSINode', 'storage.k8s.io/v1'],
    ['StorageClass', 'storage.k8s.io/v1'],
    ['ClusterRoleBinding', 'rbac.authorization.k8s.io/v1'],
    ['Namespace', 'v1'],
    ['SomeFutureWebhookConfiguration', 'admissionregistration.k8s.io/v1alpha1'],
    ['IPAddress', 'networking.k8s.io/v1beta1'],
    ['ServiceCIDR', 'networking.k8s.io/v1'],
    ['ClusterPolicy', 'kyverno.io/v1'],
    ['IPAddress', undefined],
    ['Project', 'project.openshift.io/v1'],
    ['Project', 'v1'],
    ['ProjectRequest', 'project.openshift.io/v1'],
    ['SecurityContextConstraints', 'security.openshift.io/v1'],
    ['ClusterResourceQuota', 'quota.openshift.io/v1'],
    ['ConsoleLink', 'console.openshift.io/v1'],
  ])('treats %s (%s) as cluster-scoped', (kind, apiVersion) => {
    expect(isClusterScoped(kind, apiVersion)).toBe(true);
  });

  test.each([
    ['Service', 'v1'],
    ['Role', 'rbac.authorization.k8s.io/v1'],
    ['Issuer', 'cert-manager.io/v1'],
    ['ProxyConfiguration', 'example.com/v1'],
    ['IPAddress', 'ipam.cluster.x-k8s.io/v1beta1'],
    ['ServiceCIDR', 'example.com/v1'],
    ['ClusterPolicy', 'example.com/v1'],
    ['ClusterPolicy', 'kyverno.io'],
    ['Project', 'resourcemanager.cnrm.cloud.google.com/v1beta1'],
    ['Project', 'management.cattle.io/v3'],
  ])('treats %s (%s) as namespaced (including kind names that other API groups use cluster-scoped)', (kind, apiVersion) => {
    expect(isClusterScoped(kind, apiVersion)).toBe(false);
  });
});

describe('namespaceMadeBy', () => {
  test.each<[string, object, string | undefined]>([
    ['a Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }, 'shop'],
    ['an in-memory Namespace without apiVersion', { kind: 'Namespace', metadata: { name: 'shop' } }, 'shop'],
    ['an OpenShift Project', { apiVersion: 'project.openshift.io/v1', kind: 'Project', metadata: { name: 'shop' } }, 'shop'],
    ["OpenShift 3's legacy v1 Project", { apiVersion: 'v1', kind: 'Project', metadata: { name: 'shop' } }, 'shop'],
    ['an OpenShift ProjectRequest', { apiVersion: 'project.openshift.io/v1', kind: 'ProjectRequest', metadata: { name: 'shop' } }, 'shop'],
    ["Config Connector's Project", { apiVersion: 'resourcemanager.cnrm.cloud.google.com/v1beta1', kind: 'Project', metadata: { name: 'shop' } }, undefined],
    ["Rancher's Project", { apiVersion: 'management.cattle.io/v3', kind: 'Project', metadata: { name: 'shop', namespace: 'c-1' } }, undefined],
    ['a Namespace of another API group', { apiVersion: 'example.com/v1', kind: 'Namespace', metadata: { name: 'shop' } }, undefined],
    ['a Namespace without a name', { apiVersion: 'v1', kind: 'Namespace', metadata: {} }, undefined],
    ['a Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'shop' } }, undefined],
  ])('%s', (_, object, made) => {
    expect(namespaceMadeBy(object)).toBe(made);
  });
});
