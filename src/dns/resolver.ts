/**
 * The resolver: question + cluster model -> `DnsResponse`, as CoreDNS's kubernetes plugin answers (with the kubeadm
 * reverse zones `in-addr.arpa` and `ip6.arpa`, and no upstream). Returns values, never throws. Pure.
 *
 * `new Resolver(model, config?).resolve(name, type)`:
 * - A / AAAA: ClusterIPs, ready endpoints, ExternalName CNAMEs chased inside the zone, pod-IP names (dns-rules 20-41).
 * - CNAME: the ExternalName target, never chased (dns-rules 31). SRV: ports and weights (dns-rules 21-23, 28).
 * - PTR: ClusterIP first, then ready endpoints (dns-rules 36-38). TXT: `dns-version` (dns-rules 39).
 * - Any other type: NXDOMAIN or NODATA from the A look-up (dns-rules 18).
 * Internally `records()` mirrors CoreDNS's `Records()`: the entries a name stands for, or "no such name".
 */
import { carryCut, cutNote, isCut, MAX_ANSWER_RECORDS } from './answer-bound';
import type { DnsIndex } from './dns-index';
import { eachEndpoint, endpointsByLabel, SliceEndpoint } from './endpoint-names';
import { absolute, normalizeName, parseQuery, ParsedQuery } from './parse';
import { PortIndex, PortQuestion } from './port-index';
import { integerOption } from '../integer-option';
import { DnsResponse, ResolverConfig, ResourceRecord } from './types';
import { EndpointRecord, ServiceRecord } from '../model/cluster-model';
import { dashedIp, IpFamily, parseIp } from '../model/ip';
import type { EndpointPortRecord, EndpointSliceRecord } from '../model/records';

/** dns-rules 2. */
export const DEFAULT_TTL = 5;
export const DNS_VERSION_TTL = 28800;
/** The schema version served at `dns-version.<zone>` (dns-rules 39). */
export const DNS_SCHEMA_VERSION = '1.1.0';
/** dns-rules 35: in-zone CNAME chains stop after 10 links. */
export const MAX_CNAME_CHAIN = 10;
/** Serial of the synthetic SOA (CoreDNS uses a timestamp; a constant keeps outputs stable). */
export const SOA_SERIAL = 1;

/** What a name stands for (CoreDNS msg.Service): an IP or a name (ExternalName), a port, the SRV target owner. */
interface Entry {
  readonly host: string;
  /** -1 = no port (dns-rules 25, 29). */
  readonly port: number;
  /** SRV target / owner name, lower case, no trailing dot. */
  readonly key: string;
  readonly simulated: readonly string[];
}

/** `undefined` = NXDOMAIN (errNoItems); an empty list = the name exists without data. */
type Lookup = readonly Entry[] | undefined;

/** What `records(parsed, 'probe')` returns for a name that exists (an ExternalName: its one entry). */
const EXISTS: Lookup = Object.freeze([]);

/**
 * What a question needs of the entries of a name: `probe` only whether it exists (no entry built; an ExternalName
 * gives its target), an address family (A/AAAA: one entry per distinct address of that family), or `SRV` (an entry
 * per matching port of each address). The answer bound counts the records the question's answer will hold.
 */
type Want = 'probe' | IpFamily | 'SRV';

/** Endpoint-port pairs one SRV question visits at most, per record it may list (duplicates cost a visit, add no record). */
const SRV_VISITS_PER_RECORD = 64;

/** The port list of a Service or slice without ports (one entry, no port: dns-rules 25, 29). */
const NO_PORTS: readonly EndpointPortRecord[] = [{ name: '', port: -1, protocol: '' }];

/** Responses kept per resolver by default (repeated questions cost one Map look-up); the cache starts over when full. */
const MAX_CACHED_RESPONSES = 100_000;
/** The largest `cacheSize` and `maxAnswerRecords` accepted. */
const MAX_CACHE_SIZE = 10_000_000;
const MAX_ANSWER_RECORDS_OPTION = 10_000_000;

