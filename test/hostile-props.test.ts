/**
 * Hostile values in the props of every construct: each throws one sentence that names the construct path, quotes the
 * value (cut to about 80 characters), states the rule and the fix, and stays short however large the input is.
 */
import { Chart } from 'cdk8s';
import { testApp } from './test-app';
import { ContainerProbe } from '../src/container-options';
import { EndpointsMode } from '../src/endpoints-mode';
import { ExternalDependency } from '../src/external-dependency';
import { HeadlessStatefulSet } from '../src/headless-stateful-set';
import { MigratingDatabase } from '../src/migrating-database';
import { MigrationPhase } from '../src/migration-phase';
import { SelectorlessIpService } from '../src/selectorless-ip-service';
import { showList } from '../src/show-value';

const HUGE = 'a'.repeat(1_000_000);
const redis = { image: 'redis:7', ports: [{ name: 'redis', port: 6379 }] };
/** `n` container ports p0, p1, ... on ports 1000, 1001, ... */
const ports = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `p${i}`, port: 1000 + i }));

function newChart(context: Record<string, unknown> = {}): Chart {
  const app = testApp();
  for (const [key, value] of Object.entries(context)) app.node.setContext(key, value);
  return new Chart(app, 'prod');
}

/** The message `build` throws (fails when it throws none, or something that is not an Error). */
function messageOf(build: () => unknown): string {
  let thrown: unknown;
  try {
    build();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(Error);
  expect((thrown as Error).constructor).toBe(Error); // not a TypeError or RangeError from inside
  return (thrown as Error).message;
}

describe('error messages stay short for huge inputs', () => {
  test.each<[string, () => unknown, RegExp]>([
    ['an environment that is not among 100,000 environments', () => new ExternalDependency(newChart(), 'db', {
      externalNameByEnvironment: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`e${i}`, `h${i}.example.com`])),
      environment: 'staging',
    }), /^ExternalDependency "prod\/db": environment "staging" has no target in externalNameByEnvironment \("e0", "e1", .* and 99,990 more\); add a host/],
    ['a cyclic context value for the environment', () => {
      const cyclic: Record<string, unknown> = { env: 'prod' };
      cyclic.self = cyclic;
      return new ExternalDependency(newChart({ [ExternalDependency.ENVIRONMENT_CONTEXT_KEY]: cyclic }), 'db', {
        externalNameByEnvironment: { prod: 'db.example.com' },
      });
    }, /^ExternalDependency "prod\/db": context "service-discovery.environment" "\{ env: "prod", self: \[Circular\] \}" is not a string; set it to one of "prod"\.$/],
    ['a huge context value for the environment', () => new ExternalDependency(newChart({ [ExternalDependency.ENVIRONMENT_CONTEXT_KEY]: [HUGE] }), 'db', {
      externalNameByEnvironment: { prod: 'db.example.com' },
    }), /context "service-discovery.environment" "\["a+\.\.\." is not a string; set it to one of "prod"\.$/],
    ['a huge host with a port', () => new ExternalDependency(newChart(), 'db', { externalName: `${HUGE}:5432` }),
      /externalName "a{80}"\.\.\. includes a port; ExternalName takes only the host name \(such as "a{80}"\.\.\.\)/],
    ['a host label of 100 characters', () => new ExternalDependency(newChart(), 'db', { externalName: `db.${'x'.repeat(100)}.com` }),
      /has a label "x{80}"\.\.\. of 100 characters; a DNS label has at most 63/],
    ['a hostname not among 1000 addresses', () => {
      const service = new SelectorlessIpService(newChart(), 'api', { ports: [{ port: 443 }], endpointsMode: EndpointsMode.ENDPOINT_SLICES_ONLY });
      for (let i = 0; i < 1000; i++) service.addAddress(`10.0.${Math.floor(i / 256)}.${i % 256}`, { hostname: `h${i}` });
      return service.hostnameFqdn('nope');
    }, /hostname "nope" is not the hostname of any address \(known: "h0", .*"h9" and 990 more\); pass it to addAddress\(\) first\.$/],
    ['a peer port not among 3000 ports', () => new HeadlessStatefulSet(newChart(), 'redis', { ...redis, ports: ports(3000) }).joinPeerAddresses({ portName: 'nope' }),
      /joinPeerAddresses: port name "nope" is not one of the container ports \("p0", .*"p9" and 2,990 more\); use one of those names\.$/],
    ['a probe port not among 3000 ports', () => new HeadlessStatefulSet(newChart(), 'redis', { ...redis, ports: ports(3000), readinessProbe: ContainerProbe.tcp('nope') }),
      /readinessProbe port "nope" is not one of the container ports \("p0", .*"p9" and 2,990 more\); probe a declared port by name\.$/],
    ['an in-cluster port not among 3000 ports', () => new MigratingDatabase(newChart(), 'database', {
      externalName: 'db.example.com',
      port: 5432,
      phase: MigrationPhase.SYNC,
      inCluster: { image: 'postgres:16', ports: ports(3000), storage: { size: '1Gi' } },
    }), /port "5432" is not served by the in-cluster database \("p0" 1000\/TCP, .*"p9" 1009\/TCP and 2,990 more\); add a container port 5432/],
    ['a huge redis mount path', () => new HeadlessStatefulSet(newChart(), 'redis', { ...redis, storage: { size: '1Gi', mountPath: `/${HUGE}` } }),
      /storage.mountPath "\/a{79}"\.\.\. is not the redis image's data directory "\/data", .* or pass "--dir \/a{73}"\.\.\. in args\.$/],
    ['a huge PGDATA outside a huge mount path', () => new HeadlessStatefulSet(newChart(), 'pg', {
      image: 'postgres:16',
      ports: [{ name: 'postgres', port: 5432 }],
      storage: { size: '1Gi', mountPath: `/${HUGE}` },
      env: { PGDATA: { value: '/elsewhere' } as any },
    }), /env\["PGDATA"\] "\/elsewhere" is outside storage.mountPath "\/a{79}"\.\.\., .* such as "\/a{79}"\.\.\. or drop it\.$/],
  ])('%s', (_, build, expected) => {
    const message = messageOf(build);
    expect(message).toMatch(expected);
    expect(message.length).toBeLessThan(1000);
  });
});

