import { Chart, Testing } from 'cdk8s';
import { testApp } from './test-app';
import { ServiceChecker } from '../src/checks/service-checker';
import { EndpointsMode } from '../src/endpoints-mode';
import { SelectorlessIpService, SelectorlessIpServiceProps } from '../src/selectorless-ip-service';

// The library's own offline checker must find nothing wrong with what SelectorlessIpService writes.
describe('SelectorlessIpService output passes the ServiceChecker', () => {
  const https = [{ name: 'https', port: 443, targetPort: 8443, appProtocol: 'https' }];
  const many = Array.from({ length: 150 }, (_, i) => `198.51.100.${i + 1}`);

  test.each<[string, SelectorlessIpServiceProps]>([
    ['ClusterIP with the default endpoints mode', { addresses: ['203.0.113.10', '203.0.113.11'], ports: https }],
    ['ClusterIP, dual-stack, several slices', { addresses: ['2001:db8::10', ...many], ports: https }],
    ['headless without ports', { headless: true, addresses: ['203.0.113.10', '2001:db8::10'] }],
    ['headless with ports', { headless: true, addresses: ['203.0.113.10'], ports: [{ port: 5432 }] }],
    ['EndpointSlices only', { addresses: ['203.0.113.10'], ports: https, endpointsMode: EndpointsMode.ENDPOINT_SLICES_ONLY }],
    ['Endpoints only', { addresses: ['203.0.113.10', '2001:db8::10'], ports: https, endpointsMode: EndpointsMode.ENDPOINTS_ONLY }],
    ['Endpoints only, headless', { headless: true, addresses: ['203.0.113.10'], endpointsMode: EndpointsMode.ENDPOINTS_ONLY }],
  ])('%s', (_name, props) => {
    // GIVEN
    const chart = new Chart(testApp(), 'test', { namespace: 'production' });
    const svc = new SelectorlessIpService(chart, 'external', props);
    svc.addAddress('192.0.2.99', { hostname: 'host-99' });

    // WHEN
    const report = ServiceChecker.check(Testing.synth(chart));

    // THEN
    expect(report.findings).toEqual([]);
    expect(report.success).toBe(true);
  });
});
