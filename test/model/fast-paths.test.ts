// The model's fast paths give the answers of the straightforward code they replaced (kept here as references):
/* eslint-disable no-bitwise */
// IPv4 on numbers, allocation, per-namespace sorting, (namespace, name) indexes, derived-slice grouping, laziness.
import * as fc from 'fast-check';
import * as ipaddr from 'ipaddr.js';
import { ipv4ToNumber, numberToIpv4 } from '../../src/k8s-syntax/ip';
import { ClusterModel } from '../../src/model/cluster-model';
import { cmp } from '../../src/model/compare';
import { deriveSlices } from '../../src/model/endpoints';
import { apiGroup, DefinedObjects, NsNameMap, SliceIndex } from '../../src/model/indexes';
import { Cidr, IpFamily, ipFamilyOf, ipToBigInt, parseIp } from '../../src/model/ip';
import { builtinKind, KubeObject, protocolOf, stringMap, stringMapGet } from '../../src/model/manifest';
import { ContainerPortRecord, EndpointSliceRecord, PodRecord, ServiceRecord } from '../../src/model/records';
import { Allocator, extendHash, sortByKey, sortByNamespaceAndName, stableHash } from '../../src/model/services';
import { objectsOf } from '../dns/helpers';

// Property tests: generous time on a loaded machine (the default 5 s is near for the larger ones).
jest.setTimeout(60_000);

/** The regular expression `parseIp` checks IPv4 with (the definition of a plain IPv4 address). */
const PLAIN_IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Strings that are often almost IPv4 addresses. */
const ipLike = fc.oneof(
  fc.ipV4(),
  fc.ipV4Extended(),
  fc.stringOf(fc.constantFrom('0', '1', '2', '5', '9', '.', '25', '255', '256', '00', 'a', ' ', ':'), { maxLength: 18 }),
  fc.string({ maxLength: 16 }),
);

describe('IPv4 on numbers', () => {
  test('ipv4ToNumber accepts exactly the plain dotted quads, with their value', () => {
    fc.assert(fc.property(ipLike, (text) => {
      const n = ipv4ToNumber(text);
      expect(n >= 0).toBe(PLAIN_IPV4.test(text));
      if (n >= 0) {
        expect(n).toBe(Number(ipaddr.IPv4.parse(text).toByteArray().reduce((acc, b) => acc * 256 + b, 0)));
        expect(numberToIpv4(n)).toBe(text);
      }
    }), { numRuns: 2000 });
  });

  test.each([
    ['leading zero', '01.2.3.4', -1],
    ['part over 255', '1.2.3.256', -1],
    ['five parts', '1.2.3.4.5', -1],
    ['empty part', '1..3.4', -1],
    ['trailing newline', '1.2.3.4\n', -1],
    ['all ones', '255.255.255.255', 4294967295],
    ['zero', '0.0.0.0', 0],
  ])('ipv4ToNumber: %s', (_name, text, n) => {
    expect(ipv4ToNumber(text)).toBe(n);
  });

  test('Cidr.contains and addressAt agree with BigInt arithmetic', () => {
    const offsets = fc.bigInt({ min: -(1n << 40n), max: 1n << 40n });
    fc.assert(fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), ipLike, offsets, (base, bits, ip, offset) => {
      const c = Cidr.parse(`${base}/${bits}`)!;
      const p = parseIp(ip);
      const n = p?.family === 'IPv4' ? ipToBigInt(p.text) : undefined;
      expect(c.contains(ip)).toBe(n !== undefined && n >= c.base && n < c.base + c.size);
      expect(c.containsIpv4(ipv4ToNumber(ip))).toBe(c.contains(ip));
      const at = c.base + (((offset % c.size) + c.size) % c.size);
      expect(c.addressAt(offset)).toBe(ipaddr.fromByteArray([24, 16, 8, 0].map((s) => Number((at >> BigInt(s)) & 255n))).toString());
    }), { numRuns: 1000 });
  });

  test('IPv6 blocks are unchanged: no IPv4 answers, BigInt arithmetic', () => {
    const c = Cidr.parse('fd00::/120')!;
    expect(c.containsIpv4(ipv4ToNumber('10.0.0.1'))).toBe(false);
    expect(c.contains('fd00::ff')).toBe(true);
    expect(c.contains('fd00::100')).toBe(false);
    expect(c.addressAt(257n)).toBe('fd00::1');
    expect([ipFamilyOf('fd00::1'), ipFamilyOf('10.0.0.1')]).toEqual(['IPv6', 'IPv4']);
  });
});

