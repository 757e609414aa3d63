// Pods from more than the built-in workloads (issue 21): prometheus-operator resources, Argo Rollouts, OpenShift
// DeploymentConfigs, KubeVirt's virt-launcher pods, pod-shaped spec.template of other kinds, native sidecars, and custom resources that evidently
// make pods (service-selector-no-match as a warning).
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { checkObjects } from '../../src/checks/engine';
import type { Finding } from '../../src/checks/rule';

type Obj = { [key: string]: any };

/** Objects of a fixture under test/fixtures/checks/operators. */
function fixture(name: string): Obj[] {
  const out: Obj[] = [];
  yaml.loadAll(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'checks', 'operators', name), 'utf8'), (d) => {
    if (d) out.push(d as Obj);
  });
  return out;
}

/** The findings of the selector and targetPort rules, and every error. */
function relevant(objects: Obj[]): Finding[] {
  return checkObjects(objects).findings.filter((f) => f.level === 'error' || /^service-(selector|target-port)/.test(f.rule));
}

function named(objects: Obj[], kind: string, name: string): Obj {
  return objects.find((o) => o.kind === kind && o.metadata.name === name)!;
}

describe('pod templates beyond the built-in workloads', () => {
  test.each([
    ['kube-prometheus: alertmanager-main and prometheus-k8s select the pods of the Alertmanager and Prometheus resources', 'kube-prometheus.yaml'],
    ['Argo Rollouts: stable/canary, active/preview and workloadRef Services select the Rollouts\' pods', 'argo-rollouts.yaml'],
    ['OpenShift: a Service selects the deploymentconfig label of a DeploymentConfig\'s pods', 'deploymentconfig.yaml'],
    ['a named targetPort declared by a native sidecar', 'native-sidecar.yaml'],
    ['KubeVirt: Services select the virt-launcher pods of a VM, a VMI, a VMI replica set and a VM pool', 'kubevirt.yaml'],
  ])('reports no error and no selector or targetPort finding for %s', (_name, file) => {
    expect(relevant(fixture(file))).toEqual([]);
  });

  test.each([
    ['alertmanager-main', 'Alertmanager', 'main'],
    ['prometheus-k8s', 'Prometheus', 'k8s'],
  ])('reports %s as an error when the %s resource is missing (the ServiceMonitor\'s matchLabels do not make pods)', (svc, kind, name) => {
    const objects = fixture('kube-prometheus.yaml').filter((o) => !(o.kind === kind && o.metadata.name === name));
    expect(relevant(objects).filter((f) => f.rule === 'service-selector-no-match')).toEqual([
      expect.objectContaining({ level: 'error', resource: `Service/monitoring/${svc}`, message: expect.stringMatching(/no pod template in namespace "monitoring" has those labels/) }),
    ]);
  });

  test.each<[string, Obj, string, string[], Obj]>([
    ['the operator\'s own selector labels (alertmanager=<name>)', { 'alertmanager': 'main', 'app.kubernetes.io/managed-by': 'prometheus-operator' }, 'web', [], {}],
    ['a listenLocal Alertmanager, which declares no web port', { alertmanager: 'main' }, 'web', ['service-target-port-name-missing'], { listenLocal: true }],
    ['the mesh port', { alertmanager: 'main' }, 'mesh-tcp', [], {}],
    ['a port of a container added in spec.containers', { alertmanager: 'main' }, 'proxy', [], { containers: [{ name: 'oauth-proxy', ports: [{ name: 'proxy', containerPort: 8443 }] }] }],
    ['a port merged into the operator\'s container by name', { alertmanager: 'main' }, 'debug', [], { containers: [{ name: 'alertmanager', ports: [{ name: 'debug', containerPort: 6060 }] }] }],
  ])('Alertmanager pods carry %s', (_name, selector, targetPort, rules, spec) => {
    const objects = fixture('kube-prometheus.yaml');
    Object.assign(named(objects, 'Alertmanager', 'main').spec, spec);
    objects.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'extra', namespace: 'monitoring' }, spec: { selector, ports: [{ port: 1, targetPort }] } });
    expect(relevant(objects).filter((f) => f.resource === 'Service/monitoring/extra').map((f) => f.rule)).toEqual(rules);
  });

  test.each([
    ['shard 1 of a Prometheus with 2 shards', 2, '1', []],
    ['shard 1 of a Prometheus with 1 shard', 1, '1', ['service-selector-no-match']],
    ['shard 0 of a Prometheus with 1 shard', 1, '0', []],
  ])('a Service selecting %s', (_name, shards, shard, rules) => {
    const objects = fixture('kube-prometheus.yaml');
    named(objects, 'Prometheus', 'k8s').spec.shards = shards;
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'shard', namespace: 'monitoring' },
      spec: { selector: { 'prometheus': 'k8s', 'operator.prometheus.io/shard': shard }, ports: [{ port: 9090, targetPort: 'web' }] },
    });
    expect(relevant(objects).map((f) => `${f.rule} ${f.level}`)).toEqual(rules.map((r) => `${r} error`));
  });

  test.each([
    ['grpc', []],
    ['web', []],
    ['http', ['service-target-port-name-missing']],
  ])('a Service selecting a ThanosRuler\'s pods with targetPort %s', (targetPort, rules) => {
    const ruler = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ThanosRuler', metadata: { name: 'ruler', namespace: 'monitoring' }, spec: { replicas: 2, queryEndpoints: ['dnssrv+_grpc._tcp.thanos-query'] } };
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'thanos-ruler', namespace: 'monitoring' },
      spec: { selector: { 'app.kubernetes.io/name': 'thanos-ruler', 'thanos-ruler': 'ruler' }, ports: [{ port: 10901, targetPort }] },
    };
    expect(relevant([ruler, svc]).map((f) => f.rule)).toEqual(rules);
  });

  test('a Rollout with workloadRef stands for the Deployment it references (not two workloads)', () => {
    const found = checkObjects(fixture('argo-rollouts.yaml')).findings.filter((f) => f.resource === 'Service/default/rollout-ref-deployment');
    expect(found).toEqual([]);
  });

  test('reports a targetPort the workloadRef Deployment\'s template does not declare', () => {
    const objects = fixture('argo-rollouts.yaml');
    named(objects, 'Service', 'rollout-ref-deployment').spec.ports[0].targetPort = 'https';
    expect(relevant(objects)).toEqual([expect.objectContaining({ rule: 'service-target-port-name-missing', resource: 'Service/default/rollout-ref-deployment' })]);
  });

  test('reads the pod-shaped spec.template of any other kind (OpenKruise CloneSet)', () => {
    const cloneSet = {
      apiVersion: 'apps.kruise.io/v1alpha1',
      kind: 'CloneSet',
      metadata: { name: 'sample' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'sample' } }, template: { metadata: { labels: { app: 'sample' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:alpine', ports: [{ name: 'http', containerPort: 80 }] }] } } },
    };
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'sample' }, spec: { selector: { app: 'sample' }, ports: [{ port: 80, targetPort: 'http' }] } };
    expect(relevant([cloneSet, svc])).toEqual([]);
    expect(relevant([svc]).map((f) => f.rule)).toEqual(['service-selector-no-match']);
  });
});

