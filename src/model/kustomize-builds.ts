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
 * subjects, an APIService's or a CRD conversion webhook's Service) are not changed: the rules that read the latter
 * take them as kustomize sets them (checks/lib/called-services.ts). For the
 * namespace, a component counts as a base: its own namespace (rare) goes to the files it names only (in kustomize, to
 * all its parent built before it, unless the parent sets one).
 *
 * A file that roots with different namespaces build is read once per namespace (a base under overlays/dev and
 * overlays/prod is a Service in `dev` and one in `prod`: build-copies.ts, within MAX_KUSTOMIZE_COPIES, root by root);
 * each copy keeps its file and line, and its source names the roots that build it (`ManifestSource.kustomizeRoots`), so
 * that object-defined-twice counts two definitions as one object only when one build holds both.
 *
 * `namePrefix` and `nameSuffix`: kustomize's PrefixTransformer and SuffixTransformer (api/internal/builtins) add them to
 * the name of every object a kustomization builds, an overlay's to what its base built already, so a file's objects
 * get, in each root, the prefixes of the kustomizations on the way from the root, outermost first, and their suffixes,
 * innermost first (`dev-` + `base-` + `web` + `-v1` + `-eu`). A build's prefix and suffix are kept with the build and
 * applied with the references kustomize renames by kustomize-names.ts; a file that two roots build with another
 * prefix is read once per prefix, as once per namespace. A root that gives one folder more than MAX_AFFIXES_PER_FOLDER
 * prefix and suffix pairs gives no prefix or suffix: its names are left as written (an `input-skipped` entry on its file
 * says so). `configurations` (name references
 * of its own, files or URLs, which are not read) change no object's name: kustomize renames every `metadata.name`
 * all the same, and they only add references that it renames with the names (an Argo Rollout's Services), so they
 * count as an edit of names (below). A component is built into its parent's objects (kustomize
 * kusttarget.go `accumulateComponents`), so its prefix and suffix (and those of its own components) go to all its
 * parent has built before it, inside the parent's own: `dev-` + `comp-` + `base-` + `web` (`componentChains`); its
 * own files get its prefix and those of the components after it (`AffixWalk`). Each build
 * keeps the first kustomization of its root's walk (the root's own first) whose patches, replacements or vars may set
 * values that the checker does not apply (`KustomizeBuild.edits`), and that one or else the first whose
 * `configurations` may make kustomize rename a name reference the checker does not read (`KustomizeBuild.nameEdits`).
 * A copy that several builds share has them only when every one of those builds has them (those of the first by
 * root: `ManifestSource.kustomizeEdits`, `kustomizeNameEdits`): a value as written is judged when one build applies
 * it so.
 *
 * GitOps namespaces (gitops-roots.ts `GitopsNamespace`): a folder that a Flux Kustomization or Argo CD Application
 * applies with a namespace is built as a root of its own, named after that folder's kustomization, or after the file of
 * the GitOps object (with its kind and name when the file holds more) when it has none (its files, and with recursion those below that no nearer kustomization holds,
 * the nearest kustomizations below being built as its bases, as Flux's generated kustomization does; a Fleet bundle's
 * leave out the folders of the nested bundles below it, `GitopsNamespace.stops`). A kustomization
 * it builds is no root on its own any more: the tool builds it. A Flux `targetNamespace` (or an Argo CD
 * `kustomize.namespace`) is the outermost namespace, so it overrides every other; an Argo CD destination only fills
 * the namespace of namespaced objects that the build leaves without one (`KustomizeBuild.destination`): a
 * kustomization's own `namespace:` and one written in the file win. Two Applications of one folder to two namespaces
 * are two builds, so two copies. The components such an object adds (Flux `spec.components`, Argo CD
 * `kustomize.components`) come after those of the folder's kustomization (or of the one Flux generates) and are built
 * as its own are: relative to the folder, each a folder with a kustomization of the listing (one outside the
 * repository, or without a kustomization, is left out), no root on its own any more. The patches such an object writes
 * into the kustomization (Flux `spec.patches`, Argo CD `kustomize.patches`) are the build's first edits, named by the
 * object; so is the build of a kustomization whose prefix or suffix the object gives (`KustomizeBuild.affixBy`: the
 * names are the object's build's, not those of `kustomize build` of the folder).
 */
