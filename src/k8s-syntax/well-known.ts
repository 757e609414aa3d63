/**
 * The well-known labels and annotations of Service discovery that the constructs write and the model and checker read
 * (kubernetes/api discovery/v1/well_known_labels.go, core/v1/annotation_key_constants.go; the Multi-Cluster Services
 * API, KEP-1645). One definition each.
 */

/** The Service an EndpointSlice belongs to: kube-proxy and CoreDNS join slices to Services only by this label. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
/** The controller or user that manages an EndpointSlice. */
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
/** On Endpoints: the EndpointSliceMirroring controller does not copy them into EndpointSlices. */
export const SKIP_MIRROR_LABEL = 'endpointslice.kubernetes.io/skip-mirror';
/** On a Service or its slices: the Service is headless (set by the EndpointSlice controller). */
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
/** On Endpoints: a leader-election lock, not a Service's endpoints. */
export const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';
/** `managed-by` of the EndpointSliceMirroring controller's slices. */
export const MIRRORING_CONTROLLER = 'endpointslicemirroring-controller.k8s.io';
/** `managed-by` values of the built-in controllers. */
export const CONTROLLER_MANAGERS: readonly string[] = ['endpointslice-controller.k8s.io', MIRRORING_CONTROLLER];
/**
 * The ServiceImport a Multi-Cluster Services EndpointSlice belongs to (KEP-1645): such a slice has no
 * `kubernetes.io/service-name` on purpose, and the MCS implementation, not kube-proxy's Service, serves it.
 */
export const MCS_SERVICE_NAME_LABEL = 'multicluster.kubernetes.io/service-name';

/**
 * The labels of the pods of the cluster's own components in `kube-system`, which a cluster runs without any
 * application's manifests holding them: the control plane's static pods (kubeadm's manifests label them
 * `component: <name>`, `tier: control-plane`), kube-proxy's DaemonSet pods and the cluster DNS pods (kubeadm's addons:
 * `k8s-app: kube-proxy`, `k8s-app: kube-dns`). Monitoring charts (kube-prometheus-stack) put Services in `kube-system`
 * that select them.
 */
export const CLUSTER_COMPONENT_PODS: readonly { readonly [key: string]: string }[] = [
  ...['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd'].map((component) => ({ component, tier: 'control-plane' })),
  { 'k8s-app': 'kube-proxy' },
  { 'k8s-app': 'kube-dns' },
];

/**
 * The labels of pods that a cluster add-on makes by itself, in any namespace and for a short time, and that no
 * manifest holds: cert-manager's ACME HTTP-01 solver pods, one per Challenge, in the Challenge's namespace, labelled
 * `acme.cert-manager.io/http01-solver: "true"` (cert-manager pkg/apis/acme/v1 `SolverIdentificationLabelKey`). A
 * namespace with a default-deny NetworkPolicy needs a policy that lets the ingress controller reach them.
 */
export const ADD_ON_TRANSIENT_PODS: readonly { readonly [key: string]: string }[] = [
  { 'acme.cert-manager.io/http01-solver': 'true' },
];

/**
 * Helm's hook annotation. An object whose hooks are all tests (`test`, and Helm 2's `test-success` and `test-failure`,
 * which Helm 3 still runs) is made only by `helm test`, never by an install or upgrade, and Argo CD, which reads the
 * annotation on any manifest, has no equivalent and does not apply it (Helm docs, "Chart Tests"; Argo CD docs, "Helm
 * Hooks"). Even when `kubectl apply` of `helm template` output makes such a test Pod, it runs once to completion.
 */
export const HELM_HOOK_ANNOTATION = 'helm.sh/hook';

const HELM_TEST_HOOKS: ReadonlySet<string> = new Set(['test', 'test-success', 'test-failure']);

/** Whether `annotations` (an object's `metadata.annotations`, untyped) make it a Helm test hook and nothing else. */
export function isHelmTestHook(annotations: unknown): boolean {
  const value = annotations !== null && typeof annotations === 'object' ? (annotations as { [key: string]: unknown })[HELM_HOOK_ANNOTATION] : undefined;
  if (typeof value !== 'string') return false;
  const hooks = value.split(',').map((h) => h.trim()).filter((h) => h !== '');
  return hooks.length > 0 && hooks.every((h) => HELM_TEST_HOOKS.has(h));
}

/** The kinds that run to completion: only their Helm test hooks are exempt from being endpoints (`isHelmTestRun`). */
const RUN_TO_COMPLETION_KINDS: ReadonlySet<string> = new Set(['Pod', 'Job']);

/** An object as `isHelmTestRun` reads it: its untyped `kind`, `metadata` and `status`. */
export interface HelmTestCandidate {
  readonly kind?: unknown;
  readonly metadata?: unknown;
  readonly status?: unknown;
}

/**
 * Whether `run` (a Pod, or the owner of a pod template) is a Helm test run whose pods are never endpoints outside
 * `helm test`: a Pod or Job that is a Helm test hook and nothing else (`isHelmTestHook`), or a Pod whose controller
 * `owner` (its Job, when the input holds it) is one. A live export is taken literally: when `run` or `owner` has a
 * `status`, the pod exists right now and its readiness decides, so it is not a test run here. The one predicate of the
 * model's endpoint simulation (model/pods.ts, endpoints.ts) and of every rule (the checker's `endpointTemplatesOf`);
 * a Service may still take such pods as endpoints (`excludedFromEndpoints`). Other kinds are not exempt: a Deployment
 * annotated `helm.sh/hook: test` and applied with kubectl runs for good, and its pods are endpoints.
 */
export function isHelmTestRun(run: HelmTestCandidate, owner?: HelmTestCandidate): boolean {
  if (hasStatus(run) || (owner !== undefined && hasStatus(owner))) return false;
  return isTestRunKind(run) || (owner !== undefined && isTestRunKind(owner));
}

/** Whether `o` has a `status` object: a live export (model/pods.ts reads a Pod's the same way). */
export function hasStatus(o: HelmTestCandidate): boolean {
  return o.status !== null && typeof o.status === 'object' && !Array.isArray(o.status);
}

function isTestRunKind(o: HelmTestCandidate): boolean {
  if (typeof o.kind !== 'string' || !RUN_TO_COMPLETION_KINDS.has(o.kind)) return false;
  return isHelmTestHook(annotationsOf(o.metadata));
}

/**
 * Whether a Service (its untyped `metadata`) gets no endpoint from a pod, given whether that pod is a Helm test run
 * (`isHelmTestRun`): it does not, unless the Service is itself a Helm test hook (a mock server's Service that exists
 * only during `helm test`, together with the test Pods it selects).
 */
export function excludedFromEndpoints(helmTestRun: boolean, serviceMetadata: unknown): boolean {
  if (!helmTestRun) return false;
  const value = annotationsOf(serviceMetadata)?.[HELM_HOOK_ANNOTATION];
  return typeof value !== 'string' || !value.split(',').some((h) => HELM_TEST_HOOKS.has(h.trim()));
}

function annotationsOf(metadata: unknown): { [key: string]: unknown } | undefined {
  const a = metadata !== null && typeof metadata === 'object' ? (metadata as { [key: string]: unknown }).annotations : undefined;
  return a !== null && typeof a === 'object' ? a as { [key: string]: unknown } : undefined;
}
