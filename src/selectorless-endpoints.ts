/**
 * The endpoint objects of a SelectorlessIpService: their contents and their limits (internal, not part of the jsii
 * surface: `index.ts` does not export this module).
 *
 * Every function here is linear in the addresses it writes: a SelectorlessIpService of 100,000 addresses builds its
 * 1,000 slices in one pass.
 */
import { k8s } from 'cdk8s-plus-28';
import { EndpointsMode } from './endpoints-mode';
import { IpFamily } from './ip-family';
import { ResolvedServicePort } from './service-port-internal';

/**
 * The most addresses one v1 Endpoints object carries: what the mirroring controller copies of one subset
 * (`--mirroring-max-endpoints-per-subset`, TooManyAddressesToMirror) and where the Endpoints controller truncates the
 * Endpoints it writes (`maxCapacity`, annotation `endpoints.kubernetes.io/over-capacity: truncated`).
 */
export const MAX_ENDPOINTS_ADDRESSES = 1000;

/** One accepted address. */
export interface Address {
  readonly ip: string;
  readonly family: IpFamily;
  readonly hostname?: string;
}

/** The endpoint ports of an EndpointSlice or Endpoints subset: the Service ports' names and protocols, with the backend port numbers. */
export function endpointPorts(ports: readonly ResolvedServicePort[]): k8s.EndpointPort[] | undefined {
  if (ports.length === 0) return undefined;
  return ports.map((p) => ({ name: p.name, port: p.targetPort, protocol: p.protocol, appProtocol: p.appProtocol }));
}

/** The endpoints of one slice: `size` addresses of one family from `start` on (only those are read). */
export function sliceEndpoints(ofFamily: readonly Address[], start: number, size: number): k8s.Endpoint[] {
  return ofFamily.slice(start, start + size).map((a) => ({ addresses: [a.ip], conditions: { ready: true }, hostname: a.hostname }));
}

/** The one subset of the Endpoints object: every address (at most MAX_ENDPOINTS_ADDRESSES), both families. */
export function endpointSubsets(addresses: readonly Address[], ports: readonly ResolvedServicePort[]): k8s.EndpointSubset[] {
  if (addresses.length === 0) return [];
  return [{ addresses: addresses.map((a) => ({ ip: a.ip, hostname: a.hostname })), ports: endpointPorts(ports) }];
}

/**
 * The error detail for `what` (`addresses[1000] "..."`), the address one too many for the v1 Endpoints object that
 * `mode` writes.
 */
export function tooManyForEndpoints(mode: EndpointsMode, what: string): string {
  if (mode === EndpointsMode.ENDPOINTS_ONLY) {
    return `${what} is one address too many for EndpointsMode.ENDPOINTS_ONLY; the mirroring controller copies at most ${MAX_ENDPOINTS_ADDRESSES} addresses of an Endpoints subset into EndpointSlices. Use EndpointSlices.`;
  }
  return `${what} is address ${MAX_ENDPOINTS_ADDRESSES + 1}, one too many for the v1 Endpoints object that EndpointsMode.ENDPOINT_SLICES_AND_ENDPOINTS writes (Kubernetes never writes Endpoints of more than ${MAX_ENDPOINTS_ADDRESSES} addresses); set endpointsMode: EndpointsMode.ENDPOINT_SLICES_ONLY (kube-proxy and CoreDNS read only EndpointSlices, and v1 Endpoints is deprecated).`;
}
