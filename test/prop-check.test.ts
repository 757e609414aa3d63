import { Duration } from 'cdk8s';
import * as fc from 'fast-check';
import { anyValue } from './prop-types-fuzz';
import { ContainerProbe, PodSecurity, UpdateStrategy } from '../src/container-options';
import { ExternalNamePolicy } from '../src/policy/external-name-policy';
import { ServiceReference } from '../src/service-reference';
import { SessionAffinity } from '../src/session-affinity';
import { showValue } from '../src/show-value';

describe('showValue', () => {
  const cyclic: any = { a: 1 };
  cyclic.self = cyclic;
  test.each<[string, unknown, string]>([
    ['a string, as JSON', 'db', '"db"'],
    ['a number', 5, '"5"'],
    ['NaN', NaN, '"NaN"'],
    ['null', null, '"null"'],
    ['a list', [1, 'a'], '"[1, "a"]"'],
    ['a cyclic object', cyclic, '"{ a: 1, self: [Circular] }"'],
    ['a null-prototype object', Object.create(null), '"{}"'],
    ['a function', function named() {}, '"function named"'],
  ])('shows %s', (_, value, expected) => {
    expect(showValue(value)).toBe(expected);
  });

  test('cuts a huge string before serializing it', () => {
    expect(showValue('x'.repeat(10_000_000))).toBe(`"${'x'.repeat(80)}"...`);
  });

  test('shows any value in a bounded number of characters and never throws', () => {
    fc.assert(fc.property(anyValue, (v) => {
      expect(showValue(v).length).toBeLessThanOrEqual(6 * 80 + 5); // 80 characters, each at most 6 when JSON-escaped
    }));
  });
});

// The factories of the value types check the type of each argument (issue 16).
describe('factories check the type of every argument', () => {
  test.each<[string, () => unknown, RegExp]>([
    ['SessionAffinity.clientIp gets a number', () => SessionAffinity.clientIp(300 as any),
      /^SessionAffinity\.clientIp: timeout "300" is not a Duration \(it is a number\); use for example Duration\.hours\(1\)\.$/],
    ['ServiceReference.fromName gets a null namespace', () => ServiceReference.fromName(null as any, 'db'),
      /^ServiceReference\.fromName: namespace "null" is not a string \(it is null\)/],
    ['ServiceReference.fromName gets a numeric name', () => ServiceReference.fromName('cache', 5 as any),
      /^ServiceReference\.fromName: name "5" is not a string \(it is a number\)/],
    ['ServiceReference.fromName gets a numeric clusterDomain', () => ServiceReference.fromName('cache', 'db', { clusterDomain: 5 as any }),
      /^ServiceReference: clusterDomain "5" is not a string \(it is a number\)/],
    ['ContainerProbe.exec gets a string command', () => ContainerProbe.exec('redis-cli ping' as any),
      /^ContainerProbe\.exec: command "redis-cli ping" is not a list \(it is a string\)/],
    ['ContainerProbe.tcp gets a numeric port name', () => ContainerProbe.tcp(6379 as any),
      /^ContainerProbe\.tcp: portName "6379" is not a string \(it is a number\)/],
    ['ContainerProbe.http gets a numeric path', () => ContainerProbe.http(5 as any, 'http'),
      /^ContainerProbe\.http: path "5" is not a string \(it is a number\)/],
    ['ContainerProbe.tcp gets string options', () => ContainerProbe.tcp('redis', 'fast' as any),
      /^ContainerProbe\.tcp: options "fast" is not an object \(it is a string\)/],
    ['UpdateStrategy.rollingUpdate gets a string partition', () => UpdateStrategy.rollingUpdate({ partition: '2' as any }),
      /^UpdateStrategy\.rollingUpdate: partition "2" is not a number \(it is a string\)/],
    ['PodSecurity.nonRoot gets a string writable path list', () => PodSecurity.nonRoot({ writablePaths: '/tmp' as any }),
      /^PodSecurity\.nonRoot: writablePaths "\/tmp" is not a list \(it is a string\)/],
    ['PodSecurity.nonRoot gets a string readOnlyRootFilesystem', () => PodSecurity.nonRoot({ readOnlyRootFilesystem: 'no' as any }),
      /^PodSecurity\.nonRoot: readOnlyRootFilesystem "no" is not a boolean \(it is a string\)/],
    ['ExternalNamePolicy gets a number', () => new ExternalNamePolicy(5 as any),
      /^ExternalNamePolicy: options "5" is not an object \(it is a number\)/],
    ['ExternalNamePolicy.applyTo gets a string', () => new ExternalNamePolicy().applyTo('app' as any),
      /^ExternalNamePolicy\.applyTo: scope "app" is not a construct \(it is a string\)/],
  ])('throws when %s', (_, call, expected) => {
    expect(call).toThrow(expected);
  });

  test('null optional arguments count as not set', () => {
    expect(SessionAffinity.clientIp(null as any).timeout).toBeUndefined();
    expect(ServiceReference.fromName('cache', 'redis', null as any).serviceFqdn).toBe('redis.cache.svc.cluster.local');
    expect(ContainerProbe.tcp('redis', null as any)._toKube()).toEqual({ tcpSocket: { port: expect.anything() } });
    expect(PodSecurity.nonRoot({ user: null as any }).options.user).toBeUndefined();
  });

  test('value types are recognized across copies of the library (by their Symbol.for brand)', () => {
    expect(Symbol.for('cdk8s-service-discovery.PodSecurity') in PodSecurity.imageDefault()).toBe(true);
    expect(Symbol.for('cdk8s-service-discovery.SessionAffinity') in SessionAffinity.clientIp(Duration.hours(1))).toBe(true);
  });

  test.each<[string, (v: any) => unknown]>([
    ['SessionAffinity.clientIp', (v) => SessionAffinity.clientIp(v)],
    ['ServiceReference.fromName namespace', (v) => ServiceReference.fromName(v, 'db')],
    ['ServiceReference.fromName options', (v) => ServiceReference.fromName('cache', 'db', v)],
    ['ContainerProbe.tcp', (v) => ContainerProbe.tcp(v)],
    ['ContainerProbe.http', (v) => ContainerProbe.http(v, 'http')],
    ['ContainerProbe.exec', (v) => ContainerProbe.exec(v)],
    ['ContainerProbe.tcp options', (v) => ContainerProbe.tcp('redis', { periodSeconds: v })],
    ['UpdateStrategy.rollingUpdate', (v) => UpdateStrategy.rollingUpdate(v)],
    ['PodSecurity.nonRoot', (v) => PodSecurity.nonRoot(v)],
    ['PodSecurity.nonRoot writablePaths', (v) => PodSecurity.nonRoot({ writablePaths: v })],
    ['ExternalNamePolicy', (v) => new ExternalNamePolicy(v)],
    ['ExternalNamePolicy allowedExternalSuffixes', (v) => new ExternalNamePolicy({ allowedExternalSuffixes: v })],
  ])('%s with any value returns or throws an Error, never a TypeError', (_, call) => {
    fc.assert(fc.property(anyValue, (v) => {
      try {
        call(v);
      } catch (e) {
        expect((e as Error).constructor).toBe(Error);
        expect((e as Error).message.length).toBeLessThan(1000);
      }
    }), { numRuns: 200 });
  });
});
