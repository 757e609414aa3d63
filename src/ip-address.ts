/**
 * Endpoint IP validation (internal, not part of the jsii surface; the checker may import it too).
 *
 * The rules are the API server's for Endpoints / EndpointSlice addresses (../shared/reference/k8s-validation.md
 * rules 37, 38 and 52), in their strict form (feature gate StrictIPCIDRValidation), plus a few forms the API server
 * would accept but that never mean what the user wanted:
 * - IPv4 must be plain dotted decimal (`10.1.2.3`): no leading zeros (`010.1.2.3` is octal to some parsers and
 *   decimal to others), no short (`10.1`) or hex (`0x0a.1.2.3`) forms (rule 37);
 * - IPv6 may be written in any RFC 4291 text form and is emitted in RFC 5952 canonical form (`2001:DB8:0::1` ->
 *   `2001:db8::1`), except IPv4-mapped (`::ffff:10.1.2.3`, rule 37) and the deprecated IPv4-compatible
 *   (`::10.1.2.3`) forms, and zone ids (`fe80::1%eth0`);
 * - unspecified, loopback, link-local (incl. the cloud metadata address 169.254.169.254) and link-local multicast
 *   addresses are refused, with Go's `net.IP` semantics as the API server uses them (rule 38); private, global
 *   multicast and broadcast addresses are allowed, as by the API server.
 * IPv4 (plain dotted decimal only) is read character by character and its special ranges are compared as numbers,
 * the cost of one pass over the text (a SelectorlessIpService may list thousands of addresses); IPv6 is parsed by
 * ipaddr.js.
 */
import * as ipaddr from 'ipaddr.js';
import { IpFamily } from './ip-family';

/** The outcome of checking one endpoint IP (internal). */
export interface EndpointIpCheck {
  /** The canonical text (RFC 5952 for IPv6), when the address is acceptable. */
  readonly address?: string;
  /** The address family, when the address is acceptable. */
  readonly family?: IpFamily;
  /**
   * Why the address is refused: a sentence fragment that follows the quoted value, e.g.
   * `is in the loopback range (127.0.0.0/8, ::1/128); ...`. Undefined when the address is acceptable.
   */
  readonly problem?: string;
}

const LINK_LOCAL_V6 = ipaddr.IPv6.parseCIDR('fe80::/10');

const USE_INSTEAD = 'use an address that pods can reach outside the node';

/**
 * Checks an IP address for use as an Endpoints / EndpointSlice address and returns its canonical text and family,
 * or the problem (see the module doc for the rules).
 */
export function checkEndpointIp(value: string): EndpointIpCheck {
  if (typeof value !== 'string' || value.length === 0) {
    return { problem: 'is empty; an endpoint address is an IPv4 or IPv6 address such as "203.0.113.10"' };
  }
  if (value.includes('/')) {
    return { problem: 'is a CIDR range; list the individual IP addresses (one endpoint per address)' };
  }
  if (value.includes('%')) {
    return { problem: 'has an IPv6 zone index; zones are not allowed in Kubernetes addresses, remove the "%..." part' };
  }
  if (value.includes(':')) return checkIpv6(value);
  return checkIpv4(value);
}

function checkIpv4(value: string): EndpointIpCheck {
  const decimal = dottedDecimal(value);
  if (decimal === undefined && /[a-z]/i.test(value)) {
    return { problem: 'is not an IP address; for a DNS name use ExternalDependency (an ExternalName Service) instead' };
  }
  if (decimal === undefined) {
    return { problem: 'is not an IP address; write IPv4 as four decimal numbers from 0 to 255 such as "203.0.113.10", or an IPv6 address' };
  }
  if (decimal.leadingZeros) {
    return {
      problem: `has a leading zero, which some parsers read as octal; write ${JSON.stringify(decimal.text)} (the API server rejects leading zeros)`,
    };
  }
  const special = specialIpv4Problem(decimal.octets);
  if (special) return { problem: special };
  return { address: decimal.text, family: IpFamily.IPV4 };
}

