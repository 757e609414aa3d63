import { App, Chart, Testing, Yaml } from 'cdk8s';
import { StatefulSet } from 'kubernetes-models/apps/v1';
import { Service } from 'kubernetes-models/v1';
import { testApp } from './test-app';
import { HeadlessStatefulSetProps } from '../src/headless-stateful-set';
import { MigratingDatabase, MigratingDatabaseProps } from '../src/migrating-database';
import { MigrationPhase } from '../src/migration-phase';
import { Protocol } from '../src/service-port';
import { ClaimRetention } from '../src/stateful-storage';

const RDS = 'prod-db.abc123.us-east-1.rds.amazonaws.com';
const PHASE_KEY = 'service-discovery.migration-phase';
const POSTGRES: HeadlessStatefulSetProps = {
  image: 'postgres:16',
  ports: [{ name: 'postgres', port: 5432 }],
  storage: { size: '50Gi' },
};
const ALL_PHASES = [MigrationPhase.EXTERNAL, MigrationPhase.SYNC, MigrationPhase.INTERNAL];

function chartIn(namespace: string | undefined = 'production', app: App = testApp()): Chart {
  return new Chart(app, 'test', { namespace });
}

function props(overrides: Partial<MigratingDatabaseProps> = {}): MigratingDatabaseProps {
  return { name: 'database', port: 5432, externalName: RDS, phase: MigrationPhase.EXTERNAL, ...overrides };
}

/** Synthesizes the chart and schema-validates every object with kubernetes-models. */
function synthValid(chart: Chart): any[] {
  const objects = Testing.synth(chart);
  for (const obj of objects) {
    if (obj.kind === 'Service') new Service(obj).validate();
    else if (obj.kind === 'StatefulSet') new StatefulSet(obj).validate();
    else throw new Error(`unexpected kind ${obj.kind}`);
  }
  return objects;
}

