import { isClusterScoped } from '../../src/model/cluster-scoped';

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
  ])('treats %s (%s) as cluster-scoped', (kind, apiVersion) => {
    expect(isClusterScoped(kind, apiVersion)).toBe(true);
  });

  test.each([
    ['Service', 'v1'],
    ['Role', 'rbac.authorization.k8s.io/v1'],
    ['Issuer', 'cert-manager.io/v1'],
    ['ProxyConfiguration', 'example.com/v1'],
  ])('treats %s (%s) as namespaced', (kind, apiVersion) => {
    expect(isClusterScoped(kind, apiVersion)).toBe(false);
  });
});
