/**
 * Every phase change of a MigratingDatabase applies cleanly with `kubectl apply` over the previous phase.
 *
 * There is no API server here, so this file models the parts of it that decide the outcome, rule by rule from
 * ../shared/reference/k8s-validation.md (section C rules 17-25, section D rules 29-35), together with kubectl's
 * client-side three-way merge (last-applied configuration, new manifest, live object). A negative control shows the
 * model rejects the manifests that are known to break (kubernetes/kubectl#998).
 */
import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { testApp } from './test-app';
import { HeadlessStatefulSetProps } from '../src/headless-stateful-set';
import { MigratingDatabase } from '../src/migrating-database';
import { MigrationPhase } from '../src/migration-phase';

const POSTGRES: HeadlessStatefulSetProps = { image: 'postgres:16', ports: [{ name: 'postgres', port: 5432 }], storage: { size: '50Gi' } };
const CLUSTER_IP_FIELDS = ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy'];
const PHASES = [MigrationPhase.EXTERNAL, MigrationPhase.SYNC, MigrationPhase.INTERNAL];

type Obj = { [key: string]: any };
const clone = <T>(o: T): T => JSON.parse(JSON.stringify(o));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function manifests(phase: MigrationPhase): Obj[] {
  const chart = new Chart(testApp(), 'test', { namespace: 'production' });
  new MigratingDatabase(chart, 'database', { port: 5432, externalName: 'prod-db.example.com', phase, inCluster: POSTGRES });
  return Testing.synth(chart);
}
const stable = (phase: MigrationPhase) => manifests(phase).find((o) => o.kind === 'Service' && o.metadata.name === 'database')!;

/** A model of the Service registry: create/update validation, defaulting and ClusterIP allocation. */
class ServiceRegistry {
  public readonly warnings: string[] = [];
  private nextIp = 10;

  /** `kubectl apply` when the object does not exist yet: a create. */
  public create(manifest: Obj): Obj {
    const live = clone(manifest);
    this.validate(live.spec);
    this.allocate(live.spec);
    return live;
  }

  /** The server side of an update: rules 29-32 in pipeline order, then validation. */
  public update(old: Obj, updated: Obj): Obj {
    const next = clone(updated);
    const o = old.spec;
    const n = next.spec;
    const wasExternal = o.type === 'ExternalName';
    const isExternal = n.type === 'ExternalName';
    if (!wasExternal && !isExternal) {
      // rule 20: an omitted clusterIP is refilled from the old object; a different one may not change once set
      if (n.clusterIP === undefined) { n.clusterIP = o.clusterIP; n.clusterIPs = o.clusterIPs; }
      if (n.clusterIP !== o.clusterIP) throw new Error('spec.clusterIPs[0]: Invalid value: may not change once set');
    }
    if (!wasExternal && isExternal) {
      // rule 30: dropTypeDependentFields wipes what the request left equal to the old value (and releases the IP)
      for (const f of [...CLUSTER_IP_FIELDS, 'internalTrafficPolicy']) if (same(n[f], o[f])) delete n[f];
    }
    this.validate(n);
    this.allocate(n);
    return next;
  }

  private validate(spec: Obj): void {
    if (spec.type === 'ExternalName') {
      if (!spec.externalName) throw new Error('spec.externalName: Required value');
      // rule 24
      for (const f of CLUSTER_IP_FIELDS) if (spec[f] !== undefined) throw new Error(`spec.${f}: Forbidden: may not be set for ExternalName services`);
      if (spec.selector !== undefined) this.warnings.push('selector is ignored for ExternalName'); // rule 25
    } else {
      if (!spec.ports || spec.ports.length === 0) throw new Error('spec.ports: Required value'); // rule 8
      if (spec.selector !== undefined && Object.keys(spec.selector).length === 0) throw new Error('selector: {} selects nothing');
      if (spec.externalName !== undefined) this.warnings.push('spec.externalName is ignored when spec.type is not "ExternalName"');
    }
  }

