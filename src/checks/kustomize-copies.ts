/**
 * One finding for the kustomize copies of one written object (used by the engine). Pure.
 *
 * A folder's file that kustomize roots of different namespaces build is read once per namespace (a base under
 * overlays/dev and overlays/prod is a Service in `dev` and one in `prod`; so is a folder that two Argo CD Applications
 * apply to two namespaces: src/model/kustomize-builds.ts), and each copy
 * keeps the file and line it was read from. A problem written in the base is then found on every copy: one line of
 * YAML, as many findings as overlays, and as many SARIF results and JUnit test cases. So findings of one rule and level
 * on copies of one written object (same file, document and List item) whose resource and message read the same up to
 * the copy's namespace are one finding: the first by the engine's order (its resource, message, file and line), its
 * message followed by the builds and namespaces it holds for (at most `MAX_LISTED_COPIES` of each, then a count), and
 * the other copies' resources in `Finding.copies`. Findings that differ between copies by more than the namespace (a
 * Service that exists in one namespace and not in another, a nearest name found in one only) stay apart.
 *
 * "The same up to the namespace": the texts are cut into words (runs of letters, digits, `-` and `_`, so `prod` in
 * `"prod"`, `Service/prod/web` and `web.prod.svc` is a word, in `prod-db` none); two findings agree when they have the
 * same words and separators, where every word that differs is the one copy's namespace in the one and the other
 * copy's namespace in the other, the same way in every copy merged. A word that only looks like a namespace (`default`
 * in English) is the same in both.
 * Only the words that are a namespace of the copies are looked at (one pattern of them per set of namespaces), so a
 * base under 500 overlays costs a pass over each message, not a comparison of every word.
 *
 * Builds with a `namePrefix` or `nameSuffix` give the copies names of their own (`dev-web`, `prod-web`: kustomize-names.ts),
 * and may build one file into one namespace twice under two prefixes: a word of a copy's texts that starts with its
 * prefix and ends with its suffix is read without them (`dev-web` as `web`), and copies of one namespace under other
 * prefixes merge as copies of other namespaces do (one copy per namespace, prefix and suffix in a finding).
 */
import { listed } from './lib/entry-backends';
import { kustomizeFolder } from './lib/kustomize-renames';
import type { Finding } from './rule';
import { cmp } from '../model/compare';
import { isKustomizationFile } from '../model/documents';
import { rootFile } from '../model/kustomize-builds';
import { asRecord, builtinKind, nonEmptyString } from '../model/manifest';
import type { NamespacedObject } from '../model/pods';

/** At most this many builds, and this many namespaces, are named in a merged finding's message; the rest are counted. */
export const MAX_LISTED_COPIES = 5;

/** A finding on a kustomize copy of an object. */
interface Copy {
  /** Its index in the engine's sorted list. */
  readonly index: number;
  readonly finding: Finding;
  readonly object: NamespacedObject;
  /** The namespace the copy's build gave it (a Namespace object: its name). */
  readonly namespace: string;
  /** Its namespace, name prefix and suffix: copies of one key are one copy. */
  readonly key: string;
}

/** Copies that agree up to their namespaces, the first by the engine's order first; at most one per namespace. */
interface Cluster {
  readonly copies: Copy[];
  /** The first copy's words that are a namespace of its group, in text order. */
  readonly words: readonly string[];
  /**
   * For each of `words` that is the first copy's namespace: whether the others have their own namespace there (`own`)
   * or the same word (`same`: a namespace written in the object, or found by the rule), once one has joined.
   */
  readonly roles: ('own' | 'same' | undefined)[];
  /** The keys of its copies. */
  readonly keys: Set<string>;
}

/**
 * A copy is compared with the first copies of at most this many clusters of its bucket (then it starts one of its own,
 * and stays apart unless later copies join it): copies whose messages each name another namespace make a cluster each,
 * and comparing every copy with every cluster of thousands of overlays would cost copies x copies.
 */
export const MAX_CLUSTERS_TRIED = 50;

/**
 * `findings` (sorted as the engine sorts them) with the findings on kustomize copies of one written object that agree
 * up to their namespaces merged into the first (see the file comment), in the same order. `objects` gives the model's
 * object of a finding's resource, whose source tells the file and the kustomize roots it was read from.
 */
