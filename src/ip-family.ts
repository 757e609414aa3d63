/**
 * IP family of a Service or of an EndpointSlice's addresses.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/dual-stack/
 */
export enum IpFamily {
  /** IPv4 (`addressType: IPv4` on an EndpointSlice). */
  IPV4 = 'IPv4',
  /** IPv6 (`addressType: IPv6` on an EndpointSlice). */
  IPV6 = 'IPv6',
}

/**
 * How many IP families a Service asks the cluster for (`spec.ipFamilyPolicy`).
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/dual-stack/#services
 */
export enum IpFamilyPolicy {
  /** One family only; the only choice when every address has the same family. */
  SINGLE_STACK = 'SingleStack',
  /** Both families on a dual-stack cluster, the cluster's one family elsewhere (always accepted). */
  PREFER_DUAL_STACK = 'PreferDualStack',
  /** Both families; the API server refuses the Service on a single-stack cluster (ClusterIP Services). */
  REQUIRE_DUAL_STACK = 'RequireDualStack',
}
