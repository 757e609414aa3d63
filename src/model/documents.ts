/**
 * Which parsed documents are Kubernetes objects (pure: no fs). Used by load.ts for YAML and JSON text, on any thread.
 *
 * - `manifestDocuments(docs, file, options?)`: the objects of a file's parsed documents, with their sources (the line of
 *   each document and List item from `options.lines`): `kind: List` documents expanded into their items (one level: a
 *   List inside a List is an error; the items of a typed List without kind and apiVersion get the List's, as kubectl
 *   gives them), null documents skipped.
 * - Refused wherever they are (`ManifestError` naming the file, document and item): a document that is not a mapping,
 *   except a list found in a folder (below); one shaped like an object (`kind` or `metadata` at the top) but without
 *   `apiVersion` or `kind`, which kubectl refuses ("apiVersion not set", "kind not set") and would otherwise be passed
 *   over in silence (a Service without apiVersion is no Service to the cluster), except another tool's own (a Fission
 *   spec ArchiveUploadSpec, below); one whose apiVersion is an API group without its version
 *   (`networking.k8s.io`), which kubectl cannot map ("no matches for kind"); and a kind the resolver reads without
 *   `metadata.name`.
 * - Other documents are not objects at all: a Helm values.yaml (none of `apiVersion`, `kind`, `metadata`) or Chart.yaml
 *   (only `apiVersion`), a kustomization.yaml (also with `kind: Kustomization` or `Component`, with or without the
 *   `apiVersion` that kustomize fills in), a docker-compose file, other tools' configuration files shaped like objects (a
 *   kind or k3d cluster configuration, a Fission spec ArchiveUploadSpec written without apiVersion: tool-files.ts
 *   `toolFileSkip`, listed with the tool's command that reads it); and documents that are lists of no objects
 *   (an Ansible playbook, a JSON patch).
 *   In a file found in a folder they are skipped and listed in `options.skipped` (a kustomization with `helmCharts`
 *   with its document, for the chart releases it makes); in a file named as a path (`options.named`), or standard
 *   input, they are an error, as kubectl makes them.
 * - A file found in a folder with a document of a test tool's own API (a kuttl TestStep or TestAssert, a chainsaw Test:
 *   e2e-tests.ts `testDocumentSkip`) is skipped whole, unchecked: its other documents are a test's steps and partial
 *   assertions (a Deployment of only `status`). Named as a path, it is read as any file.
 */
import { shortText } from './display';
import { testDocumentSkip } from './e2e-tests';
import { KubeObject, ManifestDocument, ManifestSource, SkippedInput, asArray, asRecord, safeString, nonEmptyString } from './manifest';
import { isUnfilled } from './placeholders';
import { toolFileSkip } from './tool-files';
import type { DocumentLines, YamlDuplicateKey } from './yaml-read';

/** A problem with an input file; `message` is one line naming the file (and document). */
export class ManifestError extends Error {
  public constructor(message: string, public readonly file?: string, public readonly document?: number) {
    super(message);
    this.name = 'ManifestError';
  }
}

/**
 * The `ManifestError` of an input larger than the most bytes its read takes (input-files.ts), told apart from other
 * read errors by gitops-roots.ts, which reports a file too large to search.
 */
export class InputTooLargeError extends ManifestError {
  public constructor(message: string, file?: string) {
    super(message, file);
    this.name = 'InputTooLargeError';
  }
}

/** Kinds the resolver reads: they must have a name. */
const NAMED_KINDS = new Set(['Service', 'EndpointSlice', 'Endpoints', 'Pod', 'StatefulSet', 'Deployment', 'ReplicaSet', 'DaemonSet', 'Namespace']);

/** How a file's documents are read. */
export interface DocumentOptions {
  /**
   * The text was named as a path (or is standard input): a mapping that is not a Kubernetes object is an error, as
   * kubectl makes it. Else (a file found in a folder) it is skipped and listed in `skipped`.
   * @default false
   */
  readonly named?: boolean;
  /** Where skipped documents are listed. @default - not listed */
  readonly skipped?: SkippedInput[];
  /** The keys given twice, by document. @default - none */
  readonly duplicates?: readonly YamlDuplicateKey[];
  /**
   * The 1-based line where each document starts, and each item of a List document (`ManifestSource.line`).
   * @default - none
   */
  readonly lines?: DocumentLines;
}

