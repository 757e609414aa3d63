/**
 * IP address syntax as Kubernetes reads it (reference/k8s-validation.md rules 37-38), the one IP parser of the
 * library, on ipaddr.js: the constructs (src/ip-address.ts), the model (src/model/ip.ts) and the checker
 * (src/checks/validation/) all read addresses here. Pure.
 *
 * - `scanIpv4(text)` / `ipv4ToNumber(text)`: a dotted quad in one scan, without allocating (Go's "sloppy" form, which
 *   reads leading zeros as decimal where ipaddr.js reads octal, and the plain form without them);
 * - `parseIpv6(text)`: a zone-less IPv6 address; plain hex texts in one scan, embedded IPv4 through ipaddr.js;
 * - `parseIp(text)`: an address as the API server reads it (Go's `netutils.ParseIPSloppy`), with how it was written;
 * - `specialIpv4Range` / `specialIpv6Range`: Go's unspecified, loopback, link-local and link-local multicast tests;
 * - `legacyIpErrors`, `strictIpErrors`, `specialIpDetail`: the API server's detail texts, which the checker quotes.
 * These run on every address of every object and every host name a rule looks at, so none allocates or throws on the
 * way to "not an IP" (test/k8s-syntax/ip-parse.test.ts pins them to the plain split-and-ipaddr.js reference).
 */
/* eslint-disable no-bitwise */
import * as ipaddr from 'ipaddr.js';

/** An address as the API server reads it, with how it was written. */
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

/** The character codes the scanners below compare with. */
const enum Char {
  DOT = 46, ZERO = 48, NINE = 57, COLON = 58,
  UPPER_A = 65, UPPER_F = 70, UPPER_X = 88,
  LOWER_A = 97, LOWER_F = 102, LOWER_X = 120,
}

/** Added to the value `scanIpv4` returns when a field of the address has a leading zero (`010.1.2.3`). */
export const IPV4_LEADING_ZEROS = 2 ** 32;

/**
 * Go's "sloppy" IPv4 form in one scan, without allocating: exactly four dot-separated fields of 1-3 decimal digits,
 * each at most 255. Returns the address as a uint32, plus `IPV4_LEADING_ZEROS` when a field has a leading zero (read
 * as decimal), or -1 for anything else (short, hex, signs, spaces, junk).
 */
export function scanIpv4(text: string): number {
  return scanDottedQuad(text, false);
}

/**
 * The uint32 value of a plain dotted-quad IPv4 address (no leading zeros, each part at most 255: exactly what
 * `ipaddr.IPv4.isValidFourPartDecimal` accepts, and already canonical), or -1. The hot path of CIDR membership and
 * address allocation.
 */
export function ipv4ToNumber(text: string): number {
  return scanDottedQuad(text, true);
}

/** `scanIpv4`; when `plain`, a leading zero makes it -1 at once. */
function scanDottedQuad(text: string, plain: boolean): number {
  const len = text.length;
  if (len < 7 || len > 15) return -1;
  let n = 0;
  let fields = 0;
  let value = 0;
  let digits = 0;
  let leadingZeros = false;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c === Char.DOT) {
      if (digits === 0 || fields === 3) return -1;
      n = n * 256 + value;
      fields++;
      value = 0;
      digits = 0;
    } else if (c >= Char.ZERO && c <= Char.NINE) {
      if (digits === 3) return -1;
      if (digits === 1 && value === 0) {
        if (plain) return -1;
        leadingZeros = true;
      }
      value = value * 10 + (c - Char.ZERO);
      if (value > 255) return -1;
      digits++;
    } else {
      return -1;
    }
  }
  if (digits === 0 || fields !== 3) return -1;
  n = n * 256 + value;
  return leadingZeros ? n + IPV4_LEADING_ZEROS : n;
}

