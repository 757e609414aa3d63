import { EndpointsMode } from './endpoints-mode';
import { IpFamilyPolicy } from './ip-family';
import { ServicePort } from './service-port';
import { SessionAffinity } from './session-affinity';

/**
 * Props for `SelectorlessIpService`.
 */
export interface SelectorlessIpServiceProps {
  /**
   * The IP addresses traffic goes to: IPv4 (`203.0.113.10`) and/or IPv6 (`2001:db8::10`), each at most once.
   * IPv6 is written out in RFC 5952 canonical form. More can be added with `addAddress()`; a service that still has
   * none when the app is synthesized fails validation.
   *
   * @default - none yet; add them with `addAddress()`
   */
  readonly addresses?: string[];

  /**
   * The Service's ports. `targetPort` is the port on the addresses (it becomes the endpoint port number).
   * Names are required and unique when there is more than one port.
   *
   * @default - no ports (allowed only for a headless Service: DNS then has A/AAAA records but no SRV records)
   */
  readonly ports?: ServicePort[];

  /**
   * The Service's name (a DNS-1035 label): the first label of its DNS name. Endpoints share it, and the
   * EndpointSlices are named `<name>-ipv4`, `<name>-ipv4-2`, ..., `<name>-ipv6`.
   *
   * @default - the construct id
   */
  readonly name?: string;

  /**
   * The namespace of every object.
   *
   * @default - the chart's namespace, else "default"
   */
  readonly namespace?: string;

  /**
   * Headless (`clusterIP: None`): cluster DNS answers with every address instead of one load-balanced virtual IP,
   * and kube-proxy is not involved. Clients then choose (and retry) addresses themselves.
   *
   * @default false
   */
  readonly headless?: boolean;

  /**
   * Which endpoint objects to write: EndpointSlices, v1 Endpoints, or both.
   *
   * @default EndpointsMode.ENDPOINT_SLICES_AND_ENDPOINTS
   */
  readonly endpointsMode?: EndpointsMode;

  /**
   * The largest number of endpoints one EndpointSlice holds (1-1000, the API's maximum); more addresses of a family
   * go to further slices.
   *
   * @default 100 (the EndpointSlice controller's default)
   */
  readonly maxEndpointsPerSlice?: number;

  /**
   * The Service's IP family policy when the addresses include both IPv4 and IPv6.
   *
   * @default - SingleStack with the addresses' family when they all share one family; with both families,
   * PreferDualStack for a ClusterIP Service (both virtual IPs on a dual-stack cluster, the cluster's family
   * elsewhere) and RequireDualStack for a headless one (what the API server defaults it to)
   */
  readonly ipFamilyPolicy?: IpFamilyPolicy;

  /**
   * Session affinity (ClusterIP Services only: kube-proxy ignores headless Services).
   *
   * @default - none (the Kubernetes default)
   */
  readonly sessionAffinity?: SessionAffinity;

  /**
   * The cluster DNS domain, used for `fqdn`.
   *
   * @default "cluster.local"
   */
  readonly clusterDomain?: string;
}

/**
 * Options for `SelectorlessIpService.addAddress()`.
 */
export interface IpAddressOptions {
  /**
   * A DNS name for this one address: cluster DNS then also answers `<hostname>.<service>.<namespace>.svc.<domain>`
   * with it (set on the EndpointSlice endpoint and the Endpoints address). Useful with a headless Service to give
   * each external host its own stable name.
   *
   * @default - none (CoreDNS still answers the dashed-IP name, e.g. `203-0-113-10.<service>...`)
   */
  readonly hostname?: string;
}
