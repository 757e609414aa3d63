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

/**
 * The items grouped by the apply that holds them (`appliesOf`), each group in input order; an item that several roots
 * build is in the group of each. The group outside every kustomization comes first (when it holds any item), then the
 * roots in first-seen order. Linear in the items and their roots.
 */
export function groupByApply<T>(items: readonly T[], sourceOf: (item: T) => ManifestSource | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  if (items.some((d) => sourceOf(d)?.kustomizeRoots === undefined)) groups.set(OUTSIDE_KUSTOMIZE, []);
  for (const d of items) {
    for (const apply of appliesOf(sourceOf(d))) {
      const group = groups.get(apply);
      if (group) group.push(d);
      else groups.set(apply, [d]);
    }
  }
  return groups;
}
