/**
 * externalname-policy (error): an ExternalName Service that breaks the platform's ExternalName policy (allowed
 * external domains, allowed namespaces for in-cluster aliases, forbidden hosts, cloud metadata targets, required TLS
 * server name domains). Runs only when a policy is given (`CheckOptions.externalNamePolicy`, `cdk8s-dns check
 * --allow-external-suffix ...`); the evaluation is the one `ExternalNamePolicy` uses at synth (src/policy/evaluate.ts),
 * so YAML written without this library's constructs is held to the same rules.
 *
 * The TLS server name of a YAML ExternalName is the end of its CNAME chain: the last ExternalName's target, or the
 * FQDN of the in-cluster Service the chain ends at (what `ExternalDependency.tlsServerName` reports for aliases).
 */
import { evaluateExternalName } from '../../policy/evaluate';
import { serviceId } from '../helpers';
import { finding, Finding, Rule } from '../rule';

export const externalNamePolicy: Rule = {
  id: 'externalname-policy',
  level: 'error',
  description: 'ExternalName target breaks the platform ExternalName policy',
  explanation: 'Anyone who may create an ExternalName Service can point an innocent in-cluster name at any host, including the node\'s cloud metadata endpoint or another team\'s Services; pods follow the CNAME without any network policy applying ("Restrict access to ExternalName configurations", "DNS spoofing risks": background/externalname-how-and-when.txt). A platform policy limits the targets to trusted domains and namespaces.',
  fix: 'Point the ExternalName at a host under an allowed domain or a Service of an allowed namespace, or have the platform team extend the policy.',
  check(ctx) {
    const policy = ctx.options.externalNamePolicy;
    if (!policy) return [];
    const zone = ctx.model.options.clusterDomain;
    const out: Finding[] = [];
    for (const svc of ctx.externalNames.services) {
      const { path, loop } = ctx.externalNames.chain(svc);
      const end = path[path.length - 1];
      const tlsServerName = loop ? undefined
        : end.type === 'ExternalName' ? end.externalName : `${end.name}.${end.namespace}.svc.${zone}`;
      const violations = evaluateExternalName({
        namespace: svc.namespace,
        target: svc.externalName!,
        targetProp: 'spec.externalName',
        tlsServerName,
        tlsProp: path.length > 1 ? 'the TLS server name at the end of its CNAME chain' : 'its TLS server name',
        clusterDomain: zone,
      }, policy);
      for (const v of violations) {
        out.push(finding(this, serviceId(svc.namespace, svc.name), `Service "${svc.name}" (ExternalName): ${v.detail}`));
      }
    }
    return out;
  },
};
