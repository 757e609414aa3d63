/**
 * The client side: how a ClusterFirst pod's stub resolver expands a name (dns-rules 43-46), as BIND's `host -v` does.
 * Pure.
 *
 * - `searchList(namespace, zone)`: `<ns>.svc.<zone> svc.<zone> <zone>` (dns-rules 43; node search domains are not
 *   modelled).
 * - `searchCandidates(name, namespace, zone, ndots = 5)`: the names tried, in order (dns-rules 44): a name ending in
 *   `.` -> only itself; fewer than `ndots` dots -> each search suffix, then the name as is; otherwise the name as is
 *   only (BIND `host`/`dig`/`nslookup` and musl; glibc and Go would go on to the suffixes).
 * - `podDnsSettings(podSpec, namespace, zone, nodeSearches?)`: the search list and ndots a pod's resolv.conf gets from
 *   its `dnsPolicy`, `hostNetwork` and `dnsConfig` (dns-rules 43).
 * - `resolveWithSearch(name, namespace, resolveOne, zone, ndots?)`: tries the candidates with `host`'s stop rule
 *   (dns-rules 45): stop at the first NOERROR (with answers, or NODATA), go on after NXDOMAIN. Returns every
 *   candidate tried with its outcome, and the last response.
 */
import { absolute } from './parse';
import { DnsResponse } from './types';
import { asArray, asRecord, nonEmptyString } from '../model/manifest';

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

/** Kubelet's limit on search domains (MaxDNSSearchPaths). */
export const MAX_SEARCH_PATHS = 32;

/** What a pod's resolv.conf says about name expansion. */
export interface PodDnsSettings {
  /** The effective policy: `ClusterFirst`, `Default` (the node's resolv.conf) or `None`. */
  readonly policy: 'ClusterFirst' | 'Default' | 'None';
  readonly searches: readonly string[];
  readonly ndots: number;
}

/**
 * dns-rules 43: the search list and ndots of a pod. `ClusterFirst` (default; also `ClusterFirstWithHostNet`):
 * `<ns>.svc.<zone> svc.<zone> <zone>` plus the node's search domains, `ndots:5`; with `hostNetwork` it falls back to
 * `Default` (the node's resolv.conf: `nodeSearches`, ndots 1); `None` uses only `dnsConfig`. `dnsConfig.searches` are
 * appended and de-duplicated, `dnsConfig.options` ndots wins; at most 32 search domains. Malformed fields are ignored.
 */
export function podDnsSettings(podSpec: unknown, namespace: string, zone: string, nodeSearches: readonly string[] = []): PodDnsSettings {
  const spec = asRecord(podSpec) ?? {};
  const declared = nonEmptyString(spec.dnsPolicy) ?? 'ClusterFirst';
  let policy: PodDnsSettings['policy'];
  if (declared === 'None') policy = 'None';
  else if (declared === 'Default') policy = 'Default';
  else if (declared === 'ClusterFirstWithHostNet') policy = 'ClusterFirst';
  else policy = spec.hostNetwork === true ? 'Default' : 'ClusterFirst';
  let searches: string[] = policy === 'ClusterFirst' ? [...searchList(namespace, zone), ...nodeSearches] : policy === 'Default' ? [...nodeSearches] : [];
  let ndots = policy === 'ClusterFirst' ? DEFAULT_NDOTS : 1;
  const cfg = asRecord(spec.dnsConfig);
  if (cfg) {
    for (const x of asArray(cfg.searches)) if (typeof x === 'string' && x.length > 0) searches.push(x);
    for (const o of asArray(cfg.options)) {
      const v = asRecord(o)?.value;
      if (asRecord(o)?.name === 'ndots' && typeof v === 'string' && /^\d{1,2}$/.test(v)) ndots = Math.min(15, Number(v));
    }
  }
  searches = [...new Set(searches.map((x) => x.replace(/\.$/, '')))].slice(0, MAX_SEARCH_PATHS);
  return { policy, searches, ndots };
}

/** dns-rules 44: candidate names, absolute, in the order they are tried. */
export function searchCandidates(name: string, namespace: string, zone: string, ndots: number = DEFAULT_NDOTS): string[] {
  return candidatesFor(name, searchList(namespace, zone), ndots);
}

/** The most octets of a name on the wire, without the trailing dot (RFC 1035 2.3.4: 255 with the length octets). */
export const MAX_NAME_OCTETS = 253;

/** The octets of a name's text (UTF-8): DNS limits names and labels in octets, not characters (40 `é` are 80). */
export function octets(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * dns-rules 44 with an explicit search list (for example `podDnsSettings(...).searches`). An expansion longer than
 * `MAX_NAME_OCTETS` is not tried: no query can carry it (BIND `host` and glibc skip it); the name as is always is.
 */
export function candidatesFor(name: string, searches: readonly string[], ndots: number): string[] {
  if (name.endsWith('.')) return [absolute(name)];
  const dots = (name.match(/\./g) ?? []).length;
  if (dots >= ndots) return [absolute(name)];
  const out: string[] = [];
  for (const s of searches) {
    const candidate = `${name}.${s}`;
    if (octets(candidate) <= MAX_NAME_OCTETS) out.push(`${candidate}.`);
  }
  out.push(absolute(name));
  return out;
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
