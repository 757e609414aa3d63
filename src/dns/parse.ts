/**
 * Query name -> request, after CoreDNS's `plugin/kubernetes/parse.go`. Pure.
 *
 * `parseQuery(name, zone)` lower-cases the name (dns-rules 4), strips the trailing dot, and returns one of:
 *
 * | shape (zone = cluster domain)                          | request                                               |
 * |--------------------------------------------------------|-------------------------------------------------------|
 * | `<zone>`, `svc.<zone>`, `pod.<zone>`                    | `{ kind: 'apex' }` (NODATA, dns-rules 16)             |
 * | `dns-version.<zone>`                                    | `{ kind: 'dnsVersion' }` (TXT only, dns-rules 39)     |
 * | `<x>.<zone>` with x not svc/pod, more labels above it   | `{ kind: 'invalid' }` (NXDOMAIN, dns-rules 16)        |
 * | `<ns>.svc.<zone>` / `<ns>.pod.<zone>`                   | `{ kind: 'namespace', podOrSvc, namespace }`          |
 * | `<svc>.<ns>.svc.<zone>`                                  | `{ kind: 'service', namespace, service }`             |
 * | `<endpoint>.<svc>.<ns>.svc.<zone>`                       | `{ kind: 'service', ..., endpoint }` (dns-rules 15)   |
 * | `_<port>._<proto>.<svc>.<ns>.svc.<zone>`                 | `{ kind: 'service', ..., port, protocol }` (underscores optional, dns-rules 48) |
 * | four or more labels below `<svc>`                       | `{ kind: 'invalid' }` (NXDOMAIN, dns-rules 15)        |
 * | `<a-b-c-d>.<ns>.pod.<zone>` (and labels below it)       | `{ kind: 'pod', namespace, podLabel }` (dns-rules 40) |
 * | `<d>.<c>.<b>.<a>.in-addr.arpa`, 32 nibbles `.ip6.arpa`  | `{ kind: 'reverse', ip }` (dns-rules 36)              |
 * | `in-addr.arpa`, `ip6.arpa` and partial reverse names    | `{ kind: 'reverse' }` without ip                      |
 * | anything else                                           | `{ kind: 'outside' }` (no upstream: does not exist)   |
 *
 * `*` and `any` are plain labels (dns-rules 19).
 */
import { ipFromReverseName } from '../model/ip';

export type PodOrSvc = 'svc' | 'pod';

export type ParsedQuery =
  | { readonly kind: 'apex'; readonly zone: string }
  | { readonly kind: 'dnsVersion'; readonly zone: string }
  | { readonly kind: 'invalid'; readonly zone: string }
  | { readonly kind: 'namespace'; readonly zone: string; readonly podOrSvc: PodOrSvc; readonly namespace: string }
  | {
    readonly kind: 'service';
    readonly zone: string;
    readonly namespace: string;
    readonly service: string;
    readonly endpoint?: string;
    readonly port?: string;
    readonly protocol?: string;
  }
  | { readonly kind: 'pod'; readonly zone: string; readonly namespace: string; readonly podLabel: string }
  | { readonly kind: 'reverse'; readonly zone: string; readonly ip?: string }
  | { readonly kind: 'outside' };

/** Lower case, no trailing dot. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** The name made absolute (one trailing dot), spelling kept. */
export function absolute(name: string): string {
  if (name === '' || name === '.') return '.';
  return name.endsWith('.') ? name : `${name}.`;
}

function stripUnderscore(label: string): string {
  return label.startsWith('_') ? label.slice(1) : label;
}

/** Parses a query name against the cluster zone (lower case, no trailing dot). */
export function parseQuery(name: string, zone: string): ParsedQuery {
  const n = normalizeName(name);
  for (const rz of ['in-addr.arpa', 'ip6.arpa']) {
    if (n === rz || n.endsWith(`.${rz}`)) return { kind: 'reverse', zone: rz, ip: ipFromReverseName(n) };
  }
  let base: string;
  if (n === zone) base = '';
  else if (n.endsWith(`.${zone}`)) base = n.slice(0, n.length - zone.length - 1);
  else return { kind: 'outside' };
  return parseZoneLabels(base.split('.'), zone);
}

/**
 * The request for a name in the cluster zone, from its labels below the zone (lower case): what `parseQuery` returns
 * for `<labels joined by dots>.<zone>` (`['']` is the zone itself). For callers that hold the labels already.
 */
export function parseZoneLabels(segs: readonly string[], zone: string): ParsedQuery {
  // dns-rules 16: apex, svc.<zone>, pod.<zone> -> NODATA.
  if (segs.length === 1 && (segs[0] === '' || segs[0] === 'svc' || segs[0] === 'pod')) return { kind: 'apex', zone };
  let last = segs.length - 1;
  const podOrSvc = segs[last];
  if (podOrSvc !== 'svc' && podOrSvc !== 'pod') {
    // dns-rules 39: dns-version.<zone> is only a TXT name; any other label in the svc/pod position is invalid.
    if (segs.length === 1 && podOrSvc === 'dns-version') return { kind: 'dnsVersion', zone };
    return { kind: 'invalid', zone };
  }
  last--;
  const namespace = segs[last];
  last--;
  if (last < 0) return { kind: 'namespace', zone, podOrSvc, namespace };
  const service = segs[last];
  last--;
  if (podOrSvc === 'pod') {
    // CoreDNS findPods reads only the label left of the namespace (extra labels are not checked).
    if (last > 1) return { kind: 'invalid', zone };
    return { kind: 'pod', zone, namespace, podLabel: service };
  }
  if (last < 0) return { kind: 'service', zone, namespace, service };
  // dns-rules 15: one more label = endpoint, two = _port._proto, more = NXDOMAIN.
  if (last === 0) return { kind: 'service', zone, namespace, service, endpoint: segs[0] };
  if (last === 1) return { kind: 'service', zone, namespace, service, port: stripUnderscore(segs[0]), protocol: stripUnderscore(segs[1]) };
  return { kind: 'invalid', zone };
}
