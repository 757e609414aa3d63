/**
 * externalname-chain (warning): an ExternalName whose in-cluster target is itself an ExternalName. Each link is one
 * more CNAME; CoreDNS follows at most 10 in-zone links (dns-rules 35), and TLS names must match the final host.
 */
import { chainText, MAX_CNAME_CHAIN } from '../context/external-names';
import { serviceId } from '../helpers';
import { finding, Finding, Rule } from '../rule';

export const externalNameChain: Rule = {
  id: 'externalname-chain',
  level: 'warning',
  description: 'ExternalName Service points at another ExternalName Service (CNAME chain)',
  explanation: 'Every ExternalName hop adds a CNAME that clients and caches must follow; CoreDNS stops after 10 in-zone links and some clients after fewer (coredns plugin/backend_lookup.go maxCnameChainLength; dns-rules 35).',
  fix: 'Point the ExternalName directly at the final target.',
  check(ctx) {
    const out: Finding[] = [];
    for (const svc of ctx.externalNames.services) {
      const { path, loop } = ctx.externalNames.chain(svc);
      if (loop || path.length < 2 || path[1].type !== 'ExternalName' || path.length - 1 > MAX_CNAME_CHAIN) continue;
      const last = path[path.length - 1];
      const final = last.type === 'ExternalName' ? last.externalName : `${last.name}.${last.namespace}.svc.${ctx.model.options.clusterDomain}`;
      out.push(finding(this, serviceId(svc.namespace, svc.name),
        `Service "${svc.name}" starts a CNAME chain ${chainText(path)} (${path.filter((s) => s.type === 'ExternalName').length} CNAMEs). Fix: set externalName directly to "${final}".`));
    }
    return out;
  },
};