import * as path from 'path';
import { folderKeys, lowerBound, underFolder } from './compare';
import type { GitopsNamespace } from './gitops-roots';
import type { KustomizationRefs } from './kustomization-refs';
import type { BoundReporter, KustomizeEdits } from './manifest';
import { isDns1123Label } from '../k8s-syntax/names';

/** A kustomize root that builds a file, and the namespace it gives the file's objects. */
export interface KustomizeBuild {
  /** The root's kustomization file. */
  readonly root: string;
  /** The namespace of the file's namespaced objects in that build. @default - their own */
  readonly namespace?: string;
  /** What the build puts before the names of the file's objects (kustomize-names.ts), each level's ended by `LEVEL`. @default - nothing */
  readonly prefix?: string;
  /** What the build puts after the names of the file's objects, each level's started by `LEVEL`. @default - nothing */
  readonly suffix?: string;
  /**
   * A kustomization of the build whose patches, replacements or vars may set values of its objects (not applied
   * here). @default - none
   */
  readonly edits?: KustomizeEdits;
  /**
   * `edits`, or else a kustomization of the build whose `configurations` may rename references the checker does not
   * read (to the names the build gives): what may set a name the build renamed. @default - none
   */
  readonly nameEdits?: KustomizeEdits;
  /**
   * Without `namespace`: the namespace of the namespaced objects that name none (an Argo CD Application's
   * destination). @default - none
   */
  readonly destination?: string;
  /**
   * The GitOps object whose `namePrefix` and `nameSuffix` the build applies in place of those of the root's
   * kustomization (gitops-roots.ts `GitopsNamespace.by`), when the root is that kustomization. @default - none
   */
  readonly affixBy?: string;
}

/**
 * The file of a build's root (`KustomizeBuild.root`, `ManifestSource.kustomizeRoots`): its kustomization, or the
 * GitOps object's file, without the object named after it (`apps.yaml (Application east)`, and a kustomization that
 * several GitOps objects build `k.yaml (apps.yaml (Kustomization x))`): the parenthesized text that ends it, after a
 * space. One pass from the end (a regular expression ` \(.*\)$` tries each ` (` of a long path to its end: 3 ms for a
 * path of 1,000 folders `x (`, at each root of each finding).
 */
export function rootFile(root: string): string {
  if (!root.endsWith(')')) return root;
  let depth = 0;
  for (let i = root.length - 1; i > 0; i--) {
    const c = root.charCodeAt(i);
    if (c === 0x29) { // `)`
      depth++;
    } else if (c === 0x28 && --depth === 0) { // the `(` of the last `)`
      return root.charCodeAt(i - 1) === 0x20 ? root.slice(0, i - 1) : root;
    }
  }
  return root;
}

/** A kustomization of the listing, by folder (normalized); `refs` undefined: it names nothing known. */
export type KustomizationsByFolder = ReadonlyMap<string, { readonly file: string; readonly refs?: KustomizationRefs }>;

/**
 * The most steps one `kustomizeBuilds` takes (a file of a folder that a kustomization names, a root's visit of a
 * kustomization and of each kustomization that one lists, a build given to a group of files): a few bytes of
 * kustomizations (thousands of overlays of one long chain of bases, a thousand folders named one inside the other, a
 * component named 100,000 times) must not make it quadratic. The folders of GitOps
 * namespaces are read first, and count too (a step per folder and per file of it listed). Past it, the folders not yet
 * read give no files, and the roots not yet walked give their files no build (their objects keep their own namespace).
 */
export const MAX_BUILD_STEPS = 2_000_000;

/**
 * The builds of each of `files` (as given; those no kustomization builds are left out), from the kustomizations of
 * their listing. Each file's builds are sorted by root. Builds are gathered per group of files (the files a
 * kustomization names itself, or those of a folder it names) and files of one group share one list, so a base of many
 * files under many overlays costs files + overlays, not their product. `gitops`: the folders that GitOps objects apply
 * with a namespace (see the file comment). Each cut is told to `bounds`, not passed over in silence: the work reached
 * MAX_BUILD_STEPS (the builds past it were not read; on the first of `kustomizations`, else the first of `files`), and
 * each root whose walk gives a folder more than MAX_AFFIXES_PER_FOLDER prefix and suffix pairs (its names are left as
 * written; on the root's file).
 */
