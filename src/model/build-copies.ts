/**
 * The copies of a load's files in the namespaces and names of their kustomize builds (used by load.ts; pure).
 *
 * kustomize-builds.ts gives each file found in a folder the builds that hold it. A file is read once per namespace,
 * prefix and suffix that its builds give (`builtDocuments`: a copy of its objects each, with the roots of that copy in
 * `ManifestSource.kustomizeRoots`); the prefix and suffix are applied to the names once every file is read
 * (kustomize-names.ts).
 *
 * A few bytes of kustomizations (a thousand overlays of a base, each with a namespace of its own) multiply the base, so
 * a load makes at most MAX_KUSTOMIZE_COPIES copies beyond one per object (`copyPlan`). The cut is made root by root,
 * never file by file: the roots are taken by path, and a root's build is made whole (a copy of each object it builds
 * in the namespace and names it gives, unless a root taken before gives the same) while the copies stay within the
 * bound, and is otherwise left out whole. A file that roots taken and roots left out build keeps the builds of the roots
 * taken; a file that only roots left out build (an overlay's own Ingress) is not read, since its build would miss the
 * objects of its bases (the Service of that Ingress) and give false errors. An `input-skipped` entry names the roots left
 * out (`copyPlan`).
 */
import { isClusterScoped } from './cluster-scoped';
import { cmp } from './compare';
import type { KustomizeBuild } from './kustomize-builds';
import { buildKey, plainAffix, rootFile } from './kustomize-builds';
import { BoundReporter, KubeObject, KustomizeEdits, ManifestDocument, asRecord, builtinKind, nonEmptyString } from './manifest';

/**
 * The most copies one load makes of objects into further namespaces and names (beyond one per object): a few bytes of
 * kustomizations (a thousand overlays of one base, each with its own namespace) must not multiply a base beyond what a
 * check does in seconds. A copy costs what an object read does (about 60 microseconds and 3.5 KB checked: 1,000
 * overlays of 1,000 Services take about 110 s and 2.6 GB at the bound). Fleet repositories hold a hundred overlays of a
 * base of 1,000 objects, which stay well within it.
 */
export const MAX_KUSTOMIZE_COPIES = 1_000_000;

/** At most this many roots left out are named in the `input-skipped` entry (`copyPlan`); the rest are counted. */
const MAX_LISTED_ROOTS = 5;

/** A file's documents as read, and the builds that hold it (kustomize-builds.ts; none: it is read as written). */
export interface ReadFile {
  readonly docs: readonly ManifestDocument[];
  readonly builds?: readonly KustomizeBuild[];
}

/**
 * The roots whose builds a load makes (`copyPlan`), and the copies of each list of builds (files of one group share
 * their list: kustomize-builds.ts), filled in by `builtDocuments`. One per load.
 */
export interface CopyPlan {
  /** The roots whose builds are left out, by path. */
  readonly leftOut: readonly string[];
  /** `leftOut` as a set. */
  readonly left: ReadonlySet<string>;
  /** The copies each list of builds makes; undefined: only roots left out build its files. */
  readonly copies: Map<readonly KustomizeBuild[], Copies | undefined>;
}

/** The roots that give a file's objects one namespace, prefix and suffix. */
interface CopyOf {
  readonly namespace?: string;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly roots: string[];
  /** When every one of its builds has edits, those of the first (by root); else none. */
  edits?: KustomizeEdits;
  /** When every one of its builds has name edits, those of the first (by root); else none. */
  nameEdits?: KustomizeEdits;
  /** The first root whose build has no name edits: the build where a name stays as written. @default - none */
  plainRoot?: string;
  /** The roots whose build takes its prefix and suffix from a GitOps object, with it (`KustomizeBuild.affixBy`). */
  affixBy?: Map<string, string>;
}

/**
 * The copies a list of builds makes: for the objects a destination fills (namespaced, none written) and for the
 * others; one list when no build has a destination.
 */
interface Copies {
  readonly filled: CopyOf[];
  readonly kept: CopyOf[];
}

/**
 * Which roots' builds the load of `files` makes within `max` copies beyond one per object (see the file comment): each
 * root by path, made whole when its copies (those of the namespaces, prefixes and suffixes it gives a file that the
 * roots taken before do not) fit in what is left, else left out whole; the roots left out are told to `bounds`, on the
 * first one's file. Costs a step per document and per build of each list of builds, whatever the bound.
 */
