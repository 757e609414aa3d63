/**
 * The folders of a listing that a GitOps tool applies by themselves (Node-only through the reader; used by
 * kustomize-folders.ts), so that a kustomization higher up does not hide them.
 *
 * A repository often holds a kustomization at its root (or high up) beside plain folders that are applied another way:
 * - a Flux `Kustomization` (kustomize.toolkit.fluxcd.io) builds its `spec.path`, relative to the root of its source;
 *   a folder without a kustomization gets one generated that takes every manifest below it, recursively, where a
 *   subfolder with a kustomization of its own is built by that one (fluxcd.io/flux/components/kustomize/kustomizations,
 *   "Generating a kustomization.yaml file");
 * - an Argo CD `Application` (argoproj.io) applies `spec.source.path` or `spec.sources[].path`; an ApplicationSet does
 *   so for each Application its `spec.template` makes. A folder without a kustomization (and no Helm chart) is a plain
 *   directory: its own files, and those of its subfolders only with `directory.recurse: true`
 *   (argo-cd.readthedocs.io, user-guide/directory). A template path that is exactly the path placeholder of a git
 *   directory generator of the ApplicationSet (`{{path}}`; `{{ .path.path }}` with goTemplate; nested in matrix and
 *   merge generators too) names each folder of the listing that the generator's `directories` patterns match and its
 *   `exclude: true` patterns do not (argo-generators.ts: Argo CD's glob, where `*` does not cross `/`).
 * Such a folder is a root of its own: files that the nearest kustomization above does not list are read all the same.
 * The paths are resolved against the folder given as input, read as the repository root (`./` and `/` prefixes
 * dropped); a path that names no folder holding files of the listing names another repository's folder and counts for
 * nothing, as do a Helm chart source (`chart`), a path with `..`, and any other templated path (`{{ }}`, `${}`). So
 * does a git generator's pattern that matches no folder of the listing: its `repoURL` is not compared, the checker
 * does not know which repository it reads.
 * With `namespaces`, the namespace each such object gives the objects of the folder it applies is listed there
 * (kustomize-builds.ts applies it, as it applies a kustomization's `namespace:`):
 * - a Flux Kustomization's `spec.targetNamespace`: Flux writes it as the `namespace:` of the folder's kustomization
 *   (its own, or the one it generates: fluxcd/pkg kustomize generator), so kustomize's NamespaceTransformer sets it on
 *   every namespaced object, overriding the one written, and renames a `Namespace` object to it
 *   (fluxcd.io/flux/components/kustomize/kustomizations, "Target namespace");
 * - an Argo CD source's `kustomize.namespace`: Argo CD sets it in the kustomization (`kustomize edit set namespace`)
 *   before the build, so it overrides in the same way (argo-cd.readthedocs.io, user-guide/kustomize);
 * - else an Argo CD Application's `spec.destination.namespace`: Argo CD gives it to the namespaced objects of the
 *   rendered manifests that have none, and leaves those that name one as they are (argo-cd controller/state.go
 *   `DeduplicateTargetObjects`: `else if obj.GetNamespace() == "" { obj.SetNamespace(namespace) }`), the way
 *   `kubectl apply -n` does; a kustomization's own `namespace:` inside the folder has set one already, so it wins.
 *   `CreateNamespace=true` only makes Argo CD create that namespace; it changes no object.
 * A namespace that is no DNS-1123 label (`{{path.basename}}`, `${NAMESPACE}`: a template or variable that a later
 * step fills in) gives none, and neither does the namespace of an object that applies the repository root (a Flux
 * Kustomization without `path` or with `./`, an Argo CD source with `path: .`): the root is the one path every source
 * has, so it does not tell that the source is the input, and it mostly is not (a Flux tenant's own repository, an OCI
 * artifact: `flux create kustomization --source=OCIRepository/podinfo --target-namespace=default`); taken, it would
 * move every object of the input into that namespace and build the whole input as one. The root stays a root.
 * The name prefix and suffix each gives are listed there too (with or without a namespace):
 * - a Flux Kustomization's `spec.namePrefix` and `spec.nameSuffix` (kustomize-controller v1.3, Flux 2.3, API v1 only):
 *   Flux writes them as the `namePrefix` and `nameSuffix` of the folder's kustomization, its own or the generated one
 *   (fluxcd/pkg kustomize generator: `kus.NamePrefix = spec.NamePrefix`), in place of those written;
 * - an Argo CD source's `kustomize.namePrefix` and `kustomize.nameSuffix`: Argo CD runs `kustomize edit set nameprefix`
 *   (and `namesuffix`) in the folder before the build, which replaces the kustomization's own as well
 *   (argo-cd.readthedocs.io, user-guide/kustomize: they override those of kustomization.yaml); a folder without a
 *   kustomization is a plain directory that kustomize never builds, so there they give nothing.
 * So they are the outermost prefix and suffix of the build, and the folder's own are not applied. A templated value
 * (`{{...}}`, `${...}`) gives none, and neither does an object of the repository root (as for namespaces).
 * At most one entry per path taken, so at most `MAX_GITOPS_ROOTS`.
 * Only the files whose text names one of the two API groups are parsed. Bounded for any input: `MAX_ROOT_SCAN_BYTES` of
 * such files in all (a file larger than that is not read), at most `MAX_GITOPS_ROOTS` paths and matched folders (an
 * Application's `sources` included), and the bounds of argo-generators.ts on generators, patterns and matching; each
 * bound reached is told.
 */
