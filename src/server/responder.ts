/**
 * Query packet -> response packet for `cdk8s-dns serve`, from the resolver of one immutable model (Node-only; not
 * part of the jsii surface). Never throws.
 *
 * Policy (docs/serve.md):
 * - The server is authoritative for the cluster zone and the reverse zones `in-addr.arpa` and `ip6.arpa` (kubeadm's
 *   Corefile, dns-rules 2): answers there set AA; NXDOMAIN and NODATA carry the zone SOA (dns-rules 3).
 * - Any other name is REFUSED, never forwarded (no upstream; REFUSED tells a stub resolver to try its next server,
 *   while NXDOMAIN would claim the name does not exist anywhere).
 * - Class other than IN: REFUSED. Zone transfers (AXFR, IXFR) and the obsolete MAILA/MAILB: REFUSED. OPT as a
 *   question type: FORMERR. `SOA` at a zone apex answers the SOA (NS is NODATA: no name server records are modelled).
 * - An answer the resolver cut (`DnsResponse.cut`: more records than one answer lists) sets TC, also over TCP and
 *   when the records kept fit in the message, as CoreDNS sets TC whenever it leaves records out.
 * - Names no Kubernetes object can have (labels with spaces, dots, non-ASCII bytes) get NXDOMAIN inside the zones.
 *
 * Whole responses are cached as wire bytes per question (`AnswerCache`: name in any case, type, class), the first
 * time a question is asked: the model does not change while a Responder lives (a reload makes a new Responder). A
 * query in the usual shape (`plainQuestionEnd`) whose question is cached is answered without being parsed further:
 * one hash of its question, one comparison, one copy that takes its id, flags and question bytes (its spelling). Any
 * other query goes through `readQuery` and `buildResponse` (errors, truncation), with the cached sections when there
 * are. The cache is bounded (emptied when full), so random names cannot exhaust memory.
 */
import { AnswerCache, plainQuestionEnd } from './answer-cache';
import { integerOption } from '../integer-option';
import {
  Body, buildResponse, CLASS_IN, DEFAULT_MAX_UDP_SIZE, emptyBody, encodeRecords, Query, QTYPES, questionName, RCODE, readQuery,
  TCP_LIMIT, TYPE_OPT, UDP_PLAIN_LIMIT, udpLimit,
} from './wire';
/* eslint-disable no-bitwise */
import { Resolver } from '../dns/resolver';
import { DnsResponse } from '../dns/types';

export interface ResponderOptions {
  /** Largest UDP response with EDNS, whatever the client advertises: an integer from 512 to 65535. @default 1232 */
  readonly maxUdpSize?: number;
  /** Cached answers at most. @default 50000 */
  readonly cacheSize?: number;
  /** Bytes of cached answers at most. @default 16 MiB */
  readonly cacheBytes?: number;
}

export type Transport = 'udp' | 'tcp';

const REVERSE_ZONES = ['in-addr.arpa.', 'ip6.arpa.'];
const REFUSED_TYPES = new Set([251, 252, 253, 254]); // IXFR, AXFR, MAILB, MAILA

export class Responder {
  /** Zones served, lower case, absolute: the cluster zone, then the reverse zones. */
  public readonly zones: readonly string[];
  private readonly maxUdpSize: number;
  private readonly answers: AnswerCache;

  public constructor(private readonly resolver: Resolver, clusterDomain: string, options: ResponderOptions = {}) {
    this.zones = [`${clusterDomain.toLowerCase().replace(/\.$/, '')}.`, ...REVERSE_ZONES];
    this.maxUdpSize = integerOption('Responder', 'maxUdpSize', options.maxUdpSize, UDP_PLAIN_LIMIT, TCP_LIMIT, DEFAULT_MAX_UDP_SIZE);
    this.answers = new AnswerCache({ maxEntries: options.cacheSize, maxBytes: options.cacheBytes });
  }