export function copyPlan(files: readonly ReadFile[], bounds?: BoundReporter, max = MAX_KUSTOMIZE_COPIES): CopyPlan {
  // the objects of the files of each list of builds: those a destination fills, and the others
  const counts = new Map<readonly KustomizeBuild[], { filled: number; kept: number }>();
  for (const { docs, builds } of files) {
    if (builds === undefined || builds.length === 0) continue;
    let count = counts.get(builds);
    if (count === undefined) {
      count = { filled: 0, kept: 0 };
      counts.set(builds, count);
    }
    const destined = builds.some((b) => b.destination !== undefined);
    for (const d of docs) {
      if (destined && fillable(d.object)) count.filled++;
      else count.kept++;
    }
  }
  // each root's run of builds in each list (sorted by root: a root's builds are next to each other)
  const ofRoot = new Map<string, Run[]>();
  for (const [list, count] of counts) {
    for (let from = 0, to = 0; from < list.length; from = to) {
      while (to < list.length && list[to].root === list[from].root) to++;
      const run: Run = { list, from, to, count };
      const runs = ofRoot.get(list[from].root);
      if (runs) runs.push(run);
      else ofRoot.set(list[from].root, [run]);
    }
  }
  const keys = new BuildKeys();
  // the keys of the copies of each list that the roots taken make
  const taken = new Map<readonly KustomizeBuild[], Taken>();
  const leftOut: string[] = [];
  let spent = 0;
  for (const root of [...ofRoot.keys()].sort(cmp)) {
    let cost = 0;
    const runs = ofRoot.get(root)!;
    for (const run of runs) {
      const had = taken.get(run.list);
      const { kept, filled } = run.count;
      // the first copy of each object is no copy beyond it
      cost += kept * keys.fresh(run, had?.kept, 0) + filled * keys.fresh(run, had?.filled, 1) - (had === undefined ? kept + filled : 0);
    }
    if (cost > max - spent) {
      leftOut.push(root);
      continue;
    }
    spent += cost;
    for (const run of runs) {
      let had = taken.get(run.list);
      if (had === undefined) taken.set(run.list, had = { kept: new Set(), filled: new Set() });
      for (let i = run.from; i < run.to; i++) {
        const [k, f] = keys.of(run.list[i]);
        had.kept.add(k);
        had.filled.add(f);
      }
    }
  }
  if (leftOut.length > 0) bounds?.(rootFile(leftOut[0]), leftOutReason(leftOut, max));
  return { leftOut, left: new Set(leftOut), copies: new Map() };
}

/** A root's builds in a list of builds (`[from, to)`), and the objects of the list's files. */
interface Run {
  readonly list: readonly KustomizeBuild[];
  readonly from: number;
  readonly to: number;
  readonly count: { readonly filled: number; readonly kept: number };
}

/** The keys of the copies of a list that the roots taken make: of the objects a destination fills, and the others. */
interface Taken {
  readonly kept: Set<string>;
  readonly filled: Set<string>;
}

/**
 * The copy keys of each build (`copiesOf`: its namespace, or for the objects a destination fills its destination, and
 * its prefix and suffix), once per build: the lists of a root's groups share its builds.
 */
class BuildKeys {
  private readonly keys = new Map<KustomizeBuild, readonly [string, string]>();

  /** The key of the copy `b` makes of the objects a destination does not fill, and of those it fills. */
  public of(b: KustomizeBuild): readonly [string, string] {
    let k = this.keys.get(b);
    if (k === undefined) {
      const kept = buildKey(b.namespace, b.prefix, b.suffix);
      k = [kept, b.namespace === undefined && b.destination !== undefined ? buildKey(b.destination, b.prefix, b.suffix) : kept];
      this.keys.set(b, k);
    }
    return k;
  }

  /** How many keys (`at` 0: kept, 1: filled) the builds of `run` give that `had` does not hold. */
  public fresh(run: Run, had: ReadonlySet<string> | undefined, at: 0 | 1): number {
    if (run.to - run.from === 1) return had?.has(this.of(run.list[run.from])[at]) ? 0 : 1; // one build: no set
    const seen = new Set<string>();
    for (let i = run.from; i < run.to; i++) {
      const k = this.of(run.list[i])[at];
      if (!had?.has(k)) seen.add(k);
    }
    return seen.size;
  }
}

/** Why the builds of the roots `leftOut` (by path) were left out, within `max` copies. */
function leftOutReason(leftOut: readonly string[], max: number): string {
  const [first, ...more] = leftOut;
  const n = (count: number, what: string) => `${count.toLocaleString('en-US')} ${what}${count === 1 ? '' : 's'}`;
  const listed = more.slice(0, MAX_LISTED_ROOTS - 1);
  const rest = more.length - listed.length;
  const others = more.length === 0 ? '' : ` (and those of ${n(more.length, 'other root')}: ${listed.join(', ')}${rest === 0 ? '' : ` and ${rest.toLocaleString('en-US')} more`})`;
  const [it, its, builds] = more.length === 0 ? ['it', 'its', 'builds'] : ['they', 'their', 'build'];
  return `the build of ${first}${others} was left out whole: with ${more.length === 0 ? 'it' : 'them'}, the copies of objects into the namespaces and names of the input's kustomize builds would pass ${max.toLocaleString('en-US')} (MAX_KUSTOMIZE_COPIES; roots are taken by path, each build made whole or not at all), so the files ${it} ${builds} keep the builds of the other roots that build them, and those that only ${its} builds hold are not checked`;
}

