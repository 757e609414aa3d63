/**
 * SelectorlessIpService at its limits: the values at each boundary are accepted (no throw, no synth-time error, the
 * YAML says what they mean, and the library's own checker finds nothing), the values just past it are refused.
 * Slices hold 100 endpoints by default, like the EndpointSlice controller's --max-endpoints-per-slice default
 * (k8s-validation rule 56); the API maximum is 1000 (rule 51); the mirroring controller copies at most 1000 addresses
 * of an Endpoints subset (rule 47).
 */
import { Chart, Duration, Testing } from 'cdk8s';
import { testApp } from './test-app';
import { ServiceChecker } from '../src/checks/service-checker';
import { EndpointsMode } from '../src/endpoints-mode';
import { SelectorlessIpService, SelectorlessIpServiceProps } from '../src/selectorless-ip-service';
import { SessionAffinity } from '../src/session-affinity';

const HTTPS = [{ name: 'https', port: 443, targetPort: 8443 }];

const ipv4s = (n: number): string[] => Array.from({ length: n }, (_, i) => `198.51.${Math.floor(i / 250)}.${(i % 250) + 1}`);
const ipv6s = (n: number): string[] => Array.from({ length: n }, (_, i) => `2001:db8::${(i + 1).toString(16)}`);

/** Synthesizes one SelectorlessIpService "api" and returns its objects; the checker must find nothing in them. */
function synth(props: SelectorlessIpServiceProps): any[] {
  const chart = new Chart(testApp(), 'test', { namespace: 'prod' });
  new SelectorlessIpService(chart, 'api', props);
  const objects = Testing.synth(chart);
  expect(ServiceChecker.check(objects).findings).toEqual([]);
  return objects;
}

const slicesOf = (objects: any[]) => objects.filter((o) => o.kind === 'EndpointSlice')
  .map((s) => [s.metadata.name, s.addressType, s.endpoints.length]);

describe('EndpointSlice size', () => {
  test.each<[string, SelectorlessIpServiceProps, Array<[string, string, number]>]>([
    ['1 address makes one slice', { addresses: ipv4s(1) }, [['api-ipv4', 'IPv4', 1]]],
    ['exactly 100 addresses make exactly one slice', { addresses: ipv4s(100) }, [['api-ipv4', 'IPv4', 100]]],
    ['101 addresses make two slices', { addresses: ipv4s(101) }, [['api-ipv4', 'IPv4', 100], ['api-ipv4-2', 'IPv4', 1]]],
    ['200 addresses make two full slices', { addresses: ipv4s(200) }, [['api-ipv4', 'IPv4', 100], ['api-ipv4-2', 'IPv4', 100]]],
    ['exactly 100 IPv6 addresses make exactly one slice', { addresses: ipv6s(100) }, [['api-ipv6', 'IPv6', 100]]],
    ['100 addresses of each family make one slice per family', { addresses: [...ipv4s(100), ...ipv6s(100)] }, [['api-ipv4', 'IPv4', 100], ['api-ipv6', 'IPv6', 100]]],
    ['maxEndpointsPerSlice 1 puts each address in its own slice', { addresses: ipv4s(2), maxEndpointsPerSlice: 1 }, [['api-ipv4', 'IPv4', 1], ['api-ipv4-2', 'IPv4', 1]]],
    ['maxEndpointsPerSlice 1000 with exactly 1000 addresses makes one slice', { addresses: ipv4s(1000), maxEndpointsPerSlice: 1000 }, [['api-ipv4', 'IPv4', 1000]]],
  ])('%s', (_, props, expected) => {
    // WHEN
    const objects = synth({ ports: HTTPS, ...props });

    // THEN
    expect(slicesOf(objects)).toEqual(expected);
    const sliced = objects.filter((o) => o.kind === 'EndpointSlice').flatMap((s) => s.endpoints.map((e: any) => e.addresses[0]));
    expect(sliced).toEqual(props.addresses);
  });
});

describe('Endpoints size', () => {
  test('ENDPOINTS_ONLY takes exactly 1000 addresses, all in one subset (the mirroring limit)', () => {
    const objects = synth({ ports: HTTPS, addresses: ipv4s(1000), endpointsMode: EndpointsMode.ENDPOINTS_ONLY });
    const [endpoints] = objects.filter((o) => o.kind === 'Endpoints');
    expect(endpoints.subsets).toHaveLength(1);
    expect(endpoints.subsets[0].addresses).toHaveLength(1000);
    expect(objects.filter((o) => o.kind === 'EndpointSlice')).toEqual([]);
  });

  test('ENDPOINTS_ONLY refuses the 1001st address, also when added later', () => {
    const chart = new Chart(testApp(), 'test');
    const svc = new SelectorlessIpService(chart, 'api', { ports: HTTPS, addresses: ipv4s(1000), endpointsMode: EndpointsMode.ENDPOINTS_ONLY });
    expect(() => svc.addAddress('203.0.113.10')).toThrow(/addresses\[1000\] "203.0.113.10" is one address too many for EndpointsMode.ENDPOINTS_ONLY/);
  });

  test('with skip-mirror Endpoints (the default) exactly 1000 addresses are one Endpoints object; the 1001st is refused with the fix', () => {
    const objects = synth({ ports: HTTPS, addresses: ipv4s(1000) });
    const [endpoints] = objects.filter((o) => o.kind === 'Endpoints');
    expect(endpoints.metadata.labels).toEqual({ 'endpointslice.kubernetes.io/skip-mirror': 'true' });
    expect(endpoints.subsets[0].addresses).toHaveLength(1000);
    expect(slicesOf(objects)).toHaveLength(10);
    expect(() => synth({ ports: HTTPS, addresses: ipv4s(1001) })).toThrow(/addresses\[1000\] ".*" is address 1001, one too many for the v1 Endpoints object .*set endpointsMode: EndpointsMode.ENDPOINT_SLICES_ONLY/);
    expect(slicesOf(synth({ ports: HTTPS, addresses: ipv4s(1001), endpointsMode: EndpointsMode.ENDPOINT_SLICES_ONLY }))).toHaveLength(11);
  });
});