import * as path from 'path';
import { Folders, GlobBudget, gitDirectories, MAX_DIRECTORY_PATTERNS, MAX_GLOB_STEPS, pathPlaceholder } from './argo-generators';
import { cmp, lowerBound } from './compare';
import { asArray, asRecord, nonEmptyString } from './manifest';
import { hasPlaceholder, hasTemplate } from './placeholders';
import { readYaml } from './yaml-read';
import { isDns1123Label } from '../k8s-syntax/names';

/**
 * The most bytes of files that name the Flux or Argo CD API groups parsed to find the folders applied by themselves (a
 * file of 10,000 Flux Kustomizations is 1.5 MB; the load reads each file once: input-files.ts `KeptTexts`).
 */
export const MAX_ROOT_SCAN_BYTES = 64 * 1024 * 1024;
/** The most paths taken from Flux Kustomizations and Argo CD Applications (thousands of Applications of one folder). */
export const MAX_GITOPS_ROOTS = 10_000;

/** A folder that a GitOps tool applies by itself. */
export interface GitopsRoot {
  /** Whether the files of its subfolders are applied too (Flux; Argo CD with `directory.recurse`). */
  readonly recurse: boolean;
  /** The file of the object that names it. */
  readonly by: string;
}

/**
 * The namespace, name prefix and name suffix that a GitOps tool gives the objects of a folder it applies (see the file
 * comment); at least one of the three.
 */
export interface GitopsNamespace {
  /** The folder (normalized, joined to the folder given). */
  readonly dir: string;
  /** Whether the files of its subfolders are applied too (as `GitopsRoot.recurse`). */
  readonly recurse: boolean;
  /**
   * The file of the object that names it, followed by the object's kind and name (`apps.yaml (Application east)`) when
   * the file holds more documents: the build of one object (two Applications of one file may go to two clusters).
   */
  readonly by: string;
  /** The namespace. @default - none given */
  readonly namespace?: string;
  /**
   * With `namespace`, true: it is set on every namespaced object (Flux `targetNamespace`, Argo CD
   * `kustomize.namespace`); false: only on those that have none (an Argo CD destination).
   */
  readonly override: boolean;
  /**
   * The `namePrefix` the tool writes into the folder's kustomization (its own, or the one Flux generates), in place of
   * the one written there: the outermost prefix of the build. @default - none given
   */
  readonly prefix?: string;
  /** The `nameSuffix` the tool writes there, in the same way. @default - none given */
  readonly suffix?: string;
}

/** Reads a file of at most `maxBytes`, or throws (input-files.ts `readInputFile`). */
type Reader = (file: string, maxBytes: number) => string;

const GROUPS = /kustomize\.toolkit\.fluxcd\.io|argoproj\.io/;

/**
 * The folders (normalized, joined to `base`) that the Flux Kustomizations and Argo CD Applications among `files` (a
 * listing of folder `base`, sorted) apply by themselves, with whether each takes its subfolders (Flux's recursion wins
 * over a plain Argo CD directory naming the same folder). With `namespaces`, the namespace each gives the objects of its
 * folder is pushed there (see the file comment). `limited` is told each bound the reading reached (a few words naming
 * it), so that what was left unread is reported.
 */
