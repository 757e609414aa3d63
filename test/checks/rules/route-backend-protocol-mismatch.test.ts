import { routeBackendProtocolMismatch } from '../../../src/checks/rules/route-backend-protocol-mismatch';
import { externalName, run, service } from '../builders';
import { route } from '../routes';

type Obj = { [key: string]: any };

const TCP_ROUTE = 'gateway.networking.k8s.io/v1alpha2';
/** A route of `kind` to port `port` of Service "dns". */
const to = (kind: string, port: number, extra: Obj = {}) => route([{ name: 'dns', port, ...extra }], kind, {}, {}, kind === 'HTTPRoute' || kind === 'GRPCRoute' ? 'gateway.networking.k8s.io/v1' : TCP_ROUTE);
/** Service "dns" with `ports`. */
const dns = (ports: Obj[]) => service('dns', { ports });

const both = dns([{ name: 'dns-tcp', port: 53 }, { name: 'dns', port: 53, protocol: 'UDP' }]);
const tcpOnly = dns([{ name: 'dns-tcp', port: 53, protocol: 'TCP' }]);
const udpOnly = dns([{ name: 'dns', port: 53, protocol: 'UDP' }]);

describe('route-backend-protocol-mismatch', () => {
  test.each<[string, Obj[]]>([
    ['a UDPRoute to 53 of a Service with 53/TCP and 53/UDP (a DNS Service)', [both, to('UDPRoute', 53)]],
    ['a TCPRoute to 53 of a Service with 53/TCP and 53/UDP', [both, to('TCPRoute', 53)]],
    ['a UDPRoute to a UDP port', [udpOnly, to('UDPRoute', 53)]],
    ['an HTTPRoute to a port without protocol (TCP)', [dns([{ port: 53 }]), to('HTTPRoute', 53)]],
    ['a UDPRoute to a port the Service does not declare (route-backend-port-missing)', [tcpOnly, to('UDPRoute', 5353)]],
    ['a UDPRoute to an ExternalName Service', [externalName('dns', 'dns.example.com'), to('UDPRoute', 53)]],
    ['a UDPRoute to a missing Service (route-backend-missing)', [to('UDPRoute', 53)]],
    ['a UDPRoute to a ServiceImport', [tcpOnly, route([{ group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'dns', port: 53 }], 'UDPRoute', {}, {}, TCP_ROUTE)]],
  ])('reports nothing for %s', (_case, objects) => {
    expect(run(routeBackendProtocolMismatch, objects)).toEqual([]);
  });

  test.each<[string, Obj[], string, RegExp]>([
    ['a UDPRoute to a TCP-only port', [tcpOnly, to('UDPRoute', 53)], 'UDPRoute/default/web',
      /^UDPRoute "web" spec\.rules\[0\]\.backendRefs\[0\] names port 53 of Service "dns" in namespace "default", which declares it for TCP only; a UDPRoute forwards UDP datagrams, which that port does not carry, so the implementation rejects the backend \(ResolvedRefs False, UnsupportedProtocol\) or its traffic is lost\. Fix: add port 53 with protocol: UDP to Service "dns" \(one port number may be declared for TCP and for UDP\), or point the backendRef at a UDP port of the Service\.$/],
    ['a UDPRoute to a port without protocol (TCP by default)', [dns([{ port: 53 }]), to('UDPRoute', 53)], 'UDPRoute/default/web', /which declares it for TCP only; a UDPRoute forwards UDP datagrams/],
    ['a TCPRoute to a UDP-only port', [udpOnly, to('TCPRoute', 53)], 'TCPRoute/default/web', /which declares it for UDP only; a TCPRoute forwards TCP connections, .* add port 53 with protocol: TCP to Service "dns"/],
    ['a TLSRoute to a UDP-only port', [udpOnly, to('TLSRoute', 53)], 'TLSRoute/default/web', /a TLSRoute passes TLS streams over TCP connections/],
    ['an HTTPRoute to a UDP and SCTP port', [dns([{ name: 'u', port: 53, protocol: 'UDP' }, { name: 's', port: 53, protocol: 'SCTP' }]), to('HTTPRoute', 53)], 'HTTPRoute/default/web', /which declares it for SCTP and UDP only; an HTTPRoute sends HTTP requests over TCP connections/],
    ['a GRPCRoute to a UDP-only port', [udpOnly, to('GRPCRoute', 53)], 'GRPCRoute/default/web', /a GRPCRoute sends gRPC calls over TCP connections/],
    ['an HTTPRoute mirror to a UDP-only port', [udpOnly, service('web', { ports: [{ port: 80 }] }), route([{ name: 'web', port: 80 }], 'HTTPRoute', {}, { filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'dns', port: 53 } } }] })],
      'HTTPRoute/default/web', /^HTTPRoute "web" spec\.rules\[0\]\.filters\[0\]\.requestMirror\.backendRef names port 53 of Service "dns"/],
  ])('reports a warning for %s', (_case, objects, resource, message) => {
    const found = run(routeBackendProtocolMismatch, objects);
    expect(found).toEqual([expect.objectContaining({ rule: 'route-backend-protocol-mismatch', level: 'warning', resource })]);
    expect(found[0].message).toMatch(message);
  });

  test('one finding for several backendRefs of a route to one port', () => {
    const found = run(routeBackendProtocolMismatch, [tcpOnly, route([{ name: 'dns', port: 53, weight: 1 }, { name: 'dns', port: 53, weight: 2 }], 'UDPRoute', {}, {}, TCP_ROUTE)]);
    expect(found.map((f) => f.message)).toEqual([expect.stringMatching(/^UDPRoute "web" spec\.rules\[0\]\.backendRefs\[0\] \(and 1 more place\) names port 53/)]);
  });
});