describe('error messages quote control characters', () => {
  test.each<[string, () => unknown, RegExp]>([
    ['a NUL in a host label', () => new ExternalDependency(newChart(), 'db', { externalName: 'db\u0000.example.com' }),
      /has a label "db\\u0000" that is not an RFC 1123 label/],
    ['a BEL in a cluster domain label', () => new ExternalDependency(newChart(), 'db', { externalName: 'db.example.com', clusterDomain: 'clu\u0007ster.local' }),
      /clusterDomain "clu\\u0007ster.local" has a label "clu\\u0007ster" that is not a DNS-1123 label/],
  ])('%s', (_, build, expected) => {
    expect(messageOf(build)).toMatch(expected);
  });
});

describe('showList', () => {
  test.each<[string, unknown[], string]>([
    ['no values', [], ''],
    ['a few values, each quoted', ['a', 1], '"a", "1"'],
    ['ten values, all shown', Array.from({ length: 10 }, (_, i) => i), '"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"'],
    ['more than ten values, counted', Array.from({ length: 12_345 }, (_, i) => i), '"0", "1", "2", "3", "4", "5", "6", "7", "8", "9" and 12,335 more'],
  ])('shows %s', (_, values, expected) => {
    expect(showList(values)).toBe(expected);
  });
});

describe('labels and annotations', () => {
  /** `n` entries k0: v, k1: v, ... */
  const entries = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

  test.each<[string, (chart: Chart, n: number) => unknown, RegExp]>([
    ['ExternalDependency labels', (chart, n) => new ExternalDependency(chart, 'db', { externalName: 'db.example.com', labels: entries(n) }),
      /^ExternalDependency "prod\/db": labels has 1,001 entries; a construct writes at most 1000 \(cdk8s takes time that grows with the square of their number to render them\)\. Keep labels for what tools select and group by, and put other data in a ConfigMap\.$/],
    ['ExternalDependency annotations', (chart, n) => new ExternalDependency(chart, 'db', { externalName: 'db.example.com', annotations: entries(n) }),
      /^ExternalDependency "prod\/db": annotations has 1,001 entries; a construct writes at most 1000/],
    ['HeadlessStatefulSet labels', (chart, n) => new HeadlessStatefulSet(chart, 'redis', { ...redis, labels: entries(n) }),
      /^HeadlessStatefulSet "prod\/redis": labels has 1,001 entries; a construct writes at most 1000/],
    ['MigratingDatabase labels', (chart, n) => new MigratingDatabase(chart, 'database', {
      externalName: 'db.example.com', port: 5432, phase: MigrationPhase.EXTERNAL, labels: entries(n),
    }), /^MigratingDatabase "prod\/database": labels has 1,001 entries; a construct writes at most 1000/],
  ])('%s: 1000 entries synthesize, 1001 throw (rendering them takes time quadratic in their number)', (_, build, expected) => {
    const chart = newChart();
    build(chart, 1000);
    expect(chart.toJson().length).toBeGreaterThan(0);
    expect(messageOf(() => build(newChart(), 1001))).toMatch(expected);
  });

  test.each<[string, { [key: string]: string }]>([
    ['one value of 256 KiB less its key', { a: 'x'.repeat(256 * 1024 - 1) }],
    ['multi-byte characters, 262,144 bytes in all', { a: 'é'.repeat(131_071), b: '' }], // 1 + 262,142 + 1
  ])('accepts annotations of at most 256 KiB: %s', (_, annotations) => {
    const service = new ExternalDependency(newChart(), 'db', { externalName: 'db.example.com', annotations });
    expect(Object.keys(service.toJson().metadata.annotations)).toEqual(Object.keys(annotations));
  });

  test.each<[string, { [key: string]: string }, RegExp]>([
    ['one byte too many', { a: 'x'.repeat(256 * 1024) }, /annotations are 262,145 bytes/],
    ['multi-byte characters counted as UTF-8', { a: 'é'.repeat(131_072) }, /annotations are 262,145 bytes/],
    ['a 10 MB value', { a: 'x'.repeat(10_000_000) }, /annotations are 10,000,001 bytes/],
  ])('throws when annotations are over 256 KiB: %s', (_, annotations, expected) => {
    const message = messageOf(() => new ExternalDependency(newChart(), 'db', { externalName: 'db.example.com', annotations }));
    expect(message).toMatch(expected);
    expect(message).toMatch(/^ExternalDependency "prod\/db": annotations are [\d,]+ bytes \(keys and values, UTF-8; the largest, annotations\["a"\], [\d,]+\); the API server accepts at most 262,144 bytes \(256 KiB\) of annotations on an object\. Put large values in a ConfigMap and refer to it\.$/);
  });
});

