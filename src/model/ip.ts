/**
 * IP address helpers shared by the model and the resolver, on the one IP parser of src/k8s-syntax/ip.ts. Pure.
 *
 * - `parseIp(text)`: canonical form (`10.1.2.3`, IPv6 per RFC 5952) and family, or undefined for anything that is
 *   not a plain dotted-quad IPv4 / IPv6 address (no zone ids, no short or octal IPv4 forms).
 * - `Cidr.parse(text)` / `cidr.addressAt(offset)` / `cidr.size`: address arithmetic for simulated allocations
 *   (IPv4 on plain numbers with k8s-syntax's `ipv4ToNumber` / `numberToIpv4`, IPv6 on BigInt).
 * - `ipFamilyOf(canonicalText)`: the family of an address already in canonical text (no parsing).
 * - `dashedIp(ip)`: the endpoint-name form `10-1-2-3` / `2001-db8--1` (dns-rules 27, 40).
 * - `reverseName(ip)`: the PTR owner name without the trailing dot (dns-rules 36).
 */
/* eslint-disable no-bitwise */
import * as ipaddr from 'ipaddr.js';
import { ipv4ToNumber, numberToIpv4, parseIpv6 } from '../k8s-syntax/ip';

export type IpFamily = 'IPv4' | 'IPv6';

/** An address in canonical text, and its family. */
export interface CanonicalIp {
  readonly text: string;
  readonly family: IpFamily;
}

/** Canonical text and family of an IP address, or undefined. */
export function parseIp(text: unknown): CanonicalIp | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length > 64) return undefined;
  // Plain dotted quads only: ipaddr.js would read `010.1.2.3` as octal and `10.1` as 10.0.0.1.
  if (ipv4ToNumber(text) >= 0) return { text, family: 'IPv4' };
  const v6 = text.includes(':') ? parseIpv6(text) : undefined;
  return v6 ? { text: v6.toRFC5952String(), family: 'IPv6' } : undefined;
}

/** The family of an address in canonical text (as `parseIp` returns it): IPv6 text always has a `:`. */
export function ipFamilyOf(canonicalText: string): IpFamily {
  return canonicalText.includes(':') ? 'IPv6' : 'IPv4';
}

