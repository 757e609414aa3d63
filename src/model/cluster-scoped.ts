/**
 * Which kinds are cluster-scoped: their objects have no namespace, do not make a namespace exist in the model, are
 * reported as `Kind//name`, and do not make a namespace count as described by the input. One predicate for the model
 * and every checker rule.
 */

/** Built-in and common add-on kinds without a namespace (`kubectl api-resources --namespaced=false`). */
const CLUSTER_SCOPED_KINDS = new Set([
  // core, rbac, apiextensions, apiregistration
  'Namespace', 'Node', 'PersistentVolume', 'ComponentStatus', 'ClusterRole', 'ClusterRoleBinding',
  'CustomResourceDefinition', 'APIService',
  // admissionregistration.k8s.io
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
  // storage, node, scheduling, networking, certificates, flowcontrol, resource, authn/authz
  'StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'VolumeAttributesClass', 'RuntimeClass', 'PriorityClass',
  'IngressClass', 'IPAddress', 'ServiceCIDR', 'CertificateSigningRequest', 'ClusterTrustBundle', 'FlowSchema',
  'PriorityLevelConfiguration', 'DeviceClass', 'ResourceSlice', 'StorageVersionMigration', 'TokenReview',
  'SubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SelfSubjectReview', 'PodSecurityPolicy',
  // common add-ons: cert-manager, external-secrets, Gateway API, Kyverno
  'ClusterIssuer', 'ClusterSecretStore', 'ClusterExternalSecret', 'GatewayClass', 'ClusterPolicy',
]);

/**
 * Kinds of the list whose name other API groups reuse for namespaced kinds (Cluster API's ipam.cluster.x-k8s.io
 * IPAddress): cluster-scoped only in the group given here, when the apiVersion is known.
 */
const GROUP_OF_SHARED_NAMES: { readonly [kind: string]: string } = {
  IPAddress: 'networking.k8s.io/',
  ServiceCIDR: 'networking.k8s.io/',
  ClusterPolicy: 'kyverno.io/',
};

/** True when objects of `kind` (of `apiVersion`, if known) have no namespace. */
export function isClusterScoped(kind: string | undefined, apiVersion?: string): boolean {
  if (!kind) return false;
  if (CLUSTER_SCOPED_KINDS.has(kind)) {
    const group = GROUP_OF_SHARED_NAMES[kind];
    return group === undefined || apiVersion === undefined || apiVersion.startsWith(group);
  }
  // admissionregistration.k8s.io: every *Configuration kind (webhook configurations of any version) is cluster-scoped
  return kind.endsWith('Configuration') && (apiVersion ?? '').startsWith('admissionregistration.k8s.io/');
}
