/**
 * Documents of other tools that repositories keep beside their manifests, shaped like objects (`apiVersion` and `kind`,
 * or `kind` alone) but read by the tool itself and never sent to an API server, which serves no such API. Pure.
 *
 * One table, by API group (indexes.ts `apiGroup`), with the kinds that are the tool's where the group has others that
 * are custom resources; `toolOf(kind, apiVersion)` looks a document up. Test tools and configuration files share it,
 * since both ask the same question of a document (whose own API is it?), rather than two tables of the same shape
 * with two parsings of the group; they differ only in what the rest of the file is, and so in how much is skipped and
 * what the entry says (`ToolApi.test`), which stays with each reader:
 * - a tool's configuration file (documents.ts): the document alone is the tool's. In a file found in a folder it is
 *   skipped and listed (`toolFileSkip`), as a Helm values.yaml is; in a file named as a path it is an error, as kubectl
 *   makes it.
 *   - kind's cluster configuration, which `kind create cluster --config` reads: the API group `kind.x-k8s.io` (kind
 *     `Cluster`; sigs.k8s.io/kind pkg/apis/config/v1alpha4 types.go), and `kind.sigs.k8s.io` before it (v1alpha3
 *     `Cluster`, v1alpha2 `Config`; pkg/apis/config/v1alpha3 register.go `GroupName`). Multi-cluster demos (Liqo,
 *     Submariner, Cilium Cluster Mesh, Istio multi-primary) keep one per cluster beside their manifests.
 *   - k3d's, which `k3d cluster create --config` reads: the API group `k3d.io` (kind `Simple`; k3d docs, "Using Config
 *     Files").
 *   - Fission's spec folders (`fission spec init`, `fission function create --spec`): `ArchiveUploadSpec`, written
 *     without apiVersion, and `DeploymentConfig` of `fission.io`, which `fission spec apply` reads itself beside the
 *     Functions, Packages and Environments it applies (fission pkg/fission-cli/cmd/spec spec.go: "The following are not
 *     CRDs"; types/types.go: "local-only objects (like ArchiveUploadSpec)"). It dispatches on the kind alone.
 *     OpenShift's DeploymentConfig (`apps.openshift.io/v1`, `v1`) is an object.
 * - an end-to-end test tool (e2e-tests.ts `testToolOf`): a file found in a folder with one of its documents is the
 *   test's whole, since its other documents are the test's steps and partial assertions; named as a path, it is read
 *   as any file. kuttl (`kuttl.dev`, and `TestSuite`, `TestStep` and `TestAssert` of KUDO's `kudo.dev`, whose other
 *   kinds, Operator and Instance, are custom resources), chainsaw (`chainsaw.kyverno.io`) and the Kyverno CLI
 *   (`cli.kyverno.io`).
 *
 * Without this, a configuration file was an object in namespace `default`, which then counted as a namespace the input
 * describes, or (an ArchiveUploadSpec: no apiVersion) an error that stopped the check. A reason quotes a kind cut to
 * 40 characters, as documents.ts quotes a value: a hostile kind of megabytes makes no message of megabytes.
 */
import { shortText } from './display';
import { apiGroup } from './indexes';

/** A tool whose own documents are shaped like objects: an end-to-end test tool, or a tool with configuration files. */
export type ToolApi = TestToolApi | ConfigToolApi;

interface ToolApiBase {
  /** The tool, as messages name it: `kind`, `k3d`, `Fission`, `kuttl`, `chainsaw`, `kyverno`. */
  readonly tool: string;
  /** The command that reads its documents: `kind create cluster --config`, `kubectl kuttl test`. */
  readonly command: string;
  /** Its kinds, where the group has other kinds (custom resources). @default - every kind of the group */
  readonly kinds?: ReadonlySet<string>;
}

/** An end-to-end test tool: a file with one of its documents is the test's whole (e2e-tests.ts). */
interface TestToolApi extends ToolApiBase {
  readonly test: true;
}

/** A tool with configuration files: its document alone is the tool's (`toolFileSkip`). */
interface ConfigToolApi extends ToolApiBase {
  readonly test: false;
  /** What its document of `kind` (of `group`: '' without apiVersion) is: `a k3d cluster configuration (Simple of k3d.io)`. */
  readonly what: (kind: string, group: string) => string;
}

const cluster = (tool: string) => (kind: string, group: string) => `a ${tool} cluster configuration (${shortText(kind)} of ${group})`;
const KIND: ConfigToolApi = { tool: 'kind', command: 'kind create cluster --config', test: false, what: cluster('kind') };
const FISSION: ConfigToolApi = {
  tool: 'Fission',
  command: 'fission spec apply',
  test: false,
  kinds: new Set(['ArchiveUploadSpec', 'DeploymentConfig']),
  what: (kind) => `a Fission spec ${kind}`,
};
const KUTTL: TestToolApi = { tool: 'kuttl', command: 'kubectl kuttl test', test: true };

/** The tools, by the API group of their documents. */
const TOOL_GROUPS: ReadonlyMap<string, ToolApi> = new Map<string, ToolApi>([
  ['kind.x-k8s.io', KIND],
  ['kind.sigs.k8s.io', KIND],
  ['k3d.io', { tool: 'k3d', command: 'k3d cluster create --config', test: false, what: cluster('k3d') }],
  ['fission.io', FISSION],
  ['kuttl.dev', KUTTL],
  ['kudo.dev', { ...KUTTL, kinds: new Set(['TestSuite', 'TestStep', 'TestAssert']) }],
  ['chainsaw.kyverno.io', { tool: 'chainsaw', command: 'chainsaw test', test: true }],
  ['cli.kyverno.io', { tool: 'kyverno', command: 'kyverno test', test: true }],
]);

/** The tools, by the kind of their documents written without apiVersion. */
const WITHOUT_API_VERSION: ReadonlyMap<string, ToolApi> = new Map<string, ToolApi>([['ArchiveUploadSpec', FISSION]]);

/** The tool whose own document one of `kind` and `apiVersion` (undefined: none written) is, or undefined. */
export function toolOf(kind: string, apiVersion: string | undefined): ToolApi | undefined {
  const tool = apiVersion === undefined ? WITHOUT_API_VERSION.get(kind) : TOOL_GROUPS.get(apiGroup(apiVersion));
  return tool !== undefined && (tool.kinds === undefined || tool.kinds.has(kind)) ? tool : undefined;
}

/**
 * Why a document of `kind` (and `apiVersion`, when it has one) is another tool's configuration file, which the cluster
 * never gets, with the tool's command that reads it; undefined when it is not one (a test tool's document is
 * e2e-tests.ts's).
 */
export function toolFileSkip(kind: string, apiVersion: string | undefined): { readonly reason: string; readonly command: string } | undefined {
  const tool = toolOf(kind, apiVersion);
  if (tool === undefined || tool.test) return undefined;
  const what = tool.what(kind, apiVersion === undefined ? '' : apiGroup(apiVersion));
  return { reason: `${what}, which ${tool.command} reads and the cluster never gets`, command: tool.command };
}
