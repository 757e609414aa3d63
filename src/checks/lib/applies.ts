/**
 * Which definitions of the input are applied together, for the rules that compare definitions (object-defined-twice,
 * service-allocation-conflict). Pure.
 *
 * Everything outside every kustomization is one `kubectl apply -f`; each kustomize root is one build applied on its own
 * (`kubectl apply -k`, an Argo CD or Flux kustomize source), holding the objects whose `ManifestSource.kustomizeRoots`
 * name it (kustomize-builds.ts); so is a folder without a kustomization that a Flux Kustomization or Argo CD
 * Application applies with a namespace, named after that object's file. A root and the files outside every kustomization are not applied together: the root
 * is applied on its own, and a build's output committed beside its sources (kubeflow's `config/built/`) would
 * otherwise clash with them. Two roots are not applied together either: overlays/dev and overlays/prod are usually
 * built for clusters or namespaces of their own.
 */
import type { ManifestSource } from '../../model/manifest';

/** The apply of everything outside every kustomization (no kustomization file path is empty). */
export const OUTSIDE_KUSTOMIZE = '';

/** The applies that hold a definition: each kustomize root that builds it, else `OUTSIDE_KUSTOMIZE`. */
export function appliesOf(source: ManifestSource | undefined): readonly string[] {
  return source?.kustomizeRoots ?? [OUTSIDE_KUSTOMIZE];
}

/** The items that one or more applies hold together (`groupsByApply`). */
export interface ApplyGroup<T> {
  /** The applies that hold exactly these items. */
  readonly applies: readonly string[];
  /** The items, in input order. */
  readonly items: readonly T[];
}

/**
 * The items grouped by the applies that hold them (`appliesOf`; an item that several roots build is in the group of
 * each), applies that hold the same items sharing one group (the roots of overlays of one base hold the same copies):
 * what a rule finds in one such apply it finds in the others. Items are in input order; the group outside every
 * kustomization comes first (when it holds any item), then the roots in first-seen order. Items whose sources share
 * their list of roots (the copies of one build: kustomize-builds.ts) cost that list once, so a thousand Services that a
 * thousand overlays build are a group of a thousand, not a thousand groups of a thousand.
 */
export function groupsByApply<T>(items: readonly T[], sourceOf: (item: T) => ManifestSource | undefined): ApplyGroup<T>[] {
  const lists = new Map<readonly string[] | undefined, number>(); // roots list (undefined: outside) -> its index
  const appliesOfList: (readonly string[])[] = [];
  const itemsOfList: number[][] = []; // the indices of each list's items, in input order
  items.forEach((d, i) => {
    const roots = sourceOf(d)?.kustomizeRoots;
    let at = lists.get(roots);
    if (at === undefined) {
      at = appliesOfList.length;
      lists.set(roots, at);
      appliesOfList.push(appliesOf(sourceOf(d)));
      itemsOfList.push([]);
    }
    itemsOfList[at].push(i);
  });
  // each apply's lists, in first-seen order (the outside apply first)
  const ofApply = new Map<string, number[]>();
  if (lists.has(undefined)) ofApply.set(OUTSIDE_KUSTOMIZE, []);
  appliesOfList.forEach((applies, at) => {
    for (const apply of applies) {
      const of = ofApply.get(apply);
      if (of === undefined) ofApply.set(apply, [at]);
      else if (of[of.length - 1] !== at) of.push(at);
    }
  });
  // applies of the same lists hold the same items: one group
  const bySignature = new Map<string, { readonly applies: string[]; readonly lists: readonly number[] }>();
  for (const [apply, of] of ofApply) {
    const signature = of.join(',');
    const group = bySignature.get(signature);
    if (group) group.applies.push(apply);
    else bySignature.set(signature, { applies: [apply], lists: of });
  }
  return [...bySignature.values()].map(({ applies, lists: of }) => {
    const at = of.length === 1 ? itemsOfList[of[0]] : of.flatMap((l) => itemsOfList[l]).sort((a, b) => a - b);
    return { applies, items: at.map((i) => items[i]) };
  });
}
