// The cluster model: indexes, simulated values (deterministic, marked), pods from workloads, junk tolerance.
import * as fc from 'fast-check';
import { Resolver } from '../../src/dns/resolver';
import { ClusterModel } from '../../src/model/cluster-model';
import { Cidr } from '../../src/model/ip';
import { buildPods, MAX_SIMULATED_PODS } from '../../src/model/pods';
import { SimulatedValue } from '../../src/model/records';
import { Allocator } from '../../src/model/services';
import { ask, objectsOf } from '../dns/helpers';

describe('ClusterIP simulation', () => {
  const svcs = objectsOf(`
apiVersion: v1
kind: Service
metadata: { name: b }
spec: { ports: [{ port: 80 }] }
---
apiVersion: v1
kind: Service
metadata: { name: a }
spec: { ports: [{ port: 80 }] }
---
apiVersion: v1
kind: Service
metadata: { name: fixed }
spec: { clusterIP: 10.96.0.77 }
`);
  test('Services without spec.clusterIP get an IP of the service CIDR, recorded as simulated', () => {
    const m = ClusterModel.fromObjects(svcs);
    const a = m.service('default', 'a')!;
    expect(a.clusterIPsSimulated).toBe(true);
    expect(Cidr.parse('10.96.0.0/12')!.contains(a.clusterIPs[0])).toBe(true);
    expect(m.simulated.map((s) => s.text)).toContain(`${a.clusterIPs[0]}: ClusterIP of Service default/a (simulated: the input has no spec.clusterIP)`);
    expect(m.service('default', 'fixed')!.clusterIPsSimulated).toBe(false);
  });
  test('allocation does not depend on input order', () => {
    const ips = (objs: any[]) => ClusterModel.fromObjects(objs).services().map((s) => `${s.name}=${s.clusterIPs}`);
    expect(ips([...svcs].reverse())).toEqual(ips(svcs));
  });
  test('collisions are probed and reserved addresses skipped in a tiny CIDR', () => {
    const objs = Array.from({ length: 10 }, (_, i) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: `s${i}` }, spec: {} }));
    const m = ClusterModel.fromObjects(objs, { serviceCidr: '10.0.0.0/28' });
    const ips = m.services().map((s) => s.clusterIPs[0]);
    expect(new Set(ips).size).toBe(10);
    for (const reserved of ['10.0.0.0', '10.0.0.1', '10.0.0.10', '10.0.0.15']) expect(ips).not.toContain(reserved);
  });
  test('a full CIDR leaves the rest without ClusterIP instead of throwing', () => {
    const objs = Array.from({ length: 5 }, (_, i) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: `s${i}` }, spec: {} }));
    const m = ClusterModel.fromObjects(objs, { serviceCidr: '10.0.0.0/30' });
    expect(m.services().filter((s) => s.clusterIPs.length > 0)).toHaveLength(1);
  });
  test('an explicit ClusterIP is never handed out again', () => {
    const objs = [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { clusterIP: '10.0.0.2' } },
      ...Array.from({ length: 11 }, (_, i) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: `s${i}` }, spec: {} }))];
    const m = ClusterModel.fromObjects(objs, { serviceCidr: '10.0.0.0/28' });
    expect(m.services().filter((s) => s.clusterIPs[0] === '10.0.0.2')).toHaveLength(1);
  });
});

