/**
 * API versions that no current API server serves (Kubernetes "Deprecated API Migration Guide",
 * kubernetes.io/docs/reference/using-api/deprecation-guide/): `removedApi(obj)` names the version that replaced one and
 * the release that stopped serving it; `asServedVersion(obj)` reads such an object as its replacement would, with the
 * defaults the old version applied and the new one dropped, so that one outdated `apiVersion` gives one finding (rule
 * api-version-removed) and every other rule and the resolver judge the object as its current version.
 *
 * The resolver needs nothing more: `builtinKind` (manifest.ts) reads a kind by its API group, whatever the version, and
 * none of the fields it reads changed between these versions. Pure.
 */
import { KubeObject, asRecord } from './manifest';

/** One API version of one kind that is no longer served. */
export interface RemovedApi {
  /** `apps/v1beta1`. */
  readonly apiVersion: string;
  readonly kind: string;
  /** The version to use instead (`apps/v1`); undefined when the API was removed without a replacement. */
  readonly replacement?: string;
  /** The release that stopped serving it, e.g. `v1.16`. */
  readonly removedIn: string;
  /** What to use when there is no replacement. */
  readonly instead?: string;
  /**
   * The old version set `spec.selector` to the template labels when it was missing (apps/v1beta1, extensions/v1beta1);
   * the replacement requires it.
   */
  readonly defaultedSelector?: boolean;
  /** A change to make besides the apiVersion, from the guide's "notable changes". */
  readonly change?: string;
}

/** `[apiVersions, kinds, replacement, removedIn, options]`, as the guide lists them by release. */
type Row = readonly [readonly string[], readonly string[], string | undefined, string, Partial<RemovedApi>?];

const APPS_WORKLOADS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];
const STORAGE_V122 = ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'];
const RBAC = ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'];
const ACCESS_REVIEWS = ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview'];
const FLOW_CONTROL = ['FlowSchema', 'PriorityLevelConfiguration'];

