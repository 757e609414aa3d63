/**
 * istio-host-port-missing (warning): an Istio VirtualService destination whose `port.number` is none of the ports of the
 * Service its host names. Istio has no cluster for that host and port: the requests routed there get 503.
 */
import { resourceId } from '../helpers';
import { declaredPortsText, groupRefs, refText } from '../lib/entry-backends';
import { finding, Finding, Rule } from '../rule';

export const istioHostPortMissing: Rule = {
  id: 'istio-host-port-missing',
  level: 'warning',
  description: 'Istio VirtualService destination `port.number` is not a port of the Service its host names',
  explanation: 'A VirtualService destination\'s `port.number` picks one port of the destination host; for a Kubernetes Service Istio knows the host on the Service\'s `port`s only, so a number that is none of them has no cluster (`outbound|<port>||<host>`) and the requests routed there get 503 (istioctl analyze reports it as IST0101 ReferencedResourceNotFound "host:port", istio pkg/config/analysis/analyzers/virtualservice/destinationhosts.go checkServiceEntryPorts). Judged only when the host names a Service of the input (as `istio-host-missing` reads hosts) that lists its ports, and no ServiceEntry declares the host (it may add ports).',
  fix: 'Use one of the Service\'s ports (its `port`, not its `targetPort`), or add the port to the Service.',
  check(ctx) {
    const out: Finding[] = [];
    const { hostRefs, serviceEntries } = ctx.istio;
    const wrong = hostRefs.filter((r) => {
      if (r.port === undefined) return false;
      const svc = ctx.model.service(r.namespace, r.service);
      if (!svc || svc.ports.length === 0 || svc.ports.some((p) => p.port === undefined || p.port === r.port)) return false;
      return !serviceEntries.declares(r.fqdn, r.from.namespace) && !serviceEntries.declares(r.host.toLowerCase(), r.from.namespace);
    });
    for (const group of groupRefs(wrong, (r) => `${r.namespace}\u0000${r.service}\u0000${r.port}`)) {
      const { service, namespace, port, host } = group[0];
      const svc = ctx.model.service(namespace, service)!;
      const target = svc.ports.find((p) => p.targetPort === port);
      const targetHint = target ? ` ${port} is the targetPort of its port ${target.port}: a destination names the Service's port.` : '';
      out.push(finding(this, resourceId(group[0].from),
        `${refText(group)} names host "${host}" port ${port}, but Service "${service}" of namespace "${namespace}" has no port ${port} (${declaredPortsText(svc.ports)}), so Istio has no cluster for that host and port and the requests routed there get 503.${targetHint} Fix: use one of the Service's ports, or add port ${port} to the Service.`));
    }
    return out;
  },
};
