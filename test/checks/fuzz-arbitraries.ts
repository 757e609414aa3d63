/**
 * fast-check arbitraries for the checker's property tests (test/checks/properties.test.ts) and the on-demand
 * 100,000-case run (scripts/fuzz.ts): arbitrary objects, random mutations of valid manifests (missing fields, wrong
 * types, huge values, unicode), and ExternalName cycles.
 */
import * as fc from 'fast-check';
import { check } from '../../src/checks/engine';
import { Resolver } from '../../src/dns/resolver';
import { ClusterModel } from '../../src/model/cluster-model';

type Obj = { [key: string]: any };

/** A valid, realistic manifest set touching every rule family. */
export function validManifests(): Obj[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' }, spec: { replicas: 2, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'x', ports: [{ name: 'http', containerPort: 3000 }], env: [{ name: 'DB', value: 'postgres://db-0.db:5432/x' }, { name: 'EXT', value: 'ext:443' }], args: ['--cache=redis.cache:6379'] }] } } } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'shop' }, spec: { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'shop' }, spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432 }] } },
    { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop' }, spec: { serviceName: 'db', replicas: 3, selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres', ports: [{ name: 'pg', containerPort: 5432 }], volumeMounts: [{ name: 'data', mountPath: '/d' }] }] } }, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'shop' }, spec: { ports: [{ name: 'https', port: 443 }] } },
    { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'ext-ipv4', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'ext', 'endpointslice.kubernetes.io/managed-by': 'me' } }, addressType: 'IPv4', endpoints: [{ addresses: ['203.0.113.10'] }, { addresses: ['203.0.113.11'], hostname: 'b', conditions: { ready: false } }], ports: [{ name: 'https', port: 443, protocol: 'TCP' }] },
    { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ext', namespace: 'shop', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } }, subsets: [{ addresses: [{ ip: '203.0.113.10' }], notReadyAddresses: [{ ip: '203.0.113.11' }], ports: [{ name: 'https', port: 443 }] }] },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'redis', namespace: 'cache' }, spec: { type: 'ExternalName', externalName: 'redis.example.com' } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'alias', namespace: 'shop' }, spec: { type: 'ExternalName', externalName: 'api.shop.svc.cluster.local' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' }, data: { URL: 'http://api.shop', OTHER: 'x' } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop', labels: { app: 'solo' } }, spec: { hostname: 'p', subdomain: 'db', containers: [{ name: 'c' }] }, status: { podIP: '10.244.1.5', conditions: [{ type: 'Ready', status: 'True' }] } },
    { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'listed', namespace: 'shop' }, spec: { selector: { app: 'api' }, ports: [{ port: 81, targetPort: 3000 }] } }] },
  ];
}

/** Values that break assumptions: wrong types, huge and odd numbers, unicode, deep nesting. */
export const nasty: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(undefined, null, true, false, 0, -1, 1.5, 65536, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, Infinity, -Infinity, NaN, '', ' ', '0', 'None', 'TCP', 'tcp', '::', '::ffff:127.0.0.1', '010.1.2.3', '10.96.0.1', 'a'.repeat(300), 'ü-ñ.例え.テスト', '\u0000', '%', '-', '.', '..', 'a..b', '{}', '[]'), weight: 10 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 2 },
  { arbitrary: fc.integer(), weight: 2 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.array(fc.anything({ maxDepth: 2, maxKeys: 3 }), { maxLength: 4 }), weight: 2 },
  { arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 2, maxKeys: 3 }), { maxKeys: 4 }), weight: 2 },
  // huge values: a long string and lists just over the API limits (1000 endpoints / addresses per subset)
  { arbitrary: fc.constant('x'.repeat(20_000)), weight: 1 },
  { arbitrary: fc.constant(Array.from({ length: 1001 }, (_, i) => ({ ip: `10.${i % 250}.0.1`, addresses: [`198.51.100.${i % 250}`] }))), weight: 1 },
);

/** A copy, so that shared constants are never mutated and no cycles are built. */
function clone<T>(v: T): T {
  try {
    return structuredClone(v);
  } catch {
    return v;
  }
}

