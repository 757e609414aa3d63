import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { testApp } from './test-app';
import { EndpointsMode } from '../src/endpoints-mode';
import { ExternalDependency } from '../src/external-dependency';
import { SelectorlessIpService } from '../src/selectorless-ip-service';

const HTTPS = [{ name: 'https', port: 443, targetPort: 8443 }];

function chartIn(namespace?: string): Chart {
  return new Chart(testApp(), 'test', { namespace });
}

describe('SelectorlessIpService is its Service', () => {
  test('ApiObject.of() returns the construct itself, a v1 Service named after the Service', () => {
    // GIVEN
    const chart = chartIn('production');

    // WHEN
    const api = new SelectorlessIpService(chart, 'api', { name: 'partner-api', addresses: ['203.0.113.10'], ports: HTTPS });

    // THEN
    expect(ApiObject.of(api)).toBe(api);
    expect(api.service).toBe(api);
    expect(api.kind).toBe('Service');
    expect(api.name).toBe('partner-api');
    expect(api.serviceName).toBe('partner-api');
  });

  test('adds no wrapper node: the Endpoints and EndpointSlices are the only children of the Service', () => {
    // GIVEN
    const chart = chartIn('production');

    // WHEN
    const api = new SelectorlessIpService(chart, 'api', { addresses: ['203.0.113.10', '2001:db8::10'], ports: HTTPS });

    // THEN
    expect(chart.node.children).toEqual([api]);
    expect(api.node.children).toEqual([api.endpoints, ...api.endpointSlices]);
    expect(api.node.children.map((c) => c.node.path)).toEqual(['test/api/Endpoints', 'test/api/EndpointSlice-ipv4', 'test/api/EndpointSlice-ipv6']);
    expect(chart.node.findAll()).toHaveLength(5);
  });

  test('with ENDPOINT_SLICES_ONLY the slices are its only children', () => {
    // GIVEN
    const chart = chartIn('production');

    // WHEN
    const api = new SelectorlessIpService(chart, 'api', {
      addresses: ['203.0.113.10'],
      ports: HTTPS,
      endpointsMode: EndpointsMode.ENDPOINT_SLICES_ONLY,
    });

    // THEN
    expect(api.endpoints).toBeUndefined();
    expect(api.node.children).toEqual(api.endpointSlices);
    expect(Testing.synth(chart).map((o) => o.kind)).toEqual(['Service', 'EndpointSlice']);
  });

  test('metadata.addLabel() and addJsonPatch() on the construct change the synthesized Service only', () => {
    // GIVEN
    const chart = chartIn('production');
    const api = new SelectorlessIpService(chart, 'api', { addresses: ['203.0.113.10'], ports: HTTPS });

    // WHEN
    api.metadata.addLabel('team', 'payments');
    api.addJsonPatch(JsonPatch.add('/spec/internalTrafficPolicy', 'Local'));

    // THEN
    const [svc, ep, slice] = Testing.synth(chart);
    expect(svc.metadata.labels).toEqual({ team: 'payments' });
    expect(svc.spec.internalTrafficPolicy).toBe('Local');
    expect(ep.metadata.labels).toEqual({ 'endpointslice.kubernetes.io/skip-mirror': 'true' });
    expect(slice.metadata.labels).not.toHaveProperty('team');
  });

  test('addresses added after construction reach the Service spec (it is rendered at synth)', () => {
    // GIVEN
    const chart = chartIn('production');
    const api = new SelectorlessIpService(chart, 'api', { addresses: ['203.0.113.10'], ports: HTTPS });

    // WHEN
    api.addAddress('2001:db8::10');

    // THEN
    const [svc] = Testing.synth(chart);
    expect(svc.spec.ipFamilyPolicy).toBe('PreferDualStack');
  });

  test('instanceof SelectorlessIpService holds for SelectorlessIpService only, not for every ApiObject', () => {
    // GIVEN
    const chart = chartIn('production');
    class PartnerApi extends SelectorlessIpService {}

    // WHEN
    const api = new SelectorlessIpService(chart, 'api', { addresses: ['203.0.113.10'], ports: HTTPS });
    const partner = new PartnerApi(chart, 'partner', { addresses: ['203.0.113.11'], ports: HTTPS });
    const raw = new k8s.KubeService(chart, 'raw', { spec: { ports: [{ port: 443 }] } });
    const dep = new ExternalDependency(chart, 'dep', { externalName: 'db.example.com' });

    // THEN
    expect([api, partner, raw, dep, api.endpoints].map((o) => o instanceof SelectorlessIpService)).toEqual([true, true, false, false, false]);
    expect([api, partner, raw, dep].map((o) => o instanceof PartnerApi)).toEqual([false, true, false, false]);
    expect([api, partner, raw, dep].map((o) => SelectorlessIpService.isSelectorlessIpService(o))).toEqual([true, true, false, false]);
  });

  test('throws on a bad prop before adding anything to the tree', () => {
    // GIVEN
    const chart = chartIn('production');

    // WHEN
    expect(() => new SelectorlessIpService(chart, 'api', { addresses: ['203.0.113.10'] }))
      .toThrow(/^SelectorlessIpService "test\/api": ports is empty/);

    // THEN
    expect(chart.node.children).toEqual([]);
  });

  test('names the path in errors after construction too', () => {
    // GIVEN
    const api = new SelectorlessIpService(chartIn(), 'api', { ports: HTTPS });

    // THEN
    expect(() => api.addAddress('127.0.0.1')).toThrow(/^SelectorlessIpService "test\/api": addresses\[0\] "127\.0\.0\.1" is in the loopback range/);
  });
});
