/**
 * What a Service asks the API server's allocators for on create (service-allocation-conflict): the node ports it names
 * and the cluster IPs it pins. Pure. Source: kubernetes/kubernetes pkg/registry/core/service/storage/alloc.go.
 *
 * - `txnAllocNodePorts`: a NodePort or LoadBalancer Service allocates each `spec.ports[].nodePort` it names from the
 *   one node port allocator of the cluster (portallocator: one bitmap of port numbers, whatever the protocol and
 *   namespace). `initNodePorts` allocates a number once per Service port number, so the DNS pattern (port 53 over TCP
 *   and UDP on one nodePort) takes it once: one claim per Service and number here. The same nodePort under two
 *   different port numbers is allocated twice, and the second allocation fails ("provided port is already
 *   allocated"): a conflict of the Service with itself (`ServiceAllocations.own`). Under one protocol, field
 *   validation rejects it first ("Duplicate value"; service-invalid).
 * - `allocHealthCheckNodePort`: a LoadBalancer with `externalTrafficPolicy: Local` (`NeedsHealthCheck`) allocates its
 *   `spec.healthCheckNodePort` from the same allocator (validation rejects the field on any other Service), after
 *   the nodePorts: one equal to a nodePort of the same Service fails too.
 * - `allocClusterIPs`: every Service but ExternalName and headless (`clusterIPs[0] == "None"`) allocates each entry of
 *   `clusterIPs` (`clusterIP` copied into it on create) from the allocator of its IP family; `ParseIPSloppy` reads the
 *   text, so `010.96.0.50` is 10.96.0.50, and an IPv4-mapped IPv6 address is its IPv4 address.
 */
import { parseIp } from '../../k8s-syntax/ip';
import { asArray, asRecord, nonEmptyString } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';
import { clusterIps, serviceType } from '../validation/service';

/** kube-apiserver's default `--service-node-port-range` (pkg/kubeapiserver/options DefaultServiceNodePortRange). */
export const DEFAULT_NODE_PORT_RANGE = { base: 30000, last: 32767 } as const;

/** One value a Service asks an allocator for. */
export interface AllocationClaim {
  /** `node-port:30080` or `cluster-ip:10.96.0.50`: equal keys take the same allocation. */
  readonly key: string;
  readonly allocator: 'node-port' | 'cluster-ip';
  /** The value as messages show it (a port number, a canonical IP). */
  readonly value: string;
  /** The field that names it, e.g. `spec.ports[1].nodePort`. */
  readonly field: string;
  /** The API server's error when it cannot allocate the value, for a reason (`provided port is already allocated`). */
  readonly error: (reason: string) => string;
}

/** Whether a port value is one the API server's field validation accepts (an integer 1-65535). */
function portValue(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535 ? v : undefined;
}

/** What allocates `spec.healthCheckNodePort` (after every nodePort of the Service). */
const HEALTH_CHECK = Symbol('healthCheckNodePort');

/** A value a Service asks for twice, under two fields the API server allocates one after the other. */
export interface OwnConflict {
  /** The earlier field's claim (the one allocated). */
  readonly first: AllocationClaim;
  /** The later field's claim (the one whose allocation fails). */
  readonly again: AllocationClaim;
}

/** What a Service definition asks the allocators for on create. */
export interface ServiceAllocations {
  /** The allocations, the first per key (see the file comment). */
  readonly claims: AllocationClaim[];
  /** The values it asks for twice, which the cluster allocates once, so that the Service is rejected. */
  readonly own: OwnConflict[];
}

/** The allocations a Service definition asks for on create, the first per key (see the file comment). */
export function allocationClaims(o: NamespacedObject): AllocationClaim[] {
  return serviceAllocations(o).claims;
}

/** The allocations a Service definition asks for on create, and those it asks for twice (see the file comment). */
export function serviceAllocations(o: NamespacedObject): ServiceAllocations {
  const spec = asRecord(o.object?.spec);
  if (!spec) return { claims: [], own: [] };
  const invalid = `Service "${nonEmptyString(asRecord(o.object?.metadata)?.name) ?? ''}" is invalid: `;
  const type = serviceType(o.object);
  const out: AllocationClaim[] = [];
  const own: OwnConflict[] = [];
  // by: the Service port number of a nodePort claim (initNodePorts allocates once per number), or HEALTH_CHECK
  const seen = new Map<string, { claim: AllocationClaim; by: unknown }>();
  const add = (claim: AllocationClaim, by: unknown) => {
    const before = seen.get(claim.key);
    if (before === undefined) {
      seen.set(claim.key, { claim, by });
      out.push(claim);
    } else if (claim.allocator === 'node-port' && before.by !== by) {
      own.push({ first: before.claim, again: claim });
    }
  };
  if (type === 'NodePort' || type === 'LoadBalancer') {
    asArray(spec.ports).forEach((p, i) => {
      const port = portValue(asRecord(p)?.nodePort);
      if (port === undefined) return;
      const field = `spec.ports[${i}].nodePort`;
      add({ key: `node-port:${port}`, allocator: 'node-port', value: `${port}`, field, error: (reason) => `${invalid}${field}: Invalid value: ${port}: ${reason}` }, asRecord(p)?.port);
    });
  }
  const hc = portValue(spec.healthCheckNodePort);
  if (hc !== undefined && type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local') {
    add({
      key: `node-port:${hc}`,
      allocator: 'node-port',
      value: `${hc}`,
      field: 'spec.healthCheckNodePort',
      error: (reason) => `Internal error occurred: failed to allocate requested HealthCheck NodePort ${hc}: ${reason}`,
    }, HEALTH_CHECK);
  }
  if (type === 'ExternalName') return { claims: out, own };
  const ips = clusterIps(spec);
  if (ips[0] === 'None') return { claims: out, own };
  const plural = Array.isArray(spec.clusterIPs) && spec.clusterIPs.length > 0;
  const listText = `[]string{${ips.slice(0, 2).map((ip) => JSON.stringify(String(ip))).join(', ')}}`;
  ips.slice(0, 2).forEach((ip, i) => {
    const parsed = parseIp(ip);
    if (!parsed) return;
    const effective = parsed.effective;
    const value = effective.kind() === 'ipv4' ? effective.toString() : parsed.canonical;
    add({
      key: `cluster-ip:${value}`,
      allocator: 'cluster-ip',
      value,
      field: plural ? `spec.clusterIPs[${i}]` : 'spec.clusterIP',
      error: (reason) => `${invalid}spec.clusterIPs: Invalid value: ${listText}: failed to allocate IP ${String(ip)}: ${reason}`,
    }, undefined);
  });
  return { claims: out, own };
}

/** The node port claims outside kube-apiserver's default `--service-node-port-range`. */
export function outsideDefaultRange(claims: readonly AllocationClaim[]): AllocationClaim[] {
  return claims.filter((c) => c.allocator === 'node-port' && (Number(c.value) < DEFAULT_NODE_PORT_RANGE.base || Number(c.value) > DEFAULT_NODE_PORT_RANGE.last));
}
