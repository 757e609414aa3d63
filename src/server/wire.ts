/**
 * DNS wire format for `cdk8s-dns serve` (Node-only; not part of the jsii surface). Pure functions on Buffers.
 *
 * - `readQuery(packet)`: validates a query strictly (RFC 1035 4.1, RFC 6891) and returns `{ kind: 'drop' }` (too short
 *   for a header, or a response: never answered, so the server cannot be used to bounce packets), `{ kind: 'error',
 *   rcode }` (FORMERR: bad counts, names, truncated records, more than one OPT; NOTIMP: opcode other than QUERY;
 *   BADVERS: EDNS version above 0) or `{ kind: 'query' }` with the question. The question is kept as raw bytes, so a
 *   response echoes its exact spelling (dns-rules 4).
 * - `encodeRecords(records, qname)`: resolver records -> wire records with `dns-packet`; owners equal to the question
 *   name become a compression pointer to the question, so cached bodies serve every spelling of a name.
 * - `buildResponse(packet, query, body, limit, maxUdpSize, partial)`: header + question + sections + OPT, dropping the
 *   additional section and then setting TC when the response exceeds `limit` (RFC 2181 9, RFC 6891 7); with `partial`
 *   (TCP, where a client has nowhere else to ask) the answer records that fit stay, as CoreDNS's truncation keeps them.
 */
/* eslint-disable no-bitwise */
import * as dnsPacket from 'dns-packet';
import { ResourceRecord } from '../dns/types';

export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5, BADVERS: 16 } as const;

/** Query types by number that the resolver knows by name; others are passed as `TYPE<n>` (dns-rules 18). */
export const QTYPES: { readonly [n: number]: string } = { 1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 12: 'PTR', 16: 'TXT', 28: 'AAAA', 33: 'SRV', 255: 'ANY' };
export const TYPE_OPT = 41;
export const CLASS_IN = 1;
/** Largest UDP response without EDNS (RFC 1035 4.2.1). */
export const UDP_PLAIN_LIMIT = 512;
/** Largest UDP response we send with EDNS, whatever the client advertises (DNS flag day 2020: no fragmentation). */
export const DEFAULT_MAX_UDP_SIZE = 1232;
export const TCP_LIMIT = 65535;

const FLAG_QR = 0x8000;
const FLAG_AA = 0x0400;
const FLAG_TC = 0x0200;
const FLAG_RD = 0x0100;
const FLAG_CD = 0x0010;
/** An OPT record without options. */
export const OPT_RR_LENGTH = 11;

/** The client's EDNS0 OPT record. */
export interface Edns {
  readonly udpSize: number;
  readonly version: number;
  readonly dnssecOk: boolean;
}

/** A well-formed standard query with one question. */
export interface Query {
  readonly kind: 'query';
  readonly id: number;
  readonly flags: number;
  /** Offset just after the question (the question is `packet[12, questionEnd)`). */
  readonly questionEnd: number;
  /**
   * The question name in wire form, lower case, as a latin1 string: the cache key (cheap: one slice, no label
   * strings). `questionName(packet)` gives the presentation form when it is needed.
   */
  readonly wireName: string;
  /** Labels with bytes other than printable ASCII, or containing `.` or `\`: no Kubernetes name looks like that. */
  readonly opaque: boolean;
  readonly qtype: number;
  readonly qclass: number;
  readonly edns?: Edns;
}

/** A packet answered with an error code only. */
export interface QueryError {
  readonly kind: 'error';
  readonly id: number;
  readonly flags: number;
  readonly rcode: number;
  /** Offset after the question when it could be read (echoed), else 12 (no question). */
  readonly questionEnd: number;
  readonly edns?: Edns;
}

export type ReadOutcome = Query | QueryError | { readonly kind: 'drop' };

interface NameRead {
  readonly end: number;
  readonly opaque: boolean;
  readonly upper: boolean;
}

