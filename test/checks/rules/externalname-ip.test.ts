import { externalNameIp } from '../../../src/checks/rules/externalname-ip';
import { externalName, run } from '../builders';

describe('externalname-ip', () => {
  test('reports nothing for a host name', () => {
    expect(run(externalNameIp, [externalName('db', 'db.example.com')])).toEqual([]);
  });

  test.each(['54.23.100.55', '10.0.0.5.'])('reports the IP literal %s', (ip) => {
    const found = run(externalNameIp, [externalName('db', ip)]);
    expect(found[0]).toMatchObject({ level: 'error', resource: 'Service/default/db' });
    expect(found[0].message).toMatch(/an IP address; cluster DNS answers NXDOMAIN for it. Fix: use a selectorless Service with an EndpointSlice/);
  });

  test('reports a warning when ExternalDNS publishes the IP under its hostname annotation', () => {
    const annotations = { 'external-dns.alpha.kubernetes.io/hostname': 'tenant1.example.org,tenant2.example.org' };
    const found = run(externalNameIp, [externalName('aws-service', '111.111.111.111', { annotations })]);
    expect(found).toEqual([expect.objectContaining({ level: 'warning', resource: 'Service/default/aws-service' })]);
    expect(found[0].message).toMatch(/ExternalDNS publishes A records for it .*, but inside the cluster "aws-service\.default\.svc\.cluster\.local" answers NXDOMAIN/);
  });
});
