/**
 * IP address rules shared by Endpoints, EndpointSlices and Services (reference/k8s-validation.md rules 37-38),
 * with the API server's detail texts. Go's "sloppy" IPv4 form (leading zeros read as decimal), which ipaddr.js reads
 * differently, and plain hex IPv6 are hand-written one-pass scans; IPv6 with an embedded IPv4 goes to ipaddr.js
 * behind a character filter. They run on every address of every object and every host name a rule looks at, so
 * none allocates or throws on the way to "not an IP" (test/checks/validation/ip-parse.test.ts pins them to the
 * plain split-and-ipaddr.js reference).
 */
import * as ipaddr from 'ipaddr.js';
import { FieldErrors } from './field';

/** A parsed address with how it was written. */
export interface ParsedIp {
  readonly address: ipaddr.IPv4 | ipaddr.IPv6;
  /** `4` or `6`, for IPv4-mapped IPv6 `6`. */
  readonly family: 4 | 6;
  /** The IPv4 address a mapped IPv6 stands for, else the address itself (Go `net.IP` classifies by it). */
  readonly effective: ipaddr.IPv4 | ipaddr.IPv6;
  /** The IPv4 text had a field with a leading zero (`010.1.2.3`). */
  readonly leadingZeros: boolean;
  /** Written as an IPv4-mapped IPv6 address (`::ffff:10.1.2.3`). */
  readonly ipv4Mapped: boolean;
  /** The canonical text (RFC 5952 for IPv6). */
  readonly canonical: string;
}

const DOT = 46;
const ZERO = 48;
const NINE = 57;
const COLON = 58;
const LOWER_A = 97;
const LOWER_F = 102;
const LOWER_X = 120;
const UPPER_A = 65;
const UPPER_F = 70;
const UPPER_X = 88;

/**
 * Go's "sloppy" IPv4 form in one scan: exactly four dot-separated fields of 1-3 decimal digits, each at most 255;
 * a field with a leading zero (`010`) is read as decimal and flagged.
 */
function parseSloppyIpv4(text: string): ParsedIp | undefined {
  const octets = [0, 0, 0, 0];
  let field = 0;
  let digits = 0;
  let value = 0;
  let leadingZeros = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === DOT) {
      if (digits === 0 || field === 3) return undefined;
      octets[field++] = value;
      digits = 0;
      value = 0;
    } else if (c >= ZERO && c <= NINE) {
      if (digits === 3) return undefined;
      if (digits === 1 && value === 0) leadingZeros = true;
      value = value * 10 + (c - ZERO);
      if (value > 255) return undefined;
      digits++;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || field !== 3) return undefined;
  octets[3] = value;
  const address = new ipaddr.IPv4(octets);
  // Without leading zeros the text is already the canonical dotted quad.
  const canonical = leadingZeros ? octets.join('.') : text;
  return { address, family: 4, effective: address, leadingZeros, ipv4Mapped: false, canonical };
}

/** What `ipv6Form` found: a character no IPv6 address has, only hex digits and colons, or also `.` or `x`. */
const enum Ipv6Form { Invalid, Plain, Other }

/**
 * A quick filter before ipaddr.js (which throws, slowly, on what it rejects): `Invalid` when `text` has a character
 * that no zone-less IPv6 address that ipaddr.js accepts can contain. Those are hex digits, `:`, `.` and the `x` of a
 * `0x` IPv4 part, in either case; `%` (a zone) is rejected here, as Go's ParseIP rejects zones. `Plain` when there
 * are only hex digits and colons (no embedded IPv4), the form `plainIpv6Groups` reads.
 */
function ipv6Form(text: string): Ipv6Form {
  let form = Ipv6Form.Plain;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= ZERO && c <= COLON) || (c >= LOWER_A && c <= LOWER_F) || (c >= UPPER_A && c <= UPPER_F)) continue;
    if (c === DOT || c === LOWER_X || c === UPPER_X) form = Ipv6Form.Other;
    else return Ipv6Form.Invalid;
  }
  return form;
}

/** An IPv6 address; the RFC 5952 text is made only when asked for (messages), since it costs more than the parse. */
class ParsedIpv6 implements ParsedIp {
  public readonly family = 6;
  public readonly leadingZeros = false;
  public readonly ipv4Mapped: boolean;
  public readonly effective: ipaddr.IPv4 | ipaddr.IPv6;
  private text?: string;

