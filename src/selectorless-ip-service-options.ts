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