/**
 * A file's documents as its builds hold them: one copy per namespace, prefix and suffix they give (see the file
 * comment), each with the roots that build it in `source.kustomizeRoots`, and the prefix and suffix in
 * `source.kustomizePrefix` and `source.kustomizeSuffix` (applied to the names by kustomize-names.ts, once every file is
 * read). Without builds, the documents as they are; the builds of the roots that `plan` leaves out are not made, and a
 * file that only they build gives nothing.
 */
export function builtDocuments(docs: readonly ManifestDocument[], builds: readonly KustomizeBuild[] | undefined, plan: CopyPlan): ManifestDocument[] {
  if (builds === undefined || builds.length === 0) return docs as ManifestDocument[];
  let copies = plan.copies.get(builds);
  if (!plan.copies.has(builds)) {
    const made = plan.left.size === 0 ? builds : builds.filter((b) => !plan.left.has(b.root));
    copies = made.length === 0 ? undefined : copiesOf(made);
    plan.copies.set(builds, copies);
  }
  if (copies === undefined) return [];
  const out: ManifestDocument[] = [];
  for (const d of docs) {
    const list = copies.filled === copies.kept || !fillable(d.object) ? copies.kept : copies.filled;
    for (const { namespace, prefix, suffix, roots, edits, nameEdits, plainRoot, affixBy } of list) {
      const object = namespace === undefined ? d.object : inNamespace(d.object, namespace);
      const source = {
        ...d.source,
        kustomizeRoots: roots,
        ...(prefix === undefined ? {} : { kustomizePrefix: plainAffix(prefix), kustomizePrefixLevels: prefix }),
        ...(suffix === undefined ? {} : { kustomizeSuffix: plainAffix(suffix), kustomizeSuffixLevels: suffix }),
        ...(edits === undefined ? {} : { kustomizeEdits: edits }),
        ...(nameEdits === undefined ? {} : { kustomizeNameEdits: nameEdits }),
        ...(plainRoot === undefined || plainRoot === roots[0] ? {} : { kustomizePlainRoot: plainRoot }),
        ...(affixBy === undefined ? {} : { kustomizeAffixBy: affixBy }),
      };
      out.push({ object, source });
    }
  }
  return out;
}

/** The copies `builds` make (builds are unique by root and build key; sorted by root). */
function copiesOf(builds: readonly KustomizeBuild[]): Copies {
  const group = (namespaceIn: (b: KustomizeBuild) => string | undefined) => {
    const byKey = new Map<string, CopyOf>();
    for (const b of builds) {
      const namespace = namespaceIn(b);
      const key = buildKey(namespace, b.prefix, b.suffix);
      let copy = byKey.get(key);
      if (copy === undefined) {
        // the first build's edits, until a build without any: a value the checker reads as written is what one of the
        // builds applies, unless every build may set it
        copy = { namespace, prefix: b.prefix, suffix: b.suffix, roots: [], edits: b.edits, nameEdits: b.nameEdits };
        byKey.set(key, copy);
      }
      if (copy.roots[copy.roots.length - 1] !== b.root) copy.roots.push(b.root); // one root's builds are next to each other
      if (b.edits === undefined) copy.edits = undefined;
      if (b.nameEdits === undefined) {
        copy.nameEdits = undefined;
        copy.plainRoot ??= b.root;
      }
      if (b.affixBy !== undefined) (copy.affixBy ??= new Map()).set(b.root, b.affixBy);
    }
    return [...byKey.values()];
  };
  const kept = group((b) => b.namespace);
  if (!builds.some((b) => b.destination !== undefined)) return { filled: kept, kept };
  return { filled: group((b) => b.namespace ?? b.destination), kept };
}

/** Whether an Argo CD destination gives `o` its namespace: namespaced (or of a kind not known), none written. */
function fillable(o: KubeObject): boolean {
  return nonEmptyString(asRecord(o.metadata)?.namespace) === undefined && !isClusterScoped(nonEmptyString(o.kind), nonEmptyString(o.apiVersion));
}

/** A copy of `o` in `namespace` as kustomize's NamespaceTransformer leaves it (`o` itself when it keeps no namespace). */
function inNamespace(o: KubeObject, namespace: string): KubeObject {
  const metadata = asRecord(o.metadata) ?? {};
  if (builtinKind(o) === 'Namespace') return { ...o, metadata: { ...metadata, name: namespace } };
  if (isClusterScoped(nonEmptyString(o.kind), nonEmptyString(o.apiVersion))) return o;
  return { ...o, metadata: { ...metadata, namespace } };
}