  constructor(public readonly address: ipaddr.IPv6) {
    // ::ffff:0:0/96, what ipaddr.js isIPv4MappedAddress() and toIPv4Address() compute through range(), which matches
    // the address against every special range (none before ipv4Mapped overlaps it) and dominated the parse.
    const g = address.parts;
    this.ipv4Mapped = g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff;
    this.effective = this.ipv4Mapped ? new ipaddr.IPv4([Math.floor(g[6] / 256), g[6] % 256, Math.floor(g[7] / 256), g[7] % 256]) : address;
  }

  public get canonical(): string {
    if (this.text === undefined) this.text = this.address.toRFC5952String();
    return this.text;
  }
}

/** The value of a hex digit (`Ipv6Form.Plain` texts have no other characters besides colons). */
function hexValue(c: number): number {
  if (c <= NINE) return c - ZERO;
  return c >= LOWER_A ? c - LOWER_A + 10 : c - UPPER_A + 10;
}

/**
 * The eight groups of a text of only hex digits and colons (`Ipv6Form.Plain`): hex groups of 1-4 digits, at most one
 * `::` standing for at least one zero group, scanned once; `undefined` if invalid. For these texts ipaddr.js accepts
 * exactly the same (its native regex, expandIPv6 and the 8-part check of its constructor).
 */
function plainIpv6Groups(text: string): number[] | undefined {
  const n = text.length;
  const groups: number[] = [];
  let gap = -1;
  let i = 0;
  if (text.charCodeAt(0) === COLON) {
    if (text.charCodeAt(1) !== COLON) return undefined;
    gap = 0;
    i = 2;
  }
  while (i < n) {
    let value = 0;
    let digits = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === COLON) break;
      if (++digits > 4) return undefined;
      value = value * 16 + hexValue(c);
    }
    if (digits === 0 || groups.length === 8) return undefined;
    groups.push(value);
    if (i === n) break;
    i++; // the colon
    if (i === n) return undefined; // a single trailing colon
    if (text.charCodeAt(i) === COLON) {
      if (gap !== -1) return undefined;
      gap = groups.length;
      i++;
    }
  }
  if (gap === -1) return groups.length === 8 ? groups : undefined;
  if (groups.length > 7) return undefined;
  const zeros = new Array<number>(8 - groups.length).fill(0);
  return [...groups.slice(0, gap), ...zeros, ...groups.slice(gap)];
}

function parseIpv6(text: string): ParsedIp | undefined {
  const form = ipv6Form(text);
  if (form === Ipv6Form.Invalid) return undefined;
  if (form === Ipv6Form.Plain) {
    const groups = plainIpv6Groups(text);
    return groups ? new ParsedIpv6(new ipaddr.IPv6(groups)) : undefined;
  }
  try {
    return new ParsedIpv6(ipaddr.IPv6.parse(text));
  } catch {
    return undefined;
  }
}

/** Parses like Go's `netutils.ParseIPSloppy` (no zones, no brackets, leading zeros allowed); `undefined` if invalid. */
export function parseIp(text: unknown): ParsedIp | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length > 64) return undefined;
  return text.includes(':') ? parseIpv6(text) : parseSloppyIpv4(text);
}

/** The detail of an unparsable legacy-field IP (rule 37). */
export const INVALID_IP_DETAIL = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
/** The StrictIPCIDRValidation details (rule 37). */
export const LEADING_ZEROS_DETAIL = 'must not have leading 0s';
export const IPV4_MAPPED_DETAIL = 'must not be an IPv4-mapped IPv6 address';

/** The legacy-field IP errors that every API server reports (rule 37): an unparsable address. */
export function legacyIpErrors(text: unknown): string[] {
  return parseIp(text) ? [] : [INVALID_IP_DETAIL];
}

/**
 * The legacy-field IP errors that only an API server with StrictIPCIDRValidation reports (rule 37; alpha in v1.33,
 * beta and on by default in v1.36): leading zeros and IPv4-mapped IPv6. Empty for unparsable addresses.
 */
