/**
 * What Argo CD Applications and ApplicationSets deploy into a namespace (context/chart-releases.ts reads it as chart
 * releases): the cluster holds their Helm charts' Services, and the objects of manifests they take from outside the
 * input, although the input does not. Pure; not a rule.
 *
 * - An Application's sources (`spec.source`, `spec.sources`) deploy into `spec.destination.namespace`: the namespace
 *   that namespaced objects without `metadata.namespace` get (Argo CD ApplicationDestination.Namespace), and a Helm
 *   chart's `.Release.Namespace`. A source without a literal destination namespace tells no namespace and is left out.
 * - A Helm source (`chart`, or `helm` settings) releases its chart under `helm.releaseName`, else the Application's
 *   name (Argo CD docs, "Helm": "By default, the Helm release name is equal to the Application name").
 * - Any other source (a directory of manifests, kustomize, a plugin; `repoURL` + `path`) deploys objects the input may
 *   or may not hold. Only a source whose path is certainly outside the input counts: its path (from the first segment
 *   up to the first placeholder) is not a run of folders of any file read (`InputDirs`; when the folders make more than
 *   500,000 runs, only the first are kept, and then every path may be the input's). A path that is the repository
 *   root (`.`, empty), climbs (`..`), or starts with a placeholder may be the input's own folder and does not count,
 *   nor does a `ref` source that only lends values files. The repoURL is not compared: the checker does not know
 *   which repository it reads.
 * - An ApplicationSet (`spec.template`) stamps out Applications from its generators' parameters (Argo CD docs,
 *   "ApplicationSet", "Templates", "Go Template"): `{{key}}` (fasttemplate; spaces trimmed, an unknown key stays as
 *   written) or, with `spec.goTemplate: true`, `{{.key}}` / `{{ .a.b }}`. The parameters of `list` generators
 *   (`elements`) and of `matrix` generators over them (a matrix in a matrix too, Argo CD's
 *   deepest: model/argo-generators.ts) are read; other generators (git, clusters, plugin, ...) give
 *   parameters the input does not tell. A field that still holds a placeholder after that is never taken as a name:
 *   a namespace with one tells nothing (left out), a release name with one leaves the release's name unknown (its
 *   namespace counts, no name is taken as made), a path with one counts as possibly the input's.
 */
import { MAX_GENERATOR_NESTING, MAX_GENERATORS, MAX_MATRIX_GENERATORS } from '../../model/argo-generators';
import { asArray, asRecord, nonEmptyString } from '../../model/manifest';
import { hasTemplate, isUnfilled } from '../../model/placeholders';
import type { NamespacedObject } from '../../model/pods';

/** At most this many sources are read per Application or template (`spec.sources`). */
export const MAX_SOURCES = 20;

/** At most this many parameter sets are read per ApplicationSet (list elements, matrix products). */
const MAX_PARAMETER_SETS = 50;

/** Folders deeper than this are matched on their first segments only (InputDirs). */
const MAX_DEPTH = 24;

/** What one Application source deploys into `namespace`: a Helm chart release, or manifests from outside the input. */
export interface ArgoDeployment {
  readonly namespace: string;
  /** A Helm source: its chart (when literal), release name (undefined when unknown) and `helm.valuesObject`. */
  readonly helm?: { readonly chart?: string; readonly releaseName?: string; readonly values?: Record<string, unknown> };
  /** A source of manifests from outside the input: its `repoURL` and `path`. */
  readonly manifests?: { readonly repoURL: string; readonly path: string };
}


/**
 * At most this many runs of folder names are kept (InputDirs); past that, every path may be the input's (about a second
 * and 30 MB). A run was a string: folders of 24 distinct names each made 300 strings of up to the folder's length
 * (5,000 such files: 9 s and 500 MB); a run is now one map entry, and a repository of 20,000 folders given by absolute
 * paths makes 240,000.
 */
const MAX_RUNS = 500_000;

/** Run ids times this plus a folder name's id is a key of InputDirs' trie (ids stay below MAX_RUNS + MAX_DEPTH < 2^21). */
const NAME_IDS = 2 ** 21;