describe('native sidecars (init containers with restartPolicy: Always)', () => {
  test.each([
    ['the sidecar\'s named port', 'proxy-metrics', []],
    ['the sidecar\'s port number', 9901, []],
    ['a port only a regular init container declares (it runs to completion)', 'setup', ['service-target-port-name-missing']],
  ])('a targetPort naming %s', (_name, targetPort, rules) => {
    const objects = fixture('native-sidecar.yaml');
    named(objects, 'Service', 'web').spec.ports[1].targetPort = targetPort;
    expect(relevant(objects).map((f) => `${f.rule} ${f.resource}`)).toEqual(rules.map((r) => `${r} Service/app/web`));
  });
});

describe('service-selector-no-match with custom resources that make pods', () => {
  test('is a warning naming a custom resource whose spec.podMetadata.labels carry the selector', () => {
    const result = checkObjects(fixture('operator-podmetadata.yaml'));
    expect(result.success).toBe(true);
    expect(result.findings.filter((f) => f.rule === 'service-selector-no-match')).toEqual([expect.objectContaining({
      level: 'warning',
      resource: 'Service/metrics/tsdb',
      message: expect.stringMatching(/selects app\.kubernetes\.io\/part-of=metrics,tier=tsdb, which no pod template in namespace "metrics" has, but VMSingle\/metrics\/vmsingle \(spec\.podMetadata\.labels\) carries those labels in its spec, so its operator probably makes the pods/),
    })]);
  });

  test.each([
    ['a label the resource does not carry', { tier: 'tsdb', extra: 'x' }],
    ['another value', { tier: 'db' }],
  ])('stays an error for a selector with %s', (_name, selector) => {
    const objects = fixture('operator-podmetadata.yaml');
    named(objects, 'Service', 'tsdb').spec.selector = selector;
    expect(relevant(objects)).toEqual([expect.objectContaining({ rule: 'service-selector-no-match', level: 'error', resource: 'Service/metrics/tsdb' })]);
  });

  test('does not count the resource in another namespace (the Service\'s namespace then holds no workload at all)', () => {
    const objects = fixture('operator-podmetadata.yaml');
    named(objects, 'VMSingle', 'vmsingle').metadata.namespace = 'other';
    expect(relevant(objects)).toEqual([expect.objectContaining({ rule: 'service-selector-no-match', level: 'warning', message: expect.stringMatching(/the input holds no pod template or Pod in namespace/) })]);
  });

  test('stays an error in a namespace of custom resources that only route (Traefik IngressRoute, Middleware)', () => {
    expect(relevant(fixture('traefik.yaml'))).toEqual([expect.objectContaining({
      rule: 'service-selector-no-match', level: 'error', resource: 'Service/edge/whoami', message: expect.stringMatching(/nearest: Deployment "who-am-i" has app=who-am-i/),
    })]);
  });

  test('is a warning for the canary labels of a Rollout (its canary pods carry them during an update only)', () => {
    const objects = fixture('argo-rollouts.yaml');
    named(objects, 'Service', 'rollout-canary-stable-pods').spec.selector.role = 'canary';
    expect(relevant(objects)).toEqual([expect.objectContaining({
      rule: 'service-selector-no-match',
      level: 'warning',
      resource: 'Service/default/rollout-canary-stable-pods',
      message: expect.stringMatching(/Rollout\/default\/rollout-canary \(spec\.strategy\.canary\.canaryMetadata\.labels, spec\.template\.metadata\.labels\)/),
    })]);
  });

  test.each<[string, string, Obj, Obj, string]>([
    ['an Alertmanager', 'warning', { apiVersion: 'monitoring.coreos.com/v1', kind: 'Alertmanager', metadata: { name: 'ops', namespace: 'mon' }, spec: { replicas: 2, podMetadata: { labels: { team: 'sre' } } } },
      { app: 'alertmanager', alertmanager: 'ops', team: 'sre' }, 'Alertmanager "ops" carry only under older prometheus-operator releases \\(app=alertmanager\\)'],
    ['a Prometheus', 'warning', { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'k8s', namespace: 'mon' }, spec: {} },
      { app: 'prometheus', prometheus: 'k8s' }, 'Prometheus "k8s" carry only under older prometheus-operator releases \\(app=prometheus\\)'],
    ['an Alertmanager of another name', 'error', { apiVersion: 'monitoring.coreos.com/v1', kind: 'Alertmanager', metadata: { name: 'ops', namespace: 'mon' }, spec: {} },
      { app: 'alertmanager', alertmanager: 'main' }, 'no pod template in namespace "mon" has those labels'],
    ['a Prometheus, with the Alertmanager\'s app value', 'error', { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'k8s', namespace: 'mon' }, spec: {} },
      { app: 'alertmanager', prometheus: 'k8s' }, 'no pod template in namespace "mon" has those labels'],
  ])('selecting the app label older operators gave the pods of %s is a %s', (_name, level, resource, selector, message) => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ui', namespace: 'mon' }, spec: { selector, ports: [{ port: 9093, targetPort: 'web' }] } };
    expect(relevant([resource, svc])).toEqual([expect.objectContaining({
      rule: 'service-selector-no-match', level, resource: 'Service/mon/ui', message: expect.stringMatching(new RegExp(message)),
    })]);
  });

  test('is a warning for a Rollout whose workloadRef names a workload the input lacks', () => {
    const objects = fixture('argo-rollouts.yaml').filter((o) => o.kind !== 'Deployment');
    expect(relevant(objects)).toEqual([expect.objectContaining({
      rule: 'service-selector-no-match',
      level: 'warning',
      resource: 'Service/default/rollout-ref-deployment',
      message: expect.stringMatching(/Rollout\/default\/rollout-ref-deployment \(spec\.selector\.matchLabels\)/),
    })]);
  });
});

