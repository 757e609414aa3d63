/**
 * The labels that the kustomizations of the input add to the pod templates they build, which the checker does not
 * apply (docs/checker.md, kustomize: "Not applied"). Pure, Node-free.
 *
 * kustomize's `commonLabels` adds its pairs to every object's labels, to the pod templates of workloads and to the
 * selectors it knows (a Service's, a NetworkPolicy's `podSelector.matchLabels`); `labels` entries do so to templates
 * only with `includeTemplates: true` (or `includeSelectors: true`, which implies them) (kubectl.docs.kubernetes.io,
 * references/kustomize/kustomization/commonlabels and labels). A selector written by hand for those labels
 * (`app.kubernetes.io/part-of: shop` in a NetworkPolicy beside `commonLabels: {app.kubernetes.io/part-of: shop}`)
 * selects the built pods though the template as written lacks them.
 *
 * Which templates a kustomization labels is told by folder: those of files below its folder, and those built by a
 * kustomize root below its folder (an overlay's labels reach its base). A component or a base elsewhere that labels
 * is not followed.
 */
import type { KubeObject, ManifestSource, SkippedInput } from '../../model/manifest';
import { asArray, asRecord, stringMap } from '../../model/manifest';
import type { PodTemplate } from '../context/pod-templates';
import type { TemplateIndex } from '../context/template-index';
import type { CheckBound, Unjudged } from '../context/unjudged';

/** The pairs one kustomization adds to the pod templates it builds, and its folder (with a final separator). */
export interface KustomizeLabels {
  readonly folder: string;
  readonly pairs: { readonly [key: string]: string };
}