export function strictIpErrors(text: unknown): string[] {
  const ip = parseIp(text);
  if (!ip) return [];
  const errs: string[] = [];
  if (ip.leadingZeros) errs.push(LEADING_ZEROS_DETAIL);
  if (ip.ipv4Mapped) errs.push(IPV4_MAPPED_DETAIL);
  return errs;
}

/**
 * Adds the errors of one legacy IP field (rule 37) to `errs`: those of `legacyIpErrors`, then those of
 * `strictIpErrors`, with one parse and no arrays on the common path. Returns the parsed address, if any.
 */
export function addIpSyntaxErrors(errs: FieldErrors, path: string, value: unknown, fix: string): ParsedIp | undefined {
  const ip = parseIp(value);
  if (!ip) {
    errs.add(path, 'Invalid value', value, INVALID_IP_DETAIL, fix);
    return undefined;
  }
  if (ip.leadingZeros) errs.addStrictIp(path, value, LEADING_ZEROS_DETAIL, fix);
  if (ip.ipv4Mapped) errs.addStrictIp(path, value, IPV4_MAPPED_DETAIL, fix);
  return ip;
}

/** The non-special endpoint IP errors (rule 38, `ValidateEndpointIP`), for an address that parsed. */
export function specialIpErrors(ip: ParsedIp): string[] {
  const d = specialIpDetail(ip);
  return d === undefined ? [] : [d];
}

/**
 * The special IPv4 range an address's four octets fall in, as `specialIpDetail` names it (Go's IsUnspecified,
 * IsLoopback, IsLinkLocalUnicast, IsLinkLocalMulticast), or undefined for an ordinary address. Takes octets, so a
 * caller that has not parsed the address with ipaddr.js can ask too.
 */
export function specialIpv4Range(a: number, b: number, c: number, d: number): 'unspecified' | 'loopback' | 'link-local' | 'link-local-multicast' | undefined {
  if (a === 0 && b === 0 && c === 0 && d === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 224 && b === 0 && c === 0) return 'link-local-multicast';
  return undefined;
}

/** The one `specialIpErrors` detail, or `undefined` for an ordinary address (no array on the common path). */
export function specialIpDetail(ip: ParsedIp): string | undefined {
  const a = ip.effective;
  if (a.kind() === 'ipv4') {
    const o = (a as ipaddr.IPv4).octets;
    switch (specialIpv4Range(o[0], o[1], o[2], o[3])) {
      case 'unspecified': return `may not be unspecified (${ip.canonical})`;
      case 'loopback': return 'may not be in the loopback range (127.0.0.0/8, ::1/128)';
      case 'link-local': return 'may not be in the link-local range (169.254.0.0/16, fe80::/10)';
      case 'link-local-multicast': return 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)';
      default: return undefined;
    }
  }
  // The eight 16-bit groups: ::, ::1, fe80::/10 (first group fe80-febf), ff02::/10 as Go tests it (ffx2).
  const g = (a as ipaddr.IPv6).parts;
  const leadingZeros = g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0 && g[6] === 0;
  if (leadingZeros && g[7] === 0) return `may not be unspecified (${ip.canonical})`;
  if (leadingZeros && g[7] === 1) return 'may not be in the loopback range (127.0.0.0/8, ::1/128)';
  if (g[0] >= 0xfe80 && g[0] <= 0xfebf) return 'may not be in the link-local range (169.254.0.0/16, fe80::/10)';
  if (g[0] >= 0xff00 && g[0] % 16 === 2) return 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)';
  return undefined;
}

/** A parsed CIDR. */
export interface ParsedCidr {
  readonly text: string;
  readonly range: [ipaddr.IPv4 | ipaddr.IPv6, number];
}

/** Parses a CIDR such as `10.96.0.0/12`; `undefined` if invalid. */
export function parseCidr(text: unknown): ParsedCidr | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    return { text, range: ipaddr.parseCIDR(text) };
  } catch {
    return undefined;
  }
}

/** True when `ip` (by its effective address) lies inside `cidr`. */
export function cidrContains(cidr: ParsedCidr, ip: ParsedIp): boolean {
  const [net] = cidr.range;
  const a = ip.effective;
  if (net.kind() !== a.kind()) return false;
  return (a as ipaddr.IPv4).match(cidr.range as [ipaddr.IPv4, number]);
}