export function gitopsRoots(files: readonly string[], base: string, read: Reader, namespaces?: GitopsNamespace[],
  limited?: (bound: string) => void): Map<string, GitopsRoot> {
  const roots = new Map<string, GitopsRoot>();
  const sorted = files.map((f) => path.normalize(f)).sort(cmp);
  let budget = MAX_ROOT_SCAN_BYTES;
  let paths = 0;
  const take = (dir: string, recurse: boolean, by: string, given?: Given) => {
    if (!hasFileBelow(sorted, dir)) return;
    const had = roots.get(dir);
    if (had === undefined || (recurse && !had.recurse)) roots.set(dir, { recurse, by });
    // Argo CD runs kustomize (and so its name prefix) only on a folder with a kustomization: a plain directory keeps
    // its names
    const ns = given?.kustomizeOnly && !hasKustomizationIn(sorted, dir) ? withoutAffixes(given) : given;
    if (ns !== undefined) {
      const { kustomizeOnly, ...entry } = ns;
      namespaces?.push({ dir, recurse, ...entry });
    }
  };
  const add = (p: unknown, recurse: boolean, by: string, ns?: Given) => {
    const rel = nonEmptyString(p);
    if (rel === undefined || hasTemplate(rel) || hasPlaceholder(rel)) return;
    if (paths >= MAX_GITOPS_ROOTS) {
      cut = true;
      return;
    }
    paths++;
    let r = rel;
    while (r.startsWith('./')) r = r.slice(2);
    const clean = path.posix.normalize(r.replace(/^\/+/, '') || '.');
    if (clean === '..' || clean.startsWith('../')) return;
    // the root is the one path every source has: it tells nothing of which repository or artifact it names
    take(path.normalize(path.join(base, clean)), recurse, by, clean === '.' ? undefined : ns);
  };
  let folders: Folders | undefined; // made once, for the first git directory generator
  const glob: GlobBudget = { patterns: MAX_DIRECTORY_PATTERNS, steps: MAX_GLOB_STEPS };
  let cut = false; // a path past MAX_GITOPS_ROOTS was wanted, or a file of GitOps objects left unread
  let unread: string | undefined; // the first file that could not be read within MAX_ROOT_SCAN_BYTES
  for (const file of files) {
    if (!/\.ya?ml$/i.test(file)) continue;
    let text: string;
    try {
      text = read(file, MAX_ROOT_SCAN_BYTES);
    } catch {
      unread ??= file; // too large (or unreadable, which the load reports as an error): not searched
      continue;
    }
    if (!GROUPS.test(text)) continue;
    if (paths >= MAX_GITOPS_ROOTS) {
      cut = true; // a file of GitOps objects past the bound: not searched
      break;
    }
    // only the texts that name the groups are parsed, and counted (a large folder of other YAML is no GitOps input)
    budget -= text.length;
    if (budget < 0) {
      limited?.(`more than ${MAX_ROOT_SCAN_BYTES / 1024 / 1024} MiB of YAML that names their API groups (MAX_ROOT_SCAN_BYTES)`);
      break;
    }
    const docs: unknown[] = [];
    try {
      readYaml(text, docs);
    } catch {
      continue; // invalid YAML: the load reports it
    }
    for (const [i, doc] of docs.entries()) {
      const o = asRecord(doc);
      const group = nonEmptyString(o?.apiVersion)?.split('/')[0];
      const spec = asRecord(o?.spec);
      if (spec === undefined) continue;
      // the build a namespace makes is the object's: two Applications of one file may deploy to two clusters
      const name = nonEmptyString(asRecord(o?.metadata)?.name);
      const by = docs.length > 1 ? `${file} (${String(o?.kind)} ${name !== undefined && isDns1123Label(name) ? name : `document ${i + 1}`})` : file;
      if (group === 'kustomize.toolkit.fluxcd.io' && o?.kind === 'Kustomization') {
        // namePrefix and nameSuffix came with kustomize-controller v1.3 (Flux 2.3), in the v1 API only
        const v1 = o.apiVersion === 'kustomize.toolkit.fluxcd.io/v1';
        add(spec.path ?? '.', true, file, givenBy(by, spec.targetNamespace, true, v1 ? spec : undefined, false));
      } else if (group === 'argoproj.io' && (o?.kind === 'Application' || o?.kind === 'ApplicationSet')) {
        const app = o.kind === 'Application' ? spec : asRecord(asRecord(spec.template)?.spec);
        if (asArray(app?.sources).length > MAX_GITOPS_ROOTS) cut = true; // the sources past it are not read
        const destination = asRecord(app?.destination)?.namespace;
        for (const source of sourcesOf(app)) {
          if (source.chart !== undefined) continue;
          const recurse = asRecord(source.directory)?.recurse === true;
          const kustomize = asRecord(source.kustomize);
          const override = namespaceOf(kustomize?.namespace) !== undefined;
          const ns = givenBy(by, override ? kustomize?.namespace : destination, override, kustomize, true);
          const prefix = o.kind === 'ApplicationSet' ? pathPlaceholder(source.path, spec.goTemplate === true) : undefined;
          if (prefix === undefined) {
            add(source.path, recurse, file, ns);
            continue;
          }
          folders ??= folderTree(sorted, base);
          for (const rel of gitDirectories(spec.generators, prefix, folders, glob)) {
            if (paths >= MAX_GITOPS_ROOTS) {
              cut = true;
              break;
            }
            paths++;
            take(path.normalize(path.join(base, rel)), recurse, file, ns);
          }
        }
      }
    }
  }
  if (cut) limited?.(`all of ${MAX_GITOPS_ROOTS.toLocaleString('en-US')} paths (MAX_GITOPS_ROOTS) with more to read`);
  if (unread !== undefined) limited?.(`more than ${MAX_ROOT_SCAN_BYTES / 1024 / 1024} MiB (MAX_ROOT_SCAN_BYTES) in one file, ${unread}, which was not searched`);
  if (glob.steps < 0 || glob.patterns < 0) limited?.(`more than ${MAX_DIRECTORY_PATTERNS.toLocaleString('en-US')} directory patterns or ${MAX_GLOB_STEPS.toLocaleString('en-US')} steps of matching (MAX_DIRECTORY_PATTERNS, MAX_GLOB_STEPS)`);
  return roots;
}

