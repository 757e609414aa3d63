import { hostOf, workloadNameUnresolved } from '../../../src/checks/rules/workload-name-unresolved';
import { configMap, deployment, messages, run, service } from '../builders';

const app = (env: object[], extra: object = {}, labels = { app: 'app' }) => deployment('app', labels, [], { env, ...extra });

describe('workload-name-unresolved', () => {
  test.each([
    ['redis:6379', 'redis'],
    ['http://api.payments', 'api.payments'],
    ['db.other.svc', 'db.other.svc'],
    ['postgres://u:p@db:5432/x', 'db'],
    ['https://api.github.com', 'api.github.com'],
    ['10.0.0.1:80', undefined],
    ['hello world', undefined],
    ['localhost:8080', undefined],
    ['redis:7', undefined],
    ['postgres:16', undefined],
  ])('hostOf(%p) is %p', (value, host) => {
    expect(hostOf(value)).toBe(host);
  });

  test.each<[string, string, string | undefined]>([
    ['an s3 bucket URL', 's3://bucket/key', undefined],
    ['a gs bucket URL', 'gs://bucket', undefined],
    ['a grpc URL', 'grpc://api:9090', 'api'],
    ['a mongodb+srv URL', 'mongodb+srv://db.data.svc/x', 'db.data.svc'],
  ])('hostOf treats %s by its scheme', (_, value, host) => {
    expect(hostOf(value)).toBe(host);
  });

  test.each<[string, string, string, string | undefined]>([
    ['a user:uid flag', '--user', 'app:1000', undefined],
    ['a RUNAS user:uid', 'RUNAS', 'nobody:65534', undefined],
    ['a base image tag', 'BASE', 'node:22', undefined],
    ['a well-known account without a name', '', 'nobody:65534', undefined],
    ['an address var', 'REDIS_ADDR', 'redis:6379', 'redis'],
    ['a host var that mentions a user', 'USER_SERVICE_HOST', 'users:8080', 'users'],
    ['a neutral name', 'CACHE', 'redis:6379', 'redis'],
  ])('hostOf with %s (%s=%s)', (_, name, value, host) => {
    expect(hostOf(value, name)).toBe(host);
  });

  test('reports nothing for user:uid, image and bucket values of a workload', () => {
    const objs = [app([{ name: 'RUNAS', value: 'nobody:65534' }, { name: 'BASE', value: 'node:22' }, { name: 'BUCKET', value: 's3://bucket' }], { args: ['--user=app:1000'] })];
    expect(run(workloadNameUnresolved, objs)).toEqual([]);
  });

  test('reports a Service that exists but has no ready endpoints, without telling to create it', () => {
    const headless = service('db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] });
    const msgs = messages(workloadNameUnresolved, [headless, app([{ name: 'DB', value: 'postgres://db:5432/x' }])]);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(/env DB uses "postgres:\/\/db:5432\/x": Service "db" exists in namespace "default" but has no ready endpoints.*Fix: make the Service's pods ready/);
    expect(msgs[0]).not.toMatch(/create the Service/);
  });

  test('reports nothing for names of existing Services (short, namespaced, .svc)', () => {
    const objs = [
      service('redis', { selector: { app: 'redis' } }), deployment('redis'),
      service('api', { selector: { app: 'api' } }, { namespace: 'payments' }), deployment('api', { app: 'api' }, undefined, {}, { namespace: 'payments' }),
      app([{ name: 'A', value: 'redis:6379' }, { name: 'B', value: 'http://api.payments/v1' }, { name: 'C', value: 'api.payments.svc' }, { name: 'D', value: 'https://api.github.com' }]),
    ];
    expect(run(workloadNameUnresolved, objs)).toEqual([]);
  });

  test('reports a short name whose Service is in another namespace', () => {
    const found = run(workloadNameUnresolved, [
      service('redis', {}, { namespace: 'cache' }),
      app([{ name: 'REDIS', value: 'redis:6379' }]),
    ]);
    expect(found[0]).toMatchObject({ level: 'warning', resource: 'Deployment/default/app' });
    expect(found[0].message).toMatch(/container "main" env REDIS uses "redis:6379", but host "redis" does not resolve from namespace "default" \(tried redis.default.svc.cluster.local., .*A Service "redis" exists in namespace "cache": use "redis.cache"/);
  });

  test('reports nothing for a name in a namespace the manifests do not describe (another app)', () => {
    expect(run(workloadNameUnresolved, [app([{ name: 'Q', value: 'amqp://rabbit.messaging.svc:5672' }])])).toEqual([]);
  });

  test('reports nothing for container images in env and flags', () => {
    expect(run(workloadNameUnresolved, [app([{ name: 'SIDECAR_IMAGE', value: 'envoy:1234' }], { args: ['--image=busybox:1337'] })])).toEqual([]);
  });

  test('reports a ConfigMap URL naming a missing Service', () => {
    const msgs = messages(workloadNameUnresolved, [configMap('cfg', { DB_URL: 'postgres://db.data.svc:5432/app' }, { namespace: 'data' })]);
    expect(msgs[0]).toMatch(/ConfigMap "cfg" key DB_URL uses "postgres:\/\/db.data.svc:5432\/app", but host "db.data.svc" does not resolve/);
  });

  test('reports an in-cluster name used by a hostNetwork pod without ClusterFirstWithHostNet', () => {
    const objs = [service('redis', { selector: { app: 'redis' } }), deployment('redis'), deployment('agent', { app: 'agent' }, [], { args: ['--redis=redis:6379'] })];
    objs[2].spec.template.spec.hostNetwork = true;
    expect(messages(workloadNameUnresolved, objs)[0]).toMatch(/args\[0\] --redis uses "redis:6379", an in-cluster name, but the pod does not use cluster DNS.*ClusterFirstWithHostNet/);
  });

  test('reports each use with its place: env var, positional argument and flag (indexes count command, then args; sorted)', () => {
    const d = deployment('app', { app: 'app' }, [], { command: ['run', 'http://ghost:8080'], args: ['--upstream=ghost:9000', 'ghost:9001'], env: [{ name: 'GHOST_URL', value: 'http://ghost' }] });
    expect(messages(workloadNameUnresolved, [d]).map((m) => m.match(/container "main" (.*) uses "([^"]*)"/)!.slice(1, 3))).toEqual([
      ['args[1]', 'http://ghost:8080'], ['args[2] --upstream', 'ghost:9000'], ['args[3]', 'ghost:9001'], ['env GHOST_URL', 'http://ghost'],
    ]);
  });

  test('judges a host once per namespace: the same name resolves in one namespace and is reported in another', () => {
    const objs = [
      service('redis', { selector: { app: 'redis' } }, { namespace: 'a' }), deployment('redis', { app: 'redis' }, undefined, {}, { namespace: 'a' }),
      deployment('app', { app: 'app' }, [], { env: [{ name: 'REDIS', value: 'redis:6379' }] }, { namespace: 'a' }),
      deployment('app', { app: 'app' }, [], { env: [{ name: 'REDIS', value: 'redis:6379' }] }, { namespace: 'b' }),
      deployment('app2', { app: 'app2' }, [], { env: [{ name: 'REDIS', value: 'redis:6379' }] }, { namespace: 'b' }),
    ];
    expect(run(workloadNameUnresolved, objs).map((f) => f.resource)).toEqual(['Deployment/b/app', 'Deployment/b/app2']);
  });

  test.each([
    ['https://kubernetes.default.svc:443'],
    ['https://kubernetes.default.svc'],
    ['kubernetes.default.svc.cluster.local:443'],
    ['https://kubernetes.default'],
  ])('reports nothing for the built-in kubernetes Service in env (%s)', (value) => {
    const d = deployment('app', { app: 'app' }, [{ containerPort: 8080 }], { env: [{ name: 'K8S_API', value }] });
    expect(run(workloadNameUnresolved, [d])).toEqual([]);
  });
});
