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

/**
 * The labels of a template as the builds of the kustomizations in `sets` may leave them: `labels` with the pairs of
 * each kustomization whose folder holds the owner's file or one of its kustomize roots; undefined when none does.
 */
export function builtLabels(owner: { readonly object?: KubeObject; readonly source?: ManifestSource },
  labels: { readonly [key: string]: string }, sets: readonly KustomizeLabels[]): { readonly [key: string]: string } | undefined {
  const source = owner.source;
  if (source === undefined || sets.length === 0) return undefined;
  let out: { [key: string]: string } | undefined;
  for (const set of sets) {
    const holds = (file: string) => file.startsWith(set.folder);
    if (!holds(source.file) && !(source.kustomizeRoots ?? []).some(holds)) continue;
    out ??= { ...labels };
    Object.assign(out, set.pairs);
  }
  return out;
}

/** Whether a folder of `folders` (each with its final separator; `` for the top) holds `file`: a pass over its path. */
function underAny(file: string, folders: ReadonlySet<string>): boolean {
  if (folders.has('')) return true;
  for (let i = 0; i < file.length; i++) {
    const c = file.charCodeAt(i);
    if ((c === 0x2f || c === 0x5c) && folders.has(file.slice(0, i + 1))) return true; // `/` or `\`
  }
  return false;
}

/**
 * At most this many templates are looked at in a run for the labels kustomize adds (a namespace of 5,000 templates
 * and 5,000 policies whose selectors only kustomize's pairs could meet); past that, such selectors are not judged.
 */
export const MAX_BUILT_SCAN = 2_000_000;

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
  private selectorFolders?: ReadonlySet<string>;
  /** `selectorsAdded` of each kustomize roots list (the files of one group share theirs). */
  private readonly rootsAnswers = new Map<readonly string[], boolean>();
  /** `selectorsAdded` of each file, for its own folders. */
  private readonly fileAnswers = new Map<string, boolean>();

  public constructor(private readonly skipped: readonly SkippedInput[], private readonly index: TemplateIndex) {
    this.sets = kustomizeTemplateLabels(skipped);
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
   * one with pairs added. One look-up per folder above each root and the file, once per roots list and file.
   */
  public selectorsAdded(owner: { readonly object?: KubeObject; readonly source?: ManifestSource }): boolean {
    const source = owner.source;
    if (source === undefined) return false;
    const folders = this.selectorFolders ??= new Set(kustomizeTemplateLabels(this.skipped, 'selectors').map((set) => set.folder));
    if (folders.size === 0) return false;
    const roots = source.kustomizeRoots;
    let rootsAnswer = roots === undefined ? false : this.rootsAnswers.get(roots);
    if (rootsAnswer === undefined) {
      rootsAnswer = roots!.some((root) => underAny(root, folders));
      this.rootsAnswers.set(roots!, rootsAnswer);
    }
    if (rootsAnswer) return true;
    let fileAnswer = this.fileAnswers.get(source.file);
    if (fileAnswer === undefined) {
      fileAnswer = underAny(source.file, folders);
      this.fileAnswers.set(source.file, fileAnswer);
    }
    return fileAnswer;
  }

  /**
   * Whether a template of the namespace carries the selector's labels (a LabelSelector: `matchLabels`,
   * `matchExpressions`) once the kustomizations of the input that build it add theirs: false when no kustomization
   * adds labels or none matches, undefined once the run's `MAX_BUILT_SCAN` is spent (not judged). Each template's built
   * labels are made once. The templates looked at are those that carry, as written, a pair of the selector that no
   * kustomization adds (a look-up), else every template of the namespace.
   */
  public matches(namespace: string, sel: { readonly [key: string]: unknown }): boolean | undefined {
    const sets = this.sets;
    if (sets.length === 0) return false;
    const index = this.index;
    const pairs = stringMap(sel.matchLabels);
    const own = Object.keys(pairs).find((k) => !this.added.get(k)?.has(pairs[k]));
    const among = own === undefined ? index.inNamespace(namespace) : index.selected(namespace, { [own]: pairs[own] });
    // a template looked at costs one visit, and its built labels, made once, a look at every labelling kustomization
    const fresh = among.reduce((n, t) => (this.built.has(t) ? n : n + 1), 0);
    if ((this.scanLeft -= among.length + fresh * sets.length) < 0) return undefined;
    const labelsOf = (t: PodTemplate) => {
      if (!this.built.has(t)) this.built.set(t, builtLabels(t.owner, t.labels, sets));
      return this.built.get(t);
    };
    return (index.matching(namespace, sel, labelsOf, among)?.length ?? 0) > 0;
  }
}