function find(objects: any[], kind: string, name: string): any {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

const CLUSTER_IP_FIELDS = ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy'];

describe('MigratingDatabase phases', () => {
  test('EXTERNAL without inCluster synthesizes only the stable ExternalName Service', () => {
    // GIVEN
    const chart = chartIn();

    // WHEN
    new MigratingDatabase(chart, 'db', props());

    // THEN
    const objects = synthValid(chart);
    expect(objects).toHaveLength(1);
    const [svc] = objects;
    expect(svc.metadata).toEqual({
      name: 'database',
      namespace: 'production',
      annotations: {
        'service-discovery.cdk8s.io/phase': 'external',
        'service-discovery.cdk8s.io/external-target': `${RDS}:5432`,
      },
    });
    expect(svc.spec).toEqual({ type: 'ExternalName', externalName: RDS, ports: [{ port: 5432, protocol: 'TCP' }] });
  });

  test.each(ALL_PHASES)('%s never emits clusterIP fields, a pinned IP, an empty selector or a leftover externalName', (phase) => {
    // GIVEN
    const chart = chartIn();

    // WHEN
    new MigratingDatabase(chart, 'db', props({ phase, inCluster: POSTGRES }));

    // THEN
    const svc = find(synthValid(chart), 'Service', 'database');
    for (const field of CLUSTER_IP_FIELDS) expect(svc.spec).not.toHaveProperty(field);
    if (svc.spec.selector !== undefined) expect(Object.keys(svc.spec.selector).length).toBeGreaterThan(0);
    if (svc.spec.type === 'ClusterIP') expect(svc.spec).not.toHaveProperty('externalName');
    else expect(svc.spec).not.toHaveProperty('selector');
  });

  test('EXTERNAL with inCluster keeps the in-cluster objects at 0 replicas', () => {
    // GIVEN
    const chart = chartIn();

    // WHEN
    const db = new MigratingDatabase(chart, 'db', props({ inCluster: { ...POSTGRES, replicas: 3 } }));

    // THEN
    const objects = synthValid(chart);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'Service/database', 'Service/database-internal-headless', 'StatefulSet/database-internal',
    ]);
    expect(find(objects, 'StatefulSet', 'database-internal').spec.replicas).toBe(0);
    expect(find(objects, 'Service', 'database').spec.type).toBe('ExternalName');
    expect(db.inClusterDatabase?.replicas).toBe(0);
  });

  test('SYNC runs the in-cluster database beside the still-external stable Service', () => {
    // GIVEN
    const chart = chartIn();

    // WHEN
    new MigratingDatabase(chart, 'db', props({ phase: MigrationPhase.SYNC, inCluster: { ...POSTGRES, replicas: 2 } }));

    // THEN
    const objects = synthValid(chart);
    const svc = find(objects, 'Service', 'database');
    expect(svc.spec).toEqual({ type: 'ExternalName', externalName: RDS, ports: [{ port: 5432, protocol: 'TCP' }] });
    expect(svc.metadata.annotations).toEqual({
      'service-discovery.cdk8s.io/phase': 'sync',
      'service-discovery.cdk8s.io/external-target': `${RDS}:5432`,
      'service-discovery.cdk8s.io/internal-target': 'database-internal-0.database-internal-headless.production.svc.cluster.local:5432',
    });
    const sts = find(objects, 'StatefulSet', 'database-internal');
    expect(sts.spec.replicas).toBe(2);
    expect(sts.spec.serviceName).toBe('database-internal-headless');
    expect(find(objects, 'Service', 'database-internal-headless').spec.clusterIP).toBe('None');
  });

  test('INTERNAL turns the same Service into a ClusterIP routing the stable port to the writer pod', () => {
    // GIVEN
    const chart = chartIn();

    // WHEN
    new MigratingDatabase(chart, 'db', props({ phase: MigrationPhase.INTERNAL, inCluster: { ...POSTGRES, replicas: 2 } }));

    // THEN
    const objects = synthValid(chart);
    const svc = find(objects, 'Service', 'database');
    const sts = find(objects, 'StatefulSet', 'database-internal');
    expect(svc.metadata.name).toBe('database');
    expect(svc.metadata.namespace).toBe('production');
    expect(svc.metadata.annotations['service-discovery.cdk8s.io/phase']).toBe('internal');
    // The selector picks exactly the writer pod of this set: the set's own selector labels plus the pod-name label
    // that the StatefulSet controller puts on each pod.
    expect(Object.keys(sts.spec.selector.matchLabels).length).toBeGreaterThan(0);
    expect(svc.spec).toEqual({
      type: 'ClusterIP',
      selector: { ...sts.spec.selector.matchLabels, 'statefulset.kubernetes.io/pod-name': 'database-internal-0' },
      ports: [{ port: 5432, protocol: 'TCP', targetPort: 'postgres' }],
    });
    expect(sts.spec.template.metadata.labels).not.toHaveProperty('statefulset.kubernetes.io/pod-name');
    expect(sts.spec.template.spec.containers[0].ports).toContainEqual({ name: 'postgres', containerPort: 5432, protocol: 'TCP' });
  });

  test('the in-cluster objects carry prune protection and retain their claims in every phase', () => {
    for (const phase of ALL_PHASES) {
      // GIVEN
      const chart = chartIn();

      // WHEN
      new MigratingDatabase(chart, 'db', props({ phase, inCluster: POSTGRES }));

      // THEN
      const objects = synthValid(chart);
      const keep = {
        'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
        'helm.sh/resource-policy': 'keep',
        'kustomize.toolkit.fluxcd.io/prune': 'disabled',
      };
      const sts = find(objects, 'StatefulSet', 'database-internal');
      expect(sts.metadata.annotations).toEqual(keep);
      expect(find(objects, 'Service', 'database-internal-headless').metadata.annotations).toEqual(keep);
      expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
      expect(sts.spec.volumeClaimTemplates[0].metadata.name).toBe('data');
      // The stable Service itself is not protected: it changes type, it holds no data.
      expect(find(objects, 'Service', 'database').metadata.annotations).not.toHaveProperty('argocd.argoproj.io/sync-options');
    }
  });

  test('inClusterPort maps the stable port to a differently numbered container port', () => {
    // GIVEN
    const chart = chartIn();

    // WHEN
    const db = new MigratingDatabase(chart, 'db', props({
      phase: MigrationPhase.INTERNAL,
      inCluster: { ...POSTGRES, ports: [{ name: 'postgres', port: 5432 }, { name: 'pgbouncer', port: 6432 }] },
      inClusterPort: 'pgbouncer',
    }));

    // THEN
    const svc = find(synthValid(chart), 'Service', 'database');
    expect(svc.spec.ports).toEqual([{ port: 5432, protocol: 'TCP', targetPort: 'pgbouncer' }]);
    expect(svc.metadata.annotations['service-discovery.cdk8s.io/internal-target']).toMatch(/:6432$/);
    expect(db.inClusterPort).toEqual({ name: 'pgbouncer', port: 6432, protocol: 'TCP', appProtocol: undefined });
  });

  test('writerOrdinal selects another pod as the writer', () => {
    // GIVEN
    const chart = chartIn();

    // WHEN
    new MigratingDatabase(chart, 'db', props({ phase: MigrationPhase.INTERNAL, inCluster: { ...POSTGRES, replicas: 2 }, writerOrdinal: 1 }));

    // THEN
    const svc = find(synthValid(chart), 'Service', 'database');
    expect(svc.spec.selector['statefulset.kubernetes.io/pod-name']).toBe('database-internal-1');
    expect(svc.metadata.annotations['service-discovery.cdk8s.io/internal-target'])
      .toBe('database-internal-1.database-internal-headless.production.svc.cluster.local:5432');
  });

  test('portName, labels, namespace and inCluster.name are applied', () => {
    // GIVEN
    const chart = chartIn(undefined);

    // WHEN
    new MigratingDatabase(chart, 'db', props({
      phase: MigrationPhase.INTERNAL,
      namespace: 'data',
      portName: 'postgres',
      labels: { 'app.kubernetes.io/name': 'postgres' },
      inCluster: { ...POSTGRES, name: 'pg' },
    }));

    // THEN
    const objects = synthValid(chart);
    const svc = find(objects, 'Service', 'database');
    expect(svc.metadata.namespace).toBe('data');
    expect(svc.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'postgres' });
    expect(svc.spec.ports).toEqual([{ name: 'postgres', port: 5432, protocol: 'TCP', targetPort: 'postgres' }]);
    expect(find(objects, 'StatefulSet', 'pg').metadata.namespace).toBe('data');
    expect(find(objects, 'Service', 'pg-headless').metadata.namespace).toBe('data');
  });

  test.each(ALL_PHASES)('%s synthesizes the same YAML twice', (phase) => {
    const yaml = () => {
      const chart = chartIn();
      new MigratingDatabase(chart, 'db', props({ phase, inCluster: POSTGRES }));
      return Yaml.stringify(...Testing.synth(chart));
    };
    expect(yaml()).toBe(yaml());
  });
});

