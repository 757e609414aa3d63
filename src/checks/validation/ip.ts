/**
 * IP address rules shared by Endpoints, EndpointSlices and Services (reference/k8s-validation.md rules 37-38),
 * with the API server's detail texts. Parsing uses ipaddr.js; the only hand-written part is Go's "sloppy" IPv4 form
 * (leading zeros read as decimal), which ipaddr.js reads differently.
 */
import * as ipaddr from 'ipaddr.js';

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

function parseSloppyIpv4(text: string): { address: ipaddr.IPv4; leadingZeros: boolean } | undefined {
  const fields = text.split('.');
  if (fields.length !== 4) return undefined;
  const octets: number[] = [];
  let leadingZeros = false;
  for (const f of fields) {
    if (f.length === 0 || f.length > 3) return undefined;
    for (const ch of f) if (ch < '0' || ch > '9') return undefined;
    const n = Number(f);
    if (n > 255) return undefined;
    if (f.length > 1 && f[0] === '0') leadingZeros = true;
    octets.push(n);
  }
  return { address: new ipaddr.IPv4(octets), leadingZeros };
}

/** Parses like Go's `netutils.ParseIPSloppy` (no zones, no brackets, leading zeros allowed); `undefined` if invalid. */
export function parseIp(text: unknown): ParsedIp | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length > 64) return undefined;
  if (text.includes(':')) {
    if (text.includes('%') || !ipaddr.IPv6.isValid(text)) return undefined;
    const address = ipaddr.IPv6.parse(text);
    const mapped = address.isIPv4MappedAddress();
    return {
      address,
      family: 6,
      effective: mapped ? address.toIPv4Address() : address,
      leadingZeros: false,
      ipv4Mapped: mapped,
      canonical: address.toRFC5952String(),
    };
  }
  const v4 = parseSloppyIpv4(text);
  if (!v4) return undefined;
  const a = v4.address;
  return { address: a, family: 4, effective: a, leadingZeros: v4.leadingZeros, ipv4Mapped: false, canonical: a.toString() };
}

/** The legacy-field IP errors that every API server reports (rule 37): an unparsable address. */
export function legacyIpErrors(text: unknown): string[] {
  return parseIp(text) ? [] : ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'];
}

/**
 * The legacy-field IP errors that only an API server with StrictIPCIDRValidation reports (rule 37; alpha in v1.33,
 * beta and on by default in v1.36): leading zeros and IPv4-mapped IPv6. Empty for unparsable addresses.
 */
export function strictIpErrors(text: unknown): string[] {
  const ip = parseIp(text);
  if (!ip) return [];
  const errs: string[] = [];
  if (ip.leadingZeros) errs.push('must not have leading 0s');
  if (ip.ipv4Mapped) errs.push('must not be an IPv4-mapped IPv6 address');
  return errs;
}

/** The non-special endpoint IP errors (rule 38, `ValidateEndpointIP`), for an address that parsed. */
export function specialIpErrors(ip: ParsedIp): string[] {
  const a = ip.effective;
  if (a.kind() === 'ipv4') {
    const v4 = a as ipaddr.IPv4;
    const o = v4.octets;
    if (o.every((x) => x === 0)) return [`may not be unspecified (${ip.canonical})`];
    if (o[0] === 127) return ['may not be in the loopback range (127.0.0.0/8, ::1/128)'];
    if (o[0] === 169 && o[1] === 254) return ['may not be in the link-local range (169.254.0.0/16, fe80::/10)'];
    if (o[0] === 224 && o[1] === 0 && o[2] === 0) return ['may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'];
    return [];
  }
  const p = (a as ipaddr.IPv6).toByteArray();
  if (p.every((x) => x === 0)) return [`may not be unspecified (${ip.canonical})`];
  if (p.slice(0, 15).every((x) => x === 0) && p[15] === 1) return ['may not be in the loopback range (127.0.0.0/8, ::1/128)'];
  if (p[0] === 0xfe && p[1] >= 0x80 && p[1] < 0xc0) return ['may not be in the link-local range (169.254.0.0/16, fe80::/10)'];
  if (p[0] === 0xff && p[1] % 16 === 2) return ['may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'];
  return [];
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