/**
 * What a GitOps object gives a folder, before the folder is known; `kustomizeOnly`: its prefix and suffix apply only to
 * a folder with a kustomization (Argo CD).
 */
type Given = Omit<GitopsNamespace, 'dir' | 'recurse'> & { readonly kustomizeOnly: boolean };

/** `namespace` when it may name a namespace (a template or variable never does: see the file comment). */
function namespaceOf(namespace: unknown): string | undefined {
  return typeof namespace === 'string' && isDns1123Label(namespace) ? namespace : undefined;
}

/** `affix` when it is a non-empty string that no template or variable fills in. */
function affixOf(affix: unknown): string | undefined {
  const a = nonEmptyString(affix);
  return a === undefined || hasTemplate(a) || hasPlaceholder(a) ? undefined : a;
}

/**
 * What the object `by` gives its folder: `namespace` (see `namespaceOf`), and the `namePrefix` and `nameSuffix` of
 * `names` (Flux's spec, Argo CD's `kustomize`); undefined when none of the three.
 */
function givenBy(by: string, namespace: unknown, override: boolean, names: Record<string, unknown> | undefined,
  kustomizeOnly: boolean): Given | undefined {
  const ns = namespaceOf(namespace);
  const prefix = affixOf(names?.namePrefix);
  const suffix = affixOf(names?.nameSuffix);
  if (ns === undefined && prefix === undefined && suffix === undefined) return undefined;
  return {
    by,
    override: ns !== undefined && override,
    kustomizeOnly,
    ...(ns === undefined ? {} : { namespace: ns }),
    ...(prefix === undefined ? {} : { prefix }),
    ...(suffix === undefined ? {} : { suffix }),
  };
}

/** `given` without its prefix and suffix (undefined when it gives nothing else). */
function withoutAffixes(given: Given): Given | undefined {
  const { prefix, suffix, ...rest } = given;
  return rest.namespace === undefined ? undefined : rest;
}

/** Whether folder `dir` holds a kustomization among `sorted` (normalized, sorted): a binary search per name. */
function hasKustomizationIn(sorted: readonly string[], dir: string): boolean {
  return KUSTOMIZATION_NAMES.some((name) => {
    const f = path.join(dir, name);
    return sorted[lowerBound(sorted, f)] === f;
  });
}

/** The file names kustomize reads as a kustomization (documents.ts `isKustomizationFile`). */
const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The sources of an Application's spec: `source` and the entries of `sources`, as mappings. */
function sourcesOf(spec: Record<string, unknown> | undefined): Record<string, unknown>[] {
  if (spec === undefined) return [];
  const out: Record<string, unknown>[] = [];
  const one = asRecord(spec.source);
  if (one) out.push(one);
  if (Array.isArray(spec.sources)) {
    for (const s of spec.sources.slice(0, MAX_GITOPS_ROOTS)) {
      const r = asRecord(s);
      if (r) out.push(r);
    }
  }
  return out;
}

/** Whether a file of `sorted` (normalized, sorted) lies below folder `dir`: a binary search for its prefix. */
function hasFileBelow(sorted: readonly string[], dir: string): boolean {
  const prefix = dir === '.' ? '' : dir.endsWith(path.sep) ? dir : `${dir}${path.sep}`;
  const at = lowerBound(sorted, prefix);
  return at < sorted.length && sorted[at].startsWith(prefix);
}

/** The folders (relative to `base`, `/`-separated) of `sorted` files as Argo CD lists them (argo-generators.ts). */
function folderTree(sorted: readonly string[], base: string): Folders {
  const children = new Map<string, Set<string>>();
  const seen = new Set<string>(['']);
  for (const file of sorted) {
    const parts = path.relative(base, file).split(path.sep).slice(0, -1);
    const hidden = parts.findIndex((p) => p.startsWith('.'));
    let dir = (hidden < 0 ? parts : parts.slice(0, hidden)).join('/');
    while (!seen.has(dir)) {
      seen.add(dir);
      const at = dir.lastIndexOf('/');
      const parent = at < 0 ? '' : dir.slice(0, at);
      let names = children.get(parent);
      if (names === undefined) children.set(parent, (names = new Set()));
      names.add(dir.slice(at + 1));
      dir = parent;
    }
  }
  return children;
}
