/**
 * namespace-implicit (info): objects without `metadata.namespace` in a set where other objects name a namespace.
 * Every check treats a missing namespace as the default namespace (`--default-namespace`, default "default") the same
 * way, so cross-object rules never disagree about where an object lives (kube-score#443, kube-linter#140, anchors E.10);
 * this note only says which namespace was assumed when explicit and implicit namespaces are mixed.
 */
import { rec, str } from '../../model/manifest';
import { isClusterScoped } from '../cluster-scoped';
import { resourceId } from '../helpers';
import { finding, Finding, Rule } from '../rule';

export const namespaceImplicit: Rule = {
  id: 'namespace-implicit',
  level: 'info',
  description: 'Object without namespace, mixed with objects that name one',
  explanation: 'kubectl applies an object without metadata.namespace to the namespace of the command (-n or the context), so the same YAML lands in different places; the checker assumes the default namespace for all such objects consistently (kube-score#443, kube-linter#140).',
  fix: 'Set metadata.namespace on every object, or pass --default-namespace matching `kubectl -n`.',
  check(model, options) {
    const out: Finding[] = [];
    const namespaced = model.objects.filter((o) => !isClusterScoped(str(o.object?.kind), str(o.object?.apiVersion)));
    const declared = namespaced.map((o) => str(rec(o.object?.metadata)?.namespace));
    const explicit = new Set(declared.filter((n): n is string => !!n && n !== options.defaultNamespace));
    if (explicit.size === 0) return out;
    const list = [...explicit].sort().slice(0, 3).map((n) => `"${n}"`).join(', ');
    for (const o of namespaced) {
      if (str(rec(o.object?.metadata)?.namespace)) continue;
      out.push(finding(this, resourceId(o),
        `${str(o.object?.kind) ?? 'Object'} "${str(rec(o.object?.metadata)?.name) ?? ''}" has no metadata.namespace and was checked as namespace "${options.defaultNamespace}", while other objects name namespace ${list}. Fix: set metadata.namespace, or pass --default-namespace with the namespace you apply to.`));
    }
    return out;
  },
};
