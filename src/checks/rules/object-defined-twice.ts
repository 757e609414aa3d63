/**
 * object-defined-twice (warning): the input defines one object (API group, kind, namespace, name; no namespace for
 * cluster-scoped kinds) more than once. `kubectl apply -f` applies the definitions in order, so the last one is what
 * the cluster keeps; the model reads only that one (src/model/expand.ts) and lists the others in `ctx.model.redefined`.
 * Not reported: the same file and document read twice (`-f dist/ -f dist/app.yaml`), the same name in two namespaces
 * or for two kinds, and definitions that are all equal (a Namespace object that each app's folder carries, or two
 * dumps of one cluster; one with `namespace: default` written out and one left to kubectl's default namespace): applying
 * them in any order leaves the same object. Nor are definitions that separate kustomize
 * roots build (overlays/dev and overlays/prod, each with its own copy, or a root and a base that only another root
 * builds): each root is built and applied on its own, and kustomize refuses an object twice in one build. Two
 * definitions count as one object when a root builds both (`ManifestSource.kustomizeRoots`, kustomize-builds.ts), or
 * when both are outside every kustomization (one `kubectl apply -f`). A definition a root builds and one outside every
 * kustomization are not compared: the root is applied on its own (`kubectl apply -k`, a GitOps kustomize source), and
 * the checker does not apply kustomize's labels, prefixes and patches, so a build's output committed beside its
 * sources (kubeflow's `config/built/`) would differ from them only by what kustomize adds.
 */
import { sourceText } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';
import { resourceId } from '../helpers';
import { groupsByApply } from '../lib/applies';
import { finding, Rule } from '../rule';

export const objectDefinedTwice: Rule = {
  id: 'object-defined-twice',
  level: 'warning',
  description: 'Object defined more than once in the input',
  explanation: 'kubectl apply -f applies every definition in turn, so the last one overwrites the others: settings only an earlier definition has (a selector, a port, a label) are silently lost, and the result depends on file order (helm template and kustomize output concatenated with hand-written files). The finding names every place (file and document; for in-memory objects their position, for cdk8s charts the chart path); the checker reads the last definition, as the cluster keeps it. In a kustomize folder, definitions that separate roots build (overlays/dev and overlays/prod, each built and applied on its own) are no redefinition, nor is one a root builds beside one in a file outside every kustomization (applied on their own; kustomize\'s labels, prefixes and patches are not applied by the checker, so a committed build output would differ from its sources); kustomize itself refuses an object twice in one build.',
  fix: 'Keep one definition: delete or merge the others, or give them different names.',
  check(ctx) {
    return ctx.model.redefined.flatMap((r) => {
      const clashing = clashes([...r.earlier, r.object]);
      if (clashing.length === 0) return [];
      const places = clashing.map((o) => (o.source ? sourceText(o.source) : 'an unnamed place'));
      const last = places[places.length - 1];
      return finding(this, resourceId(r.object),
        `${resourceId(r.object)} is defined ${places.length} times: ${places.join(', ')}; kubectl apply leaves the last definition (${last}), which the checker reads. Fix: keep one definition (delete or merge the others), or rename the objects that are meant to be different.`);
    });
  },
};

/**
 * The definitions (in input order) that one apply holds together with a different one: those outside every
 * kustomization, and those that one kustomize root builds (lib/applies.ts). Empty when the definitions of each apply are all equal.
 * Linear in the definitions per group of roots that hold the same ones (never every pair: an object may be defined
 * thousands of times; nor every root: a base's file may be built by thousands of overlays).
 */
function clashes(defs: readonly NamespacedObject[]): NamespacedObject[] {
  const out = new Set<NamespacedObject>();
  // roots that hold the same definitions (overlays of one base) are compared once
  for (const { items: group } of groupsByApply(defs, (d) => d.source)) {
    if (group.length > 1 && !group.every((d) => sameDefinition(d.object, group[0].object))) for (const d of group) out.add(d);
  }
  return defs.filter((d) => out.has(d));
}

/**
 * Metadata left out of the comparison: the fields the API server writes (two exports of one object differ in them and
 * nowhere else), and `namespace`, since definitions of one object already share the namespace they are applied to:
 * `namespace: default` written out and left to kubectl's default are one object, and the server drops it for a
 * cluster-scoped kind.
 */
const SERVER_METADATA = new Set(['creationTimestamp', 'resourceVersion', 'uid', 'generation', 'managedFields', 'selfLink', 'namespace']);

/**
 * Whether two definitions leave the same object: one `metadata.uid` (two dumps of one cluster object), or equal apart
 * from `status`, the metadata the API server writes and whether the namespace is written out.
 */
function sameDefinition(a: unknown, b: unknown): boolean {
  const ra = a as any;
  const rb = b as any;
  const uid = ra?.metadata?.uid;
  if (typeof uid === 'string' && uid !== '' && uid === rb?.metadata?.uid) return true;
  return sameValue(written(ra), written(rb));
}

/** The object without `status`, server-written metadata and namespace (shallow copies; the input is not changed). */
function written(o: any): unknown {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return o;
  const out: any = {};
  for (const k of Object.keys(o)) if (k !== 'status') out[k] = o[k];
  const meta = o.metadata;
  if (meta !== null && typeof meta === 'object' && !Array.isArray(meta)) {
    out.metadata = {};
    for (const k of Object.keys(meta)) if (!SERVER_METADATA.has(k)) out.metadata[k] = meta[k];
  }
  return out;
}

/** Nodes compared at most: past that (huge or alias-bomb definitions) the definitions count as different. */
const COMPARE_BUDGET = 100_000;

/** Deep equality of two parsed documents, bounded by `COMPARE_BUDGET` nodes (no recursion into input depth limits). */
function sameValue(a: unknown, b: unknown): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  let budget = COMPARE_BUDGET;
  while (stack.length > 0) {
    if (--budget < 0) return false;
    const [x, y] = stack.pop()!;
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) {
      if (Number.isNaN(x) && Number.isNaN(y)) continue;
      return false;
    }
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    const xk = Object.keys(x);
    const yk = Object.keys(y);
    if (xk.length !== yk.length) return false;
    for (const k of xk) {
      if (!Object.prototype.hasOwnProperty.call(y, k)) return false;
      stack.push([(x as any)[k], (y as any)[k]]);
    }
  }
  return true;
}
