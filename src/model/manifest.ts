/**
 * Manifest types shared by the resolver (`src/dns`) and the checker (`src/checks`).
 *
 * API:
 * - `KubeObject`: one Kubernetes object as parsed from YAML/JSON (`apiVersion`, `kind`, `metadata`, anything else).
 *   Nothing is validated: every field may be missing or of the wrong type; readers use the `nonEmptyString`/`asRecord`/... helpers
 *   below, which treat malformed fields as absent.
 * - `ManifestSource { file, document, line? }`: where an object came from (`document` is 1-based; `file` is `-` for
 *   stdin, `<objects>` for in-memory input, or the chart path for cdk8s input; `line`, the document's first line, only
 *   for text read from files and stdin), the keys its document gives twice, and the kustomize roots that build it.
 * - `ManifestDocument { object, source }`: an object with its source.
 * - `SkippedInput { file, document?, reason, kustomize?, kustomization?, helmChart?, testCommand?, toolCommand?, bound? }`:
 *   a file or document the loader passed over (load.ts, rule input-skipped); `kustomize` marks kustomize's own files,
 *   and a kustomization with `helmCharts` is kept, for the chart releases it makes; `helmChart` and `testCommand` say
 *   how to check a chart's template and an end-to-end test's file instead, `toolCommand` which other tool reads its
 *   document (a kind cluster configuration); `bound` marks a cut at a bound of the loader, told
 *   through a `BoundReporter` (`boundsOnto(skipped)`).
 * - `objectRef(obj)`: `Kind ns/name` text for messages.
 * - `builtinKind(obj)`: the kind of a built-in object the resolver or the checker reads (Service, Pod, Endpoints,
 *   Namespace, ConfigMap, ReplicationController in the core group, EndpointSlice in discovery.k8s.io, workloads in
 *   apps (and extensions), Job and CronJob in batch, HorizontalPodAutoscaler in autoscaling, Ingress in networking.k8s.io (and extensions), the routes and
 *   ReferenceGrant of the Gateway API, OpenShift's DeploymentConfig and Route, the ingress controllers' route kinds of
 *   model/controller-routes.ts), or undefined for other groups (a
 *   Knative `Service` is not a Service) and other kinds. Any version of the group counts: the removed ones
 *   (apps/v1beta1, discovery.k8s.io/v1beta1, removed-apis.ts) are in the same group as their replacements.
 * - Safe accessors: `nonEmptyString`, `asNumber`, `asBoolean`, `asRecord`, `asArray`, `stringMap` (each returns
 *   `undefined`/empty for junk); `stringMapGet(v, key)` is `stringMap(v)[key]` for one key, without building the map; `protocolOf(v)` is a port protocol
 *   (upper case, default `TCP`).
 * - `mapDefined(list, f)`: `list.map(f)` without the undefined results, in an array of exactly that length.
 *
 * Pure: no fs, no cdk8s.
 */

import { shortValue } from './display';

/** Object metadata: only the fields the libraries read. */
export interface KubeMetadata {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: { [key: string]: string };
  readonly annotations?: { [key: string]: string };
  readonly [key: string]: any;
}

/** One Kubernetes object, unvalidated. */
export interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: KubeMetadata;
  readonly [key: string]: any;
}