/** IP to big integer. */
export function ipToBigInt(ip: string): bigint {
  const v4 = ipv4ToNumber(ip);
  if (v4 >= 0) return BigInt(v4);
  const bytes = ipaddr.parse(ip).toByteArray();
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

/** Big integer to canonical IP text of the family. */
export function bigIntToIp(n: bigint, family: IpFamily): string {
  if (family === 'IPv4') return numberToIpv4(Number(n & 0xffffffffn));
  const bytes: number[] = new Array(16);
  for (let i = 15; i >= 0; i--) {
    bytes[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return parseIp(ipaddr.fromByteArray(bytes).toString())!.text;
}

/** A CIDR block. */
export class Cidr {
  /** Parses `10.96.0.0/12` or `fd00::/108`; undefined for junk. */
  public static parse(text: string): Cidr | undefined {
    const m = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
    if (!m) return undefined;
    const ip = parseIp(m[1]);
    const bits = Number(m[2]);
    if (!ip) return undefined;
    const total = ip.family === 'IPv4' ? 32 : 128;
    if (bits > total) return undefined;
    const hostBits = BigInt(total - bits);
    const base = (ipToBigInt(ip.text) >> hostBits) << hostBits;
    return new Cidr(ip.family, base, 1n << hostBits, `${bigIntToIp(base, ip.family)}/${bits}`);
  }

  /** IPv4 blocks: `base` and `size` as plain numbers (exact: at most 2^32); -1 and 0 for IPv6. */
  public readonly base4: number;
  public readonly size4: number;

  private constructor(
    public readonly family: IpFamily,
    public readonly base: bigint,
    public readonly size: bigint,
    public readonly text: string,
  ) {
    this.base4 = family === 'IPv4' ? Number(base) : -1;
    this.size4 = family === 'IPv4' ? Number(size) : 0;
  }

  /** The address `offset` places after the network address (wraps around). */
  public addressAt(offset: bigint): string {
    if (this.family === 'IPv4') return numberToIpv4(this.base4 + Number(((offset % this.size) + this.size) % this.size));
    return bigIntToIp(this.base + (((offset % this.size) + this.size) % this.size), this.family);
  }

  /** Whether the address lies inside the block. */
  public contains(ip: string): boolean {
    if (this.family === 'IPv4') return this.containsIpv4(typeof ip === 'string' ? ipv4ToNumber(ip) : -1);
    const p = parseIp(ip);
    if (!p || p.family !== this.family) return false;
    const n = ipToBigInt(p.text);
    return n >= this.base && n < this.base + this.size;
  }

  /** Whether the IPv4 address with this uint32 value (`ipv4ToNumber`) lies inside the block; false for -1. */
  public containsIpv4(n: number): boolean {
    return n >= 0 && this.family === 'IPv4' && n >= this.base4 && n < this.base4 + this.size4;
  }
}

/** Parses a comma-separated list of CIDRs (like kube-apiserver's --service-cluster-ip-range); junk dropped. */
export function parseCidrList(text: string): Cidr[] {
  return text.split(',').map((s) => Cidr.parse(s)).filter((c): c is Cidr => c !== undefined);
}

/** `10.1.2.3` -> `10-1-2-3`; IPv6 `:` -> `-`, plus `0` when it would end in `-` (dns-rules 27). */
export function dashedIp(ip: string): string {
  const p = parseIp(ip);
  const text = p ? p.text : ip;
  if (!text.includes(':')) return text.replace(/\./g, '-');
  let d = text.replace(/:/g, '-');
  if (d.endsWith('-')) d += '0';
  return d;
}

/**
 * The inverse of `dashedIp` for pod-IP names (dns-rules 40): `10-1-2-3` -> `10.1.2.3`, `2001-db8--1` -> `2001:db8::1`.
 * Undefined if the result is not an IP address.
 */
export function undashIp(label: string): string | undefined {
  const v4 = parseIp(label.replace(/-/g, '.'));
  if (v4 && v4.family === 'IPv4' && label.split('-').length === 4) return v4.text;
  const v6 = parseIp(label.replace(/-/g, ':'));
  if (v6 && v6.family === 'IPv6') return v6.text;
  return undefined;
}

/** The reverse-zone owner name (no trailing dot) of an IP (dns-rules 36). */
export function reverseName(ip: string): string {
  const p = parseIp(ip);
  if (!p) throw new Error(`not an IP address: ${ip}`);
  if (p.family === 'IPv4') return `${p.text.split('.').reverse().join('.')}.in-addr.arpa`;
  const bytes = ipaddr.IPv6.parse(p.text).toByteArray();
  const nibbles: string[] = [];
  for (const b of bytes) nibbles.push((b >> 4).toString(16), (b & 0xf).toString(16));
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}

/** The IP of a reverse-zone name (no trailing dot, lower case), or undefined if it is not a full address. */
export function ipFromReverseName(name: string): string | undefined {
  const labels = name.split('.');
  if (name.endsWith('.in-addr.arpa')) {
    const parts = labels.slice(0, -2);
    if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
    const p = parseIp(parts.reverse().join('.'));
    return p?.text;
  }
  if (name.endsWith('.ip6.arpa')) {
    const parts = labels.slice(0, -2);
    if (parts.length !== 32 || !parts.every((p) => /^[0-9a-f]$/.test(p))) return undefined;
    const hex = parts.reverse().join('');
    const groups: string[] = [];
    for (let i = 0; i < 32; i += 4) groups.push(hex.slice(i, i + 4));
    return parseIp(groups.join(':'))?.text;
  }
  return undefined;
}
