/**
 * object-defined-twice (warning): the input defines one object (API group, kind, namespace, name; no namespace for
 * cluster-scoped kinds) more than once. `kubectl apply -f` applies the definitions in order, so the last one is what
 * the cluster keeps; the model reads only that one (src/model/expand.ts) and lists the others in `model.redefined`.
 * Not reported: the same file and document read twice (`-f dist/ -f dist/app.yaml`), the same name in two namespaces
 * or for two kinds.
 */
import { sourceText } from '../../model/manifest';
import { resourceId } from '../helpers';
import { finding, Rule } from '../rule';

export const objectDefinedTwice: Rule = {
  id: 'object-defined-twice',
  level: 'warning',
  description: 'Object defined more than once in the input',
  explanation: 'kubectl apply -f applies every definition in turn, so the last one overwrites the others: settings only an earlier definition has (a selector, a port, a label) are silently lost, and the result depends on file order (kubectl apply; helm template and kustomize output concatenated with hand-written files). The checker reads the last definition, as the cluster keeps it.',
  fix: 'Keep one definition: delete or merge the others, or give them different names.',
  check(model) {
    return model.redefined.map((r) => {
      const places = [...r.earlier, r.object].map((o) => (o.source ? sourceText(o.source) : 'an unnamed place'));
      const last = places[places.length - 1];
      return finding(this, resourceId(r.object),
        `${resourceId(r.object)} is defined ${places.length} times: ${places.join(', ')}; kubectl apply leaves the last definition (${last}), which the checker reads. Fix: keep one definition (delete or merge the others), or rename the objects that are meant to be different.`);
    });
  },
};