/** The allocator before IPv4 went to numbers (BigInt offsets, text addresses). */
class ReferenceAllocator {
  private readonly used = new Set<string>();
  private readonly limit: bigint;
  private free: bigint;
  private sweep = 0n;
  public constructor(private readonly cidr: Cidr, reserved: Iterable<string>) {
    for (const ip of reserved) this.used.add(ip);
    for (const off of [0n, 1n, 10n]) if (off < cidr.size) this.used.add(cidr.addressAt(off));
    if (cidr.family === 'IPv4') this.used.add(cidr.addressAt(cidr.size - 1n));
    this.limit = cidr.size < 65536n ? cidr.size : 65536n;
    let inside = 0n;
    for (const ip of this.used) if (cidr.contains(ip)) inside++;
    this.free = cidr.size - inside;
  }
  public allocate(seed: string): string | undefined {
    if (this.free <= 0n) return undefined;
    const h = BigInt(stableHash(seed)) * 4294967311n + BigInt(stableHash(`${seed}#`));
    const start = h % this.cidr.size;
    const probe = this.limit < 64n ? this.limit : 64n;
    for (let i = 0n; i < probe; i++) {
      const ip = this.cidr.addressAt(start + i);
      if (!this.used.has(ip)) return this.take(ip);
    }
    while (this.sweep < this.cidr.size) {
      const ip = this.cidr.addressAt(this.sweep++);
      if (!this.used.has(ip)) return this.take(ip);
    }
    return undefined;
  }
  private take(ip: string): string {
    this.used.add(ip);
    this.free--;
    return ip;
  }
}

describe('Allocator', () => {
  test('hands out the addresses of the BigInt allocator, in the same order, until the block is full', () => {
    const block = fc.oneof(
      fc.tuple(fc.ipV4(), fc.integer({ min: 20, max: 32 })).map(([ip, bits]) => `${ip}/${bits}`),
      fc.tuple(fc.ipV6(), fc.integer({ min: 116, max: 128 })).map(([ip, bits]) => `${ip}/${bits}`),
    );
    fc.assert(fc.property(block, fc.array(fc.nat(300)), fc.array(fc.string({ maxLength: 12 }), { maxLength: 300 }), (text, offsets, seeds) => {
      const c = Cidr.parse(text)!;
      const reserved = [...offsets.map((o) => c.addressAt(BigInt(o))), '10.0.0.1', 'junk', '010.0.0.1', 'fd00::1'];
      const fast = new Allocator(c, reserved);
      const ref = new ReferenceAllocator(c, reserved);
      for (const seed of seeds) expect(fast.allocate(seed)).toBe(ref.allocate(seed));
      expect(fast.allocateHashed(stableHash('x/y'))).toBe(ref.allocate('x/y'));
    }), { numRuns: 200 });
  });

  test('extendHash continues stableHash', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => {
      expect(extendHash(stableHash(a), b)).toBe(stableHash(a + b));
    }));
  });
});

test('sortByNamespaceAndName sorts like the joined ns/name keys (stable, also with / in namespaces)', () => {
  const part = fc.stringOf(fc.constantFrom('a', 'b', '-', '.', '/', '0', 'Z', '\u00e9'), { maxLength: 4 });
  fc.assert(fc.property(fc.array(fc.tuple(part, part)), (pairs) => {
    const items = pairs.map(([ns, name], i) => ({ ns, name, i }));
    const expected = sortByKey(items.map((x) => ({ key: `${x.ns}/${x.name}`, x }))).map((e) => e.x.i);
    expect(sortByNamespaceAndName(items, (x) => x.ns, (x) => x.name).map((x) => x.i)).toEqual(expected);
  }), { numRuns: 500 });
});