/** Where an object came from. */
export interface ManifestSource {
  /** File path, `-` for standard input, `<objects>` for in-memory objects. */
  readonly file: string;
  /** 1-based document number inside the file (items of a `kind: List` share their document's number). */
  readonly document: number;
  /** 0-based index inside a `kind: List` document, when the object came from one. */
  readonly item?: number;
  /**
   * 1-based line of the file where the document's content starts (after its `---` line and comments), or for an item
   * of a `kind: List`, where that item starts (the List's own line when the item's cannot be told, as for an alias).
   * Read from files and standard input only.
   * @default - none (objects built in memory, from cdk8s or a list)
   */
  readonly line?: number;
  /**
   * Keys given twice in one mapping of the document (YAML files only; the last value counts), in text order.
   * @default - none
   */
  readonly duplicateKeys?: readonly DuplicateKey[];
  /**
   * The kustomization files of the kustomize roots whose build holds the object (kustomize-builds.ts), sorted: it was
   * found in a folder that a kustomization of the listing builds, and carries the namespace that build gives it. For a
   * folder without a kustomization that a Flux Kustomization or Argo CD Application applies with a namespace, the file
   * of that object.
   * @default - none: outside every kustomization
   */
  readonly kustomizeRoots?: readonly string[];
  /**
   * What those builds put before the object's name (`namePrefix`, kustomize-builds.ts); the object's name has it
   * (kustomize-names.ts) unless the name is one kustomize leaves as written (a Namespace, a CRD, an APIService).
   * @default - nothing
   */
  readonly kustomizePrefix?: string;
  /** What those builds put after the object's name (`nameSuffix`), as `kustomizePrefix`. @default - nothing */
  readonly kustomizeSuffix?: string;
  /**
   * `kustomizePrefix` with the end of each kustomization's prefix marked (kustomize-builds.ts `LEVEL`), outermost
   * first: kustomize tells references apart by the lists of prefixes (kustomize-names.ts). @default - nothing
   */
  readonly kustomizePrefixLevels?: string;
  /** `kustomizeSuffix` with the start of each kustomization's suffix marked, innermost first. @default - nothing */
  readonly kustomizeSuffixLevels?: string;
  /**
   * When each of those builds holds a kustomization that may set the object's values in ways the checker does not
   * apply (patches, replacements, vars: kustomize-builds.ts), that of the first build (by root), the root's own first.
   * @default - none: one of the builds has none
   */
  readonly kustomizeEdits?: KustomizeEdits;
  /**
   * As `kustomizeEdits`, of what may set a name a build renamed: its edits, or else a kustomization whose
   * `configurations` may make kustomize rename a reference that the checker leaves as written (kustomize-builds.ts).
   * @default - none: one of the builds has none
   */
  readonly kustomizeNameEdits?: KustomizeEdits;
  /**
   * The first of `kustomizeRoots` whose build has no `kustomizeNameEdits`, when a root whose build has some comes
   * before it: the build that leaves a name as written, which a finding on that name names.
   * @default - the first of `kustomizeRoots`
   */
  readonly kustomizePlainRoot?: string;
  /**
   * Of `kustomizeRoots`, those whose build takes its `namePrefix` and `nameSuffix` from a GitOps object (a Flux
   * Kustomization's `spec.namePrefix`, an Argo CD source's `kustomize.namePrefix`: gitops-roots.ts), which writes them
   * into the root's kustomization in place of its own, each with that object (`GitopsNamespace.by`).
   * @default - none
   */
  readonly kustomizeAffixBy?: ReadonlyMap<string, string>;
}

/**
 * A kustomization that may set values of the objects its build holds, and the fields that may (`patches`, `vars`,
 * `configurations`).
 */
export interface KustomizeEdits {
  /** The root of the build that holds it (kustomize-builds.ts `KustomizeBuild.root`): the build to check. */
  readonly root: string;
  /**
   * The kustomization file, or the Flux Kustomization or Argo CD Application whose patches its tool writes into one (its
   * file, followed by its kind and name when the file holds more: gitops-roots.ts `GitopsNamespace.by`).
   */
  readonly file: string;
  /** Its fields that may set values, as `patchesStrategicMerge`, `replacements`, `configurations`, `spec.patches`. */
  readonly fields: readonly string[];
}

/** An input, or one document of it, that the loader did not read as Kubernetes objects, and why. */
export interface SkippedInput {
  /** The file (a path as given or found in a folder). */
  readonly file: string;
  /** 1-based document number, when one document of the file was skipped. @default - the whole file */
  readonly document?: number;
  /** Why, in a few words: `a FIFO found in a folder`, `no apiVersion, kind or metadata`. */
  readonly reason: string;
  /**
   * True for kustomize's own files: a kustomization, a patch, replacement or input file that one names, or a file below
   * its folder that it does not list (what reaches the cluster is the output of `kustomize build`). @default false
   */
  readonly kustomize?: boolean;
  /**
   * The document, when it is a kustomization that inflates Helm charts (`helmCharts`): the charts' Services exist after
   * `kustomize build --enable-helm` although the input does not hold them (src/checks/context/chart-releases.ts); or one
   * that adds labels (`commonLabels`, `labels`), which the built pod templates carry though the files do not
   * (src/checks/lib/kustomize-labels.ts).
   * @default - not kept
   */
  readonly kustomization?: Readonly<Record<string, unknown>>;
  /**
   * The chart folder, for a file of a Helm chart's `templates/` folder: a Go template, whose objects the cluster gets
   * through `helm template` / `helm install`. @default - not a chart template
   */
  readonly helmChart?: string;
  /**
   * The command that runs the end-to-end test the file belongs to (`chainsaw test --test-dir tests/e2e/basic`), for a
   * step or assertion of a kuttl, chainsaw or Kyverno CLI test (e2e-tests.ts). @default - not a test's file
   */
  readonly testCommand?: string;
  /**
   * The command of another tool that reads the document itself (`kind create cluster --config`), for that tool's own
   * configuration file shaped like an object (tool-files.ts). @default - not another tool's file
   */
  readonly toolCommand?: string;
  /**
   * True for an Argo CD parameter override file (`.argocd-source-<application>.yaml`, input-files.ts), which Argo CD
   * merges into the source of the Application that renders its folder. @default false
   */
  readonly argoCdOverrides?: boolean;
  /**
   * True when the entry tells that reading the listing reached one of its bounds (kustomize-folders.ts): what lies past
   * it was not read as the tools that build the folder would read it. @default false
   */
  readonly bound?: boolean;
  /**
   * The fix of a bound's entry when checking less at once would not help (a kustomization too large to read: build it
   * and check the output). @default - check the folders one at a time, or each build
   */
  readonly boundFix?: string;
}