export function kustomizeBuilds(kustomizations: KustomizationsByFolder, files: readonly string[],
  gitops: readonly GitopsNamespace[] = [], bounds?: BoundReporter): Map<string, KustomizeBuild[]> {
  const given = new Map<string, string>(); // normalized -> as given
  for (const f of files) given.set(path.normalize(f), f);
  const sorted = [...given.keys()].sort(); // the files below a folder are one run of it
  const folderGroups = new Map<string, string[]>(); // folder without a kustomization -> the files it gives
  const folderOf = new Map<string, string>(); // a file of a group -> its folder, normalized once for every bundle's test
  const members = new Map<string, string[][]>(); // kustomization folder -> its groups of files
  const children = new Map<string, string[]>(); // kustomization folder -> kustomization folders it names as resources
  const components = new Map<string, string[]>(); // kustomization folder -> kustomization folders it names as components
  const named = new Set<string>();
  const nearest = new Map<string, string | undefined>(); // folder -> the nearest kustomization folder at or above it
  const held: (string | undefined)[] = []; // index in sorted -> nearestKustomization of its folder, once read
  let steps = 0;
  // the files below folder `top` that no nearer kustomization holds: one run of `sorted`, a step per file (folders named
  // one inside the other, a, a/b, a/b/c..., share their files; past MAX_BUILD_STEPS, none)
  const filesOf = (top: string, own = false): string[] => {
    const [from, to] = steps < MAX_BUILD_STEPS ? runBelow(sorted, top) : [0, 0];
    const end = Math.min(to, from + MAX_BUILD_STEPS - steps);
    steps += end - from;
    const out: string[] = [];
    for (let i = from; i < end; i++) {
      if (own) {
        if (path.dirname(sorted[i]) === top) out.push(given.get(sorted[i])!);
        continue;
      }
      if (!(i in held)) held[i] = nearestKustomization(path.dirname(sorted[i]), kustomizations, nearest);
      if (!holdsBelow(held[i], top)) out.push(given.get(sorted[i])!);
    }
    return out;
  };
  const folders = [...kustomizations.keys()].filter((dir) => kustomizations.get(dir)!.refs).sort();
  for (const dir of folders) {
    const own: string[] = [];
    const groups = [own];
    const kids: string[] = [];
    const comps: string[] = [];
    const refs = kustomizations.get(dir)!.refs!;
    const asComponent = new Set(refs.components);
    // a base, file or folder named twice builds nothing more (kustomize refuses it: "already registered id"), and is
    // taken once: a kustomization that names one base 100,000 times must not cost each of its visits that much; a
    // component named twice runs twice (`x-x-web`), and stays
    const taken = new Set<string>();
    for (const p of refs.built) {
      const target = path.join(dir, p);
      if (target === dir) continue;
      const component = asComponent.has(p);
      if (!component) {
        if (taken.has(target)) continue;
        taken.add(target);
      }
      if (kustomizations.get(target)?.refs) {
        (component ? comps : kids).push(target);
        named.add(target);
      } else if (given.has(target)) {
        own.push(given.get(target)!);
      } else {
        // a folder without a kustomization of its own: its files that no nearer kustomization holds
        let group = folderGroups.get(target);
        if (group === undefined) {
          group = filesOf(target);
          folderGroups.set(target, group);
        }
        groups.push(group);
      }
    }
    members.set(dir, groups);
    children.set(dir, kids);
    if (comps.length > 0) components.set(dir, comps);
  }
  const byGroup = new Map<string[], Map<string, KustomizeBuild>>(); // group -> root NUL build key -> build
  const reached = new Set<string>();
  // ---- GitOps namespaces (see the file comment): the folders GitOps objects apply become roots ----
  const starts: Start[] = [];
  // a kustomization that several GitOps objects build: each build is a root of its own (two Flux Kustomizations of one
  // folder with their own prefixes are built apart), named after the kustomization and the object
  const builtBy = new Map<string, number>();
  for (const g of gitops.slice(0, MAX_BUILD_STEPS)) builtBy.set(g.dir, (builtBy.get(g.dir) ?? 0) + 1);
  for (const g of gitops) {
    if (steps >= MAX_BUILD_STEPS) break;
    steps++;
    const ns = g.namespace === undefined ? {} : g.override ? { namespace: g.namespace } : { destination: g.namespace };
    const own = kustomizations.get(g.dir);
    // the tool's prefix and suffix take the place of those of the folder's kustomization (its own or the generated one),
    // and its components come after that kustomization's own: each a folder with a kustomization of the listing
    // (kustomize refuses anything else; one outside the repository is none), not listed yet
    const listed = new Set(components.get(g.dir));
    const added: string[] = [];
    for (const c of g.components ?? []) {
      if (steps >= MAX_BUILD_STEPS) break;
      steps++;
      const target = path.join(g.dir, c);
      if (target === g.dir || listed.has(target) || !kustomizations.get(target)?.refs) continue;
      listed.add(target);
      added.push(target);
      named.add(target);
    }
    const names: GitopsEdits = {
      ...(g.prefix === undefined ? {} : { prefix: g.prefix }),
      ...(g.suffix === undefined ? {} : { suffix: g.suffix }),
      ...(added.length === 0 ? {} : { components: added }),
      // the object's patches, named by the object (`apps.yaml (Kustomization east)`)
      ...(g.edits === undefined ? {} : { edits: { file: g.by, fields: g.edits } }),
    };
    if (own?.refs) {
      named.add(g.dir);
      const root = builtBy.get(g.dir)! > 1 ? `${own.file} (${g.by})` : own.file;
      // the tool writes its prefix and suffix into the kustomization: the build names them by the tool's object
      const affixBy = g.prefix === undefined && g.suffix === undefined ? undefined : g.by;
      starts.push({ dir: g.dir, root, namespace: ns.namespace ?? namespaceOf(kustomizations, g.dir), destination: ns.destination, names, affixBy });
      continue;
    }
    // a node of its own, never a folder path; the nested Fleet bundles a Fleet bundle leaves out make another
    const key = `${g.dir}\u0000${g.recurse ? 'recurse' : ''}${(g.stops ?? []).map((st) => `\u0000${st}`).join('')}`;
    if (!members.has(key)) {
      const prefix = g.dir === '.' ? '' : `${g.dir}${path.sep}`;
      const stops = folderKeys(g.stops ?? [], path.sep);
      // whether folder `d` (at or below g.dir) lies in a nested Fleet bundle: a binary search, whatever the depth
      const stopped = (d: string) => underFolder(stops, d, path.sep);
      if (g.recurse) {
        let group = folderGroups.get(g.dir);
        if (group === undefined) {
          group = filesOf(g.dir);
          folderGroups.set(g.dir, group);
        }
        if (stops.length > 0) {
          group = group.filter((f) => {
            let d = folderOf.get(f);
            if (d === undefined) folderOf.set(f, (d = path.dirname(path.normalize(f))));
            return !stopped(d);
          });
        }
        const kids: string[] = [];
        for (let i = lowerBound(folders, prefix); i < folders.length && folders[i].startsWith(prefix) && steps < MAX_BUILD_STEPS; i++) {
          steps++;
          const inKustomization = holdsBelow(nearestKustomization(path.dirname(folders[i]), kustomizations, nearest), g.dir);
          if (!inKustomization && !stopped(folders[i])) kids.push(folders[i]);
        }
        members.set(key, [group]);
        children.set(key, kids);
      } else {
        members.set(key, [filesOf(g.dir, true)]);
        children.set(key, []);
      }
    }
    for (const kid of children.get(key)!) named.add(kid);
    starts.push({ dir: key, root: g.by, ...ns, names });
  }
  // ---- end of GitOps namespaces ----
  // `n` steps more (a visit, or the kustomizations a visit lists): whether the work is still within MAX_BUILD_STEPS
  const spend = (n = 1) => (steps += n) < MAX_BUILD_STEPS;
  // the prefix and suffix each component's transformers (its own components' first) put around what was built before it
  const chains = componentChains(kustomizations, components, [...components.values(), ...starts.map((st) => st.names?.components ?? [])], spend);
  const affixes = new AffixWalk(kustomizations, children, components, chains);
  const tooMany = new Set<string>(); // the roots told to `bounds` for MAX_AFFIXES_PER_FOLDER
  const build = (start: Start) => {
    const { root, destination, affixBy } = start;
    const { cut, edits, nameEdits } = unapplied(start, kustomizations, children, components, spend);
    const names = !cut && fewAffixes(start, affixes, spend);
    // not few, within MAX_BUILD_STEPS (whose cut is told at the end): the root passed MAX_AFFIXES_PER_FOLDER
    if (!cut && !names && steps < MAX_BUILD_STEPS && !tooMany.has(root)) {
      tooMany.add(root);
      bounds?.(rootFile(root), `the kustomize build of ${root} gives one folder more than ${MAX_AFFIXES_PER_FOLDER} namePrefix and nameSuffix pairs (MAX_AFFIXES_PER_FOLDER), so no namePrefix or nameSuffix of that build was applied: its objects keep the names written`);
    }
    const seen = new Set<string>();
    const visits: Visit[] = [{ dir: start.dir, namespace: start.namespace, ...NO_AFFIX, own: start.names }];
    while (visits.length > 0 && steps < MAX_BUILD_STEPS) {
      const visit = visits.pop()!;
      const { dir, namespace } = visit;
      // without names (a root of too many pairs), the names stay as written
      const { prefix, suffix } = names ? affixes.content(visit) : NO_AFFIX;
      const filled = namespace === undefined ? destination : undefined;
      const key = buildKey(namespace, prefix, suffix, filled);
      const at = `${dir}\u0000${visit.prefix}\u0000${visit.suffix}\u0000${key}`;
      if (seen.has(at)) continue;
      seen.add(at);
      reached.add(dir);
      const b: KustomizeBuild = {
        root,
        ...(namespace === undefined ? {} : { namespace }),
        ...(filled === undefined ? {} : { destination: filled }),
        ...(prefix === '' ? {} : { prefix }),
        ...(suffix === '' ? {} : { suffix }),
        ...(edits === undefined ? {} : { edits }),
        ...(nameEdits === undefined ? {} : { nameEdits }),
        ...(affixBy === undefined || !names ? {} : { affixBy }),
      };
      for (const group of members.get(dir)!) {
        steps++;
        const builds = byGroup.get(group) ?? new Map<string, KustomizeBuild>();
        builds.set(`${root}\u0000${key}`, b);
        byGroup.set(group, builds);
      }
      // a step per kustomization it lists: a component named 100,000 times costs each visit that much
      const kids = affixes.kids(visit);
      steps += 1 + kids.length;
      for (const kid of kids) {
        visits.push({ dir: kid.dir, namespace: namespace ?? namespaceOf(kustomizations, kid.dir), ...(names ? kid : NO_AFFIX) });
      }
    }
  };
  const own = (dir: string): Start => ({ dir, root: kustomizations.get(dir)!.file, namespace: namespaceOf(kustomizations, dir) });
  for (const dir of folders) if (!named.has(dir)) build(own(dir));
  for (const start of starts) build(start);
  for (const dir of folders) if (!reached.has(dir)) build(own(dir)); // named only in a loop: the first by path
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
  if (steps >= MAX_BUILD_STEPS) {
    const first = kustomizations.values().next().value?.file ?? files[0];
    bounds?.(first, `the kustomize builds of this folder took more than ${MAX_BUILD_STEPS.toLocaleString('en-US')} steps (MAX_BUILD_STEPS), so the builds past that point were not read and their files keep the namespaces and names written`);
  }
  return out;
}