describe('(namespace, name) indexes', () => {
  const part = fc.stringOf(fc.constantFrom('a', '/', '\0', 'b'), { maxLength: 3 });

  test('NsNameMap answers like a map keyed by ns/name', () => {
    fc.assert(fc.property(fc.array(fc.tuple(part, part, fc.nat())), fc.array(fc.tuple(part, part)), (sets, gets) => {
      const m = new NsNameMap<number>();
      const joined = new Map<string, number>();
      for (const [ns, name, v] of sets) {
        m.set(ns, name, v);
        joined.set(`${ns}/${name}`, v);
      }
      for (const [ns, name] of [...gets, ...sets.map(([a, b]) => [a, b])]) expect(m.get(ns, name)).toBe(joined.get(`${ns}/${name}`));
    }));
  });

  test('SliceIndex keeps first-added key order and copies lists', () => {
    const idx = new SliceIndex();
    const slice = (ns: string, svc: string, name: string) => ({ namespace: ns, serviceName: svc, name } as EndpointSliceRecord);
    idx.push('b', 'x', slice('b', 'x', '1'));
    idx.push('a', 'y', slice('a', 'y', '2'));
    idx.push('b', 'x', slice('b', 'x', '3'));
    const copy = idx.copy();
    copy.push('b', 'x', slice('b', 'x', '4'));
    expect(idx.lists().map((l) => l.map((s) => s.name))).toEqual([['1', '3'], ['2']]);
    expect(copy.lists().map((l) => l.map((s) => s.name))).toEqual([['1', '3', '4'], ['2']]);
    expect(copy.has('a', 'y') && !copy.has('a', 'x')).toBe(true);
  });

  test('DefinedObjects tells tuples apart like the NUL-joined text of (API group, kind, namespace, name)', () => {
    fc.assert(fc.property(fc.array(fc.tuple(part, part, part, part)), (tuples) => {
      const defined = new DefinedObjects();
      const joined = new Map<string, number>();
      tuples.forEach(([apiVersion, kind, ns, name], i) => {
        const key = `${apiGroup(apiVersion)}\0${kind}\0${ns}\0${name}`;
        expect(defined.define({ apiVersion, kind }, ns, name, i)).toBe(joined.get(key) ?? -1);
        joined.set(key, i);
      });
    }));
  });

  test.each([
    ['v1', ''],
    ['/v1', ''],
    ['apps/v1', 'apps'],
    ['autoscaling/v2', 'autoscaling'],
    ['a/b/v1', 'a/b'],
  ])('apiGroup(%p) is %p', (apiVersion, group) => {
    expect(apiGroup(apiVersion)).toBe(group);
  });
});

describe('manifest accessors', () => {
  const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.object());
  test('stringMapGet(v, k) is stringMap(v)[k]', () => {
    fc.assert(fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'toString', 'constructor'), value), fc.constantFrom('a', 'b', 'toString', 'constructor'), (v, k) => {
      const expected = Object.prototype.hasOwnProperty.call(stringMap(v), k) ? stringMap(v)[k] : undefined;
      expect(stringMapGet(v, k)).toBe(expected);
    }));
    expect(stringMapGet(['x'], '0')).toBeUndefined();
    expect(stringMapGet(Object.defineProperty({}, 'a', { value: 'x', enumerable: false }), 'a')).toBeUndefined();
  });

  test('protocolOf is (nonEmptyString(v) ?? TCP).toUpperCase()', () => {
    fc.assert(fc.property(fc.oneof(value, fc.constantFrom('TCP', 'udp', 'Sctp', '')), (v) => {
      expect(protocolOf(v)).toBe((typeof v === 'string' && v.length > 0 ? v : 'TCP').toUpperCase());
    }));
  });

  test('builtinKind compares the API group without slicing', () => {
    const groups: { [kind: string]: string[] } = {
      Service: [''],
      Pod: [''],
      Endpoints: [''],
      Namespace: [''],
      EndpointSlice: ['discovery.k8s.io'],
      StatefulSet: ['apps'],
      Deployment: ['apps', 'extensions'],
      ReplicaSet: ['apps', 'extensions'],
      DaemonSet: ['apps', 'extensions'],
    };
    const reference = (o: KubeObject) => {
      const kind = o.kind;
      if (typeof kind !== 'string' || !Object.prototype.hasOwnProperty.call(groups, kind)) return undefined;
      if (o.apiVersion === undefined) return kind;
      if (typeof o.apiVersion !== 'string') return undefined;
      const v = o.apiVersion;
      return groups[kind].includes(v.includes('/') ? v.slice(0, v.lastIndexOf('/')) : '') ? kind : undefined;
    };
    const apiVersion = fc.oneof(fc.constantFrom(undefined, 7, 'v1', 'apps/v1', 'apps', 'apps/', '/v1', 'apps/v1/x', 'extensions/v1beta1',
      'discovery.k8s.io/v1', 'discovery.k8s.io', 'xapps/v1', 'apps/x/v1'), fc.string());
    const kind = fc.constantFrom(...Object.keys(groups), 'Widget', 'toString', '__proto__');
    fc.assert(fc.property(apiVersion, kind, (v, k) => {
      const o = { apiVersion: v, kind: k } as KubeObject;
      expect(builtinKind(o)).toBe(reference(o));
    }), { numRuns: 1000 });
  });
});