describe('other limits', () => {
  test.each<[string, SelectorlessIpServiceProps, (objects: any[]) => void]>([
    ['ports 1 and 65535', { ports: [{ name: 'low', port: 1, targetPort: 65535 }, { name: 'high', port: 65535, targetPort: 1 }] }, (o) => {
      expect(o[0].spec.ports.map((p: any) => [p.port, p.targetPort])).toEqual([[1, 65535], [65535, 1]]);
      expect(o.find((x) => x.kind === 'EndpointSlice').ports.map((p: any) => p.port)).toEqual([65535, 1]);
    }],
    ['exactly 100 ports', { ports: Array.from({ length: 100 }, (_, i) => ({ name: `p${i}`, port: 1000 + i })) }, (o) => {
      expect(o[0].spec.ports).toHaveLength(100);
      expect(o.find((x) => x.kind === 'EndpointSlice').ports).toHaveLength(100);
    }],
    ['a ClientIP timeout of 1 second', { sessionAffinity: SessionAffinity.clientIp(Duration.seconds(1)) }, (o) => {
      expect(o[0].spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 1 } });
    }],
    ['a ClientIP timeout of exactly 86400 seconds (24 hours)', { sessionAffinity: SessionAffinity.clientIp(Duration.hours(24)) }, (o) => {
      expect(o[0].spec.sessionAffinity).toBe('ClientIP');
      expect(o[0].spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 86400 } });
    }],
    ['a name of exactly 63 characters', { name: `a${'b'.repeat(62)}` }, (o) => {
      expect(o.map((x) => x.metadata.name)).toEqual([`a${'b'.repeat(62)}`, `a${'b'.repeat(62)}`, `a${'b'.repeat(62)}-ipv4`]);
    }],
    ['a namespace of exactly 63 characters', { namespace: 'n'.repeat(63) }, (o) => {
      expect(o.every((x) => x.metadata.namespace === 'n'.repeat(63))).toBe(true);
    }],
    ['a port name of exactly 63 characters', { ports: [{ name: 'p'.repeat(63), port: 443 }] }, (o) => {
      expect(o[0].spec.ports[0].name).toBe('p'.repeat(63));
    }],
    ['addresses at the edges of the refused ranges', { addresses: ['0.0.0.1', '126.255.255.255', '128.0.0.0', '169.253.255.255', '169.255.0.0', '224.0.1.0', '255.255.255.255', '::2', 'fec0::1', 'ff01::1', 'ff03::1'] }, (o) => {
      expect(slicesOf(o)).toEqual([['api-ipv4', 'IPv4', 7], ['api-ipv6', 'IPv6', 4]]);
    }],
  ])('accepts %s', (_, props, expectations) => {
    expectations(synth({ ports: HTTPS, addresses: ['203.0.113.10'], ...props, ...(props.addresses ? { addresses: props.addresses } : {}) }));
  });

  test('accepts a hostname of exactly 63 characters', () => {
    const chart = new Chart(testApp(), 'test');
    const svc = new SelectorlessIpService(chart, 'api', { ports: HTTPS });
    svc.addAddress('203.0.113.10', { hostname: 'h'.repeat(63) });
    const slice = Testing.synth(chart).find((x) => x.kind === 'EndpointSlice');
    expect(slice.endpoints).toEqual([{ addresses: ['203.0.113.10'], conditions: { ready: true }, hostname: 'h'.repeat(63) }]);
  });

  test.each<[string, SelectorlessIpServiceProps, RegExp]>([
    ['a ClientIP timeout of 0 seconds', { sessionAffinity: SessionAffinity.clientIp(Duration.seconds(0)) }, /sessionAffinity timeout "0s" is out of range/],
    ['a ClientIP timeout of 86401 seconds', { sessionAffinity: SessionAffinity.clientIp(Duration.seconds(86401)) }, /sessionAffinity timeout "86401s" is out of range/],
    ['a ClientIP timeout of 1.5 seconds', { sessionAffinity: SessionAffinity.clientIp(Duration.millis(1500)) }, /sessionAffinity timeout "1.5s" is out of range/],
    ['a name of 64 characters', { name: `a${'b'.repeat(63)}` }, /is 64 characters long/],
    ['101 ports', { ports: Array.from({ length: 101 }, (_, i) => ({ name: `p${i}`, port: 1000 + i })) }, /ports has 101 entries/],
    ['maxEndpointsPerSlice 1001', { maxEndpointsPerSlice: 1001 }, /maxEndpointsPerSlice "1001" is out of range/],
    ['maxEndpointsPerSlice 0', { maxEndpointsPerSlice: 0 }, /maxEndpointsPerSlice "0" is out of range/],
    ['maxEndpointsPerSlice 1.5', { maxEndpointsPerSlice: 1.5 }, /maxEndpointsPerSlice "1.5" is out of range/],
  ])('refuses %s', (_, props, pattern) => {
    expect(() => new SelectorlessIpService(new Chart(testApp(), 'test'), 'api', { ports: HTTPS, addresses: ['203.0.113.10'], ...props })).toThrow(pattern);
  });
});