describe('MigratingDatabase getters', () => {
  test.each([
    [MigrationPhase.EXTERNAL, RDS],
    [MigrationPhase.SYNC, RDS],
    [MigrationPhase.INTERNAL, 'database.production.svc.cluster.local'],
  ])('in %s the TLS server name is %s', (phase, tlsServerName) => {
    // GIVEN
    const chart = chartIn();

    // WHEN
    const db = new MigratingDatabase(chart, 'db', props({ phase, inCluster: POSTGRES }));

    // THEN
    expect(db.tlsServerName).toBe(tlsServerName);
    expect(db.connection).toEqual({ host: 'database.production.svc.cluster.local', port: 5432, tlsServerName });
  });

  test('report the stable name, namespace, FQDN, phase, port and normalized external host', () => {
    // GIVEN
    const chart = chartIn();

    // WHEN
    const db = new MigratingDatabase(chart, 'database', {
      externalName: 'Prod-DB.example.com.', port: 5432, phase: MigrationPhase.SYNC, clusterDomain: 'example.internal', inCluster: POSTGRES,
    });

    // THEN
    expect(db.name).toBe('database');
    expect(db.namespace).toBe('production');
    expect(db.fqdn).toBe('database.production.svc.example.internal');
    expect(db.phase).toBe(MigrationPhase.SYNC);
    expect(db.port).toBe(5432);
    expect(db.externalName).toBe('prod-db.example.com');
    expect([db.serviceName, db.serviceNamespace, db.serviceFqdn])
      .toEqual(['database', 'production', 'database.production.svc.example.internal']);
    expect(db.inClusterDatabase?.podDnsNames).toEqual(['database-internal-0.database-internal-headless.production.svc.example.internal']);
    expect(db.service.kind).toBe('Service');
  });

  test('inClusterDatabase and inClusterPort are undefined without inCluster', () => {
    const db = new MigratingDatabase(chartIn(), 'db', props());
    expect(db.inClusterDatabase).toBeUndefined();
    expect(db.inClusterPort).toBeUndefined();
  });

  test('connectionEnv gives DATABASE_HOST, DATABASE_PORT and DATABASE_TLS_SERVER_NAME', () => {
    const db = new MigratingDatabase(chartIn(), 'db', props());
    expect(db.connectionEnv()).toEqual([
      { name: 'DATABASE_HOST', value: 'database.production.svc.cluster.local' },
      { name: 'DATABASE_PORT', value: '5432' },
      { name: 'DATABASE_TLS_SERVER_NAME', value: RDS },
    ]);
  });

  test('connectionEnv takes a prefix and can leave out the TLS server name', () => {
    const db = new MigratingDatabase(chartIn(), 'db', props());
    expect(db.connectionEnv({ prefix: 'ORDERS_DB', includeTlsServerName: false })).toEqual([
      { name: 'ORDERS_DB_HOST', value: 'database.production.svc.cluster.local' },
      { name: 'ORDERS_DB_PORT', value: '5432' },
    ]);
  });

  test('connectionEnvVariables gives cdk8s-plus values', () => {
    const db = new MigratingDatabase(chartIn(), 'db', props());
    const vars = db.connectionEnvVariables();
    expect(Object.keys(vars)).toEqual(['DATABASE_HOST', 'DATABASE_PORT', 'DATABASE_TLS_SERVER_NAME']);
    expect(vars.DATABASE_PORT.value).toBe('5432');
  });

  test.each([
    ['a leading digit', '1DB'],
    ['a dash', 'ORDERS-DB'],
    ['an empty string', ''],
  ])('throws when the env prefix has %s', (_case, prefix) => {
    const db = new MigratingDatabase(chartIn(), 'db', props());
    expect(() => db.connectionEnv({ prefix })).toThrow(/connectionEnv: prefix ".*" is not a variable name prefix/);
  });
});