/**
 * The folders of the files read (objects' and skipped files'), as every run of consecutive folder names: a source path
 * is the input's when it is one of them (`apps/web` for `repo/apps/web/deploy.yaml`). The runs are kept as a trie of
 * folder name ids, so a run costs one map entry however long its names.
 */
export class InputDirs {
  /** Folder names -> their ids (from 1). */
  private readonly names = new Map<string, number>();
  /** `run id * NAME_IDS + name id` -> the id of that run one name longer; run 0 is the empty run. */
  private readonly runs = new Map<number, number>();
  /** Whether the runs were too many to keep (MAX_RUNS): then every path may be the input's. */
  private full = false;

  public constructor(files: Iterable<string>) {
    const seen = new Set<string>();
    for (const file of files) {
      const dir = file.replace(/\\/g, '/').replace(/\/[^/]*$/, '');
      if (dir === file || seen.has(dir)) continue;
      seen.add(dir);
      const ids = dir.split('/').filter((p) => p !== '' && p !== '.').slice(0, MAX_DEPTH).map((p) => this.nameId(p));
      for (let i = 0; i < ids.length; i++) {
        let run = 0;
        for (let j = i; j < ids.length; j++) {
          const key = run * NAME_IDS + ids[j];
          let next = this.runs.get(key);
          if (next === undefined) {
            if (this.runs.size >= MAX_RUNS) {
              this.full = true;
              return;
            }
            next = this.runs.size + 1;
            this.runs.set(key, next);
          }
          run = next;
        }
      }
    }
  }

  /** Whether `path` (an Argo CD source path) may be a folder of the input; see the module doc. */
  public holds(path: string): boolean {
    const parts: string[] = [];
    for (const p of path.replace(/\\/g, '/').split('/')) {
      if (p === '' || p === '.') continue;
      if (p === '..' || isUnfilled(p)) break;
      parts.push(p);
    }
    if (parts.length === 0 || path.includes('..') || this.full) return true;
    let run = 0;
    for (const p of parts.slice(0, MAX_DEPTH)) {
      const id = this.names.get(p);
      const next = id === undefined ? undefined : this.runs.get(run * NAME_IDS + id);
      if (next === undefined) return false;
      run = next;
    }
    return true;
  }

  /** The id of a folder name (a new name is a run of one name too, so there are never more names than runs). */
  private nameId(name: string): number {
    let id = this.names.get(name);
    if (id === undefined) {
      id = this.names.size + 1;
      this.names.set(name, id);
    }
    return id;
  }
}

/** What an Argo CD `Application` deploys, by namespace. */
export function applicationDeployments(o: NamespacedObject, dirs: InputDirs): ArgoDeployment[] {
  return templateDeployments(asRecord(o.object.metadata), asRecord(o.object.spec), dirs, (s) => s);
}

/** What an Argo CD `ApplicationSet` deploys, for each parameter set its `list` and `matrix` generators tell. */
export function applicationSetDeployments(o: NamespacedObject, dirs: InputDirs): ArgoDeployment[] {
  const spec = asRecord(o.object.spec);
  const template = asRecord(spec?.template);
  if (!template) return [];
  const goTemplate = spec?.goTemplate === true;
  const out: ArgoDeployment[] = [];
  const seen = new Set<string>();
  for (const params of generatorParameters(asArray(spec?.generators))) {
    const render = (s: string) => substitute(s, params, goTemplate);
    for (const d of templateDeployments(asRecord(template.metadata), asRecord(template.spec), dirs, render)) {
      const key = JSON.stringify([d.namespace, d.helm?.chart, d.helm?.releaseName, d.helm?.values?.fullnameOverride, d.manifests]);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(d);
      }
    }
  }
  return out;
}

