/**
 * Whole responses as wire bytes, by question, for `cdk8s-dns serve` (Node-only; not part of the jsii surface).
 *
 * Each entry is one response as the server sends it to a query without EDNS: header (id 0; QR, AA, TC of a cut answer
 * and the rcode set),
 * the question (its name in lower case), then the answer, authority and additional sections. A hit costs one hash of the
 * question's bytes, one comparison with the stored question (letters A-Z in either case), and one copy; the copy then
 * takes the query's id, its RD and CD flags and its question bytes, so every spelling (0x20 case randomization) is
 * echoed exactly as asked, and the OPT record when the query had one. Owners equal to the question are stored as a
 * pointer to offset 12 (see `encodeRecords`), so the copied question bytes spell them too.
 *
 * Memory is bounded and compact: all entries live in one Buffer (grown by doubling up to `maxBytes`) indexed by an
 * open-addressing table of Int32 slots; when either limit is reached the cache starts over (random names cannot
 * exhaust memory; the next queries refill it).
 *
 * Time is bounded too, whatever names clients choose: the hash starts from a random seed of each cache and the slot is
 * taken from its high bits (no one can compute offline which names share a slot), and an entry is looked for and
 * placed within `MAX_PROBES` slots of its own; one that finds no free slot there is not stored (its question is then
 * answered by the resolver each time, as without a cache).
 */
/* eslint-disable no-bitwise */
import { randomInt } from 'crypto';
import { Body, OPT_RR_LENGTH, TCP_LIMIT, TYPE_OPT, UDP_PLAIN_LIMIT, udpLimitFor } from './wire';

const HEADER = 12;
/** Per entry in `meta`: offset, length, question length, answer length, authority length, hash. */
const STRIDE = 6;
const EMPTY_SLOT = 0;
/** Slots looked at for one question, at most (the table is at most half full, so a probe of 32 is rare by chance). */
export const MAX_PROBES = 32;
/** The largest `maxEntries` (a table of 2^24 slots, 64 MiB). */
const MAX_ENTRIES = 1 << 23;

export interface AnswerCacheOptions {
  /** Entries at most. @default 50000 */
  readonly maxEntries?: number;
  /** Bytes of responses at most. @default 16 MiB */
  readonly maxBytes?: number;
  /** The hash's seed (tests). @default random, per cache */
  readonly seed?: number;
}

export class AnswerCache {
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** 32 minus the table's size in bits: `slotOf` takes the hash's high bits. */
  private readonly shift: number;
  private readonly seed: number;
  private readonly meta: Int32Array;
  private arena: Buffer;
  private used = 0;
  private count = 0;

  public constructor(options: AnswerCacheOptions = {}) {
    this.maxEntries = Math.min(MAX_ENTRIES, Math.max(1, Math.floor(finiteOr(options.maxEntries, 50000))));
    this.maxBytes = Math.min(2 ** 31 - 1, Math.max(1024, Math.floor(finiteOr(options.maxBytes, 16 * 1024 * 1024))));
    let bits = 4;
    while (1 << bits < this.maxEntries * 2) bits++;
    this.slots = new Int32Array(1 << bits);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
    this.seed = options.seed === undefined ? randomInt(0x7fffffff) : options.seed | 0;
    this.meta = new Int32Array(this.maxEntries * STRIDE);
    this.arena = Buffer.alloc(Math.min(64 * 1024, this.maxBytes));
  }

  /** Entries held now. */
  public get size(): number {
    return this.count;
  }

  /**
   * The entry for the question `packet[12, questionEnd)` (name, type, class; any case), or -1. The name must be
   * uncompressed and well formed (the caller checked it).
   */
  public find(packet: Buffer, questionEnd: number): number {
    const hash = hashQuestion(packet, questionEnd, this.seed);
    const qlen = questionEnd - HEADER;
    const arena = this.arena;
    let s = this.slotOf(hash);
    for (let probe = 0; probe < MAX_PROBES; probe++, s = (s + 1) & this.mask) {
      const slot = this.slots[s];
      if (slot === EMPTY_SLOT) return -1;
      const m = (slot - 1) * STRIDE;
      if (this.meta[m + 5] !== hash || this.meta[m + 2] !== qlen) continue;
      if (sameQuestion(packet, arena, this.meta[m] + HEADER, qlen)) return slot - 1;
    }
    return -1;
  }

