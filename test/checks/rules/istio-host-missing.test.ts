import { istioHostMissing } from '../../../src/checks/rules/istio-host-missing';
import { run, service } from '../builders';
import { destinationRule, routeTo, serviceEntry, virtualService } from '../istio';
import { helmRelease } from '../openshift';

const web = service('web');
const reviews = service('reviews');
/** A Flagger Canary of Deployment `podinfo` in namespace `default`: Flagger makes podinfo, -primary and -canary. */
const canary = {
  apiVersion: 'flagger.app/v1beta1',
  kind: 'Canary',
  metadata: { name: 'podinfo', namespace: 'default' },
  spec: { targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' }, service: { port: 9898 } },
};

describe('istio-host-missing', () => {
  test.each([
    ['a short name of a Service of the namespace', [reviews, routeTo('reviews')]],
    ['a full Service name', [reviews, service('ratings', {}, { namespace: 'prod' }), routeTo('ratings.prod.svc.cluster.local')]],
    ['a full Service name with a trailing dot and capitals', [reviews, routeTo('Reviews.default.svc.cluster.local.')]],
    ['a full name in a custom cluster domain', [reviews, routeTo('reviews.default.svc.example.internal')], { clusterDomain: 'example.internal' }],
    ['a host a ServiceEntry declares', [web, serviceEntry('legacy', ['legacy.default.svc.cluster.local']), routeTo('legacy')]],
    ['a short host of a ServiceEntry', [web, serviceEntry('legacy', ['legacy']), routeTo('legacy')]],
    ['a host below a wildcard ServiceEntry', [web, serviceEntry('mesh', ['*.svc.cluster.local']), routeTo('billing.default.svc.cluster.local')]],
    ['a ServiceEntry of another namespace exported to every namespace', [web, serviceEntry('legacy', ['legacy.default.svc.cluster.local'], { exportTo: ['*'] }, { namespace: 'mesh' }), routeTo('legacy')]],
    ['a ServiceEntry exported to the namespace by name', [web, serviceEntry('legacy', ['legacy.default.svc.cluster.local'], { exportTo: ['default'] }, { namespace: 'mesh' }), routeTo('legacy')]],
    ['a wildcard destination host', [web, routeTo('*.example.com')]],
    ['an external name', [web, routeTo('api.example.com')]],
    ['an IP address', [web, routeTo('203.0.113.10')]],
    ['a `name.namespace` host of a namespace the input does not hold', [web, routeTo('search.google')]],
    ['a namespace the run does not judge (no Service, no workload there)', [web, routeTo('billing.payments.svc.cluster.local')]],
    ['a VirtualService alone in its namespace', [virtualService('web', { http: [{ route: [{ destination: { host: 'web' } }] }] }, { namespace: 'edge' })]],
    ['a Flux placeholder', [web, routeTo('${APP}')]],
    ['a Service named like a chart release into the namespace', [web, helmRelease('grafana'), routeTo('grafana')]],
    ['a DestinationRule of an existing Service', [reviews, destinationRule('reviews', 'reviews')]],
    ['the primary Service of a Flagger Canary', [web, canary, routeTo('podinfo-primary')]],
    ['DestinationRules of a Flagger Canary\'s Services', [web, canary, destinationRule('podinfo-canary', 'podinfo-canary.default.svc.cluster.local'), destinationRule('podinfo', 'podinfo')]],
    ['a DestinationRule with a wildcard host', [web, destinationRule('all', '*.local')]],
    ['an object of another group', [web, { ...routeTo('nope'), apiVersion: 'example.com/v1' }]],
  ] as [string, any[], { clusterDomain?: string }?][])('reports nothing for %s', (_case, objects, options = {}) => {
    expect(run(istioHostMissing, objects, options)).toEqual([]);
  });

  const findings: [string, any[], string, RegExp][] = [
    ['an http route to a missing short name', [web, routeTo('reviews')], 'VirtualService/default/web',
      /^VirtualService "web" spec\.http\[0\]\.route\[0\]\.destination names host "reviews", which is Service "reviews" of namespace "default" \(Istio reads a short name in the VirtualService's namespace\), but there is no Service "reviews" in namespace "default" and no ServiceEntry declares the host; unless another cluster or registry of the mesh has it, Istio has no such host in its registry: requests routed to it get 503 \(Envoy's "no cluster found"\)\. Fix: create Service "reviews" in namespace "default", correct the host, or declare it with a ServiceEntry\.$/],
    ['a typo (did you mean)', [web, reviews, routeTo('reveiws')], 'VirtualService/default/web', /names host "reveiws", .* Did you mean "reviews"\? Fix: /],
    ['a near miss of a Flagger Canary\'s Service', [web, canary, routeTo('podinfo-primery')], 'VirtualService/default/web', /names host "podinfo-primery", .*but there is no Service "podinfo-primery"/],
    ['a short name of a Service of another namespace', [web, service('reviews', {}, { namespace: 'prod' }), routeTo('reviews')], 'VirtualService/default/web',
      /no Service "reviews" in namespace "default"; a Service "reviews" exists in namespace "prod" \(host "reviews\.prod\.svc\.cluster\.local"\) and no ServiceEntry/],
    ['a full name into a judged namespace', [web, service('api', {}, { namespace: 'prod' }), routeTo('billing.prod.svc.cluster.local')], 'VirtualService/default/web',
      /names host "billing\.prod\.svc\.cluster\.local", which is Service "billing" of namespace "prod", but there is no Service "billing" in namespace "prod"/],
    ['a `name.namespace` host of a namespace the input holds', [web, service('api', {}, { namespace: 'prod' }), routeTo('billing.prod')], 'VirtualService/default/web',
      /names host "billing\.prod", which is Service "billing" of namespace "prod", but/],
    ['a mirror', [web, virtualService('web', { http: [{ route: [{ destination: { host: 'web' } }], mirror: { host: 'shadow' } }] })], 'VirtualService/default/web',
      /spec\.http\[0\]\.mirror names host "shadow", .*: mirrored copies of requests are lost\. Fix/],
    ['a mirrors entry', [web, virtualService('web', { http: [{ route: [{ destination: { host: 'web' } }], mirrors: [{ destination: { host: 'shadow' }, percentage: { value: 5 } }] }] })], 'VirtualService/default/web',
      /spec\.http\[0\]\.mirrors\[0\]\.destination names host "shadow"/],
    ['a tcp route', [web, virtualService('db', { tcp: [{ route: [{ destination: { host: 'mysql', port: { number: 3306 } } }] }] })], 'VirtualService/default/db',
      /spec\.tcp\[0\]\.route\[0\]\.destination names host "mysql", .*: connections routed to it fail\. Fix/],
    ['a tls route', [web, virtualService('tls', { tls: [{ match: [{ sniHosts: ['a.example.com'] }], route: [{ destination: { host: 'secure' } }] }] })], 'VirtualService/default/tls',
      /spec\.tls\[0\]\.route\[0\]\.destination names host "secure"/],
    ['one host named twice', [web, virtualService('web', { http: [{ route: [{ destination: { host: 'v' } }, { destination: { host: 'v' } }] }] })], 'VirtualService/default/web',
      /spec\.http\[0\]\.route\[0\]\.destination \(and 1 more place\) names host "v"/],
    ['a v1alpha3 VirtualService', [web, virtualService('old', { http: [{ route: [{ destination: { host: 'gone' } }] }] }, {}, 'networking.istio.io/v1alpha3')], 'VirtualService/default/old', /names host "gone"/],
    ['a DestinationRule of a missing Service', [web, destinationRule('reviews', 'reviews')], 'DestinationRule/default/reviews',
      /^DestinationRule "reviews" spec\.host names host "reviews", .* \(Istio reads a short name in the DestinationRule's namespace\), .*, the DestinationRule applies to no host: its subsets and traffic policy take no effect, and routes to its subsets fail\. Fix/],
    ['a ServiceEntry exported to its own namespace only', [web, serviceEntry('legacy', ['legacy.default.svc.cluster.local'], { exportTo: ['.'] }, { namespace: 'mesh' }), routeTo('legacy')], 'VirtualService/default/web', /names host "legacy"/],
    ['a name beside a chart release', [web, helmRelease('grafana'), routeTo('loki')], 'VirtualService/default/web',
      /^VirtualService "web" .* names host "loki", which is Service "loki" of namespace "default" \(.*\); that Service is not in these manifests, but HelmRelease "grafana" deploys a chart into namespace "default", whose Services the input does not hold; if no chart makes "loki" and no other registry of the mesh has the host, Istio has no such host .* Fix: check the charts' rendered manifests .*, or correct the host\.$/],
  ];
  test.each(findings)('reports %s', (_case, objects, resource, message) => {
    const found = run(istioHostMissing, objects);
    expect(found).toEqual([expect.objectContaining({ rule: 'istio-host-missing', level: 'warning', resource })]);
    expect(found[0].message).toMatch(message);
  });

  test('judges a namespace without Services or workloads with --complete', () => {
    expect(run(istioHostMissing, [routeTo('web', undefined, { namespace: 'edge' })], {}, true)).toEqual([expect.objectContaining({ resource: 'VirtualService/edge/web' })]);
  });
});
