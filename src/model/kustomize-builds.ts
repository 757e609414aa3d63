/**
 * The kustomize builds of a folder's listing, and the objects each gives its files (used by kustomize-folders.ts and
 * load.ts; pure apart from `path`).
 *
 * A kustomization that no other kustomization of the listing names (in `resources`, `bases` or `components`) is a root:
 * `kustomize build`, an Argo CD Application or a Flux Kustomization builds it on its own, and usually for a cluster or
 * namespace of its own (overlays/dev, overlays/prod). A root builds the files it names, and in turn what the
 * kustomizations it names build (a base, a component), and so on. Of kustomizations that only name each other (a loop,
 * which kustomize refuses), the first by path is a root.
 *
 * `namespace`: kustomize's NamespaceTransformer (api/filters/namespace, its field specs in
 * api/konfig/builtinpluginconsts/namespace.go) sets `metadata.namespace` of every namespaced object a kustomization
 * builds, overriding one written in the file, and renames a `Namespace` object to it; an overlay's namespace overrides
 * its base's, as its transformer runs on everything the base built. So a file's objects get, in each root that builds
 * it, the namespace of the outermost kustomization on the way that sets one (none: they keep their own). A namespace
 * that is no DNS-1123 label (a `${VAR}` that a later step substitutes) is not applied. Cluster-scoped kinds
 * (cluster-scoped.ts) keep no namespace. The namespace fields inside objects that kustomize also sets (RoleBinding
 * subjects, an APIService's or a CRD conversion webhook's Service) are not changed: nothing here reads them. A
 * component counts as a base here: its own namespace (rare) goes to the files it names only.
 *
 * A file that roots with different namespaces build is read once per namespace (a base under overlays/dev and
 * overlays/prod is a Service in `dev` and one in `prod`); each copy keeps its file and line, and its source names the
 * roots that build it (`ManifestSource.kustomizeRoots`), so that object-defined-twice counts two definitions as one
 * object only when one build holds both. `namePrefix` and `nameSuffix` are not applied: kustomize renames the
 * references it knows of with the objects (an Ingress backend, a StatefulSet's serviceName, a ConfigMap volume), so
 * the names of the input agree with each other as they are; only a name written already renamed (`dev-web` in an env
 * value of an overlay's own file) would not be found, and names in overlays' patches are not read at all.
 */
import * as path from 'path';
import { isClusterScoped } from './cluster-scoped';
import { lowerBound } from './compare';
import type { KustomizationRefs } from './kustomization-refs';
import { KubeObject, ManifestDocument, asRecord, builtinKind, nonEmptyString } from './manifest';
import { isDns1123Label } from '../k8s-syntax/names';

/** A kustomize root that builds a file, and the namespace it gives the file's objects. */
export interface KustomizeBuild {
  /** The root's kustomization file. */
  readonly root: string;
  /** The namespace of the file's namespaced objects in that build. @default - their own */
  readonly namespace?: string;
}

/** A kustomization of the listing, by folder (normalized); `refs` undefined: it names nothing known. */
export type KustomizationsByFolder = ReadonlyMap<string, { readonly file: string; readonly refs?: KustomizationRefs }>;

/**
 * The most steps one `kustomizeBuilds` takes (a file of a folder that a kustomization names, a root's visit of a
 * kustomization, a build given to a group of files): a few bytes of kustomizations (thousands of overlays of one long
 * chain of bases, a thousand folders named one inside the other) must not make it quadratic. Past it, the folders not
 * yet read give no files, and the roots not yet walked give their files no build (their objects keep their own
 * namespace).
 */
export const MAX_BUILD_STEPS = 2_000_000;

/**
 * The builds of each of `files` (as given; those no kustomization builds are left out), from the kustomizations of
 * their listing. Each file's builds are sorted by root. Builds are gathered per group of files (the files a
 * kustomization names itself, or those of a folder it names) and files of one group share one list, so a base of many
 * files under many overlays costs files + overlays, not their product.
 */
