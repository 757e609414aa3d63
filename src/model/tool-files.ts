/**
 * Documents of other tools' own files that repositories keep beside their manifests, shaped like objects (`apiVersion`
 * and `kind`, or `kind` alone) but read by the tool itself and never sent to an API server, which serves no such API.
 * Used by documents.ts (pure): in a file found in a folder such a document is skipped and listed, as a Helm values.yaml
 * is; in a file named as a path it is an error, as kubectl makes it.
 *
 * - kind's cluster configuration, which `kind create cluster --config` reads: the API group `kind.x-k8s.io` (kind
 *   `Cluster`; sigs.k8s.io/kind pkg/apis/config/v1alpha4 types.go). Multi-cluster demos (Liqo, Submariner, Cilium
 *   Cluster Mesh, Istio multi-primary) keep one per cluster beside their manifests.
 * - k3d's, which `k3d cluster create --config` reads: the API group `k3d.io` (kind `Simple`; k3d docs, "Using Config
 *   Files").
 * - Fission's spec folders (`fission spec init`, `fission function create --spec`): `ArchiveUploadSpec`, written
 *   without apiVersion, and `DeploymentConfig` of `fission.io`, which `fission spec apply` reads itself beside the
 *   Functions, Packages and Environments it applies (fission pkg/fission-cli/cmd/spec spec.go: "The following are not
 *   CRDs"; types/types.go: "local-only objects (like ArchiveUploadSpec)"). It dispatches on the kind alone. OpenShift's
 *   DeploymentConfig (`apps.openshift.io/v1`, `v1`) is an object.
 *
 * Without this, such a document was an object in namespace `default`, which then counted as a namespace the input
 * describes, or (an ArchiveUploadSpec: no apiVersion) an error that stopped the check.
 */

/** The API groups of tools' configuration files, which no API server serves: what the file is, and the command reading it. */
const TOOL_GROUPS: ReadonlyMap<string, { readonly what: string; readonly reader: string }> = new Map([
  ['kind.x-k8s.io', { what: 'a kind cluster configuration', reader: 'kind create cluster --config' }],
  ['k3d.io', { what: 'a k3d cluster configuration', reader: 'k3d cluster create --config' }],
]);

/** The kinds of Fission's spec folders that `fission spec apply` reads itself. */
const FISSION_SPEC_KINDS: ReadonlySet<string> = new Set(['ArchiveUploadSpec', 'DeploymentConfig']);

/**
 * Why a document of `kind` (and `apiVersion`, when it has one) is another tool's file, which the cluster never gets, or
 * undefined when it is not one.
 */
export function toolFileSkip(kind: string, apiVersion: string | undefined): string | undefined {
  const slash = apiVersion === undefined ? -1 : apiVersion.indexOf('/');
  const group = apiVersion !== undefined && slash > 0 ? apiVersion.slice(0, slash) : undefined;
  const tool = group === undefined ? undefined : TOOL_GROUPS.get(group);
  if (tool !== undefined) return `${tool.what} (${kind} of ${group}), which ${tool.reader} reads and the cluster never gets`;
  const fission = group === 'fission.io' || (apiVersion === undefined && kind === 'ArchiveUploadSpec');
  if (fission && FISSION_SPEC_KINDS.has(kind)) return `a Fission spec ${kind}, which fission spec apply reads and the cluster never gets`;
  return undefined;
}
