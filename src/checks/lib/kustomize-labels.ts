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

/** The pairs one kustomization adds to the pod templates it builds, and its folder (with a final separator). */
export interface KustomizeLabels {
  readonly folder: string;
  readonly pairs: { readonly [key: string]: string };
}

/** The folder of a file path, with its final separator (`a/b/` of `a/b/kustomization.yaml`; `` for a bare name). */
function folderOf(file: string): string {
  return file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

/** The kustomizations among the skipped inputs (`SkippedInput.kustomization`) that add labels to pod templates. */
export function kustomizeTemplateLabels(skipped: readonly SkippedInput[]): KustomizeLabels[] {
  const out: KustomizeLabels[] = [];
  for (const s of skipped) {
    const k = s.kustomization;
    if (k === undefined) continue;
    const pairs: { [key: string]: string } = { ...stringMap(asRecord(k.commonLabels)) };
    for (const entry of asArray(k.labels).map(asRecord)) {
      if (entry?.includeTemplates === true || entry?.includeSelectors === true) Object.assign(pairs, stringMap(asRecord(entry.pairs)));
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