describe('pods from workloads', () => {
  const objs = objectsOf(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: team }
spec: { replicas: 3, template: { metadata: { labels: { app: api } }, spec: { containers: [{ name: c, image: x }] } } }
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: api-123, namespace: team, ownerReferences: [{ kind: Deployment, name: api }] }
spec: { replicas: 3, template: { metadata: { labels: { app: api } } } }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: team }
spec: { template: { metadata: { labels: { app: agent } } } }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: team }
spec: { serviceName: db-hs, replicas: 2, template: { metadata: { labels: { app: db } } } }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: live, namespace: team }
spec: { serviceName: live, replicas: 5, template: { metadata: { labels: { app: live } } } }
---
apiVersion: v1
kind: Pod
metadata: { name: live-0, namespace: team, labels: { app: live }, ownerReferences: [{ kind: StatefulSet, name: live }] }
spec: { hostname: live-0, subdomain: live }
status: { phase: Running, podIP: 10.244.9.1, conditions: [{ type: Ready, status: "True" }] }
`);
  const m = ClusterModel.fromObjects(objs);
  const byOwner = (o: string) => m.podsIn('team').filter((p) => p.owner === o || p.name.startsWith(o));
  test('Deployment replicas are simulated; its ReplicaSet is not counted twice', () => {
    expect(m.podsIn('team').filter((p) => p.labels.app === 'api')).toHaveLength(3);
  });
  test('a DaemonSet is one pod (one simulated node)', () => {
    expect(byOwner('agent')).toHaveLength(1);
  });
  test('rule 13: StatefulSet pods carry hostname and subdomain', () => {
    expect(byOwner('db').map((p) => [p.name, p.hostname, p.subdomain])).toEqual([['db-0', 'db-0', 'db-hs'], ['db-1', 'db-1', 'db-hs']]);
  });
  test('StatefulSet pods carry the controller labels pod-name and pod-index, so a Service can select one pod', () => {
    expect(byOwner('db').map((p) => [p.labels['statefulset.kubernetes.io/pod-name'], p.labels['apps.kubernetes.io/pod-index'], p.labels.app]))
      .toEqual([['db-0', '0', 'db'], ['db-1', '1', 'db']]);
  });
  test('a Service selecting statefulset.kubernetes.io/pod-name gets exactly that pod as its endpoint', () => {
    const model = ClusterModel.fromObjects([...objs, ...objectsOf(`