/** Checks an uncompressed question name at `offset`; undefined when malformed. */
function readQuestionName(p: Buffer, offset: number): NameRead | undefined {
  let o = offset;
  let total = 0;
  let opaque = false;
  let upper = false;
  for (;;) {
    if (o >= p.length) return undefined;
    const len = p[o++];
    if (len === 0) break;
    if (len > 63) return undefined; // compression pointers cannot point back from the question; 0x40/0x80 are unused
    if (o + len > p.length) return undefined;
    total += len + 1;
    if (total > 254) return undefined; // RFC 1035 2.3.4: 255 octets including the root label
    for (let i = o; i < o + len; i++) {
      const c = p[i];
      if (c <= 0x20 || c >= 0x7f || c === 0x2e || c === 0x5c) opaque = true;
      else if (c >= 0x41 && c <= 0x5a) upper = true;
    }
    o += len;
  }
  return { end: o, opaque, upper };
}

/** The question name of a packet `readQuery` accepted: lower case, absolute (`a.b.`; the root is `.`). */
export function questionName(p: Buffer): string {
  const labels: string[] = [];
  let o = 12;
  for (let len = p[o]; len !== 0; len = p[o]) {
    labels.push(p.toString('latin1', o + 1, o + 1 + len));
    o += len + 1;
  }
  return labels.length === 0 ? '.' : `${labels.join('.').toLowerCase()}.`;
}

/** Length bytes are below 0x40, so lower-casing the latin1 string changes only the letters A-Z of the labels. */
function lowerWireName(p: Buffer, name: NameRead): string {
  const text = p.toString('latin1', 12, name.end);
  return name.upper ? text.toLowerCase() : text;
}

/** Skips a (possibly compressed) name; returns the offset after it, or -1. */
function skipName(p: Buffer, offset: number): number {
  let o = offset;
  for (let guard = 0; guard < 128; guard++) {
    if (o >= p.length) return -1;
    const len = p[o];
    if (len === 0) return o + 1;
    if ((len & 0xc0) === 0xc0) return o + 2 <= p.length ? o + 2 : -1;
    if (len > 63) return -1;
    o += len + 1;
  }
  return -1;
}

/** Validates a query packet and reads its question and EDNS record. Never throws. */
export function readQuery(p: Buffer): ReadOutcome {
  if (p.length < 12) return { kind: 'drop' };
  const id = p.readUInt16BE(0);
  const flags = p.readUInt16BE(2);
  if (flags & FLAG_QR) return { kind: 'drop' };
  const qd = p.readUInt16BE(4);
  const an = p.readUInt16BE(6);
  const ns = p.readUInt16BE(8);
  const ar = p.readUInt16BE(10);
  const opcode = (flags >> 11) & 0xf;
  const error = (rcode: number, questionEnd = 12, edns?: Edns): QueryError => ({ kind: 'error', id, flags, rcode, questionEnd, edns });

  let o = 12;
  let question: { name: NameRead; qtype: number; qclass: number } | undefined;
  if (qd === 1) {
    const name = readQuestionName(p, o);
    if (name && name.end + 4 <= p.length) {
      question = { name, qtype: p.readUInt16BE(name.end), qclass: p.readUInt16BE(name.end + 2) };
      o = name.end + 4;
    }
  }
  const qEnd = question ? o : 12;
  if (qd === 1 && !question) return error(RCODE.FORMERR);
  if (qd > 1) return error(RCODE.FORMERR); // the records after the first question cannot be told apart: no echo

  // The other sections: bounds-checked walk; EDNS0 OPT only once, only in the additional section, owned by the root.
  let edns: Edns | undefined;
  const records = an + ns + ar;
  for (let i = 0; i < records; i++) {
    const nameStart = o;
    o = skipName(p, o);
    if (o < 0 || o + 10 > p.length) return error(RCODE.FORMERR, qEnd, edns);
    const type = p.readUInt16BE(o);
    const rdlen = p.readUInt16BE(o + 8);
    if (type === TYPE_OPT) {
      if (i < an + ns || edns || p[nameStart] !== 0) return error(RCODE.FORMERR, qEnd);
      edns = { udpSize: p.readUInt16BE(o + 2), version: p[o + 5], dnssecOk: (p.readUInt16BE(o + 6) & 0x8000) !== 0 };
    }
    o += 10 + rdlen;
    if (o > p.length) return error(RCODE.FORMERR, qEnd, edns);
  }
  if (o !== p.length) return error(RCODE.FORMERR, qEnd, edns); // trailing bytes
  if (opcode !== 0) return error(RCODE.NOTIMP, qEnd, edns);
  if (!question) return error(RCODE.FORMERR, qEnd, edns); // no question at all
  if (edns && edns.version > 0) return error(RCODE.BADVERS, qEnd, edns); // RFC 6891 6.1.3
  if (an !== 0) return error(RCODE.FORMERR, qEnd, edns); // a query carries no answers
  return {
    kind: 'query',
    id,
    flags,
    questionEnd: qEnd,
    wireName: lowerWireName(p, question.name),
    opaque: question.name.opaque,
    qtype: question.qtype,
    qclass: question.qclass,
    edns,
  };
}

