import { App, Chart, Testing, Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import { Service } from 'kubernetes-models/v1';
import { testApp } from './test-app';
import { ExternalDependency, ExternalDependencyProps, externalHostnameProblem } from '../src/external-dependency';
import { MigratingDatabase } from '../src/migrating-database';
import { MigrationPhase } from '../src/migration-phase';
import { Protocol } from '../src/service-port';
import { IServiceReference, ServiceReference } from '../src/service-reference';

const ENV_KEY = 'service-discovery.environment';

function chartIn(namespace?: string, app: App = testApp()): Chart {
  return new Chart(app, 'test', { namespace });
}

/** Synthesizes the chart, schema-validates every object and returns them. */
function synthValid(chart: Chart): any[] {
  const objects = Testing.synth(chart);
  for (const obj of objects) {
    expect(obj.apiVersion).toBe('v1');
    expect(obj.kind).toBe('Service');
    new Service(obj).validate();
  }
  return objects;
}

describe('ExternalDependency', () => {
  test('synthesizes one ExternalName Service named after the construct id', () => {
    // GIVEN
    const chart = chartIn('production');

    // WHEN
    new ExternalDependency(chart, 'database', { externalName: 'mydb.abc123.us-east-1.rds.amazonaws.com' });

    // THEN
    const objects = synthValid(chart);
    expect(objects).toHaveLength(1);
    const [svc] = objects;
    expect(svc.metadata).toEqual({ name: 'database', namespace: 'production' });
    expect(svc.spec).toEqual({ type: 'ExternalName', externalName: 'mydb.abc123.us-east-1.rds.amazonaws.com' });
  });

  test('never emits selector, clusterIP, clusterIPs, ipFamilies or ipFamilyPolicy', () => {
    // GIVEN
    const chart = chartIn('production');

    // WHEN
    new ExternalDependency(chart, 'db', { externalName: 'db.example.com', ports: [{ port: 5432 }] });

    // THEN
    const [svc] = synthValid(chart);
    for (const field of ['selector', 'clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy', 'externalIPs']) {
      expect(svc.spec).not.toHaveProperty(field);
    }
  });

  test('uses the name prop, unhashed, and the getters report it', () => {
    // GIVEN
    const chart = chartIn('production');

    // WHEN
    const db = new ExternalDependency(chart, 'Db', { name: 'database', externalName: 'db.example.com' });

    // THEN
    const [svc] = synthValid(chart);
    expect(svc.metadata.name).toBe('database');
    expect(db.name).toBe('database');
    expect(db.namespace).toBe('production');
    expect(db.fqdn).toBe('database.production.svc.cluster.local');
    expect(db.externalName).toBe('db.example.com');
    expect(db.tlsServerName).toBe('db.example.com');
    expect(db.environment).toBeUndefined();
  });

  test('normalizes externalName to lower case without a trailing dot', () => {
    // GIVEN
    const chart = chartIn('production');

    // WHEN
    const db = new ExternalDependency(chart, 'db', { externalName: 'DB.Example.COM.' });

    // THEN
    const [svc] = synthValid(chart);
    expect(svc.spec.externalName).toBe('db.example.com');
    expect(db.externalName).toBe('db.example.com');
  });

  test('tlsServerName is the external host, not the in-cluster alias', () => {
    // GIVEN
    const chart = chartIn('production');

    // WHEN
    const db = new ExternalDependency(chart, 'database', { externalName: 'mydb.abc123.us-east-1.rds.amazonaws.com' });

    // THEN
    expect(db.tlsServerName).toBe('mydb.abc123.us-east-1.rds.amazonaws.com');
    expect(db.tlsServerName).not.toBe(db.fqdn);
  });

  test('defaults the namespace to "default" when the chart has none, without emitting one', () => {
    // GIVEN
    const chart = chartIn(undefined);

    // WHEN
    const db = new ExternalDependency(chart, 'db', { externalName: 'db.example.com' });

    // THEN
    const [svc] = synthValid(chart);
    expect(svc.metadata).toEqual({ name: 'db' });
    expect(db.namespace).toBe('default');
    expect(db.fqdn).toBe('db.default.svc.cluster.local');
  });

  test('an explicit namespace overrides the chart namespace', () => {
    // GIVEN
    const chart = chartIn('production');

    // WHEN
    const db = new ExternalDependency(chart, 'db', { externalName: 'db.example.com', namespace: 'data' });

    // THEN
    const [svc] = synthValid(chart);
    expect(svc.metadata.namespace).toBe('data');
    expect(db.fqdn).toBe('db.data.svc.cluster.local');
  });

  test('the cluster domain is configurable and normalized', () => {
    // GIVEN
    const chart = chartIn('production');

    // WHEN
    const db = new ExternalDependency(chart, 'db', { externalName: 'db.example.com', clusterDomain: 'Corp.Internal.' });

    // THEN
    expect(db.fqdn).toBe('db.production.svc.corp.internal');
  });

  test('implements IServiceReference', () => {
    // GIVEN
    const chart = chartIn('production');

    // WHEN
    const ref: IServiceReference = new ExternalDependency(chart, 'db', { externalName: 'db.example.com' });

    // THEN
    expect(ref.serviceName).toBe('db');
    expect(ref.serviceNamespace).toBe('production');
    expect(ref.serviceFqdn).toBe('db.production.svc.cluster.local');
  });

  test('keeps ports (informational) with name, protocol and appProtocol', () => {
    // GIVEN
    const chart = chartIn('production');

    // WHEN
    new ExternalDependency(chart, 'payment-api', {
      externalName: 'api.stripe.com',
      ports: [
        { name: 'https', port: 443, appProtocol: 'https' },
        { name: 'dns', port: 53, protocol: Protocol.UDP, targetPort: 53 },
      ],
    });

    // THEN
    const [svc] = synthValid(chart);
    expect(svc.spec.ports).toEqual([
      { name: 'https', port: 443, protocol: 'TCP', appProtocol: 'https' },
      { name: 'dns', port: 53, protocol: 'UDP' },
    ]);
  });

  test('passes labels and annotations through, in sorted order', () => {
    // GIVEN
    const chart = chartIn('production');

    // WHEN
    new ExternalDependency(chart, 'db', {
      externalName: 'db.example.com',
      labels: { 'type': 'external', 'app.kubernetes.io/name': 'postgres' },
      annotations: { 'example.com/owner': 'team-data', 'Example.com/Runbook': 'https://runbooks.example.com/db' },
    });

    // THEN
    const [svc] = synthValid(chart);
    expect(svc.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'postgres', 'type': 'external' });
    expect(Object.keys(svc.metadata.labels)).toEqual(['app.kubernetes.io/name', 'type']);
    expect(svc.metadata.annotations).toEqual({
      'Example.com/Runbook': 'https://runbooks.example.com/db',
      'example.com/owner': 'team-data',
    });
  });

  test('exposes the Service as apiObject', () => {
    // GIVEN
    const chart = chartIn('production');

    // WHEN
    const db = new ExternalDependency(chart, 'db', { externalName: 'db.example.com' });

    // THEN
    expect(db.apiObject.kind).toBe('Service');
    expect(db.apiObject.name).toBe('db');
  });

  test('re-exports the hostname helper for other constructs', () => {
    expect(externalHostnameProblem('10.0.0.5')).toMatch(/IPv4/);
  });

  describe('cross-namespace alias', () => {
    test('points at a Service by namespace and name', () => {
      // GIVEN
      const chart = chartIn('app-team-a');

      // WHEN
      const cache = new ExternalDependency(chart, 'shared-cache', {
        targetService: ServiceReference.fromName('shared-infra', 'redis'),
      });

      // THEN
      const [svc] = synthValid(chart);
      expect(svc.metadata).toEqual({ name: 'shared-cache', namespace: 'app-team-a' });
      expect(svc.spec).toEqual({ type: 'ExternalName', externalName: 'redis.shared-infra.svc.cluster.local' });
      expect(cache.externalName).toBe('redis.shared-infra.svc.cluster.local');
      expect(cache.tlsServerName).toBe('redis.shared-infra.svc.cluster.local');
    });

    test('points at one of this library\'s constructs', () => {
      // GIVEN
      const app = testApp();
      const infra = chartIn('shared-infra', app);
      const team = new Chart(app, 'team', { namespace: 'app-team-a' });
      const upstream = new ExternalDependency(infra, 'redis', { externalName: 'redis.cache.example.com' });

      // WHEN
      new ExternalDependency(team, 'shared-cache', { targetService: upstream });

      // THEN
      const [svc] = synthValid(team);
      expect(svc.spec.externalName).toBe('redis.shared-infra.svc.cluster.local');
    });

    test.each([
      ['EXTERNAL', MigrationPhase.EXTERNAL, 'prod-db.abc123.us-east-1.rds.amazonaws.com'],
      ['SYNC', MigrationPhase.SYNC, 'prod-db.abc123.us-east-1.rds.amazonaws.com'],
      ['INTERNAL', MigrationPhase.INTERNAL, 'database.shared-infra.svc.cluster.local'],
    ])('an alias of a MigratingDatabase in %s uses its tlsServerName', (_name, phase, expected) => {
      // GIVEN
      const app = testApp();
      const infra = chartIn('shared-infra', app);
      const team = new Chart(app, 'team', { namespace: 'app-team-a' });
      const db = new MigratingDatabase(infra, 'database', {
        port: 5432,
        externalName: 'prod-db.abc123.us-east-1.rds.amazonaws.com',
        phase,
        inCluster: phase === MigrationPhase.EXTERNAL ? undefined : { image: 'postgres:16', ports: [{ name: 'postgres', port: 5432 }], storage: { size: '10Gi' } },
      });

      // WHEN
      const alias = new ExternalDependency(team, 'db', { targetService: db });

      // THEN
      expect(alias.externalName).toBe('database.shared-infra.svc.cluster.local');
      expect(alias.tlsServerName).toBe(expected);
      expect(alias.tlsServerName).toBe(db.tlsServerName);
    });

    test('uses the target\'s cluster domain', () => {
      // GIVEN
      const chart = chartIn('app-team-a');

      // WHEN
      const cache = new ExternalDependency(chart, 'shared-cache', {
        targetService: ServiceReference.fromName('shared-infra', 'redis', { clusterDomain: 'corp.internal' }),
      });

      // THEN
      expect(cache.externalName).toBe('redis.shared-infra.svc.corp.internal');
    });

    test.each([
      ['externalName is a partial in-cluster name', { externalName: 'db.svc' }, /ExternalDependency "test\/db": externalName "db\.svc" ends in "\.svc", a partial in-cluster Service name.*targetService with ServiceReference\.fromName/],
      ['externalName is an in-cluster FQDN', { externalName: 'redis.shared.svc.cluster.local' }, /externalName "redis\.shared\.svc\.cluster\.local" names an in-cluster Service/],
      ['an environment host is an in-cluster FQDN', { externalNameByEnvironment: { prod: 'redis.shared.svc.cluster.local' }, environment: 'prod' },
        /externalNameByEnvironment\["prod"\] "redis\.shared\.svc\.cluster\.local" names an in-cluster Service/],
    ])('throws when %s', (_name, override, message) => {
      expect(() => new ExternalDependency(chartIn('app'), 'db', override as ExternalDependencyProps)).toThrow(message);
    });

    test('throws when the alias points at itself', () => {
      // GIVEN
      const chart = chartIn('shared-infra');

      // THEN
      expect(() => new ExternalDependency(chart, 'redis', { targetService: ServiceReference.fromName('shared-infra', 'redis') }))
        .toThrow(/ExternalDependency "test\/redis": targetService "redis\.shared-infra\.svc\.cluster\.local" is this Service's own name; a CNAME to itself never resolves/);
    });

    test('throws when externalName is this Service\'s own FQDN', () => {
      // GIVEN
      const chart = chartIn('production');

      // THEN
      expect(() => new ExternalDependency(chart, 'db', { externalName: 'db.production.svc.cluster.local.' }))
        .toThrow(/externalName "db\.production\.svc\.cluster\.local" is this Service's own name/);
    });
  });

  describe('per-environment targets', () => {
    const byEnvironment = { dev: 'db.dev.example.com', prod: 'db.example.com' };

    test('chooses the host from the environment prop', () => {
      // GIVEN
      const chart = chartIn('production');

      // WHEN
      const db = new ExternalDependency(chart, 'database', { externalNameByEnvironment: byEnvironment, environment: 'prod' });

      // THEN
      const [svc] = synthValid(chart);
      expect(svc.spec.externalName).toBe('db.example.com');
      expect(db.environment).toBe('prod');
    });

    test.each([
      ['dev', 'db.dev.example.com'],
      ['prod', 'db.example.com'],
    ])('chooses the host from the cdk8s context (%s) under the same name', (env, host) => {
      // GIVEN
      const app = testApp();
      app.node.setContext(ENV_KEY, env);
      const chart = chartIn('production', app);

      // WHEN
      const db = new ExternalDependency(chart, 'database', { externalNameByEnvironment: byEnvironment });

      // THEN
      const [svc] = synthValid(chart);
      expect(svc.metadata.name).toBe('database');
      expect(svc.spec.externalName).toBe(host);
      expect(db.environment).toBe(env);
      expect(db.tlsServerName).toBe(host);
    });

    test('the environment prop overrides the context', () => {
      // GIVEN
      const app = testApp();
      app.node.setContext(ENV_KEY, 'dev');
      const chart = chartIn('production', app);

      // WHEN
      const db = new ExternalDependency(chart, 'database', { externalNameByEnvironment: byEnvironment, environment: 'prod' });

      // THEN
      expect(db.externalName).toBe('db.example.com');
    });

    test('exposes the context key as a constant', () => {
      expect(ExternalDependency.ENVIRONMENT_CONTEXT_KEY).toBe(ENV_KEY);
    });

    test('throws when no environment is chosen', () => {
      // GIVEN
      const chart = chartIn('production');

      // THEN
      expect(() => new ExternalDependency(chart, 'database', { externalNameByEnvironment: byEnvironment }))
        .toThrow(/ExternalDependency "test\/database": no environment is chosen for externalNameByEnvironment \("dev", "prod"\); set the environment prop or the cdk8s context "service-discovery\.environment"/);
    });

    test('throws when the chosen environment has no target', () => {
      // GIVEN
      const app = testApp();
      app.node.setContext(ENV_KEY, 'staging');
      const chart = chartIn('production', app);

      // THEN
      expect(() => new ExternalDependency(chart, 'database', { externalNameByEnvironment: byEnvironment }))
        .toThrow(/environment "staging" has no target in externalNameByEnvironment \("dev", "prod"\); add a host for "staging"/);
    });

    test('throws when the environment names an inherited object property', () => {
      // GIVEN
      const chart = chartIn('production');

      // THEN
      expect(() => new ExternalDependency(chart, 'database', { externalNameByEnvironment: byEnvironment, environment: 'constructor' }))
        .toThrow(/environment "constructor" has no target/);
    });

    test('throws when the context value is not a string', () => {
      // GIVEN
      const app = testApp();
      app.node.setContext(ENV_KEY, { name: 'prod' });
      const chart = chartIn('production', app);

      // THEN
      expect(() => new ExternalDependency(chart, 'database', { externalNameByEnvironment: byEnvironment }))
        .toThrow(/context "service-discovery\.environment" "{ name: "prod" }" is not a string; set it to one of "dev", "prod"\.$/);
    });

    test('throws when a host of another environment is invalid', () => {
      // GIVEN
      const chart = chartIn('production');

      // THEN
      expect(() => new ExternalDependency(chart, 'database', {
        externalNameByEnvironment: { dev: '10.0.0.5', prod: 'db.example.com' },
        environment: 'prod',
      })).toThrow(/externalNameByEnvironment\["dev"\] "10\.0\.0\.5" is an IPv4 address; ExternalName needs a DNS name\. Use SelectorlessIpService/);
    });

    test('throws when the map is empty', () => {
      // GIVEN
      const chart = chartIn('production');

      // THEN
      expect(() => new ExternalDependency(chart, 'database', { externalNameByEnvironment: {}, environment: 'prod' }))
        .toThrow(/externalNameByEnvironment is empty; give at least one host/);
    });

    test('throws when an environment name is empty', () => {
      // GIVEN
      const chart = chartIn('production');

      // THEN
      expect(() => new ExternalDependency(chart, 'database', { externalNameByEnvironment: { '': 'db.example.com' }, environment: '' }))
        .toThrow(/externalNameByEnvironment has an empty environment name ""/);
    });

    test('throws when environment is set without externalNameByEnvironment', () => {
      // GIVEN
      const chart = chartIn('production');

      // THEN
      expect(() => new ExternalDependency(chart, 'database', { externalName: 'db.example.com', environment: 'prod' }))
        .toThrow(/environment "prod" is set without externalNameByEnvironment/);
    });

    test('ignores the context when externalName is given', () => {
      // GIVEN
      const app = testApp();
      app.node.setContext(ENV_KEY, 'staging');
      const chart = chartIn('production', app);

      // WHEN
      const db = new ExternalDependency(chart, 'database', { externalName: 'db.example.com' });

      // THEN
      expect(db.externalName).toBe('db.example.com');
      expect(db.environment).toBeUndefined();
    });
  });

  describe('rejections', () => {
    const PREFIX = 'ExternalDependency "test/db": ';
    const cases: Array<[string, ExternalDependencyProps, RegExp]> = [
      ['externalName is an IPv4 address', { externalName: '54.23.100.55' },
        /externalName "54\.23\.100\.55" is an IPv4 address; ExternalName needs a DNS name\. Use SelectorlessIpService for IP targets\.$/],
      ['externalName is an IPv6 address', { externalName: '2001:db8::10' },
        /externalName "2001:db8::10" is an IPv6 address; ExternalName needs a DNS name\. Use SelectorlessIpService for IP targets\.$/],
      ['externalName is a single label', { externalName: 'database' }, /externalName "database" is a single-label name/],
      ['a label is over 63 characters', { externalName: `${'a'.repeat(64)}.example.com` }, /a DNS label has at most 63/],
      ['externalName is over 253 characters', { externalName: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}` },
        /is 254 characters long; a DNS name has at most 253/],
      ['externalName has an underscore', { externalName: 'my_db.example.com' }, /externalName "my_db\.example\.com" has a label "my_db" with '_'/],
      ['externalName has characters outside RFC 1123', { externalName: 'db$.example.com' }, /is not an RFC 1123 label/],
      ['externalName is empty', { externalName: '' }, /externalName "" is empty; ExternalName needs a DNS name/],
      ['externalName is a URL', { externalName: 'https://x' }, /externalName "https:\/\/x" is a URL/],
      ['externalName has a port', { externalName: 'db.example.com:5432' }, /externalName "db\.example\.com:5432" includes a port/],
      ['no target is given', {}, /needs exactly one target, but none is set; set one of externalName, targetService or externalNameByEnvironment\.$/],
      ['two targets are given', { externalName: 'db.example.com', targetService: ServiceReference.fromName('data', 'db') },
        /needs exactly one target, but externalName and targetService are set/],
      ['three targets are given', { externalName: 'a.example.com', targetService: ServiceReference.fromName('data', 'db'), externalNameByEnvironment: { prod: 'b.example.com' } },
        /but externalName and targetService and externalNameByEnvironment are set/],
      ['name is not a DNS-1035 label', { name: 'Database', externalName: 'db.example.com' }, /name "Database" is not a DNS-1035 label/],
      ['name starts with a digit', { name: '1db', externalName: 'db.example.com' }, /name "1db" is not a DNS-1035 label/],
      ['name is too long', { name: 'd'.repeat(64), externalName: 'db.example.com' }, /is 64 characters long; a DNS-1035 label has at most 63/],
      ['namespace is invalid', { namespace: 'Prod', externalName: 'db.example.com' }, /namespace "Prod" is not a DNS-1123 label/],
      ['clusterDomain is invalid', { clusterDomain: 'cluster_local', externalName: 'db.example.com' }, /clusterDomain "cluster_local" has a label/],
      ['a port is out of range', { externalName: 'db.example.com', ports: [{ port: 70000 }] }, /ports\[0\]\.port "70000" is out of range/],
      ['ports repeat a name', { externalName: 'db.example.com', ports: [{ name: 'pg', port: 5432 }, { name: 'pg', port: 5433 }] },
        /ports\[1\]\.name "pg" is used by more than one port/],
      ['targetPort differs from port', { externalName: 'db.example.com', ports: [{ port: 5432, targetPort: 6432 }] },
        /ports\[0\]\.targetPort "6432" differs from port "5432"; ExternalName does no port mapping/],
      ['a label key is invalid', { externalName: 'db.example.com', labels: { 'bad key': 'x' } }, /labels key "bad key" has a name part/],
      ['a label value is invalid', { externalName: 'db.example.com', labels: { team: 'a b' } }, /labels\["team"\] "a b" is not a valid label value/],
      ['a label value is too long', { externalName: 'db.example.com', labels: { team: 'x'.repeat(64) } }, /a label value has at most 63/],
      ['an annotation key is invalid', { externalName: 'db.example.com', annotations: { 'a/b/c': 'x' } }, /annotations key "a\/b\/c" has more than one '\/'/],
    ];

    test.each(cases)('throws when %s', (_, props, expected) => {
      // GIVEN
      const chart = chartIn('production');

      // THEN
      let error: Error | undefined;
      try {
        new ExternalDependency(chart, 'db', props);
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message.startsWith(PREFIX)).toBe(true);
      expect(error?.message).toMatch(expected);
    });

    test.each<[string, ExternalDependencyProps, RegExp]>([
      ['externalName is not a string (from another jsii language)', { externalName: 42 as any }, /externalName "42" is not a string/],
      ['a label value is not a string', { externalName: 'db.example.com', labels: { team: 7 as any } }, /labels\["team"\] "7" is not a string/],
    ])('throws when %s', (_, props, expected) => {
      expect(() => new ExternalDependency(chartIn('production'), 'db', props)).toThrow(expected);
    });

    test('throws when a targetService FQDN is not a host name', () => {
      // GIVEN
      const chart = chartIn('production');
      const bogus: IServiceReference = { serviceName: 'x', serviceNamespace: 'y', serviceFqdn: '10.0.0.1' };

      // THEN
      expect(() => new ExternalDependency(chart, 'db', { targetService: bogus }))
        .toThrow(/targetService\.serviceFqdn "10\.0\.0\.1" is an IPv4 address/);
    });
  });

  test('every valid host name synthesizes a schema-valid Service with the normalized host (property)', () => {
    const label = fc.stringMatching(/^[a-zA-Z]([-a-zA-Z0-9]{0,15}[a-zA-Z0-9])?$/);
    fc.assert(fc.property(fc.array(label, { minLength: 2, maxLength: 5 }), fc.boolean(), (labels, trailingDot) => {
      // GIVEN
      const chart = chartIn('production');
      const host = labels.join('.') + (trailingDot ? '.' : '');

      // WHEN
      const dep = new ExternalDependency(chart, 'db', { externalName: host });

      // THEN
      const [svc] = synthValid(chart);
      expect(svc.spec.externalName).toBe(labels.join('.').toLowerCase());
      expect(dep.tlsServerName).toBe(svc.spec.externalName);
    }), { numRuns: 50 });
  });

  test('synthesizes byte-identical YAML twice', () => {
    const build = () => {
      const app = testApp();
      app.node.setContext(ENV_KEY, 'prod');
      const chart = chartIn('production', app);
      new ExternalDependency(chart, 'database', {
        externalNameByEnvironment: { prod: 'db.example.com', dev: 'db.dev.example.com' },
        ports: [{ name: 'postgres', port: 5432 }],
        labels: { z: '1', a: '2' },
        annotations: { 'b.example.com/x': 'y', 'a.example.com/x': 'y' },
      });
      new ExternalDependency(chart, 'shared-cache', { targetService: ServiceReference.fromName('shared-infra', 'redis') });
      return Yaml.stringify(...Testing.synth(chart));
    };
    expect(build()).toEqual(build());
  });

  test('matches the snapshot (smoke test)', () => {
    // GIVEN
    const chart = chartIn('production');

    // WHEN
    new ExternalDependency(chart, 'database', {
      externalName: 'mydb.abc123.us-east-1.rds.amazonaws.com',
      ports: [{ name: 'postgres', port: 5432 }],
      labels: { 'app.kubernetes.io/name': 'postgres' },
    });

    // THEN
    const objects = synthValid(chart);
    expect(objects[0].spec.type).toBe('ExternalName');
    expect(objects).toMatchSnapshot();
  });
});