export class Resolver {
  private readonly zone: string;
  private readonly ttl: number;
  /** Simulated-value texts by value, built on first use (existence questions never need it). */
  private simIndex?: Map<string, string[]>;
  /** Responses by type, then name as asked: the model never changes, so neither do they (bench/: 1,000,000 lookups/s). */
  private readonly answered = new Map<string, Map<string, DnsResponse>>();
  /** Endpoints by first label, per Service (`ns/name`), built on the first question for an endpoint's name. */
  private readonly endpointIndex = new Map<string, Map<string, SliceEndpoint[]>>();
  private cachedResponses = 0;
  /** Ports by `_port._proto` labels, per port list (port-index.ts). */
  private readonly ports = new PortIndex();
  private readonly cacheSize: number;
  /** Records one answer lists at most (`ResolverConfig.maxAnswerRecords`). */
  private readonly maxAnswers: number;

  public constructor(private readonly model: DnsIndex, config: ResolverConfig = {}) {
    // Infinity made the cache unbounded: a finite integer or an error naming the option.
    this.cacheSize = integerOption('Resolver', 'cacheSize', config.cacheSize, 0, MAX_CACHE_SIZE, MAX_CACHED_RESPONSES);
    this.maxAnswers = integerOption('Resolver', 'maxAnswerRecords', config.maxAnswerRecords, 1, MAX_ANSWER_RECORDS_OPTION, MAX_ANSWER_RECORDS);
    this.zone = model.options.clusterDomain;
    const t = config.ttl;
    this.ttl = typeof t === 'number' && Number.isFinite(t) ? Math.max(0, Math.min(3600, Math.floor(t))) : DEFAULT_TTL;
  }

  /**
   * Whether a name exists for an A question, without building the response: true exactly when
   * `resolve(name, 'A').rcode` is NOERROR (with answers, or NODATA). `parsed` is `parseQuery(name, zone)`. The
   * checker asks this for thousands of names; test/dns/exists.test.ts checks it against `resolve`. It takes the
   * branches of `records()` itself, stopping at the first match (`probe`).
   */
  public exists(parsed: ParsedQuery): boolean {
    return this.records(parsed, 'probe') !== undefined;
  }

  /**
   * Answers one question; `name` may lack the trailing dot (it is taken as absolute). A repeated question gets the
   * same (frozen) response object, unless `cacheSize` is 0.
   */
  public resolve(name: string, type: string): DnsResponse {
    let byName = this.answered.get(type);
    const hit = byName?.get(name);
    if (hit) return hit;
    const response = freeze(this.answer(name, type));
    if (this.cacheSize === 0) return response;
    if (this.cachedResponses >= this.cacheSize) {
      this.answered.clear();
      this.cachedResponses = 0;
      byName = undefined;
    }
    if (!byName) this.answered.set(type, byName = new Map());
    byName.set(name, response);
    this.cachedResponses++;
    return response;
  }

  private answer(name: string, type: string): DnsResponse {
    const qname = absolute(String(name ?? ''));
    const qtype = String(type ?? 'A').toUpperCase();
    const parsed = parseQuery(qname, this.zone);
    let answers: ResourceRecord[] | undefined;
    let additional: ResourceRecord[] = [];
    switch (qtype) {
      case 'A':
      case 'AAAA':
        answers = this.address(qname, qtype === 'A' ? 'IPv4' : 'IPv6', []);
        break;
      case 'CNAME':
        answers = this.cname(qname);
        break;
      case 'SRV': {
        const r = this.srv(qname);
        answers = r?.answers;
        additional = r?.additional ?? [];
        break;
      }
      case 'PTR':
        answers = this.ptr(qname, parsed);
        break;
      case 'TXT':
        answers = this.txt(qname, parsed, []);
        break;
      default:
        // dns-rules 18: other qtypes take their NXDOMAIN/NODATA from an internal A look-up.
        answers = this.address(qname, 'IPv4', []) === undefined ? undefined : [];
    }
    if (answers === undefined) return this.negative('NXDOMAIN', parsed);
    if (answers.length === 0) return this.negative('NOERROR', parsed);
    const cut = isCut(answers, this.maxAnswers) || isCut(additional, this.maxAnswers);
    answers = answers.slice(0, this.maxAnswers);
    additional = additional.slice(0, this.maxAnswers);
    const simulated = new Set<string>();
    for (const list of [answers, additional]) for (const rr of list) for (const s of rr.simulated ?? []) simulated.add(s);
    const response: DnsResponse = { rcode: 'NOERROR', answers, additional, authority: [], simulated: [...simulated].sort() };
    return cut ? { ...response, cut: cutNote(qname, qtype, this.maxAnswers) } : response;
  }