/** Encoded sections of one answer, independent of the query's id, spelling and EDNS. */
export interface Body {
  readonly rcode: number;
  readonly authoritative: boolean;
  readonly answer: Buffer;
  readonly answerCount: number;
  readonly authority: Buffer;
  readonly authorityCount: number;
  readonly additional: Buffer;
  readonly additionalCount: number;
  /**
   * The resolver left records out (`DnsResponse.cut`): the response sets TC even when what is kept fits, as CoreDNS
   * (miekg/dns `Truncate`) sets TC whenever it drops records. @default false
   */
  readonly truncated?: boolean;
}

const EMPTY = Buffer.alloc(0);

/** A body without records. */
export function emptyBody(rcode: number, authoritative = false): Body {
  return { rcode, authoritative, answer: EMPTY, answerCount: 0, authority: EMPTY, authorityCount: 0, additional: EMPTY, additionalCount: 0 };
}

const LABEL = /^[\x21-\x2d\x2f-\x5b\x5d-\x7e]{1,63}$/;

/** Throws unless `name` can go on the wire as is (labels of 1-63 printable bytes, 255 octets at most). */
function checkName(name: string): string {
  const n = name.replace(/\.$/, '');
  if (n === '') return '.';
  if (n.length > 253 || !n.split('.').every((l) => LABEL.test(l))) throw new Error(`name "${name}" cannot be encoded`);
  return name;
}

function rdata(rr: ResourceRecord): any {
  switch (rr.type) {
    case 'A':
    case 'AAAA':
      return rr.data;
    case 'CNAME':
    case 'PTR':
      return checkName(rr.data);
    case 'SRV': {
      const [priority, weight, port, target] = rr.data.split(' ');
      return { priority: Number(priority), weight: Number(weight), port: Number(port), target: checkName(target) };
    }
    case 'TXT': {
      const bytes = Buffer.from(rr.data, 'utf8');
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length || chunks.length === 0; i += 255) chunks.push(bytes.subarray(i, i + 255));
      return chunks;
    }
    case 'SOA': {
      const [mname, rname, serial, refresh, retry, expire, minimum] = rr.data.split(' ');
      return {
        mname: checkName(mname),
        rname: checkName(rname),
        serial: Number(serial),
        refresh: Number(refresh),
        retry: Number(retry),
        expire: Number(expire),
        minimum: Number(minimum),
      };
    }
    default:
      throw new Error(`record type ${rr.type} cannot be encoded`);
  }
}

/**
 * Encodes records with dns-packet. Records owned by `qname` (lower case, absolute) get the pointer 0xC00C to the
 * question name instead of their name, so the answer echoes the question's spelling (dns-rules 4). Throws on a name
 * that cannot be encoded (the caller answers SERVFAIL).
 */