/**
 * The Kubernetes objects of parsed documents: Lists expanded, other mappings skipped (or refused, `options.named`),
 * problems thrown; the keys given twice go to their document's source.
 */
export function manifestDocuments(docs: readonly unknown[], file: string, options: DocumentOptions = {}): ManifestDocument[] {
  // a kuttl TestStep or TestAssert, a chainsaw Test: the file is a test's, its other documents steps or partial assertions
  const test = options.named ? undefined : testDocumentSkip(file, docs);
  if (test !== undefined) {
    options.skipped?.push(test);
    return [];
  }
  const out: ManifestDocument[] = [];
  const duplicates = options.duplicates ?? [];
  const keep = (d: unknown, source: ManifestSource) => {
    const problem = objectProblem(d, source.file, source.item !== undefined);
    if (problem === undefined) return true;
    if (problem.skip === undefined || options.named) {
      throw new ManifestError(`${where(source)}: ${problem.error ?? `not a Kubernetes object (${problem.skip}); kubectl refuses it (in a file found in a folder it would be skipped)`}`, source.file, source.document);
    }
    const reason = problem.skip + (source.item === undefined ? '' : ` (item ${source.item + 1})`);
    const skipped: SkippedInput = problem.kustomize ? { file: source.file, document: source.document, reason, kustomize: true }
      : problem.toolCommand !== undefined ? { file: source.file, document: source.document, reason, toolCommand: problem.toolCommand }
        : { file: source.file, document: source.document, reason };
    // a kustomization that inflates Helm charts makes Services the input does not hold (context/chart-releases.ts); one
    // that adds labels gives pod templates labels they do not carry as written (checks/lib/kustomize-labels.ts)
    options.skipped?.push(problem.kustomize && keptKustomization(asRecord(d)) ? { ...skipped, kustomization: asRecord(d) } : skipped);
    return false;
  };
  docs.forEach((d, i) => {
    if (d === null || d === undefined) return;
    const keys = duplicates.length === 0 ? [] : duplicates.filter((k) => k.document === i + 1).map((k) => ({ key: k.key, line: k.line }));
    const line = options.lines?.starts[i];
    const at: ManifestSource = line === undefined ? { file, document: i + 1 } : { file, document: i + 1, line };
    const source: ManifestSource = keys.length === 0 ? at : { ...at, duplicateKeys: keys };
    if (!keep(d, source)) return;
    const obj = d as KubeObject;
    if (isList(obj)) {
      const items = asArray(obj.items);
      const itemLines = options.lines?.items[i];
      const lineOf = itemLines?.length === items.length ? (j: number) => itemLines[j] : () => line;
      items.forEach((raw, j) => {
        const itemLine = lineOf(j);
        const s: ManifestSource = itemLine === undefined ? { ...source, item: j } : { ...source, item: j, line: itemLine };
        if (raw === null || raw === undefined) return;
        const item = typedListItem(obj, raw);
        if (!keep(item, s)) return;
        if (isList(item as KubeObject)) {
          // kubectl never nests Lists; expanding them would let a few bytes of YAML aliases become millions of objects.
          throw new ManifestError(`${file}: document ${i + 1} item ${j + 1}: a ${(item as KubeObject).kind} inside a ${obj.kind} is not supported (Lists are expanded one level)`, file, i + 1);
        }
        out.push({ object: item as KubeObject, source: s });
      });
    } else {
      out.push({ object: obj, source });
    }
  });
  return out;
}

function isList(o: KubeObject): boolean {
  return typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items);
}

