/**
 * Values the resolver returns (internal, plain data; the jsii facade in `cluster-dns.ts` copies them into structs).
 *
 * - `ResourceRecord { name, type, ttl, data, simulated? }`: one record; `name` absolute (trailing dot) in the spelling
 *   of the question (dns-rules 4); `data` in presentation form: A/AAAA canonical text (IPv6 per RFC 5952), CNAME/PTR
 *   absolute names, SRV `priority weight port target.`, TXT the unquoted string, SOA `mname rname serial refresh retry
 *   expire minimum`.
 * - `DnsResponse { rcode, answers, additional, authority, simulated }`: NXDOMAIN vs NODATA (NOERROR, no answers) are
 *   kept apart (dns-rules 3, 16-18); negative answers carry the zone SOA in `authority`; `simulated` lists, once each,
 *   the made-up values the answer depends on (model `SimulatedValue.text`); `cut` says when the answer lists only the
 *   first `MAX_ANSWER_RECORDS` records of the name.
 */

export type Rcode = 'NOERROR' | 'NXDOMAIN';

export interface ResourceRecord {
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  readonly data: string;
  /** Texts of the simulated values this record depends on. */
  readonly simulated?: readonly string[];
}

export interface DnsResponse {
  readonly rcode: Rcode;
  readonly answers: readonly ResourceRecord[];
  readonly additional: readonly ResourceRecord[];
  readonly authority: readonly ResourceRecord[];
  readonly simulated: readonly string[];
  /**
   * Set when the name stands for more records than one answer lists (`MAX_ANSWER_RECORDS`, more than any DNS message
   * holds): says which question and what was left out. @default - nothing left out
   */
  readonly cut?: string;
}

/** Resolver settings (CoreDNS plugin options that change answers; the model holds the rest). */
export interface ResolverConfig {
  /** Record TTL, 0-3600 (CoreDNS `ttl`). @default 5 */
  readonly ttl?: number;
  /**
   * Responses kept for repeated questions; 0 keeps none (a caller that caches the answers itself, like `serve`,
   * which keeps them as wire bytes). An integer from 0 to 10,000,000, else the constructor throws. @default 100000
   */
  readonly cacheSize?: number;
  /**
   * Records one answer lists at most (answer and additional sections each): an integer from 1 to 10,000,000 (else the constructor throws). A
   * zone listing (records.ts) lifts it to its own line budget; a DNS message never holds more than the default.
   * @default MAX_ANSWER_RECORDS (4,096)
   */
  readonly maxAnswerRecords?: number;
}

/** Record types the resolver answers (others get NXDOMAIN/NODATA per dns-rules 18). */
export const RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'SRV', 'PTR', 'TXT'] as const;