function checkIpv6(value: string): EndpointIpCheck {
  if (!ipaddr.IPv6.isValid(value)) {
    return { problem: 'is not an IP address; write IPv6 as in "2001:db8::10", or IPv4 as in "203.0.113.10"' };
  }
  // A dotted IPv4 tail ("64:ff9b::1.2.3.4"): ipaddr.js reads it sloppily (octal, leading zeros), check it ourselves.
  const tail = value.slice(value.lastIndexOf(':') + 1);
  let embedded: DottedDecimal | undefined;
  if (tail.includes('.')) {
    embedded = dottedDecimal(tail);
    if (embedded === undefined) {
      return { problem: 'has an embedded IPv4 part that is not four decimal numbers from 0 to 255' };
    }
    if (embedded.leadingZeros) {
      return { problem: `has a leading zero in its embedded IPv4 part ${JSON.stringify(tail)}; write ${JSON.stringify(embedded.text)}` };
    }
  }
  // "::a.b.c.d" is the deprecated IPv4-compatible form (RFC 4291 2.5.5.1); ipaddr.js turns it into a mapped address.
  if (embedded !== undefined && value.startsWith('::') && value.lastIndexOf(':') === 1) {
    return {
      problem: `is a deprecated IPv4-compatible IPv6 address; write the IPv4 address ${JSON.stringify(embedded.text)} instead`,
    };
  }
  const ip = ipaddr.IPv6.parse(value);
  if (ip.isIPv4MappedAddress()) {
    return {
      problem: `is an IPv4-mapped IPv6 address; write the IPv4 address ${JSON.stringify(ip.toIPv4Address().toString())} (the API server rejects mapped addresses)`,
    };
  }
  const special = specialIpv6Problem(ip);
  if (special) return { problem: special };
  return { address: ip.toRFC5952String(), family: IpFamily.IPV6 };
}

/** An IPv4 address in dotted decimal: its four numbers, its normalized text, and whether a part had a leading zero. */
interface DottedDecimal {
  readonly octets: readonly [number, number, number, number];
  readonly text: string;
  readonly leadingZeros: boolean;
}

const DOT = 46;
const ZERO = 48;
const NINE = 57;

/**
 * Four decimal parts of one to three digits, each 0-255 (leading zeros allowed and reported). Undefined for anything
 * else (short, hex, junk, signs, spaces).
 */
function dottedDecimal(value: string): DottedDecimal | undefined {
  const octets: number[] = [];
  let leadingZeros = false;
  let n = 0;
  let digits = 0;
  let firstIsZero = false;
  for (let i = 0; i <= value.length; i++) {
    const c = i < value.length ? value.charCodeAt(i) : DOT; // the end closes the last part
    if (c === DOT) {
      if (digits === 0 || n > 255 || octets.length === 4) return undefined;
      if (digits > 1 && firstIsZero) leadingZeros = true;
      octets.push(n);
      n = 0;
      digits = 0;
    } else if (c >= ZERO && c <= NINE) {
      if (digits === 3) return undefined;
      if (digits === 0) firstIsZero = c === ZERO;
      n = n * 10 + (c - ZERO);
      digits++;
    } else {
      return undefined;
    }
  }
  if (octets.length !== 4) return undefined;
  const [a, b, c, d] = octets;
  return { octets: [a, b, c, d], text: `${a}.${b}.${c}.${d}`, leadingZeros };
}

/** Go's IsUnspecified / IsLoopback / IsLinkLocalUnicast / IsLinkLocalMulticast for IPv4 (rule 38). */
function specialIpv4Problem([a, b, c, d]: DottedDecimal['octets']): string | undefined {
  if (a === 0 && b === 0 && c === 0 && d === 0) return `is the unspecified address (0.0.0.0, ::); ${USE_INSTEAD}`;
  if (a === 127) return `is in the loopback range (127.0.0.0/8, ::1/128); ${USE_INSTEAD}`;
  if (a === 169 && b === 254 && c === 169 && d === 254) {
    return 'is the cloud metadata address, in the link-local range (169.254.0.0/16, fe80::/10); Kubernetes refuses link-local endpoints, and pods should not reach the metadata service through a Service';
  }
  if (a === 169 && b === 254) return `is in the link-local range (169.254.0.0/16, fe80::/10); ${USE_INSTEAD}`;
  if (a === 224 && b === 0 && c === 0) {
    return `is in the link-local multicast range (224.0.0.0/24, ffx2::/16); ${USE_INSTEAD}`;
  }
  return undefined;
}

/** The same checks for IPv6 (link-local multicast is ffX2::/16 for any flag nibble X, as in Go). */
function specialIpv6Problem(ip: ipaddr.IPv6): string | undefined {
  const parts = ip.parts;
  const allZeroBut = (last: number) => parts.slice(0, 7).every((p) => p === 0) && parts[7] === last;
  if (allZeroBut(0)) return `is the unspecified address (0.0.0.0, ::); ${USE_INSTEAD}`;
  if (allZeroBut(1)) return `is in the loopback range (127.0.0.0/8, ::1/128); ${USE_INSTEAD}`;
  if (ip.match(LINK_LOCAL_V6)) return `is in the link-local range (169.254.0.0/16, fe80::/10); ${USE_INSTEAD}`;
  // eslint-disable-next-line no-bitwise
  if ((parts[0] & 0xff0f) === 0xff02) {
    return `is in the link-local multicast range (224.0.0.0/24, ffx2::/16); ${USE_INSTEAD}`;
  }
  return undefined;
}
