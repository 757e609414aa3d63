/**
 * route-backend-protocol-mismatch (warning): a Gateway API route backendRef to a Service port whose number the
 * Service declares, but not for the transport the route carries: a UDPRoute to a port that is TCP (or SCTP) only, an
 * HTTPRoute, GRPCRoute, TLSRoute or TCPRoute to a port that is UDP (or SCTP) only.
 */
import { isGatewayRoute } from '../../model/entry-points';
import type { ServiceRecord } from '../../model/records';
import { resourceId } from '../helpers';
import { groupRefs, refText } from '../lib/entry-backends';
import { finding, Finding, Rule } from '../rule';

/** What each route kind sends to its backends, for messages. */
const CARRIES: { readonly [kind: string]: string } = {
  HTTPRoute: 'an HTTPRoute sends HTTP requests over TCP connections',
  GRPCRoute: 'a GRPCRoute sends gRPC calls over TCP connections (HTTP/2)',
  TLSRoute: 'a TLSRoute passes TLS streams over TCP connections',
  TCPRoute: 'a TCPRoute forwards TCP connections',
  UDPRoute: 'a UDPRoute forwards UDP datagrams',
};

export const routeBackendProtocolMismatch: Rule = {
  id: 'route-backend-protocol-mismatch',
  level: 'warning',
  description: 'Gateway API route backendRef to a Service port that does not carry the route\'s transport (a UDPRoute to a TCP-only port, a TCP, TLS, HTTP or gRPC route to a UDP-only port)',
  explanation: 'A Service port is a port number and a protocol, and kube-proxy and the EndpointSlices carry each pair on its own: 53/TCP and 53/UDP are two ports, the classic DNS Service. A UDPRoute forwards UDP datagrams to its backends (Gateway API UDPRoute docs; GEP-2645), HTTPRoute, GRPCRoute, TLSRoute and TCPRoute use TCP connections; a backendRef names only the port number, so when the Service declares that number for the other protocol only, nothing carries the traffic. The Gateway API lets implementations infer the backend protocol from the route type, and "if a Route is not able to send traffic to the backend using the specified protocol then the backend is considered invalid", with ResolvedRefs False and reason UnsupportedProtocol (BackendRef docs, GEP-1911 Backend Protocol Selection, which also provides for one port number with TCP and UDP); implementations that do not check send the traffic where no listener takes it. A warning: the route is accepted by the API server. A port number the Service does not declare at all is `route-backend-port-missing`; ExternalName Services are not judged.',
  fix: 'Add the port number with the route\'s protocol to the Service (one number may be declared for TCP and for UDP), or point the backendRef at a port of the Service that carries that protocol.',
  check(ctx) {
    const out: Finding[] = [];
    const index = new Map<ServiceRecord, Map<number, Set<string>>>();
    const protocolsOf = (svc: ServiceRecord, port: number): Set<string> | undefined => {
      let byPort = index.get(svc);
      if (!byPort) {
        byPort = new Map();
        for (const p of svc.ports) {
          if (p.port === undefined) continue;
          const set = byPort.get(p.port);
          if (set) set.add(p.protocol);
          else byPort.set(p.port, new Set([p.protocol]));
        }
        index.set(svc, byPort);
      }
      return byPort.get(port);
    };
    const refs = ctx.entryBackends.filter((r) => isGatewayRoute(r.fromKind) && typeof r.port === 'number');
    for (const group of groupRefs(refs, (r) => `${r.namespace}\u0000${r.service}\u0000${r.port}`)) {
      const { service, namespace, port, fromKind } = group[0];
      const svc = ctx.model.service(namespace, service);
      if (!svc || svc.type === 'ExternalName' || typeof port !== 'number') continue;
      const declared = protocolsOf(svc, port);
      const needs = fromKind === 'UDPRoute' ? 'UDP' : 'TCP';
      if (!declared || declared.has(needs)) continue; // undeclared: route-backend-port-missing
      const has = [...declared].sort().join(' and ');
      out.push(finding(this, resourceId(group[0].from),
        `${refText(group)} names port ${port} of Service "${service}" in namespace "${namespace}", which declares it for ${has} only; ${CARRIES[fromKind] ?? `a ${fromKind} uses ${needs}`}, which that port does not carry, so the implementation rejects the backend (ResolvedRefs False, UnsupportedProtocol) or its traffic is lost. Fix: add port ${port} with protocol: ${needs} to Service "${service}" (one port number may be declared for TCP and for UDP), or point the backendRef at a ${needs} port of the Service.`));
    }
    return out;
  },
};