  /** dns-rules 3: negative answers carry the zone SOA (RR TTL min(ttl, 300)). */
  private negative(rcode: 'NOERROR' | 'NXDOMAIN', parsed: ParsedQuery): DnsResponse {
    const authority: ResourceRecord[] = [];
    if (parsed.kind !== 'outside') {
      const z = parsed.zone;
      authority.push({
        name: `${z}.`,
        type: 'SOA',
        ttl: Math.min(this.ttl, 300),
        data: `ns.dns.${z}. hostmaster.${z}. ${SOA_SERIAL} 7200 1800 86400 ${this.ttl}`,
      });
    }
    return { rcode, answers: [], additional: [], authority, simulated: [] };
  }

  /**
   * CoreDNS `Records()` for forward names in the cluster zone, the entries `want` needs (`Want`); `counted.matches`
   * gets the matched (address x port) entries before duplicates collapse (the SRV weight, dns-rules 22).
   */
  private records(parsed: ParsedQuery, want: Want, counted?: { matches: number }): Lookup {
    switch (parsed.kind) {
      case 'apex':
        return []; // dns-rules 16
      case 'namespace':
        // dns-rules 16, 40: an existing namespace is NODATA (pod.<zone> subtree only when pods are served).
        if (parsed.podOrSvc === 'pod' && this.model.options.pods === 'disabled') return undefined;
        return this.model.namespaceExists(parsed.namespace) ? [] : undefined;
      case 'service':
        return this.model.namespaceExists(parsed.namespace) ? this.findServices(parsed, want, counted) : undefined; // dns-rules 14, 17
      case 'pod':
        return this.findPods(parsed);
      default:
        return undefined; // invalid, dns-version (as a svc/pod label), reverse, outside
    }
  }

  /**
   * CoreDNS `findServices` (dns-rules 20-34), the entries `want` needs. The answer bound (answer-bound.ts) counts the
   * records the answer will hold, after the other family is left out and duplicates collapse: distinct addresses for
   * A/AAAA; distinct SRVs (target, port) and additional records (target, address) for SRV. Past it the list stops,
   * marked cut; a name with no more records than the bound is never cut, however many slices repeat its endpoints.
   */
  private findServices(r: Extract<ParsedQuery, { kind: 'service' }>, want: Want, counted?: { matches: number }): Lookup {
    const svc = this.model.service(r.namespace, r.service);
    if (!svc) return undefined; // dns-rules 17
    const base = `${svc.name}.${svc.namespace}.svc.${this.zone}`;
    if (svc.type === 'ExternalName') {
      // dns-rules 33: no endpoint or _port._proto labels below an ExternalName; dns-rules 34: an IP is not served.
      if (r.endpoint !== undefined || r.port !== undefined) return undefined;
      const target = svc.externalName?.replace(/\.$/, '');
      if (!target || parseIp(target)) return undefined;
      return [{ host: target, port: 0, key: base, simulated: [] }];
    }
    const entries: Entry[] = [];
    const bound = new RecordBound(want, this.maxAnswers, counted);
    let matched = false;
    if (svc.headless || r.endpoint !== undefined) {
      // dns-rules 24, 26-30: endpoint queries (any Service) and headless Services read ready endpoints.
      // An endpoint's name: only the endpoints with that first label (an index per Service, not a pass over all).
      // Slices without a matching port are skipped whole (`_x._tcp` of 100,000 endpoints: 3.5 ms a question before).
      const candidates = r.endpoint !== undefined
        ? this.endpointsNamed(svc, r.endpoint)
        : eachEndpoint(this.model.endpointSlices(svc.namespace, svc.name).filter((s) => this.slicePorts(s, r).length > 0));
      // a slice's ports that match, once per slice (per endpoint: 10^8 comparisons for 10,000 endpoints x 100 ports)
      let portsOf: { slice: EndpointSliceRecord | undefined; ports: readonly EndpointPortRecord[] } = { slice: undefined, ports: [] };
      for (const { slice, endpoint: e } of candidates) {
        if (!e.ready) continue; // dns-rules 8
        if (portsOf.slice !== slice) portsOf = { slice, ports: this.slicePorts(slice, r) };
        if (portsOf.ports.length === 0) continue;
        if (want === 'probe') return EXISTS;
        matched = true;
        if (want !== 'SRV' && e.family !== want) continue; // dns-rules 18, 41: the other family adds no record
        const key = `${this.endpointHostname(e)}.${base}`;
        for (const p of want === 'SRV' ? portsOf.ports : portsOf.ports.slice(0, 1)) {
          const port = p.port ?? -1;
          if (!bound.isNew(e.ip, port, key)) continue;
          // (no simulated notes for probes: their index is built on first use, and existence questions never need it)
          const sliceNotes = slice.simulated ? this.simulatedNotesOf(`Service ${svc.namespace}/${svc.name}#${slice.name}`) : [];
          entries.push({ host: e.ip, port, key, simulated: [...sliceNotes, ...this.simulatedNotesOf(e.ip)] });
          if (bound.passed) return carryCut(entries, undefined, true);
        }
        if (bound.passed) return carryCut(entries, undefined, true);
      }
      return matched ? entries : undefined; // dns-rules 26: no ready endpoint -> NXDOMAIN
    }
    // dns-rules 20, 21, 25, 48: ClusterIP per matching port (sentinel -1 when the Service has none).
    for (const p of this.ports.matching(svc.ports.length > 0 ? svc.ports : NO_PORTS, r)) {
      if (want === 'probe') return EXISTS;
      matched = true;
      for (const ip of svc.clusterIPs) {
        if (want !== 'SRV' && parseIp(ip)?.family !== want) continue;
        if (bound.isNew(ip, p.port ?? -1, base)) entries.push({ host: ip, port: p.port ?? -1, key: base, simulated: this.simulatedNotesOf(ip) });
      }
      if (want !== 'SRV') break; // one entry per ClusterIP (see above)
      if (bound.passed) return carryCut(entries, undefined, true);
    }
    return matched ? entries : undefined;
  }