export function mergeKustomizeCopies(findings: readonly Finding[], objects: ReadonlyMap<string, NamespacedObject>): Finding[] {
  const groups = new Map<string, Copy[]>(); // rule, level and written object -> findings on its copies
  findings.forEach((finding, index) => {
    const object = objects.get(finding.resource);
    const source = object?.source;
    if (object === undefined || source?.kustomizeRoots === undefined) return;
    const key = `${finding.rule}\u0000${finding.level}\u0000${source.file}\u0000${source.document}\u0000${source.item ?? ''}`;
    const namespace = copyNamespace(object);
    const copy: Copy = { index, finding, object, namespace, key: `${namespace}\u0000${source.kustomizePrefix ?? ''}\u0000${source.kustomizeSuffix ?? ''}` };
    const group = groups.get(key);
    if (group) group.push(copy);
    else groups.set(key, [copy]);
  });
  const merged = new Map<number, Finding | undefined>(); // index -> the merged finding, or undefined: merged into one
  const patterns = new Map<string, RegExp>(); // namespaces of a group -> the pattern of their words (one per run)
  const texts = new CopiesTexts();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const cluster of clustersOf(group, patterns)) {
      if (cluster.copies.length < 2) continue;
      const [first, ...others] = cluster.copies;
      merged.set(first.index, {
        ...first.finding,
        message: `${first.finding.message} ${texts.of(cluster.copies)}`,
        copies: others.map((c) => c.finding.resource).sort(cmp),
      });
      for (const c of others) merged.set(c.index, undefined);
    }
  }
  if (merged.size === 0) return [...findings];
  const out: Finding[] = [];
  findings.forEach((f, i) => {
    if (!merged.has(i)) out.push(f);
    else if (merged.get(i) !== undefined) out.push(merged.get(i)!);
  });
  return out;
}

/**
 * The copies of one written object's findings of one rule and level, in clusters that agree up to their namespaces.
 * Each copy's resource and message, with every word that is a namespace of the group blanked, puts it in a bucket
 * (those that agree share one); in its bucket, it joins the first of the first MAX_CLUSTERS_TRIED clusters whose
 * first copy has the same namespace words but where the one has its namespace and the other its own (`joins`).
 */
function clustersOf(group: readonly Copy[], patterns: Map<string, RegExp>): Cluster[] {
  if (new Set(group.map((c) => c.key)).size < 2) return [];
  const namespaces = [...new Set(group.map((c) => c.namespace))].sort(cmp);
  const pattern = wordsPattern(namespaces, patterns);
  const buckets = new Map<string, Cluster[]>();
  const out: Cluster[] = [];
  for (const copy of group) {
    const words: string[] = [];
    const key = writtenNames(`${copy.finding.resource}\u0001${copy.finding.message}`, copy).replace(pattern, (word) => {
      words.push(word);
      return '\u0000';
    });
    const clusters = buckets.get(key) ?? [];
    buckets.set(key, clusters);
    const cluster = clusters.slice(0, MAX_CLUSTERS_TRIED).find((c) => !c.keys.has(copy.key) && joins(c, words, copy.namespace));
    if (cluster) {
      cluster.copies.push(copy);
      cluster.keys.add(copy.key);
    } else {
      const created: Cluster = { copies: [copy], words, roles: words.map(() => undefined), keys: new Set([copy.key]) };
      clusters.push(created);
      out.push(created);
    }
  }
  return out;
}

/**
 * `text` with each word (a run of letters, digits, `-`, `_` and `.`) that starts with the copy's name prefix and ends
 * with its suffix without them: `dev-web` of a copy built with `namePrefix: dev-` reads `web`, as `prod-web` of the
 * copy built with `prod-`, so that findings that differ only by the names their builds gave agree.
 */
function writtenNames(text: string, copy: Copy): string {
  const prefix = copy.object.source?.kustomizePrefix ?? '';
  const suffix = copy.object.source?.kustomizeSuffix ?? '';
  if (prefix === '' && suffix === '') return text;
  return text.replace(/[A-Za-z0-9_.-]+/g, (word) => (word.length > prefix.length + suffix.length && word.startsWith(prefix) && word.endsWith(suffix)
    ? word.slice(prefix.length, word.length - suffix.length) : word));
}

