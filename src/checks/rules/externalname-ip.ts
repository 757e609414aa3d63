/**
 * externalname-ip (error): an ExternalName whose value is an IP address. The API server accepts it (it is a valid
 * DNS-1123 subdomain), but CoreDNS does not serve it: NXDOMAIN (dns-rules 34; k8s-validation rule 23;
 * coredns/coredns#2324). A **warning** when ExternalDNS publishes the IP as A records of the names in the Service's
 * `external-dns.alpha.kubernetes.io/hostname` annotation (the ExternalDNS ExternalName tutorial): that use works, and
 * only the in-cluster name fails.
 */
import { parseIp } from '../../k8s-syntax/ip';
import { asRecord, nonEmptyString } from '../../model/manifest';
import { serviceId } from '../helpers';
import { finding, Finding, Rule } from '../rule';

/** The annotation whose names ExternalDNS publishes for a Service (its ExternalName tutorial). */
const EXTERNAL_DNS_HOSTNAME = 'external-dns.alpha.kubernetes.io/hostname';

export const externalNameIp: Rule = {
  id: 'externalname-ip',
  level: 'error',
  description: 'ExternalName Service points at an IP address (a **warning** when ExternalDNS publishes it from the Service\'s `external-dns.alpha.kubernetes.io/hostname` annotation)',
  explanation: 'ExternalName publishes a CNAME, which needs a host name; "ExternalNames that resemble IPv4 addresses are not resolved by CoreDNS" (kubernetes.io Service docs; dns-rules 34; coredns/coredns#2324). The API server accepts the value without a warning. A **warning** when the Service carries ExternalDNS\'s `external-dns.alpha.kubernetes.io/hostname` annotation: ExternalDNS publishes the IP as A records of those names (its ExternalName tutorial), which works; only the in-cluster name fails.',
  fix: 'Use a selectorless Service with an EndpointSlice holding the IP, or a DNS name for the target.',
  check(ctx) {
    const out: Finding[] = [];
    for (const svc of ctx.externalNames.services) {
      const en = svc.externalName!;
      const bare = en.endsWith('.') ? en.slice(0, -1) : en;
      if (!parseIp(bare)) continue;
      const published = nonEmptyString(asRecord(asRecord(svc.object.metadata)?.annotations)?.[EXTERNAL_DNS_HOSTNAME]);
      if (published) {
        out.push({
          ...finding(this, serviceId(svc.namespace, svc.name),
            `Service "${svc.name}" is an ExternalName for "${en}", an IP address; ExternalDNS publishes A records for it (${published}), but inside the cluster "${svc.name}.${svc.namespace}.svc.${ctx.model.options.clusterDomain.replace(/\.$/, '')}" answers NXDOMAIN. Fix: if pods use that name, use a selectorless Service with an EndpointSlice holding ${bare}; otherwise nothing to do.`),
          level: 'warning',
        });
        continue;
      }
      out.push(finding(this, serviceId(svc.namespace, svc.name),
        `Service "${svc.name}" is an ExternalName for "${en}", an IP address; cluster DNS answers NXDOMAIN for it. Fix: use a selectorless Service with an EndpointSlice (addressType IPv4/IPv6) holding ${bare}, or point externalName at a DNS name.`));
    }
    return out;
  },
};