/** Where a root's walk starts: a kustomization folder (or a GitOps folder's node), its root and namespaces. */
interface Start {
  readonly dir: string;
  readonly root: string;
  readonly namespace?: string;
  readonly destination?: string;
  /** What a GitOps tool writes into the start's kustomization. @default - nothing */
  readonly names?: GitopsEdits;
  /** The GitOps object whose prefix and suffix the start's kustomization takes (`KustomizeBuild.affixBy`). @default - none */
  readonly affixBy?: string;
}

/**
 * What a GitOps tool writes into the kustomization of the folder it builds (its own, or the one Flux generates): a
 * prefix and suffix in place of its own, components (folders, normalized) after its own, and its patches.
 */
interface GitopsEdits extends Names {
  readonly components?: readonly string[];
  /** The GitOps object and its fields that patch the build (gitops-roots.ts `GitopsNamespace.edits`). */
  readonly edits?: Omit<KustomizeEdits, 'root'>;
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

/**
 * Whether `nearest`, the nearest kustomization folder at or above an entry's folder, lies below `top` (exclusive): then
 * it holds the entry, not `top`.
 */
function holdsBelow(nearest: string | undefined, top: string): boolean {
  return nearest !== undefined && nearest !== top && (top === '.' || nearest.length > top.length);
}

/** The longest object name (a DNS subdomain); longer prefixes and suffixes are not applied. */
const MAX_NAME_LENGTH = 253;

/** The key of a build's namespace, prefix, suffix and destination (files of one root are copied once per key). */
export function buildKey(namespace: string | undefined, prefix = '', suffix = '', destination = ''): string {
  return `${namespace ?? ''}\u0000${prefix}\u0000${suffix}\u0000${destination}`;
}

/** What a root's walk holds that the checker does not apply (`unapplied`). */
interface Unapplied {
  /** Whether the walk was cut by MAX_BUILD_STEPS (its names are then left as written). */
  readonly cut: boolean;
  readonly edits?: KustomizeEdits;
  readonly nameEdits?: KustomizeEdits;
}

/**
 * What the kustomizations that `start` builds (its own included, and the components a GitOps tool adds) hold that the
 * checker does not apply: the first (by the walk, the start's first, and before it the GitOps tool's patches) whose
 * patches, replacements or vars may set values of what it builds (`edits`), and that one or else the first that names `configurations`, a file or a URL (name
 * references of its own, an Argo Rollout's Services, a custom resource's Secret, which kustomize renames with the
 * objects and which are not read here: `nameEdits`). `step` counts the work (a step per kustomization walked and per
 * one it lists) and says whether more may be done (false: `cut`, and the names are left as written).
 */
function unapplied(start: Start, kustomizations: KustomizationsByFolder, children: ReadonlyMap<string, readonly string[]>,
  components: ReadonlyMap<string, readonly string[]>, step: (n?: number) => boolean): Unapplied {
  const added = [...start.names?.components ?? []].reverse(); // popped in their order, after the start's own
  const seen = new Set<string>([start.dir, ...added]);
  const stack = [...added, start.dir];
  const { root } = start;
  // what the tool writes into the start's kustomization comes first
  let edits: KustomizeEdits | undefined = start.names?.edits && { root, ...start.names.edits };
  let configurations: KustomizeEdits | undefined;
  let cut = false;
  while (stack.length > 0) {
    if (!step()) {
      cut = true;
      break;
    }
    const dir = stack.pop()!;
    const k = kustomizations.get(dir);
    if (edits === undefined && k?.refs?.edits !== undefined) edits = { root, file: k.file, fields: k.refs.edits };
    if (configurations === undefined && k?.refs?.configurations) configurations = { root, file: k.file, fields: ['configurations'] };
    for (const list of [children.get(dir) ?? [], components.get(dir) ?? []]) {
      if (!step(list.length)) {
        cut = true;
        break;
      }
      for (const kid of list) {
        if (!seen.has(kid)) {
          seen.add(kid);
          stack.push(kid);
        }
      }
    }
  }
  const nameEdits = edits ?? configurations;
  return { cut, ...(edits === undefined ? {} : { edits }), ...(nameEdits === undefined ? {} : { nameEdits }) };
}

/**
 * The most name prefix and suffix pairs one root gives the files of one folder: kustomizations that each name the two
 * of the next level, each with a prefix of its own, give the folder below them 2^depth pairs, a copy of its files for
 * each. Past it, the root's names are left as written. (A root of many apps, each with its own prefix, gives each
 * folder one pair.)
 */
export const MAX_AFFIXES_PER_FOLDER = 64;

/**
 * What ends each level's prefix and starts each level's suffix inside the walk (`KustomizeBuild.prefix`, `suffix`): no
 * name holds it, and it keeps the levels apart for kustomize's comparison of references (kustomize-names.ts `chosen`).
 */
export const LEVEL = '\u0000';

/** A prefix or suffix of the walk without its level marks: what the name gets. */
export function plainAffix(affix: string): string {
  return affix.includes(LEVEL) ? affix.split(LEVEL).join('') : affix;
}

/** A name prefix and suffix as given (a GitOps tool's, in place of a kustomization's own). */
interface Names {
  readonly prefix?: string;
  readonly suffix?: string;
}

/** A name prefix and suffix (with their level marks: `LEVEL`). */
interface Affix {
  readonly prefix: string;
  readonly suffix: string;
  /**
   * The characters they put around a name (both without their level marks), kept so that `around` never takes the
   * marks out of long affixes again.
   */
  readonly length: number;
}

const NO_AFFIX: Affix = { prefix: '', suffix: '', length: 0 };

/**
 * A kustomization folder (or a GitOps folder's node) reached on a root's walk, with the prefix and suffix that the
 * kustomizations outside it put around what it builds.
 */
interface Visit extends Affix {
  readonly dir: string;
  readonly namespace?: string;
  /** At the start: what a GitOps tool writes into the folder's kustomization. @default - nothing */
  readonly own?: GitopsEdits;
}

/**
 * `inner` inside `outer` (prefixes outermost first, suffixes innermost first); `outer` alone when the two would be
 * longer than the longest object name, which the API server refuses.
 */
function around(outer: Affix, inner: Affix): Affix {
  if (inner.prefix === '' && inner.suffix === '') return outer;
  const length = outer.length + inner.length;
  return length <= MAX_NAME_LENGTH ? { prefix: outer.prefix + inner.prefix, suffix: inner.suffix + outer.suffix, length } : outer;
}

/** The `namePrefix` and `nameSuffix` of the kustomization of `dir`, or those given in their place. */
function ownAffix(kustomizations: KustomizationsByFolder, dir: string, given?: Names): Affix {
  const refs = kustomizations.get(dir)?.refs;
  const prefix = given?.prefix ?? refs?.namePrefix ?? '';
  const suffix = given?.suffix ?? refs?.nameSuffix ?? '';
  // each level's prefix ends, and each level's suffix starts, with LEVEL: kustomize compares the lists level by level
  return {
    prefix: prefix === '' ? '' : `${prefix}${LEVEL}`,
    suffix: suffix === '' ? '' : `${LEVEL}${suffix}`,
    length: plainAffix(prefix).length + plainAffix(suffix).length,
  };
}

/**
 * The prefix and suffix each component (a folder that a kustomization names in `components`, or a GitOps tool adds:
 * `lists`) puts around what was built before it: kustomize builds a component into its parent's accumulated objects
 * (api/internal/target kusttarget.go `accumulateComponents`: no accumulator of its own), so its components'
 * transformers, then its own, run on all of them, the parent's files and bases included, before the parent's own
 * transformers. Of two components, the later runs later: its prefix is outside the earlier's. A loop of components
 * (which kustomize refuses) gives nothing for the component that closes it. `step` counts a step per component and per
 * one it lists, and says whether more may be done (else the components not yet read give nothing).
 */
function componentChains(kustomizations: KustomizationsByFolder, components: ReadonlyMap<string, readonly string[]>,
  lists: readonly (readonly string[])[], step: (n?: number) => boolean): Map<string, Affix> {
  const chains = new Map<string, Affix>();
  const opened = new Set<string>();
  for (const list of lists) {
    for (const top of list) {
      // depth first without recursion: a thousand components one inside the other must not overflow the stack
      const stack = [top];
      while (stack.length > 0) {
        const dir = stack[stack.length - 1];
        if (!opened.has(dir)) {
          if (!step(1 + (components.get(dir)?.length ?? 0))) return chains;
          opened.add(dir);
          for (const c of components.get(dir) ?? []) if (!opened.has(c)) stack.push(c);
          continue;
        }
        stack.pop();
        if (chains.has(dir)) continue;
        chains.set(dir, around(ownAffix(kustomizations, dir), innerChain(components.get(dir), chains)));
      }
    }
  }
  return chains;
}

/** The prefix and suffix that the components `list` (of one kustomization, in order) put around what it built. */
function innerChain(list: readonly string[] | undefined, chains: ReadonlyMap<string, Affix>): Affix {
  let inner = NO_AFFIX;
  for (const c of list ?? []) inner = around(chains.get(c) ?? NO_AFFIX, inner);
  return inner;
}

/** The prefixes and suffixes of a root's walk: what a visit's own files get, and where its kustomizations are visited. */
class AffixWalk {
  /** `innerChain` of each folder, once: a base that thousands of parents reach lists its components once. */
  private readonly inner = new Map<string, Affix>();
  /** `ownAffix` of each folder, once (a visit reads it twice, and a `namePrefix` may be long). */
  private readonly own = new Map<string, Affix>();