/**
 * Whether a copy's namespace words (`words`, its namespace `namespace`, another than the cluster's first's) are the
 * cluster's first's up to the namespace, and if so, the roles of the first's namespace words that this settles set. A
 * word that is the first's namespace is the copy's own namespace in every other copy, or the same word in every
 * other: `in "a" calls "a"` and `in "b" calls "b"` agree, so do `in "a" calls "a"` and `in "c" calls "a"`, but not all
 * three (c calls a, where a calls its own namespace).
 */
function joins(cluster: Cluster, words: readonly string[], namespace: string): boolean {
  const own = cluster.copies[0].namespace;
  const roles = [...cluster.roles];
  for (let i = 0; i < words.length; i++) {
    const first = cluster.words[i];
    if (first !== own || namespace === own) { // a copy in the first's namespace (another prefix) has the same words
      if (first !== words[i]) return false;
      continue;
    }
    const role = words[i] === own ? 'same' : words[i] === namespace ? 'own' : undefined;
    if (role === undefined || (roles[i] !== undefined && roles[i] !== role)) return false;
    roles[i] = role;
  }
  roles.forEach((r, i) => cluster.roles[i] = r);
  return true;
}

/** The words (runs of letters, digits, `-` and `_`) that are one of `namespaces` (sorted), remembered in `patterns`. */
function wordsPattern(namespaces: readonly string[], patterns: Map<string, RegExp>): RegExp {
  const key = namespaces.join('\u0000');
  let pattern = patterns.get(key);
  if (pattern === undefined) {
    const names = namespaces.map((ns) => ns.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
    pattern = new RegExp(`(?<![A-Za-z0-9_-])(?:${names})(?![A-Za-z0-9_-])`, 'g');
    patterns.set(key, pattern);
  }
  return pattern;
}

/** The namespace a kustomize build gave a copy: a Namespace object's name (kustomize renames it), else its namespace. */
function copyNamespace(o: NamespacedObject): string {
  return builtinKind(o.object) === 'Namespace' ? nonEmptyString(asRecord(o.object.metadata)?.name) ?? o.namespace : o.namespace;
}

/**
 * `The same holds in the kustomize builds of overlays/dev, overlays/prod (namespaces dev, prod).`: the folders of the
 * kustomizations that build the copies, and the copies' namespaces, sorted, at most MAX_LISTED_COPIES of each. A root
 * that is the file of a Flux Kustomization or Argo CD Application (which applies a folder without a kustomization with
 * a namespace: kustomize-builds.ts) is named as that file, and the builds are then `builds`, not `kustomize builds`.
 * Made once per lists of roots and namespaces (the findings of one object's copies, and of the objects of one file,
 * share them): each names every root of the copies, a thousand overlays' each.
 */
class CopiesTexts {
  /** Each list of roots seen (copies of one build share theirs) -> its number. */
  private readonly lists = new Map<readonly string[], number>();
  /** The numbers of the copies' lists and their namespaces -> the text. */
  private readonly texts = new Map<string, string>();

  public of(copies: readonly Copy[]): string {
    const key = copies.map((c) => `${this.listNumber(c.object.source?.kustomizeRoots ?? [])}\u0000${c.namespace}`).join('\u0000');
    let text = this.texts.get(key);
    if (text === undefined) {
      text = copiesText(copies);
      this.texts.set(key, text);
    }
    return text;
  }

  private listNumber(roots: readonly string[]): number {
    let n = this.lists.get(roots);
    if (n === undefined) this.lists.set(roots, n = this.lists.size);
    return n;
  }
}

/** The text of `CopiesTexts`. */
function copiesText(copies: readonly Copy[]): string {
  const folders = new Set<string>();
  let gitops = false;
  for (const c of copies) {
    for (const root of c.object.source?.kustomizeRoots ?? []) {
      // a kustomization that several GitOps objects build is named `k.yaml (apps.yaml (Kustomization x))`
      const file = rootFile(root);
      const kustomization = isKustomizationFile(file);
      gitops ||= !kustomization;
      folders.add(kustomization ? `${kustomizeFolder(file)}${root.slice(file.length)}` : root);
    }
  }
  const namespaces = [...new Set(copies.map((c) => c.namespace))].sort(cmp);
  return `The same holds in the ${gitops ? '' : 'kustomize '}builds of ${listed([...folders].sort(cmp), MAX_LISTED_COPIES)} (namespaces ${listed(namespaces, MAX_LISTED_COPIES)}).`;
}
