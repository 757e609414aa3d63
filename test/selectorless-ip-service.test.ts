import { App, Chart, Duration, Testing, Yaml } from 'cdk8s';
import { EndpointSlice } from 'kubernetes-models/discovery.k8s.io/v1';
import { Endpoints, Service } from 'kubernetes-models/v1';
import { testApp } from './test-app';
import { dns1035LabelProblem, dns1123SubdomainProblem } from '../src/construct-errors';
import { EndpointsMode } from '../src/endpoints-mode';
import { IpFamily, IpFamilyPolicy } from '../src/ip-family';
import { ENDPOINT_SLICE_MANAGER, SelectorlessIpService, SelectorlessIpServiceProps } from '../src/selectorless-ip-service';
import { Protocol } from '../src/service-port';
import { IServiceReference } from '../src/service-reference';
import { SessionAffinity } from '../src/session-affinity';

const HTTPS = [{ name: 'https', port: 443, targetPort: 8443 }];
const TWO_IPS = ['203.0.113.10', '203.0.113.11'];
const SLICE_LABELS_OF = (service: string) => ({
  'kubernetes.io/service-name': service,
  'endpointslice.kubernetes.io/managed-by': 'cdk8s-service-discovery',
});

function chartIn(namespace?: string, app: App = testApp()): Chart {
  return new Chart(app, 'test', { namespace });
}

/**
 * Synthesizes the chart, schema-validates every object with kubernetes-models, checks the name rules the schema
 * does not know (k8s-validation rules 1-3) and returns the objects.
 */
function synthValid(chart: Chart): any[] {
  const objects = Testing.synth(chart);
  for (const obj of objects) {
    switch (`${obj.apiVersion}/${obj.kind}`) {
      case 'v1/Service':
        new Service(obj).validate();
        expect(dns1035LabelProblem(obj.metadata.name)).toBeUndefined();
        break;
      case 'v1/Endpoints':
        new Endpoints(obj).validate();
        expect(dns1035LabelProblem(obj.metadata.name)).toBeUndefined();
        break;
      case 'discovery.k8s.io/v1/EndpointSlice':
        new EndpointSlice(obj).validate();
        expect(dns1123SubdomainProblem(obj.metadata.name)).toBeUndefined();
        break;
      default:
        throw new Error(`unexpected object ${obj.apiVersion}/${obj.kind}`);
    }
  }
  return objects;
}

function byKind(objects: any[], kind: string): any[] {
  return objects.filter((o) => o.kind === kind);
}

function ipv4s(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `198.51.${Math.floor(i / 250)}.${(i % 250) + 1}`);
}

