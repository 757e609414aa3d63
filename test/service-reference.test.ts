import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { testApp } from './test-app';
import {
  DEFAULT_CLUSTER_DOMAIN,
  DEFAULT_NAMESPACE,
  IServiceReference,
  normalizeClusterDomain,
  resolveNamespace,
  ServiceReference,
  serviceFqdn,
  validateServiceName,
} from '../src/service-reference';

class Owner extends Construct {}

function ownerIn(namespace?: string): Owner {
  return new Owner(new Chart(testApp(), 'test', { namespace }), 'svc');
}

describe('constants', () => {
  test('the defaults are cluster.local and default', () => {
    expect(DEFAULT_CLUSTER_DOMAIN).toBe('cluster.local');
    expect(DEFAULT_NAMESPACE).toBe('default');
  });
});

describe('ServiceReference.fromName', () => {
  test('references a Service by namespace and name', () => {
    // WHEN
    const ref: IServiceReference = ServiceReference.fromName('shared-infra', 'redis');

    // THEN
    expect(ref.serviceName).toBe('redis');
    expect(ref.serviceNamespace).toBe('shared-infra');
    expect(ref.serviceFqdn).toBe('redis.shared-infra.svc.cluster.local');
  });

  test.each([
    ['a custom domain', 'corp.internal', 'redis.cache.svc.corp.internal'],
    ['a domain with upper case and a trailing dot', 'Corp.Internal.', 'redis.cache.svc.corp.internal'],
  ])('uses %s', (_, clusterDomain, expected) => {
    expect(ServiceReference.fromName('cache', 'redis', { clusterDomain }).serviceFqdn).toBe(expected);
  });

  test.each([
    ['the name starts with a digit', 'cache', '1redis', /^ServiceReference: name "1redis" is not a DNS-1035 label .*; Service names are DNS-1035 labels such as "redis"\.$/],
    ['the name has upper case', 'cache', 'Redis', /name "Redis" is not a DNS-1035 label/],
    ['the name is empty', 'cache', '', /name "" is empty/],
    ['the name is too long', 'cache', 'r'.repeat(64), /name "r+" is 64 characters long/],
    ['the namespace has a dot', 'shared.infra', 'redis',
      /^ServiceReference: namespace "shared\.infra" is not a DNS-1123 label .*; namespaces are DNS-1123 labels such as "cache"\.$/],
    ['the namespace is empty', '', 'redis', /namespace "" is empty/],
  ])('throws when %s', (_, namespace, name, expected) => {
    expect(() => ServiceReference.fromName(namespace, name)).toThrow(expected);
  });

  test('throws when the cluster domain is invalid', () => {
    expect(() => ServiceReference.fromName('cache', 'redis', { clusterDomain: 'cluster_local' }))
      .toThrow(/^ServiceReference: clusterDomain "cluster_local" has a label "cluster_local" .*; use a DNS domain such as "cluster\.local"\.$/);
  });
});

describe('serviceFqdn', () => {
  test('joins name, namespace, svc and the domain', () => {
    expect(serviceFqdn('db', 'prod', 'cluster.local')).toBe('db.prod.svc.cluster.local');
  });
});

describe('normalizeClusterDomain', () => {
  test.each([
    ['undefined to the default', undefined, 'cluster.local'],
    ['a domain unchanged', 'corp.internal', 'corp.internal'],
    ['upper case to lower case', 'Cluster.LOCAL', 'cluster.local'],
    ['one trailing dot away', 'cluster.local.', 'cluster.local'],
    ['a single label unchanged', 'local', 'local'],
  ])('normalizes %s', (_, value, expected) => {
    expect(normalizeClusterDomain(value, 'X: clusterDomain')).toBe(expected);
  });

  test.each([
    ['the domain is empty', '', /^X: clusterDomain "" is empty; use a DNS domain such as "cluster\.local"\.$/],
    ['the domain is only a dot', '.', /^X: clusterDomain "\." is empty/],
    ['the domain has an underscore', 'cluster_local', /clusterDomain "cluster_local" has a label "cluster_local"/],
    ['the domain has two dots in a row', 'cluster..local', /has a label "" that is empty/],
    ['the domain is too long', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`, /is 254 characters long/],
  ])('throws when %s', (_, value, expected) => {
    expect(() => normalizeClusterDomain(value, 'X: clusterDomain')).toThrow(expected);
  });
});

describe('resolveNamespace', () => {
  test.each([
    ['the explicit namespace', 'production', 'data', 'data'],
    ['the chart namespace', 'production', undefined, 'production'],
    ['"default" without either', undefined, undefined, 'default'],
  ])('returns %s', (_, chartNamespace, explicit, expected) => {
    expect(resolveNamespace(ownerIn(chartNamespace), explicit)).toBe(expected);
  });

  test.each([
    ['the namespace has upper case', 'Prod', /^Owner "test\/svc": namespace "Prod" is not a DNS-1123 label .*; namespaces are DNS-1123 labels such as "production"\.$/],
    ['the namespace has a dot', 'team.a', /namespace "team\.a" is not a DNS-1123 label/],
    ['the namespace is empty', '', /namespace "" is empty/],
    ['the namespace is too long', 'n'.repeat(64), /is 64 characters long; a DNS-1123 label has at most 63/],
  ])('throws when %s', (_, explicit, expected) => {
    expect(() => resolveNamespace(ownerIn('production'), explicit)).toThrow(expected);
  });
});

describe('validateServiceName', () => {
  test.each([
    ['a word', 'database'],
    ['digits and hyphens', 'db-2'],
    ['exactly 63 characters', 'd'.repeat(63)],
  ])('accepts %s', (_, name) => {
    expect(validateServiceName(ownerIn(), name)).toBe(name);
  });

  test.each([
    ['the name starts with a digit', '2db', /^Owner "test\/svc": name "2db" is not a DNS-1035 label .*; Service names become DNS labels, so use a name such as "database"\.$/],
    ['the name has upper case', 'Database', /name "Database" is not a DNS-1035 label/],
    ['the name has a dot', 'db.v1', /name "db\.v1" is not a DNS-1035 label/],
    ['the name is empty', '', /name "" is empty/],
    ['the name is too long', 'd'.repeat(64), /is 64 characters long; a DNS-1035 label has at most 63/],
  ])('throws when %s', (_, name, expected) => {
    expect(() => validateServiceName(ownerIn(), name)).toThrow(expected);
  });

  test('names the prop in errors', () => {
    expect(() => validateServiceName(ownerIn(), 'Bad', 'serviceName')).toThrow(/: serviceName "Bad" is not a DNS-1035 label/);
  });
});