/** The deployments of an Application spec, with its strings passed through `render` (an ApplicationSet's parameters). */
function templateDeployments(metadata: Record<string, unknown> | undefined, spec: Record<string, unknown> | undefined,
  dirs: InputDirs, render: (s: string) => string): ArgoDeployment[] {
  const text = (v: unknown): string | undefined => {
    const s = nonEmptyString(v);
    return s === undefined ? undefined : render(s);
  };
  const literal = (v: unknown): string | undefined => {
    const s = text(v);
    return s === undefined || isUnfilled(s) ? undefined : s;
  };
  const namespace = literal(asRecord(spec?.destination)?.namespace);
  if (namespace === undefined) return [];
  const name = text(metadata?.name);
  const out: ArgoDeployment[] = [];
  for (const s of [spec?.source, ...asArray(spec?.sources).slice(0, MAX_SOURCES)].map(asRecord)) {
    if (!s) continue;
    const helm = asRecord(s.helm);
    const chart = text(s.chart);
    if (chart !== undefined || helm !== undefined) {
      const releaseName = text(helm?.releaseName) ?? name;
      const values = asRecord(helm?.valuesObject);
      const fullname = literal(values?.fullnameOverride);
      out.push({
        namespace,
        helm: {
          chart: chart !== undefined && !isUnfilled(chart) ? chart : undefined,
          releaseName: releaseName !== undefined && !isUnfilled(releaseName) ? releaseName : undefined,
          values: values && { ...values, fullnameOverride: fullname },
        },
      });
      continue;
    }
    const path = text(s.path);
    // a `ref` source only lends its files to another source's `$ref/...` values files
    if (path === undefined && nonEmptyString(s.ref) !== undefined) continue;
    if (dirs.holds(path ?? '')) continue;
    out.push({ namespace, manifests: { repoURL: text(s.repoURL) ?? '(no repoURL)', path: path ?? '' } });
  }
  return out;
}

/** A set of generator parameters: names (dotted for nested maps) to values. */
type Parameters = Readonly<Record<string, unknown>>;

/**
 * The parameter sets of an ApplicationSet's generators: a `list`'s elements, a `matrix`'s products; any other
 * generator gives one empty set (its parameters are unknown). At most MAX_PARAMETER_SETS.
 */
function generatorParameters(generators: readonly unknown[]): Parameters[] {
  const out: Parameters[] = [];
  for (const g of generators.slice(0, MAX_GENERATORS).map(asRecord)) {
    for (const p of oneGenerator(g, 0)) {
      if (out.length >= MAX_PARAMETER_SETS) return out;
      out.push(p);
    }
  }
  return out.length > 0 ? out : [{}];
}

/** The parameter sets of a generator inside `nesting` matrices. */
function oneGenerator(g: Record<string, unknown> | undefined, nesting: number): Parameters[] {
  const list = asRecord(g?.list);
  if (list) {
    const elements = asArray(list.elements).map(asRecord).filter((e): e is Record<string, unknown> => e !== undefined);
    return elements.length > 0 ? elements.slice(0, MAX_PARAMETER_SETS) : [{}];
  }
  const matrix = asRecord(g?.matrix);
  if (matrix && nesting < MAX_GENERATOR_NESTING) {
    let product: Parameters[] = [{}];
    for (const child of asArray(matrix.generators).slice(0, MAX_MATRIX_GENERATORS)) {
      const sets = oneGenerator(asRecord(child), nesting + 1);
      product = product.flatMap((a) => sets.map((b) => ({ ...a, ...b }))).slice(0, MAX_PARAMETER_SETS);
    }
    return product;
  }
  return [{}];
}

/**
 * `s` with each placeholder whose parameter is known replaced by its value: `{{ key }}` (fasttemplate, `key` may be
 * dotted: `values.env`) or, for goTemplate, `{{ .key }}`; any other expression (`{{ .name | lower }}`) stays.
 */
function substitute(s: string, params: Parameters, goTemplate: boolean): string {
  // `{{ }}` only: the ApplicationSet controller renders its own template expressions, never a `${VAR}`
  if (!hasTemplate(s)) return s;
  return s.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (whole, expr: string) => {
    const key = goTemplate ? /^\.([\w-]+(?:\.[\w-]+)*)$/.exec(expr)?.[1] : /^[\w-]+(?:\.[\w-]+)*$/.exec(expr)?.[0];
    const value = key === undefined ? undefined : lookup(params, key);
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : whole;
  });
}

/** The parameter at dotted `key`: `values.env` is `{ values: { env } }`. */
function lookup(params: Parameters, key: string): unknown {
  let cur: unknown = params;
  for (const part of key.split('.')) {
    const r = asRecord(cur);
    if (!r || !Object.prototype.hasOwnProperty.call(r, part)) return undefined;
    cur = r[part];
  }
  return cur;
}
