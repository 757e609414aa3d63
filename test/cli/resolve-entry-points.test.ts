// cdk8s-dns resolve: the entry points that reach a name (issue 17), beside the DNS answer.
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { run } from '../../src/cli/main';
import { ClusterDns } from '../../src/dns/cluster-dns';
import { entryPointsOf } from '../../src/dns/entry-points';
import { askQuestion } from '../../src/dns/query';
import { Resolver } from '../../src/dns/resolver';
import { ClusterModel } from '../../src/model/cluster-model';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'entry-points', 'shop.yaml');
const OBJECTS = yaml.loadAll(fs.readFileSync(FIXTURE, 'utf8')) as any[];

function cli(argv: string[], stdin = ''): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), stdin: () => stdin });
  return { code, out, err };
}
const resolve = (...argv: string[]) => cli(['resolve', ...argv, '-f', FIXTURE]);
const json = (...argv: string[]) => JSON.parse(resolve(...argv, '--json').out);
const section = (out: string) => out.slice(out.indexOf(';; ENTRY POINTS'));

describe('resolve: entry points in the text output', () => {
  test.each([
    ['a Service two Ingresses (one extensions/v1beta1) and a route mirror name', ['web.shop.svc.cluster.local'], [
      ';  Ingress shop/legacy legacy.example.com -> web.shop.svc:80',
      ';  Ingress shop/shop default backend -> web.shop.svc:http',
      ';  Ingress shop/shop shop.example.com/ -> web.shop.svc:80',
      ';  HTTPRoute shop/store store.example.com mirror -> web.shop.svc:80',
    ]],
    ['a short name through the search path', ['api', '-n', 'shop'], [
      ';  Ingress shop/shop shop.example.com/api -> api.shop.svc:8080',
      ';  HTTPRoute shop/store store.example.com -> api.shop.svc:8080',
    ]],
    ['a Service a route of another namespace names, with a ReferenceGrant', ['catalog.backend', '-n', 'shop'], [
      ';  HTTPRoute shop/store store.example.com -> catalog.backend.svc:8080',
    ]],
    ['a Service a route names without the ReferenceGrant it needs', ['db.data', '-n', 'shop'], [
      ';  TCPRoute shop/db -> db.data.svc:5432 (no ReferenceGrant allows it)',
    ]],
  ])('%s', (_name, argv, lines) => {
    const r = resolve(...argv);
    expect(r.code).toBe(0);
    expect(section(r.out)).toEqual(`;; ENTRY POINTS (Ingresses and routes whose backends name the Service; from the manifests, not DNS):\n${lines.join('\n')}\n\n`);
  });

  test.each([
    ['a Service no entry point names', ['quiet.shop.svc.cluster.local'], 0],
    ['a name an Ingress names but the input lacks (NXDOMAIN)', ['gone.shop.svc.cluster.local'], 1],
    ['an outside name', ['shop.example.com'], 1],
  ])('%s: no ENTRY POINTS section', (_name, argv, code) => {
    const r = resolve(...argv);
    expect(r.code).toBe(code);
    expect(r.out).not.toContain('ENTRY POINTS');
  });

  test('the DNS answer is unchanged: the same lines before the entry points as with no entry point in the input', () => {
    const withoutEntryPoints = OBJECTS.filter((o) => o.kind === 'Service').map((o) => yaml.dump(o)).join('---\n');
    const plain = cli(['resolve', 'web.shop.svc.cluster.local', '-f', '-'], withoutEntryPoints).out;
    const full = resolve('web.shop.svc.cluster.local').out;
    expect(full.startsWith(plain.replace(/\n$/, ''))).toBe(true);
    expect(plain).not.toContain('ENTRY POINTS');
  });
});

