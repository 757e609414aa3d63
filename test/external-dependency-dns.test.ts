import { Chart } from 'cdk8s';
import { testApp } from './test-app';
import { ClusterDns, DnsRecordType } from '../src/dns/cluster-dns';
import { ExternalDependency } from '../src/external-dependency';
import { ServiceReference } from '../src/service-reference';

describe('ExternalDependency as cluster DNS serves it', () => {
  test('the in-cluster name is a CNAME to the external host', () => {
    // GIVEN
    const chart = new Chart(testApp(), 'prod', { namespace: 'production' });
    new ExternalDependency(chart, 'database', { externalName: 'Prod-DB.abc123.us-east-1.rds.amazonaws.com.' });

    // WHEN
    const result = ClusterDns.fromChart(chart).resolve('database.production.svc.cluster.local', { type: DnsRecordType.CNAME });

    // THEN
    expect(result.rcode).toBe('NOERROR');
    expect(result.answers.map((a) => [a.type, a.data])).toEqual([['CNAME', 'prod-db.abc123.us-east-1.rds.amazonaws.com.']]);
  });

  test('a pod in the namespace resolves the short name through its search path', () => {
    // GIVEN
    const chart = new Chart(testApp(), 'prod', { namespace: 'production' });
    new ExternalDependency(chart, 'payment-api', { externalName: 'api.stripe.com' });

    // WHEN
    const result = ClusterDns.fromChart(chart).resolve('payment-api', { namespace: 'production', type: DnsRecordType.CNAME });

    // THEN
    expect(result.answers.map((a) => a.data)).toEqual(['api.stripe.com.']);
  });

  test('a cross-namespace alias is a CNAME to the other Service\'s FQDN', () => {
    // GIVEN
    const chart = new Chart(testApp(), 'team', { namespace: 'app-team-a' });
    new ExternalDependency(chart, 'shared-cache', { targetService: ServiceReference.fromName('shared-infra', 'redis') });

    // WHEN
    const result = ClusterDns.fromChart(chart).resolve('shared-cache.app-team-a.svc.cluster.local', { type: DnsRecordType.CNAME });

    // THEN
    expect(result.answers.map((a) => a.data)).toEqual(['redis.shared-infra.svc.cluster.local.']);
  });
});
