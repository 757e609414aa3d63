/**
 * service-deprecated: the deprecation warnings of GetWarningsForService (pkg/api/service/warnings.go), with the level
 * each gets: a warning for externalIPs, info for the renamed PreferClose and topology-aware-hints.
 */
import { serviceDeprecated } from '../../../src/checks/rules/service-deprecated';
import { run, service } from '../builders';

type Obj = { [key: string]: any };

describe('service-deprecated', () => {
  test.each<[string, Obj, 'warning' | 'info', RegExp]>([
    ['externalIPs on a ClusterIP Service', service('web', { externalIPs: ['203.0.113.7'] }), 'warning',
      /^Service "web": spec\.externalIPs is deprecated and may no longer be implemented in some clusters \(the API server accepts it with this warning\)\. Fix: expose the Service with type: LoadBalancer .*KEP-5707/],
    ['externalIPs on a LoadBalancer Service', service('web', { type: 'LoadBalancer', externalIPs: ['203.0.113.7'] }), 'warning', /spec\.externalIPs is deprecated/],
    ['trafficDistribution PreferClose', service('web', { trafficDistribution: 'PreferClose' }), 'info',
      /^Service "web": spec\.trafficDistribution: "PreferClose" is deprecated; use "PreferSameZone" \(the API server accepts it with this warning\)\. Fix: set trafficDistribution: PreferSameZone, .*v1\.34 or later/],
    ['the topology-aware-hints annotation', service('web', {}, { annotations: { 'service.kubernetes.io/topology-aware-hints': 'auto' } }), 'info',
      /^Service "web": annotation service\.kubernetes\.io\/topology-aware-hints is deprecated, please use service\.kubernetes\.io\/topology-mode instead \(the API server accepts it with this warning\)\. Fix: replace the annotation with service\.kubernetes\.io\/topology-mode: Auto/],
    ['the topology-aware-hints annotation with an empty value', service('web', {}, { annotations: { 'service.kubernetes.io/topology-aware-hints': '' } }), 'info', /topology-aware-hints is deprecated/],
  ])('reports %s', (_case, object, level, message) => {
    const found = run(serviceDeprecated, [object]);
    expect(found).toEqual([expect.objectContaining({ rule: 'service-deprecated', level, resource: 'Service/default/web' })]);
    expect(found[0].message).toMatch(message);
  });

  test.each<[string, Obj]>([
    ['a plain Service', service('web')],
    ['an empty externalIPs list', service('web', { externalIPs: [] })],
    // service-ineffective reports these: "spec.externalIPs is ignored ..."
    ['externalIPs on a headless Service', service('web', { clusterIP: 'None', externalIPs: ['203.0.113.7'] })],
    ['externalIPs on an ExternalName Service', service('web', { type: 'ExternalName', externalName: 'db.example.com', selector: undefined, externalIPs: ['203.0.113.7'] })],
    ['trafficDistribution PreferSameZone', service('web', { trafficDistribution: 'PreferSameZone' })],
    ['the topology-mode annotation', service('web', {}, { annotations: { 'service.kubernetes.io/topology-mode': 'Auto' } })],
    ['a Knative Service with externalIPs (not a core Service)', { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'web' }, spec: { externalIPs: ['203.0.113.7'] } }],
  ])('reports nothing for %s', (_case, object) => {
    expect(run(serviceDeprecated, [object])).toEqual([]);
  });

  test('reports every deprecation of one Service, each at its level', () => {
    const object = service('web', { externalIPs: ['203.0.113.7'], trafficDistribution: 'PreferClose' }, { annotations: { 'service.kubernetes.io/topology-aware-hints': 'auto' } });
    expect(run(serviceDeprecated, [object]).map((f) => `${f.level} ${f.message.replace(/ \(the API server.*/, '')}`).sort()).toEqual([
      'info Service "web": annotation service.kubernetes.io/topology-aware-hints is deprecated, please use service.kubernetes.io/topology-mode instead',
      'info Service "web": spec.trafficDistribution: "PreferClose" is deprecated; use "PreferSameZone"',
      'warning Service "web": spec.externalIPs is deprecated and may no longer be implemented in some clusters',
    ]);
  });
});
