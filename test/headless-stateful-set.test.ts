import { Chart, Size, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { StatefulSet } from 'kubernetes-models/apps/v1';
import { Service } from 'kubernetes-models/v1';
import { testApp } from './test-app';
import { ContainerProbe, PodSecurity, UpdateStrategy } from '../src/container-options';
import { HeadlessStatefulSet, HeadlessStatefulSetProps } from '../src/headless-stateful-set';
import { Protocol } from '../src/service-port';
import { AccessMode, ClaimRetention } from '../src/stateful-storage';

const REDIS: HeadlessStatefulSetProps = { image: 'redis:7', ports: [{ name: 'redis', port: 6379 }], replicas: 3 };

function chart(namespace?: string): Chart {
  return new Chart(testApp(), 'test', { namespace });
}

/** Synthesizes, schema-validates every object with kubernetes-models and returns them by kind/name. */
function synth(c: Chart): { [kindAndName: string]: any } {
  const out: { [kindAndName: string]: any } = {};
  for (const obj of Testing.synth(c)) {
    if (obj.kind === 'Service') new Service(obj).validate();
    else if (obj.kind === 'StatefulSet') new StatefulSet(obj).validate();
    else throw new Error(`unexpected kind ${obj.kind}`);
    out[`${obj.kind}/${obj.metadata.name}`] = obj;
  }
  return out;
}

function build(props: HeadlessStatefulSetProps = REDIS, namespace?: string) {
  const c = chart(namespace);
  const set = new HeadlessStatefulSet(c, 'redis', props);
  return { set, objects: synth(c) };
}

const SELECTOR = { 'app.kubernetes.io/instance': 'redis', 'app.kubernetes.io/component': 'headless-stateful-set' };

describe('HeadlessStatefulSet governing Service', () => {
  test('is headless, named <name>-headless, selects exactly the pods and publishes not-ready addresses', () => {
    // WHEN
    const { objects } = build();

    // THEN
    const svc = objects['Service/redis-headless'];
    expect(svc.spec).toEqual({
      clusterIP: 'None',
      selector: SELECTOR,
      ports: [{ name: 'redis', port: 6379, targetPort: 'redis', protocol: 'TCP' }],
      publishNotReadyAddresses: true,
    });
    expect(svc.metadata.labels).toEqual(SELECTOR);
    expect(Object.keys(objects).sort()).toEqual(['Service/redis-headless', 'StatefulSet/redis']);
  });

  test('publishNotReadyAddresses can be turned off and the name chosen', () => {
    // WHEN
    const { objects, set } = build({ ...REDIS, publishNotReadyAddresses: false, headlessServiceName: 'redis-peers' });

    // THEN
    expect(objects['Service/redis-peers'].spec.publishNotReadyAddresses).toBe(false);
    expect(objects['StatefulSet/redis'].spec.serviceName).toBe('redis-peers');
    expect(set.headlessServiceName).toBe('redis-peers');
  });

  test('exposes every named port with its protocol and appProtocol', () => {
    // WHEN
    const { objects } = build({
      image: 'example/kafka:3',
      ports: [
        { name: 'broker', port: 9092, appProtocol: 'kafka' },
        { name: 'controller', port: 9093 },
        { name: 'gossip', port: 9093, protocol: Protocol.UDP },
      ],
    });

    // THEN
    expect(objects['Service/redis-headless'].spec.ports).toEqual([
      { name: 'broker', port: 9092, targetPort: 'broker', protocol: 'TCP', appProtocol: 'kafka' },
      { name: 'controller', port: 9093, targetPort: 'controller', protocol: 'TCP' },
      { name: 'gossip', port: 9093, targetPort: 'gossip', protocol: 'UDP' },
    ]);
    expect(objects['StatefulSet/redis'].spec.template.spec.containers[0].ports).toEqual([
      { name: 'broker', containerPort: 9092, protocol: 'TCP' },
      { name: 'controller', containerPort: 9093, protocol: 'TCP' },
      { name: 'gossip', containerPort: 9093, protocol: 'UDP' },
    ]);
  });
});

describe('HeadlessStatefulSet client Service', () => {
  test('is a ClusterIP Service named after the set, with the same selector and ports', () => {
    // WHEN
    const { objects, set } = build({ ...REDIS, clientService: {} });

    // THEN
    expect(objects['Service/redis'].spec).toEqual({
      type: 'ClusterIP',
      selector: SELECTOR,
      ports: [{ name: 'redis', port: 6379, targetPort: 'redis', protocol: 'TCP' }],
    });
    expect(objects['Service/redis'].spec.publishNotReadyAddresses).toBeUndefined();
    expect(set.clientService).toBeDefined();
    expect(set.clientServiceName).toBe('redis');
  });

  test('the service reference names the client Service when there is one, else the headless one', () => {
    // WHEN
    const withClient = build({ ...REDIS, clientService: { name: 'cache' } }, 'data').set;
    const headlessOnly = build(REDIS, 'data').set;

    // THEN
    expect([withClient.serviceName, withClient.serviceNamespace, withClient.serviceFqdn])
      .toEqual(['cache', 'data', 'cache.data.svc.cluster.local']);
    expect([headlessOnly.serviceName, headlessOnly.serviceFqdn]).toEqual(['redis-headless', 'redis-headless.data.svc.cluster.local']);
    expect(headlessOnly.clientService).toBeUndefined();
  });
});

describe('HeadlessStatefulSet StatefulSet', () => {
  test('points serviceName at the headless Service, and its selector matches the template labels', () => {
    // WHEN
    const { objects } = build({ ...REDIS, labels: { 'app.kubernetes.io/part-of': 'shop' } });

    // THEN
    const sts = objects['StatefulSet/redis'];
    expect(sts.spec.serviceName).toBe('redis-headless');
    expect(sts.spec.replicas).toBe(3);
    expect(sts.spec.selector).toEqual({ matchLabels: SELECTOR });
    expect(sts.spec.template.metadata.labels).toEqual({ ...SELECTOR, 'app.kubernetes.io/part-of': 'shop' });
    expect(sts.metadata.labels).toEqual({ ...SELECTOR, 'app.kubernetes.io/part-of': 'shop' });
    expect(sts.spec.podManagementPolicy).toBe('OrderedReady');
    expect(sts.spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
    expect(sts.spec.template.spec.automountServiceAccountToken).toBe(false);
    expect(sts.spec.volumeClaimTemplates).toBeUndefined();
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toBeUndefined();
    expect(sts.spec.template.spec.containers[0]).toMatchObject({ name: 'redis', image: 'redis:7' });
  });

  test('defaults to one replica and no namespace field outside a namespaced chart', () => {
    // WHEN
    const { objects, set } = build({ image: 'redis:7', ports: [{ name: 'redis', port: 6379 }] });

    // THEN
    expect(objects['StatefulSet/redis'].spec.replicas).toBe(1);
    expect(objects['StatefulSet/redis'].metadata.namespace).toBeUndefined();
    expect(set.namespace).toBe('default');
  });

  test('takes the chart namespace, or an explicit one', () => {
    // WHEN
    const fromChart = build(REDIS, 'cache');
    const explicit = build({ ...REDIS, namespace: 'other' }, 'cache');

    // THEN
    expect(fromChart.objects['StatefulSet/redis'].metadata.namespace).toBe('cache');
    expect(fromChart.objects['Service/redis-headless'].metadata.namespace).toBe('cache');
    expect(explicit.objects['StatefulSet/redis'].metadata.namespace).toBe('other');
    expect(explicit.objects['Service/redis-headless'].metadata.namespace).toBe('other');
    expect(explicit.set.podDnsNames[0]).toBe('redis-0.redis-headless.other.svc.cluster.local');
  });

  test('adds a volume claim template, a mount and a retain-everything retention policy when storage is given', () => {
    // WHEN
    const { objects } = build({ ...REDIS, storage: { size: '10Gi', storageClassName: 'fast-ssd' } });

    // THEN
    const spec = objects['StatefulSet/redis'].spec;
    expect(spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(spec.volumeClaimTemplates).toEqual([{
      metadata: { name: 'data', labels: SELECTOR },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast-ssd', resources: { requests: { storage: '10Gi' } } },
    }]);
    expect(spec.template.spec.containers[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
    expect(spec.template.spec.volumes?.map((v: any) => v.name) ?? []).not.toContain('data');
  });

  test('storage takes a claim name, a mount path, access modes and retention choices', () => {
    // WHEN
    const { objects } = build({
      ...REDIS,
      storage: {
        size: '1.5Gi',
        claimName: 'state',
        mountPath: '/var/lib/redis',
        accessModes: [AccessMode.READ_WRITE_ONCE_POD],
        whenDeleted: ClaimRetention.DELETE,
        whenScaled: ClaimRetention.RETAIN,
      },
      args: ['--dir', '/var/lib/redis'],
    });

    // THEN
    const spec = objects['StatefulSet/redis'].spec;
    expect(spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Delete', whenScaled: 'Retain' });
    expect(spec.volumeClaimTemplates[0].metadata.name).toBe('state');
    expect(spec.volumeClaimTemplates[0].spec.accessModes).toEqual(['ReadWriteOncePod']);
    expect(spec.volumeClaimTemplates[0].spec.storageClassName).toBeUndefined();
    expect(spec.template.spec.containers[0].volumeMounts).toContainEqual({ name: 'state', mountPath: '/var/lib/redis' });
    // --dir moves redis's data into the claim; no throwaway emptyDir at /data catches it
    expect(spec.template.spec.containers[0].volumeMounts).not.toContainEqual(expect.objectContaining({ mountPath: '/data' }));
  });

  test('throws when redis storage is mounted away from /data without --dir', () => {
    expect(() => build({ ...REDIS, storage: { size: '1Gi', mountPath: '/var/lib/redis' } }))
      .toThrow(/HeadlessStatefulSet "test\/redis": storage.mountPath "\/var\/lib\/redis" is not the redis image's data directory "\/data".*keep the default mountPath "\/data" or pass "--dir \/var\/lib\/redis" in args/);
  });

  test('throws when a user PGDATA points outside the postgres storage mount', () => {
    expect(() => build({
      ...REDIS,
      image: 'postgres:16',
      ports: [{ name: 'postgres', port: 5432 }],
      storage: { size: '1Gi', mountPath: '/pg' },
      env: { PGDATA: kplus.EnvValue.fromValue('/var/lib/postgresql/data/pgdata') },
    })).toThrow(/env\["PGDATA"\] "\/var\/lib\/postgresql\/data\/pgdata" is outside storage.mountPath "\/pg"/);
  });

  test('passes podManagementPolicy, update strategy, grace period, command, args, env and resources through', () => {
    // WHEN
    const { objects } = build({
      ...REDIS,
      podManagementPolicy: kplus.PodManagementPolicy.PARALLEL,
      updateStrategy: UpdateStrategy.rollingUpdate({ partition: 2 }),
      terminationGracePeriodSeconds: 60,
      command: ['redis-server'],
      args: ['--appendonly', 'yes'],
      env: {
        REDIS_PEERS: kplus.EnvValue.fromValue('a,b'),
        POD_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME),
      },
      resources: {
        cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.units(1) },
        memory: { request: Size.mebibytes(256), limit: Size.gibibytes(1) },
      },
    });

    // THEN
    const spec = objects['StatefulSet/redis'].spec;
    expect(spec.podManagementPolicy).toBe('Parallel');
    expect(spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 2 } });
    expect(spec.template.spec.terminationGracePeriodSeconds).toBe(60);
    const container = spec.template.spec.containers[0];
    expect(container.command).toEqual(['redis-server']);
    expect(container.args).toEqual(['--appendonly', 'yes']);
    expect(container.env).toEqual([
      { name: 'REDIS_PEERS', value: 'a,b' },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ]);
    expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1024Mi' } });
  });

  test('converts sizes that are not whole mebibytes exactly', () => {
    // WHEN
    const { objects } = build({
      ...REDIS,
      resources: { memory: { request: Size.kibibytes(100), limit: Size.mebibytes(1.5) }, ephemeralStorage: { limit: Size.kibibytes(0.5) } },
    });

    // THEN
    expect(objects['StatefulSet/redis'].spec.template.spec.containers[0].resources)
      .toEqual({ requests: { memory: '100Ki' }, limits: { 'memory': '1536Ki', 'ephemeral-storage': '512' } });
  });

  test('throws when a size is not a whole number of bytes', () => {
    expect(() => build({ ...REDIS, resources: { memory: { limit: Size.kibibytes(0.0001) } } }))
      .toThrow(/HeadlessStatefulSet "test\/redis": resources.memory.limit "0.0001Ki" is not a whole number of bytes; use a whole size such as Size.mebibytes\(256\)/);
  });

  test('OnDelete never carries rollingUpdate', () => {
    // WHEN
    const { objects } = build({ ...REDIS, updateStrategy: UpdateStrategy.onDelete() });

    // THEN
    expect(objects['StatefulSet/redis'].spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  test('renders probes against named ports', () => {
    // WHEN
    const { objects } = build({
      ...REDIS,
      readinessProbe: ContainerProbe.exec(['redis-cli', 'ping'], { periodSeconds: 5, successThreshold: 2 }),
      livenessProbe: ContainerProbe.tcp('redis', { initialDelaySeconds: 15 }),
      startupProbe: ContainerProbe.http('/healthz', 'redis', { failureThreshold: 30, timeoutSeconds: 2 }),
    });

    // THEN
    const container = objects['StatefulSet/redis'].spec.template.spec.containers[0];
    expect(container.readinessProbe).toEqual({ exec: { command: ['redis-cli', 'ping'] }, periodSeconds: 5, successThreshold: 2 });
    expect(container.livenessProbe).toEqual({ tcpSocket: { port: 'redis' }, initialDelaySeconds: 15 });
    expect(container.startupProbe).toEqual({ httpGet: { path: '/healthz', port: 'redis' }, failureThreshold: 30, timeoutSeconds: 2 });
  });
});

describe('HeadlessStatefulSet security defaults', () => {
  function podSpec(props: Partial<HeadlessStatefulSetProps>) {
    return build({ ...REDIS, ...props }).objects['StatefulSet/redis'].spec.template.spec;
  }

  const RESTRICTED_CONTAINER = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };

  test('postgres:16 runs as 999 with PGDATA in a subdirectory and writable socket, tmp and data directories', () => {
    // WHEN
    const spec = podSpec({ image: 'postgres:16', ports: [{ name: 'postgres', port: 5432 }] });

    // THEN
    expect(spec.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 999,
      runAsGroup: 999,
      fsGroup: 999,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
    const container = spec.containers[0];
    expect(container.securityContext).toEqual({ ...RESTRICTED_CONTAINER, readOnlyRootFilesystem: true });
    expect(container.env).toEqual([{ name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' }]);
    expect(container.volumeMounts).toEqual([
      { name: 'rw-var-run-postgresql', mountPath: '/var/run/postgresql' },
      { name: 'rw-tmp', mountPath: '/tmp' },
      { name: 'rw-var-lib-postgresql-data', mountPath: '/var/lib/postgresql/data' },
    ]);
    expect(spec.volumes).toEqual([
      { name: 'rw-var-run-postgresql', emptyDir: {} },
      { name: 'rw-tmp', emptyDir: {} },
      { name: 'rw-var-lib-postgresql-data', emptyDir: {} },
    ]);
  });

  test('postgres with storage puts PGDATA inside the claim and needs no data emptyDir', () => {
    // WHEN
    const spec = podSpec({ image: 'postgres:16', ports: [{ name: 'postgres', port: 5432 }], storage: { size: '20Gi', mountPath: '/pg' } });

    // THEN
    const container = spec.containers[0];
    expect(container.env).toEqual([{ name: 'PGDATA', value: '/pg/pgdata' }]);
    expect(container.volumeMounts).toEqual([
      { name: 'data', mountPath: '/pg' },
      { name: 'rw-var-run-postgresql', mountPath: '/var/run/postgresql' },
      { name: 'rw-tmp', mountPath: '/tmp' },
    ]);
  });

  test('a user-given PGDATA wins', () => {
    // WHEN
    const spec = podSpec({ image: 'postgres:16', env: { PGDATA: kplus.EnvValue.fromValue('/x/y') } });

    // THEN
    expect(spec.containers[0].env).toEqual([{ name: 'PGDATA', value: '/x/y' }]);
  });

  test('postgres alpine runs as 70, redis alpine as 999 with group 1000', () => {
    // WHEN
    const pg = podSpec({ image: 'docker.io/library/postgres:16-alpine' });
    const redis = podSpec({ image: 'redis:7-alpine' });

    // THEN
    expect(pg.securityContext).toMatchObject({ runAsUser: 70, runAsGroup: 70, fsGroup: 70 });
    expect(redis.securityContext).toMatchObject({ runAsUser: 999, runAsGroup: 1000, fsGroup: 1000 });
  });

  test('redis:7 runs as 999 with writable /tmp and /data', () => {
    // WHEN
    const spec = podSpec({ image: 'redis:7' });

    // THEN
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, fsGroup: 999 });
    expect(spec.containers[0].securityContext).toEqual({ ...RESTRICTED_CONTAINER, readOnlyRootFilesystem: true });
    expect(spec.containers[0].volumeMounts).toEqual([
      { name: 'rw-tmp', mountPath: '/tmp' },
      { name: 'rw-data', mountPath: '/data' },
    ]);
    expect(spec.containers[0].env).toBeUndefined();
  });

  test('redis with storage at /data mounts the claim there and nothing else but /tmp', () => {
    // WHEN
    const spec = podSpec({ image: 'redis:7', storage: { size: '1Gi' } });

    // THEN
    expect(spec.containers[0].volumeMounts).toEqual([
      { name: 'data', mountPath: '/data' },
      { name: 'rw-tmp', mountPath: '/tmp' },
    ]);
  });

  test('an unknown image runs as 999 non-root but keeps a writable root filesystem and gets no volumes', () => {
    // WHEN
    const spec = podSpec({ image: 'ghcr.io/example/app:1.0' });

    // THEN
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, fsGroup: 999 });
    expect(spec.containers[0].securityContext).toEqual({ ...RESTRICTED_CONTAINER, readOnlyRootFilesystem: false });
    expect(spec.containers[0].volumeMounts).toBeUndefined();
    expect(spec.volumes).toBeUndefined();
  });

  test('nonRoot options override user, group, fsGroup, writable paths and the root filesystem', () => {
    // WHEN
    const spec = podSpec({
      image: 'ghcr.io/example/app:1.0',
      security: PodSecurity.nonRoot({ user: 1001, group: 1002, fsGroup: 1003, writablePaths: ['/run/app'] }),
    });

    // THEN
    expect(spec.securityContext).toMatchObject({ runAsUser: 1001, runAsGroup: 1002, fsGroup: 1003 });
    expect(spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'rw-run-app', mountPath: '/run/app' }]);
  });

  test('readOnlyRootFilesystem: false on a known image keeps its writable paths but adds no data emptyDir', () => {
    // WHEN
    const spec = podSpec({ image: 'redis:7', security: PodSecurity.nonRoot({ readOnlyRootFilesystem: false }) });

    // THEN
    expect(spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(false);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'rw-tmp', mountPath: '/tmp' }]);
  });

  test('imageDefault() emits no security context and no writable volumes', () => {
    // WHEN
    const spec = podSpec({ image: 'postgres:16', security: PodSecurity.imageDefault() });

    // THEN
    expect(spec.securityContext).toBeUndefined();
    expect(spec.containers[0].securityContext).toBeUndefined();
    expect(spec.volumes).toBeUndefined();
    expect(spec.containers[0].env).toEqual([{ name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' }]);
  });
});

describe('HeadlessStatefulSet getters', () => {
  test('pod names, pod DNS names and peer addresses follow <pod>.<headless>.<ns>.svc.<domain>', () => {
    // WHEN
    const { set } = build({ ...REDIS, ports: [{ name: 'redis', port: 6379 }, { name: 'bus', port: 16379 }], clusterDomain: 'corp.local.' }, 'cache');

    // THEN
    expect(set.name).toBe('redis');
    expect(set.namespace).toBe('cache');
    expect(set.podNames).toEqual(['redis-0', 'redis-1', 'redis-2']);
    expect(set.podDnsNames).toEqual([
      'redis-0.redis-headless.cache.svc.corp.local',
      'redis-1.redis-headless.cache.svc.corp.local',
      'redis-2.redis-headless.cache.svc.corp.local',
    ]);
    expect(set.podDnsName(5)).toBe('redis-5.redis-headless.cache.svc.corp.local');
    expect(set.headlessServiceFqdn).toBe('redis-headless.cache.svc.corp.local');
    expect(set.peerAddresses()).toEqual([
      'redis-0.redis-headless.cache.svc.corp.local:6379',
      'redis-1.redis-headless.cache.svc.corp.local:6379',
      'redis-2.redis-headless.cache.svc.corp.local:6379',
    ]);
    expect(set.peerAddresses('bus')[2]).toBe('redis-2.redis-headless.cache.svc.corp.local:16379');
    expect(set.joinPeerAddresses({ separator: ' ', portName: 'bus' })).toBe(
      'redis-0.redis-headless.cache.svc.corp.local:16379 redis-1.redis-headless.cache.svc.corp.local:16379 redis-2.redis-headless.cache.svc.corp.local:16379');
    expect(set.joinPeerAddresses()).toBe(set.peerAddresses().join(','));
  });

  test.each<[string, { format: string; separator?: string; portName?: string }, string]>([
    ['Kafka controller.quorum.voters', { format: '{ordinal}@{host}:{port}' },
      '0@redis-0.redis-headless.default.svc.cluster.local:6379,1@redis-1.redis-headless.default.svc.cluster.local:6379,2@redis-2.redis-headless.default.svc.cluster.local:6379'],
    ['etcd --initial-cluster', { format: '{pod}=http://{host}:{port}' },
      'redis-0=http://redis-0.redis-headless.default.svc.cluster.local:6379,redis-1=http://redis-1.redis-headless.default.svc.cluster.local:6379,redis-2=http://redis-2.redis-headless.default.svc.cluster.local:6379'],
    ['ZooKeeper ZOO_SERVERS', { format: 'server.{ordinalPlusOne}={host}:2888:3888;2181', separator: ' ' },
      'server.1=redis-0.redis-headless.default.svc.cluster.local:2888:3888;2181 server.2=redis-1.redis-headless.default.svc.cluster.local:2888:3888;2181 server.3=redis-2.redis-headless.default.svc.cluster.local:2888:3888;2181'],
  ])('joinPeerAddresses formats %s', (_name, options, expected) => {
    const { set } = build();
    expect(set.joinPeerAddresses(options)).toBe(expected);
  });

  test('selector labels, per-pod selector labels, ports and L1 objects', () => {
    // WHEN
    const { set } = build();

    // THEN
    expect(set.selectorLabels).toEqual(SELECTOR);
    expect(set.podSelectorLabels(0)).toEqual({ ...SELECTOR, 'statefulset.kubernetes.io/pod-name': 'redis-0' });
    expect(set.ports).toEqual([{ name: 'redis', port: 6379, protocol: 'TCP', appProtocol: undefined }]);
    expect(set.port('redis').port).toBe(6379);
    expect(set.port().name).toBe('redis');
    expect(set.containerName).toBe('redis');
    expect(set.replicas).toBe(3);
    expect(set.statefulSet.kind).toBe('StatefulSet');
    expect(set.headlessService.name).toBe('redis-headless');
    expect(set.statefulSet.name).toBe('redis');
  });

  test('zero replicas have no pods', () => {
    // WHEN
    const { set } = build({ ...REDIS, replicas: 0 });

    // THEN
    expect(set.podNames).toEqual([]);
    expect(set.peerAddresses()).toEqual([]);
    expect(set.joinPeerAddresses()).toBe('');
  });

  test.each<[string, (set: HeadlessStatefulSet) => unknown, RegExp]>([
    ['peerAddresses gets an unknown port name', (s) => s.peerAddresses('nope'), /peerAddresses: port name "nope" is not one of the container ports \("redis"\)/],
    ['joinPeerAddresses gets an unknown placeholder', (s) => s.joinPeerAddresses({ format: '{hostname}:{port}' }),
      /joinPeerAddresses: format "\{hostname\}:\{port\}" has the unknown placeholder "\{hostname\}"; use \{host\}, \{port\}/],
    ['joinPeerAddresses gets an unknown port name', (s) => s.joinPeerAddresses({ portName: 'bus' }), /joinPeerAddresses: port name "bus"/],
    ['port gets an unknown port name', (s) => s.port('nope'), /port: port name "nope" is not one of the container ports/],
    ['podDnsName gets a negative ordinal', (s) => s.podDnsName(-1), /podDnsName: ordinal "-1" is not a whole number from 0 to 2147483647/],
    ['podSelectorLabels gets a fractional ordinal', (s) => s.podSelectorLabels(0.5), /podSelectorLabels: ordinal "0.5" is not a whole number from 0 to 2147483647/],
  ])('throws when %s', (_name, call, message) => {
    const { set } = build();
    expect(() => call(set)).toThrow(message);
  });
});

describe('HeadlessStatefulSet rejections', () => {
  const longName = 'a'.repeat(53);
  test.each<[string, Partial<HeadlessStatefulSetProps>, RegExp]>([
    ['the name is longer than 52 characters', { name: longName },
      /^HeadlessStatefulSet "test\/redis": name "a{53}" is 53 characters long; a StatefulSet name may have at most 52, or the controller-revision-hash label/],
    ['the name is not a DNS-1123 label', { name: 'Redis_Cache' }, /name "Redis_Cache" is not a DNS-1123 label/],
    ['the name has a dot', { name: 'web.v1' }, /name "web.v1" is not a DNS-1123 label/],
    ['the headless Service name is invalid', { headlessServiceName: 'Peers' }, /headlessServiceName "Peers" is not a DNS-1035 label/],
    ['the client Service name is invalid', { clientService: { name: '9cache' } }, /clientService.name "9cache" is not a DNS-1035 label/],
    ['the client Service name equals the headless one', { clientService: { name: 'redis-headless' } },
      /clientService.name "redis-headless" is also the headless Service's name/],
    ['the namespace is invalid', { namespace: 'Cache' }, /namespace "Cache" is not a DNS-1123 label/],
    ['the cluster domain is invalid', { clusterDomain: 'bad_domain' }, /clusterDomain "bad_domain"/],
    ['replicas is negative', { replicas: -1 }, /replicas "-1" is not a whole number from 0 to 2147483647/],
    ['replicas is fractional', { replicas: 1.5 }, /replicas "1.5" is not a whole number from 0 to 2147483647/],
    ['replicas is NaN', { replicas: NaN }, /replicas "NaN" is not a whole number from 0 to 2147483647/],
    // a whole number past int32 had read "is not a whole number >= 0"
    ['replicas is past int32', { replicas: 1e10 }, /replicas "10000000000" is not a whole number from 0 to 2147483647/],
    ['the image is empty', { image: '' }, /image "" is not an image reference; give one such as "redis:7"/],
    ['the image is missing', { image: undefined as any }, /image "" is not an image reference/],
    ['the image has spaces', { image: 'redis 7' }, /image "redis 7" is not an image reference/],
    ['there are no ports', { ports: [] }, /ports is empty; declare at least one named container port/],
    ['a port name is longer than 15 characters', { ports: [{ name: 'redis-replication', port: 6379 }] },
      /ports\[0\].name "redis-replication" is 17 characters long; an IANA service name has at most 15/],
    ['a port name has no letter', { ports: [{ name: '6379', port: 6379 }] }, /ports\[0\].name "6379" must contain at least one letter/],
    ['a port name has consecutive hyphens', { ports: [{ name: 'a--b', port: 6379 }] }, /must not contain consecutive hyphens/],
    ['a port name is upper case', { ports: [{ name: 'Redis', port: 6379 }] }, /must contain only lower-case letters, digits and hyphens/],
    ['a port has no name', { ports: [{ port: 6379 } as any] }, /ports\[0\].name "" is empty/],
    ['a port name repeats', { ports: [{ name: 'redis', port: 6379 }, { name: 'redis', port: 6380 }] },
      /ports\[1\].name "redis" is used by more than one port/],
    ['a port number repeats', { ports: [{ name: 'a', port: 6379 }, { name: 'b', port: 6379 }] }, /ports\[1\] repeats port 6379\/TCP/],
    ['a port is out of range', { ports: [{ name: 'redis', port: 70000 }] }, /ports\[0\].port "70000" is out of range/],
    ['a protocol is unknown', { ports: [{ name: 'redis', port: 6379, protocol: 'HTTP' as any }] }, /ports\[0\].protocol "HTTP" is not supported/],
    ['an appProtocol is invalid', { ports: [{ name: 'redis', port: 6379, appProtocol: 'a b' }] }, /ports\[0\].appProtocol "a b"/],
    ['the storage size has a bad unit', { storage: { size: '10GB' } }, /storage.size "10GB" is not a Kubernetes quantity/],
    ['the storage size has a space', { storage: { size: '10 Gi' } }, /storage.size "10 Gi" is not a Kubernetes quantity/],
    ['the storage size is lower-case gi', { storage: { size: '1gi' } }, /storage.size "1gi" is not a Kubernetes quantity/],
    ['the storage size is zero', { storage: { size: '0Gi' } }, /storage.size "0Gi" must be greater than zero/],
    ['the storage size is negative', { storage: { size: '-1Gi' } }, /storage.size "-1Gi" must be greater than zero/],
    ['the storage size is empty', { storage: { size: '' } }, /storage.size "" is not a Kubernetes quantity/],
    ['the claim name is invalid', { storage: { size: '1Gi', claimName: 'Data' } }, /storage.claimName "Data" is not a DNS-1123 label/],
    ['the storage class is invalid', { storage: { size: '1Gi', storageClassName: 'Fast SSD' } }, /storage.storageClassName "Fast SSD"/],
    ['access modes are empty', { storage: { size: '1Gi', accessModes: [] } }, /storage.accessModes is empty/],
    ['an access mode is unknown', { storage: { size: '1Gi', accessModes: ['RWO' as any] } }, /storage.accessModes entry "RWO" is not supported/],
    ['a retention value is unknown', { storage: { size: '1Gi', whenDeleted: 'Remove' as any } }, /storage.whenDeleted "Remove" is not supported/],
    ['the mount path is relative', { storage: { size: '1Gi', mountPath: 'data' } }, /storage.mountPath "data" is not an absolute path/],
    ['an unknown image has storage without a mount path', { image: 'example/app:1', storage: { size: '1Gi' } },
      /storage.mountPath is not set and image "example\/app:1" has no known data directory/],
    ['a writable path is also the storage mount', { storage: { size: '1Gi', mountPath: '/tmp' }, args: ['--dir', '/tmp'] }, /writablePaths entry "\/tmp" is mounted twice/],
    ['a probe names an unknown port', { readinessProbe: ContainerProbe.tcp('http') }, /readinessProbe port "http" is not one of the container ports \("redis"\)/],
    ['a liveness probe has successThreshold 2', { livenessProbe: ContainerProbe.tcp('redis', { successThreshold: 2 }) },
      /livenessProbe successThreshold "2" must be 1 for liveness and startup probes/],
    ['the grace period is negative', { terminationGracePeriodSeconds: -5 }, /terminationGracePeriodSeconds "-5" is not a whole number from 0 to 2147483647/],
    ['podManagementPolicy is unknown', { podManagementPolicy: 'Sequential' as any }, /podManagementPolicy "Sequential" is not supported/],
    ['an env value is missing', { env: { A: undefined as any } }, /env\["A"\] has no value/],
    ['an env name contains =', { env: { 'A=B': kplus.EnvValue.fromValue('x') } }, /env name "A=B" is not a valid variable name/],
    ['an env name is empty', { env: { '': kplus.EnvValue.fromValue('x') } }, /env name "" is not a valid variable name \(a C identifier/],
    ['an env name contains a space', { env: { 'MY VAR': kplus.EnvValue.fromValue('x') } }, /env name "MY VAR" is not a valid variable name/],
    ['an env name contains a dot', { env: { 'my.var': kplus.EnvValue.fromValue('x') } }, /env name "my.var" is not a valid variable name/],
    ['an env name contains a dash', { env: { 'MY-VAR': kplus.EnvValue.fromValue('x') } }, /env name "MY-VAR" is not a valid variable name/],
    ['an env name starts with a digit', { env: { '1VAR': kplus.EnvValue.fromValue('x') } }, /env name "1VAR" is not a valid variable name.*not starting with a digit/],
    ['a TCP probe targets a UDP port', { ports: [{ name: 'redis', port: 6379 }, { name: 'gossip', port: 7946, protocol: Protocol.UDP }], readinessProbe: ContainerProbe.tcp('gossip') },
      /readinessProbe port "gossip" is a UDP port; TCP and HTTP probes connect over TCP, so the probe never succeeds/],
    ['an HTTP probe targets a UDP port', { ports: [{ name: 'dns', port: 53, protocol: Protocol.UDP }], livenessProbe: ContainerProbe.http('/health', 'dns') },
      /livenessProbe port "dns" is a UDP port/],
    ['a label key is invalid', { labels: { 'bad key': 'x' } }, /labels key "bad key"/],
    ['a label value is invalid', { labels: { tier: 'a b' } }, /labels\["tier"\] value "a b" is not a valid label value/],
    ['a label would replace a selector label', { labels: { 'app.kubernetes.io/instance': 'x' } },
      /labels key "app.kubernetes.io\/instance" is a selector label this construct sets/],
  ])('throws when %s', (_name, override, message) => {
    expect(() => new HeadlessStatefulSet(chart(), 'redis', { ...REDIS, ...override })).toThrow(message);
  });

  test('throws when the construct id is not a valid name and no name is given', () => {
    expect(() => new HeadlessStatefulSet(chart(), 'Redis', REDIS))
      .toThrow(/name \(the construct id, as no name was given\) "Redis" is not a DNS-1123 label/);
  });

  test('throws when a digit-leading name makes the default headless Service name invalid', () => {
    expect(() => new HeadlessStatefulSet(chart(), 'set', { ...REDIS, name: '1redis' }))
      .toThrow(/HeadlessStatefulSet "test\/set": headlessServiceName is not set and its default "1redis-headless", derived from name "1redis", is not a DNS-1035 label.*set headlessServiceName to a name such as "redis-peers", or use a name that starts with a letter/);
  });

  test('throws when a digit-leading name makes the default client Service name invalid', () => {
    expect(() => new HeadlessStatefulSet(chart(), 'set', { ...REDIS, name: '1redis', headlessServiceName: 'peers', clientService: {} }))
      .toThrow(/clientService.name is not set and its default "1redis", derived from name "1redis", is not a DNS-1035 label.*set clientService.name/);
  });

  test('accepts a digit-leading name when the Service names are given', () => {
    const { set } = build({ ...REDIS, name: '1redis', headlessServiceName: 'redis-peers' });
    expect(set.podDnsNames[0]).toBe('1redis-0.redis-peers.default.svc.cluster.local');
  });

  test('accepts a name of exactly 52 characters with the default 61-character headless Service name', () => {
    const name = `r${'e'.repeat(51)}`;
    const { set, objects } = build({ ...REDIS, name });
    expect(set.headlessServiceName).toBe(`${name}-headless`);
    expect(set.headlessServiceName).toHaveLength(61);
    expect(objects[`Service/${name}-headless`].spec.clusterIP).toBe('None');
    expect(objects[`StatefulSet/${name}`].spec.serviceName).toBe(`${name}-headless`);
  });

  test('accepts a name of exactly 52 characters', () => {
    const name = `r${'e'.repeat(51)}`;
    const { set } = build({ ...REDIS, name, headlessServiceName: 'peers' });
    expect(set.podNames[2]).toBe(`${name}-2`);
  });
});

describe('HeadlessStatefulSet output', () => {
  test('is deterministic', () => {
    const render = () => {
      const c = chart('cache');
      new HeadlessStatefulSet(c, 'redis', { ...REDIS, storage: { size: '1Gi' }, clientService: {}, env: { B: kplus.EnvValue.fromValue('1'), A: kplus.EnvValue.fromValue('2') } });
      return Yaml.stringify(...Testing.synth(c));
    };
    expect(render()).toEqual(render());
  });

  test('matches the snapshot (smoke test)', () => {
    const c = chart('cache');
    new HeadlessStatefulSet(c, 'redis', { ...REDIS, storage: { size: '1Gi' }, clientService: {}, readinessProbe: ContainerProbe.tcp('redis') });
    expect(Testing.synth(c)).toMatchSnapshot();
  });
});

describe('HeadlessStatefulSet with many writable paths', () => {
  test('names a volume for each of 2,000 paths that share their first 56 characters with work that grows linearly', () => {
    // GIVEN paths that all make the volume name base rw-<56 characters>; Set.prototype.has and the predicates of
    // Array.prototype.some are counted while the construct is built
    const n = 2000;
    const prefix = `/${'a'.repeat(60)}/`;
    const writablePaths = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    let calls = 0;
    const has = Set.prototype.has;
    const some = Array.prototype.some;
    const hasSpy = jest.spyOn(Set.prototype, 'has').mockImplementation(function (this: Set<unknown>, v: unknown) {
      calls++;
      return has.call(this, v);
    });
    const someSpy = jest.spyOn(Array.prototype, 'some').mockImplementation(function (this: unknown[], f: any, t?: any) {
      return some.call(this, (...args: [unknown, number, unknown[]]) => (calls++, f.apply(t, args)));
    });
    let set: HeadlessStatefulSet;
    try {
      // WHEN
      set = new HeadlessStatefulSet(chart(), 'app', { image: 'ghcr.io/example/app:1', ports: [{ name: 'http', port: 8080 }], security: PodSecurity.nonRoot({ writablePaths }) });
    } finally {
      hasSpy.mockRestore();
      someSpy.mockRestore();
    }
    // THEN every path has its own volume (base, base-2, ..., base-2000), and the construct did not compare each path
    // with those before it (n²/2 = 2,000,000 checks; 100,000 paths took 51 s)
    const spec = set.statefulSet.toJson().spec.template.spec;
    const names: string[] = spec.volumes.map((v: any) => v.name);
    expect(new Set(names).size).toBe(n);
    expect(names[1]).toBe(`${names[0]}-2`);
    expect(names[n - 1]).toBe(`${names[0]}-${n}`);
    expect(calls).toBeLessThan(50 * n);
  });

  test('throws when the 2,000th writable path repeats the first', () => {
    const writablePaths = [...Array.from({ length: 1999 }, (_, i) => `/p${i}`), '/p0'];
    expect(() => new HeadlessStatefulSet(chart(), 'app', { image: 'ghcr.io/example/app:1', ports: [{ name: 'http', port: 8080 }], security: PodSecurity.nonRoot({ writablePaths }) }))
      .toThrow(/HeadlessStatefulSet "test\/app": security writablePaths entry "\/p0" is mounted twice/);
  });
});
