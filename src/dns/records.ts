/**
 * Every record cluster DNS would serve for a model, as sorted zone-file lines (`owner TTL IN TYPE data`), so a diff
 * of two listings shows exactly which names change. Pure.
 *
 * `listRecords(model, resolver)` asks the resolver the questions a client could ask and keeps each answer's own
 * records (owner = the name asked): `dns-version` TXT; per Service its A/AAAA (or the ExternalName CNAME), the bare
 * SRV (dns-rules 23) and `_port._proto` SRV of each named port of the Service or its slices, A/AAAA/SRV of each
 * ready endpoint name (dns-rules 24, 27); PTRs of ClusterIPs and of every ready endpoint IP, also in slices labelled
 * for a missing Service (dns-rules 37); with `pods verified`, the pod-IP name of every pod's primary IP
 * (dns-rules 40; `insecure` answers any IP and is not listed). Records that depend on simulated values end with
 * `; simulated`. Quirk names (`_port._proto` A records, dns-rules 48) are not listed.
 *
 * A listing is not a DNS message: it asks a `listingResolver`, whose answers are bounded by the listing's line budget
 * instead of by what one message holds (`MAX_ANSWER_RECORDS`), so a headless Service of 5,000 endpoints lists all of
 * its records. Bounded whatever the input: the listing stops asking once it holds `MAX_LISTED_RECORDS` lines (a
 * headless Service of 10,000 endpoints with 100 ports each stands for 3,000,000 SRV lines), and one answer lists at
 * most that many. `recordListing` returns what was cut as notes; `listRecords` appends them as zone-file comments
 * (`; ...`) after the sorted records, so a cut listing always says so.
 */
import type { DnsIndex } from './dns-index';
import { Resolver } from './resolver';
import { ResourceRecord } from './types';
import { ClusterModel } from '../model/cluster-model';
import { cmp } from '../model/compare';
import { dashedIp, reverseName } from '../model/ip';

/** One record as a zone-file line. */
export function zoneLine(rr: ResourceRecord): string {
  const data = rr.type === 'TXT' ? `"${rr.data.replace(/(["\\])/g, '\\$1')}"` : rr.data;
  return `${rr.name} ${rr.ttl} IN ${rr.type} ${data}${rr.simulated && rr.simulated.length > 0 ? ' ; simulated' : ''}`;
}

/** The most lines a listing holds: past it, no more questions are asked (and a note says so). */
export const MAX_LISTED_RECORDS = 1_000_000;
/**
 * The resolver a listing asks: answers bounded by the line budget (`maxLines`), not by one DNS message, and no cache
 * (each question is asked once; a cache would hold every answer until the end).
 */
export function listingResolver(index: DnsIndex, ttl?: number, maxLines: number = MAX_LISTED_RECORDS): Resolver {
  return new Resolver(index, { ttl, cacheSize: 0, maxAnswerRecords: maxLines });
}

/** Cut answers named one by one in the notes; the rest are counted. */
const MAX_CUT_NOTES = 10;

/** The sorted lines, and what the bounds left out (empty when nothing was). */
export interface RecordListing {
  readonly lines: string[];
  readonly notes: string[];
}

/** Every record, sorted, one zone-file line each, then a `; ` comment line per note of `recordListing`. */
export function listRecords(model: ClusterModel, resolver: Resolver): string[] {
  const { lines, notes } = recordListing(model, resolver);
  for (const n of notes) lines.push(`; ${n}`);
  return lines;
}

/**
 * Every record, sorted, one zone-file line each, and notes on what the bounds left out (`maxLines`: tests). `resolver`
 * is a `listingResolver` (another one lists at most its own answer bound per name).
 */
export function recordListing(model: ClusterModel, resolver: Resolver, maxLines: number = MAX_LISTED_RECORDS): RecordListing {
  const zone = model.options.clusterDomain;
  const lines = new Set<string>();
  const cuts: string[] = [];
  let stopped = false;
  const ask = (name: string, ...types: string[]) => {
    for (const type of types) {
      if (lines.size >= maxLines) {
        stopped = true;
        return;
      }
      const r = resolver.resolve(name, type);
      if (r.cut !== undefined) cuts.push(r.cut);
      for (const rr of r.answers) if (rr.name === name && rr.type === type) lines.add(zoneLine(rr));
    }
  };
  ask(`dns-version.${zone}.`, 'TXT');
  const ips = new Set<string>();
  for (const svc of model.services()) {
    const base = `${svc.name}.${svc.namespace}.svc.${zone}.`;
    if (svc.type === 'ExternalName') {
      ask(base, 'CNAME');
      continue;
    }
    ask(base, 'A', 'AAAA', 'SRV');
    // Named ports of the Service and (headless: the resolver reads these) of its slices.
    const portLabels = new Set<string>();
    for (const p of svc.ports) if (p.name) portLabels.add(`_${p.name.toLowerCase()}._${p.protocol.toLowerCase()}`);
    for (const ip of svc.clusterIPs) ips.add(ip);
    const hostnames = new Set<string>();
    for (const slice of model.endpointSlices(svc.namespace, svc.name)) {
      for (const p of slice.ports) if (p.name) portLabels.add(`_${p.name.toLowerCase()}._${p.protocol.toLowerCase()}`);
      for (const e of slice.endpoints) {
        if (!e.ready) continue;
        ips.add(e.ip);
        const host = e.hostname
          ?? (model.options.endpointPodNames && e.targetRefName && e.targetRefName.length < 64 ? e.targetRefName : dashedIp(e.ip));
        hostnames.add(host.toLowerCase());
      }
    }
    for (const l of portLabels) ask(`${l}.${base}`, 'SRV');
    for (const h of hostnames) ask(`${h}.${base}`, 'A', 'AAAA', 'SRV');
  }
  // Ready endpoints of slices labelled for a missing Service still get PTRs (CoreDNS indexes every endpoint).
  for (const ip of model.readyEndpointIps()) ips.add(ip);
  for (const ip of ips) ask(`${reverseName(ip)}.`, 'PTR');
  if (model.options.pods === 'verified') {
    for (const pod of model.pods()) if (pod.ips.length > 0) ask(`${dashedIp(pod.ips[0])}.${pod.namespace}.pod.${zone}.`, 'A', 'AAAA');
  }
  const notes = cuts.slice(0, MAX_CUT_NOTES);
  if (cuts.length > MAX_CUT_NOTES) notes.push(`and ${(cuts.length - MAX_CUT_NOTES).toLocaleString('en-US')} more names stand for more records than one answer lists`);
  if (stopped) {
    notes.push(`the listing stops at ${maxLines.toLocaleString('en-US')} records: names asked after that are not listed; list fewer files at a time`);
  }
  return { lines: [...lines].sort(cmp), notes };
}
