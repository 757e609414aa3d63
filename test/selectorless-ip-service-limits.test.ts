import { Chart, Testing } from 'cdk8s';
import { testApp } from './test-app';
import { EndpointsMode } from '../src/endpoints-mode';
import { IpFamilyPolicy } from '../src/ip-family';
import { SelectorlessIpService, SelectorlessIpServiceProps } from '../src/selectorless-ip-service';
import { Protocol } from '../src/service-port';

const HTTPS = [{ name: 'https', port: 443, targetPort: 8443 }];

/** `count` distinct IPv4 addresses, 10.0.0.1 on. */
function ipv4s(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `10.${Math.floor((i + 1) / 65536)}.${Math.floor((i + 1) / 256) % 256}.${(i + 1) % 256}`);
}

function synth(props: SelectorlessIpServiceProps): any[] {
  const chart = new Chart(testApp(), 'test');
  new SelectorlessIpService(chart, 'fleet', props);
  return Testing.synth(chart);
}

/**
 * The elements that array scans visit while `f` runs: each call of a scanning Array method counts the length of the
 * array it scans (`slice` the elements it copies). A quadratic step (a scan of every address per address, or per
 * slice) shows as work that grows with the square of the addresses.
 */
function scannedElements(f: () => void): number {
  const scans = ['filter', 'find', 'findIndex', 'some', 'every', 'map', 'forEach', 'reduce', 'indexOf', 'includes', 'flatMap'] as const;
  const proto = Array.prototype as any;
  const saved = new Map<string, any>();
  let count = 0;
  for (const name of [...scans, 'slice']) saved.set(name, proto[name]);
  for (const name of scans) {
    const original = saved.get(name);
    proto[name] = function (this: unknown[], ...args: unknown[]) {
      count += this.length;
      return original.apply(this, args);
    };
  }
  const slice = saved.get('slice');
  proto.slice = function (this: unknown[], ...args: unknown[]) {
    const out = slice.apply(this, args);
    count += out.length;
    return out;
  };
  try {
    f();
  } finally {
    for (const [name, original] of saved) proto[name] = original;
  }
  return count;
}