describe('SelectorlessIpService', () => {
  describe('defaults: ClusterIP Service, EndpointSlice and mirrored-off Endpoints', () => {
    // GIVEN
    const chart = chartIn('production');

    // WHEN
    const api = new SelectorlessIpService(chart, 'external-api', {
      addresses: TWO_IPS,
      ports: [{ name: 'https', port: 443, targetPort: 8443, appProtocol: 'https' }],
    });
    const objects = synthValid(chart);
    const [svc, ep, slice] = objects;

    test('synthesizes a Service, an Endpoints object and one EndpointSlice, in that order', () => {
      expect(objects.map((o) => `${o.apiVersion}/${o.kind}/${o.metadata.name}`)).toEqual([
        'v1/Service/external-api',
        'v1/Endpoints/external-api',
        'discovery.k8s.io/v1/EndpointSlice/external-api-ipv4',
      ]);
    });

    test('the Service is a ClusterIP Service with no selector key at all and its single family stated', () => {
      expect(svc.metadata).toEqual({ name: 'external-api', namespace: 'production' });
      expect(svc.spec).toEqual({
        type: 'ClusterIP',
        ipFamilyPolicy: 'SingleStack',
        ipFamilies: ['IPv4'],
        ports: [{ name: 'https', port: 443, targetPort: 8443, protocol: 'TCP', appProtocol: 'https' }],
      });
      expect(svc.spec).not.toHaveProperty('selector');
      expect(svc.spec).not.toHaveProperty('clusterIP');
      expect(svc.spec).not.toHaveProperty('clusterIPs');
    });

    test('the EndpointSlice carries the service-name and this library\'s managed-by label, nothing else', () => {
      expect(slice.metadata).toEqual({ name: 'external-api-ipv4', namespace: 'production', labels: SLICE_LABELS_OF('external-api') });
      expect(slice.metadata.labels['endpointslice.kubernetes.io/managed-by']).toBe(ENDPOINT_SLICE_MANAGER);
      expect(slice.metadata.labels).not.toHaveProperty('service.kubernetes.io/headless');
      expect(slice.metadata.labels).not.toHaveProperty('service.kubernetes.io/service-proxy-name');
    });

    test('the EndpointSlice has one ready endpoint per address and the backend port under the Service port\'s name', () => {
      expect(slice.addressType).toBe('IPv4');
      expect(slice.endpoints).toEqual([
        { addresses: ['203.0.113.10'], conditions: { ready: true } },
        { addresses: ['203.0.113.11'], conditions: { ready: true } },
      ]);
      expect(slice.ports).toEqual([{ name: 'https', port: 8443, protocol: 'TCP', appProtocol: 'https' }]);
    });

    test('the Endpoints object shares the Service name and is labelled skip-mirror', () => {
      expect(ep.metadata).toEqual({
        name: 'external-api',
        namespace: 'production',
        labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
      });
      expect(ep.subsets).toEqual([{
        addresses: [{ ip: '203.0.113.10' }, { ip: '203.0.113.11' }],
        ports: [{ name: 'https', port: 8443, protocol: 'TCP', appProtocol: 'https' }],
      }]);
    });

    test('the getters describe the Service', () => {
      expect(api.name).toBe('external-api');
      expect(api.namespace).toBe('production');
      expect(api.fqdn).toBe('external-api.production.svc.cluster.local');
      expect(api.addresses).toEqual(TWO_IPS);
      expect(api.ipFamilies).toEqual([IpFamily.IPV4]);
      expect(api.headless).toBe(false);
      expect(api.endpointsMode).toBe(EndpointsMode.ENDPOINT_SLICES_AND_ENDPOINTS);
      expect(api.endpointSlices.map((s) => s.name)).toEqual(['external-api-ipv4']);
      expect(api.endpoints?.name).toBe('external-api');
      expect(api.service.name).toBe('external-api');
      const ref: IServiceReference = api;
      expect([ref.serviceName, ref.serviceNamespace, ref.serviceFqdn])
        .toEqual(['external-api', 'production', 'external-api.production.svc.cluster.local']);
    });
  });

  test('a single unnamed port without targetPort keeps the port number and leaves endpoint port names empty', () => {
    // GIVEN
    const chart = chartIn();

    // WHEN
    new SelectorlessIpService(chart, 'legacy-db', { addresses: ['10.20.30.40'], ports: [{ port: 5432 }] });

    // THEN
    const [svc, ep, slice] = synthValid(chart);
    expect(svc.metadata).toEqual({ name: 'legacy-db' });
    expect(svc.spec.ports).toEqual([{ port: 5432, targetPort: 5432, protocol: 'TCP' }]);
    expect(slice.ports).toEqual([{ port: 5432, protocol: 'TCP' }]);
    expect(ep.subsets[0].ports).toEqual([{ port: 5432, protocol: 'TCP' }]);
  });

  test('every port is copied to the slice and the Endpoints with its name, protocol and backend port', () => {
    // GIVEN
    const chart = chartIn('infra');

    // WHEN
    new SelectorlessIpService(chart, 'dns', {
      addresses: ['192.0.2.53'],
      ports: [
        { name: 'dns-udp', port: 53, protocol: Protocol.UDP, targetPort: 5353 },
        { name: 'dns-tcp', port: 53, protocol: Protocol.TCP, targetPort: 5353 },
        { name: 'diameter', port: 3868, protocol: Protocol.SCTP, appProtocol: 'example.com/diameter' },
      ],
    });

    // THEN
    const [svc, ep, slice] = synthValid(chart);
    expect(svc.spec.ports).toEqual([
      { name: 'dns-udp', port: 53, targetPort: 5353, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, targetPort: 5353, protocol: 'TCP' },
      { name: 'diameter', port: 3868, targetPort: 3868, protocol: 'SCTP', appProtocol: 'example.com/diameter' },
    ]);
    const endpointPorts = [
      { name: 'dns-udp', port: 5353, protocol: 'UDP' },
      { name: 'dns-tcp', port: 5353, protocol: 'TCP' },
      { name: 'diameter', port: 3868, protocol: 'SCTP', appProtocol: 'example.com/diameter' },
    ];
    expect(slice.ports).toEqual(endpointPorts);
    expect(ep.subsets[0].ports).toEqual(endpointPorts);
  });

  describe('headless', () => {
    test('sets clusterIP None, states the family and labels only the slices headless', () => {
      // GIVEN
      const chart = chartIn('data');

      // WHEN
      const hl = new SelectorlessIpService(chart, 'legacy-cluster', { headless: true, addresses: TWO_IPS, ports: [{ name: 'pg', port: 5432 }] });

      // THEN
      const [svc, ep, slice] = synthValid(chart);
      expect(svc.spec).toEqual({
        type: 'ClusterIP',
        clusterIP: 'None',
        ipFamilyPolicy: 'SingleStack',
        ipFamilies: ['IPv4'],
        ports: [{ name: 'pg', port: 5432, targetPort: 5432, protocol: 'TCP' }],
      });
      expect(svc.spec).not.toHaveProperty('selector');
      expect(slice.metadata.labels).toEqual({ ...SLICE_LABELS_OF('legacy-cluster'), 'service.kubernetes.io/headless': '' });
      expect(ep.metadata.labels).toEqual({ 'endpointslice.kubernetes.io/skip-mirror': 'true' });
      expect(hl.headless).toBe(true);
    });

    test('may have no ports: no ports key on the Service, the slice or the Endpoints', () => {
      // GIVEN
      const chart = chartIn();

      // WHEN
      new SelectorlessIpService(chart, 'peers', { headless: true, addresses: TWO_IPS });

      // THEN
      const [svc, ep, slice] = synthValid(chart);
      expect(svc.spec).not.toHaveProperty('ports');
      expect(slice).not.toHaveProperty('ports');
      expect(ep.subsets).toEqual([{ addresses: [{ ip: '203.0.113.10' }, { ip: '203.0.113.11' }] }]);
    });

    test('per-address hostnames reach the slice and the Endpoints and give per-address DNS names', () => {
      // GIVEN
      const chart = chartIn('data');
      const hl = new SelectorlessIpService(chart, 'pg', { headless: true, ports: [{ port: 5432 }] });

      // WHEN
      hl.addAddress('192.0.2.10', { hostname: 'pg-0' });
      hl.addAddress('192.0.2.11', { hostname: 'pg-1' });

      // THEN
      const [, ep, slice] = synthValid(chart);
      expect(slice.endpoints).toEqual([
        { addresses: ['192.0.2.10'], conditions: { ready: true }, hostname: 'pg-0' },
        { addresses: ['192.0.2.11'], conditions: { ready: true }, hostname: 'pg-1' },
      ]);
      expect(ep.subsets[0].addresses).toEqual([{ ip: '192.0.2.10', hostname: 'pg-0' }, { ip: '192.0.2.11', hostname: 'pg-1' }]);
      expect(hl.hostnameFqdn('pg-1')).toBe('pg-1.pg.data.svc.cluster.local');
    });
  });

  describe('endpointsMode', () => {
    test('ENDPOINT_SLICES_ONLY writes no Endpoints object', () => {
      // GIVEN
      const chart = chartIn();

      // WHEN
      const api = new SelectorlessIpService(chart, 'api', { addresses: TWO_IPS, ports: HTTPS, endpointsMode: EndpointsMode.ENDPOINT_SLICES_ONLY });

      // THEN
      const objects = synthValid(chart);
      expect(objects.map((o) => o.kind)).toEqual(['Service', 'EndpointSlice']);
      expect(api.endpoints).toBeUndefined();
      expect(api.endpointSlices).toHaveLength(1);
    });

    test('ENDPOINTS_ONLY writes no slices and leaves the Endpoints mirrorable (no skip-mirror label)', () => {
      // GIVEN
      const chart = chartIn();

      // WHEN
      const api = new SelectorlessIpService(chart, 'api', { addresses: TWO_IPS, ports: HTTPS, endpointsMode: EndpointsMode.ENDPOINTS_ONLY });

      // THEN
      const objects = synthValid(chart);
      expect(objects.map((o) => o.kind)).toEqual(['Service', 'Endpoints']);
      const [, ep] = objects;
      expect(ep.metadata).toEqual({ name: 'api' });
      expect(ep.subsets[0].addresses).toEqual([{ ip: '203.0.113.10' }, { ip: '203.0.113.11' }]);
      expect(api.endpointSlices).toEqual([]);
    });

    test('ENDPOINTS_ONLY puts both families into the one Endpoints object (the mirroring controller splits them)', () => {
      // GIVEN
      const chart = chartIn();

      // WHEN
      new SelectorlessIpService(chart, 'api', { addresses: ['203.0.113.10', '2001:db8::10'], ports: HTTPS, endpointsMode: EndpointsMode.ENDPOINTS_ONLY });

      // THEN
      const [svc, ep] = synthValid(chart);
      expect(ep.subsets[0].addresses).toEqual([{ ip: '203.0.113.10' }, { ip: '2001:db8::10' }]);
      expect(svc.spec.ipFamilyPolicy).toBe('PreferDualStack');
    });
  });

  describe('dual-stack', () => {
    test('ClusterIP: PreferDualStack without ipFamilies, one slice per family', () => {
      // GIVEN
      const chart = chartIn('production');

      // WHEN
      const api = new SelectorlessIpService(chart, 'api', {
        addresses: ['203.0.113.10', '2001:db8::10', '203.0.113.11', '2001:DB8:0:0::11'],
        ports: HTTPS,
      });

      // THEN
      const objects = synthValid(chart);
      const [svc] = objects;
      expect(svc.spec.ipFamilyPolicy).toBe('PreferDualStack');
      expect(svc.spec).not.toHaveProperty('ipFamilies');
      const slices = byKind(objects, 'EndpointSlice');
      expect(slices.map((s) => [s.metadata.name, s.addressType, s.endpoints.map((e: any) => e.addresses[0])])).toEqual([
        ['api-ipv4', 'IPv4', ['203.0.113.10', '203.0.113.11']],
        ['api-ipv6', 'IPv6', ['2001:db8::10', '2001:db8::11']],
      ]);
      for (const slice of slices) {
        expect(slice.metadata.labels).toEqual(SLICE_LABELS_OF('api'));
        expect(slice.ports).toEqual([{ name: 'https', port: 8443, protocol: 'TCP' }]);
      }
      expect(byKind(objects, 'Endpoints')[0].subsets[0].addresses.map((a: any) => a.ip))
        .toEqual(['203.0.113.10', '2001:db8::10', '203.0.113.11', '2001:db8::11']);
      expect(api.ipFamilies).toEqual([IpFamily.IPV4, IpFamily.IPV6]);
    });

    test('ClusterIP with RequireDualStack lists both families', () => {
      // GIVEN
      const chart = chartIn();

      // WHEN
      new SelectorlessIpService(chart, 'api', {
        addresses: ['2001:db8::10', '203.0.113.10'],
        ports: HTTPS,
        ipFamilyPolicy: IpFamilyPolicy.REQUIRE_DUAL_STACK,
      });

      // THEN
      const [svc] = synthValid(chart);
      expect(svc.spec.ipFamilyPolicy).toBe('RequireDualStack');
      expect(svc.spec.ipFamilies).toEqual(['IPv4', 'IPv6']);
    });

    test('headless: RequireDualStack with both families (accepted even on single-stack clusters)', () => {
      // GIVEN
      const chart = chartIn();

      // WHEN
      new SelectorlessIpService(chart, 'peers', { headless: true, addresses: ['203.0.113.10', '2001:db8::10'] });

      // THEN
      const objects = synthValid(chart);
      expect(objects[0].spec).toEqual({ type: 'ClusterIP', clusterIP: 'None', ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] });
      expect(byKind(objects, 'EndpointSlice').map((s) => s.metadata.labels['service.kubernetes.io/headless'])).toEqual(['', '']);
    });

    test('IPv6 only: SingleStack IPv6 and an -ipv6 slice with canonical addresses', () => {
      // GIVEN
      const chart = chartIn();

      // WHEN
      const api = new SelectorlessIpService(chart, 'api', { addresses: ['2001:0DB8::0010'], ports: HTTPS });

      // THEN
      const [svc, ep, slice] = synthValid(chart);
      expect(svc.spec.ipFamilyPolicy).toBe('SingleStack');
      expect(svc.spec.ipFamilies).toEqual(['IPv6']);
      expect(slice.metadata.name).toBe('api-ipv6');
      expect(slice.addressType).toBe('IPv6');
      expect(slice.endpoints).toEqual([{ addresses: ['2001:db8::10'], conditions: { ready: true } }]);
      expect(ep.subsets[0].addresses).toEqual([{ ip: '2001:db8::10' }]);
      expect(api.addresses).toEqual(['2001:db8::10']);
    });
  });

  describe('slicing', () => {
    test('splits more than 100 addresses of a family into slices of 100 with deterministic names', () => {
      // GIVEN
      const chart = chartIn();
      const addresses = ipv4s(250);

      // WHEN
      new SelectorlessIpService(chart, 'fleet', { addresses, ports: HTTPS });

      // THEN
      const slices = byKind(synthValid(chart), 'EndpointSlice');
      expect(slices.map((s) => [s.metadata.name, s.endpoints.length])).toEqual([
        ['fleet-ipv4', 100], ['fleet-ipv4-2', 100], ['fleet-ipv4-3', 50],
      ]);
      expect(slices.flatMap((s) => s.endpoints.map((e: any) => e.addresses))).toEqual(addresses.map((a) => [a]));
      for (const slice of slices) {
        expect(slice.metadata.labels).toEqual(SLICE_LABELS_OF('fleet'));
        expect(slice.ports).toEqual([{ name: 'https', port: 8443, protocol: 'TCP' }]);
      }
    });

    test('maxEndpointsPerSlice can go up to the API maximum of 1000', () => {
      // GIVEN
      const chart = chartIn();

      // WHEN
      new SelectorlessIpService(chart, 'fleet', { addresses: ipv4s(1001), ports: HTTPS, maxEndpointsPerSlice: 1000, endpointsMode: EndpointsMode.ENDPOINT_SLICES_ONLY });

      // THEN
      const slices = byKind(synthValid(chart), 'EndpointSlice');
      expect(slices.map((s) => [s.metadata.name, s.endpoints.length])).toEqual([['fleet-ipv4', 1000], ['fleet-ipv4-2', 1]]);
    });

    test('addresses added later fill the last slice, then open the next one per family', () => {
      // GIVEN
      const chart = chartIn();
      const svc = new SelectorlessIpService(chart, 'api', { addresses: ['192.0.2.1'], ports: HTTPS, maxEndpointsPerSlice: 2 });

      // WHEN
      svc.addAddress('2001:db8::1');
      svc.addAddress('192.0.2.2');
      svc.addAddress('192.0.2.3');

      // THEN
      const slices = byKind(synthValid(chart), 'EndpointSlice');
      expect(slices.map((s) => [s.metadata.name, s.endpoints.map((e: any) => e.addresses[0])])).toEqual([
        ['api-ipv4', ['192.0.2.1', '192.0.2.2']],
        ['api-ipv6', ['2001:db8::1']],
        ['api-ipv4-2', ['192.0.2.3']],
      ]);
      expect(svc.endpointSlices.map((s) => s.name)).toEqual(['api-ipv4', 'api-ipv6', 'api-ipv4-2']);
    });
  });

  test('namespace, name and cluster domain props', () => {
    // GIVEN
    const chart = chartIn('chart-ns');

    // WHEN
    const api = new SelectorlessIpService(chart, 'Api', { name: 'partner-api', namespace: 'edge', clusterDomain: 'Corp.Example.', addresses: TWO_IPS, ports: HTTPS });

    // THEN
    const objects = synthValid(chart);
    expect(objects.map((o) => o.metadata.namespace)).toEqual(['edge', 'edge', 'edge']);
    expect(objects.map((o) => o.metadata.name)).toEqual(['partner-api', 'partner-api', 'partner-api-ipv4']);
    expect(api.fqdn).toBe('partner-api.edge.svc.corp.example');
  });

  test('the typed object getters let users add labels and annotations', () => {
    // GIVEN
    const chart = chartIn();
    const api = new SelectorlessIpService(chart, 'api', { addresses: TWO_IPS, ports: HTTPS });

    // WHEN
    api.service.metadata.addAnnotation('example.com/owner', 'platform');
    api.endpointSlices[0].metadata.addLabel('team', 'platform');
    api.endpoints!.metadata.addLabel('team', 'platform');

    // THEN
    const [svc, ep, slice] = synthValid(chart);
    expect(svc.metadata.annotations).toEqual({ 'example.com/owner': 'platform' });
    expect(slice.metadata.labels).toEqual({ ...SLICE_LABELS_OF('api'), team: 'platform' });
    expect(ep.metadata.labels).toEqual({ 'endpointslice.kubernetes.io/skip-mirror': 'true', 'team': 'platform' });
  });

  test('ClientIP session affinity with a timeout', () => {
    // GIVEN
    const chart = chartIn();

    // WHEN
    new SelectorlessIpService(chart, 'api', { addresses: TWO_IPS, ports: HTTPS, sessionAffinity: SessionAffinity.clientIp(Duration.hours(1)) });
    new SelectorlessIpService(chart, 'api2', { addresses: TWO_IPS, ports: HTTPS, sessionAffinity: SessionAffinity.clientIp() });
    new SelectorlessIpService(chart, 'api3', { addresses: TWO_IPS, ports: HTTPS, sessionAffinity: SessionAffinity.none() });

    // THEN
    const services = byKind(synthValid(chart), 'Service');
    expect(services[0].spec.sessionAffinity).toBe('ClientIP');
    expect(services[0].spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 3600 } });
    expect(services[1].spec.sessionAffinity).toBe('ClientIP');
    expect(services[1].spec).not.toHaveProperty('sessionAffinityConfig');
    expect(services[2].spec.sessionAffinity).toBe('None');
  });

  test('synthesizing the same app twice yields byte-identical YAML', () => {
    const build = () => {
      const chart = chartIn('production');
      new SelectorlessIpService(chart, 'api', { addresses: [...ipv4s(120), '2001:db8::10', '2001:DB8::11'], ports: HTTPS });
      const hl = new SelectorlessIpService(chart, 'peers', { headless: true, ports: [{ port: 5432 }] });
      hl.addAddress('192.0.2.10', { hostname: 'pg-0' });
      return Yaml.stringify(...Testing.synth(chart));
    };
    const first = build();
    expect(build()).toBe(first);
    expect(first).toContain('name: api-ipv4-2');
  });

  test('synthesizes once addresses are given, and reports a service with no address at synth time', () => {
    // GIVEN
    const app = testApp();
    const chart = chartIn('production', app);
    const later = new SelectorlessIpService(chart, 'later', { ports: HTTPS });
    new SelectorlessIpService(chart, 'empty', { ports: HTTPS, addresses: [] });

    // WHEN
    later.addAddress('203.0.113.10');

    // THEN
    expect(() => app.synth()).toThrow(/SelectorlessIpService "test\/empty": addresses is empty; .* Pass addresses or call addAddress\(\)\./);
    expect(() => app.synth()).not.toThrow(/test\/later/);
  });

  test('a Service with addresses passes synth-time validation', () => {
    // GIVEN
    const app = testApp();
    new SelectorlessIpService(chartIn('production', app), 'api', { addresses: TWO_IPS, ports: HTTPS });

    // THEN
    expect(() => app.synthYaml()).not.toThrow();
  });

  describe('rejections', () => {
    const base: SelectorlessIpServiceProps = { addresses: TWO_IPS, ports: HTTPS };

    test.each<[string, SelectorlessIpServiceProps, RegExp]>([
      ['an address is not an IP', { ...base, addresses: ['db.example.com'] }, /addresses\[0\] "db.example.com" is not an IP address; for a DNS name use ExternalDependency/],
      ['an address has leading zeros', { ...base, addresses: ['203.0.113.010'] }, /addresses\[0\] "203.0.113.010" has a leading zero.*write "203.0.113.10"/],
      ['an address is IPv4-mapped IPv6', { ...base, addresses: ['::ffff:203.0.113.10'] }, /addresses\[0\] "::ffff:203.0.113.10" is an IPv4-mapped IPv6 address; write the IPv4 address "203.0.113.10"/],
      ['an address is unspecified (IPv4)', { ...base, addresses: ['0.0.0.0'] }, /addresses\[0\] "0.0.0.0" is the unspecified address/],
      ['an address is unspecified (IPv6)', { ...base, addresses: ['::'] }, /addresses\[0\] "::" is the unspecified address/],
      ['an address is loopback', { ...base, addresses: ['203.0.113.10', '127.0.0.1'] }, /addresses\[1\] "127.0.0.1" is in the loopback range/],
      ['an address is IPv6 loopback', { ...base, addresses: ['::1'] }, /addresses\[0\] "::1" is in the loopback range/],
      ['an address is the cloud metadata address', { ...base, addresses: ['169.254.169.254'] }, /"169.254.169.254" is the cloud metadata address, in the link-local range/],
      ['an address is link-local', { ...base, addresses: ['fe80::1'] }, /"fe80::1" is in the link-local range/],
      ['an address is link-local multicast', { ...base, addresses: ['224.0.0.251'] }, /"224.0.0.251" is in the link-local multicast range/],
      ['an address is IPv6 link-local multicast', { ...base, addresses: ['ff02::1'] }, /"ff02::1" is in the link-local multicast range/],
      ['an address is a CIDR range', { ...base, addresses: ['203.0.113.0/24'] }, /"203.0.113.0\/24" is a CIDR range/],
      ['an address is listed twice', { ...base, addresses: ['203.0.113.10', '203.0.113.10'] }, /addresses\[1\] "203.0.113.10" is already addresses\[0\]; list each address once\./],
      ['an address is a duplicate after canonicalization', { ...base, addresses: ['2001:db8::10', '2001:DB8:0:0::10'] }, /addresses\[1\] "2001:DB8:0:0::10" \("2001:db8::10" in canonical form\) is already addresses\[0\]/],
      ['a port is 0', { ...base, ports: [{ port: 0 }] }, /ports\[0\]\.port "0" is out of range; a port is an integer from 1 to 65535\./],
      ['a port is 65536', { ...base, ports: [{ port: 65536 }] }, /ports\[0\]\.port "65536" is out of range/],
      ['a targetPort is out of range', { ...base, ports: [{ port: 443, targetPort: 70000 }] }, /ports\[0\]\.targetPort "70000" is out of range/],
      ['a protocol is unknown', { ...base, ports: [{ port: 443, protocol: 'tcp' as Protocol }] }, /ports\[0\]\.protocol "tcp" is not supported; use Protocol.TCP, Protocol.UDP or Protocol.SCTP\./],
      ['port names repeat', { ...base, ports: [{ name: 'https', port: 443 }, { name: 'https', port: 8443 }] }, /ports\[1\]\.name "https" is used by more than one port; port names must be unique\./],
      ['one of several ports has no name', { ...base, ports: [{ name: 'https', port: 443 }, { port: 80 }] }, /ports\[1\] has no name; every port needs a unique name/],
      ['a port name is not a DNS-1123 label', { ...base, ports: [{ name: 'HTTPS', port: 443 }] }, /ports\[0\]\.name "HTTPS" is not a DNS-1123 label/],
      ['a (port, protocol) pair repeats', { ...base, ports: [{ name: 'a', port: 443 }, { name: 'b', port: 443 }] }, /ports\[1\] repeats port 443\/TCP/],
      ['appProtocol is not a qualified name', { ...base, ports: [{ port: 443, appProtocol: 'not valid!' }] }, /ports\[0\]\.appProtocol "not valid!"/],
      ['a ClusterIP Service has no ports', { ...base, ports: [] }, /ports is empty; a ClusterIP Service needs at least one port .* Add a port or set headless: true\./],
      ['there are more than 100 ports', { ...base, ports: Array.from({ length: 101 }, (_, i) => ({ name: `p${i}`, port: 1000 + i })) }, /ports has 101 entries; an EndpointSlice holds at most 100 ports\./],
      ['the name is not a DNS-1035 label', { ...base, name: '1api' }, /name "1api" is not a DNS-1035 label/],
      ['the namespace is not a DNS-1123 label', { ...base, namespace: 'Prod' }, /namespace "Prod" is not a DNS-1123 label/],
      ['the cluster domain is invalid', { ...base, clusterDomain: 'bad_domain' }, /clusterDomain "bad_domain"/],
      ['maxEndpointsPerSlice is 0', { ...base, maxEndpointsPerSlice: 0 }, /maxEndpointsPerSlice "0" is out of range; an EndpointSlice holds 1 to 1000 endpoints\./],
      ['maxEndpointsPerSlice is over 1000', { ...base, maxEndpointsPerSlice: 1001 }, /maxEndpointsPerSlice "1001" is out of range/],
      ['maxEndpointsPerSlice is fractional', { ...base, maxEndpointsPerSlice: 1.5 }, /maxEndpointsPerSlice "1.5" is out of range/],
      ['SingleStack is asked for both families', { ...base, addresses: ['203.0.113.10', '2001:db8::10'], ipFamilyPolicy: IpFamilyPolicy.SINGLE_STACK },
        /addresses\[1\] "2001:db8::10" is IPv6 but "203.0.113.10" is IPv4, and ipFamilyPolicy "SingleStack" serves one family only/],
      ['an unknown ipFamilyPolicy', { ...base, ipFamilyPolicy: 'DualStack' as IpFamilyPolicy }, /ipFamilyPolicy "DualStack" is not supported/],
      ['an unknown endpointsMode', { ...base, endpointsMode: 'Both' as EndpointsMode }, /endpointsMode "Both" is not supported/],
      ['ClientIP affinity on a headless Service', { ...base, headless: true, sessionAffinity: SessionAffinity.clientIp() }, /sessionAffinity "ClientIP" has no effect on a headless Service/],
      ['the affinity timeout is over 24 hours', { ...base, sessionAffinity: SessionAffinity.clientIp(Duration.hours(25)) }, /sessionAffinity timeout "90000s" is out of range; use whole seconds from 1 to 86400/],
      ['the affinity timeout is not whole seconds', { ...base, sessionAffinity: SessionAffinity.clientIp(Duration.millis(1500)) }, /sessionAffinity timeout "1.5s" is out of range/],
      ['ENDPOINTS_ONLY gets more than 1000 addresses', { ...base, addresses: ipv4s(1001), endpointsMode: EndpointsMode.ENDPOINTS_ONLY },
        /addresses\[1000\] "198.51.4.1" is one address too many for EndpointsMode.ENDPOINTS_ONLY; the mirroring controller copies at most 1000/],
    ])('throws when %s', (_name, props, error) => {
      const chart = chartIn('production');
      expect(() => new SelectorlessIpService(chart, 'api', props)).toThrow(error);
      expect(() => new SelectorlessIpService(chartIn('production'), 'api', props)).toThrow(/^SelectorlessIpService "test\/api": /);
    });

    test('throws when addAddress gets a bad hostname', () => {
      const api = new SelectorlessIpService(chartIn(), 'api', { ports: HTTPS });
      expect(() => api.addAddress('203.0.113.10', { hostname: 'pg.0' }))
        .toThrow(/SelectorlessIpService "test\/api": hostname "pg.0" of addresses\[0\] is not a DNS-1123 label.*such as "db-0"\./);
      expect(api.addresses).toEqual([]);
    });

    test('throws when asked for the DNS name of an unknown hostname', () => {
      const api = new SelectorlessIpService(chartIn(), 'api', { ports: HTTPS });
      api.addAddress('203.0.113.10', { hostname: 'pg-0' });
      expect(() => api.hostnameFqdn('pg-1')).toThrow(/hostname "pg-1" is not the hostname of any address \(known: "pg-0"\); pass it to addAddress\(\) first\./);
    });

    test('throws when addAddress repeats an address and leaves the service unchanged', () => {
      const chart = chartIn();
      const api = new SelectorlessIpService(chart, 'api', { addresses: ['203.0.113.10'], ports: HTTPS });
      expect(() => api.addAddress('203.0.113.10')).toThrow(/addresses\[1\] "203.0.113.10" is already addresses\[0\]/);
      expect(api.addresses).toEqual(['203.0.113.10']);
      expect(byKind(synthValid(chart), 'EndpointSlice')[0].endpoints).toHaveLength(1);
    });
  });
});