/** The folder of a file path, with its final separator (`a/b/` of `a/b/kustomization.yaml`; `` for a bare name). */
function folderOf(file: string): string {
  return file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

/**
 * The kustomizations among the skipped inputs (`SkippedInput.kustomization`) that add labels to pod templates, or with
 * `to: 'selectors'` to the selectors (`commonLabels`, and `labels` with `includeSelectors: true`: they create a
 * Deployment's, ReplicaSet's or DaemonSet's `spec.selector.matchLabels` and a Service's `spec.selector` where none is
 * written; `includeTemplates` alone leaves selectors alone, as `kubectl kustomize` v5.5 shows).
 */
export function kustomizeTemplateLabels(skipped: readonly SkippedInput[], to: 'templates' | 'selectors' = 'templates'): KustomizeLabels[] {
  const out: KustomizeLabels[] = [];
  for (const s of skipped) {
    const k = s.kustomization;
    if (k === undefined) continue;
    const pairs: { [key: string]: string } = { ...stringMap(asRecord(k.commonLabels)) };
    for (const entry of asArray(k.labels).map(asRecord)) {
      const adds = entry?.includeSelectors === true || (to === 'templates' && entry?.includeTemplates === true);
      if (adds) Object.assign(pairs, stringMap(asRecord(entry?.pairs)));
    }
    if (Object.keys(pairs).length > 0) out.push({ folder: folderOf(s.file), pairs });
  }
  return out;
}

/** A folder that holds kustomizations of a list, and the nearest folder above it that holds some. */
export interface Holder {
  /** Their indices in the list. */
  readonly sets: readonly number[];
  readonly up?: Holder;
}

/** The last `/` or `\` of `path` at or before `from` (-1: none). */
function lastSeparator(path: string, from: number): number {
  return from < 0 ? -1 : Math.max(path.lastIndexOf('/', from), path.lastIndexOf('\\', from));
}

/**
 * Which kustomizations of a list (by their folders, each with its final separator; `` for the top) hold a path: those
 * of its folder and of every folder above it. Each folder asked is remembered with the nearest folder at or above it
 * that holds some, so a path costs a look-up of its own folder, not one per folder above it (2,000 files `a/` 2,000
 * times deep took 4 s, and each template a look at every kustomization for every root that builds it: 1,000 labelling
 * overlays of 300 Deployments, 15 s).
 */
export class FolderHolders {
  /** The folders looked up so far (each walk ends at the first folder asked before): what the answers cost. */
  public lookups = 0;
  /** Folder -> the indices of the kustomizations in it. */
  private readonly own = new Map<string, number[]>();
  /** Folder -> the nearest folder at or above it that holds some (null: none). */
  private readonly nearest = new Map<string, Holder | null>();

  public constructor(folders: readonly string[]) {
    folders.forEach((folder, i) => {
      const list = this.own.get(folder);
      if (list) list.push(i);
      else this.own.set(folder, [i]);
    });
  }

  /** The nearest folder at or above the folder of `path` that holds some, linked to those above it; undefined: none. */
  public of(path: string): Holder | undefined {
    const walked: string[] = []; // the folders of `path` not asked before, innermost first
    let found: Holder | null | undefined;
    for (let end = lastSeparator(path, path.length - 1); ; end = lastSeparator(path, end - 1)) {
      const dir = end < 0 ? '' : path.slice(0, end + 1);
      this.lookups++;
      found = this.nearest.get(dir);
      if (found !== undefined) break;
      walked.push(dir);
      if (end < 0) break;
    }
    let holder = found ?? null;
    for (let i = walked.length - 1; i >= 0; i--) {
      const sets = this.own.get(walked[i]);
      if (sets !== undefined) holder = { sets, ...(holder === null ? {} : { up: holder }) };
      this.nearest.set(walked[i], holder);
    }
    return holder ?? undefined;
  }

  /** The indices of the kustomizations that hold one of `paths`, once each (in no order). */
  public holding(paths: readonly string[]): number[] {
    const out: number[] = [];
    const seen = new Set<Holder>();
    for (const p of paths) {
      // the folders above a holder seen were taken with it
      for (let h = this.of(p); h !== undefined && !seen.has(h); h = h.up) {
        seen.add(h);
        for (const i of h.sets) out.push(i);
      }
    }
    return out;
  }
}

/**
 * At most this many templates are looked at in a run for the labels kustomize adds (a namespace of 5,000 templates
 * and 5,000 policies whose selectors only kustomize's pairs could meet); past that, such selectors are not judged, and
 * the objects that asked are reported (`BUILT_SCAN_BOUND`).
 */
export const MAX_BUILT_SCAN = 2_000_000;

/** What `MAX_BUILT_SCAN` leaves unjudged, for the run's report (context/unjudged.ts). */
export const BUILT_SCAN_BOUND: CheckBound = {
  bound: `${MAX_BUILT_SCAN.toLocaleString('en-US')} template visits for the labels that the input's kustomizations add (commonLabels, labels with includeTemplates)`,
  unjudged: 'the selectors that only those labels could meet were not judged',
  fix: 'check each kustomize build (kustomize build <folder> | cdk8s-dns check -f -), whose templates carry the labels',
};

/** One run's answers to "does a template match once kustomize adds its labels" (`CheckContext.kustomizeBuilt`). */
export class KustomizeBuiltMatch {
  private readonly sets: readonly KustomizeLabels[];
  /** Templates -> their labels as the kustomize builds may leave them (undefined: as written). */
  private readonly built = new Map<PodTemplate, { readonly [key: string]: string } | undefined>();
  /** Template visits (and, for a template's first, one per labelling kustomization) `matches` may still make in this run. */
  private scanLeft = MAX_BUILT_SCAN;

  /** Each label key -> the values some kustomization adds under it. */
  private readonly added = new Map<string, Set<string>>();

  /** The folders of the kustomizations that add labels to selectors (`kustomizeTemplateLabels(skipped, 'selectors')`), made once. */
  private selectorFolders?: FolderHolders;
  /** `selectorsAdded` of each kustomize roots list (the files of one group share theirs). */
  private readonly rootsAnswers = new Map<readonly string[], boolean>();
  /** The folders of `sets`. */
  private readonly setFolders: FolderHolders;
  /** The pairs `sets` add to the templates of a file and roots list, by roots list (the files of one group share theirs) and file. */
  private readonly pairsAdded = new Map<readonly string[] | undefined, Map<string, { readonly [key: string]: string } | undefined>>();

  public constructor(private readonly skipped: readonly SkippedInput[], private readonly index: TemplateIndex, private readonly unjudged: Unjudged) {
    this.sets = kustomizeTemplateLabels(skipped);
    this.setFolders = new FolderHolders(this.sets.map((set) => set.folder));
    for (const set of this.sets) {
      for (const [k, v] of Object.entries(set.pairs)) {
        const values = this.added.get(k) ?? new Set<string>();
        values.add(v);
        this.added.set(k, values);
      }
    }
  }

  /**
   * Whether a kustomization whose folder holds `owner`'s file or one of its kustomize roots adds labels to selectors
   * (`commonLabels`, `labels` with `includeSelectors`): kustomize then writes a Deployment's, ReplicaSet's or DaemonSet's
   * `spec.selector.matchLabels` and a Service's `spec.selector` though none is written. A folder is not a build, so
   * this only tells that a selector may be added: the rules use it to leave a missing selector unjudged, never to judge
   * one with pairs added. A look-up of the folder of each root (once per roots list) and of the file (`FolderHolders`).
   */
  public selectorsAdded(owner: { readonly object?: KubeObject; readonly source?: ManifestSource }): boolean {
    const source = owner.source;
    if (source === undefined) return false;
    const folders = this.selectorFolders ??= new FolderHolders(kustomizeTemplateLabels(this.skipped, 'selectors').map((set) => set.folder));
    const roots = source.kustomizeRoots;
    let rootsAnswer = roots === undefined ? false : this.rootsAnswers.get(roots);
    if (rootsAnswer === undefined) {
      rootsAnswer = roots!.some((root) => folders.of(root) !== undefined);
      this.rootsAnswers.set(roots!, rootsAnswer);
    }
    return rootsAnswer || folders.of(source.file) !== undefined;
  }

  /** Records that `MAX_BUILT_SCAN` left the selector of `asker` unjudged: for callers that keep `matches`' answer. */
  public leftUnjudged(asker: string): void {
    this.unjudged.record(BUILT_SCAN_BOUND, asker);
  }

  /**
   * The pairs that the kustomizations whose folder holds `source`'s file or one of its kustomize roots add to its
   * templates, those later in `sets` last (undefined: none holds them); once per roots list and file.
   */
  private pairsOf(source: ManifestSource): { readonly [key: string]: string } | undefined {
    const roots = source.kustomizeRoots;
    let byFile = this.pairsAdded.get(roots);
    if (byFile === undefined) this.pairsAdded.set(roots, byFile = new Map());
    if (byFile.has(source.file)) return byFile.get(source.file);
    const holding = this.setFolders.holding([source.file, ...roots ?? []]).sort((a, b) => a - b);
    let pairs: { [key: string]: string } | undefined;
    for (const i of holding) pairs = Object.assign(pairs ?? {}, this.sets[i].pairs);
    byFile.set(source.file, pairs);
    return pairs;
  }

  /**
   * Whether a template of the namespace carries the selector's labels (a LabelSelector: `matchLabels`,
   * `matchExpressions`) once the kustomizations of the input that build it add theirs: false when no kustomization
   * adds labels or none matches (at no cost when no template carries a pair of the selector that no kustomization
   * adds), undefined once the run's `MAX_BUILT_SCAN` is spent (not judged: `asker`, the
   * object whose selector it is, is recorded as left unjudged). Each template's built labels are made once. The
   * templates looked at are those that carry, as written, a pair of the selector that no kustomization adds (a
   * look-up), else every template of the namespace.
   */
  public matches(namespace: string, sel: { readonly [key: string]: unknown }, asker: string): boolean | undefined {
    const sets = this.sets;
    if (sets.length === 0) return false;
    const index = this.index;
    const pairs = stringMap(sel.matchLabels);
    const own = Object.keys(pairs).find((k) => !this.added.get(k)?.has(pairs[k]));
    const among = own === undefined ? index.inNamespace(namespace) : index.selected(namespace, { [own]: pairs[own] });
    // no template to look at (none carries the selector's own pair): no match, whatever the budget left
    if (among.length === 0) return false;
    // a template looked at costs one visit, and its built labels, made once, at most a look at every labelling kustomization
    const fresh = among.reduce((n, t) => (this.built.has(t) ? n : n + 1), 0);
    if ((this.scanLeft -= among.length + fresh * sets.length) < 0) {
      this.leftUnjudged(asker);
      return undefined;
    }
    // a template's labels as the builds of the kustomizations whose folder holds its file or one of its roots may
    // leave them (undefined: none does)
    const labelsOf = (t: PodTemplate) => {
      if (!this.built.has(t)) {
        const extra = t.owner.source === undefined ? undefined : this.pairsOf(t.owner.source);
        this.built.set(t, extra === undefined ? undefined : { ...t.labels, ...extra });
      }
      return this.built.get(t);
    };
    return (index.matching(namespace, sel, labelsOf, among)?.length ?? 0) > 0;
  }
}
