/**
 * One finding for the kustomize copies of one written object (used by the engine). Pure.
 *
 * A folder's file that kustomize roots of different namespaces build is read once per namespace (a base under
 * overlays/dev and overlays/prod is a Service in `dev` and one in `prod`: src/model/kustomize-builds.ts), and each copy
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
 * copy's namespace in the other. A word that only looks like a namespace (`default` in English) is the same in both.
 */
import { listed } from './lib/entry-backends';
import type { Finding } from './rule';
import { cmp } from '../model/compare';
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
  /** The resource and message cut into separators and words (see the file comment). */
  readonly parts: readonly string[];
}

/** Copies that agree up to their namespaces, the first by the engine's order first; at most one per namespace. */
interface Cluster {
  readonly copies: Copy[];
  readonly namespaces: Set<string>;
}

const WORD = /([A-Za-z0-9_-]+)/;

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
    const copy: Copy = { index, finding, object, namespace: copyNamespace(object), parts: [...words(finding.resource), '\u0001', ...words(finding.message)] };
    const group = groups.get(key);
    if (group) group.push(copy);
    else groups.set(key, [copy]);
  });
  const merged = new Map<number, Finding | undefined>(); // index -> the merged finding, or undefined: merged into one
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const cluster of clustersOf(group)) {
      if (cluster.copies.length < 2) continue;
      const [first, ...others] = cluster.copies;
      merged.set(first.index, {
        ...first.finding,
        message: `${first.finding.message} ${copiesText(cluster.copies)}`,
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
 * Copies are first put in buckets by their texts with every word that is a namespace of the group blanked (those that
 * agree share one), then compared with the first of each cluster of their bucket.
 */
function clustersOf(group: readonly Copy[]): Cluster[] {
  const namespaces = new Set(group.map((c) => c.namespace));
  if (namespaces.size < 2) return [];
  const buckets = new Map<string, Cluster[]>();
  const out: Cluster[] = [];
  for (const copy of group) {
    const key = copy.parts.map((p) => (namespaces.has(p) ? '\u0000' : p)).join('');
    const clusters = buckets.get(key) ?? [];
    buckets.set(key, clusters);
    const cluster = clusters.find((c) => !c.namespaces.has(copy.namespace) && sameUpToNamespace(c.copies[0], copy));
    if (cluster) {
      cluster.copies.push(copy);
      cluster.namespaces.add(copy.namespace);
    } else {
      const created = { copies: [copy], namespaces: new Set([copy.namespace]) };
      clusters.push(created);
      out.push(created);
    }
  }
  return out;
}

/** Whether two copies' texts agree but where the one has its namespace and the other its own. */
function sameUpToNamespace(a: Copy, b: Copy): boolean {
  if (a.parts.length !== b.parts.length) return false;
  for (let i = 0; i < a.parts.length; i++) {
    if (a.parts[i] !== b.parts[i] && (a.parts[i] !== a.namespace || b.parts[i] !== b.namespace)) return false;
  }
  return true;
}

/** A text cut into separators and words, alternately (the first and last are separators, maybe empty). */
function words(text: string): string[] {
  return text.split(WORD);
}

/** The namespace a kustomize build gave a copy: a Namespace object's name (kustomize renames it), else its namespace. */
function copyNamespace(o: NamespacedObject): string {
  return builtinKind(o.object) === 'Namespace' ? nonEmptyString(asRecord(o.object.metadata)?.name) ?? o.namespace : o.namespace;
}

/**
 * `The same holds in the kustomize builds of overlays/dev, overlays/prod (namespaces dev, prod).`: the folders of the
 * kustomizations that build the copies, and the copies' namespaces, sorted, at most MAX_LISTED_COPIES of each.
 */
function copiesText(copies: readonly Copy[]): string {
  const folders = new Set<string>();
  for (const c of copies) for (const root of c.object.source?.kustomizeRoots ?? []) folders.add(folderOf(root));
  const namespaces = [...new Set(copies.map((c) => c.namespace))].sort(cmp);
  return `The same holds in the kustomize builds of ${listed([...folders].sort(cmp), MAX_LISTED_COPIES)} (namespaces ${listed(namespaces, MAX_LISTED_COPIES)}).`;
}

/** The folder of a kustomization file, as its path was given or found (`.` for a file without one). */
function folderOf(file: string): string {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return slash < 0 ? '.' : slash === 0 ? file.slice(0, 1) : file.slice(0, slash);
}
