import { jsonSize } from '../../../src/checks/json-size';
import { objectTooLarge } from '../../../src/checks/rules/object-too-large';
import { endpoints, run, selectorlessTrio } from '../builders';

type Obj = { [key: string]: any };

const configMap = (meta: Obj = {}): Obj => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big', ...meta }, data: { blob: '' } });
const widget = (): Obj => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'big' }, spec: { blob: '' } });

/** `obj` with its one string value filled with plain characters until it is exactly `bytes` bytes of JSON. */
function sized(obj: Obj, bytes: number): Obj {
  const holder = obj.data ?? obj.spec;
  holder.blob = 'a'.repeat(bytes - jsonSize(obj));
  expect(jsonSize(obj)).toBe(bytes);
  return obj;
}

const KIB = 1024;
const MIB = 1024 * KIB;
/** The largest JSON that client-side kubectl apply can still copy into an annotation (no other annotations). */
const APPLY_MAX = 256 * KIB - 'kubectl.kubernetes.io/last-applied-configuration'.length - 1;

describe('object-too-large', () => {
  test.each<[string, Obj]>([
    ['a small ConfigMap', configMap()],
    ['a ConfigMap that client-side apply can just apply', sized(configMap(), APPLY_MAX)],
    ['an Endpoints object of 1000 addresses', endpoints('api', Array.from({ length: 1000 }, (_, i) => `10.0.${Math.floor(i / 256)}.${(i % 256) + 1}`))],
    ['a 4 MiB ConfigMap exported from a cluster (it is stored already)', sized(configMap({ uid: '6d3a2c1e-0000-4000-8000-000000000001' }), 4 * MIB)],
  ])('reports nothing for %s', (_name, obj) => {
    expect(run(objectTooLarge, [obj])).toEqual([]);
  });

  test.each<[string, Obj, string, RegExp]>([
    ['info: one byte too many for client-side apply', sized(configMap(), APPLY_MAX + 1), 'info',
      /^ConfigMap "big" is 262,096 bytes as JSON; client-side kubectl apply copies it into the annotation kubectl\.kubernetes\.io\/last-applied-configuration, which would make the annotations 262,145 bytes, over their limit of 256 KiB \(262,144 bytes\), so only kubectl apply --server-side, kubectl create or kubectl replace can apply it\.$/],
    ['info: the object\'s own annotations count too', sized(configMap({ annotations: { note: 'x'.repeat(1000) } }), APPLY_MAX - 1000), 'info',
      /is 261,095 bytes as JSON;.*the annotations 262,148 bytes/],
    ['info: a built-in kind at exactly 1.5 MiB', sized(configMap(), 1572864), 'info', /is 1,572,864 bytes as JSON; client-side kubectl apply/],
    ['warning: a built-in kind one byte over 1.5 MiB', sized(configMap(), 1572865), 'warning',
      /^ConfigMap "big" is 1,572,865 bytes as JSON; etcd refuses requests over 1\.5 MiB \(1,572,864 bytes\) by default with "etcdserver: request is too large", and built-in kinds are stored as protobuf, which is smaller than JSON, so it fits only if its protobuf is under the limit\. Fix: split the ConfigMap into several, or keep large data outside the cluster\.$/],
    ['info: a custom resource at exactly 1.5 MiB', sized(widget(), 1572864), 'info', /^Widget "big" is 1,572,864 bytes as JSON; client-side/],
    ['error: a custom resource one byte over 1.5 MiB', sized(widget(), 1572865), 'error',
      /^Widget "big" is 1,572,865 bytes as JSON; custom resources are stored as JSON, and etcd refuses requests over 1\.5 MiB \(1,572,864 bytes\) by default with "etcdserver: request is too large"\. Fix: split the object into smaller ones/],
    ['warning: a built-in kind at exactly 3 MiB', sized(configMap(), 3 * MIB), 'warning', /is 3,145,728 bytes as JSON; etcd refuses/],
    ['error: a built-in kind one byte over 3 MiB', sized(configMap(), 3 * MIB + 1), 'error',
      /^ConfigMap "big" is 3,145,729 bytes as JSON; the API server refuses request bodies over 3 MiB \(3,145,728 bytes\) with "Request entity too large"\. Fix: split the ConfigMap/],
  ])('reports %s', (_name, obj, level, message) => {
    const found = run(objectTooLarge, [obj]);
    expect(found).toEqual([expect.objectContaining({ rule: 'object-too-large', level, resource: obj.kind === 'Widget' ? 'Widget/default/big' : 'ConfigMap/default/big' })]);
    expect(found[0].message).toMatch(message);
  });

  test('reports the 100,000-address Endpoints object of a SelectorlessIpService before its limit', () => {
    // GIVEN the 2.3 MB Endpoints object the construct wrote before it refused more than 1000 addresses
    const ips = Array.from({ length: 100_000 }, (_, i) => `10.${Math.floor(i / 65536)}.${Math.floor(i / 256) % 256}.${i % 256}`);
    const eps = endpoints('external-api', ips, [{ name: 'https', port: 443, protocol: 'TCP' }], { labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } });

    // WHEN
    const found = run(objectTooLarge, [selectorlessTrio()[0], eps]);

    // THEN
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ level: 'warning', resource: 'Endpoints/default/external-api' });
    expect(found[0].message).toMatch(/^Endpoints "external-api" is 2,\d{3},\d{3} bytes as JSON; etcd refuses .* Fix: write EndpointSlices of at most 1000 endpoints each instead of one Endpoints object\.$/);
  });

  test('reports an object that YAML aliases make large, without walking every copy', () => {
    // GIVEN a ConfigMap-shaped custom resource whose spec repeats one 1 KiB list 2^20 times (1 GiB of JSON)
    let v: unknown = ['x'.repeat(1024)];
    for (let i = 0; i < 20; i++) v = [v, v];
    const obj = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'bomb' }, spec: { v } };

    // WHEN
    const found = run(objectTooLarge, [obj]);

    // THEN
    expect(found).toEqual([expect.objectContaining({ level: 'error', resource: 'Widget/default/bomb' })]);
    expect(found[0].message).toMatch(/^Widget "bomb" is 1,\d{3},\d{3},\d{3} bytes as JSON; the API server refuses request bodies over 3 MiB/);
  });
});
