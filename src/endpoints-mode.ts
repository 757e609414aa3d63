/**
 * Which endpoint objects a SelectorlessIpService writes for its addresses.
 *
 * kube-proxy and CoreDNS read only EndpointSlices. Hand-written v1 Endpoints reach them only through the
 * EndpointSliceMirroring controller, which copies them into slices it owns. v1 Endpoints is deprecated since
 * Kubernetes 1.33 but still served, and some tools (older ingress controllers, monitoring, `kubectl get endpoints`)
 * still read it.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/
 * @see https://kubernetes.io/blog/2025/04/24/endpoints-deprecation/
 */
export enum EndpointsMode {
  /**
   * EndpointSlices for kube-proxy and CoreDNS, plus a v1 Endpoints object for legacy readers, labelled
   * `endpointslice.kubernetes.io/skip-mirror: "true"` so the mirroring controller does not create duplicate slices.
   * Up to 1000 addresses (Kubernetes never writes larger Endpoints); a 1001st address is refused.
   */
  ENDPOINT_SLICES_AND_ENDPOINTS = 'EndpointSlicesAndEndpoints',

  /**
   * EndpointSlices only: the choice for clusters and tools that no longer use the deprecated v1 Endpoints API, and for
   * more than 1000 addresses.
   */
  ENDPOINT_SLICES_ONLY = 'EndpointSlicesOnly',

  /**
   * A v1 Endpoints object only (no skip-mirror label), for clusters without discovery.k8s.io/v1 (before 1.21):
   * newer clusters mirror it into EndpointSlices themselves, at most 1000 addresses per Endpoints subset.
   */
  ENDPOINTS_ONLY = 'EndpointsOnly',
}
