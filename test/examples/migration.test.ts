import { Testing } from 'cdk8s';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { Service } from 'kubernetes-models/v1';
import { EXTERNAL_HOST, MigrationChart } from '../../examples/migration/app';
import { ClusterDns } from '../../src/dns/cluster-dns';
import { testApp } from '../test-app';

const PHASES = ['external', 'sync', 'internal'] as const;
type Phase = typeof PHASES[number];
type Obj = { [key: string]: any };

/** Builds the example app in-process, as main.ts does with MIGRATION_PHASE=<phase>, and schema-validates it. */
function synthPhase(phase: Phase): Obj[] {
  const app = testApp();
  app.node.setContext('service-discovery.migration-phase', phase);
  const objects = Testing.synth(new MigrationChart(app, 'migration'));
  for (const obj of objects) {
    if (obj.kind === 'Service') new Service(obj).validate();
    else if (obj.kind === 'StatefulSet') new StatefulSet(obj).validate();
    else if (obj.kind === 'Deployment') new Deployment(obj).validate();
    else throw new Error(`unexpected kind ${obj.kind}`);
  }
  return objects;
}

const byPhase = Object.fromEntries(PHASES.map((p) => [p, synthPhase(p)])) as Record<Phase, Obj[]>;
const get = (phase: Phase, kind: string, name: string): Obj => {
  const found = byPhase[phase].find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`${phase}: no ${kind} ${name}`);
  return found;
};
const stable = (phase: Phase) => get(phase, 'Service', 'database');
const envOf = (phase: Phase) => Object.fromEntries(
  get(phase, 'Deployment', 'orders').spec.template.spec.containers[0].env.map((e: Obj) => [e.name, e.value ?? e.valueFrom]),
);

describe('examples/migration', () => {
  test('every phase synthesizes the same set of objects', () => {
    const names = (phase: Phase) => byPhase[phase].map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`).sort();
    const expected = [
      'Deployment/production/orders',
      'Service/production/database',
      'Service/production/postgres-headless',
      'StatefulSet/production/postgres',
    ];
    for (const phase of PHASES) expect(names(phase)).toEqual(expected);
  });

  test.each(PHASES)('%s: the stable Service keeps its name, namespace and port', (phase) => {
    const svc = stable(phase);
    expect(svc.metadata.name).toBe('database');
    expect(svc.metadata.namespace).toBe('production');
    expect(svc.spec.ports).toHaveLength(1);
    expect(svc.spec.ports[0]).toMatchObject({ name: 'postgres', port: 5432, protocol: 'TCP' });
    expect(svc.metadata.annotations['service-discovery.cdk8s.io/phase']).toBe(phase);
    expect(svc.metadata.annotations['service-discovery.cdk8s.io/external-target']).toBe(`${EXTERNAL_HOST}:5432`);
    expect(svc.metadata.annotations['service-discovery.cdk8s.io/internal-target'])
      .toBe('postgres-0.postgres-headless.production.svc.cluster.local:5432');
  });

  test.each(['external', 'sync'] as const)('%s: the stable Service is an ExternalName to the managed database', (phase) => {
    expect(stable(phase).spec).toEqual({
      type: 'ExternalName',
      externalName: EXTERNAL_HOST,
      ports: [{ name: 'postgres', port: 5432, protocol: 'TCP' }],
    });
  });

  test('internal: the stable Service is a ClusterIP to the writer pod, stable port -> container port', () => {
    const setLabels = get('internal', 'StatefulSet', 'postgres').spec.selector.matchLabels;
    expect(stable('internal').spec).toEqual({
      type: 'ClusterIP',
      selector: { ...setLabels, 'statefulset.kubernetes.io/pod-name': 'postgres-0' },
      ports: [{ name: 'postgres', port: 5432, protocol: 'TCP', targetPort: 'postgres' }],
    });
    const container = get('internal', 'StatefulSet', 'postgres').spec.template.spec.containers[0];
    expect(container.ports).toContainEqual({ name: 'postgres', containerPort: 5432, protocol: 'TCP' });
  });

  test('the in-cluster database is the same object in every phase; only its replicas follow the phase', () => {
    const sts = (phase: Phase) => get(phase, 'StatefulSet', 'postgres');
    expect(PHASES.map((p) => sts(p).spec.replicas)).toEqual([0, 1, 1]);
    const withoutReplicas = (phase: Phase) => ({ ...sts(phase), spec: { ...sts(phase).spec, replicas: undefined } });
    expect(withoutReplicas('external')).toEqual(withoutReplicas('sync'));
    expect(withoutReplicas('sync')).toEqual(withoutReplicas('internal'));
    expect(sts('internal').metadata.annotations['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
    expect(sts('internal').spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(get('external', 'Service', 'postgres-headless')).toEqual(get('internal', 'Service', 'postgres-headless'));
  });

  test('the application keeps DATABASE_HOST and DATABASE_PORT; only the TLS server name follows the phase', () => {
    for (const phase of PHASES) {
      expect(envOf(phase).DATABASE_HOST).toBe('database.production.svc.cluster.local');
      expect(envOf(phase).DATABASE_PORT).toBe('5432');
    }
    expect(PHASES.map((p) => envOf(p).DATABASE_TLS_SERVER_NAME))
      .toEqual([EXTERNAL_HOST, EXTERNAL_HOST, 'database.production.svc.cluster.local']);
    const { DATABASE_TLS_SERVER_NAME: _a, ...external } = envOf('external');
    const { DATABASE_TLS_SERVER_NAME: _b, ...internal } = envOf('internal');
    expect(internal).toEqual(external);
  });

  test('cluster DNS answers the stable name with a CNAME, then with the ClusterIP; the writer pod resolves from SYNC on', () => {
    const answers = (phase: Phase, name: string) => {
      const result = ClusterDns.fromObjects(byPhase[phase]).resolve(name, { namespace: 'production' });
      return [result.rcode, ...result.answers.map((a) => a.type)];
    };
    const writer = 'postgres-0.postgres-headless.production.svc.cluster.local';
    expect(answers('external', 'database')).toEqual(['NOERROR', 'CNAME']);
    expect(answers('sync', 'database')).toEqual(['NOERROR', 'CNAME']);
    expect(answers('internal', 'database')).toEqual(['NOERROR', 'A']);
    expect(answers('external', writer)).toEqual(['NXDOMAIN']);
    expect(answers('sync', writer)).toEqual(['NOERROR', 'A']);
    expect(answers('internal', writer)).toEqual(['NOERROR', 'A']);
  });
});
