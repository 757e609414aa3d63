/**
 * externalname-loop (error): ExternalName Services that point at each other in a cycle (A -> B -> A), or a chain
 * longer than CoreDNS follows. CoreDNS drops looping CNAMEs (dns-rules 35): the names do not resolve.
 */
import { chainText, MAX_CNAME_CHAIN } from '../context/external-names';
import { serviceId } from '../helpers';
import { finding, Finding, Rule } from '../rule';

export const externalNameLoop: Rule = {
  id: 'externalname-loop',
  level: 'error',
  description: 'ExternalName Services form a CNAME loop (or a chain over 10 links)',
  explanation: 'A CNAME loop never ends in an address; CoreDNS drops looping CNAMEs and stops after 10 in-zone links (coredns plugin/backend_lookup.go; dns-rules 35).',
  fix: 'Break the cycle: point one of the Services at a real host name, or give it a selector.',
  check(ctx) {
    const out: Finding[] = [];
    for (const svc of ctx.externalNames.services) {
      const { path, loop } = ctx.externalNames.chain(svc);
      if (loop) {
        out.push(finding(this, serviceId(svc.namespace, svc.name),
          `Service "${svc.name}" is part of an ExternalName loop ${chainText(path)}, so the name never resolves to an address. Fix: point one Service of the loop at a real host name, or replace it with a Service that has a selector.`));
      } else if (path.length - 1 > MAX_CNAME_CHAIN) {
        out.push(finding(this, serviceId(svc.namespace, svc.name),
          `Service "${svc.name}" starts an ExternalName chain of more than ${MAX_CNAME_CHAIN} links (${chainText(path.slice(0, 4))} -> ...), longer than CoreDNS follows. Fix: point it directly at the final target.`));
      }
    }
    return out;
  },
};
