/**
 * externalname-ip (error): an ExternalName whose value is an IP address. The API server accepts it (it is a valid
 * DNS-1123 subdomain), but CoreDNS does not serve it: NXDOMAIN (dns-rules 34; k8s-validation rule 23;
 * coredns/coredns#2324).
 */
import { parseIp } from '../../k8s-syntax/ip';
import { serviceId } from '../helpers';
import { finding, Finding, Rule } from '../rule';

export const externalNameIp: Rule = {
  id: 'externalname-ip',
  level: 'error',
  description: 'ExternalName Service points at an IP address',
  explanation: 'ExternalName publishes a CNAME, which needs a host name; "ExternalNames that resemble IPv4 addresses are not resolved by CoreDNS" (kubernetes.io Service docs; dns-rules 34; coredns/coredns#2324). The API server accepts the value without a warning.',
  fix: 'Use a selectorless Service with an EndpointSlice holding the IP, or a DNS name for the target.',
  check(ctx) {
    const out: Finding[] = [];
    for (const svc of ctx.externalNames.services) {
      const en = svc.externalName!;
      const bare = en.endsWith('.') ? en.slice(0, -1) : en;
      if (!parseIp(bare)) continue;
      out.push(finding(this, serviceId(svc.namespace, svc.name),
        `Service "${svc.name}" is an ExternalName for "${en}", an IP address; cluster DNS answers NXDOMAIN for it. Fix: use a selectorless Service with an EndpointSlice (addressType IPv4/IPv6) holding ${bare}, or point externalName at a DNS name.`));
    }
    return out;
  },
};