describe('SelectorlessIpService limits', () => {
  describe('v1 Endpoints carry at most 1000 addresses', () => {
    test('1000 addresses: one Endpoints object with all of them, and ten slices', () => {
      // GIVEN
      const addresses = ipv4s(1000);

      // WHEN
      const objects = synth({ addresses, ports: HTTPS });

      // THEN
      const endpoints = objects.filter((o) => o.kind === 'Endpoints');
      expect(endpoints).toHaveLength(1);
      expect(endpoints[0].subsets).toHaveLength(1);
      expect(endpoints[0].subsets[0].addresses.map((a: any) => a.ip)).toEqual(addresses);
      expect(objects.filter((o) => o.kind === 'EndpointSlice').map((s) => s.endpoints.length)).toEqual(Array(10).fill(100));
    });

    test.each<[string, SelectorlessIpServiceProps, RegExp]>([
      ['EndpointSlicesAndEndpoints (the default)', {},
        /^SelectorlessIpService "test\/fleet": addresses\[1000\] "10\.0\.3\.233" is address 1001, one too many for the v1 Endpoints object that EndpointsMode\.ENDPOINT_SLICES_AND_ENDPOINTS writes \(Kubernetes never writes Endpoints of more than 1000 addresses\); set endpointsMode: EndpointsMode\.ENDPOINT_SLICES_ONLY/],
      ['EndpointsOnly', { endpointsMode: EndpointsMode.ENDPOINTS_ONLY },
        /addresses\[1000\] "10\.0\.3\.233" is one address too many for EndpointsMode\.ENDPOINTS_ONLY; the mirroring controller copies at most 1000/],
    ])('throws at the 1001st address with %s', (_name, props, message) => {
      expect(() => synth({ ...props, addresses: ipv4s(1001), ports: HTTPS })).toThrow(message);
    });

    test('throws when addAddress() brings the Endpoints to 1001 addresses', () => {
      // GIVEN
      const svc = new SelectorlessIpService(new Chart(testApp(), 'test'), 'fleet', { addresses: ipv4s(1000), ports: HTTPS });

      // WHEN / THEN
      expect(() => svc.addAddress('192.0.2.1')).toThrow(/addresses\[1000\] "192\.0\.2\.1" is address 1001, one too many/);
      expect(svc.addresses).toHaveLength(1000);
    });

    test('EndpointSlicesOnly takes 1001 addresses and more: slices only, no Endpoints', () => {
      // WHEN
      const objects = synth({ addresses: ipv4s(1001), ports: HTTPS, endpointsMode: EndpointsMode.ENDPOINT_SLICES_ONLY });

      // THEN
      expect(objects.filter((o) => o.kind === 'Endpoints')).toEqual([]);
      const slices = objects.filter((o) => o.kind === 'EndpointSlice');
      expect(slices.map((s) => s.endpoints.length)).toEqual([...Array(10).fill(100), 1]);
      expect(slices[10].metadata.name).toBe('fleet-ipv4-11');
    });
  });

  test('the largest objects it can write stay far below the API server\'s and etcd\'s request limits', () => {
    // GIVEN the longest of everything: 1000 IPv6 addresses of 39 characters with 63-character hostnames, 100 ports
    // with 15-character names and long appProtocols, a 63-character name
    const name = `s${'x'.repeat(62)}`;
    const ports = Array.from({ length: 100 }, (_, i) => ({
      name: `port-${String(i).padStart(10, '0')}`,
      port: 1000 + i,
      targetPort: 30000 + i,
      protocol: Protocol.TCP,
      appProtocol: `${['a', 'b', 'c'].map((c) => c.repeat(63)).join('.')}.${'d'.repeat(61)}/${'e'.repeat(63)}`,
    }));
    const chart = new Chart(testApp(), 'test', { namespace: 'n'.repeat(63) });
    const svc = new SelectorlessIpService(chart, 'fleet', { name, ports, headless: false, maxEndpointsPerSlice: 1000 });
    for (let i = 0; i < 1000; i++) {
      svc.addAddress(`2001:db8:1234:5678:9abc:def0:${(0x1000 + i).toString(16)}:ffff`, { hostname: `h${String(i).padStart(62, '0')}` });
    }

    // WHEN
    const sizes = Testing.synth(chart).map((o) => [o.kind, Buffer.byteLength(JSON.stringify(o))]);

    // THEN every object is below 256 KiB: even client-side `kubectl apply`, which copies the object into an
    // annotation of at most 256 KiB, can apply it (etcd takes 1.5 MiB, the API server 3 MiB)
    expect(sizes.map(([kind]) => kind)).toEqual(['Service', 'Endpoints', 'EndpointSlice']);
    for (const [, bytes] of sizes) expect(bytes).toBeLessThan(256 * 1024);
  });

  describe('work grows linearly with the addresses', () => {
    const work = (n: number, props: SelectorlessIpServiceProps) => scannedElements(() => synth({ ...props, addresses: ipv4s(n), ports: HTTPS }));

    test.each<[string, SelectorlessIpServiceProps]>([
      ['SingleStack (each address was checked against every address before it)', { ipFamilyPolicy: IpFamilyPolicy.SINGLE_STACK, endpointsMode: EndpointsMode.ENDPOINT_SLICES_ONLY }],
      ['default policy (each slice filtered every address)', { endpointsMode: EndpointsMode.ENDPOINT_SLICES_ONLY }],
    ])('twice the addresses take about twice the work: %s', (_name, props) => {
      const small = work(5000, props);
      const large = work(10000, props);
      expect(large / small).toBeLessThan(2.5);
    });

    test('100,000 addresses synthesize with a bounded number of array elements visited per address', () => {
      let objects: any[] = [];
      const visited = scannedElements(() => {
        objects = synth({
          addresses: ipv4s(100_000), ports: HTTPS, ipFamilyPolicy: IpFamilyPolicy.SINGLE_STACK, endpointsMode: EndpointsMode.ENDPOINT_SLICES_ONLY,
        });
      });
      expect(objects.filter((o) => o.kind === 'EndpointSlice')).toHaveLength(1000);
      // about 26 here (cdk8s resolving and copying the objects); the quadratic steps made it 51,000
      expect(visited / 100_000).toBeLessThan(100);
    }, 60_000);
  });
});
