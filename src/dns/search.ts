/**
 * The client side: how a ClusterFirst pod's stub resolver expands a name (dns-rules 43-46), as BIND's `host -v` does.
 * Pure.
 *
 * - `searchList(namespace, zone)`: `<ns>.svc.<zone> svc.<zone> <zone>` (dns-rules 43; node search domains are not
 *   modelled).
 * - `searchCandidates(name, namespace, zone, ndots = 5)`: the names tried, in order (dns-rules 44): a name ending in
 *   `.` -> only itself; fewer than `ndots` dots -> each search suffix, then the name as is; otherwise the name as is
 *   only (BIND `host`/`dig`/`nslookup` and musl; glibc and Go would go on to the suffixes).
 * - `resolveWithSearch(name, namespace, resolveOne, zone, ndots?)`: tries the candidates with `host`'s stop rule
 *   (dns-rules 45): stop at the first NOERROR (with answers, or NODATA), go on after NXDOMAIN. Returns every
 *   candidate tried with its outcome, and the last response.
 */
import { absolute } from './parse';
import { DnsResponse } from './types';

/** Default `options ndots:5` of a ClusterFirst pod (dns-rules 43). */
export const DEFAULT_NDOTS = 5;

/** One candidate tried. */
export interface TriedName {
  /** Absolute name (trailing dot). */
  readonly name: string;
  readonly rcode: string;
  readonly answerCount: number;
}

/** Outcome of a search. */
export interface SearchResult {
  readonly tried: readonly TriedName[];
  /** The last candidate queried (its response is `response`). */
  readonly name: string;
  readonly response: DnsResponse;
}

/** dns-rules 43: the ClusterFirst search list of a pod in `namespace`. */
export function searchList(namespace: string, zone: string): string[] {
  return [`${namespace}.svc.${zone}`, `svc.${zone}`, zone];
}

/** dns-rules 44: candidate names, absolute, in the order they are tried. */
export function searchCandidates(name: string, namespace: string, zone: string, ndots: number = DEFAULT_NDOTS): string[] {
  if (name.endsWith('.')) return [absolute(name)];
  const dots = (name.match(/\./g) ?? []).length;
  if (dots >= ndots) return [absolute(name)];
  return [...searchList(namespace, zone).map((s) => `${name}.${s}.`), absolute(name)];
}

/** dns-rules 45: try candidates like `host -v`; stop at the first NOERROR (answers or NODATA). */
export function resolveWithSearch(
  name: string, namespace: string, resolveOne: (candidate: string) => DnsResponse, zone: string, ndots: number = DEFAULT_NDOTS,
): SearchResult {
  const tried: TriedName[] = [];
  let last: { name: string; response: DnsResponse } | undefined;
  for (const candidate of searchCandidates(name, namespace, zone, ndots)) {
    const response = resolveOne(candidate);
    tried.push({ name: candidate, rcode: response.rcode, answerCount: response.answers.length });
    last = { name: candidate, response };
    if (response.rcode === 'NOERROR') break;
  }
  return { tried, name: last!.name, response: last!.response };
}
