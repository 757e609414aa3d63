import { cloudMetadataTarget } from '../../src/policy/cloud-metadata';
import { evaluateExternalName, resolvePolicy } from '../../src/policy/evaluate';

describe('cloudMetadataTarget', () => {
  test.each([
    ['GCP name', 'metadata.google.internal', /Google Cloud/],
    ['GCP name, upper case with trailing dot', 'METADATA.Google.Internal.', /Google Cloud/],
    ['GCP subdomain', 'computemetadata.metadata.google.internal', /Google Cloud/],
    ['GCP short name', 'metadata.goog', /Google Cloud/],
    ['Azure name', 'metadata.azure.com', /Azure/],
    ['AWS name', 'instance-data.ec2.internal', /AWS/],
    ['AWS regional name', 'instance-data.us-west-2.compute.internal', /\.internal domain/],
    ['single label metadata', 'metadata', /search path/],
    ['single label instance-data', 'instance-data', /search path/],
    ['link-local IPv4', '169.254.169.254', /169\.254\.169\.254/],
    ['ECS task metadata', '169.254.170.2', /169\.254\.170\.2/],
    ['integer form', '2852039166', /169\.254\.169\.254/],
    ['hex form', '0xa9fea9fe', /169\.254\.169\.254/],
    ['octal form', '0251.0376.0251.0376', /169\.254\.169\.254/],
    ['IPv4-mapped IPv6', '::ffff:169.254.169.254', /169\.254\.169\.254/],
    ['bracketed IPv4-mapped IPv6', '[::ffff:a9fe:a9fe]', /169\.254\.169\.254/],
    ['AWS IPv6', 'fd00:ec2::254', /fd00:ec2::254/],
    ['IPv6 link-local', 'fe80::1', /fe80::1/],
    ['Alibaba', '100.100.100.200', /100\.100\.100\.200/],
    ['nip.io dotted', '169.254.169.254.nip.io', /embeds/],
    ['sslip.io dashed', '169-254-169-254.sslip.io', /embeds/],
    ['nip.io hex', 'a9fea9fe.nip.io', /embeds/],
    ['prefixed dashed', 'x-100-100-100-200.example.net', /embeds/],
  ])('recognizes %s', (_name, host, provider) => {
    expect(cloudMetadataTarget(host)).toMatch(provider);
  });

  test.each([
    ['an RDS host', 'mydb.abc123.us-east-1.rds.amazonaws.com'],
    ['a name that merely contains "metadata"', 'metadata-service.example.com'],
    ['metadata as first label outside .internal', 'metadata.example.com'],
    ['a public IP', '203.0.113.10'],
    ['a name with 169 and 254 apart', 'v169.app254.example.com'],
    ['an in-cluster name', 'redis.shared-infra.svc.cluster.local'],
    ['empty', ''],
  ])('does not flag %s', (_name, host) => {
    expect(cloudMetadataTarget(host)).toBeUndefined();
  });
});

describe('evaluateExternalName', () => {
  const subject = { namespace: 'production', targetProp: 'externalName', clusterDomain: 'cluster.local' };

  test('a compliant target and TLS name give no violation', () => {
    const policy = resolvePolicy({ allowedExternalSuffixes: ['example.com'] }, 'test');
    expect(evaluateExternalName({ ...subject, target: 'db.example.com', tlsServerName: 'db.example.com' }, policy)).toEqual([]);
  });

  test('no options: only metadata targets are violations', () => {
    const policy = resolvePolicy(undefined, 'test');
    expect(evaluateExternalName({ ...subject, target: 'anything.org' }, policy)).toEqual([]);
    expect(evaluateExternalName({ ...subject, target: 'metadata' }, policy).map((v) => v.kind)).toEqual(['cloud-metadata']);
  });

  test.each([
    ['cloud-metadata', { allowedExternalSuffixes: ['internal'] }, 'metadata.google.internal', undefined],
    ['forbidden-host', { forbiddenHosts: ['bad.example.com'], allowedExternalSuffixes: ['example.com'] }, 'x.bad.example.com', undefined],
    ['namespace', {}, 'redis.other.svc.cluster.local', undefined],
    ['namespace', {}, 'redis.other.svc', undefined],
    ['namespace', {}, 'cluster.local', undefined],
    ['external-suffix', { allowedExternalSuffixes: ['example.com'] }, 'db.example.org', undefined],
    ['tls-server-name', { tlsServerNameSuffixes: ['example.com'] }, 'db.example.org', 'db.example.org'],
    ['tls-server-name', {}, 'alias.production.svc.cluster.local', 'x.kube-system.svc.cluster.local'],
  ])('reports %s (%p, target %s)', (kind, options, target, tls) => {
    const policy = resolvePolicy(options, 'test');
    const violations = evaluateExternalName({ ...subject, target, tlsServerName: tls }, policy);
    expect(violations.map((v) => v.kind)).toEqual([kind]);
    expect(violations[0].detail).toMatch(/^(externalName|tlsServerName) ".*" .*; .*\.$/);
  });

  test('the policy cluster domain wins over the subject\'s', () => {
    const policy = resolvePolicy({ clusterDomain: 'corp.local' }, 'test');
    expect(evaluateExternalName({ ...subject, target: 'a.other.svc.corp.local' }, policy).map((v) => v.kind)).toEqual(['namespace']);
    expect(evaluateExternalName({ ...subject, target: 'a.other.svc.cluster.local.example.com' }, policy)).toEqual([]);
  });
});