describe('service-selector-no-match with pods that an operator labels by itself (Rook)', () => {
  const ns = 'rook-ceph';
  const rook = (kind: string, name: string, namespace = ns) => ({ apiVersion: 'ceph.rook.io/v1', kind, metadata: { name, namespace }, spec: {} });
  /** The Rook operator's Deployment (a workload of the namespace), a CephCluster, a CephObjectStore and a CephFilesystem. */
  const rookObjects = () => [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'rook-ceph-operator', namespace: ns },
      spec: { selector: { matchLabels: { app: 'rook-ceph-operator' } }, template: { metadata: { labels: { app: 'rook-ceph-operator' } }, spec: { containers: [{ name: 'rook-ceph-operator', image: 'rook/ceph:v1.16.0' }] } } },
    },
    rook('CephCluster', 'my-cluster'), rook('CephObjectStore', 'my-store'), rook('CephFilesystem', 'myfs'),
  ];
  const svc = (selector: Obj) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ceph-ui', namespace: ns }, spec: { selector, ports: [{ port: 7000, targetPort: 7000 }] } });

  test.each<[string, Obj, string]>([
    ['the active mgr (the dashboard Service of Rook\'s examples)', { app: 'rook-ceph-mgr', mgr_role: 'active', rook_cluster: ns },
      'the Rook operator puts those labels on the mgr pods it makes for CephCluster/rook-ceph/my-cluster, so the Service selects that operator\'s pods, which the checker does not make offline. Fix: nothing to do when the cluster runs that operator'],
    ['one mon by its daemon id', { app: 'rook-ceph-mon', mon: 'a', rook_cluster: ns, mon_cluster: ns }, 'on the mon pods it makes for CephCluster/rook-ceph/my-cluster'],
    ['the osds by daemon type', { app: 'rook-ceph-osd', ceph_daemon_type: 'osd' }, 'on the osd pods it makes for CephCluster/rook-ceph/my-cluster'],
    ['an object store\'s rgw pods', { app: 'rook-ceph-rgw', rook_cluster: ns, rook_object_store: 'my-store' }, 'on the rgw pods it makes for CephObjectStore/rook-ceph/my-store'],
    ['a filesystem\'s mds pods', { app: 'rook-ceph-mds', rook_file_system: 'myfs' }, 'on the mds pods it makes for CephFilesystem/rook-ceph/myfs'],
  ])('is an info for a Service that selects %s, also with --complete (the labels are those of Rook\'s source)', (_name, selector, message) => {
    for (const complete of [false, true]) {
      const found = checkObjects([...rookObjects(), svc(selector)], {}, { complete }).findings.filter((f) => f.resource === 'Service/rook-ceph/ceph-ui');
      expect(found).toEqual([expect.objectContaining({ rule: 'service-selector-no-match', level: 'info', message: expect.stringContaining(message) })]);
    }
  });

  test.each<[string, Obj[], Obj]>([
    ['another namespace\'s rook_cluster', rookObjects(), { app: 'rook-ceph-mgr', rook_cluster: 'other' }],
    ['a misspelt app', rookObjects(), { app: 'rook-ceph-mrg', rook_cluster: ns }],
    ['another object store', rookObjects(), { app: 'rook-ceph-rgw', rook_object_store: 'other-store' }],
    ['rgw pods without a CephObjectStore', rookObjects().filter((o) => o.kind !== 'CephObjectStore'), { app: 'rook-ceph-rgw', rook_cluster: ns }],
    ['a label Rook does not set', rookObjects(), { app: 'rook-ceph-mgr', tier: 'ui' }],
    ['a CephCluster of another namespace', [rookObjects()[0], rook('CephCluster', 'my-cluster', 'elsewhere')], { app: 'rook-ceph-mgr', rook_cluster: ns }],
  ])('stays an error for %s', (_name, objects, selector) => {
    expect(relevant([...objects, svc(selector)])).toEqual([expect.objectContaining({ rule: 'service-selector-no-match', level: 'error', resource: 'Service/rook-ceph/ceph-ui' })]);
  });
});