/**
 * An item of a typed List (`ServiceList`, `PodList`: what the API server returns, `kubectl get --raw`), which the API
 * server writes without kind and apiVersion: kubectl gives such an item the List's kind without `List` and the List's
 * apiVersion, when it has neither of its own (apimachinery unstructured.go `decodeToList`: "For typed lists, e.g., a
 * PodList, API server doesn't set each item's APIVersion and Kind"). A `kind: List` names no kind for its items.
 */
function typedListItem(list: KubeObject, item: unknown): unknown {
  const itemKind = (list.kind as string).slice(0, -'List'.length);
  const o = asRecord(item);
  if (itemKind === '' || o === undefined || nonEmptyString(o.kind) !== undefined || nonEmptyString(o.apiVersion) !== undefined) return item;
  return { ...o, apiVersion: list.apiVersion, kind: itemKind };
}

function where(source: ManifestSource): string {
  return `${source.file}: document ${source.document}${source.item !== undefined ? ` item ${source.item + 1}` : ''}`;
}

/** The kinds of kustomize's own files (kustomization.yaml), which are no Kubernetes objects. */
const KUSTOMIZE_KINDS = new Set(['Kustomization', 'Component']);

/**
 * The apiVersion a message suggests for a kind written without one: a version of the kinds the model reads that every
 * install of their API serves (the Gateway API's ReferenceGrant in v1beta1, its TCPRoute, UDPRoute and TLSRoute in
 * v1alpha2, which newer releases serve beside their v1); other kinds get the core hint.
 */