  constructor(private readonly kustomizations: KustomizationsByFolder, private readonly children: ReadonlyMap<string, readonly string[]>,
    private readonly components: ReadonlyMap<string, readonly string[]>, private readonly chains: ReadonlyMap<string, Affix>) {}

  /**
   * The prefix and suffix of what `v` builds itself (its files, its bases): those around it, its own, and inside them
   * those of its components (the last component's outermost).
   */
  public content(v: Visit): Affix {
    let inner = v.own?.components === undefined ? this.inner.get(v.dir) : innerChain(this.componentsOf(v), this.chains);
    if (inner === undefined) {
      inner = innerChain(this.components.get(v.dir), this.chains);
      this.inner.set(v.dir, inner);
    }
    return this.inside(v, around(this.ownOf(v), inner));
  }

  /**
   * The kustomizations `v` names, each with the prefix and suffix around it: for a base, those of `v`'s own files; for
   * a component, those around `v`, its own, and those of the components after it (a component's own files are built
   * into the parent after the components before it ran).
   */
  public kids(v: Visit): (Affix & { readonly dir: string })[] {
    const content = this.content(v);
    const out = (this.children.get(v.dir) ?? []).map((dir) => ({ dir, ...content }));
    const list = this.componentsOf(v);
    const own = this.ownOf(v);
    let after = NO_AFFIX; // the components after the one at i
    for (let i = list.length - 1; i >= 0; i--) {
      out.push({ dir: list[i], ...this.inside(v, around(own, after)) });
      after = around(after, this.chains.get(list[i]) ?? NO_AFFIX);
    }
    return out;
  }

