import { Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { constructError, dns1123LabelProblem, isIntegerInRange, PendingConstruct, quote } from './construct-errors';
import { EndpointsMode } from './endpoints-mode';
import { checkEndpointIp } from './ip-address';
import { IpFamily, IpFamilyPolicy } from './ip-family';
import { HEADLESS_LABEL, MANAGED_BY_LABEL, SERVICE_NAME_LABEL, SKIP_MIRROR_LABEL } from './k8s-syntax/well-known';
import { checkString, optionalStruct, optionalString } from './prop-check';
import { Address, endpointPorts, endpointSubsets, MAX_ENDPOINTS_ADDRESSES, sliceEndpoints, tooManyForEndpoints } from './selectorless-endpoints';
import { checkSelectorlessIpServiceProps } from './selectorless-ip-service-check';
import { IpAddressOptions } from './selectorless-ip-service-options';
import { SelectorlessServiceSpecInput, selectorlessServiceSpec } from './selectorless-ip-service-spec';
import { brandConstruct, hasConstructBrand, resolveServiceAddress, ServiceAddress, ServiceApiObject } from './service-construct';
import { ServicePort } from './service-port';
import { ResolvedServicePort, resolveServicePorts } from './service-port-internal';
import { SessionAffinity } from './session-affinity';
import { showList } from './show-value';
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

/** The value of `endpointslice.kubernetes.io/managed-by` on the slices this library writes. */
export const ENDPOINT_SLICE_MANAGER = 'cdk8s-service-discovery';

const DEFAULT_MAX_ENDPOINTS_PER_SLICE = 100;
const MAX_ENDPOINTS_PER_SLICE = 1000;
const MAX_PORTS = 100;
const IP_FAMILY_POLICIES: ReadonlySet<string> = new Set(Object.values(IpFamilyPolicy));
const ENDPOINTS_MODES: ReadonlySet<string> = new Set(Object.values(EndpointsMode));

/**
 * A Service without a selector whose endpoints are fixed IP addresses: an in-cluster name (and, unless headless, a
 * load-balanced virtual IP) for something outside the cluster that has IP addresses rather than a DNS name.
 *
 * Writes a v1 Service with no `selector`, EndpointSlices (what kube-proxy and CoreDNS read) labelled
 * `kubernetes.io/service-name` and managed by this library, and by default v1 Endpoints for legacy readers,
 * labelled `endpointslice.kubernetes.io/skip-mirror: "true"` so they are not mirrored into duplicate slices.
 *
 * The construct is the Service: a `k8s.KubeService` (an `ApiObject`), with the Endpoints and EndpointSlices as its
 * children. `name` is the Service name; `metadata.addLabel()`, `addJsonPatch()` and `ApiObject.of()` work on it
 * directly.
 *
 * For a DNS name use ExternalDependency (an ExternalName Service) instead.
 *
 * @example
 * new SelectorlessIpService(chart, 'external-api', {
 *   addresses: ['203.0.113.10', '203.0.113.11'],
 *   ports: [{ name: 'https', port: 443, targetPort: 8443 }],
 * });
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors
 * @see https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#headless-services
 */
export class SelectorlessIpService extends ServiceApiObject {
  /**
   * Whether `x` is a `SelectorlessIpService` (also one created by another copy of this library).
   *
   * @param x the object to test
   */
  public static isSelectorlessIpService(x: any): x is SelectorlessIpService {
    return hasConstructBrand(x, 'SelectorlessIpService');
  }

  /** Whether the Service is headless (`clusterIP: None`). */
  public readonly headless: boolean;
  /** Which endpoint objects are written. */
  public readonly endpointsMode: EndpointsMode;
  /**
   * The v1 Endpoints object (a child of this construct).
   *
   * @default - undefined when `endpointsMode` is ENDPOINT_SLICES_ONLY
   */
  public readonly endpoints?: k8s.KubeEndpoints;

  private readonly ports: ResolvedServicePort[];
  private readonly maxEndpointsPerSlice: number;
  private readonly explicitIpFamilyPolicy?: IpFamilyPolicy;
  private readonly explicitNamespace?: string;
  private readonly addressList: Address[] = [];
  private readonly slices: k8s.KubeEndpointSlice[] = [];
  private readonly slicesByFamily = new Map<IpFamily, number>();
  private readonly indexByIp = new Map<string, number>();
  /** The addresses of each family, in the order given: what the slices of that family hold. */
  private readonly addressesByFamily = new Map<IpFamily, Address[]>();
  private readonly hostnames = new Set<string>();

  constructor(scope: Construct, id: string, props: SelectorlessIpServiceProps = {}) {
    // The props are checked before super(), which needs the Service's name: a bad prop leaves no Service behind.
    const at = new PendingConstruct(new.target, scope, id);
    props = checkSelectorlessIpServiceProps(at, props);
    const plan = planService(at, props);
    // The spec depends on the addresses, added after super(): it is rendered at synth, through `self` because an
    // arrow function in the super() arguments may not use `this`.
    let self: SelectorlessIpService | undefined;
    super(scope, id, {
      metadata: { name: plan.address.name, namespace: props.namespace },
      spec: Lazy.any({ produce: () => selectorlessServiceSpec(self!.ipFamilies, plan) }),
    }, plan.address);
    self = this;

    this.explicitNamespace = props.namespace;
    this.headless = plan.headless;
    this.endpointsMode = plan.endpointsMode;
    this.explicitIpFamilyPolicy = props.ipFamilyPolicy;
    this.ports = plan.ports;
    this.maxEndpointsPerSlice = plan.maxEndpointsPerSlice;

    if (this.endpointsMode !== EndpointsMode.ENDPOINT_SLICES_ONLY) {
      const labels: Record<string, string> = {};
      // Without skip-mirror the mirroring controller would copy these Endpoints into slices next to ours (rule 49);
      // in ENDPOINTS_ONLY mode that copy is the only way the addresses reach kube-proxy and CoreDNS (rule 44).
      if (this.endpointsMode === EndpointsMode.ENDPOINT_SLICES_AND_ENDPOINTS) labels[SKIP_MIRROR_LABEL] = 'true';
      // No service.kubernetes.io/headless here: mirroring would copy it to its slices (rule 45), and it adds nothing.
      this.endpoints = new k8s.KubeEndpoints(this, 'Endpoints', {
        metadata: { name: plan.address.name, namespace: this.explicitNamespace, labels },
        subsets: Lazy.any({ produce: () => endpointSubsets(this.addressList, this.ports) }),
      });
    }

    for (const address of props.addresses ?? []) this.addAddress(address);

    this.node.addValidation({
      validate: () => this.addressList.length > 0 ? [] : [
        `${constructError(this, 'addresses is empty; a Service without a selector sends traffic only to the addresses you list, so it would have no endpoints. Pass addresses or call addAddress().').message}`,
      ],
    });
  }

  /**
   * The v1 Service: this construct itself, which is a `k8s.KubeService` (use its `metadata`, `addJsonPatch()` and
   * `ApiObject.of()` directly).
   *
   * @deprecated this construct is the Service; use it directly
   */
  public get service(): k8s.KubeService {
    return this;
  }

  /**
   * Adds an address (IPv4 or IPv6; see `addresses`). Throws when the address is not a valid endpoint address or is
   * already present.
   *
   * @param address the IP address
   * @param options per-address options such as a DNS hostname. Default: `{}`, no hostname
   */
  public addAddress(address: string, options: IpAddressOptions = {}): void {
    const index = this.addressList.length;
    const at = () => `addresses[${index}]`; // built only for an error
    checkString(this, at(), address, 'give an IP address such as "203.0.113.10".');
    const hostname = optionalString(this, `${at()}.hostname`, optionalStruct(this, 'addAddress options', options,
      'give options such as { hostname: "db-0" }.')?.hostname, 'give a DNS-1123 label such as "db-0".');
    options = { hostname };
    const check = checkEndpointIp(address);
    if (check.problem !== undefined || check.address === undefined || check.family === undefined) {
      throw constructError(this, `${at()} ${quote(address)} ${check.problem}.`);
    }
    const ip = check.address;
    const existing = this.indexByIp.get(ip);
    if (existing !== undefined) {
      const same = ip === address ? '' : ` (${quote(ip)} in canonical form)`;
      throw constructError(this, `${at()} ${quote(address)}${same} is already addresses[${existing}]; list each address once.`);
    }
    if (options.hostname !== undefined) {
      const problem = dns1123LabelProblem(options.hostname);
      if (problem) {
        throw constructError(this, `hostname ${quote(options.hostname)} of ${at()} ${problem}; an endpoint hostname is one DNS-1123 label such as "db-0".`);
      }
    }
    if (this.endpointsMode !== EndpointsMode.ENDPOINT_SLICES_ONLY && this.addressList.length >= MAX_ENDPOINTS_ADDRESSES) {
      throw constructError(this, tooManyForEndpoints(this.endpointsMode, `${at()} ${quote(address)}`));
    }

    // The first address of the other family (one lookup: a scan of the list per address was quadratic).
    const otherFamily = this.explicitIpFamilyPolicy === IpFamilyPolicy.SINGLE_STACK
      ? this.addressesByFamily.get(check.family === IpFamily.IPV4 ? IpFamily.IPV6 : IpFamily.IPV4)?.[0]
      : undefined;
    if (otherFamily !== undefined) {
      throw constructError(this, `${at()} ${quote(address)} is ${check.family} but ${quote(otherFamily.ip)} is ${otherFamily.family}, and ipFamilyPolicy "SingleStack" serves one family only; use IpFamilyPolicy.PREFER_DUAL_STACK or REQUIRE_DUAL_STACK, or list one family.`);
    }

    const entry: Address = { ip, family: check.family, hostname: options.hostname };
    this.indexByIp.set(ip, this.addressList.length);
    this.addressList.push(entry);
    const ofFamily = this.addressesByFamily.get(check.family);
    if (ofFamily) ofFamily.push(entry);
    else this.addressesByFamily.set(check.family, [entry]);
    if (options.hostname !== undefined) this.hostnames.add(options.hostname);
    if (this.endpointsMode !== EndpointsMode.ENDPOINTS_ONLY) this.ensureSliceFor(check.family);
  }

  /** The addresses in canonical form, in the order they were given. */
  public get addresses(): string[] {
    return this.addressList.map((a) => a.ip);
  }

  /** The IP families of the addresses, IPv4 first. */
  public get ipFamilies(): IpFamily[] {
    return [IpFamily.IPV4, IpFamily.IPV6].filter((f) => this.addressesByFamily.has(f));
  }

  /** The EndpointSlice objects, in creation order (empty when `endpointsMode` is ENDPOINTS_ONLY). */
  public get endpointSlices(): k8s.KubeEndpointSlice[] {
    return [...this.slices];
  }

  /**
   * The DNS name cluster DNS serves for the address given `hostname`: `<hostname>.<fqdn>`.
   *
   * @param hostname a hostname passed to `addAddress()`
   */
  public hostnameFqdn(hostname: string): string {
    if (!this.hostnames.has(hostname)) {
      const known = showList(this.addressList.filter((a) => a.hostname !== undefined).map((a) => a.hostname));
      throw constructError(this, `hostname ${quote(hostname)} is not the hostname of any address (known: ${known || 'none'}); pass it to addAddress() first.`);
    }
    return `${hostname}.${this.fqdn}`;
  }

  /** Creates the next slice of `family` when the last one is full (or there is none yet). */
  private ensureSliceFor(family: IpFamily): void {
    const count = this.addressesByFamily.get(family)?.length ?? 0;
    const sliceCount = this.slicesByFamily.get(family) ?? 0;
    if (count <= sliceCount * this.maxEndpointsPerSlice) return;

    const index = sliceCount;
    const suffix = family === IpFamily.IPV4 ? 'ipv4' : 'ipv6';
    // "-ipv4" / "-ipv4-2": a vowel, so never one of the controllers' generated 5-character suffixes (rule 3).
    const sliceSuffix = index === 0 ? suffix : `${suffix}-${index + 1}`;
    const labels: Record<string, string> = {
      [SERVICE_NAME_LABEL]: this.name,
      [MANAGED_BY_LABEL]: ENDPOINT_SLICE_MANAGER,
    };
    // Only on slices of a headless Service: kube-proxy ignores labelled slices (rule 58), as it ignores headless Services.
    if (this.headless) labels[HEADLESS_LABEL] = '';
    const slice = new k8s.KubeEndpointSlice(this, `EndpointSlice-${sliceSuffix}`, {
      metadata: { name: `${this.name}-${sliceSuffix}`, namespace: this.explicitNamespace, labels },
      addressType: family,
      // Only this slice's addresses are read: filtering all addresses for each slice was quadratic.
      endpoints: Lazy.any({
        produce: () => sliceEndpoints(this.addressesByFamily.get(family) ?? [], index * this.maxEndpointsPerSlice, this.maxEndpointsPerSlice),
      }),
      ports: endpointPorts(this.ports),
    });
    this.slices.push(slice);
    this.slicesByFamily.set(family, sliceCount + 1);
  }
}

brandConstruct(SelectorlessIpService, 'SelectorlessIpService');

/** What the constructor computes from the props before the Service exists. */
interface ServicePlan extends SelectorlessServiceSpecInput {
  readonly address: ServiceAddress;
  readonly endpointsMode: EndpointsMode;
  readonly maxEndpointsPerSlice: number;
}

/** Validates the props of the SelectorlessIpService `at` (all but its addresses); throws the first problem found. */
function planService(at: PendingConstruct, props: SelectorlessIpServiceProps): ServicePlan {
  const address = resolveServiceAddress(at, props, at.id);
  const headless = props.headless ?? false;
  const endpointsMode = props.endpointsMode ?? EndpointsMode.ENDPOINT_SLICES_AND_ENDPOINTS;

  const ports = resolvePorts(at, props.ports ?? [], headless);
  const maxEndpointsPerSlice = props.maxEndpointsPerSlice ?? DEFAULT_MAX_ENDPOINTS_PER_SLICE;
  if (!isIntegerInRange(maxEndpointsPerSlice, 1, MAX_ENDPOINTS_PER_SLICE)) {
    throw constructError(at, `maxEndpointsPerSlice ${quote(props.maxEndpointsPerSlice)} is out of range; an EndpointSlice holds 1 to ${MAX_ENDPOINTS_PER_SLICE} endpoints.`);
  }
  if (props.ipFamilyPolicy !== undefined && !IP_FAMILY_POLICIES.has(props.ipFamilyPolicy)) {
    throw constructError(at, `ipFamilyPolicy ${quote(props.ipFamilyPolicy)} is not supported; use IpFamilyPolicy.SINGLE_STACK, PREFER_DUAL_STACK or REQUIRE_DUAL_STACK.`);
  }
  if (!ENDPOINTS_MODES.has(endpointsMode)) {
    throw constructError(at, `endpointsMode ${quote(endpointsMode)} is not supported; use a value of EndpointsMode.`);
  }
  const affinity = resolveSessionAffinity(at, props.sessionAffinity, headless);
  return { address, headless, endpointsMode, ports, maxEndpointsPerSlice, ipFamilyPolicy: props.ipFamilyPolicy, affinity };
}

function resolvePorts(at: PendingConstruct, ports: ServicePort[], headless: boolean): ResolvedServicePort[] {
  if (ports.length === 0 && !headless) {
    throw constructError(at, 'ports is empty; a ClusterIP Service needs at least one port (only a headless Service may have none). Add a port or set headless: true.');
  }
  if (ports.length > MAX_PORTS) {
    throw constructError(at, `ports has ${ports.length} entries; an EndpointSlice holds at most ${MAX_PORTS} ports.`);
  }
  return resolveServicePorts(at, ports);
}

function resolveSessionAffinity(at: PendingConstruct, affinity: SessionAffinity | undefined, headless: boolean): SessionAffinity | undefined {
  if (affinity === undefined || affinity.mode === 'None') return affinity;
  if (headless) {
    throw constructError(at, 'sessionAffinity "ClientIP" has no effect on a headless Service (kube-proxy ignores it, clients pick addresses from DNS); remove it or drop headless.');
  }
  const seconds = affinity.timeout?.toSeconds({ integral: false });
  if (seconds !== undefined && !isIntegerInRange(seconds, 1, 86400)) {
    throw constructError(at, `sessionAffinity timeout ${quote(`${seconds}s`)} is out of range; use whole seconds from 1 to 86400 (24 hours).`);
  }
  return affinity;
}