const ROWS: readonly Row[] = [
  // v1.16
  [['apps/v1beta1'], ['Deployment', 'StatefulSet', 'ReplicaSet'], 'apps/v1', 'v1.16', { defaultedSelector: true }],
  [['apps/v1beta1', 'apps/v1beta2'], ['ControllerRevision'], 'apps/v1', 'v1.16'],
  [['apps/v1beta2'], APPS_WORKLOADS, 'apps/v1', 'v1.16'],
  [['extensions/v1beta1'], ['Deployment', 'DaemonSet', 'ReplicaSet'], 'apps/v1', 'v1.16', { defaultedSelector: true }],
  [['extensions/v1beta1'], ['NetworkPolicy'], 'networking.k8s.io/v1', 'v1.16'],
  [['extensions/v1beta1'], ['PodSecurityPolicy'], undefined, 'v1.16', { instead: 'Pod Security Admission (PodSecurityPolicy was removed altogether in v1.25)' }],
  // v1.22
  [['extensions/v1beta1', 'networking.k8s.io/v1beta1'], ['Ingress'], 'networking.k8s.io/v1', 'v1.22', { change: 'spec.backend becomes spec.defaultBackend, serviceName/servicePort become service.name and service.port.number or .name, and every path needs a pathType' }],
  [['networking.k8s.io/v1beta1'], ['IngressClass'], 'networking.k8s.io/v1', 'v1.22'],
  [['admissionregistration.k8s.io/v1beta1'], ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], 'admissionregistration.k8s.io/v1', 'v1.22'],
  [['apiextensions.k8s.io/v1beta1'], ['CustomResourceDefinition'], 'apiextensions.k8s.io/v1', 'v1.22'],
  [['apiregistration.k8s.io/v1beta1'], ['APIService'], 'apiregistration.k8s.io/v1', 'v1.22'],
  [['authentication.k8s.io/v1beta1'], ['TokenReview'], 'authentication.k8s.io/v1', 'v1.22'],
  [['authorization.k8s.io/v1beta1'], ACCESS_REVIEWS, 'authorization.k8s.io/v1', 'v1.22'],
  [['certificates.k8s.io/v1beta1'], ['CertificateSigningRequest'], 'certificates.k8s.io/v1', 'v1.22'],
  [['coordination.k8s.io/v1beta1'], ['Lease'], 'coordination.k8s.io/v1', 'v1.22'],
  [['rbac.authorization.k8s.io/v1beta1'], RBAC, 'rbac.authorization.k8s.io/v1', 'v1.22'],
  [['scheduling.k8s.io/v1beta1'], ['PriorityClass'], 'scheduling.k8s.io/v1', 'v1.22'],
  [['storage.k8s.io/v1beta1'], STORAGE_V122, 'storage.k8s.io/v1', 'v1.22'],
  // v1.25
  [['batch/v1beta1'], ['CronJob'], 'batch/v1', 'v1.25'],
  [['discovery.k8s.io/v1beta1'], ['EndpointSlice'], 'discovery.k8s.io/v1', 'v1.25', { change: 'per-endpoint topology becomes nodeName and zone' }],
  [['events.k8s.io/v1beta1'], ['Event'], 'events.k8s.io/v1', 'v1.25'],
  [['autoscaling/v2beta1'], ['HorizontalPodAutoscaler'], 'autoscaling/v2', 'v1.25'],
  [['policy/v1beta1'], ['PodDisruptionBudget'], 'policy/v1', 'v1.25', { change: 'an empty spec.selector selects every pod of the namespace in policy/v1' }],
  [['policy/v1beta1'], ['PodSecurityPolicy'], undefined, 'v1.25', { instead: 'Pod Security Admission' }],
  [['node.k8s.io/v1beta1'], ['RuntimeClass'], 'node.k8s.io/v1', 'v1.25'],
  // v1.26, v1.27, v1.29, v1.32
  [['flowcontrol.apiserver.k8s.io/v1beta1'], FLOW_CONTROL, 'flowcontrol.apiserver.k8s.io/v1', 'v1.26'],
  [['autoscaling/v2beta2'], ['HorizontalPodAutoscaler'], 'autoscaling/v2', 'v1.26'],
  [['storage.k8s.io/v1beta1'], ['CSIStorageCapacity'], 'storage.k8s.io/v1', 'v1.27'],
  [['flowcontrol.apiserver.k8s.io/v1beta2'], FLOW_CONTROL, 'flowcontrol.apiserver.k8s.io/v1', 'v1.29'],
  [['flowcontrol.apiserver.k8s.io/v1beta3'], FLOW_CONTROL, 'flowcontrol.apiserver.k8s.io/v1', 'v1.32'],
];

/** `apiVersion NUL kind` -> the removed API. */
const REMOVED: ReadonlyMap<string, RemovedApi> = new Map(ROWS.flatMap(([versions, kinds, replacement, removedIn, options]) =>
  versions.flatMap((apiVersion) => kinds.map((kind): [string, RemovedApi] =>
    [`${apiVersion}\u0000${kind}`, { apiVersion, kind, replacement, removedIn, ...options }]))));

/** The removed API an object is written in, or undefined (current, unknown or malformed `apiVersion`/`kind`). */
export function removedApi(obj: KubeObject | undefined): RemovedApi | undefined {
  const apiVersion = obj?.apiVersion;
  const kind = obj?.kind;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  return REMOVED.get(`${apiVersion}\u0000${kind}`);
}

/**
 * The object as its current version reads it: `apiVersion` replaced and, where the old version defaulted it, a missing
 * `spec.selector` set to `matchLabels` of the template labels (what the old API server stored, and what the guide says
 * to write: "use the existing template labels as the selector"). Other objects are returned as they are (the same
 * object); the input is never changed.
 */
export function asServedVersion(obj: KubeObject): KubeObject {
  const removed = removedApi(obj);
  if (!removed?.replacement) return obj;
  const out: KubeObject = { ...obj, apiVersion: removed.replacement };
  const spec = asRecord(obj.spec);
  if (removed.defaultedSelector && spec && (spec.selector === undefined || spec.selector === null)) {
    const labels = asRecord(asRecord(asRecord(spec.template)?.metadata)?.labels);
    return { ...out, spec: { ...spec, selector: { matchLabels: labels ?? {} } } };
  }
  return out;
}