/**
 * Where a bound of the loader that cut its input is told (kustomize-builds.ts, build-copies.ts, gitops-roots.ts,
 * kustomize-names.ts, kustomize-folders.ts): the file the entry names, why, and the fix when checking less at once
 * would not help (`SkippedInput.boundFix`). The one way each of them reports a cut (`boundsOnto`).
 */
export type BoundReporter = (file: string, reason: string, fix?: string) => void;

/** A `BoundReporter` that pushes each cut onto `skipped` as an entry with `bound` (none: the cuts are not told). */
export function boundsOnto(skipped: SkippedInput[] | undefined): BoundReporter {
  return (file, reason, fix) => skipped?.push({ file, reason, bound: true, ...fix === undefined ? {} : { boundFix: fix } });
}

/** A key given twice in one mapping of a YAML document. */
export interface DuplicateKey {
  /** The key as written. */
  readonly key: string;
  /** 1-based line (in the file) of its second or later occurrence. */
  readonly line: number;
}

/** An object and its source. */
export interface ManifestDocument {
  readonly object: KubeObject;
  readonly source: ManifestSource;
}

/** `file document N` (`item M` of a List) text for messages; in-memory objects are `object N of the list`. */
export function sourceText(source: ManifestSource): string {
  const item = source.item !== undefined ? ` item ${source.item + 1}` : '';
  return source.file === '<objects>' ? `object ${source.document}${item} of the list` : `${source.file} document ${source.document}${item}`;
}

/** `Kind ns/name` (or `Kind name` for objects without a namespace) for messages. */
export function objectRef(obj: KubeObject, defaultNamespace?: string): string {
  const kind = nonEmptyString(obj?.kind) ?? '<no kind>';
  const name = nonEmptyString(asRecord(obj?.metadata)?.name) ?? '<no name>';
  const ns = nonEmptyString(asRecord(obj?.metadata)?.namespace) ?? defaultNamespace;
  return ns ? `${kind} ${ns}/${name}` : `${kind} ${name}`;
}

/**
 * `String(v)` for a scalar; for a list or mapping, a JSON-like rendering of at most 200 characters (`shortValue`):
 * never `[object Object]`, and never a whole alias bomb (`String` of a list joins all of it). Never throws.
 */
export function safeString(v: unknown): string {
  if (v !== null && typeof v === 'object') return shortValue(v, 200);
  if (typeof v === 'symbol') return shortValue(v);
  return String(v);
}

/** The value if it is a non-empty string, else undefined. */
export function nonEmptyString(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** The value if it is a finite number (or an integer-looking string), else undefined. */
export function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}

/** `true`/`false` (also the strings "true"/"false"), else undefined. */
export function asBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

/** The value if it is a plain object (not an array), else undefined. */
export function asRecord(v: unknown): { [key: string]: any } | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as any) : undefined;
}

/** The value if it is an array, else an empty array. */
export function asArray(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

/** A string->string map (non-string values dropped; numbers/booleans stringified like the API server would reject). */
export function stringMap(v: unknown): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  const r = asRecord(v);
  if (!r) return out;
  for (const k of Object.keys(r)) {
    const val = r[k];
    if (typeof val === 'string') out[k] = val;
    else if (typeof val === 'number' || typeof val === 'boolean') out[k] = String(val);
  }
  return out;
}

/**
 * `list.map(f)` without the undefined results (`f` is not called for the holes of a sparse array, which are dropped).
 * The model keeps many short lists (ports, IPs, containers): `map` makes them exactly as long as needed, where a list
 * grown by `push` keeps room for 17 or more entries (bench/: a sixth of the model's memory, copied by every young
 * generation garbage collection).
 */
export function mapDefined<T, U>(list: readonly T[], f: (value: T, index: number) => U | undefined): U[] {
  const out = list.map(f);
  return out.includes(undefined) ? (out.filter((v) => v !== undefined) as U[]) : (out as U[]);
}