/** Every path (list of keys) in an object tree, up to a depth. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = [], depth = 0): (string | number)[][] {
  if (depth > 8 || v === null || typeof v !== 'object') return out;
  for (const [k, child] of Object.entries(v as object)) {
    const p = [...prefix, Array.isArray(v) ? Number(k) : k];
    out.push(p);
    paths(child, p, out, depth + 1);
  }
  return out;
}

function setAt(root: any, path: (string | number)[], value: unknown): void {
  let cur = root;
  for (let i = 0; i < path.length - 1; i++) {
    cur = cur?.[path[i]];
    if (cur === null || typeof cur !== 'object') return;
  }
  const last = path[path.length - 1];
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}

/** The valid set with 1-6 random mutations (delete, replace by a nasty value, duplicate an object). */
export const mutatedManifests: fc.Arbitrary<Obj[]> = fc.tuple(
  fc.array(fc.tuple(fc.nat(), nasty, fc.boolean()), { minLength: 1, maxLength: 6 }),
  fc.nat(),
).map(([mutations, dup]) => {
  const objs: any[] = JSON.parse(JSON.stringify(validManifests()));
  for (const [pick, value, del] of mutations) {
    const all = paths(objs);
    const path = all[pick % all.length];
    setAt(objs, path, del ? undefined : clone(value));
  }
  if (dup % 3 === 0 && objs.length > 0) objs.push(objs[dup % objs.length]);
  return objs;
});

/** ExternalName Services pointing at each other at random (cycles, self-loops, long chains), across namespaces. */
export const externalNameWeb: fc.Arbitrary<Obj[]> = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 15 }), fc.constantFrom('a', 'b'), fc.constantFrom('', '.', '.svc', '.svc.cluster.local', '.svc.cluster.local.')),
  { minLength: 1, maxLength: 30 },
).map((links) => links.map(([from, to, ns, suffix]) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: `s${from}`, namespace: ns },
  spec: { type: 'ExternalName', externalName: `s${to}.${ns === 'a' ? 'b' : 'a'}${suffix}` },
})));

/** Arbitrary values as the input list (anything at all, including non-objects). */
export const anyInput: fc.Arbitrary<unknown[]> = fc.array(fc.oneof(fc.anything({ maxDepth: 3, maxKeys: 4 }), fc.record({
  apiVersion: fc.constant('v1'),
  kind: fc.constantFrom('Service', 'Endpoints', 'EndpointSlice', 'StatefulSet', 'Deployment', 'Pod', 'ConfigMap', 'Namespace', 'List'),
  metadata: fc.oneof(
    fc.anything({ maxDepth: 2 }),
    fc.record({ name: fc.oneof(fc.string({ maxLength: 10 }), nasty), namespace: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 6 })) }),
  ),
  spec: fc.anything({ maxDepth: 3 }),
  subsets: fc.anything({ maxDepth: 3 }),
  endpoints: fc.anything({ maxDepth: 3 }),
  items: fc.anything({ maxDepth: 3 }),
})), { maxLength: 8 });

/**
 * The property: building the model, checking it and resolving names never throws, and no rule crashes (the engine
 * would turn a crash into a `Checker//<rule>` finding). Returns normally or throws an Error describing the failure.
 */
export function neverThrows(objects: unknown[]): void {
  const model = ClusterModel.fromObjects(objects as any[]);
  const result = check(model);
  const crashed = result.findings.filter((f) => f.resource.startsWith('Checker//'));
  if (crashed.length > 0) throw new Error(`rule crashed: ${crashed[0].message}`);
  if (result.success !== !result.findings.some((f) => f.level === 'error')) throw new Error('success disagrees with the findings');
  const resolver = new Resolver(model);
  for (const svc of model.services().slice(0, 10)) {
    for (const type of ['A', 'AAAA', 'SRV', 'CNAME']) resolver.resolve(`${svc.name}.${svc.namespace}.svc.${model.options.clusterDomain}`, type);
  }
}