describe('resolve --json: entryPoints', () => {
  test('one object per backend, with its Service, place, role, port, host, path, hostnames and whether it is permitted', () => {
    expect(json('web.shop.svc.cluster.local').entryPoints).toEqual([
      {
        kind: 'Ingress',
        namespace: 'shop',
        name: 'legacy',
        service: { namespace: 'shop', name: 'web' },
        where: 'spec.rules[0].http.paths[0].backend',
        role: 'rule',
        port: 80,
        host: 'legacy.example.com',
        path: null,
        hostnames: [],
        permitted: true,
      },
      {
        kind: 'Ingress',
        namespace: 'shop',
        name: 'shop',
        service: { namespace: 'shop', name: 'web' },
        where: 'spec.defaultBackend',
        role: 'default',
        port: 'http',
        host: null,
        path: null,
        hostnames: [],
        permitted: true,
      },
      {
        kind: 'Ingress',
        namespace: 'shop',
        name: 'shop',
        service: { namespace: 'shop', name: 'web' },
        where: 'spec.rules[0].http.paths[1].backend',
        role: 'rule',
        port: 80,
        host: 'shop.example.com',
        path: '/',
        hostnames: [],
        permitted: true,
      },
      {
        kind: 'HTTPRoute',
        namespace: 'shop',
        name: 'store',
        service: { namespace: 'shop', name: 'web' },
        where: 'spec.rules[0].filters[0].requestMirror.backendRef',
        role: 'mirror',
        port: 80,
        host: null,
        path: null,
        hostnames: ['store.example.com'],
        permitted: true,
      },
    ]);
  });

  test('a route without the ReferenceGrant it needs: permitted false', () => {
    expect(json('db.data.svc.cluster.local').entryPoints).toEqual([expect.objectContaining({ kind: 'TCPRoute', name: 'db', permitted: false, hostnames: [] })]);
  });

  test.each([
    ['a Service no entry point names', 'quiet.shop.svc.cluster.local'],
    ['a missing Service', 'gone.shop.svc.cluster.local'],
  ])('%s: an empty array', (_name, name) => {
    expect(json(name).entryPoints).toEqual([]);
  });

  test('the other fields are those of the input without entry points', () => {
    const services = OBJECTS.filter((o) => o.kind === 'Service').map((o) => yaml.dump(o)).join('---\n');
    const plain = JSON.parse(cli(['resolve', 'web.shop.svc.cluster.local', '-f', '-', '--json'], services).out);
    const { entryPoints, ...rest } = json('web.shop.svc.cluster.local');
    expect(plain.entryPoints).toEqual([]);
    expect(rest).toEqual({ ...plain, entryPoints: undefined });
    expect(entryPoints).toHaveLength(4);
  });

  test('the same order whatever the order of the objects', () => {
    const reversed = [...OBJECTS].reverse().map((o) => yaml.dump(o)).join('---\n');
    const again = JSON.parse(cli(['resolve', 'web.shop.svc.cluster.local', '-f', '-', '--json'], reversed).out);
    expect(again.entryPoints).toEqual(json('web.shop.svc.cluster.local').entryPoints);
  });
});

describe('entryPointsOf: the Services a question reaches', () => {
  const extra = [
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'alias', namespace: 'shop' }, spec: { type: 'ExternalName', externalName: 'api.shop.svc.cluster.local' } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'via-alias', namespace: 'shop' }, spec: { defaultBackend: { service: { name: 'alias', port: { number: 8080 } } } } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'pinned', namespace: 'shop' }, spec: { clusterIP: '10.96.7.7', selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'pinned', namespace: 'shop' }, spec: { rules: [{ http: { paths: [{ path: '/p', backend: { service: { name: 'pinned', port: { name: 'http' } } } }] } }] } },
  ];
  const model = ClusterModel.fromObjects([...OBJECTS, ...extra]);
  const ask = (name: string, type = 'A') => entryPointsOf(model, askQuestion(new Resolver(model), 'cluster.local', name, { type }))
    .map((e) => `${e.kind} ${e.name} -> ${e.service.name}`);

  test.each([
    ['an ExternalName alias: its own entry points, then those of the Service it aliases', 'alias.shop.svc.cluster.local', 'A',
      ['Ingress via-alias -> alias', 'Ingress shop -> api', 'HTTPRoute store -> api']],
    ['the SRV name of a Service port', '_http._tcp.pinned.shop.svc.cluster.local', 'SRV', ['Ingress pinned -> pinned']],
    ['the PTR of a ClusterIP', '10.96.7.7', 'PTR', ['Ingress pinned -> pinned']],
    ['a namespace name', 'shop.svc.cluster.local', 'A', []],
  ])('%s', (_name, name, type, expected) => {
    expect(ask(name, type)).toEqual(expected);
  });
});

describe('ClusterDns.resolve: the entry points in the library result', () => {
  const dns = ClusterDns.fromObjects(OBJECTS);

  test('the same entry points as `resolve --json`, one struct each, port by number or by name', () => {
    const result = dns.resolve('web.shop.svc.cluster.local');
    expect(result.entryPoints.map((e) => `${e.kind} ${e.namespace}/${e.name} ${e.where} -> ${e.serviceNamespace}/${e.serviceName} ${e.port ?? e.portName}`)).toEqual(
      json('web.shop.svc.cluster.local').entryPoints.map((e: any) => `${e.kind} ${e.namespace}/${e.name} ${e.where} -> ${e.service.namespace}/${e.service.name} ${e.port}`));
    const byName = result.entryPoints.find((e) => e.role === 'default')!;
    expect(byName).toEqual(expect.objectContaining({ kind: 'Ingress', portName: 'http', hostnames: [], permitted: true }));
    expect(byName.port).toBeUndefined();
    const mirror = result.entryPoints.find((e) => e.role === 'mirror')!;
    expect(mirror).toEqual(expect.objectContaining({ kind: 'HTTPRoute', port: 80, hostnames: ['store.example.com'] }));
    expect(mirror.portName).toBeUndefined();
    expect(mirror.host).toBeUndefined();
  });

  test('a reference no ReferenceGrant allows is listed as not permitted; a name no entry point reaches has none', () => {
    expect(dns.resolve('db.data', { namespace: 'shop' }).entryPoints.map((e) => [e.kind, e.permitted])).toEqual([['TCPRoute', false]]);
    expect(dns.resolve('shop.svc.cluster.local').entryPoints).toEqual([]);
  });
});
