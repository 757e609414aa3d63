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
