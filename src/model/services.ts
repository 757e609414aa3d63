/**
 * Services: reading `Service` objects into `ServiceRecord`s (dns-rules 6) and allocating simulated ClusterIPs for
 * Services without `spec.clusterIP`. Allocation is deterministic: each Service (in sorted `ns/name` order) starts at a
 * stable hash of `ns/name` inside the service CIDR of each of its families and probes upwards to the first free
 * address; addresses written in the input, the network address, `.1` (the `kubernetes` Service) and `.10` (kube-dns)
 * are never handed out. Pure.
 */
/* eslint-disable no-bitwise */
import { cmp } from './compare';
import { NsNameMap } from './indexes';
import { Cidr, IpFamily, ipFamilyOf, parseIp } from './ip';
import { KubeObject, ManifestSource, asArray, asBoolean, mapDefined, asNumber, asRecord, nonEmptyString, stringMap, protocolOf } from './manifest';
import type { NamespacedObject } from './pods';
import { ServicePortRecord, ServiceRecord, SimulatedValue } from './records';
import { SimulatedLog } from './simulated-log';
import { ipv4ToNumber, numberToIpv4 } from '../k8s-syntax/ip';

/** A Service record before ClusterIP allocation. */
export interface PendingService {
  record: ServiceRecord;
  /** Families still needing a simulated ClusterIP. */
  needs: IpFamily[];
}

/** Reads a Service object; undefined if it has no name. `families` = cluster families, primary first. */
export function readService(
  obj: KubeObject, namespace: string, source: ManifestSource | undefined, families: readonly IpFamily[],
): PendingService | undefined {
  const name = nonEmptyString(asRecord(obj.metadata)?.name);
  if (!name) return undefined;
  const spec = asRecord(obj.spec) ?? {};
  const type = nonEmptyString(spec.type) ?? 'ClusterIP';
  const external = type === 'ExternalName';
  // dns-rules 6: clusterIPs, else clusterIP; "None" = headless.
  const rawIps: unknown[] = asArray(spec.clusterIPs).length > 0 ? asArray(spec.clusterIPs) : (spec.clusterIP !== undefined ? [spec.clusterIP] : []);
  const headless = !external && rawIps.length > 0 && rawIps[0] === 'None';
  const clusterIPs: string[] = [];
  if (!external && !headless) {
    for (const raw of rawIps) {
      const ip = parseIp(raw);
      if (ip && !clusterIPs.includes(ip.text)) clusterIPs.push(ip.text);
    }
  }
  const selectorMap = stringMap(spec.selector);
  const selector = Object.keys(selectorMap).length > 0 ? selectorMap : undefined;
  const ipFamilies = external ? [] : defaultFamilies(spec, clusterIPs, headless, selector !== undefined, families);
  const ports = mapDefined(asArray(spec.ports), servicePort);
  const record: ServiceRecord = {
    namespace,
    name,
    type,
    headless,
    externalName: external ? (typeof spec.externalName === 'string' ? spec.externalName : undefined) : undefined,
    clusterIPs,
    clusterIPsSimulated: false,
    ipFamilies,
    selector,
    ports,
    publishNotReadyAddresses: asBoolean(spec.publishNotReadyAddresses) === true,
    object: obj,
    source,
  };
  // Without ClusterIPs in the input every family needs one; when the input gives some, the API server would have
  // rejected a missing secondary: don't invent one.
  const needs = external || headless || clusterIPs.length > 0 ? [] : ipFamilies.slice();
  return { record, needs };
}

/**
 * Reads the Service objects, in input order. The model's objects hold one definition per Service; were a name read
 * twice all the same, the last definition wins (as `kubectl apply` leaves it), in the place of the first.
 */
export function readServices(objects: readonly NamespacedObject[], families: readonly IpFamily[]): PendingService[] {
  const pending: PendingService[] = [];
  const seen = new NsNameMap<number>();
  for (let i = 0; i < objects.length; i++) { // indexed: see scan.ts
    const o = objects[i];
    const p = readService(o.object, o.namespace, o.source, families);
    if (!p) continue;
    const at = seen.get(o.namespace, p.record.name);
    if (at !== undefined) {
      pending[at] = p;
      continue;
    }
    seen.set(o.namespace, p.record.name, pending.length);
    pending.push(p);
  }
  return pending;
}

/** One entry of `spec.ports` (undefined for junk). */
function servicePort(p: unknown): ServicePortRecord | undefined {
  const pr = asRecord(p);
  if (!pr) return undefined;
  const port = asNumber(pr.port);
  const tp = pr.targetPort;
  const targetPort = typeof tp === 'number' && Number.isFinite(tp) ? tp : (asNumber(tp) ?? nonEmptyString(tp) ?? port);
  return {
    name: nonEmptyString(pr.name) ?? '',
    port,
    protocol: protocolOf(pr.protocol),
    targetPort,
  };
}

