import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { testApp } from './test-app';
import { ExternalDependency } from '../src/external-dependency';
import { SelectorlessIpService } from '../src/selectorless-ip-service';

function chartIn(namespace?: string): Chart {
  return new Chart(testApp(), 'test', { namespace });
}

describe('ExternalDependency is its Service', () => {
  test('ApiObject.of() returns the construct itself, a v1 Service named after the Service', () => {
    // GIVEN
    const chart = chartIn('production');

    // WHEN
    const db = new ExternalDependency(chart, 'db', { externalName: 'db.example.com', name: 'database' });

    // THEN
    expect(ApiObject.of(db)).toBe(db);
    expect(db.apiObject).toBe(db);
    expect(db.kind).toBe('Service');
    expect(db.apiVersion).toBe('v1');
    expect(db.name).toBe('database');
    expect(db.serviceName).toBe('database');
    expect(db.chart).toBe(chart);
  });

  test('adds no wrapper node: a chart with one ExternalDependency has exactly one child, which has none', () => {
    // GIVEN
    const chart = chartIn('production');

    // WHEN
    const db = new ExternalDependency(chart, 'db', { externalName: 'db.example.com' });

    // THEN
    expect(chart.node.children).toEqual([db]);
    expect(db.node.children).toEqual([]);
    expect(db.node.path).toBe('test/db');
    expect(chart.node.findAll()).toHaveLength(2);
  });

  test('metadata.addLabel() and addAnnotation() show up in the synthesized Service', () => {
    // GIVEN
    const chart = chartIn('production');
    const db = new ExternalDependency(chart, 'db', { externalName: 'db.example.com', labels: { tier: 'data' } });

    // WHEN
    db.metadata.addLabel('team', 'payments');
    db.metadata.addAnnotation('example.com/owner', 'team-data');

    // THEN
    const [svc] = Testing.synth(chart);
    expect(svc.metadata).toEqual({
      name: 'db',
      namespace: 'production',
      labels: { team: 'payments', tier: 'data' },
      annotations: { 'example.com/owner': 'team-data' },
    });
  });

  test('addJsonPatch() patches the synthesized Service', () => {
    // GIVEN
    const chart = chartIn('production');
    const db = new ExternalDependency(chart, 'db', { externalName: 'db.example.com', ports: [{ name: 'postgres', port: 5432 }] });

    // WHEN
    db.addJsonPatch(JsonPatch.add('/spec/ports/0/nodePort', 30432));

    // THEN
    const [svc] = Testing.synth(chart);
    expect(svc.spec.ports).toEqual([{ name: 'postgres', port: 5432, protocol: 'TCP', nodePort: 30432 }]);
  });

  test('addDependency() orders the Service after the object it depends on', () => {
    // GIVEN
    const chart = chartIn('production');
    const db = new ExternalDependency(chart, 'db', { externalName: 'db.example.com' });
    const other = new ExternalDependency(chart, 'other', { externalName: 'other.example.com' });

    // WHEN
    db.addDependency(other);

    // THEN
    expect(Testing.synth(chart).map((o) => o.metadata.name)).toEqual(['other', 'db']);
  });

  test('instanceof ExternalDependency holds for ExternalDependency only, not for every ApiObject', () => {
    // GIVEN
    const chart = chartIn('production');
    class TeamDependency extends ExternalDependency {}

    // WHEN
    const db = new ExternalDependency(chart, 'db', { externalName: 'db.example.com' });
    const team = new TeamDependency(chart, 'team', { externalName: 'team.example.com' });
    const raw = new k8s.KubeService(chart, 'raw', { spec: { type: 'ExternalName', externalName: 'raw.example.com' } });
    const ips = new SelectorlessIpService(chart, 'ips', { addresses: ['203.0.113.10'], ports: [{ port: 443 }] });

    // THEN
    expect([db, team, raw, ips].map((o) => o instanceof ExternalDependency)).toEqual([true, true, false, false]);
    expect([db, team, raw, ips].map((o) => o instanceof TeamDependency)).toEqual([false, true, false, false]);
    expect([db, team, raw, ips].map((o) => ExternalDependency.isExternalDependency(o))).toEqual([true, true, false, false]);
    expect(db instanceof ApiObject).toBe(true);
    expect(ExternalDependency.isExternalDependency(undefined)).toBe(false);
    expect(ExternalDependency.isExternalDependency(null)).toBe(false);
  });

  test('a subclass names itself in errors', () => {
    // GIVEN
    class TeamDependency extends ExternalDependency {}

    // THEN
    expect(() => new TeamDependency(chartIn(), 'db', { externalName: '10.0.0.5' }))
      .toThrow(/^TeamDependency "test\/db": externalName "10\.0\.0\.5" is an IPv4 address/);
  });

  test('throws before adding anything to the tree: the id can be used again', () => {
    // GIVEN
    const chart = chartIn('production');

    // WHEN
    expect(() => new ExternalDependency(chart, 'db', { externalName: 'db.svc' })).toThrow(/ExternalDependency "test\/db": externalName "db\.svc"/);
    const db = new ExternalDependency(chart, 'db', { externalName: 'db.example.com' });

    // THEN
    expect(chart.node.children).toEqual([db]);
    expect(Testing.synth(chart)).toHaveLength(1);
  });

  test('an error names the path the construct would have, with "/" in the id escaped as constructs does', () => {
    // GIVEN
    const chart = chartIn();

    // THEN
    expect(() => new ExternalDependency(chart, 'team/db', { externalName: 'db.example.com' }))
      .toThrow(/^ExternalDependency "test\/team--db": name "team\/db" is not a DNS-1035 label/);
  });

  test('reads the environment from the context of its scope', () => {
    // GIVEN
    const chart = chartIn('production');
    chart.node.setContext(ExternalDependency.ENVIRONMENT_CONTEXT_KEY, 'dev');

    // WHEN
    const db = new ExternalDependency(chart, 'db', { externalNameByEnvironment: { dev: 'db.dev.example.com', prod: 'db.example.com' } });

    // THEN
    expect(db.environment).toBe('dev');
    expect(db.externalName).toBe('db.dev.example.com');
  });
});