export function kustomizeBuilds(kustomizations: KustomizationsByFolder, files: readonly string[]): Map<string, KustomizeBuild[]> {
  const given = new Map<string, string>(); // normalized -> as given
  for (const f of files) given.set(path.normalize(f), f);
  const sorted = [...given.keys()].sort(); // the files below a folder are one run of it
  const folderGroups = new Map<string, string[]>(); // folder without a kustomization -> the files it gives
  const members = new Map<string, string[][]>(); // kustomization folder -> its groups of files
  const children = new Map<string, string[]>(); // kustomization folder -> kustomization folders it names
  const named = new Set<string>();
  const nearest = new Map<string, string | undefined>(); // folder -> the nearest kustomization folder at or above it
  const held: (string | undefined)[] = []; // index in sorted -> nearestKustomization of its folder, once read
  let steps = 0;
  const folders = [...kustomizations.keys()].filter((dir) => kustomizations.get(dir)!.refs).sort();
  for (const dir of folders) {
    const own: string[] = [];
    const groups = [own];
    const kids: string[] = [];
    for (const p of kustomizations.get(dir)!.refs!.built) {
      const target = path.join(dir, p);
      if (target === dir) continue;
      if (kustomizations.get(target)?.refs) {
        kids.push(target);
        named.add(target);
      } else if (given.has(target)) {
        own.push(given.get(target)!);
      } else {
        // a folder without a kustomization of its own: its files that no nearer kustomization holds
        let group = folderGroups.get(target);
        if (group === undefined) {
          // each file of a group is a step: folders named one inside the other (a, a/b, a/b/c...) share their files
          const [from, to] = steps < MAX_BUILD_STEPS ? runBelow(sorted, target) : [0, 0];
          const end = Math.min(to, from + MAX_BUILD_STEPS - steps);
          steps += end - from;
          group = [];
          for (let i = from; i < end; i++) {
            // held: the nearest kustomization above the file (once per file), which holds it when it lies below target
            if (!(i in held)) held[i] = nearestKustomization(path.dirname(sorted[i]), kustomizations, nearest);
            const h = held[i];
            if (h === undefined || h === target || (target !== '.' && h.length <= target.length)) group.push(given.get(sorted[i])!);
          }
          folderGroups.set(target, group);
        }
        groups.push(group);
      }
    }
    members.set(dir, groups);
    children.set(dir, kids);
  }
  const byGroup = new Map<string[], Map<string, KustomizeBuild>>(); // group -> root NUL namespace -> build
  const reached = new Set<string>();
  const build = (top: string) => {
    const root = kustomizations.get(top)!.file;
    const seen = new Set<string>();
    const stack: { dir: string; namespace?: string }[] = [{ dir: top, namespace: namespaceOf(kustomizations, top) }];
    while (stack.length > 0 && steps < MAX_BUILD_STEPS) {
      const { dir, namespace } = stack.pop()!;
      const key = `${dir}\u0000${namespace ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      reached.add(dir);
      const b: KustomizeBuild = namespace === undefined ? { root } : { root, namespace };
      for (const group of members.get(dir)!) {
        steps++;
        const builds = byGroup.get(group) ?? new Map<string, KustomizeBuild>();
        builds.set(`${root}\u0000${namespace ?? ''}`, b);
        byGroup.set(group, builds);
      }
      steps++;
      for (const kid of children.get(dir)!) stack.push({ dir: kid, namespace: namespace ?? namespaceOf(kustomizations, kid) });
    }
  };
  for (const dir of folders) if (!named.has(dir)) build(dir);
  for (const dir of folders) if (!reached.has(dir)) build(dir); // named only in a loop: the first by path
  const ofFile = new Map<string, Map<string, KustomizeBuild>[]>(); // file -> the builds of each group holding it
  const ids = new Map<Map<string, KustomizeBuild>, number>();
  for (const [group, builds] of byGroup) {
    ids.set(builds, ids.size);
    for (const f of group) {
      const list = ofFile.get(f);
      if (list) list.push(builds);
      else ofFile.set(f, [builds]);
    }
  }
  // one sorted list per set of groups: files of one group, or of the same folders named one inside the other, share it
  const merged = new Map<string, KustomizeBuild[]>();
  const byRoot = (builds: Iterable<KustomizeBuild>) => [...builds].sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
  const out = new Map<string, KustomizeBuild[]>();
  for (const [f, lists] of ofFile) {
    const key = lists.map((l) => ids.get(l)).join(',');
    let list = merged.get(key);
    if (list === undefined) {
      if (lists.length === 1) {
        list = byRoot(lists[0].values());
      } else {
        // a merge costs a step per build of each group (past MAX_BUILD_STEPS, the groups not yet merged give nothing)
        const all = new Map<string, KustomizeBuild>();
        for (const l of lists) {
          if (steps >= MAX_BUILD_STEPS) break;
          steps += l.size;
          for (const [k, b] of l) all.set(k, b);
        }
        list = byRoot(all.values());
      }
      merged.set(key, list);
    }
    if (list.length > 0) out.set(f, list);
  }
  return out;
}

/**
 * The run `[from, to)` of `sorted` below folder `dir` (a folder's files share its path as a prefix): two binary
 * searches, so that a file costs nothing more for each folder above it that a kustomization names.
 */
function runBelow(sorted: readonly string[], dir: string): [number, number] {
  if (dir === '.') return [0, sorted.length];
  const prefix = dir.endsWith(path.sep) ? dir : `${dir}${path.sep}`;
  // the first path past the run: the prefix with its final separator one code unit higher
  const past = `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;
  return [lowerBound(sorted, prefix), lowerBound(sorted, past)];
}

/** The nearest folder at or above `start` with a kustomization that names something (remembered in `nearest`). */
function nearestKustomization(start: string, kustomizations: KustomizationsByFolder, nearest: Map<string, string | undefined>): string | undefined {
  const walked: string[] = [];
  let found: string | undefined;
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (nearest.has(dir)) {
      found = nearest.get(dir);
      break;
    }
    walked.push(dir);
    if (kustomizations.get(dir)?.refs) {
      found = dir;
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of walked) nearest.set(dir, found);
  return found;
}

/** The namespace a kustomization sets, when it is one a namespace may be named. */
function namespaceOf(kustomizations: KustomizationsByFolder, dir: string): string | undefined {
  const ns = kustomizations.get(dir)?.refs?.namespace;
  return ns !== undefined && isDns1123Label(ns) ? ns : undefined;
}

/**
 * The most objects one load copies into further namespaces: a few bytes of kustomizations (a thousand overlays of one
 * base, each with its own namespace) must not multiply a large base beyond what memory holds.
 */
export const MAX_KUSTOMIZE_COPIES = 1_000_000;

/**
 * The copies a load may still make (`builtDocuments`), and the roots by namespace of each list of builds seen (files
 * of one group share their list: kustomizeBuilds); one per load, never shared between loads.
 */
export interface CopyBudget {
  left: number;
  readonly namespaces: Map<readonly KustomizeBuild[], Map<string | undefined, string[]>>;
}

/** A budget of `MAX_KUSTOMIZE_COPIES` copies for one load. */
export function copyBudget(): CopyBudget {
  return { left: MAX_KUSTOMIZE_COPIES, namespaces: new Map() };
}

/**
 * A file's documents as its builds hold them: one copy per namespace they give (see the file comment), each with the
 * roots that build it in `source.kustomizeRoots`. Without builds, the documents as they are. When the copies would
 * pass what `budget` has left, only the namespace of the first root (by path) is applied, with the roots that give it.
 */
export function builtDocuments(docs: readonly ManifestDocument[], builds: readonly KustomizeBuild[] | undefined,
  budget: CopyBudget): ManifestDocument[] {
  if (builds === undefined || builds.length === 0) return docs as ManifestDocument[];
  let byNamespace = budget.namespaces.get(builds);
  if (byNamespace === undefined) {
    byNamespace = new Map<string | undefined, string[]>();
    for (const b of builds) {
      const roots = byNamespace.get(b.namespace) ?? [];
      roots.push(b.root); // builds are unique by root and namespace
      byNamespace.set(b.namespace, roots);
    }
    budget.namespaces.set(builds, byNamespace);
  }
  const copies = docs.length * (byNamespace.size - 1);
  if (copies > budget.left) {
    const first = builds[0].namespace;
    byNamespace = new Map([[first, byNamespace.get(first)!]]);
  } else {
    budget.left -= copies;
  }
  const out: ManifestDocument[] = [];
  for (const d of docs) {
    for (const [namespace, roots] of byNamespace) {
      const object = namespace === undefined ? d.object : inNamespace(d.object, namespace);
      out.push({ object, source: { ...d.source, kustomizeRoots: roots } });
    }
  }
  return out;
}

/** A copy of `o` in `namespace` as kustomize's NamespaceTransformer leaves it (`o` itself when it keeps no namespace). */
function inNamespace(o: KubeObject, namespace: string): KubeObject {
  const metadata = asRecord(o.metadata) ?? {};
  if (builtinKind(o) === 'Namespace') return { ...o, metadata: { ...metadata, name: namespace } };
  if (isClusterScoped(nonEmptyString(o.kind), nonEmptyString(o.apiVersion))) return o;
  return { ...o, metadata: { ...metadata, namespace } };
}