describe('service-selector-no-match with the Spilo pods of Zalando\'s Postgres operator', () => {
  // the shape of zalando/postgres-operator manifests/minimal-master-replica-svcmonitor.yaml: a postgresql resource and
  // a metrics Service per Patroni role, in a namespace without any workload of the input
  const ns = 'test-pg';
  const postgresql = (name: string) => ({ apiVersion: 'acid.zalan.do/v1', kind: 'postgresql', metadata: { name, namespace: ns }, spec: { teamId: 'acid', numberOfInstances: 2 } });
  const svc = (selector: Obj) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'pg-metrics', namespace: ns }, spec: { selector, ports: [{ name: 'exporter', port: 9187, targetPort: 'exporter' }] } });

  test.each<[string, Obj]>([
    ['the master', { 'application': 'spilo', 'cluster-name': 'acid-minimal-cluster', 'spilo-role': 'master' }],
    ['the replicas', { 'application': 'spilo', 'cluster-name': 'acid-minimal-cluster', 'spilo-role': 'replica' }],
    ['every pod of the team', { application: 'spilo', team: 'acid' }],
  ])('is an info for a Service that selects %s, also with --complete', (_name, selector) => {
    for (const complete of [false, true]) {
      const found = checkObjects([postgresql('acid-minimal-cluster'), svc(selector)], {}, { complete }).findings.filter((f) => f.resource === 'Service/test-pg/pg-metrics');
      expect(found).toEqual([expect.objectContaining({
        rule: 'service-selector-no-match',
        level: 'info',
        message: expect.stringContaining('the Zalando Postgres operator puts those labels on the Spilo pods it makes for postgresql/test-pg/acid-minimal-cluster'),
      })]);
    }
  });

  test.each<[string, Obj]>([
    ['another cluster', { 'application': 'spilo', 'cluster-name': 'other-cluster', 'spilo-role': 'master' }],
    ['a label the operator does not set', { application: 'spilo', tier: 'db' }],
    ['a Patroni role Spilo does not set', { 'cluster-name': 'acid-minimal-cluster', 'spilo-role': 'leader' }],
    ['the Patroni role alone', { 'spilo-role': 'master' }],
  ])('stays an error with --complete for %s', (_name, selector) => {
    const found = checkObjects([postgresql('acid-minimal-cluster'), svc(selector)], {}, { complete: true }).findings.filter((f) => f.resource === 'Service/test-pg/pg-metrics');
    expect(found).toEqual([expect.objectContaining({ rule: 'service-selector-no-match', level: 'error' })]);
  });
});

