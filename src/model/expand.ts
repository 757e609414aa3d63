/**
 * Reading input documents into the model's objects (cluster-model.ts): `kind: List` expanded one level, an object
 * defined twice kept once (the last definition wins, as `kubectl apply` leaves it), each object with its effective
 * namespace. Pure.
 */
import { isClusterScoped } from './cluster-scoped';
import { DefinedObjects } from './indexes';
import { KubeObject, ManifestDocument, ManifestSource, asArray, asRecord, nonEmptyString } from './manifest';
import { NamespacedObject } from './pods';

/** An object defined more than once in the input: the definition that counts, and the ones before it. */
export interface RedefinedObject {
  /** The last definition, the one the model reads. */
  readonly object: NamespacedObject;
  /** The earlier definitions, in input order (never one from the same place, e.g. a file given twice). */
  readonly earlier: readonly NamespacedObject[];
}

/** The objects the model reads, in input order, and those defined more than once. */
export interface ExpandedObjects {
  readonly objects: NamespacedObject[];
  /** In the order of their last definitions. */
  readonly redefined: RedefinedObject[];
}

/**
 * Flattens lists, one level only (kubectl never nests Lists; a List inside a List is ignored, so YAML aliases or a
 * List containing itself cannot blow up). An object defined twice (same API group, kind, namespace and name; the
 * namespace of cluster-scoped kinds does not count) is kept once, at the place of its last definition, which is the one
 * read; a List given twice (the same object) counts once.
 */
export function expandDocuments(docs: readonly ManifestDocument[], defaultNamespace: string): ExpandedObjects {
  const out: (NamespacedObject | undefined)[] = [];
  const defined = new DefinedObjects();
  /** Output index -> the earlier definitions of the object there. */
  const before = new Map<number, NamespacedObject[]>();
  const visitedLists = new Set<object>();
  let dropped = 0;
  const add = (object: unknown, source: ManifestSource, nested: boolean) => {
    const o = asRecord(object) as KubeObject | undefined;
    if (!o) return;
    if (isListObject(o)) {
      if (nested || visitedLists.has(o)) return;
      visitedLists.add(o);
      asArray(o.items).forEach((item, i) => add(item, { ...source, item: i }, true));
      return;
    }
    const metadata = asRecord(o.metadata);
    const namespace = nonEmptyString(metadata?.namespace) ?? defaultNamespace;
    const name = nonEmptyString(metadata?.name);
    const entry: NamespacedObject = { object: o, namespace, source };
    if (name !== undefined && typeof o.kind === 'string') {
      const key = isClusterScoped(o.kind, nonEmptyString(o.apiVersion)) ? '' : namespace;
      const prev = defined.define(o, key, name, out.length);
      if (prev >= 0) {
        const earlier = before.get(prev) ?? [];
        before.delete(prev);
        const last = out[prev]!;
        if (last.object !== o && !sameSource(last.source, source)) earlier.push(last);
        if (earlier.length > 0) before.set(out.length, earlier);
        out[prev] = undefined; // the last definition wins
        dropped++;
      }
    }
    out.push(entry);
  };
  // Indexed (see scan.ts): this loop runs once per model.
  const list = asArray(docs);
  for (let i = 0; i < list.length; i++) {
    const d = asRecord(list[i]);
    add(d?.object, d?.source ?? { file: '<objects>', document: 0 }, false);
  }
  const redefined: RedefinedObject[] = [];
  for (const [index, earlier] of [...before].sort((a, b) => a[0] - b[0])) redefined.push({ object: out[index]!, earlier });
  const objects = dropped === 0 ? (out as NamespacedObject[]) : (out.filter((o) => o !== undefined) as NamespacedObject[]);
  return { objects, redefined };
}

/** Whether two sources name the same place (a file given twice, `-f dist/ -f dist/app.yaml`). */
function sameSource(a: ManifestSource | undefined, b: ManifestSource | undefined): boolean {
  return a?.file === b?.file && a?.document === b?.document && a?.item === b?.item;
}

/** `kind: List`, or a `*List` kind with an `items` array. */
function isListObject(o: KubeObject): boolean {
  return o.kind === 'List' || (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items));
}