/** `spec.ipFamilies` as the API server defaults them (dns-rules 42). */
function defaultFamilies(
  spec: { [key: string]: any }, clusterIPs: string[], headless: boolean, hasSelector: boolean, cluster: readonly IpFamily[],
): IpFamily[] {
  if (clusterIPs.length > 0) return clusterIPs.map(ipFamilyOf); // canonical texts
  const listed = asArray(spec.ipFamilies);
  if (listed.length > 0) { // (most Services list none: no lists or Set to make for them)
    const uniq = [...new Set(listed.filter((f): f is IpFamily => f === 'IPv4' || f === 'IPv6'))];
    if (uniq.length > 0) return uniq.slice(0, 2);
  }
  const policy = nonEmptyString(spec.ipFamilyPolicy);
  // Headless selectorless Services default to RequireDualStack.
  const dual = policy === 'RequireDualStack' || policy === 'PreferDualStack' || (headless && !hasSelector && policy === undefined);
  if (cluster.length === 0) return ['IPv4'];
  return dual ? [...cluster].slice(0, 2) : [cluster[0]];
}

/** FNV-1a, 32 bit. */
export function stableHash(text: string): number {
  return extendHash(0x811c9dc5, text);
}

/** `stableHash(prefix + text)` from `h = stableHash(prefix)`: FNV-1a continues over the appended text. */
export function extendHash(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Addresses probed from the hash before `Allocator.allocate` falls back to the lowest free address. */
const MAX_PROBE = 64n;

/** `stableHash` of `#` appended (the second half of the allocation hash). */
const HASH_SUFFIX = '#';

/**
 * Hands out addresses of one CIDR by stable hash + linear probing, skipping used ones.
 * IPv4 blocks work on plain numbers (uint32 addresses, a Set of the used ones inside the block); IPv6 blocks on BigInt
 * and canonical text. Both hand out the same addresses in the same order.
 */
export class Allocator {
  private readonly used = new Set<string>();
  /** IPv4: the used addresses inside the block, as uint32. */
  private readonly used4 = new Set<number>();
  private readonly limit: bigint;
  /** Addresses of the block not handed out or reserved yet: once 0, `allocate` answers at once (no scan). */
  private free: bigint;
  /** Every address below this offset is taken (the fallback of `allocate` for a crowded block). */
  private sweep = 0n;
  /** IPv4: `free` and `sweep` as numbers. */
  private free4 = 0;
  private sweep4 = 0;

  public constructor(private readonly cidr: Cidr, reserved: Iterable<string>) {
    this.limit = cidr.size < 65536n ? cidr.size : 65536n;
    if (cidr.family === 'IPv4') {
      const base = cidr.base4;
      const size = cidr.size4;
      for (const ip of reserved) {
        const n = typeof ip === 'string' ? ipv4ToNumber(ip) : -1;
        if (n >= base && n < base + size) this.used4.add(n);
      }
      // The network address, .1 and .10 are reserved; so is the broadcast address of small IPv4 blocks.
      this.used4.add(base);
      if (size > 1) this.used4.add(base + 1);
      if (size > 10) this.used4.add(base + 10);
      this.used4.add(base + size - 1);
      this.free4 = size - this.used4.size;
      this.free = 0n; // unused for IPv4 (free4)
      return;
    }
    for (const ip of reserved) this.used.add(ip);
    for (const off of [0n, 1n, 10n]) if (off < cidr.size) this.used.add(cidr.addressAt(off));
    let inside = 0n;
    for (const ip of this.used) if (cidr.contains(ip)) inside++;
    this.free = cidr.size - inside;
  }

  /** Whether no address of the block is left. */
  public get exhausted(): boolean {
    return this.cidr.family === 'IPv4' ? this.free4 <= 0 : this.free <= 0n;
  }

  public get family(): IpFamily {
    return this.cidr.family;
  }

  /** The first free address at or after the hash of `seed`, or undefined when the block is full. */
  public allocate(seed: string): string | undefined {
    return this.allocateHashed(stableHash(seed));
  }

  /** `allocate(seed)` given `stableHash(seed)` (callers that hash `ns/name` without building the text). */
  public allocateHashed(h1: number): string | undefined {
    if (this.cidr.family === 'IPv4') return this.allocate4(h1);
    if (this.free <= 0n) return undefined;
    const h = BigInt(h1) * 4294967311n + BigInt(extendHash(h1, HASH_SUFFIX));
    const start = h % this.cidr.size;
    const probe = this.limit < MAX_PROBE ? this.limit : MAX_PROBE;
    for (let i = 0n; i < probe; i++) {
      const ip = this.cidr.addressAt(start + i);
      if (!this.used.has(ip)) return this.take(ip);
    }
    // A crowded block: take the lowest free address instead of probing on (each address is passed once overall,
    // so filling a block stays linear instead of quadratic).
    while (this.sweep < this.cidr.size) {
      const ip = this.cidr.addressAt(this.sweep++);
      if (!this.used.has(ip)) return this.take(ip);
    }
    return undefined;
  }

  /**
   * `allocate` on numbers. The size is a power of two at most 2^32, and 4294967311 = 2^32 + 15, so
   * (h1 * 4294967311 + h2) mod size = (h1 * 15 + h2) mod size, exact in a double (< 2^36).
   */
  private allocate4(h1: number): string | undefined {
    if (this.free4 <= 0) return undefined;
    const base = this.cidr.base4;
    const size = this.cidr.size4;
    const start = (h1 * 15 + extendHash(h1, HASH_SUFFIX)) % size;
    const probe = Math.min(size, 65536, Number(MAX_PROBE));
    const used = this.used4;
    for (let i = 0; i < probe; i++) {
      const n = base + ((start + i) % size);
      if (!used.has(n)) return this.take4(n);
    }
    while (this.sweep4 < size) {
      const n = base + this.sweep4++;
      if (!used.has(n)) return this.take4(n);
    }
    return undefined;
  }

  private take4(n: number): string {
    this.used4.add(n);
    this.free4--;
    return numberToIpv4(n);
  }

  private take(ip: string): string {
    this.used.add(ip);
    this.free--;
    return ip;
  }
}

/** Allocates simulated ClusterIPs in sorted order; returns the final records and the simulated values. */
export function allocateClusterIps(
  pending: PendingService[], cidrs: readonly Cidr[], simulated: SimulatedValue[], reserved: Iterable<string> = [],
): ServiceRecord[] {
  const log = new SimulatedLog();
  // The records to complete are copies: the caller's stay as they are.
  const own = pending.map((p) => (p.needs.length === 0 ? p : { record: { ...p.record }, needs: p.needs }));
  const out = allocateClusterIpsLogged(own, cidrs, log, reserved);
  log.materialize(simulated);
  return out;
}

/**
 * `allocateClusterIps` for the model: the simulated values go to a log (written out only if someone reads them), and
 * the pending records, which the caller gives away, are completed in place instead of copied.
 */
export function allocateClusterIpsLogged(
  pending: PendingService[], cidrs: readonly Cidr[], log: SimulatedLog, reserved: Iterable<string> = [],
): ServiceRecord[] {
  const taken = new Set<string>(reserved);
  // Indexed loops (see scan.ts): they run once per model.
  for (let i = 0; i < pending.length; i++) for (const ip of pending[i].record.clusterIPs) taken.add(ip);
  const allocators = new Map<IpFamily, Allocator>();
  for (const c of cidrs) if (!allocators.has(c.family)) allocators.set(c.family, new Allocator(c, taken));
  const sorted = sortByNamespaceAndName(pending, (p) => p.record.namespace, (p) => p.record.name);
  const out: ServiceRecord[] = [];
  let hashNs: string | undefined;
  let nsHash = 0;
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i];
    const record = p.record as { -readonly [K in keyof ServiceRecord]: ServiceRecord[K] };
    out.push(record);
    if (p.needs.length === 0) continue;
    if (record.namespace !== hashNs) {
      hashNs = record.namespace;
      nsHash = stableHash(`${hashNs}/`);
    }
    const h1 = extendHash(nsHash, record.name); // stableHash(`${ns}/${name}`)
    const ips = mapDefined(p.needs, (fam) => allocators.get(fam)?.allocateHashed(h1));
    record.clusterIPs = ips;
    record.clusterIPsSimulated = ips.length > 0;
    if (ips.length > 0) log.clusterIps(record);
  }
  return out;
}