export function encodeRecords(records: readonly ResourceRecord[], qname: string): Buffer {
  const parts: Buffer[] = [];
  for (const rr of records) {
    const own = rr.name.toLowerCase() === qname;
    const packet = dnsPacket.encode({
      type: 'response',
      answers: [{ name: own ? '.' : checkName(rr.name), type: rr.type, class: 'IN', ttl: rr.ttl, data: rdata(rr) } as dnsPacket.Answer],
    });
    if (own) {
      // the record with its owner as a compression pointer to the question (offset 12)
      const record = Buffer.allocUnsafe(packet.length - 12 + 1);
      record[0] = 0xc0;
      record[1] = 0x0c;
      packet.copy(record, 2, 13);
      parts.push(record);
    } else {
      parts.push(packet.subarray(12));
    }
  }
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

/** The UDP size limit for a query (RFC 6891 6.2.5: at least 512; capped at `maxUdpSize`). */
export function udpLimit(edns: Edns | undefined, maxUdpSize: number = DEFAULT_MAX_UDP_SIZE): number {
  return edns ? udpLimitFor(edns.udpSize, maxUdpSize) : UDP_PLAIN_LIMIT;
}

/** The UDP size limit for a query with EDNS that advertises `udpSize`. */
export function udpLimitFor(udpSize: number, maxUdpSize: number): number {
  return Math.max(UDP_PLAIN_LIMIT, Math.min(udpSize, Math.max(UDP_PLAIN_LIMIT, maxUdpSize)));
}

/**
 * The response to `packet`: id and question copied, QR set, opcode/RD/CD copied, RA clear, AA when `body` says so,
 * OPT when the query had one (our size `maxUdpSize`, DO copied per RFC 3225). Sections that do not fit in `limit`:
 * the additional section is dropped first, then every section with TC set.
 */
export function buildResponse(
  packet: Buffer, q: { id: number; flags: number; questionEnd: number; edns?: Edns }, body: Body, limit: number,
  maxUdpSize: number = DEFAULT_MAX_UDP_SIZE, partial: boolean = false,
): Buffer {
  const qlen = q.questionEnd - 12;
  const opt = q.edns ? OPT_RR_LENGTH : 0;
  let answer = body.answer;
  let authority = body.authority;
  let additional = body.additional;
  let counts = [body.answerCount, body.authorityCount, body.additionalCount];
  let tc = body.truncated ? FLAG_TC : 0;
  let size = 12 + qlen + answer.length + authority.length + additional.length + opt;
  if (size > limit) {
    additional = EMPTY;
    counts = [counts[0], counts[1], 0];
    size = 12 + qlen + answer.length + authority.length + opt;
    if (size > limit) {
      const kept = partial ? fitting(answer, counts[0], limit - (12 + qlen + opt)) : { length: 0, count: 0 };
      answer = answer.subarray(0, kept.length);
      authority = EMPTY;
      counts = [kept.count, 0, 0];
      tc = FLAG_TC;
      size = 12 + qlen + kept.length + opt;
    }
  }
  const out = Buffer.allocUnsafe(size);
  const rcode = body.rcode & 0xf;
  out.writeUInt16BE(q.id, 0);
  out.writeUInt16BE(FLAG_QR | (q.flags & 0x7800) | (body.authoritative ? FLAG_AA : 0) | tc | (q.flags & (FLAG_RD | FLAG_CD)) | rcode, 2);
  out.writeUInt16BE(qlen > 0 ? 1 : 0, 4);
  out.writeUInt16BE(counts[0], 6);
  out.writeUInt16BE(counts[1], 8);
  out.writeUInt16BE(counts[2] + (opt ? 1 : 0), 10);
  let o = 12;
  if (qlen > 0) o += put(out, o, packet, 12, q.questionEnd);
  o += put(out, o, answer, 0, answer.length);
  o += put(out, o, authority, 0, authority.length);
  o += put(out, o, additional, 0, additional.length);
  if (q.edns) {
    out[o] = 0; // root owner
    out.writeUInt16BE(TYPE_OPT, o + 1);
    out.writeUInt16BE(Math.max(UDP_PLAIN_LIMIT, maxUdpSize), o + 3);
    out[o + 5] = body.rcode >> 4; // extended rcode (BADVERS = 16 -> 1)
    out[o + 6] = 0; // EDNS version 0
    out.writeUInt16BE(q.edns.dnssecOk ? 0x8000 : 0, o + 7);
    out.writeUInt16BE(0, o + 9);
  }
  return out;
}

/** The leading records of an encoded section (`count` records) that fit in `room` bytes: their length and count. */
function fitting(section: Buffer, count: number, room: number): { length: number; count: number } {
  let length = 0;
  let n = 0;
  while (n < count) {
    const end = skipName(section, length);
    if (end < 0 || end + 10 > section.length) break;
    const next = end + 10 + section.readUInt16BE(end + 8);
    if (next > room) break;
    length = next;
    n++;
  }
  return { length, count: n };
}

/** Copies `src[start, end)` to `dst[at...]`; a plain loop for the short pieces of a DNS message (cheaper than copy()). */
function put(dst: Buffer, at: number, src: Buffer, start: number, end: number): number {
  const n = end - start;
  if (n > 96) return src.copy(dst, at, start, end);
  for (let i = 0; i < n; i++) dst[at + i] = src[start + i];
  return n;
}