  private allocate(spec: Obj): void {
    for (const p of spec.ports ?? []) { p.protocol ??= 'TCP'; p.targetPort ??= p.port; }
    if (spec.type === 'ExternalName') return;
    if (spec.clusterIP === undefined) {
      // rule 32: ExternalName -> ClusterIP allocates a fresh IP (never the one released earlier)
      spec.clusterIP = `10.96.0.${this.nextIp++}`;
      spec.clusterIPs = [spec.clusterIP];
    }
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
    spec.internalTrafficPolicy ??= 'Cluster';
  }
}

/** kubectl's client-side apply: a three-way strategic merge of last-applied, the new manifest and the live object. */
function threeWayMerge(live: Obj, lastApplied: Obj, manifest: Obj): Obj {
  const out = clone(live);
  out.metadata.annotations = mergeMap(live.metadata.annotations, lastApplied.metadata.annotations, manifest.metadata.annotations);
  const spec = out.spec;
  for (const key of Object.keys(lastApplied.spec)) if (!(key in manifest.spec)) delete spec[key];
  for (const [key, value] of Object.entries<any>(manifest.spec)) {
    if (key === 'selector') spec.selector = mergeMap(live.spec.selector, lastApplied.spec.selector, value);
    else if (key === 'ports') spec.ports = mergePorts(live.spec.ports ?? [], lastApplied.spec.ports ?? [], value);
    else spec[key] = clone(value);
  }
  return out;
}

function mergeMap(live: Obj | undefined, last: Obj | undefined, next: Obj | undefined): Obj | undefined {
  const out: Obj = { ...(live ?? {}) };
  for (const key of Object.keys(last ?? {})) if (!(key in (next ?? {}))) delete out[key];
  Object.assign(out, next ?? {});
  return Object.keys(out).length > 0 ? out : undefined;
}

/** `ports` has the strategic merge key `port`. */
function mergePorts(live: Obj[], last: Obj[], next: Obj[]): Obj[] {
  return next.map((p) => {
    const current = clone(live.find((l) => l.port === p.port) ?? {});
    const previous = last.find((l) => l.port === p.port) ?? {};
    for (const key of Object.keys(previous)) if (!(key in p)) delete current[key];
    return { ...current, ...clone(p) };
  });
}

/** Applies `to` over a live object that was applied from `from`. */
function applyPhase(registry: ServiceRegistry, live: Obj, from: MigrationPhase, to: MigrationPhase): Obj {
  return registry.update(live, threeWayMerge(live, stable(from), stable(to)));
}