/**
 * Sorts like `sortByKey` with key `${namespace}/${name}` (stable, code units), without building the keys: when no
 * namespace holds a `/`, that order is the order of `${namespace}/` and then of the name, so the items are grouped by
 * namespace and each group sorted by name (shorter comparisons, fewer of them). Returns a new array.
 */
export function sortByNamespaceAndName<T>(items: readonly T[], namespaceOf: (item: T) => string, nameOf: (item: T) => string): T[] {
  const groups = new Map<string, T[]>();
  let last: string | undefined;
  let group: T[] | undefined;
  for (let k = 0; k < items.length; k++) { // indexed: see scan.ts
    const item = items[k];
    const ns = namespaceOf(item);
    if (ns !== last || !group) {
      if (ns.includes('/')) return sortByKey(items.map((i) => ({ key: `${namespaceOf(i)}/${nameOf(i)}`, i }))).map((e) => e.i);
      group = groups.get(ns);
      if (!group) groups.set(ns, (group = []));
      last = ns;
    }
    group.push(item);
  }
  const namespaces = [...groups.keys()].map((ns) => `${ns}/`).sort(); // strings: default order = cmp, natively
  const out: T[] = [];
  for (const nsSlash of namespaces) {
    const g = groups.get(nsSlash.slice(0, -1))!;
    if (g.length > 1) {
      const names = g.map(nameOf);
      // Sort positions by name (stable: ties keep input order), then read the items in that order.
      const order = names.map((_, i) => i).sort((a, b) => (cmp(names[a], names[b]) || a - b));
      for (const i of order) out.push(g[i]);
    } else {
      out.push(g[0]);
    }
  }
  return out;
}

/** Sorts `{ key }` entries by key (code units), stably, in place; returns the array. */
export function sortByKey<T extends { readonly key: string }>(entries: T[]): T[] {
  return entries.sort((a, b) => cmp(a.key, b.key));
}