  /** The response to a packet, or undefined to drop it (not a query, or too short to answer). */
  public respond(packet: Buffer, transport: Transport): Buffer | undefined {
    try {
      const end = plainQuestionEnd(packet);
      if (end > 0) {
        const entry = this.answers.find(packet, end);
        const out = entry < 0 ? undefined : this.answers.reply(entry, packet, end, transport === 'tcp', this.maxUdpSize);
        if (out !== undefined) return out;
      }
      const q = readQuery(packet);
      if (q.kind === 'drop') return undefined;
      const limit = transport === 'tcp' ? TCP_LIMIT : udpLimit(q.edns, this.maxUdpSize);
      const body = q.kind === 'error' ? emptyBody(q.rcode) : this.body(packet, q);
      return buildResponse(packet, q, body, limit, this.maxUdpSize, transport === 'tcp');
    } catch {
      return servfail(packet);
    }
  }

  /** The sections for a well-formed query (cached per type and name, REFUSED included). */
  public body(packet: Buffer, q: Query): Body {
    if (q.qtype === TYPE_OPT) return emptyBody(RCODE.FORMERR);
    if (q.qclass !== CLASS_IN || REFUSED_TYPES.has(q.qtype)) return emptyBody(RCODE.REFUSED);
    if (q.opaque) {
      const name = questionName(packet);
      const zone = this.zoneOf(name);
      return zone === undefined ? emptyBody(RCODE.REFUSED) : this.encode(name, this.nxdomain(zone));
    }
    const entry = this.answers.find(packet, q.questionEnd);
    if (entry >= 0) return this.answers.body(entry);
    const name = questionName(packet);
    const zone = this.zoneOf(name);
    const body = zone === undefined ? emptyBody(RCODE.REFUSED) : this.compute(name, q.qtype, zone); // never forwarded
    this.answers.add(packet, q.questionEnd, body);
    return body;
  }

  private compute(name: string, qtype: number, zone: string): Body {
    let response: DnsResponse;
    if (qtype === 6 && name === zone) {
      // The SOA of a zone apex: the record negative answers carry (dns-rules 3).
      const soa = this.resolver.resolve(zone, 'SOA').authority;
      response = { rcode: 'NOERROR', answers: soa, additional: [], authority: [], simulated: [] };
    } else {
      response = this.resolver.resolve(name, QTYPES[qtype] ?? `TYPE${qtype}`);
    }
    return this.encode(name, response);
  }

  private encode(name: string, r: DnsResponse): Body {
    try {
      const answer = encodeRecords(r.answers, name);
      const authority = encodeRecords(r.authority, name);
      const additional = encodeRecords(r.additional, name);
      return {
        rcode: r.rcode === 'NXDOMAIN' ? RCODE.NXDOMAIN : RCODE.NOERROR,
        authoritative: true,
        answer,
        answerCount: r.answers.length,
        authority,
        authorityCount: r.authority.length,
        additional,
        additionalCount: r.additional.length,
        truncated: r.cut !== undefined, // a cut answer says so on the wire (TC), even when what is kept fits
      };
    } catch {
      return emptyBody(RCODE.SERVFAIL); // a record the wire cannot carry (e.g. a 64-byte label in an externalName)
    }
  }

  /** NXDOMAIN with the SOA of `zone`, for names no object can have. */
  private nxdomain(zone: string): DnsResponse {
    const soa = this.resolver.resolve(zone, 'SOA').authority;
    return { rcode: 'NXDOMAIN', answers: [], additional: [], authority: soa, simulated: [] };
  }

  /** The zone a lower-case absolute name falls in, or undefined. */
  private zoneOf(name: string): string | undefined {
    for (const z of this.zones) if (name === z || name.endsWith(`.${z}`)) return z;
    return undefined;
  }
}

/** SERVFAIL for a packet whose handling failed unexpectedly (header only), or undefined when it has no header. */
function servfail(packet: Buffer): Buffer | undefined {
  if (packet.length < 12 || (packet[2] & 0x80) !== 0) return undefined;
  return buildResponse(packet, { id: packet.readUInt16BE(0), flags: packet.readUInt16BE(2), questionEnd: 12 }, emptyBody(RCODE.SERVFAIL), TCP_LIMIT);
}
