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
 * The syntax and the special ranges are those of src/k8s-syntax/ip.ts (IPv4 in one scan, without allocating: a
 * SelectorlessIpService may list thousands of addresses; IPv6 through ipaddr.js); this module words the problems.
 */
import { IpFamily } from './ip-family';
import {
  IPV4_LEADING_ZEROS, ipv4Octets, numberToIpv4, parseIpv6, scanIpv4, SpecialIpRange, specialIpv4Range, specialIpv6Range,
} from './k8s-syntax/ip';

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
  const scanned = scanIpv4(value);
  if (scanned < 0 && /[a-z]/i.test(value)) {
    return { problem: 'is not an IP address; for a DNS name use ExternalDependency (an ExternalName Service) instead' };
  }
  if (scanned < 0) {
    return { problem: 'is not an IP address; write IPv4 as four decimal numbers from 0 to 255 such as "203.0.113.10", or an IPv6 address' };
  }
  if (scanned >= IPV4_LEADING_ZEROS) {
    return {
      problem: `has a leading zero, which some parsers read as octal; write ${JSON.stringify(numberToIpv4(scanned - IPV4_LEADING_ZEROS))} (the API server rejects leading zeros)`,
    };
  }
  const [a, b, c, d] = ipv4Octets(scanned);
  if (a === 169 && b === 254 && c === 169 && d === 254) {
    return { problem: 'is the cloud metadata address, in the link-local range (169.254.0.0/16, fe80::/10); Kubernetes refuses link-local endpoints, and pods should not reach the metadata service through a Service' };
  }
  const special = specialIpv4Range(a, b, c, d);
  if (special) return { problem: SPECIAL_RANGE_PROBLEMS[special] };
  return { address: value, family: IpFamily.IPV4 };
}

function checkIpv6(value: string): EndpointIpCheck {
  const ip = parseIpv6(value);
  if (!ip) {
    return { problem: 'is not an IP address; write IPv6 as in "2001:db8::10", or IPv4 as in "203.0.113.10"' };
  }
  // A dotted IPv4 tail ("64:ff9b::1.2.3.4"): ipaddr.js reads it sloppily (octal, leading zeros), check it ourselves.
  const tail = value.slice(value.lastIndexOf(':') + 1);
  let embedded: string | undefined;
  if (tail.includes('.')) {
    const scanned = scanIpv4(tail);
    if (scanned < 0) {
      return { problem: 'has an embedded IPv4 part that is not four decimal numbers from 0 to 255' };
    }
    embedded = numberToIpv4(scanned >= IPV4_LEADING_ZEROS ? scanned - IPV4_LEADING_ZEROS : scanned);
    if (scanned >= IPV4_LEADING_ZEROS) {
      return { problem: `has a leading zero in its embedded IPv4 part ${JSON.stringify(tail)}; write ${JSON.stringify(embedded)}` };
    }
  }
  // "::a.b.c.d" is the deprecated IPv4-compatible form (RFC 4291 2.5.5.1); ipaddr.js turns it into a mapped address.
  if (embedded !== undefined && value.startsWith('::') && value.lastIndexOf(':') === 1) {
    return {
      problem: `is a deprecated IPv4-compatible IPv6 address; write the IPv4 address ${JSON.stringify(embedded)} instead`,
    };
  }
  if (ip.isIPv4MappedAddress()) {
    return {
      problem: `is an IPv4-mapped IPv6 address; write the IPv4 address ${JSON.stringify(ip.toIPv4Address().toString())} (the API server rejects mapped addresses)`,
    };
  }
  const special = specialIpv6Range(ip.parts);
  if (special) return { problem: SPECIAL_RANGE_PROBLEMS[special] };
  return { address: ip.toRFC5952String(), family: IpFamily.IPV6 };
}

/** The problem of an address in a range Go's `net.IP` calls special (rule 38), for IPv4 and IPv6 alike. */
const SPECIAL_RANGE_PROBLEMS: Record<SpecialIpRange, string> = {
  'unspecified': `is the unspecified address (0.0.0.0, ::); ${USE_INSTEAD}`,
  'loopback': `is in the loopback range (127.0.0.0/8, ::1/128); ${USE_INSTEAD}`,
  'link-local': `is in the link-local range (169.254.0.0/16, fe80::/10); ${USE_INSTEAD}`,
  'link-local-multicast': `is in the link-local multicast range (224.0.0.0/24, ffx2::/16); ${USE_INSTEAD}`,
};