describe('MigratingDatabase phase from context', () => {
  function withContext(value: unknown): Chart {
    const app = testApp();
    app.node.setContext(PHASE_KEY, value);
    return chartIn('production', app);
  }

  test.each([
    ['external', MigrationPhase.EXTERNAL],
    ['sync', MigrationPhase.SYNC],
    ['internal', MigrationPhase.INTERNAL],
    ['INTERNAL', MigrationPhase.INTERNAL],
    [' Sync ', MigrationPhase.SYNC],
  ])('context "%s" selects %s', (value, phase) => {
    // GIVEN
    const chart = withContext(value);

    // WHEN
    const db = new MigratingDatabase(chart, 'db', props({ phase: undefined, inCluster: POSTGRES }));

    // THEN
    expect(db.phase).toBe(phase);
    expect(find(synthValid(chart), 'Service', 'database').metadata.annotations['service-discovery.cdk8s.io/phase']).toBe(phase);
  });

  test('the phase prop wins over the context', () => {
    const db = new MigratingDatabase(withContext('internal'), 'db', props({ phase: MigrationPhase.SYNC, inCluster: POSTGRES }));
    expect(db.phase).toBe(MigrationPhase.SYNC);
  });

  test('PHASE_CONTEXT_KEY is the documented key', () => {
    expect(MigratingDatabase.PHASE_CONTEXT_KEY).toBe(PHASE_KEY);
  });

  test('throws when neither the prop nor the context sets the phase', () => {
    expect(() => new MigratingDatabase(chartIn(), 'db', props({ phase: undefined })))
      .toThrow(/^MigratingDatabase "test\/db": phase is not set; pass the phase prop or set the cdk8s context value "service-discovery.migration-phase"/);
  });

  test.each([
    ['an unknown word', 'primary'],
    ['a number', 3],
  ])('throws when the context value is %s', (_case, value) => {
    expect(() => new MigratingDatabase(withContext(value), 'db', props({ phase: undefined })))
      .toThrow(/context value "service-discovery.migration-phase" ".*" is not a migration phase; set it to "external", "sync" or "internal"/);
  });
});