describe('per-pod lists of a HeadlessStatefulSet', () => {
  test.each<[string, (set: HeadlessStatefulSet) => unknown]>([
    ['podNames', (set) => set.podNames],
    ['podDnsNames', (set) => set.podDnsNames],
    ['peerAddresses', (set) => set.peerAddresses()],
    ['joinPeerAddresses', (set) => set.joinPeerAddresses()],
  ])('%s: built for 150,000 replicas, throws for more (replicas: 1e9 ran out of memory)', (method, list) => {
    const largest = new HeadlessStatefulSet(newChart(), 'redis', { ...redis, replicas: 150_000 });
    const built = list(largest);
    expect(typeof built === 'string' ? built.split(',').length : (built as string[]).length).toBe(150_000);

    const huge = new HeadlessStatefulSet(newChart(), 'redis', { ...redis, replicas: 1e9 });
    expect(messageOf(() => list(huge))).toBe(`HeadlessStatefulSet "prod/redis": ${method}: replicas "1000000000" is more pods than a cluster runs (Kubernetes supports at most 150,000 pods in a cluster), so no list of every pod is built; lower replicas.`);
  });

  test('a StatefulSet of 1e9 replicas still synthesizes (the API server accepts it)', () => {
    const set = new HeadlessStatefulSet(newChart(), 'redis', { ...redis, replicas: 1e9 });
    expect(set.statefulSet.toJson().spec.replicas).toBe(1e9);
  });
});
