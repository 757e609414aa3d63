// GIVEN the model's short lists (ports, IPs, endpoints, containers), WHEN they are built with `mapDefined` instead of
// `push`, THEN they hold the same values in the same order (junk and holes dropped), and the pod-template label index
// looks labels up by key and value (no joined `key=value` texts that two different labels could share).
import * as fc from 'fast-check';
import { ClusterModel } from '../../src/model/cluster-model';
import { mapDefined } from '../../src/model/manifest';
import { contextOf } from '../checks/builders';

describe('mapDefined', () => {
  test('is map then filter of the defined results, in order', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.integer(), fc.constant(undefined))), (list) => {
      const f = (v: number | undefined) => (v === undefined || v % 3 === 0 ? undefined : v * 2);
      expect(mapDefined(list, f)).toEqual(list.map(f).filter((v) => v !== undefined));
    }));
  });

  test('drops the holes of a sparse array without calling f for them', () => {
    // eslint-disable-next-line no-sparse-arrays
    const list = [1, , 3];
    const seen: number[] = [];
    expect(mapDefined(list, (v, i) => (seen.push(i), v))).toEqual([1, 3]);
    expect(seen).toEqual([0, 2]);
  });

  test('passes the index', () => {
    expect(mapDefined(['a', 'b'], (v, i) => `${v}${i}`)).toEqual(['a0', 'b1']);
  });
});

describe('model lists', () => {
  const model = ClusterModel.fromObjects([
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: { app: 'web' }, ports: [null, { name: 'http', port: 80, targetPort: 'http' }, 'junk', { port: 81 }] },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        replicas: 2,
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'main', ports: [{ name: 'http', containerPort: 8080 }, { name: 'nope' }, 7] }] },
        },
      },
    },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      addressType: 'IPv4',
      metadata: { name: 'db-1', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'db' } },
      endpoints: [{ addresses: ['10.1.0.1', 'junk', '10.1.0.2'] }, 5, { addresses: ['10.1.0.3'] }],
      ports: [{ name: 'sql', port: 5432 }, false],
    },
  ]);

  test('Service ports keep the entries that are objects, in order', () => {
    const svc = model.service('shop', 'web')!;
    expect(svc.ports.map((p) => [p.name, p.port, p.targetPort])).toEqual([['http', 80, 'http'], ['', 81, 81]]);
    expect(svc.clusterIPs).toHaveLength(1);
  });

  test('pods get their container ports and one simulated IP; derived slices list them', () => {
    const pods = model.podsIn('shop');
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(p.containerPorts).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
      expect(p.ips).toHaveLength(1);
    }
    const [slice] = model.endpointSlices('shop', 'web');
    expect(slice.endpoints.map((e) => e.ip)).toEqual(pods.map((p) => p.ips[0]));
    expect(slice.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }, { name: '', port: 81, protocol: 'TCP' }]);
  });

  test('input slices keep every address that is an IP, and the ports that are objects', () => {
    const [slice] = model.inputEndpointSlices('shop', 'db');
    expect(slice.endpoints.map((e) => e.ip)).toEqual(['10.1.0.1', '10.1.0.2', '10.1.0.3']);
    expect(slice.ports).toEqual([{ name: 'sql', port: 5432, protocol: 'TCP' }]);
  });

  test('template containers keep ports, env and args that are well formed', () => {
    const m = ClusterModel.fromObjects([{
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'shop' },
      // eslint-disable-next-line no-sparse-arrays
      spec: { containers: [, { name: 'c', env: [{ name: 'A', value: 'a' }, { name: 'B' }], command: ['run', 3], args: ['--x'] }] },
    }]);
    const [t] = contextOf(m).podTemplates;
    expect(t.containers).toEqual([
      { name: '#0', ports: [], env: [], args: [] },
      { name: 'c', ports: [], env: [{ name: 'A', value: 'a' }], args: ['run', '--x'] },
    ]);
  });
});

test('the template label index tells `a=b: c` from `a: b=c` and namespaces apart', () => {
  const pod = (name: string, namespace: string, labels: Record<string, string>) => (
    { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec: { containers: [] } });
  const model = ClusterModel.fromObjects([
    pod('one', 'shop', { 'a=b': 'c' }),
    pod('two', 'shop', { a: 'b=c' }),
    pod('three', 'cache', { a: 'b=c' }),
  ]);
  const index = contextOf(model).templateIndex;
  expect(index.selected('shop', { a: 'b=c' }).map((t) => t.name)).toEqual(['two']);
  expect(index.selected('shop', { 'a=b': 'c' }).map((t) => t.name)).toEqual(['one']);
  expect(index.selected('cache', { a: 'b=c' }).map((t) => t.name)).toEqual(['three']);
  expect(index.selected('other', { a: 'b=c' })).toEqual([]);
});