describe('MigratingDatabase rejections', () => {
  test.each<[string, Partial<MigratingDatabaseProps>, RegExp]>([
    ['SYNC has no in-cluster database', { phase: MigrationPhase.SYNC },
      /phase "sync" needs an in-cluster database, but inCluster is not set; configure inCluster/],
    ['INTERNAL has no in-cluster database', { phase: MigrationPhase.INTERNAL },
      /phase "internal" needs an in-cluster database, but inCluster is not set/],
    ['the phase is not a MigrationPhase', { phase: 'primary' as MigrationPhase },
      /phase "primary" is not a migration phase; use MigrationPhase.EXTERNAL/],
    ['the stable port is 0', { port: 0 }, /port "0" is out of range; a port is an integer from 1 to 65535/],
    ['the stable port is above 65535', { port: 70000 }, /port "70000" is out of range/],
    ['the stable port is fractional', { port: 5432.5 }, /port "5432.5" is out of range/],
    ['the name is not a DNS-1035 label', { name: '1database' }, /name "1database" is not a DNS-1035 label/],
    ['externalName is an IP address', { externalName: '54.23.100.55' },
      /externalName "54.23.100.55" is an IPv4 address; ExternalName needs a DNS name/],
    ['externalName is a URL', { externalName: 'postgres://db.example.com' }, /externalName "postgres:\/\/db.example.com" is a URL/],
    ['externalName has a port', { externalName: 'db.example.com:5432' }, /externalName "db.example.com:5432" includes a port/],
    ['externalName is a single label', { externalName: 'db' }, /externalName "db" is a single-label name/],
    ['externalName is an in-cluster Service name', { externalName: 'legacy.production.svc.cluster.local' },
      /externalName "legacy.production.svc.cluster.local" names an in-cluster Service/],
    ['externalName is the stable Service itself', { externalName: 'database.production.svc.cluster.local' },
      /externalName "database.production.svc.cluster.local" is the stable Service's own name/],
    ['portName is not a DNS-1123 label', { portName: 'Postgres' }, /portName "Postgres" is not a DNS-1123 label/],
    ['a label value is invalid', { labels: { app: 'bad value' } }, /labels\["app"\] "bad value" is not a valid label value/],
    ['inClusterPort is set without inCluster', { inClusterPort: 'postgres' },
      /inClusterPort "postgres" is set without inCluster; remove it or configure the in-cluster database/],
    ['writerOrdinal is set without inCluster', { writerOrdinal: 1 }, /writerOrdinal "1" is set without inCluster/],
    ['the in-cluster database does not serve the stable port', { inCluster: { ...POSTGRES, ports: [{ name: 'redis', port: 6379 }] } },
      /port "5432" is not served by the in-cluster database \("redis" 6379\/TCP\); add a container port 5432 to inCluster.ports or set inClusterPort/],
    ['the in-cluster database serves the stable port only over UDP',
      { inCluster: { ...POSTGRES, ports: [{ name: 'postgres', port: 5432, protocol: Protocol.UDP }] } },
      /port "5432" is not served by the in-cluster database \("postgres" 5432\/UDP\)/],
    ['inClusterPort names no in-cluster port', { inCluster: POSTGRES, inClusterPort: 'pgbouncer' },
      /inClusterPort "pgbouncer" is not a port of the in-cluster database \("postgres" 5432\/TCP\); use one of those names/],
    ['inClusterPort names a UDP port',
      { inCluster: { ...POSTGRES, ports: [{ name: 'postgres', port: 5432 }, { name: 'stats', port: 8125, protocol: Protocol.UDP }] }, inClusterPort: 'stats' },
      /inClusterPort "stats" is UDP; the stable Service port is TCP/],
    ['the stable name is the in-cluster StatefulSet name', { inCluster: { ...POSTGRES, name: 'database' } },
      /name "database" is also the in-cluster database's StatefulSet name; the stable name and the in-cluster database's own names must differ/],
    ['the stable name is the in-cluster headless Service name', { inCluster: { ...POSTGRES, headlessServiceName: 'database' } },
      /name "database" is also the in-cluster database's headless Service name/],
    ['the stable name is the in-cluster client Service name', { inCluster: { ...POSTGRES, clientService: { name: 'database' } } },
      /name "database" is also the in-cluster database's client Service name/],
    ['the in-cluster database has no storage', { inCluster: { ...POSTGRES, storage: undefined } },
      /inCluster.storage is not set; the database the data moves into needs persistent storage/],
    ['the claims are deleted on scale-down', { inCluster: { ...POSTGRES, storage: { size: '1Gi', whenScaled: ClaimRetention.DELETE } } },
      /inCluster.storage.whenScaled "Delete" would delete the in-cluster data on the scale-down to 0 replicas of a rollback to EXTERNAL/],
    ['the claims are deleted with the StatefulSet', { inCluster: { ...POSTGRES, storage: { size: '1Gi', whenDeleted: ClaimRetention.DELETE } } },
      /inCluster.storage.whenDeleted "Delete" would delete the in-cluster data on removal of the StatefulSet/],
    ['the in-cluster database is in another namespace', { inCluster: { ...POSTGRES, namespace: 'other' } },
      /inCluster.namespace "other" differs from the stable Service's namespace "production"/],
    ['the in-cluster database has another cluster domain', { inCluster: { ...POSTGRES, clusterDomain: 'example.internal' } },
      /inCluster.clusterDomain "example.internal" differs from clusterDomain "cluster.local"; set only clusterDomain/],
    ['the default in-cluster name is longer than 52 characters', { name: `d${'a'.repeat(43)}`, inCluster: POSTGRES },
      /inCluster.name is not set and the default "da+-internal" is 53 characters long; a StatefulSet name has at most 52. Set inCluster.name/],
    ['inCluster.replicas is negative', { inCluster: { ...POSTGRES, replicas: -1 } }, /inCluster.replicas "-1" is not a whole number from 0 to 2147483647/],
    ['INTERNAL has 0 in-cluster replicas', { phase: MigrationPhase.INTERNAL, inCluster: { ...POSTGRES, replicas: 0 } },
      /writerOrdinal "0" names pod "database-internal-0", but inCluster.replicas is 0; the stable Service would have no endpoints once internal/],
    ['writerOrdinal is beyond the replicas', { phase: MigrationPhase.SYNC, inCluster: POSTGRES, writerOrdinal: 1 },
      /writerOrdinal "1" names pod "database-internal-1", but inCluster.replicas is 1/],
    ['writerOrdinal is beyond the configured replicas, even in EXTERNAL', { inCluster: { ...POSTGRES, replicas: 2 }, writerOrdinal: 2 },
      /writerOrdinal "2" names pod "database-internal-2", but inCluster.replicas is 2/],
    ['externalName is missing (JavaScript callers)', { externalName: undefined as unknown as string },
      /externalName "undefined" is not a string; give the external database's DNS name/],
    ['writerOrdinal is negative', { inCluster: POSTGRES, writerOrdinal: -1 }, /writerOrdinal "-1" is not a whole number from 0 to 2147483647/],
  ])('throws when %s', (_case, overrides, message) => {
    expect(() => new MigratingDatabase(chartIn(), 'db', props(overrides)))
      .toThrow(new RegExp(`^MigratingDatabase "test/db": ${message.source}`));
  });

  test('errors of the in-cluster database name its path inside the construct', () => {
    expect(() => new MigratingDatabase(chartIn(), 'db', props({ inCluster: { ...POSTGRES, image: '' } })))
      .toThrow(/^HeadlessStatefulSet "test\/db\/InCluster": image "" is not an image reference/);
  });
});
