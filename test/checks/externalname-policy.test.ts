import { Chart } from 'cdk8s';
import { check } from '../../src/checks/engine';
import { PACK } from '../../src/checks/pack';
import { externalNamePolicy } from '../../src/checks/rules/externalname-policy';
import { ServiceChecker } from '../../src/checks/service-checker';
import { run } from '../../src/cli/main';
import { ExternalDependency } from '../../src/external-dependency';
import { ClusterModel } from '../../src/model/cluster-model';
import { ExternalNamePolicy } from '../../src/policy/external-name-policy';
import { ExternalNamePolicyOptions } from '../../src/policy/external-name-policy-options';
import { ServiceReference } from '../../src/service-reference';
import { testApp } from '../test-app';

const POLICY: ExternalNamePolicyOptions = { allowedExternalSuffixes: ['example.com'], allowedNamespaces: ['shared-infra'] };

function externalName(name: string, target: string, namespace = 'production'): object {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { type: 'ExternalName', externalName: target } };
}

function clusterIp(name: string, namespace: string): object {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { selector: { app: name }, ports: [{ port: 80 }] } };
}

/** The policy findings for these objects. */
function policyFindings(objects: object[], policy: ExternalNamePolicyOptions | null = POLICY) {
  return check(ClusterModel.fromObjects(objects), { rules: [externalNamePolicy], externalNamePolicy: policy ?? undefined }).findings;
}

describe('rule externalname-policy', () => {
  test('is in the pack', () => {
    expect(PACK).toContain(externalNamePolicy);
    expect(ServiceChecker.rules().map((r) => r.id)).toContain('externalname-policy');
  });

  test('reports nothing without a policy', () => {
    expect(policyFindings([externalName('meta', 'metadata.google.internal')], null)).toEqual([]);
  });

  test('reports nothing for compliant ExternalNames (allowed suffix, own and allowed namespaces)', () => {
    expect(policyFindings([
      externalName('db', 'db.example.com'),
      externalName('cache', 'redis.shared-infra.svc.cluster.local'),
      externalName('local', 'api.production.svc.cluster.local'),
      clusterIp('redis', 'shared-infra'),
      clusterIp('api', 'production'),
    ])).toEqual([]);
  });

  test.each<[string, object[], ExternalNamePolicyOptions, RegExp]>([
    ['an external host outside the allowed suffixes', [externalName('pay', 'api.stripe.com')], POLICY,
      /^Service "pay" \(ExternalName\): spec\.externalName "api\.stripe\.com" is outside the external domains the ExternalName policy allows \("example\.com"\); .*allowedExternalSuffixes\.$/],
    ['a cluster-internal name of another namespace', [externalName('vault', 'vault.kube-system.svc.cluster.local')], POLICY,
      /^Service "vault" \(ExternalName\): spec\.externalName "vault\.kube-system\.svc\.cluster\.local" is a cluster-internal name in namespace "kube-system", but the ExternalName policy allows in-cluster targets only in its own namespace "production" and in "shared-infra"; /],
    ['the GCP metadata name', [externalName('meta', 'metadata.google.internal')], {},
      /^Service "meta" \(ExternalName\): spec\.externalName "metadata\.google\.internal" reaches Google Cloud instance metadata, which the ExternalName policy always forbids/],
    ['the metadata IP (no suffix list needed)', [externalName('imds', '169.254.169.254')], { allowedNamespaces: [] },
      /spec\.externalName "169\.254\.169\.254" reaches instance metadata at the address 169\.254\.169\.254/],
    ['the bare label metadata', [externalName('meta', 'metadata')], {},
      /spec\.externalName "metadata" reaches the node's instance metadata \(a single label resolved through the node's DNS search path\)/],
    ['a forbidden host', [externalName('admin', 'admin.example.com')], { ...POLICY, forbiddenHosts: ['admin.example.com'] },
      /spec\.externalName "admin\.example\.com" is under the forbidden host "admin\.example\.com"/],
    ['a TLS server name at the end of the CNAME chain outside the TLS domains', [
      externalName('alias', 'upstream.shared-infra.svc.cluster.local'),
      externalName('upstream', 'db.other.org', 'shared-infra'),
    ], { allowedNamespaces: ['shared-infra'], tlsServerNameSuffixes: ['example.com'] },
    /^Service "alias" \(ExternalName\): the TLS server name at the end of its CNAME chain "db\.other\.org" is outside the TLS server name domains the ExternalName policy requires \("example\.com"\)/],
  ])('reports %s', (_name, objects, policy, message) => {
    const findings = policyFindings(objects, policy);
    expect(findings.map((f) => f.message)).toContainEqual(expect.stringMatching(message));
    expect(findings.every((f) => f.rule === 'externalname-policy' && f.level === 'error')).toBe(true);
  });

  test('names the Service as resource', () => {
    expect(policyFindings([externalName('pay', 'api.stripe.com', 'shop')])[0].resource).toBe('Service/shop/pay');
  });

  test('gives the same verdict as ExternalNamePolicy on the same chart (one shared evaluation)', () => {
    // GIVEN
    const app = testApp();
    const chart = new Chart(app, 'prod', { namespace: 'production' });
    new ExternalDependency(chart, 'pay', { externalName: 'api.stripe.com' });
    new ExternalDependency(chart, 'vault', { targetService: ServiceReference.fromName('kube-system', 'vault') });
    new ExternalDependency(chart, 'ok', { externalName: 'db.example.com' });

    // WHEN
    const construct = new ExternalNamePolicy(POLICY).violations(app).map((m) => m.replace(/^[^:]+: externalName /, ''));
    const checker = ServiceChecker.checkChart(chart, { externalNamePolicy: POLICY }).findings
      .filter((f) => f.rule === 'externalname-policy').map((f) => f.message.replace(/^[^:]+: spec\.externalName /, ''));

    // THEN
    expect(checker).toEqual(construct);
    expect(checker).toHaveLength(2);
  });

  test('ServiceChecker.check throws at once for a bad policy', () => {
    expect(() => ServiceChecker.check([], { externalNamePolicy: { allowedExternalSuffixes: ['http://x'] } }))
      .toThrow(/^externalNamePolicy: allowedExternalSuffixes entry "http:\/\/x" is not a DNS domain/);
  });
});

