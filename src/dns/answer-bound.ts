/**
 * The bound on one answer (pure). No DNS message carries more than `MAX_ANSWER_RECORDS` records: it holds 65,535
 * bytes, and a record takes 16 at least (an A record whose owner is a compression pointer), so past it no client ever
 * sees the rest. A name that stands for more (a headless Service of 100,000 endpoints, or of 1,000 endpoints with 20,000
 * ports each for SRV) gets the first ones, with `DnsResponse.cut` saying so (`cutNote`); the work and memory of a
 * question stay bounded whatever the input.
 *
 * The lists the resolver builds for a question stop one past the bound; a list that stopped is marked (`carryCut`),
 * and the mark travels with the lists built from it (an ExternalName chased to a headless Service), since duplicates
 * collapse later and the length alone would not tell.
 */

/** The most records one answer lists (answer and additional sections each). */
export const MAX_ANSWER_RECORDS = 4096;

/** Lists that stopped at the bound, or were built from one that did. */
const CUT = new WeakSet<readonly unknown[]>();

/** Marks `list` as cut when `from` is (or when `more` is true); returns `list`. */
export function carryCut<T extends readonly unknown[]>(list: T, from: readonly unknown[] | undefined, more = false): T {
  if (more || (from !== undefined && CUT.has(from))) CUT.add(list);
  return list;
}

/** Whether a list stopped at the bound `max` or is longer than it. */
export function isCut(list: readonly unknown[], max: number): boolean {
  return CUT.has(list) || list.length > max;
}

/**
 * The `cut` text of an answer to `qname` (absolute) of type `qtype` that lists the first `max` records (a zone
 * listing's resolver lifts the bound to its line budget: records.ts).
 */
export function cutNote(qname: string, qtype: string, max: number = MAX_ANSWER_RECORDS): string {
  const n = max.toLocaleString('en-US');
  const why = max === MAX_ANSWER_RECORDS ? 'no DNS message holds more' : 'the bound of one name in a listing';
  return `${qname} ${qtype} stands for more than ${n} records; the first ${n} are listed (${why})`;
}