  /** The ports of a slice that match the question (`NO_PORTS` when it has none). */
  private slicePorts(slice: EndpointSliceRecord, r: PortQuestion): readonly EndpointPortRecord[] {
    return this.ports.matching(slice.ports.length > 0 ? slice.ports : NO_PORTS, r);
  }

  /** The endpoints of a Service whose first label is `label` (lower case), from an index built on first use. */
  private endpointsNamed(svc: ServiceRecord, label: string): readonly SliceEndpoint[] {
    const key = `${svc.namespace}/${svc.name}`;
    let index = this.endpointIndex.get(key);
    if (!index) {
      index = endpointsByLabel(this.model.endpointSlices(svc.namespace, svc.name), (e) => this.endpointHostname(e));
      this.endpointIndex.set(key, index);
    }
    return index.get(label) ?? [];
  }

  /** dns-rules 27: hostname, else the targetRef pod name (endpoint_pod_names, < 64 chars), else the dashed IP. */
  private endpointHostname(e: EndpointRecord): string {
    if (e.hostname) return e.hostname;
    if (this.model.options.endpointPodNames && e.targetRefName && e.targetRefName.length < 64) return e.targetRefName;
    return dashedIp(e.ip);
  }

  /** CoreDNS `findPods` (dns-rules 40). */
  private findPods(r: Extract<ParsedQuery, { kind: 'pod' }>): Lookup {
    const mode = this.model.options.pods;
    if (mode === 'disabled' || !this.model.namespaceExists(r.namespace)) return undefined;
    const label = r.podLabel;
    const text = (label.split('-').length === 4 && !label.includes('--')) ? label.replace(/-/g, '.') : label.replace(/-/g, ':');
    const ip = parseIp(text);
    if (!ip) return undefined;
    const key = `${label}.${r.namespace}.pod.${this.zone}`;
    if (mode === 'insecure') return [{ host: ip.text, port: -1, key, simulated: [] }];
    // CoreDNS object/pod.go keeps only status.podIP (the primary IP, first in `ips`): a secondary IP is not verified.
    const pods = this.model.podsByIp(ip.text).filter((p) => p.namespace === r.namespace && p.ips[0] === ip.text);
    if (pods.length === 0) return undefined;
    return [{ host: ip.text, port: -1, key, simulated: this.simulatedNotesOf(ip.text) }];
  }