apiVersion: v1
kind: Service
metadata: { name: db-writer, namespace: team }
spec: { selector: { app: db, statefulset.kubernetes.io/pod-name: db-0 }, ports: [{ port: 5432 }] }
`)]);
    const slices = model.endpointSlices('team', 'db-writer');
    const endpointPods = slices.flatMap((s) => s.endpoints.map((e) => e.targetRefName));
    expect(endpointPods).toEqual(['db-0']);
  });
  test('a workload whose real pods are in the input is not simulated', () => {
    expect(m.podsIn('team').filter((p) => p.labels.app === 'live').map((p) => [p.name, p.simulated, p.ips])).toEqual([['live-0', false, ['10.244.9.1']]]);
  });
  test('simulated pod IPs come from the pod CIDR and are unique', () => {
    const ips = m.pods().filter((p) => p.ipsSimulated).map((p) => p.ips[0]);
    expect(new Set(ips).size).toBe(ips.length);
    for (const ip of ips) expect(Cidr.parse('10.244.0.0/16')!.contains(ip)).toBe(true);
  });
  test('podsByIp indexes real and simulated pods', () => {
    expect(m.podsByIp('10.244.9.1').map((p) => p.name)).toEqual(['live-0']);
  });
});

describe('namespaces (rule 14 guidance)', () => {
  test('declared, used, default and built-in namespaces exist', () => {
    const m = ClusterModel.fromObjects(objectsOf('apiVersion: v1\nkind: Namespace\nmetadata: { name: declared }\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: used }\n'));
    expect(m.namespaces()).toEqual(['declared', 'default', 'kube-node-lease', 'kube-public', 'kube-system', 'used']);
    expect(m.namespaceExists('ghost')).toBe(false);
  });
  test('the default namespace option applies to objects without one', () => {
    const m = ClusterModel.fromObjects(objectsOf('apiVersion: v1\nkind: Service\nmetadata: { name: s }\nspec: { clusterIP: 10.96.0.5 }\n'), { defaultNamespace: 'apps' });
    expect(m.service('apps', 's')).toBeDefined();
    expect(m.namespaceExists('apps')).toBe(true);
  });
  test.each([
    ['ClusterIssuer', 'cert-manager.io/v1'],
    ['GatewayClass', 'gateway.networking.k8s.io/v1'],
    ['ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/v1'],
    ['SomeWebhookConfiguration', 'admissionregistration.k8s.io/v1beta1'],
    ['PriorityClass', 'scheduling.k8s.io/v1'],
  ])('a cluster-scoped %s (%s) does not make the namespace it names exist (the API server ignores it; same list as the checker)', (kind, apiVersion) => {
    const m = ClusterModel.fromObjects([{ apiVersion, kind, metadata: { name: 'x', namespace: 'ghost' } }]);
    expect(m.namespaceExists('ghost')).toBe(false);
  });
  test.each([
    ['project.openshift.io/v1', 'Project', true],
    ['project.openshift.io/v1', 'ProjectRequest', true],
    ['resourcemanager.cnrm.cloud.google.com/v1beta1', 'Project', false],
  ])('a %s %s makes the namespace of its name exist: %s', (apiVersion, kind, made) => {
    const m = ClusterModel.fromObjects([{ apiVersion, kind, metadata: { name: 'shop' } }]);
    expect(m.namespaceExists('shop')).toBe(made);
  });
  test('a namespaced custom kind makes its namespace exist', () => {
    const m = ClusterModel.fromObjects([{ apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'x', namespace: 'certs' } }]);
    expect(m.namespaceExists('certs')).toBe(true);
  });
});

describe('junk input never throws', () => {
  const kinds = ['Service', 'EndpointSlice', 'Endpoints', 'Pod', 'StatefulSet', 'Deployment', 'ReplicaSet', 'DaemonSet', 'Namespace', 'List', 'Widget'];
  const junkObject = fc.record({
    apiVersion: fc.oneof(fc.constant('v1'), fc.anything()),
    kind: fc.oneof(fc.constantFrom(...kinds), fc.anything()),
    metadata: fc.oneof(fc.record({ name: fc.oneof(fc.constantFrom('a', 'b'), fc.anything()), namespace: fc.anything(), labels: fc.anything() }), fc.anything()),
    spec: fc.anything(),
    status: fc.anything(),
    endpoints: fc.anything(),
    subsets: fc.anything(),
    items: fc.anything(),
  }, { requiredKeys: [] });
  test('a field whose value cannot be turned into a string (YAML `{toString: false}`) does not throw (found by fast-check)', () => {
    const junk = { apiVersion: { toString: false }, kind: 'Service', metadata: { name: 'a', namespace: [], labels: 0 } };
    const m = ClusterModel.fromObjects([junk]);
    expect(m.objects).toHaveLength(1);
  });
  test('model building and indexes tolerate any shape', () => {
    fc.assert(fc.property(fc.array(fc.oneof(junkObject, fc.anything()), { maxLength: 8 }), (objs) => {
      const m = ClusterModel.fromObjects(objs);
      m.services();
      m.pods();
      m.namespaces();
    }), { numRuns: 300 });
  });
});

describe('an object defined twice: the last definition wins, as kubectl apply leaves it', () => {
  const svc = (name: string, ip: string, extra: object = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, ...extra }, spec: { clusterIP: ip, ports: [{ port: 80 }] } });

  test('the resolver answers from the last definition, and the model lists every definition', () => {
    // GIVEN
    const docs = [
      { object: svc('api', '10.96.0.10'), source: { file: 'a.yaml', document: 1 } },
      { object: svc('other', '10.96.0.30'), source: { file: 'a.yaml', document: 2 } },
      { object: svc('api', '10.96.0.20', { namespace: 'default' }), source: { file: 'b.yaml', document: 3 } },
    ];

    // WHEN
    const m = ClusterModel.fromDocuments(docs);

    // THEN
    expect(ask(new Resolver(m), 'api.default.svc.cluster.local')).toEqual({ rcode: 'NOERROR', answers: ['A 10.96.0.20'] });
    expect(m.service('default', 'api')?.source).toEqual({ file: 'b.yaml', document: 3 });
    expect(m.objects.map((o) => `${o.object.metadata?.name} ${o.source?.file}`)).toEqual(['other a.yaml', 'api b.yaml']);
    expect(m.redefined.map((r) => [r.object.source, r.earlier.map((e) => e.source)])).toEqual([
      [{ file: 'b.yaml', document: 3 }, [{ file: 'a.yaml', document: 1 }]],
    ]);
  });

  test('pods come from the last definition of a workload', () => {
    const deploy = (replicas: number) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas, template: { metadata: { labels: { app: 'web' } } } } });
    const m = ClusterModel.fromObjects([deploy(1), { ...deploy(3), apiVersion: 'apps/v1beta2' }]);
    expect(m.pods()).toHaveLength(3);
  });

  test.each([
    ['the same name in two namespaces', [svc('a', '10.96.0.1', { namespace: 'x' }), svc('a', '10.96.0.2', { namespace: 'y' })]],
    ['the same name for two kinds', [svc('a', '10.96.0.1'), { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a' } }]],
    ['the same kind in two API groups', [svc('a', '10.96.0.1'), { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'a' } }]],
    ['objects without a name', [{ apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'p-' } }, { apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'p-' } }]],
  ])('%s are two objects', (_what, objects) => {
    const m = ClusterModel.fromObjects(objects);
    expect(m.objects).toHaveLength(2);
    expect(m.redefined).toEqual([]);
  });

  test.each([
    ['a cluster-scoped object, whatever namespace it names', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', namespace: 'x' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', labels: { last: 'yes' } } }],
    ['a namespaced object with and without the default namespace', svc('a', '10.96.0.1'), svc('a', '10.96.0.2', { namespace: 'default', labels: { last: 'yes' } })],
    ['autoscaling/v1 and v2 of one HPA', { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' } },
      { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h', labels: { last: 'yes' } } }],
  ])('%s is one object', (_what, first, last) => {
    const m = ClusterModel.fromObjects([first, last]);
    expect(m.objects.map((o) => o.object)).toEqual([last]);
    expect(m.redefined).toHaveLength(1);
    expect(m.redefined[0].earlier.map((e) => e.source)).toEqual([{ file: '<objects>', document: 1 }]);
  });

  test('the same definition read twice (a file given twice) is no redefinition', () => {
    const source = { file: 'a.yaml', document: 1 };
    const m = ClusterModel.fromDocuments([{ object: svc('a', '10.96.0.1'), source }, { object: svc('a', '10.96.0.1'), source }]);
    expect(m.objects).toHaveLength(1);
    expect(m.redefined).toEqual([]);
  });
});

test('the same object given twice counts once', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'x' } }, spec: {} };
  const m = ClusterModel.fromObjects([pod, pod, { ...pod, metadata: { ...pod.metadata, namespace: 'other' } }]);
  expect(m.pods().map((p) => `${p.namespace}/${p.name}`)).toEqual(['default/p', 'other/p']);
});

test('only built-in kinds in their API group are read (a Knative Service is not a Service)', () => {
  const m = ClusterModel.fromObjects([
    { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'kn' }, spec: {} },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'core' }, spec: { clusterIP: '10.96.0.9' } },
    { apiVersion: 'example.com/v1', kind: 'StatefulSet', metadata: { name: 'fake' }, spec: { replicas: 3 } },
    { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'real' }, spec: { replicas: 1 } },
  ]);
  expect(m.services().map((s) => s.name)).toEqual(['core']);
  expect(m.pods().map((p) => p.name)).toEqual(['real-0']);
});

test('simulated IPs never reuse an address written in the input', () => {
  // A /29 pod CIDR: 10.0.0.2-6 usable (0, 1 and 7 reserved); the input already uses .2-.5 in a slice.
  const m = ClusterModel.fromObjects([
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 's', labels: { 'kubernetes.io/service-name': 'x' } },
      endpoints: [{ addresses: ['10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'] }],
    },
  ], { podCidr: '10.0.0.0/29' });
  expect(m.pods()[0].ips).toEqual(['10.0.0.6']);
});

describe('full pod CIDR and the replica cap', () => {
  test('an exhausted block answers at once instead of scanning it for every further pod', () => {
    const cidr = Cidr.parse('10.244.0.0/16')!;
    const all: string[] = [];
    for (let i = 0n; i < cidr.size; i++) all.push(cidr.addressAt(i));
    const a = new Allocator(cidr, all);
    // Before: each call scanned 65,536 addresses (20,000 calls = 1.3e9 look-ups); now none looks up an address.
    const has = jest.spyOn(Set.prototype, 'has');
    const got: (string | undefined)[] = [];
    try {
      for (let i = 0; i < 20000; i++) got.push(a.allocate(`p${i}`));
      expect(has).not.toHaveBeenCalled();
    } finally {
      has.mockRestore();
    }
    expect(got.every((ip) => ip === undefined)).toBe(true);
    expect(a.exhausted).toBe(true);
  });

  test('filling a crowded block stays fast and hands out every address once', () => {
    const cidr = Cidr.parse('10.0.0.0/20')!;
    const a = new Allocator(cidr, []);
    const got = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const ip = a.allocate(`p${i}`);
      if (ip) got.add(ip);
    }
    expect(got.size).toBe(4096 - 4); // the network address, .1, .10 and the broadcast address are reserved
  });

  test('pods left without an IP and capped replicas are recorded as simulated', () => {
    const m = ClusterModel.fromObjects(objectsOf(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: big }
spec: { replicas: 5000, template: { metadata: { labels: { app: big } }, spec: {} } }
`), { podCidr: '10.9.0.0/24' });
    expect(m.pods()).toHaveLength(1000);
    const texts = m.simulated.map((s) => s.text);
    expect(texts).toContain('Deployment default/big: replicas capped at 1000 (spec.replicas is 5000; only 1000 pods are simulated)');
    const noIp = m.pods().filter((p) => p.ips.length === 0);
    expect(noIp).toHaveLength(1000 - 252);
    expect(texts).toContain(`default/${noIp[0].name}: Pod has no IP (simulated: the pod CIDR 10.9.0.0/24 is full)`);
    expect(texts).toContain(`${noIp.length - 100} more pod(s) have no IP (simulated: the pod CIDR 10.9.0.0/24 is full)`);
  });
});

test('a cluster-wide cap on simulated pods: workloads past it are cut, and the cut is listed', () => {
  const objects = objectsOf(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: a }
spec: { replicas: 3, template: { metadata: { labels: { app: a } }, spec: {} } }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: b }
spec: { replicas: 4, serviceName: b, template: { metadata: { labels: { app: b } }, spec: {} } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: c }
spec: { replicas: 2, template: { metadata: { labels: { app: c } }, spec: {} } }
`).map((object) => ({ object, namespace: 'default' }));
  const simulated: SimulatedValue[] = [];
  const pods = buildPods(objects, [Cidr.parse('10.244.0.0/16')!], simulated, [], 5);
  expect(pods.map((p) => p.owner).sort()).toEqual(['a', 'a', 'a', 'b', 'b']);
  expect(simulated.map((s) => s.text)).toEqual(expect.arrayContaining([
    'StatefulSet default/b: only 2 of 4 pods simulated (cap of 5 simulated pods in the model)',
    'Deployment default/c: only 0 of 2 pods simulated (cap of 5 simulated pods in the model)',
  ]));
  expect(MAX_SIMULATED_PODS).toBe(100_000);
});
