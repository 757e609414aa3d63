import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { ExternalDependency } from '../../src/external-dependency';
import { MigratingDatabase } from '../../src/migrating-database';
import { MigrationPhase } from '../../src/migration-phase';
import { ExternalNamePolicy } from '../../src/policy/external-name-policy';
import { ExternalNamePolicyOptions } from '../../src/policy/external-name-policy-options';
import { ServiceReference } from '../../src/service-reference';
import { testApp } from '../test-app';

const POLICY: ExternalNamePolicyOptions = {
  allowedExternalSuffixes: ['rds.amazonaws.com', 'example.com'],
  allowedNamespaces: ['shared-infra'],
};

/** An app with the policy applied and one chart in `namespace`. */
function setup(options: ExternalNamePolicyOptions = POLICY, namespace = 'production'): { app: App; chart: Chart } {
  const app = testApp();
  new ExternalNamePolicy(options).applyTo(app);
  return { app, chart: new Chart(app, 'prod', { namespace }) };
}

describe('ExternalNamePolicy (construct side)', () => {
  test('a compliant app synthesizes: allowed suffixes, own and allowed namespaces', () => {
    // GIVEN
    const { chart } = setup();
    new ExternalDependency(chart, 'database', { externalName: 'mydb.abc123.us-east-1.rds.amazonaws.com' });
    new ExternalDependency(chart, 'api', { externalName: 'Example.COM.' });
    new ExternalDependency(chart, 'cache', { targetService: ServiceReference.fromName('shared-infra', 'redis') });
    new ExternalDependency(chart, 'local', { targetService: ServiceReference.fromName('production', 'other') });
    new MigratingDatabase(chart, 'legacy', { externalName: 'legacy.example.com', port: 5432, phase: MigrationPhase.EXTERNAL });

    // WHEN / THEN
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test.each<[string, ExternalNamePolicyOptions, (chart: Chart) => void, RegExp]>([
    ['an external host outside the allowed suffixes', POLICY,
      (c) => new ExternalDependency(c, 'payments', { externalName: 'api.stripe.com' }),
      /ExternalDependency "prod\/payments": externalName "api\.stripe\.com" is outside the external domains the ExternalName policy allows \("example\.com", "rds\.amazonaws\.com"\); point it at a host under one of them, or ask the platform team to add its domain to allowedExternalSuffixes\./],
    ['a look-alike domain that only ends with an allowed suffix\'s text', POLICY,
      (c) => new ExternalDependency(c, 'evil', { externalName: 'db.badexample.com' }),
      /ExternalDependency "prod\/evil": externalName "db\.badexample\.com" is outside the external domains/],
    ['a cluster-internal name of another namespace', POLICY,
      (c) => new ExternalDependency(c, 'secrets', { targetService: ServiceReference.fromName('kube-system', 'vault') }),
      /ExternalDependency "prod\/secrets": externalName "vault\.kube-system\.svc\.cluster\.local" is a cluster-internal name in namespace "kube-system", but the ExternalName policy allows in-cluster targets only in its own namespace "production" and in "shared-infra"; .*add "kube-system" to allowedNamespaces\./],
    ['a cluster-internal name of another namespace, with no namespace allowed', {},
      (c) => new ExternalDependency(c, 'cache', { targetService: ServiceReference.fromName('shared-infra', 'redis') }),
      /externalName "redis\.shared-infra\.svc\.cluster\.local" is a cluster-internal name in namespace "shared-infra", but the ExternalName policy allows in-cluster targets only in its own namespace "production";/],
    ['the GCP metadata server', {},
      (c) => new ExternalDependency(c, 'meta', { externalName: 'metadata.google.internal' }),
      /ExternalDependency "prod\/meta": externalName "metadata\.google\.internal" reaches Google Cloud instance metadata, which the ExternalName policy always forbids .*; remove the Service/],
    ['the AWS metadata name', {},
      (c) => new ExternalDependency(c, 'meta', { externalName: 'instance-data.ec2.internal' }),
      /externalName "instance-data\.ec2\.internal" reaches AWS EC2 instance metadata/],
    ['a metadata address behind a wildcard DNS name', {},
      (c) => new ExternalDependency(c, 'meta', { externalName: '169-254-169-254.nip.io' }),
      /externalName "169-254-169-254\.nip\.io" reaches instance metadata \(the name embeds a metadata IP address/],
    ['a forbidden host of the platform team', { forbiddenHosts: ['corp.internal.example.net'] },
      (c) => new ExternalDependency(c, 'admin', { externalName: 'admin.corp.internal.example.net' }),
      /externalName "admin\.corp\.internal\.example\.net" is under the forbidden host "corp\.internal\.example\.net" of the ExternalName policy \(forbiddenHosts\)/],
    ['a TLS server name outside the required TLS domains', { allowedNamespaces: ['shared-infra'], tlsServerNameSuffixes: ['example.com'] },
      (c) => {
        const upstream = new ExternalDependency(c, 'upstream', { externalName: 'db.example.com', namespace: 'shared-infra' });
        new ExternalDependency(c, 'alias', { targetService: upstream });
        new ExternalDependency(c, 'other', { externalName: 'db.other.org' });
      },
      /ExternalDependency "prod\/other": tlsServerName "db\.other\.org" is outside the TLS server name domains the ExternalName policy requires \("example\.com"\)/],
    ['MigratingDatabase pointing outside the allowed suffixes (even once internal: a rollback goes there)', POLICY,
      (c) => new MigratingDatabase(c, 'database', {
        externalName: 'db.elsewhere.org',
        port: 5432,
        phase: MigrationPhase.INTERNAL,
        inCluster: { image: 'postgres:16', ports: [{ name: 'postgres', port: 5432 }], storage: { size: '1Gi' } },
      }),
      /MigratingDatabase "prod\/database": externalName "db\.elsewhere\.org" is outside the external domains the ExternalName policy allows/],
    ['a raw L1 ExternalName Service', POLICY,
      (c) => new k8s.KubeService(c, 'raw', { metadata: { name: 'raw' }, spec: { type: 'ExternalName', externalName: 'evil.attacker.io' } }),
      /KubeService "prod\/raw": spec\.externalName "evil\.attacker\.io" is outside the external domains/],
    ['a plain ApiObject ExternalName pointing at the metadata IP in hex', POLICY,
      (c) => new ApiObject(c, 'hex', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'hex' }, spec: { type: 'ExternalName', externalName: '0xa9fea9fe' } }),
      /ApiObject "prod\/hex": spec\.externalName "0xa9fea9fe" reaches instance metadata at the address 169\.254\.169\.254/],
    ['a cdk8s-plus ExternalName Service in another namespace', POLICY,
      (c) => new kplus.Service(c, 'plus', { externalName: 'db.team-b.svc.cluster.local' }),
      /Resource": spec\.externalName "db\.team-b\.svc\.cluster\.local" is a cluster-internal name in namespace "team-b"/],
  ])('throws at synth for %s', (_name, options, build, message) => {
    // GIVEN
    const { chart } = setup(options);

    // WHEN
    build(chart);

    // THEN
    expect(() => Testing.synth(chart)).toThrow(message);
  });

  test('fails app.synth() too, listing every violation', () => {
    // GIVEN
    const { app, chart } = setup();
    new ExternalDependency(chart, 'a', { externalName: 'a.stripe.com' });
    new ExternalDependency(chart, 'b', { externalName: 'metadata.google.internal' });

    // WHEN / THEN
    expect(() => app.synth()).toThrow(/prod\/a": externalName "a\.stripe\.com"[\s\S]*prod\/b": externalName "metadata\.google\.internal"/);
  });

  test('covers constructs added after applyTo, and only the scope it was applied to', () => {
    // GIVEN
    const app = testApp();
    const guarded = new Chart(app, 'guarded', { namespace: 'production' });
    const free = new Chart(app, 'free', { namespace: 'production' });
    new ExternalNamePolicy(POLICY).applyTo(guarded);

    // WHEN
    new ExternalDependency(guarded, 'late', { externalName: 'api.stripe.com' });
    new ExternalDependency(free, 'elsewhere', { externalName: 'api.stripe.com' });

    // THEN
    const violations = new ExternalNamePolicy(POLICY).violations(app);
    expect(violations).toHaveLength(2);
    expect(() => Testing.synth(free)).toThrow(/guarded\/late/);
    expect(() => Testing.synth(free)).not.toThrow(/free\/elsewhere/);
  });

  test('violations() reports without failing, sorted by construct path, one message per bad value', () => {
    // GIVEN
    const app = testApp();
    const chart = new Chart(app, 'c', { namespace: 'ns' });
    new ExternalDependency(chart, 'zeta', { externalName: 'z.other.org' });
    new ExternalDependency(chart, 'alpha', { externalName: 'a.other.org' });
    const policy = new ExternalNamePolicy(POLICY);

    // WHEN
    const violations = policy.violations(app);

    // THEN: the TLS name equals the failing target, so it is not reported a second time
    expect(violations).toEqual([
      expect.stringMatching(/^ExternalDependency "c\/alpha": externalName "a\.other\.org"/),
      expect.stringMatching(/^ExternalDependency "c\/zeta": externalName "z\.other\.org"/),
    ]);
  });

  test('applying the same policy twice adds one validation', () => {
    const { app, chart } = setup();
    const policy = new ExternalNamePolicy(POLICY);
    policy.applyTo(app);
    policy.applyTo(app);
    new ExternalDependency(chart, 'x', { externalName: 'x.other.org' });
    expect(() => app.synth()).toThrow(/Validation failed/);
    const count = (() => {
      try {
        app.synth();
        return 0;
      } catch (e: any) {
        return (e.message.match(/x\.other\.org/g) ?? []).length;
      }
    })();
    expect(count).toBe(2); // the policy from setup() and this one: one each
  });

  test.each<[string, ExternalNamePolicyOptions, RegExp]>([
    ['a URL as suffix', { allowedExternalSuffixes: ['https://example.com'] }, /^ExternalNamePolicy: allowedExternalSuffixes entry "https:\/\/example\.com" is not a DNS domain; give a domain such as "example\.com"/],
    ['a bad namespace', { allowedNamespaces: ['Shared_Infra'] }, /^ExternalNamePolicy: allowedNamespaces entry "Shared_Infra" is not a namespace name/],
    ['a bad forbidden host', { forbiddenHosts: ['a..b'] }, /forbiddenHosts entry "a\.\.b" is not a DNS domain/],
    ['a bad cluster domain', { clusterDomain: 'not a domain' }, /clusterDomain "not a domain" is not a DNS domain/],
  ])('throws at once for %s', (_name, options, message) => {
    expect(() => new ExternalNamePolicy(options)).toThrow(message);
  });

  test('accepts *.example.com and .example.com as suffixes, and "*" as every namespace', () => {
    const { chart } = setup({ allowedExternalSuffixes: ['*.example.com', '.rds.amazonaws.com'], allowedNamespaces: ['*'] });
    new ExternalDependency(chart, 'a', { externalName: 'db.example.com' });
    new ExternalDependency(chart, 'b', { targetService: ServiceReference.fromName('anywhere', 'svc') });
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('lists the built-in cloud metadata hosts', () => {
    expect(ExternalNamePolicy.CLOUD_METADATA_HOSTS).toEqual(expect.arrayContaining(['metadata.google.internal', 'instance-data.ec2.internal', 'metadata.azure.com']));
  });
});