/** Derived slices as grouped before (a JSON key per pod). */
function referenceGroups(svc: ServiceRecord, pods: readonly PodRecord[], family: IpFamily): string[] {
  const groups = new Map<string, { ports: unknown; names: string[] }>();
  for (const pod of pods) {
    if (!Object.entries(svc.selector!).every(([k, v]) => pod.labels[k] === v)) continue;
    if (!pod.ips.some((i) => parseIp(i)!.family === family)) continue;
    const ports = [];
    for (const sp of svc.ports) {
      const port = typeof sp.targetPort === 'number' ? sp.targetPort
        : pod.containerPorts.find((c) => c.name === sp.targetPort && c.protocol === sp.protocol)?.containerPort;
      if (port !== undefined) ports.push({ name: sp.name, port, protocol: sp.protocol });
    }
    const key = JSON.stringify(ports);
    const g = groups.get(key) ?? { ports, names: [] };
    g.names.push(pod.name);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => `${JSON.stringify(g.ports)} ${g.names.join(',')}`);
}

test('deriveSlices groups pods by slice ports like one JSON key per pod', () => {
  const portLists: ContainerPortRecord[][] = [
    [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
    [{ name: 'http', containerPort: 80, protocol: 'TCP' }], // same content, another array
    [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
    [{ name: 'web', containerPort: 80, protocol: 'TCP' }],
    [],
  ];
  const pod = fc.record({ ports: fc.nat(portLists.length - 1), app: fc.constantFrom('a', 'b'), v6: fc.boolean() });
  fc.assert(fc.property(fc.array(pod, { maxLength: 12 }), fc.constantFrom<(number | string)[]>(['http'], ['http', 'web'], [80, 'web'], []), (specs, targets) => {
    const pods = specs.map((p, i) => ({
      namespace: 'ns',
      name: `p${i}`,
      labels: { app: p.app },
      ips: p.v6 ? ['fd00::1', '10.0.0.1'] : ['10.0.0.2'],
      ipsSimulated: true,
      ready: true,
      terminating: false,
      containerPorts: portLists[p.ports],
      origin: 'Pod',
      simulated: false,
    } as PodRecord));
    const svc = {
      namespace: 'ns',
      name: 's',
      type: 'ClusterIP',
      headless: false,
      clusterIPs: [],
      clusterIPsSimulated: false,
      ipFamilies: ['IPv4', 'IPv6'],
      selector: { app: 'a' },
      ports: targets.map((t, i) => ({ name: `p${i}`, port: 1000 + i, protocol: 'TCP', targetPort: t })),
      publishNotReadyAddresses: false,
      object: {},
    } as ServiceRecord;
    const slices = deriveSlices(svc, pods);
    const got = (family: string) => slices.filter((s) => s.addressType === family)
      .map((s) => `${JSON.stringify(s.ports)} ${s.endpoints.map((e) => e.targetRefName).join(',')}`);
    expect(got('IPv4')).toEqual(referenceGroups(svc, pods, 'IPv4'));
    expect(got('IPv6')).toEqual(referenceGroups(svc, pods, 'IPv6'));
    const portArrays = slices.map((s) => s.ports);
    expect(new Set(portArrays).size).toBe(portArrays.length); // no two slices share a ports array
  }), { numRuns: 300 });
});

describe('built on first use', () => {
  const objects = objectsOf(`
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [{ port: 80, targetPort: http }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec: { replicas: 2, template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: c, ports: [{ name: http, containerPort: 8080 }] }] } } }
---
apiVersion: v1
kind: Service
metadata: { name: legacy }
spec: { ports: [{ port: 5432 }] }
---
apiVersion: v1
kind: Endpoints
metadata: { name: legacy }
subsets: [{ addresses: [{ ip: 192.0.2.10 }], ports: [{ port: 5432 }] }]
`);
  const answers = (m: ClusterModel, order: number[]) => {
    const out: unknown[] = [];
    const queries: (() => unknown)[] = [
      () => m.simulated.map((s) => s.text),
      () => m.pods().map((p) => [p.name, p.ips]),
      () => m.endpointSlices('default', 'web'),
      () => m.endpointSlices('default', 'legacy'),
      () => m.readyEndpointIps().map((ip) => [ip, m.readyEndpointsByIp(ip).map((e) => e.serviceName)]),
      () => m.podsByIp(m.pods()[0].ips[0]).map((p) => p.name),
      () => m.servicesByClusterIp(m.service('default', 'web')!.clusterIPs[0]).map((s) => s.name),
    ];
    for (const i of order) out[i] = queries[i]();
    return out;
  };

  test('answers do not depend on which query comes first', () => {
    const first = answers(ClusterModel.fromObjects(objects), [0, 1, 2, 3, 4, 5, 6]);
    expect(answers(ClusterModel.fromObjects(objects), [6, 5, 4, 3, 2, 1, 0])).toEqual(first);
    expect(answers(ClusterModel.fromObjects(objects), [3, 0, 5, 1, 6, 2, 4])).toEqual(first);
    expect(first[4]).toEqual(expect.arrayContaining([['192.0.2.10', ['legacy']]]));
  });

  test('simulated is sorted by text and stable across reads', () => {
    const m = ClusterModel.fromObjects(objects);
    const texts = m.simulated.map((s) => s.text);
    expect(texts).toEqual([...texts].sort(cmp));
    expect(m.simulated).toBe(m.simulated);
    expect(m.simulated.map((s) => s.kind).sort()).toEqual(['ClusterIP', 'ClusterIP', 'EndpointSlice', 'Pod', 'Pod', 'PodIP', 'PodIP']);
  });
});

test('readyEndpointsByIp lists input, then mirrored (Endpoints order), then derived slices (Service order)', () => {
  const m = ClusterModel.fromObjects(objectsOf(`
apiVersion: v1
kind: Pod
metadata: { name: p, labels: { app: x } }
status: { podIP: 10.0.0.5, phase: Running, conditions: [{ type: Ready, status: "True" }] }
---
apiVersion: v1
kind: Service
metadata: { name: b-derived }
spec: { selector: { app: x }, ports: [{ port: 80 }] }
---
apiVersion: v1
kind: Service
metadata: { name: a-derived }
spec: { selector: { app: x }, ports: [{ port: 80 }] }
---
apiVersion: v1
kind: Endpoints
metadata: { name: y-mirror }
subsets: [{ addresses: [{ ip: 10.0.0.5 }] }]
---
apiVersion: v1
kind: Endpoints
metadata: { name: x-mirror }
subsets: [{ addresses: [{ ip: 10.0.0.5 }] }]
---
apiVersion: v1
kind: Service
metadata: { name: x-mirror }
---
apiVersion: v1
kind: Service
metadata: { name: y-mirror }
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: { name: z, labels: { kubernetes.io/service-name: z-input } }
addressType: IPv4
endpoints: [{ addresses: [10.0.0.5] }]
`));
  const expected = [['z-input', 'input'], ['y-mirror', 'mirrored'], ['x-mirror', 'mirrored'], ['a-derived', 'derived'], ['b-derived', 'derived']];
  expect(m.readyEndpointsByIp('10.0.0.5').map((e) => [e.serviceName, e.slice.origin])).toEqual(expected);
  // The same records whichever query built them first.
  const m2 = ClusterModel.fromObjects(m.objects.map((o) => o.object));
  const first = m2.endpointSlices('default', 'b-derived')[0];
  expect(m2.readyEndpointsByIp('10.0.0.5')[4].slice).toBe(first);
  expect(m2.endpointSlices('default', 'x-mirror')).toEqual(m.endpointSlices('default', 'x-mirror'));
});
