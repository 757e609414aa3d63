/**
 * What the resolver reads (after CoreDNS's kubernetes plugin, whose lookups read a narrow `dnsController` interface
 * instead of the informers): the few look-ups that answering a question needs. `ClusterModel` implements it; a test
 * builds a `Resolver` over a hand-made index to keep the interface honest.
 */
import type { EndpointOnIp } from '../model/cluster-model';
import type { EndpointSliceRecord, PodRecord, ResolvedModelOptions, ServiceRecord, SimulatedValue } from '../model/records';

export interface DnsIndex {
  /** The cluster facts the answers depend on. */
  readonly options: Pick<ResolvedModelOptions, 'clusterDomain' | 'pods' | 'endpointPodNames'>;
  /** Every made-up value, for the `simulated` notes of an answer (read only when an answer has simulated records). */
  readonly simulated: readonly SimulatedValue[];
  /** dns-rules 14: a namespace exists when the input has objects in it, a Namespace object, or it is built in. */
  namespaceExists(namespace: string): boolean;
  /** The Service of that namespace and name. */
  service(namespace: string, name: string): ServiceRecord | undefined;
  /** The EndpointSlices that serve a Service (input, mirrored or derived from pods). */
  endpointSlices(namespace: string, serviceName: string): readonly EndpointSliceRecord[];
  /** Services whose ClusterIPs include the address (PTR). */
  servicesByClusterIp(ip: string): readonly ServiceRecord[];
  /** Ready endpoints on the address (PTR). */
  readyEndpointsByIp(ip: string): readonly EndpointOnIp[];
  /** Pods with the address (`pods verified`). */
  podsByIp(ip: string): readonly PodRecord[];
}