  /** The components of `v`: its kustomization's, then those a GitOps tool adds at the start. */
  private componentsOf(v: Visit): readonly string[] {
    const own = this.components.get(v.dir) ?? [];
    return v.own?.components === undefined ? own : [...own, ...v.own.components];
  }

  /** `inner` inside the prefix and suffix around `v`, as a pair of its own. */
  private inside(v: Visit, inner: Affix): Affix {
    const { prefix, suffix, length } = around(v, inner);
    return { prefix, suffix, length };
  }

  /** The prefix and suffix `v`'s folder gives itself (a GitOps tool's at the start, in place of its own). */
  private ownOf(v: Visit): Affix {
    if (v.own !== undefined) return ownAffix(this.kustomizations, v.dir, v.own);
    let own = this.own.get(v.dir);
    if (own === undefined) {
      own = ownAffix(this.kustomizations, v.dir);
      this.own.set(v.dir, own);
    }
    return own;
  }
}

/**
 * Whether the walk from `start` gives each folder at most MAX_AFFIXES_PER_FOLDER prefix and suffix pairs (as the build
 * walk puts them together: `affixes`). `step` counts the work and says whether more may be done (false: not few).
 */
function fewAffixes(start: Start, affixes: AffixWalk, step: (n?: number) => boolean): boolean {
  const perFolder = new Map<string, Set<string>>();
  const seen = new Set<string>();
  const stack: Visit[] = [{ dir: start.dir, ...NO_AFFIX, own: start.names }];
  while (stack.length > 0) {
    if (!step()) return false;
    const v = stack.pop()!;
    const at = `${v.dir}\u0000${v.prefix}\u0000${v.suffix}`;
    if (seen.has(at)) continue;
    seen.add(at);
    const { prefix, suffix } = affixes.content(v);
    const pairs = perFolder.get(v.dir) ?? new Set<string>();
    pairs.add(`${prefix}\u0000${suffix}`);
    perFolder.set(v.dir, pairs);
    if (pairs.size > MAX_AFFIXES_PER_FOLDER) return false;
    const kids = affixes.kids(v); // a step per kustomization it lists, as in the build walk
    if (!step(kids.length)) return false;
    for (const kid of kids) stack.push(kid);
  }
  return true;
}

/** The namespace a kustomization sets, when it is one a namespace may be named. */
function namespaceOf(kustomizations: KustomizationsByFolder, dir: string): string | undefined {
  const ns = kustomizations.get(dir)?.refs?.namespace;
  return ns !== undefined && isDns1123Label(ns) ? ns : undefined;
}
