// Guards the benchmark code (bench/), so that it does not rot between CI's small benchmark runs: the generated
// manifests are what bench/README.md says, and the raw-L1 baseline of the synth benchmark builds the same objects.
import { namespaceObjects, OBJECTS_PER_NAMESPACE } from '../../bench/generate';
import { buildOurs, buildRaw, captureRaw, SynthSize } from '../../bench/synth';
import { checkObjects } from '../../src/checks/engine';

const TINY: SynthSize = {
  externalDependencies: 3, selectorlessServices: 2, addressesPerService: 3, statefulSets: 1, migratingDatabases: 3, charts: 1,
};

describe('bench/generate', () => {
  test('a namespace is 100 objects with every Service type, deterministic', () => {
    // GIVEN / WHEN
    const objects = namespaceObjects(7);

    // THEN
    expect(objects).toHaveLength(OBJECTS_PER_NAMESPACE);
    expect(JSON.stringify(namespaceObjects(7))).toEqual(JSON.stringify(objects));
    const types = new Set(objects.filter((o) => o.kind === 'Service').map((o) => o.spec.clusterIP === 'None' ? 'Headless' : o.spec.type ?? (o.spec.selector ? 'ClusterIP' : 'Selectorless')));
    expect([...types].sort()).toEqual(['ClusterIP', 'ExternalName', 'Headless', 'LoadBalancer', 'NodePort', 'Selectorless']);
    expect(new Set(objects.map((o) => o.kind))).toEqual(new Set(['Deployment', 'Service', 'StatefulSet', 'DaemonSet', 'EndpointSlice', 'Endpoints', 'ConfigMap']));
  });

  test('reports a realistic share of findings (a few per 100 objects)', () => {
    // GIVEN
    const objects = [...namespaceObjects(0), ...namespaceObjects(1)];

    // WHEN
    const result = checkObjects(objects);

    // THEN
    expect(result.findings.length).toBeGreaterThanOrEqual(4);
    expect(result.findings.length).toBeLessThanOrEqual(30);
  });
});

describe('bench/synth', () => {
  test('the raw L1 app builds byte-identical objects', () => {
    // GIVEN
    const ours = buildOurs(TINY);

    // WHEN
    const raw = buildRaw(captureRaw(ours));

    // THEN
    const a = ours.charts.flatMap((c) => c.toJson());
    const b = raw.charts.flatMap((c) => c.toJson());
    expect(b.length).toBe(a.length);
    expect(b).toEqual(a);
  });
});