  /** The slot where the search for the question `packet[12, questionEnd)` starts (tests and diagnostics). */
  public homeSlot(packet: Buffer, questionEnd: number): number {
    return this.slotOf(hashQuestion(packet, questionEnd, this.seed));
  }

  /** The home slot of a hash: its high bits, mixed (Fibonacci hashing). */
  private slotOf(hash: number): number {
    return Math.imul(hash, 0x9e3779b1) >>> this.shift;
  }

  /** A free slot within MAX_PROBES of the hash's home slot, or -1. */
  private freeSlot(hash: number): number {
    let s = this.slotOf(hash);
    for (let probe = 0; probe < MAX_PROBES; probe++, s = (s + 1) & this.mask) {
      if (this.slots[s] === EMPTY_SLOT) return s;
    }
    return -1;
  }

  /**
   * The response to `packet` (a query of `plainQuestionEnd`'s shape, whose question ends at `questionEnd`) from an
   * entry: the stored bytes with the query's id, RD and CD flags and question, and an OPT record (`maxUdpSize`, DO
   * copied) when the query had one, as `buildResponse` writes it. Undefined when it does not fit in the limit of the
   * transport (the caller's general path then truncates).
   */
  public reply(entry: number, packet: Buffer, questionEnd: number, tcp: boolean, maxUdpSize: number): Buffer | undefined {
    const m = entry * STRIDE;
    const at = this.meta[m];
    const length = this.meta[m + 1];
    const edns = packet[11] === 1;
    const size = edns ? length + OPT_RR_LENGTH : length;
    const limit = tcp ? TCP_LIMIT : edns ? udpLimitFor(packet.readUInt16BE(questionEnd + 3), maxUdpSize) : UDP_PLAIN_LIMIT;
    if (size > limit) return undefined;
    const out = Buffer.allocUnsafe(size);
    this.arena.copy(out, 0, at, at + length);
    out[0] = packet[0];
    out[1] = packet[1];
    out[2] |= packet[2] & 0x01; // RD
    out[3] |= packet[3] & 0x10; // CD
    for (let i = HEADER; i < questionEnd; i++) out[i] = packet[i]; // the question as asked
    if (edns) {
      out.writeUInt16BE(out.readUInt16BE(10) + 1, 10);
      out[length] = 0; // root owner
      out.writeUInt16BE(TYPE_OPT, length + 1);
      out.writeUInt16BE(Math.max(UDP_PLAIN_LIMIT, maxUdpSize), length + 3);
      out[length + 5] = 0; // extended rcode (stored rcodes fit in 4 bits)
      out[length + 6] = 0; // version 0
      out.writeUInt16BE(packet[questionEnd + 7] & 0x80 ? 0x8000 : 0, length + 7); // DO
      out.writeUInt16BE(0, length + 9);
    }
    return out;
  }

  /** The sections of an entry as a `Body` (views into the cache: use them before the next `add`). */
  public body(entry: number): Body {
    const m = entry * STRIDE;
    const at = this.meta[m];
    const a = this.arena;
    const answerStart = at + HEADER + this.meta[m + 2];
    const authorityStart = answerStart + this.meta[m + 3];
    const additionalStart = authorityStart + this.meta[m + 4];
    return {
      rcode: a[at + 3] & 0xf,
      authoritative: (a[at + 2] & 0x04) !== 0,
      answer: a.subarray(answerStart, authorityStart),
      answerCount: a.readUInt16BE(at + 6),
      authority: a.subarray(authorityStart, additionalStart),
      authorityCount: a.readUInt16BE(at + 8),
      additional: a.subarray(additionalStart, at + this.meta[m + 1]),
      additionalCount: a.readUInt16BE(at + 10),
      truncated: (a[at + 2] & 0x02) !== 0,
    };
  }

