/**
 * Reading input documents into the model's objects (cluster-model.ts): `kind: List` expanded one level, duplicates
 * dropped (first definition wins), each object with its effective namespace. Pure.
 */
import { SeenObjects } from './indexes';
import { KubeObject, ManifestDocument, ManifestSource, arr, rec, str } from './manifest';
import { NamespacedObject } from './pods';

/**
 * Flattens lists, one level only (kubectl never nests Lists; a List inside a List is ignored, so YAML aliases or a
 * List containing itself cannot blow up); an object given twice (same kind, namespace and name, e.g.
 * `-f dist/ -f dist/app.yaml`) counts once, and so does a List given twice (the same object).
 */
export function expandDocuments(docs: readonly ManifestDocument[], defaultNamespace: string): NamespacedObject[] {
  const out: NamespacedObject[] = [];
  const seen = new SeenObjects();
  const visitedLists = new Set<object>();
  const add = (object: unknown, source: ManifestSource, nested: boolean) => {
    const o = rec(object) as KubeObject | undefined;
    if (!o) return;
    if (isListObject(o)) {
      if (nested || visitedLists.has(o)) return;
      visitedLists.add(o);
      arr(o.items).forEach((item, i) => add(item, { ...source, item: i }, true));
      return;
    }
    const metadata = rec(o.metadata);
    const namespace = str(metadata?.namespace) ?? defaultNamespace;
    const name = str(metadata?.name);
    if (name !== undefined && typeof o.kind === 'string' && !seen.add(o, namespace, name)) {
      return; // first definition wins
    }
    out.push({ object: o, namespace, source });
  };
  // Indexed (see scan.ts): this loop runs once per model.
  const list = arr(docs);
  for (let i = 0; i < list.length; i++) {
    const d = rec(list[i]);
    add(d?.object, d?.source ?? { file: '<objects>', document: 0 }, false);
  }
  return out;
}

/** `kind: List`, or a `*List` kind with an `items` array. */
function isListObject(o: KubeObject): boolean {
  return o.kind === 'List' || (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items));
}