  /** CoreDNS `A()`/`AAAA()` with CNAME chasing (dns-rules 20, 26, 32, 35, 41). */
  private address(qname: string, family: IpFamily, previous: ResourceRecord[]): ResourceRecord[] | undefined {
    const entries = this.records(parseQuery(qname, this.zone), family);
    if (entries === undefined) return undefined;
    const out: ResourceRecord[] = [];
    const seen = new Set<string>();
    for (const e of entries) {
      const ip = parseIp(e.host);
      if (ip) {
        if (ip.family !== family || seen.has(ip.text)) continue; // dns-rules 18, 41
        seen.add(ip.text);
        out.push(this.rr(qname, family === 'IPv4' ? 'A' : 'AAAA', ip.text, e.simulated));
        continue;
      }
      // no spread: an ExternalName to a headless Service chases as many records as it has endpoints
      const chased = this.chase(qname, e, previous, (target, prev) => this.address(target, family, prev));
      for (const rr of chased) out.push(rr);
      carryCut(out, chased);
    }
    return carryCut(out, entries);
  }

  /** dns-rules 32, 35: the CNAME, then the in-zone target's records (nothing if they are empty); outside: the CNAME alone. */
  private chase(
    qname: string, e: Entry, previous: ResourceRecord[],
    next: (target: string, previous: ResourceRecord[]) => ResourceRecord[] | undefined,
  ): ResourceRecord[] {
    const target = absolute(e.host);
    if (normalizeName(target) === normalizeName(qname)) return []; // x CNAME x
    if (previous.length >= MAX_CNAME_CHAIN) return [];
    const cname = this.rr(qname, 'CNAME', target, e.simulated);
    if (previous.some((p) => normalizeName(p.name) === normalizeName(cname.name) && normalizeName(p.data) === normalizeName(target))) return [];
    const t = normalizeName(target);
    if (t === this.zone || t.endsWith(`.${this.zone}`)) {
      const rest = next(target, [...previous, cname]);
      return rest && rest.length > 0 ? carryCut([cname, ...rest], rest) : [];
    }
    return [cname]; // no upstream
  }

  /** dns-rules 31: CNAME of an ExternalName, never chased; NODATA for IP-backed names. */
  private cname(qname: string): ResourceRecord[] | undefined {
    const entries = this.records(parseQuery(qname, this.zone), 'probe');
    if (entries === undefined) return undefined;
    const first = entries[0];
    return first && !parseIp(first.host) ? [this.rr(qname, 'CNAME', absolute(first.host), first.simulated)] : [];
  }

  /** dns-rules 39 (and 32 for ExternalName names). */
  private txt(qname: string, parsed: ParsedQuery, previous: ResourceRecord[]): ResourceRecord[] | undefined {
    if (parsed.kind === 'dnsVersion') {
      return [{ name: qname, type: 'TXT', ttl: DNS_VERSION_TTL, data: DNS_SCHEMA_VERSION }];
    }
    const entries = this.records(parsed, 'probe');
    if (entries === undefined) return undefined;
    const out: ResourceRecord[] = [];
    for (const e of entries) {
      if (parseIp(e.host)) continue;
      const chased = this.chase(qname, e, previous, (target, prev) => this.txt(target, parseQuery(target, this.zone), prev));
      for (const rr of chased) out.push(rr);
      carryCut(out, chased);
    }
    return out;
  }

  /** CoreDNS `SRV()` (dns-rules 21-23, 25, 28, 29, 33, 41). */
  private srv(qname: string): { answers: ResourceRecord[]; additional: ResourceRecord[] } | undefined {
    const counted = { matches: 0 };
    const all = this.records(parseQuery(qname, this.zone), 'SRV', counted);
    if (all === undefined) return undefined;
    const entries = all.filter((e) => parseIp(e.host)); // dns-rules 33: no SRV for ExternalName
    // dns-rules 22: weight = max(1, floor(100 / N)), N counted before duplicates collapse.
    const weight = Math.max(1, Math.floor(100 / Math.max(1, counted.matches)));
    const answers: ResourceRecord[] = [];
    const additional: ResourceRecord[] = [];
    const seen = new Set<string>();
    for (const e of entries) {
      if (e.port === -1) continue;
      const target = `${e.key}.`;
      const srvKey = `${target} ${e.port}`;
      if (!seen.has(srvKey)) {
        seen.add(srvKey);
        answers.push(this.rr(qname, 'SRV', `0 ${weight} ${e.port} ${target}`, e.simulated));
      }
      const ip = parseIp(e.host)!;
      const addrKey = `${target} ${ip.text}`;
      if (!seen.has(addrKey)) {
        seen.add(addrKey);
        additional.push(this.rr(target, ip.family === 'IPv4' ? 'A' : 'AAAA', ip.text, e.simulated));
      }
    }
    return { answers: carryCut(answers, all), additional };
  }

