/**
 * What a kustomization names, by field (Node-free: a parsed mapping in, relative paths out; used by kustomize-folders.ts).
 *
 * kustomize reads the files a kustomization names in three ways (kubectl.docs.kubernetes.io, references/kustomize/
 * kustomization: "resources", "components", "crds", "patches", "replacements", "configMapGenerator", "helmCharts",
 * "generators", "transformers", "validators", "configurations", "openapi"):
 * - `built`: `resources` (and the older `bases`), `components` and `crds`: a file of objects, or a folder with a
 *   kustomization of its own, which kustomize builds in turn; a URL (a remote base) never names a local file. The
 *   `components` entries are kept apart too (`components`), as their transformers act on more than what they name. `crds`
 *   files tell kustomize the schema of custom resources; they count here as built, so they are read as before.
 * - `patches`: the patch and replacement files kustomize applies to what it built (`patches[].path`,
 *   `patchesStrategicMerge`, `patchesJson6902[].path`, `replacements[].path`).
 * - `inputs`: files kustomize reads to make or change objects, which are no objects themselves: the `files` (`key=path`
 *   or `path`), `envs` and `env` of `configMapGenerator` and `secretGenerator`, the `valuesFile` and
 *   `additionalValuesFiles` of `helmCharts`, and the configuration files of `generators`, `transformers`,
 *   `validators`, `configurations` and `openapi.path`.
 * - `chartHome`: with `helmCharts`, the folder of the charts kustomize inflates (`helmGlobals.chartHome`, default
 *   `charts`): chart templates, values and Chart.yaml files, none an object as it is.
 * An inline entry (YAML text where a path may stand: a strategic-merge patch, a transformer's configuration) is no file.
 * Besides paths, its `namespace`, which kustomize gives every namespaced object it builds, and its `namePrefix` and
 * `nameSuffix`, which it adds to the names of the objects it builds (kustomize-builds.ts, kustomize-names.ts), and
 * which of its fields may set values of the objects it builds that the checker does not apply (`edits`: `patches`,
 * `patchesStrategicMerge`, `patchesJson6902`, `replacements`, `vars`; files or inline, a non-empty list), and whether it
 * names `configurations` (`configurations`: name references of its own, local files or URLs, as Argo Rollouts'
 * documentation names its rollout-transform.yaml by URL).
 */
import { asArray, asRecord, nonEmptyString } from './manifest';

/** A file a kustomization names as input, and the field that names it. */
export interface KustomizationInput {
  /** The path as written, relative to the kustomization's folder. */
  readonly path: string;
  /** The field, as `configMapGenerator`, `helmCharts valuesFile`. */
  readonly field: string;
}

/** The local paths a kustomization names, relative to its folder (see the file comment). */
export interface KustomizationRefs {
  readonly built: readonly string[];
  /**
   * Of `built`, the `components` entries, in their order: kustomize runs a component's transformers on all its parent
   * has built before it (kustomize-builds.ts). @default - none
   */
  readonly components?: readonly string[];
  readonly patches: readonly string[];
  readonly inputs: readonly KustomizationInput[];
  /** The chart folder, when the kustomization inflates Helm charts. @default - none */
  readonly chartHome?: string;
  /** Its `namespace` field, as written (a non-empty string). @default - none */
  readonly namespace?: string;
  /** Its `namePrefix` field, as written (a non-empty string). @default - none */
  readonly namePrefix?: string;
  /** Its `nameSuffix` field, as written (a non-empty string). @default - none */
  readonly nameSuffix?: string;
  /**
   * Its fields that may set values of what it builds, which the checker does not apply (see the file comment), in
   * `EDIT_FIELDS` order. @default - none
   */
  readonly edits?: readonly string[];
  /**
   * Whether it names `configurations` (files or URLs), whose name references kustomize applies and the checker does not
   * read (kustomize-builds.ts). @default false
   */
  readonly configurations?: boolean;
}

/** The kustomization fields that change values of the objects it builds (patches, replacements, `$(VAR)` vars). */
export const EDIT_FIELDS = ['patches', 'patchesStrategicMerge', 'patchesJson6902', 'replacements', 'vars'] as const;

/**
 * A path written in a field, without a final `/` (`base/` is the folder `base`), or undefined: not a string, YAML text
 * inline, or a URL. Also read from the components a GitOps object adds (gitops-roots.ts).
 */
export function kustomizePath(v: unknown): string | undefined {
  const p = nonEmptyString(v);
  if (p === undefined || p.includes('\n') || p.includes(': ')) return undefined; // inline YAML is never a one-line path
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p) || /^git@/.test(p)) return undefined;
  let end = p.length; // a loop, not /\/+$/, which retries the run of slashes from each of them
  while (end > 1 && p[end - 1] === '/') end--;
  return p.slice(0, end);
}

/** The paths of a list of strings. */
function paths(list: unknown): string[] {
  const out: string[] = [];
  for (const v of asArray(list)) {
    const p = kustomizePath(v);
    if (p !== undefined) out.push(p);
  }
  return out;
}

/** The paths of the field `key` of each mapping of a list. */
function pathsAt(list: unknown, key: string): string[] {
  return paths(asArray(list).map((v) => asRecord(v)?.[key]));
}

/** The fields of a kustomization mapping (kustomize's own field names) that name files. */
export function kustomizationRefs(k: Readonly<Record<string, unknown>>): KustomizationRefs {
  const components = paths(k.components);
  const built = [...paths(k.resources), ...paths(k.bases), ...components, ...paths(k.crds)];
  const patches = [
    ...pathsAt(k.patches, 'path'), ...pathsAt(k.patchesJson6902, 'path'), ...paths(k.patchesStrategicMerge), ...pathsAt(k.replacements, 'path'),
  ];
  const inputs: KustomizationInput[] = [];
  const add = (field: string, list: readonly string[]) => {
    for (const p of list) inputs.push({ path: p, field });
  };
  for (const field of ['configMapGenerator', 'secretGenerator']) {
    for (const g of asArray(k[field])) {
      const gen = asRecord(g);
      // `files` entries are `path` or `key=path` (the key names the data entry)
      add(field, paths(gen?.files).map((f) => f.slice(f.indexOf('=') + 1)));
      add(field, [...paths(gen?.envs), ...paths([gen?.env])]);
    }
  }
  const charts = asArray(k.helmCharts);
  for (const c of charts) {
    add('helmCharts valuesFile', paths([asRecord(c)?.valuesFile]));
    add('helmCharts additionalValuesFiles', paths(asRecord(c)?.additionalValuesFiles));
  }
  for (const field of ['generators', 'transformers', 'validators', 'configurations']) add(field, paths(k[field]));
  add('openapi', paths([asRecord(k.openapi)?.path]));
  const edits = EDIT_FIELDS.filter((f) => asArray(k[f]).length > 0);
  const chartHome = charts.length > 0 ? kustomizePath(asRecord(k.helmGlobals)?.chartHome) ?? 'charts' : undefined;
  return {
    built,
    ...(components.length > 0 ? { components } : {}),
    patches,
    inputs,
    chartHome,
    namespace: nonEmptyString(k.namespace),
    namePrefix: nonEmptyString(k.namePrefix),
    nameSuffix: nonEmptyString(k.nameSuffix),
    ...(edits.length > 0 ? { edits } : {}),
    // a URL names configurations too, though no local file: kustomize fetches it (paths() drops it)
    ...(asArray(k.configurations).some((c) => nonEmptyString(c) !== undefined) ? { configurations: true } : {}),
  };
}