/** The dotted-quad text of a uint32 (canonical IPv4). */
export function numberToIpv4(n: number): string {
  return `${Math.floor(n / 16777216) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** The four octets of a uint32. */
export function ipv4Octets(n: number): [number, number, number, number] {
  return [Math.floor(n / 16777216) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

/** Go's "sloppy" IPv4 form (`scanIpv4`), with the ipaddr.js address the checker's rules read. */
function parseSloppyIpv4(text: string): ParsedIp | undefined {
  const value = scanIpv4(text);
  if (value < 0) return undefined;
  const leadingZeros = value >= IPV4_LEADING_ZEROS;
  const n = leadingZeros ? value - IPV4_LEADING_ZEROS : value;
  const address = new ipaddr.IPv4(ipv4Octets(n));
  // Without leading zeros the text is already the canonical dotted quad.
  const canonical = leadingZeros ? numberToIpv4(n) : text;
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
    if ((c >= Char.ZERO && c <= Char.COLON) || (c >= Char.LOWER_A && c <= Char.LOWER_F) || (c >= Char.UPPER_A && c <= Char.UPPER_F)) continue;
    if (c === Char.DOT || c === Char.LOWER_X || c === Char.UPPER_X) form = Ipv6Form.Other;
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
  if (c <= Char.NINE) return c - Char.ZERO;
  return c >= Char.LOWER_A ? c - Char.LOWER_A + 10 : c - Char.UPPER_A + 10;
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
  if (text.charCodeAt(0) === Char.COLON) {
    if (text.charCodeAt(1) !== Char.COLON) return undefined;
    gap = 0;
    i = 2;
  }
  while (i < n) {
    let value = 0;
    let digits = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === Char.COLON) break;
      if (++digits > 4) return undefined;
      value = value * 16 + hexValue(c);
    }
    if (digits === 0 || groups.length === 8) return undefined;
    groups.push(value);
    if (i === n) break;
    i++; // the colon
    if (i === n) return undefined; // a single trailing colon
    if (text.charCodeAt(i) === Char.COLON) {
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

/**
 * A zone-less IPv6 address (no `%zone`, no brackets) as ipaddr.js reads it, or `undefined`, without throwing on the
 * way: plain hex texts are scanned once (`plainIpv6Groups`), texts with an embedded IPv4 part go to ipaddr.js behind
 * the character filter `ipv6Form`. No length limit: callers that read untrusted input bound it first.
 */
export function parseIpv6(text: string): ipaddr.IPv6 | undefined {
  const form = ipv6Form(text);
  if (form === Ipv6Form.Invalid) return undefined;
  if (form === Ipv6Form.Plain) {
    const groups = plainIpv6Groups(text);
    return groups ? new ipaddr.IPv6(groups) : undefined;
  }
  try {
    return ipaddr.IPv6.parse(text);
  } catch {
    return undefined;
  }
}

/** Parses like Go's `netutils.ParseIPSloppy` (no zones, no brackets, leading zeros allowed); `undefined` if invalid. */
export function parseIp(text: unknown): ParsedIp | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length > 64) return undefined;
  if (!text.includes(':')) return parseSloppyIpv4(text);
  const address = parseIpv6(text);
  return address ? new ParsedIpv6(address) : undefined;
}


/** The special ranges an endpoint address may not be in (rule 38), as Go's `net.IP` methods name them. */
export type SpecialIpRange = 'unspecified' | 'loopback' | 'link-local' | 'link-local-multicast';

/**
 * The special IPv4 range an address's four octets fall in (Go's IsUnspecified, IsLoopback, IsLinkLocalUnicast,
 * IsLinkLocalMulticast), or undefined for an ordinary address. Takes octets, so a caller that has not parsed the
 * address with ipaddr.js can ask too.
 */
export function specialIpv4Range(a: number, b: number, c: number, d: number): SpecialIpRange | undefined {
  if (a === 0 && b === 0 && c === 0 && d === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 224 && b === 0 && c === 0) return 'link-local-multicast';
  return undefined;
}

/**
 * The same for the eight 16-bit groups of an IPv6 address: `::`, `::1`, fe80::/10 (first group fe80-febf), and
 * link-local multicast as Go tests it (ffX2::/16 for any flag nibble X).
 */
export function specialIpv6Range(g: readonly number[]): SpecialIpRange | undefined {
  const zeros = g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0 && g[6] === 0;
  if (zeros && g[7] === 0) return 'unspecified';
  if (zeros && g[7] === 1) return 'loopback';
  if (g[0] >= 0xfe80 && g[0] <= 0xfebf) return 'link-local';
  if ((g[0] & 0xff0f) === 0xff02) return 'link-local-multicast';
  return undefined;
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

/** The non-special endpoint IP errors (rule 38, `ValidateEndpointIP`), for an address that parsed. */
export function specialIpErrors(ip: ParsedIp): string[] {
  const d = specialIpDetail(ip);
  return d === undefined ? [] : [d];
}

/** The one `specialIpErrors` detail, or `undefined` for an ordinary address (no array on the common path). */
export function specialIpDetail(ip: ParsedIp): string | undefined {
  const a = ip.effective;
  let range: SpecialIpRange | undefined;
  if (a.kind() === 'ipv4') {
    const o = (a as ipaddr.IPv4).octets;
    range = specialIpv4Range(o[0], o[1], o[2], o[3]);
  } else {
    range = specialIpv6Range((a as ipaddr.IPv6).parts);
  }
  switch (range) {
    case 'unspecified': return `may not be unspecified (${ip.canonical})`;
    case 'loopback': return 'may not be in the loopback range (127.0.0.0/8, ::1/128)';
    case 'link-local': return 'may not be in the link-local range (169.254.0.0/16, fe80::/10)';
    case 'link-local-multicast': return 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)';
    default: return undefined;
  }
}