  /** dns-rules 36-38, 49. */
  private ptr(qname: string, parsed: ParsedQuery): ResourceRecord[] | undefined {
    if (parsed.kind === 'reverse') {
      if (!parsed.ip) return normalizeName(qname) === parsed.zone ? [] : undefined;
      const svcs = this.model.servicesByClusterIp(parsed.ip);
      if (svcs.length > 0) {
        const s: ServiceRecord = svcs[0];
        return [this.rr(qname, 'PTR', `${s.name}.${s.namespace}.svc.${this.zone}.`, this.simulatedNotesOf(parsed.ip))];
      }
      const out: ResourceRecord[] = [];
      const seen = new Set<string>();
      for (const ep of this.model.readyEndpointsByIp(parsed.ip)) {
        const target = `${this.endpointHostname(ep.endpoint)}.${ep.serviceName}.${ep.namespace}.svc.${this.zone}.`;
        if (seen.has(target)) continue;
        seen.add(target);
        const sliceNotes = ep.slice.simulated ? this.simulatedNotesOf(`Service ${ep.namespace}/${ep.serviceName}#${ep.slice.name}`) : [];
        out.push(this.rr(qname, 'PTR', target, [...sliceNotes, ...this.simulatedNotesOf(parsed.ip)]));
        if (out.length > this.maxAnswers) break; // answer() cuts and says so
      }
      return out.length > 0 ? out : undefined;
    }
    // dns-rules 38: PTR of an existing forward name -> NODATA.
    return this.records(parsed, 'probe') === undefined ? undefined : [];
  }

  private rr(name: string, type: string, data: string, simulated: readonly string[]): ResourceRecord {
    return simulated.length > 0 ? { name, type, ttl: this.ttl, data, simulated } : { name, type, ttl: this.ttl, data };
  }

  private simulatedNotesOf(key: string): string[] {
    if (!this.simIndex) {
      this.simIndex = new Map();
      for (const s of this.model.simulated) {
        const k = s.kind === 'EndpointSlice' ? `${s.object}#${s.value}` : s.value;
        const list = this.simIndex.get(k);
        if (list) list.push(s.text);
        else this.simIndex.set(k, [s.text]);
      }
    }
    return this.simIndex.get(key) ?? [];
  }
}

/**
 * Counts the records the entries of one question become, to stop past the answer bound (`Want`): distinct addresses
 * for A/AAAA; distinct SRVs (target, port) and additional records (target, address) for SRV, whose visits are bounded
 * too (`SRV_VISITS_PER_RECORD` per record the answer may list). `counted.matches` gets every (address x port) match, duplicates included (dns-rules 22).
 */
class RecordBound {
  private readonly seen = new Set<string>();
  private records = 0;
  private additional = 0;
  private visits = 0;
  public constructor(private readonly want: Want, private readonly max: number, private readonly counted?: { matches: number }) {}

  /** Whether the entry (address, port, target) adds a record; counts it. */
  public isNew(host: string, port: number, key: string): boolean {
    this.visits++;
    if (this.counted) this.counted.matches++;
    if (this.want !== 'SRV') {
      if (this.seen.has(host)) return false;
      this.seen.add(host);
      this.records++;
      return true;
    }
    const srv = `${key} ${port}`;
    const address = `${key} ${host} @`;
    const newSrv = port !== -1 && !this.seen.has(srv);
    const newAddress = port !== -1 && !this.seen.has(address);
    if (newSrv) {
      this.seen.add(srv);
      this.records++;
    }
    if (newAddress) {
      this.seen.add(address);
      this.additional++;
    }
    return newSrv || newAddress;
  }

  /** Whether a record past the bound was found (or an SRV question visited more entries than it may). */
  public get passed(): boolean {
    const max = this.max;
    return this.records > max || this.additional > max || (this.want === 'SRV' && this.visits > SRV_VISITS_PER_RECORD * max);
  }
}

/** Freezes a response and its lists (it is shared by every caller asking the same question). */
function freeze(r: DnsResponse): DnsResponse {
  for (const list of [r.answers, r.additional, r.authority]) {
    for (const rr of list) Object.freeze(rr);
    Object.freeze(list);
  }
  Object.freeze(r.simulated);
  return Object.freeze(r);
}