describe('cdk8s-dns check with policy flags', () => {
  function cli(argv: string[], stdin: string) {
    let out = '';
    let err = '';
    const code = run(argv, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, stdin: () => stdin });
    return { code, out, err };
  }
  const yaml = [
    'apiVersion: v1\nkind: Service\nmetadata: {name: pay, namespace: shop}\nspec: {type: ExternalName, externalName: api.stripe.com}',
    'apiVersion: v1\nkind: Service\nmetadata: {name: cache, namespace: shop}\nspec: {type: ExternalName, externalName: redis.shared.svc.cluster.local}',
    'apiVersion: v1\nkind: Service\nmetadata: {name: redis, namespace: shared}\nspec: {selector: {app: redis}, ports: [{port: 6379}]}',
  ].join('\n---\n');

  test('no flags: no policy finding', () => {
    expect(cli(['check', '-f', '-', '--json'], yaml).out).not.toMatch(/externalname-policy/);
  });

  test('--allow-external-suffix and --allow-namespace (repeatable) turn the policy on', () => {
    const r = cli(['check', '-f', '-', '--json', '--allow-external-suffix', 'example.com', '--allow-external-suffix', 'example.org'], yaml);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.out).findings.filter((f: any) => f.rule === 'externalname-policy');
    expect(findings.map((f: any) => f.resource)).toEqual(['Service/shop/cache', 'Service/shop/pay']);

    const allowed = cli(['check', '-f', '-', '--json', '--allow-external-suffix', 'stripe.com', '--allow-namespace', 'shared'], yaml);
    expect(JSON.parse(allowed.out).findings.filter((f: any) => f.rule === 'externalname-policy')).toEqual([]);
  });

  test('a bad flag value is a usage error naming the flag', () => {
    const r = cli(['check', '-f', '-', '--allow-namespace', 'Not_A_Namespace'], yaml);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^cdk8s-dns check: --allow-namespace "Not_A_Namespace" is not a namespace name/);
  });
});
