/**
 * service-ineffective: the settings of a headless Service that GetWarningsForService (pkg/api/service/warnings.go)
 * says are ignored: loadBalancerIP and externalIPs (ClientIP affinity: test/checks/rules/api-rules.test.ts).
 */
import { serviceIneffectiveRule } from '../../../src/checks/rules/service-ineffective';
import { run, service } from '../builders';

type Obj = { [key: string]: any };

describe('service-ineffective: headless Services', () => {
  test.each<[string, Obj, RegExp]>([
    ['loadBalancerIP', service('db', { clusterIP: 'None', loadBalancerIP: '203.0.113.7' }),
      /^Service "db": spec\.loadBalancerIP: Invalid value: "203\.0\.113\.7": spec\.loadBalancerIP is ignored for headless services\. Fix: remove loadBalancerIP; a headless Service gets no load balancer/],
    ['externalIPs', service('db', { clusterIP: 'None', externalIPs: ['203.0.113.7'] }),
      /^Service "db": spec\.externalIPs: Invalid value: \["203\.0\.113\.7"\]: spec\.externalIPs is ignored for headless services\. Fix: remove externalIPs; kube-proxy forwards external IPs only to a Service with a cluster IP/],
    ['externalIPs, with clusterIPs ["None"]', service('db', { clusterIPs: ['None'], externalIPs: ['203.0.113.7'] }), /spec\.externalIPs is ignored for headless services/],
  ])('reports %s', (_case, object, message) => {
    const found = run(serviceIneffectiveRule, [object]);
    expect(found).toEqual([expect.objectContaining({ rule: 'service-ineffective', level: 'warning', resource: 'Service/default/db' })]);
    expect(found[0].message).toMatch(message);
  });

  test.each<[string, Obj]>([
    ['loadBalancerIP on a LoadBalancer Service', service('db', { type: 'LoadBalancer', loadBalancerIP: '203.0.113.7' })],
    ['externalIPs on a ClusterIP Service (service-deprecated reports them)', service('db', { externalIPs: ['203.0.113.7'] })],
    ['an empty loadBalancerIP and externalIPs on a headless Service', service('db', { clusterIP: 'None', loadBalancerIP: '', externalIPs: [] })],
  ])('reports nothing for %s', (_case, object) => {
    expect(run(serviceIneffectiveRule, [object])).toEqual([]);
  });
});