describe('service-selector-no-match with the pods of CloudNativePG, ECK, RabbitMQ, MongoDB Community, Spotahome Redis and KubeRay operators', () => {
  // the shapes of users' LoadBalancer and NodePort Services for these operators' pods (CNPG's primary, an ECK NodePort
  // Service per Elasticsearch, Kibana and Agent), beside a Deployment of the namespace, so that a miss is an error
  const ns = 'data';
  const app = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: ns },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } } },
  };
  const cr = (apiVersion: string, kind: string, name: string, spec: Obj = {}) => ({ apiVersion, kind, metadata: { name, namespace: ns }, spec });
  const operated = () => [
    app,
    cr('postgresql.cnpg.io/v1', 'Cluster', 'pg', { instances: 3, storage: { size: '1Gi' } }),
    cr('elasticsearch.k8s.elastic.co/v1', 'Elasticsearch', 'quickstart', { version: '8.17.0', nodeSets: [{ name: 'master', count: 1 }, { name: 'data', count: 2 }] }),
    cr('kibana.k8s.elastic.co/v1', 'Kibana', 'kibana', { version: '8.17.0', count: 1 }),
    cr('agent.k8s.elastic.co/v1alpha1', 'Agent', 'fleet-server', { version: '8.17.0', mode: 'fleet' }),
    cr('rabbitmq.com/v1beta1', 'RabbitmqCluster', 'rabbit', { replicas: 3 }),
    cr('mongodbcommunity.mongodb.com/v1', 'MongoDBCommunity', 'mongo', { members: 3, type: 'ReplicaSet', version: '6.0.5' }),
    cr('databases.spotahome.com/v1', 'RedisFailover', 'cache', { sentinel: { replicas: 3 }, redis: { replicas: 3 } }),
    cr('ray.io/v1', 'RayCluster', 'raycluster', { headGroupSpec: { rayStartParams: {} }, workerGroupSpecs: [{ groupName: 'small-group', replicas: 1 }] }),
  ];
  const svc = (selector: Obj) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'exposed', namespace: ns }, spec: { type: 'LoadBalancer', selector, ports: [{ port: 80, targetPort: 8080 }] } });
  const found = (selector: Obj, complete = false) =>
    checkObjects([...operated(), svc(selector)], {}, { complete }).findings.filter((f) => f.resource === `Service/${ns}/exposed`);

  test.each<[string, Obj, string]>([
    ['the CloudNativePG primary', { 'cnpg.io/cluster': 'pg', 'cnpg.io/instanceRole': 'primary' }, 'the CloudNativePG operator puts those labels on the instance pods it makes for Cluster/data/pg'],
    ['the CloudNativePG primary by the older role label', { 'cnpg.io/cluster': 'pg', 'role': 'primary' }, 'on the instance pods it makes for Cluster/data/pg'],
    ['any CloudNativePG instance by pod role', { 'cnpg.io/podRole': 'instance', 'cnpg.io/instanceRole': 'replica' }, 'on the instance pods it makes for Cluster/data/pg'],
    ['an Elasticsearch cluster', { 'elasticsearch.k8s.elastic.co/cluster-name': 'quickstart' }, 'the ECK operator puts those labels on the pods of node set master it makes for Elasticsearch/data/quickstart'],
    ['one Elasticsearch node set by its StatefulSet', { 'elasticsearch.k8s.elastic.co/statefulset-name': 'quickstart-es-data', 'elasticsearch.k8s.elastic.co/node-master': 'false' },
      'on the pods of node set data it makes for Elasticsearch/data/quickstart'],
    ['a Kibana', { 'kibana.k8s.elastic.co/name': 'kibana' }, 'on the Kibana pods it makes for Kibana/data/kibana'],
    ['a Fleet Server Agent', { 'agent.k8s.elastic.co/name': 'fleet-server', 'common.k8s.elastic.co/type': 'agent' }, 'on the Agent pods it makes for Agent/data/fleet-server'],
    ['a RabbitmqCluster', { 'app.kubernetes.io/name': 'rabbit', 'app.kubernetes.io/component': 'rabbitmq' },
      'the RabbitMQ Cluster operator puts those labels on the RabbitMQ pods it makes for RabbitmqCluster/data/rabbit'],
    // the shape of mongodb-kubernetes-operator config/samples/external_access/external_services.yaml
    ['one MongoDBCommunity member', { 'app': 'mongo-svc', 'statefulset.kubernetes.io/pod-name': 'mongo-2' },
      'the MongoDB Community operator puts those labels on the member pod mongo-2 it makes for MongoDBCommunity/data/mongo'],
    ['the master of a RedisFailover', { 'app.kubernetes.io/name': 'cache', 'app.kubernetes.io/component': 'redis', 'redisfailovers-role': 'master' },
      'the Spotahome Redis operator puts those labels on the redis pods it makes for RedisFailover/data/cache'],
    ['the sentinels of a RedisFailover', { 'app.kubernetes.io/part-of': 'redis-failover', 'app.kubernetes.io/component': 'sentinel', 'redisfailovers.databases.spotahome.com/name': 'cache' },
      'on the sentinel pods it makes for RedisFailover/data/cache'],
    // the shape of a user's dashboard Service for a RayCluster's head pod
    ['the head pod of a RayCluster', { 'ray.io/cluster': 'raycluster', 'ray.io/node-type': 'head' },
      'the KubeRay operator puts those labels on the head pod it makes for RayCluster/data/raycluster'],
    ['a RayCluster worker group', { 'ray.io/cluster': 'raycluster', 'ray.io/group': 'small-group', 'ray.io/is-ray-node': 'yes' },
      'on the pods of worker group small-group it makes for RayCluster/data/raycluster'],
  ])('is an info for a Service that selects %s, also with --complete (the labels are those of the operator\'s source)', (_name, selector, message) => {
    for (const complete of [false, true]) {
      expect(found(selector, complete)).toEqual([expect.objectContaining({ rule: 'service-selector-no-match', level: 'info', message: expect.stringContaining(message) })]);
    }
  });

  test.each<[string, Obj]>([
    ['another CloudNativePG cluster', { 'cnpg.io/cluster': 'other', 'cnpg.io/instanceRole': 'primary' }],
    ['the CloudNativePG pooler role (no Pooler in the input)', { 'cnpg.io/cluster': 'pg', 'cnpg.io/podRole': 'pooler' }],
    ['a StatefulSet of a node set the Elasticsearch lacks', { 'elasticsearch.k8s.elastic.co/cluster-name': 'quickstart', 'elasticsearch.k8s.elastic.co/statefulset-name': 'quickstart-es-hot' }],
    ['another type for a Kibana', { 'kibana.k8s.elastic.co/name': 'kibana', 'common.k8s.elastic.co/type': 'elasticsearch' }],
    ['a misspelt RabbitmqCluster name', { 'app.kubernetes.io/name': 'rabit' }],
    ['a label the RabbitMQ operator does not set', { 'app.kubernetes.io/name': 'rabbit', 'tier': 'queue' }],
    ['a MongoDBCommunity member past spec.members', { 'app': 'mongo-svc', 'statefulset.kubernetes.io/pod-name': 'mongo-3' }],
    ['the MongoDBCommunity\'s own name as app', { app: 'mongo' }],
    ['a RedisFailover master selected on its sentinel pods', { 'app.kubernetes.io/name': 'cache', 'app.kubernetes.io/component': 'sentinel', 'redisfailovers-role': 'master' }],
    ['another RayCluster\'s head pod', { 'ray.io/cluster': 'ray', 'ray.io/node-type': 'head' }],
    ['a RayCluster worker group it does not have', { 'ray.io/cluster': 'raycluster', 'ray.io/group': 'gpu-group' }],
    // the values the operators' sources give these keys (CloudNativePG specs ClusterRoleLabelPrimary/Replica, Spotahome
    // constants.go redisRoleLabelMaster/Slave, ECK common.TrueFalseLabel)
    ['a CloudNativePG role the operator never sets', { 'cnpg.io/cluster': 'pg', 'role': 'leader' }],
    ['a RedisFailover role the operator never sets', { 'app.kubernetes.io/name': 'cache', 'redisfailovers-role': 'primary' }],
    ['an Elasticsearch node role that is no "true" or "false"', { 'elasticsearch.k8s.elastic.co/cluster-name': 'quickstart', 'elasticsearch.k8s.elastic.co/node-master': 'yes' }],
  ])('stays an error for %s', (_name, selector) => {
    expect(found(selector, true)).toEqual([expect.objectContaining({ rule: 'service-selector-no-match', level: 'error' })]);
  });

  // the reviewer's shape: `role: fronted`, a typo beside a Deployment labelled `role: frontend`, was taken for the
  // selector of CloudNativePG's instance pods (which carry `role: primary` or `replica`) and became an info
  test.each<[string, Obj]>([
    ['a misspelt role beside a CloudNativePG Cluster', { role: 'fronted' }],
    ['the CloudNativePG primary with no cluster label', { 'role': 'primary', 'cnpg.io/instanceRole': 'primary' }],
    ['an Elasticsearch version alone', { 'elasticsearch.k8s.elastic.co/version': '1.0.0' }],
    ['an Elasticsearch node role alone', { 'elasticsearch.k8s.elastic.co/node-data_hot': 'true' }],
    ['a RedisFailover role alone', { 'redisfailovers-role': 'master' }],
    ['a MongoDBCommunity revision hash alone', { 'controller-revision-hash': 'mongo-5d8f' }],
  ])('reports an error when the selector holds only any-value keys: %s', (_name, selector) => {
    expect(found(selector, true)).toEqual([expect.objectContaining({ rule: 'service-selector-no-match', level: 'error' })]);
  });

  // the reviewer's shape: a selector that mixes a label the resource's spec gives its pods with one the operator adds
  // was matched by neither route (each wanted every pair from one source) and was an error, though the pods carry both
  // (CloudNativePG copies spec.inheritedMetadata.labels onto its instance pods; the MongoDB Community operator merges
  // spec.statefulSet.spec into the StatefulSet it makes)
  describe('with the labels the resource\'s spec gives its pods', () => {
    const withGiven = () => [
      app,
      cr('postgresql.cnpg.io/v1', 'Cluster', 'pg', { instances: 3, inheritedMetadata: { labels: { app: 'pg' } } }),
      cr('mongodbcommunity.mongodb.com/v1', 'MongoDBCommunity', 'mongo', { members: 3, statefulSet: { spec: { template: { metadata: { labels: { team: 'x' } } } } } }),
    ];
    const of = (selector: Obj, complete: boolean) =>
      checkObjects([...withGiven(), svc(selector)], {}, { complete }).findings.filter((f) => f.resource === `Service/${ns}/exposed`);

    test.each<[string, Obj, string]>([
      ['an inherited label and the CloudNativePG cluster label', { 'app': 'pg', 'cnpg.io/cluster': 'pg' },
        'the CloudNativePG operator puts those labels on the instance pods it makes for Cluster/data/pg'],
      ['an inherited label and the CloudNativePG primary role', { 'app': 'pg', 'cnpg.io/instanceRole': 'primary' }, 'on the instance pods it makes for Cluster/data/pg'],
      ['a template label and the MongoDBCommunity app label', { team: 'x', app: 'mongo-svc' },
        'the MongoDB Community operator puts those labels on the member pod mongo-0 it makes for MongoDBCommunity/data/mongo'],
      ['a template label and one MongoDBCommunity member', { 'team': 'x', 'statefulset.kubernetes.io/pod-name': 'mongo-1' }, 'on the member pod mongo-1 it makes for MongoDBCommunity/data/mongo'],
    ])('is an info for %s, also with --complete (the pods carry both)', (_name, selector, message) => {
      for (const complete of [false, true]) {
        expect(of(selector, complete)).toEqual([expect.objectContaining({ rule: 'service-selector-no-match', level: 'info', message: expect.stringContaining(message) })]);
      }
    });

    test.each<[string, Obj]>([
      ['an inherited label of another value', { 'app': 'pg2', 'cnpg.io/cluster': 'pg' }],
      ['an inherited label with another CloudNativePG cluster', { 'app': 'pg', 'cnpg.io/cluster': 'other' }],
      ['an inherited label with a role the operator never sets', { app: 'pg', role: 'leader' }],
      ['a template label with a MongoDBCommunity member past spec.members', { 'team': 'x', 'statefulset.kubernetes.io/pod-name': 'mongo-3' }],
      ['one resource\'s given label with another resource\'s operator label', { 'team': 'x', 'cnpg.io/cluster': 'pg' }],
    ])('stays an error for %s', (_name, selector) => {
      expect(of(selector, true)).toEqual([expect.objectContaining({ rule: 'service-selector-no-match', level: 'error' })]);
    });
  });

  // the reviewer's shapes: a labels map found anywhere in the resource's spec had counted for all its pods (a Service's
  // or PVC's template, the StatefulSet object's own labels, another node set's or worker group's template), which
  // turned true errors into infos; only the labels that reach those very pods count
  describe('with labels of the spec that its pods do not receive', () => {
    const given = () => [
      app,
      cr('postgresql.cnpg.io/v1', 'Cluster', 'pg', {
        instances: 3,
        storage: { size: '1Gi', pvcTemplate: { metadata: { labels: { backup: 'daily' } } } },
        managed: { services: { additional: [{ selectorType: 'rw', serviceTemplate: { metadata: { name: 'pg-lb', labels: { exposed: 'true' } }, spec: { type: 'LoadBalancer' } } }] } },
      }),
      cr('elasticsearch.k8s.elastic.co/v1', 'Elasticsearch', 'es', {
        version: '8.11.0',
        nodeSets: [{ name: 'master', count: 3, podTemplate: { metadata: { labels: { tier: 'masters' } } } }, { name: 'data', count: 3 }],
      }),
      cr('ray.io/v1', 'RayCluster', 'rc', {
        headGroupSpec: { template: { metadata: { labels: { role: 'head-api' } }, spec: {} } },
        workerGroupSpecs: [{ groupName: 'gpu', template: { metadata: { labels: { accel: 'gpu' } }, spec: {} } }],
      }),
      cr('mongodbcommunity.mongodb.com/v1', 'MongoDBCommunity', 'mdb', {
        members: 3,
        statefulSet: { metadata: { labels: { 'sts-only': 'yes' } }, spec: { volumeClaimTemplates: [{ metadata: { name: 'data-volume', labels: { pvc: 'data' } } }] } },
      }),
      cr('rabbitmq.com/v1beta1', 'RabbitmqCluster', 'rabbit', {
        replicas: 3,
        override: { statefulSet: { spec: { template: { metadata: { labels: { mq: 'edge' } } } } }, service: { metadata: { labels: { svc: 'edge' } } } },
      }),
      cr('kibana.k8s.elastic.co/v1', 'Kibana', 'kb', { version: '8.13.0', count: 1, podTemplate: { metadata: { labels: { team: 'search' } } } }),
      cr('agent.k8s.elastic.co/v1alpha1', 'Agent', 'ag', { version: '8.13.0', deployment: { podTemplate: { metadata: { labels: { role: 'fleet-server' } } } } }),
      cr('ceph.rook.io/v1', 'CephObjectStore', 'store', { gateway: { port: 80, instances: 1, labels: { tier: 's3' } } }),
      cr('ceph.rook.io/v1', 'CephFilesystem', 'fs', { metadataServer: { activeCount: 1, labels: { tier: 'mds' } } }),
    ];
    const of = (selector: Obj) => checkObjects([...given(), svc(selector)], {}, { complete: true }).findings.filter((f) => f.resource === `Service/${ns}/exposed`);

    test.each<[string, Obj]>([
      ['a CloudNativePG additional Service template\'s label', { 'cnpg.io/cluster': 'pg', 'exposed': 'true' }],
      ['a CloudNativePG PVC template\'s label', { 'cnpg.io/cluster': 'pg', 'backup': 'daily' }],
      ['the master node set\'s template label with the data node set', { 'elasticsearch.k8s.elastic.co/statefulset-name': 'es-es-data', 'tier': 'masters' }],
      ['the head group\'s template label with the worker node type', { 'ray.io/node-type': 'worker', 'role': 'head-api' }],
      ['a worker group\'s template label with the head node type', { 'ray.io/node-type': 'head', 'accel': 'gpu' }],
      ['the MongoDBCommunity StatefulSet object\'s own label', { 'app': 'mdb-svc', 'sts-only': 'yes' }],
      ['a MongoDBCommunity volume claim template\'s label', { app: 'mdb-svc', pvc: 'data' }],
      ['a RabbitmqCluster Service override\'s label', { 'app.kubernetes.io/name': 'rabbit', 'svc': 'edge' }],
    ])('reports an error for %s', (_name, selector) => {
      expect(of(selector)).toEqual([expect.objectContaining({ rule: 'service-selector-no-match', level: 'error' })]);
    });

    test.each<[string, Obj, string]>([
      ['the master node set\'s template label with the master node set', { 'elasticsearch.k8s.elastic.co/statefulset-name': 'es-es-master', 'tier': 'masters' }, 'pods of node set master'],
      ['the head group\'s template label with the head node type', { 'ray.io/node-type': 'head', 'role': 'head-api' }, 'head pod'],
      ['a worker group\'s template label with its group', { 'ray.io/group': 'gpu', 'accel': 'gpu' }, 'pods of worker group gpu'],
      ['a RabbitmqCluster pod template override\'s label', { 'app.kubernetes.io/name': 'rabbit', 'mq': 'edge' }, 'RabbitMQ pods'],
      // the next four were errors once only the labels of a kind's own pods counted and these kinds listed none
      ['a Kibana pod template\'s label', { 'kibana.k8s.elastic.co/name': 'kb', 'team': 'search' }, 'Kibana pods'],
      ['an Agent Deployment pod template\'s label', { 'agent.k8s.elastic.co/name': 'ag', 'role': 'fleet-server' }, 'Agent pods'],
      ['a CephObjectStore gateway\'s label', { app: 'rook-ceph-rgw', rook_object_store: 'store', tier: 's3' }, 'rgw pods'],
      ['a CephFilesystem metadata server\'s label', { app: 'rook-ceph-mds', rook_file_system: 'fs', tier: 'mds' }, 'mds pods'],
    ])('is an info for %s (those pods carry both)', (_name, selector, pods) => {
      expect(of(selector)).toEqual([expect.objectContaining({ rule: 'service-selector-no-match', level: 'info', message: expect.stringContaining(pods) })]);
    });
  });

  test('is an info for the data tier roles of an Elasticsearch node set (ECK labels them from 7.10)', () => {
    const selector = { 'elasticsearch.k8s.elastic.co/cluster-name': 'quickstart', 'elasticsearch.k8s.elastic.co/node-data_hot': 'true', 'elasticsearch.k8s.elastic.co/node-data_frozen': 'false' };
    expect(found(selector, true)).toEqual([expect.objectContaining({ rule: 'service-selector-no-match', level: 'info', message: expect.stringContaining('Elasticsearch/data/quickstart') })]);
  });

  describe('KubeVirt virt-launcher pods', () => {
    /** The fixture with one more Service of namespace `vms`. */
    function withService(selector: Obj, targetPort: string | number): Obj[] {
      return [...fixture('kubevirt.yaml'), { apiVersion: 'v1', kind: 'Service', metadata: { name: 'extra', namespace: 'vms' }, spec: { selector, ports: [{ port: 80, targetPort }] } }];
    }

    test.each<[string, Obj, string | number, string[]]>([
      ['a label of the VM\'s template', { app: 'web' }, 'http', []],
      ['the labels KubeVirt adds (virt-launcher, the VM\'s name, its VMI\'s ID and uid)', { 'kubevirt.io': 'virt-launcher', 'vm.kubevirt.io/name': 'web', 'vmi.kubevirt.io/id': 'web', 'kubevirt.io/created-by': 'f81d4fae' }, 'http', []],
      ['the ID of a VMI of a replica set (generated name, not known offline)', { 'role': 'worker', 'vmi.kubevirt.io/id': 'workersx7k2p' }, 22, []],
      ['another VM\'s ID', { 'app': 'web', 'vmi.kubevirt.io/id': 'db' }, 'http', ['service-selector-no-match error']],
      ['kubevirt.io/domain, which KubeVirt sets as an annotation only', { 'kubevirt.io/domain': 'web' }, 'http', ['service-selector-no-match error']],
      ['the VM\'s name label with the VM\'s name where its template sets a hostname', { 'vm.kubevirt.io/name': 'db' }, 22, ['service-selector-no-match error']],
      ['a pool member\'s hostname label (its VMI <pool>-<i>)', { 'vm.kubevirt.io/name': 'pool-0' }, 22, []],
      ['a pool member\'s ID', { 'kubevirt.io/vmpool': 'pool', 'vmi.kubevirt.io/id': 'pool-1' }, 22, []],
      ['the ID of a pool member past its replicas', { 'kubevirt.io/vmpool': 'pool', 'vmi.kubevirt.io/id': 'pool-9' }, 22, ['service-selector-no-match error']],
      ['the pool revision KubeVirt adds to its VMs\' templates', { 'kubevirt.io/vmpool': 'pool', 'kubevirt.io/vm-pool-revision-name': 'pool-1' }, 22, []],
      ['a replica set VMI\'s hostname label (generated: <replica set><5 characters>)', { 'role': 'worker', 'vm.kubevirt.io/name': 'workersx7k2p' }, 22, []],
      ['a port name that no interface of the VM declares', { app: 'web' }, 'https', ['service-target-port-name-missing error']],
    ])('a Service selecting %s', (_name, selector, targetPort, expected) => {
      expect(relevant(withService(selector, targetPort)).filter((f) => f.resource === 'Service/vms/extra').map((f) => `${f.rule} ${f.level}`)).toEqual(expected);
    });

    test.each([
      ['a name', 'https', 'service-target-port-name-missing', /VirtualMachine "web" declares no interface port named "https" \(declared: 8080\/TCP \(http\)\).*Fix: name a port of its interface \(spec\.domain\.devices\.interfaces\[\]\.ports\) "https" or set targetPort to the port number\.$/],
      ['a number', 22, 'service-target-port-undeclared', /VirtualMachine "web" does not list among its interface ports \(8080\/TCP \(http\)\); this works only if the VM listens on 22 and its interface passes it on.*if it does, add 22 to the ports of its interface \(spec\.domain\.devices\.interfaces\[\]\.ports\)\.$/],
    ])('says where a VM declares a port when a targetPort is %s its interfaces do not list', (_name, targetPort, rule, message) => {
      expect(relevant(withService({ app: 'web' }, targetPort)).filter((f) => f.resource === 'Service/vms/extra')).toEqual([
        expect.objectContaining({ rule, message: expect.stringMatching(message) }),
      ]);
    });

    test('reports a VMI\'s subdomain without its Service, and no hostname without a subdomain (it names the guest)', () => {
      const objects = fixture('kubevirt.yaml').filter((o) => !(o.kind === 'Service' && o.metadata.name === 'fleet'));
      const findings = checkObjects(objects).findings.filter((f) => f.rule === 'pod-subdomain-service');
      expect(findings).toEqual([expect.objectContaining({ resource: 'VirtualMachine/vms/web', message: expect.stringMatching(/subdomain "fleet"/) })]);
    });

    test('a VM named web.example gets the hostname label web (the first label of its name)', () => {
      const objects = withService({ 'vm.kubevirt.io/name': 'web' }, 'http');
      named(objects, 'VirtualMachine', 'web').metadata.name = 'web.example';
      expect(relevant(objects).filter((f) => f.resource === 'Service/vms/extra')).toEqual([]);
    });

    test('a VirtualMachine of another API group makes no pods', () => {
      const objects = withService({ app: 'web' }, 'http').map((o) => (o.kind === 'VirtualMachine' ? { ...o, apiVersion: 'vmoperator.vmware.com/v1alpha1' } : o));
      expect(relevant(objects).filter((f) => f.resource === 'Service/vms/web').map((f) => `${f.rule} ${f.level}`)).toEqual(['service-selector-no-match warning']);
    });
  });
});