describe('MigratingDatabase stable Service under kubectl apply', () => {
  test.each(PHASES)('%s can be created on an empty cluster', (phase) => {
    const registry = new ServiceRegistry();
    expect(() => registry.create(stable(phase))).not.toThrow();
    expect(registry.warnings).toEqual([]);
  });

  const transitions = PHASES.flatMap((from) => PHASES.filter((to) => to !== from).map((to) => [from, to] as const));
  test.each(transitions)('%s -> %s applies cleanly and leaves exactly the new phase\'s Service', (from, to) => {
    // GIVEN the stable Service of phase `from` is live
    const registry = new ServiceRegistry();
    const live = registry.create(stable(from));

    // WHEN phase `to` is applied over it
    const result = applyPhase(registry, live, from, to);

    // THEN it is accepted, without warnings, and matches what `to` would create from scratch
    expect(registry.warnings).toEqual([]);
    const fresh = new ServiceRegistry().create(stable(to));
    const { clusterIP: _a, clusterIPs: _b, ...resultSpec } = result.spec;
    const { clusterIP: _c, clusterIPs: _d, ...freshSpec } = fresh.spec;
    expect(resultSpec).toEqual(freshSpec);
    expect(result.metadata).toEqual(fresh.metadata);
    if (to === MigrationPhase.INTERNAL) expect(result.spec.clusterIP).toMatch(/^10\.96\.0\./);
    else for (const f of CLUSTER_IP_FIELDS) expect(result.spec).not.toHaveProperty(f);
  });

  test('a rollback and a second flip get a fresh ClusterIP (the old one was released)', () => {
    // GIVEN
    const registry = new ServiceRegistry();
    let live = registry.create(stable(MigrationPhase.SYNC));

    // WHEN
    live = applyPhase(registry, live, MigrationPhase.SYNC, MigrationPhase.INTERNAL);
    const first = live.spec.clusterIP;
    live = applyPhase(registry, live, MigrationPhase.INTERNAL, MigrationPhase.SYNC);
    const between = clone(live.spec);
    live = applyPhase(registry, live, MigrationPhase.SYNC, MigrationPhase.INTERNAL);

    // THEN
    expect(between).not.toHaveProperty('clusterIP');
    expect(between).not.toHaveProperty('selector');
    expect(live.spec.clusterIP).not.toBe(first);
  });

  test('any sequence of phase changes applies cleanly and ends as a fresh create of the last phase', () => {
    const manifestsByPhase = new Map(PHASES.map((p) => [p, stable(p)]));
    fc.assert(fc.property(fc.array(fc.constantFrom(...PHASES), { minLength: 1, maxLength: 8 }), (sequence) => {
      const registry = new ServiceRegistry();
      let live = registry.create(manifestsByPhase.get(sequence[0])!);
      for (let i = 1; i < sequence.length; i++) {
        live = registry.update(live, threeWayMerge(live, manifestsByPhase.get(sequence[i - 1])!, manifestsByPhase.get(sequence[i])!));
      }
      const last = sequence[sequence.length - 1];
      const fresh = new ServiceRegistry().create(manifestsByPhase.get(last)!);
      const { clusterIP: _a, clusterIPs: _b, ...liveSpec } = live.spec;
      const { clusterIP: _c, clusterIPs: _d, ...freshSpec } = fresh.spec;
      expect(liveSpec).toEqual(freshSpec);
      expect(live.metadata).toEqual(fresh.metadata);
      expect(registry.warnings).toEqual([]);
    }));
  });

  test('negative control: an ExternalName manifest carrying ClusterIP fields fails on create (kubernetes/kubectl#998)', () => {
    const manifest = stable(MigrationPhase.EXTERNAL);
    manifest.spec.ipFamilyPolicy = 'SingleStack';
    expect(() => new ServiceRegistry().create(manifest)).toThrow(/spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services/);
  });

  test('negative control: a ClusterIP manifest pinning another IP fails on update (rule 20)', () => {
    const registry = new ServiceRegistry();
    const live = registry.create(stable(MigrationPhase.INTERNAL));
    const manifest = stable(MigrationPhase.INTERNAL);
    manifest.spec.clusterIP = '10.96.1.1';
    expect(() => registry.update(live, threeWayMerge(live, stable(MigrationPhase.INTERNAL), manifest))).toThrow(/may not change once set/);
  });
});

describe('MigratingDatabase in-cluster objects across phases', () => {
  // rule 70: only these StatefulSet spec fields may change on a live object
  const MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];
  const pairs = [
    [MigrationPhase.EXTERNAL, MigrationPhase.SYNC],
    [MigrationPhase.SYNC, MigrationPhase.INTERNAL],
    [MigrationPhase.INTERNAL, MigrationPhase.EXTERNAL],
  ];

  test.each(pairs)('%s -> %s changes only the StatefulSet fields that may change on a live set', (from, to) => {
    const before = manifests(from).find((o) => o.kind === 'StatefulSet')!;
    const after = manifests(to).find((o) => o.kind === 'StatefulSet')!;
    expect(after.metadata).toEqual(before.metadata);
    const changed = Object.keys({ ...before.spec, ...after.spec }).filter((k) => !same(before.spec[k], after.spec[k]));
    for (const key of changed) expect(MUTABLE).toContain(key);
  });

  test.each(pairs)('%s -> %s leaves the headless Service unchanged', (from, to) => {
    const headless = (phase: MigrationPhase) => manifests(phase).find((o) => o.metadata.name === 'database-internal-headless');
    expect(headless(to)).toEqual(headless(from));
  });
});