/** A port protocol as the model keeps it: upper case, `TCP` when missing (the common values are returned as they are). */
export function protocolOf(v: unknown): string {
  const p = nonEmptyString(v);
  if (p === undefined) return 'TCP';
  return p === 'TCP' || p === 'UDP' || p === 'SCTP' ? p : p.toUpperCase();
}

/** `stringMap(v)[key]` (for a key that is not `__proto__`) without building the map: hot paths read one label. */
export function stringMapGet(v: unknown, key: string): string | undefined {
  const r = asRecord(v);
  // strMap reads own enumerable properties (Object.entries).
  if (!r || !Object.prototype.propertyIsEnumerable.call(r, key)) return undefined;
  const val = r[key];
  if (typeof val === 'string') return val;
  if (typeof val === 'number' || typeof val === 'boolean') return String(val);
  return undefined;
}

/** The Gateway API's group (gateway.networking.k8s.io: routes, ReferenceGrant), whatever the version (v1, v1beta1, v1alpha2). */
export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** API groups of the built-in kinds the model and the checker read. */
const BUILTIN_GROUPS: { readonly [kind: string]: readonly string[] } = {
  Service: [''],
  Pod: [''],
  Endpoints: [''],
  Namespace: [''],
  ConfigMap: [''],
  EndpointSlice: ['discovery.k8s.io'],
  StatefulSet: ['apps'],
  Deployment: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  DaemonSet: ['apps', 'extensions'],
  ReplicationController: [''],
  Job: ['batch'],
  CronJob: ['batch'],
  // scales a workload between its minReplicas and maxReplicas (the checker reads which StatefulSet pods may exist)
  HorizontalPodAutoscaler: ['autoscaling'],
  // OpenShift's, validated by its API server as a ReplicationController template (apps.openshift.io, and legacy v1)
  DeploymentConfig: ['apps.openshift.io', ''],
  // OpenShift's Route (route.openshift.io, and the legacy v1 of OpenShift 3 templates): an entry point like an Ingress
  Route: ['route.openshift.io', ''],
  // entry points: the checker follows their backends to Services (a Knative networking.internal.knative.dev `Ingress`
  // is not an Ingress); extensions/v1beta1 and networking.k8s.io/v1beta1 Ingresses are read as networking.k8s.io/v1
  Ingress: ['networking.k8s.io', 'extensions'],
  HTTPRoute: [GATEWAY_GROUP],
  GRPCRoute: [GATEWAY_GROUP],
  TLSRoute: [GATEWAY_GROUP],
  TCPRoute: [GATEWAY_GROUP],
  UDPRoute: [GATEWAY_GROUP],
  ReferenceGrant: [GATEWAY_GROUP],
  // ingress controllers' own route kinds (model/controller-routes.ts): Traefik's (traefik.io, and the older
  // traefik.containo.us), Contour's, NGINX Inc's and Emissary-ingress's
  IngressRoute: ['traefik.io', 'traefik.containo.us'],
  TraefikService: ['traefik.io', 'traefik.containo.us'],
  IngressRouteTCP: ['traefik.io', 'traefik.containo.us'],
  IngressRouteUDP: ['traefik.io', 'traefik.containo.us'],
  HTTPProxy: ['projectcontour.io'],
  VirtualServer: ['k8s.nginx.org'],
  VirtualServerRoute: ['k8s.nginx.org'],
  Mapping: ['getambassador.io'],
};

const BUILTIN_GROUP_MAP = new Map<string, readonly string[]>(Object.entries(BUILTIN_GROUPS));

const SLASH = 47;

/** Whether the API group of `apiVersion` (the part before its last `/`, '' without one) is `group`; no allocation. */
function inGroup(apiVersion: string, group: string): boolean {
  if (group === '') return apiVersion.lastIndexOf('/') <= 0; // no `/`, or only a leading one
  return apiVersion.length > group.length && apiVersion.charCodeAt(group.length) === SLASH && apiVersion.startsWith(group)
    && apiVersion.indexOf('/', group.length + 1) < 0;
}

/** The kind if the object is one of the built-in kinds the model reads, in its API group; else undefined. */
export function builtinKind(obj: KubeObject): string | undefined {
  const kind = obj?.kind;
  if (typeof kind !== 'string') return undefined;
  const groups = BUILTIN_GROUP_MAP.get(kind);
  if (groups === undefined) return undefined;
  const apiVersion = obj.apiVersion;
  if (apiVersion === undefined) return kind; // in-memory objects may omit it
  if (typeof apiVersion !== 'string') return undefined;
  for (const g of groups) if (inGroup(apiVersion, g)) return kind;
  return undefined;
}
