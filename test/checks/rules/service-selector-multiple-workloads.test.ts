import { serviceSelectorMultipleWorkloads } from '../../../src/checks/rules/service-selector-multiple-workloads';
import { deployment, run, service, statefulSet } from '../builders';

/** bookinfo's reviews: one Service `app: reviews` over reviews-v1, -v2, -v3 labelled `app: reviews, version: vN`. */
const bookinfo = [
  service('reviews', { selector: { app: 'reviews' }, ports: [{ name: 'http', port: 9080 }] }),
  ...['v1', 'v2', 'v3'].map((v) => deployment(`reviews-${v}`, { app: 'reviews', version: v }, [{ containerPort: 9080 }])),
];

/** One StatefulSet of one replica per Galera node, all `app: galera`, behind one Service. */
const galera = [
  service('galera', { clusterIP: 'None', selector: { app: 'galera' }, ports: [{ port: 3306 }] }),
  ...[1, 2, 3].map((n) => statefulSet(`galera-${n}`, 'galera', { app: 'galera', node: `galera-${n}` }, { replicas: 1 })),
];

describe('service-selector-multiple-workloads', () => {
  test('reports nothing when one workload matches', () => {
    expect(run(serviceSelectorMultipleWorkloads, [service('web'), deployment('web')])).toEqual([]);
  });

  test('reports nothing for a Helm test Pod beside the workload (it is never an endpoint)', () => {
    // the shape of opentelemetry-operator's rendered tests/test-service-connection.yaml: the release's labels and another component
    const testPod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-test', namespace: 'default', labels: { app: 'web', component: 'test' }, annotations: { 'helm.sh/hook': 'test' } },
      spec: { restartPolicy: 'Never', containers: [{ name: 'wget', image: 'busybox:1' }] },
    };
    const objects = [service('web'), deployment('web', { app: 'web', component: 'server' }), testPod];
    expect(run(serviceSelectorMultipleWorkloads, objects)).toEqual([]);
    const untagged = { ...testPod, metadata: { ...testPod.metadata, annotations: {} } };
    expect(run(serviceSelectorMultipleWorkloads, [service('web'), deployment('web', { app: 'web', component: 'server' }), untagged])).toHaveLength(1);
  });

  test.each([
    ['bookinfo reviews v1/v2/v3 (versions)', bookinfo],
    ['Galera, one StatefulSet per node', galera],
    ['a canary (track: canary)', [service('web'), deployment('web'), deployment('web-canary', { app: 'web', track: 'canary' })]],
  ])('reports nothing for variants of one application: %s', (_case, objects) => {
    expect(run(serviceSelectorMultipleWorkloads, objects)).toEqual([]);
  });

  test.each([
    ['app', service('backend', { selector: { tier: 'backend' } }), [deployment('api', { app: 'api', tier: 'backend' }), deployment('worker', { app: 'worker', tier: 'backend' })],
      /selects tier=backend, which matches the pods of 2 workloads of different app labels \(Deployment "api" \(app=api\), Deployment "worker" \(app=worker\)\), so traffic is spread over all of them\. Fix: if only one is meant, add app to spec\.selector/],
    ['app.kubernetes.io/component', service('chart', { selector: { 'app.kubernetes.io/name': 'chart' } }),
      [deployment('chart-server', { 'app.kubernetes.io/name': 'chart', 'app.kubernetes.io/component': 'server' }), deployment('chart-worker', { 'app.kubernetes.io/name': 'chart', 'app.kubernetes.io/component': 'worker' })],
      /of different app\.kubernetes\.io\/component labels \(Deployment "chart-server" \(app\.kubernetes\.io\/component=server\), Deployment "chart-worker"/],
  ])('notes (info) unrelated workloads whose %s labels differ', (_key, svc, workloads, message) => {
    const found = run(serviceSelectorMultipleWorkloads, [svc, ...workloads]);
    expect(found).toEqual([expect.objectContaining({ level: 'info', resource: expect.stringMatching(/^Service\/default\//), message: expect.stringMatching(message) })]);
  });
});

/** Bitnami's redis chart (also rendered by cdk8s's Helm construct): master and replicas StatefulSets, one selector. */
const redisLabels = (component: string) => ({ 'app.kubernetes.io/name': 'redis', 'app.kubernetes.io/instance': 'cache', 'app.kubernetes.io/component': component });
const redisSelector = { 'app.kubernetes.io/name': 'redis', 'app.kubernetes.io/instance': 'cache' };
const redisSet = (name: string, component: string, serviceName: string) => statefulSet(name, serviceName, redisLabels(component), { replicas: 1 });

describe('service-selector-multiple-workloads and governing headless Services', () => {
  test('reports nothing for the headless Service that is the serviceName of every StatefulSet it selects (Bitnami redis)', () => {
    const objects = [
      service('cache-headless', { clusterIP: 'None', selector: redisSelector, ports: [{ name: 'tcp-redis', port: 6379 }] }),
      redisSet('cache-master', 'master', 'cache-headless'),
      redisSet('cache-replicas', 'replica', 'cache-headless'),
    ];
    expect(run(serviceSelectorMultipleWorkloads, objects)).toEqual([]);
  });

  test.each([
    ['metrics', [{ name: 'metrics', port: 9121 }]],
    ['http-metrics', [{ name: 'http-metrics', port: 9121, targetPort: 'metrics' }]],
    ['metrics and tcp-metrics', [{ name: 'metrics', port: 9121 }, { name: 'tcp-metrics', port: 9122 }]],
  ])('reports nothing for a metrics Service over all the pods (Bitnami redis -metrics), ports named %s', (_names, ports) => {
    const objects = [
      service('cache-metrics', { selector: redisSelector, ports }),
      redisSet('cache-master', 'master', 'cache-headless'),
      redisSet('cache-replicas', 'replica', 'cache-headless'),
    ];
    expect(run(serviceSelectorMultipleWorkloads, objects)).toEqual([]);
  });

  test.each([
    ['a Service with a metrics port and a redis port', service('cache-all', { selector: redisSelector, ports: [{ name: 'metrics', port: 9121 }, { name: 'tcp-redis', port: 6379 }] }),
      [redisSet('cache-master', 'master', 'cache-headless'), redisSet('cache-replicas', 'replica', 'cache-headless')]],
    ['a Service with a port named metricsproxy', service('cache-all', { selector: redisSelector, ports: [{ name: 'metricsproxy', port: 9121 }] }),
      [redisSet('cache-master', 'master', 'cache-headless'), redisSet('cache-replicas', 'replica', 'cache-headless')]],
    ['a ClusterIP Service over both StatefulSets', service('cache-all', { selector: redisSelector }),
      [redisSet('cache-master', 'master', 'cache-all'), redisSet('cache-replicas', 'replica', 'cache-all')]],
    ['a headless Service that governs only one of them', service('cache-headless', { clusterIP: 'None', selector: redisSelector }),
      [redisSet('cache-master', 'master', 'cache-headless'), redisSet('cache-replicas', 'replica', 'cache-other')]],
    ['a headless Service over its StatefulSet and a Deployment', service('cache-headless', { clusterIP: 'None', selector: redisSelector }),
      [redisSet('cache-master', 'master', 'cache-headless'), deployment('cache-sentinel', redisLabels('sentinel'))]],
  ])('still notes %s', (_case, svc, workloads) => {
    const found = run(serviceSelectorMultipleWorkloads, [svc, ...workloads]);
    expect(found).toEqual([expect.objectContaining({ level: 'info', message: expect.stringMatching(/of different app\.kubernetes\.io\/component labels/) })]);
  });
});

describe('service-selector-multiple-workloads on a live export', () => {
  test('counts a Deployment, its ReplicaSet and their Pods as one workload', () => {
    const rs: any = { ...deployment('web-5d8f'), kind: 'ReplicaSet', metadata: { name: 'web-5d8f', ownerReferences: [{ kind: 'Deployment', name: 'web' }] } };
    rs.spec.template.metadata.labels = { app: 'web', tier: 'x' };
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-5d8f-abcde', labels: { app: 'web', tier: 'y' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'web-5d8f' }] }, spec: { containers: [] } };
    expect(run(serviceSelectorMultipleWorkloads, [service('web'), deployment('web'), rs, pod])).toEqual([]);
  });
});