  /**
   * Stores the response to the question `packet[12, questionEnd)` (kept in lower case) with `body`'s sections.
   * Bodies with an extended rcode (above 15) are not stored. A question already stored is not stored twice.
   */
  public add(packet: Buffer, questionEnd: number, body: Body): void {
    if (body.rcode > 0xf || this.find(packet, questionEnd) >= 0) return;
    const qlen = questionEnd - HEADER;
    const length = HEADER + qlen + body.answer.length + body.authority.length + body.additional.length;
    if (length > this.maxBytes) return;
    if (this.count >= this.maxEntries || this.used + length > this.maxBytes) this.clear();
    const hash = hashQuestion(packet, questionEnd, this.seed);
    const free = this.freeSlot(hash);
    if (free < 0) return;
    if (this.used + length > this.arena.length) {
      let size = this.arena.length * 2;
      while (size < this.used + length) size *= 2;
      const grown = Buffer.alloc(Math.min(size, this.maxBytes));
      this.arena.copy(grown, 0, 0, this.used);
      this.arena = grown;
    }
    const a = this.arena;
    const at = this.used;
    a.writeUInt16BE(0, at);
    a[at + 2] = 0x80 | (body.authoritative ? 0x04 : 0) | (body.truncated ? 0x02 : 0);
    a[at + 3] = body.rcode;
    a.writeUInt16BE(1, at + 4);
    a.writeUInt16BE(body.answerCount, at + 6);
    a.writeUInt16BE(body.authorityCount, at + 8);
    a.writeUInt16BE(body.additionalCount, at + 10);
    let o = at + HEADER;
    for (let i = HEADER; i < questionEnd - 4; i++) a[o++] = lower(packet[i]);
    for (let i = questionEnd - 4; i < questionEnd; i++) a[o++] = packet[i];
    o += body.answer.copy(a, o);
    o += body.authority.copy(a, o);
    body.additional.copy(a, o);
    const entry = this.count++;
    const m = entry * STRIDE;
    this.meta[m] = at;
    this.meta[m + 1] = length;
    this.meta[m + 2] = qlen;
    this.meta[m + 3] = body.answer.length;
    this.meta[m + 4] = body.authority.length;
    this.meta[m + 5] = hash;
    this.slots[free] = entry + 1;
    this.used += length;
  }

  /** Drops every entry (the Buffer is kept for the next ones). */
  public clear(): void {
    this.slots.fill(EMPTY_SLOT);
    this.count = 0;
    this.used = 0;
  }
}

/** ASCII lower case of one byte (only A-Z change: length bytes are below 0x40). */
function lower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
}

/** A finite number, or `fallback` for anything else (undefined, NaN, Infinity). */
function finiteOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) ? value : fallback;
}

/** FNV-1a from `seed` over the question `p[12, end)`: the name lower-cased, then type and class as they are; 31 bits. */
function hashQuestion(p: Buffer, end: number, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = HEADER; i < end - 4; i++) h = Math.imul(h ^ lower(p[i]), 0x01000193);
  for (let i = end - 4; i < end; i++) h = Math.imul(h ^ p[i], 0x01000193);
  return h & 0x7fffffff;
}

/** Whether the question `p[12, 12 + n)` equals the stored `stored[at, at + n)` (its name in lower case). */
function sameQuestion(p: Buffer, stored: Buffer, at: number, n: number): boolean {
  const name = n - 4;
  for (let i = 0; i < name; i++) if (lower(p[HEADER + i]) !== stored[at + i]) return false;
  for (let i = name; i < n; i++) if (p[HEADER + i] !== stored[at + i]) return false;
  return true;
}

/**
 * The offset after the question of a query in the shape most clients send, or -1 for any other packet (the caller
 * then takes the general path, `readQuery`, which answers every shape, errors included). The shape: a standard query
 * (QR 0, opcode QUERY), one question with an uncompressed name of well-formed labels, no answer or authority records,
 * and nothing after the question but at most one EDNS version-0 OPT record owned by the root. `readQuery` reads every
 * packet accepted here as a query with the same question.
 */
export function plainQuestionEnd(p: Buffer): number {
  const n = p.length;
  if (n < HEADER + 5 || (p[2] & 0xf8) !== 0) return -1;
  if (p[4] !== 0 || p[5] !== 1 || p[6] !== 0 || p[7] !== 0 || p[8] !== 0 || p[9] !== 0 || p[10] !== 0) return -1;
  let o = HEADER;
  let total = 0;
  for (;;) {
    if (o >= n) return -1;
    const len = p[o++];
    if (len === 0) break;
    if (len > 63) return -1;
    total += len + 1;
    if (total > 254 || o + len > n) return -1;
    o += len;
  }
  const end = o + 4;
  if (p[11] === 0) return end === n ? end : -1;
  // one OPT: root owner, type 41, class = UDP size, TTL = extended rcode, version 0, flags; then RDLENGTH and RDATA
  if (p[11] !== 1 || end + 11 > n || p[end] !== 0 || p[end + 1] !== 0 || p[end + 2] !== 41 || p[end + 6] !== 0) return -1;
  return end + 11 + p.readUInt16BE(end + 9) === n ? end : -1;
}