const SUGGESTED_API_VERSIONS: ReadonlyMap<string, string> = new Map<string, string>([
  ...['Service', 'Pod', 'Endpoints', 'Namespace', 'ConfigMap', 'ReplicationController'].map((k): [string, string] => [k, 'v1']),
  ...['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].map((k): [string, string] => [k, 'apps/v1']),
  ['Job', 'batch/v1'], ['CronJob', 'batch/v1'], ['EndpointSlice', 'discovery.k8s.io/v1'], ['Ingress', 'networking.k8s.io/v1'],
  ...['Gateway', 'GatewayClass', 'HTTPRoute', 'GRPCRoute'].map((k): [string, string] => [k, 'gateway.networking.k8s.io/v1']),
  ['ReferenceGrant', 'gateway.networking.k8s.io/v1beta1'],
  ...['TCPRoute', 'UDPRoute', 'TLSRoute'].map((k): [string, string] => [k, 'gateway.networking.k8s.io/v1alpha2']),
]);

/** `v1 for kind Service`, `gateway.networking.k8s.io/v1alpha2 for kind TCPRoute`, or the core hint for other kinds. */
function apiVersionHint(kind: string): string {
  const v = SUGGESTED_API_VERSIONS.get(kind);
  return v !== undefined ? `${v} for kind ${kind}` : 'v1 for a core kind such as Service; the group/version of its CRD for a custom resource';
}

/** The built-in API groups whose names have no dot (every other group's name has one: `networking.k8s.io`, `example.com`). */
const DOTLESS_GROUPS = new Set(['apps', 'batch', 'extensions', 'policy', 'autoscaling']);

/**
 * Whether an apiVersion is an API group without its version (`networking.k8s.io`, `apps`): without a `/` it names a
 * version of the core group, which serves only `v1`, and a version is a DNS label, never a dotted name or a group's
 * (kubectl maps it to nothing: "no matches for kind"). Other versions without a group (`v1beta1`) are left to the
 * cluster: tools' own files use them.
 */
function isGroupWithoutVersion(apiVersion: string): boolean {
  // a template or variable (`{{ .Values.apiVersion }}`, `${API}`) is no group: it is filled in before the apply
  if (isUnfilled(apiVersion)) return false;
  return !apiVersion.includes('/') && (apiVersion.includes('.') || DOTLESS_GROUPS.has(apiVersion));
}

/** `networking.k8s.io/v1 for kind Ingress`, or the group with its version in general. */
function versionHint(group: string, kind: string): string {
  const v = SUGGESTED_API_VERSIONS.get(kind);
  return v !== undefined && v.startsWith(`${group}/`) ? `${v} for kind ${kind}` : `${group}/<version> (such as ${group}/v1, or the version its CRD serves)`;
}

/**
 * True for the apiVersion of a kustomize file: `kustomize.config.k8s.io/<version>`, or a version without a group (`v1`,
 * `v1beta1`: older kustomization.yaml files), which no API server serves a Kustomization under. Flux's Kustomization
 * (`kustomize.toolkit.fluxcd.io`) is a custom resource and stays an object.
 */
function kustomizeVersion(apiVersion: string): boolean {
  const slash = apiVersion.indexOf('/');
  return slash < 0 || apiVersion.slice(0, slash) === 'kustomize.config.k8s.io';
}

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** Why a kustomize file is skipped. */
function kustomizeSkip(kind: string): string {
  return `a kustomize ${kind}, which kustomize reads and the cluster never gets: check the output of kustomize build`;
}

/**
 * Why a document (`item`: a List's item) is not a Kubernetes object to keep, or undefined when it is one: `error` for
 * one kubectl refuses wherever it is (not a mapping, but for a document that is a list of no objects; shaped like an
 * object, with `kind` or object `metadata`, but without `apiVersion` or `kind`, other tools' own aside; an
 * apiVersion that is a group without its version; a kind the resolver reads without a name), `skip` for other
 * documents (a Helm values.yaml or Chart.yaml: only `apiVersion` or none of the three; a list of no objects; a
 * kustomization, `kustomize`; another tool's configuration file, with or without apiVersion, and `toolCommand`, the
 * command that reads it: tool-files.ts), which are skipped in a file found in a folder.
 */
function objectProblem(d: unknown, file: string, item: boolean):
{ readonly error?: string; readonly skip?: string; readonly kustomize?: boolean; readonly toolCommand?: string } | undefined {
  const o = asRecord(d);
  if (!o) {
    // a document of a file found in a folder that is a list is another tool's file (an Ansible playbook, a JSON patch of
    // kustomize or Flux, pre-commit hooks), as a Helm values.yaml is: skipped. A List's item that is no mapping, a list
    // of objects (manifests written as one YAML list) and plain text (no tool's file) are refused wherever they are
    if (!item && Array.isArray(d) && !d.some(isObjectShaped)) return { skip: 'a list, as in an Ansible playbook or a JSON patch' };
    const objects = Array.isArray(d) && !item ? ': write each object as a document of its own, after a --- line, or as an item of a kind: List' : '';
    return { error: `not a Kubernetes object (expected a mapping with apiVersion and kind, got ${describe(d)}${objects})` };
  }
  const kind = nonEmptyString(o.kind);
  const apiVersion = nonEmptyString(o.apiVersion);
  // a kind or k3d cluster configuration, a Fission spec ArchiveUploadSpec (written without apiVersion): another tool's file
  const tool = kind === undefined ? undefined : toolFileSkip(kind, apiVersion);
  if (tool !== undefined) return { skip: tool.reason, toolCommand: tool.command };
  if (kind !== undefined && apiVersion !== undefined) {
    if (KUSTOMIZE_KINDS.has(kind) && kustomizeVersion(apiVersion)) return { skip: kustomizeSkip(kind), kustomize: true };
    if (isGroupWithoutVersion(apiVersion)) {
      const name = nonEmptyString(asRecord(o.metadata)?.name);
      return { error: `${kind}${name !== undefined ? ` "${name}"` : ''}: apiVersion "${apiVersion}" is an API group without a version; kubectl refuses the document (no matches for kind "${kind}" in version "${apiVersion}"): write the group and version, ${versionHint(apiVersion, kind)}` };
    }
    const metadata = asRecord(o.metadata);
    for (const key of ['name', 'namespace']) {
      const v = metadata?.[key];
      if (v !== undefined && v !== null && typeof v !== 'string') {
        return { error: `${kind}: metadata.${key} must be a string (got ${describe(v)}); kubectl refuses the document: quote the value` };
      }
    }
    if (NAMED_KINDS.has(kind) && !isList(o as KubeObject) && !nonEmptyString(asRecord(o.metadata)?.name)) return { error: `${kind} has no metadata.name; kubectl refuses the document ("resource name may not be empty"): add metadata.name` };
    return undefined;
  }
  if (kind !== undefined && KUSTOMIZE_KINDS.has(kind) && !own(o, 'apiVersion') && !own(o, 'spec')) {
    // kustomize fills in a kustomization's missing apiVersion; a Flux Kustomization without one has a spec
    return { skip: kustomizeSkip(kind), kustomize: true };
  }
  const name = nonEmptyString(asRecord(o.metadata)?.name);
  const what = kind !== undefined ? `${kind}${name !== undefined ? ` "${name}"` : ''}` : name !== undefined ? `the object "${name}"` : 'the object';
  if (own(o, 'kind') && kind === undefined) return { error: `${what}: kind must be a non-empty string (got ${describe(o.kind)}); kubectl refuses the document` };
  if (kind !== undefined) {
    return { error: `${what} has no apiVersion; kubectl refuses the document ("apiVersion not set"): add apiVersion (${apiVersionHint(kind)})` };
  }
  if (own(o, 'metadata') && !objectMetadata(o.metadata)) {
    // another tool's file with a metadata key of its own (an Azure Developer CLI azure.yaml: `metadata: { template }`)
    return { skip: 'metadata without kind or any field of Kubernetes object metadata, as in an Azure Developer CLI azure.yaml' };
  }
  if (own(o, 'metadata')) return { error: `${what} has metadata but no kind; kubectl refuses the document ("kind not set"): add apiVersion and kind` };
  // the usual kustomization.yaml starts right with its fields (`resources:`, `helmCharts:`): its file name says what it is
  if (apiVersion === undefined && isKustomizationFile(file)) return { skip: kustomizeSkip('Kustomization'), kustomize: true };
  return { skip: apiVersion !== undefined ? 'apiVersion without kind or metadata, as in a Helm Chart.yaml' : 'no apiVersion, kind or metadata' };
}

/**
 * The file names kustomize reads as a kustomization: `kustomization.yaml`, `kustomization.yml` and `Kustomization`
 * (kustomize api/konfig/general.go `RecognizedKustomizationFileNames`; its error for a folder without one: "unable to
 * find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory").
 */
const KUSTOMIZATION_FILE = /(?:^|[\\/])(?:kustomization\.ya?ml|Kustomization)$/;

/** Whether `file` (a path) is named as kustomize names its kustomization files: kustomization.yaml, .yml, Kustomization. */
export function isKustomizationFile(file: string): boolean {
  return KUSTOMIZATION_FILE.test(file);
}

/** The fields of Kubernetes object metadata (ObjectMeta) that a manifest writes. */
const OBJECT_META_FIELDS = ['name', 'generateName', 'namespace', 'labels', 'annotations'];

/**
 * Whether `v`, a document's `metadata`, is shaped like Kubernetes object metadata: no mapping (`metadata:` with no value,
 * a typo kubectl refuses too), or a mapping with a field of ObjectMeta or none at all.
 */
function objectMetadata(v: unknown): boolean {
  const m = asRecord(v);
  return m === undefined || Object.keys(m).length === 0 || OBJECT_META_FIELDS.some((key) => own(m, key));
}

/** Whether `v` is a mapping with apiVersion and kind: an object, wherever it is written. */
function isObjectShaped(v: unknown): boolean {
  const o = asRecord(v);
  return o !== undefined && nonEmptyString(o.apiVersion) !== undefined && nonEmptyString(o.kind) !== undefined;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing: the key has no value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string "${shortText(v)}"`;
  return `${typeof v} ${safeString(v)}`;
}

/** Whether the checker reads a kustomization mapping later (`SkippedInput.kustomization`): helmCharts, or labels it adds. */
function keptKustomization(k: Record<string, unknown> | undefined): boolean {
  return k !== undefined && (Array.isArray(k.helmCharts) || asRecord(k.commonLabels) !== undefined || Array.isArray(k.labels));
}
