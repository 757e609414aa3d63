/**
 * Which kinds are cluster-scoped: their objects have no namespace, do not make a namespace exist in the model, are
 * reported as `Kind//name`, and do not make a namespace count as described by the input. One predicate for the model
 * and every checker rule.
 */
import { apiGroup } from './indexes';
import { asRecord, builtinKind, KubeObject, nonEmptyString } from './manifest';

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
  // OpenShift kinds that application repositories ship (project, security, quota and console.openshift.io)
  'Project', 'ProjectRequest', 'SecurityContextConstraints', 'ClusterResourceQuota', 'ConsoleLink', 'ConsoleCLIDownload',
  'ConsoleNotification', 'ConsoleYAMLSample', 'ConsoleQuickStart', 'ConsolePlugin', 'ConsoleExternalLogLink',
]);

/**
 * Kinds of the list whose name other API groups reuse for namespaced kinds (Cluster API's ipam.cluster.x-k8s.io
 * IPAddress, Config Connector's and Rancher's Project): cluster-scoped only in the API groups given here ('' is the
 * core group: OpenShift 3 served its kinds as legacy `v1`), when the apiVersion is known.
 */
const GROUPS_OF_SHARED_NAMES: { readonly [kind: string]: readonly string[] } = {
  IPAddress: ['networking.k8s.io'],
  ServiceCIDR: ['networking.k8s.io'],
  ClusterPolicy: ['kyverno.io'],
  Project: ['project.openshift.io', ''],
  ProjectRequest: ['project.openshift.io', ''],
};

/** True when objects of `kind` (of `apiVersion`, if known) have no namespace. */
export function isClusterScoped(kind: string | undefined, apiVersion?: string): boolean {
  if (!kind) return false;
  if (CLUSTER_SCOPED_KINDS.has(kind)) {
    const groups = GROUPS_OF_SHARED_NAMES[kind];
    return groups === undefined || apiVersion === undefined || groups.includes(apiGroup(apiVersion));
  }
  // admissionregistration.k8s.io: every *Configuration kind (webhook configurations of any version) is cluster-scoped
  return kind.endsWith('Configuration') && (apiVersion ?? '').startsWith('admissionregistration.k8s.io/');
}

/** The kinds whose object makes the namespace of its name: OpenShift's Project and ProjectRequest make theirs. */
const NAMESPACE_MAKERS = new Set(['Project', 'ProjectRequest']);

/**
 * The namespace an object makes exist, or undefined: a core `Namespace` names it; so do OpenShift's `Project` and
 * `ProjectRequest` (project.openshift.io, or OpenShift 3's legacy `v1`), since the project API creates the namespace of
 * the project's name (OpenShift docs, "Working with projects"). Config Connector's and Rancher's Projects make none.
 */
export function namespaceMadeBy(object: KubeObject): string | undefined {
  const kind = object.kind;
  const makes = builtinKind(object) === 'Namespace'
    || (typeof kind === 'string' && NAMESPACE_MAKERS.has(kind) && typeof object.apiVersion === 'string' && isClusterScoped(kind, object.apiVersion));
  return makes ? nonEmptyString(asRecord(object.metadata)?.name) : undefined;
}
