/**
 * One question end to end (shared by the jsii facade and the CLI; no cdk8s import): PTR names given as IPs, the
 * optional search path (search.ts), and the resolver. Pure.
 *
 * `askQuestion(resolver, zone, name, { type, namespace, ndots })` -> `QueryOutcome { question, tried, response }`.
 */
import { absolute } from './parse';
import { Resolver } from './resolver';
import { DEFAULT_NDOTS, resolveWithSearch } from './search';
import { DnsResponse } from './types';
import { parseIp, reverseName } from '../model/ip';

export interface QuestionOptions {
  /** Record type, default `A`. */
  readonly type?: string;
  /** Search from a ClusterFirst pod in this namespace; none = the name is absolute. */
  readonly namespace?: string;
  /** resolv.conf ndots, default 5. */
  readonly ndots?: number;
}

export interface QueryOutcome {
  /** `name` = the last candidate asked (absolute); `namespace` undefined without search path. */
  readonly question: { readonly name: string; readonly type: string; readonly namespace?: string };
  /** Every candidate tried, absolute, in order. */
  readonly tried: readonly string[];
  readonly response: DnsResponse;
}

/** Asks one question. For PTR, `name` may be an IP address (turned into its reverse name, no search path). */
export function askQuestion(resolver: Resolver, zone: string, name: string, options: QuestionOptions = {}): QueryOutcome {
  const type = String(options.type ?? 'A').toUpperCase();
  let qname = String(name ?? '').trim();
  const ip = type === 'PTR' ? parseIp(qname.replace(/\.$/, '')) : undefined;
  if (ip) qname = `${reverseName(ip.text)}.`;
  const ns = options.namespace;
  const search = ns !== undefined && ns !== '' && !ip;
  const ndots = typeof options.ndots === 'number' && options.ndots >= 0 ? Math.floor(options.ndots) : DEFAULT_NDOTS;
  if (search) {
    const r = resolveWithSearch(qname, ns, (c) => resolver.resolve(c, type), zone, ndots);
    return { question: { name: r.name, type, namespace: ns }, tried: r.tried.map((t) => t.name), response: r.response };
  }
  const q = absolute(qname);
  return { question: { name: q, type }, tried: [q], response: resolver.resolve(q, type) };
}
