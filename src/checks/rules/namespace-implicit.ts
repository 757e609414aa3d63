/**
 * namespace-implicit (info): objects without `metadata.namespace` in a set where other objects name a namespace.
 * Every check treats a missing namespace as the default namespace (`--default-namespace`, default "default") the same
 * way, so cross-object rules never disagree about where an object lives (kube-score#443, kube-linter#140, anchors E.10);
 * this note only says which namespace was assumed when explicit and implicit namespaces are mixed, and only while that
 * namespace is the built-in default: a `--default-namespace` other than "default" already says where the objects go.
 */
import { isClusterScoped } from '../../model/cluster-scoped';
import { asRecord, nonEmptyString } from '../../model/manifest';
import { MODEL_OPTION_DEFAULTS } from '../../model/model-options';
import type { NamespacedObject } from '../../model/pods';
import { resourceId } from '../helpers';
import { finding, Finding, Rule } from '../rule';

/** Whether the object's kind lives in a namespace. */
function isNamespaced(o: NamespacedObject): boolean {
  return !isClusterScoped(nonEmptyString(o.object?.kind), nonEmptyString(o.object?.apiVersion));
}

/** The object's own `metadata.namespace`, if it names one. */
function declaredNamespace(o: NamespacedObject): string | undefined {
  return nonEmptyString(asRecord(o.object?.metadata)?.namespace);
}

/** How many of the named namespaces a message quotes. */
const MAX_NAMESPACES_LISTED = 3;

/** The named namespaces, sorted: the first three quoted, and how many more there are (a cut the reader can see). */
function namespaceList(names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMESPACES_LISTED).map((n) => `"${n}"`).join(', ');
  const more = names.length - MAX_NAMESPACES_LISTED;
  return `${names.length === 1 ? 'namespace' : 'namespaces'} ${shown}${more > 0 ? ` and ${more} more` : ''}`;
}

export const namespaceImplicit: Rule = {
  id: 'namespace-implicit',
  level: 'info',
  description: 'Object without namespace, mixed with objects that name one (not with a --default-namespace other than "default")',
  explanation: 'kubectl applies an object without metadata.namespace to the namespace of the command (-n or the context), so the same YAML lands in different places; the checker assumes the default namespace for all such objects consistently (kube-score#443, kube-linter#140). Objects of a folder that a Flux Kustomization (spec.targetNamespace) or Argo CD Application (spec.destination.namespace) of the input applies get that namespace, as the tool gives it, and are not reported.',
  fix: 'Set metadata.namespace on every object, or pass --default-namespace matching `kubectl -n`.',
  check(ctx) {
    const out: Finding[] = [];
    // one pass for the objects without a namespace (usually none), before anything else is built
    if (ctx.options.defaultNamespace !== MODEL_OPTION_DEFAULTS.defaultNamespace) return out; // the user said where
    const implicit = ctx.model.objects.filter((o) => !declaredNamespace(o) && isNamespaced(o));
    if (implicit.length === 0) return out;
    const explicit = new Set<string>();
    for (const o of ctx.model.objects) {
      const n = declaredNamespace(o);
      if (n && n !== ctx.options.defaultNamespace && isNamespaced(o)) explicit.add(n);
    }
    if (explicit.size === 0) return out;
    const list = namespaceList([...explicit].sort());
    for (const o of implicit) {
      out.push(finding(this, resourceId(o),
        `${nonEmptyString(o.object?.kind) ?? 'Object'} "${nonEmptyString(asRecord(o.object?.metadata)?.name) ?? ''}" has no metadata.namespace and was checked as namespace "${ctx.options.defaultNamespace}", while other objects name ${list}. Fix: set metadata.namespace, or pass --default-namespace with the namespace you apply to.`));
    }
    return out;
  },
};
