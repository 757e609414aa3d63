/**
 * namespace-not-in-input (info): names that point into a namespace the input does not describe. Such a reference
 * cannot be judged offline (another repository may own the namespace), so workload-name-unresolved and
 * externalname-target-missing leave it alone; this rule makes it visible, once per namespace, so that a typo
 * (`rabbitmq.mesaging.svc.cluster.local`) is seen. With `--complete` (the input is the whole cluster) those rules
 * report the references themselves and this rule says nothing.
 *
 * The finding's resource is the missing namespace (`Namespace//<name>`). A referencing object annotated to ignore
 * this rule (or `*`) is left out of it.
 */
import { cmp } from '../../model/compare';
import { ignoredRules } from '../helpers';
import { Finding, Rule } from '../rule';

/** How many references a message lists. */
const LISTED = 3;

export const namespaceNotInInput: Rule = {
  id: 'namespace-not-in-input',
  level: 'info',
  description: 'Names point into a namespace the input does not describe (not checked)',
  explanation: 'A name such as <svc>.<ns>.svc.<zone> can only be checked against the objects of its namespace; when the input has none (no Namespace object or OpenShift Project of its name, no object in it but RBAC Roles and RoleBindings, which installs put into the namespaces of the components they plug into, e.g. `kube-system`), the namespace may belong to another repository, or the name may be a typo (`rabbitmq.mesaging.svc.cluster.local`), so the DNS rules do not judge the name (dns-rules 43-46). Reported once per namespace (resource `Namespace//<ns>`), naming up to three of the references (workload host names, ExternalName targets) and a namespace of the input one or two letters away. Says nothing with `--complete`, where the rules report the references themselves.',
  fix: 'Correct the namespace if it is a typo; if another repository owns it, nothing to do, or check both together, or run with --complete when the input is the whole cluster.',
  check(ctx) {
    if (ctx.options.complete) return [];
    /** namespace -> references (sorted texts) and a near-miss namespace of the input */
    const byNamespace = new Map<string, { refs: Set<string>; similar?: string }>();
    const add = (ns: string, ref: string, similar: string | undefined) => {
      let entry = byNamespace.get(ns);
      if (!entry) byNamespace.set(ns, entry = { refs: new Set(), similar });
      entry.refs.add(ref);
    };
    const ignores = (object: unknown) => {
      const ids = ignoredRules(object);
      return ids.has(this.id) || ids.has('*');
    };
    for (const u of ctx.workloadNameUses) {
      const v = u.verdict;
      if (u.clusterDns && v.kind === 'not-in-input' && !ignores(u.object.object)) add(v.target, `${u.resource}: ${u.text}`, v.similar);
    }
    for (const { svc, target } of ctx.externalNames.targets) {
      if (target.kind !== 'not-in-input' || ignores(ctx.serviceObject(svc.namespace, svc.name)?.object)) continue;
      add(target.namespace, `Service/${svc.namespace}/${svc.name}: ExternalName "${svc.externalName}"`, target.similar);
    }
    const out: Finding[] = [];
    for (const [ns, { refs, similar }] of byNamespace) {
      const sorted = [...refs].sort(cmp);
      const more = sorted.length > LISTED ? `; and ${sorted.length - LISTED} more` : '';
      const hint = similar ? ` Did you mean namespace "${similar}", which the input has?` : '';
      const count = sorted.length === 1 ? '1 reference into it was' : `${sorted.length} references into it were`;
      out.push({
        rule: this.id,
        level: this.level,
        resource: `Namespace//${ns}`,
        message: `Namespace "${ns}" is not in the input (no Namespace object, and no object in it other than RBAC Roles and RoleBindings), so ${count} not checked: ${sorted.slice(0, LISTED).join('; ')}${more}.${hint} Fix: correct the namespace if it is a typo; if another repository owns it, nothing to do (run with --complete when the input is the whole cluster).`,
      });
    }
    return out;
  },
};
