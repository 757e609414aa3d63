import { endpointPortMismatch } from '../../../src/checks/rules/endpoint-port-mismatch';
import { endpoints, messages, run, runAll, selectorlessTrio, slice } from '../builders';

const svc = (ports: object[]) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { ports } });

describe('endpoint-port-mismatch', () => {
  test('reports nothing when names and protocols agree', () => {
    expect(run(endpointPortMismatch, selectorlessTrio())).toEqual([]);
  });

  test('reports nothing for a single unnamed port on both sides', () => {
    expect(run(endpointPortMismatch, [svc([{ port: 443 }]), slice('ext-1', 'ext', undefined, [{ port: 8443 }])])).toEqual([]);
  });

  test('reports a slice port named differently from the Service port', () => {
    const found = run(endpointPortMismatch, [svc([{ name: 'https', port: 443 }]), slice('ext-1', 'ext', undefined, [{ name: 'tls', port: 443 }])]);
    expect(found[0]).toMatchObject({ level: 'error', resource: 'EndpointSlice/default/ext-1' });
    expect(found[0].message).toMatch(/Service port "https"\/TCP has no endpoint port named "https" \(endpoint ports: "tls"\/TCP\).*Fix: name the slice port exactly like the Service port/);
  });

  test('reports an unnamed Endpoints port for a named Service port', () => {
    const msgs = messages(endpointPortMismatch, [svc([{ name: 'https', port: 443 }]), endpoints('ext', undefined, [{ port: 443 }])]);
    expect(msgs[0]).toMatch(/Endpoints "ext": Service port "https"\/TCP has no endpoint port named "https" \(endpoint ports: \(unnamed\)\/TCP\)/);
  });

  test.each<[string, object]>([
    ['no subsets', {}],
    ['an empty subsets list', { subsets: [] }],
  ])('reports nothing for Endpoints with %s (a placeholder filled at run time, as gateway-api conformance httproute-service-types)', (_case, body) => {
    const ep = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ext' }, ...body };
    expect(run(endpointPortMismatch, [svc([{ name: 'first-port', protocol: 'TCP', port: 8080, targetPort: 3000 }]), ep])).toEqual([]);
  });

  test('reports nothing for EndpointSlices that list no endpoint (a placeholder, as address-less Endpoints); a slice with one is judged', () => {
    const empty = { ...slice('ext-1', 'ext', [], []), endpoints: [] };
    expect(run(endpointPortMismatch, [svc([{ name: 'http', port: 80 }]), empty])).toEqual([]);
    const filled = slice('ext-2', 'ext', ['203.0.113.10'], []);
    expect(run(endpointPortMismatch, [svc([{ name: 'http', port: 80 }]), empty, filled]).map((f) => f.level)).toEqual(['error']);
  });

  test('reports Endpoints whose addresses come without the named port', () => {
    const ep = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ext' }, subsets: [{ addresses: [{ ip: '203.0.113.10' }] }] };
    const msgs = messages(endpointPortMismatch, [svc([{ name: 'first-port', port: 8080 }]), ep]);
    expect(msgs).toEqual([expect.stringMatching(/Endpoints "ext": Service port "first-port"\/TCP has no endpoint port named "first-port" \(endpoint ports: none\)/)]);
  });

  test('reports nothing when the Service ports are split across slices', () => {
    const objs = [
      svc([{ name: 'http', port: 80 }, { name: 'https', port: 443 }]),
      slice('ext-http', 'ext', undefined, [{ name: 'http', port: 80 }]),
      slice('ext-https', 'ext', undefined, [{ name: 'https', port: 443 }]),
    ];
    expect(run(endpointPortMismatch, objs)).toEqual([]);
  });

  test('reports nothing when the Service ports are split across Endpoints subsets', () => {
    const ep = endpoints('ext', undefined, [{ name: 'http', port: 80 }]);
    ep.subsets.push({ addresses: [{ ip: '203.0.113.11' }], ports: [{ name: 'https', port: 443 }] });
    expect(run(endpointPortMismatch, [svc([{ name: 'http', port: 80 }, { name: 'https', port: 443 }]), ep])).toEqual([]);
  });

  test('reports a Service port missing from the union of all slices, once', () => {
    const msgs = messages(endpointPortMismatch, [
      svc([{ name: 'http', port: 80 }, { name: 'https', port: 443 }, { name: 'admin', port: 9000 }]),
      slice('ext-http', 'ext', undefined, [{ name: 'http', port: 80 }]),
      slice('ext-https', 'ext', undefined, [{ name: 'https', port: 443 }]),
    ]);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(/EndpointSlices "ext-http", "ext-https" for Service "ext": Service port "admin"\/TCP has no endpoint port named "admin"/);
  });

  test('reports a slice port whose name matches no Service port', () => {
    const msgs = messages(endpointPortMismatch, [
      svc([{ name: 'http', port: 80 }]),
      slice('ext-1', 'ext', undefined, [{ name: 'http', port: 80 }, { name: 'metrics', port: 9090 }]),
    ]);
    expect(msgs).toEqual([expect.stringMatching(/EndpointSlice "ext-1" for Service "ext": endpoint port "metrics"\/TCP matches no Service port \(Service ports: "http"\/TCP\)/)]);
  });

  test('reports a protocol disagreement', () => {
    const msgs = messages(endpointPortMismatch, [svc([{ name: 'dns', port: 53, protocol: 'UDP' }]), slice('ext-1', 'ext', undefined, [{ name: 'dns', port: 53, protocol: 'TCP' }])]);
    expect(msgs[0]).toMatch(/has protocol UDP but the endpoint port is TCP/);
  });

  test('names the slices of a Service sorted by name, on the first one', () => {
    const found = run(endpointPortMismatch, [
      svc([{ name: 'http', port: 80 }, { name: 'admin', port: 9000 }]),
      slice('ext-b', 'ext', undefined, [{ name: 'http', port: 80 }]),
      slice('ext-a', 'ext', undefined, [{ name: 'http', port: 80, protocol: 'UDP' }]),
    ]);
    expect(found).toHaveLength(1);
    expect(found[0].resource).toBe('EndpointSlice/default/ext-a');
    expect(found[0].message).toMatch(/^EndpointSlices "ext-a", "ext-b" for Service "ext": Service port "admin"\/TCP has no endpoint port named "admin" \(endpoint ports: "http"\/UDP, "http"\/TCP\)/);
  });

  test('reports a stray Endpoints port by its subset, once per name and protocol', () => {
    const ep = endpoints('ext', undefined, [{ name: 'http', port: 80 }]);
    ep.subsets.push({ addresses: [{ ip: '203.0.113.11' }], ports: [{ name: 'metrics', port: 9090 }, { name: 'metrics', port: 9091 }, 'junk'] });
    const msgs = messages(endpointPortMismatch, [svc([{ name: 'http', port: 80 }]), ep]);
    expect(msgs).toEqual([expect.stringMatching(/^Endpoints "ext" subset 1: endpoint port "metrics"\/TCP matches no Service port \(Service ports: "http"\/TCP\)/)]);
  });

  describe('headless Service (kube-proxy skips it; DNS answers from the endpoint ports)', () => {
    // real-logic/benchmarks: a selectorless headless Service whose slice, applied by a script, names its port '' / UDP
    // ("Port/protocol is irrelevant as this is a headless service"); pods reach aeron-benchmark-0.aeron-benchmark-md.
    const headless = (ports: object[]) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'md' }, spec: { clusterIP: 'None', ports } });
    const hostSlice = (ports: object[]) => slice('md-1', 'md', ['192.168.100.10'], ports, { endpoints: [{ addresses: ['192.168.100.10'], hostname: 'bench-0' }] });
    const ingress = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web' },
      spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'md', port: { number: 10000 } } } }] } }] },
    };

    test.each([
      ['a slice port named differently', [hostSlice([{ name: '', port: 10000, protocol: 'UDP' }])], /^EndpointSlice "md-1" for Service "md": Service port "aeron"\/TCP has no endpoint port named "aeron" \(endpoint ports: \(unnamed\)\/UDP\)\. Service "md" is headless, so kube-proxy does not route it and cluster DNS publishes the endpoint addresses whatever the ports are called .*clients that connect to those addresses work; only an Ingress, Gateway API route, mesh or ServiceMonitor that picks endpoints by Service port finds none\. Fix: name the slice port/],
      ['an unnamed Endpoints port', [endpoints('md', ['192.168.100.10'], [{ port: 10000 }])], /^Endpoints "md": Service port "aeron"\/TCP has no endpoint port named "aeron" .*Service "md" is headless/],
      ['a stray slice port', [hostSlice([{ name: 'aeron', port: 10000 }, { name: 'metrics', port: 9090 }])], /^EndpointSlice "md-1" for Service "md": endpoint port "metrics"\/TCP matches no Service port .*Service "md" is headless.*only an Ingress, Gateway API route, mesh or ServiceMonitor that picks endpoints by Service port ignores it\. Fix:/],
    ])('reports %s of a headless Service as info', (_name, extra, message) => {
      const found = run(endpointPortMismatch, [headless([{ name: 'aeron', port: 10000 }]), ...extra]);
      expect(found).toHaveLength(1);
      expect(found[0].level).toBe('info');
      expect(found[0].message).toMatch(message);
    });

    test('reports as info a named Endpoints port for the unnamed port of a headless Service', () => {
      // ardanlabs/service zarf/k8s/dev/database/dev-database-external.yaml: the app reaches database-service.sales-system:5432
      const found = run(endpointPortMismatch, [headless([{ port: 5432 }]), endpoints('md', ['192.168.86.155'], [{ port: 5432, name: 'md' }])]);
      expect(found).toEqual([expect.objectContaining({ level: 'info', resource: 'Endpoints/default/md' })]);
      expect(found[0].message).toMatch(/^Endpoints "md": Service port \(unnamed\)\/TCP has no endpoint port named "" \(unnamed\) \(endpoint ports: "md"\/TCP\)\. Service "md" is headless/);
    });

    test('reports an error when an Ingress sends traffic to the headless Service (its controller matches ports as kube-proxy does)', () => {
      const found = run(endpointPortMismatch, [headless([{ name: 'aeron', port: 10000 }]), hostSlice([{ name: '', port: 10000, protocol: 'UDP' }]), ingress]);
      expect(found).toHaveLength(1);
      expect(found[0].level).toBe('error');
      expect(found[0].message).toMatch(/has no endpoint port named "aeron" \(endpoint ports: \(unnamed\)\/UDP\), so that Service port gets no traffic\. Fix:/);
    });

    test('reports an error when a ServiceMonitor selects the headless Service (prometheus-operator keeps targets by endpoint port name)', () => {
      const labelled = { ...headless([{ name: 'aeron', port: 10000 }]), metadata: { name: 'md', labels: { app: 'md' } } };
      const monitor = (matchLabels: object) => ({
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata: { name: 'md', namespace: 'monitoring' },
        spec: { selector: { matchLabels }, namespaceSelector: { matchNames: ['default'] }, endpoints: [{ port: 'aeron' }] },
      });
      const broken = hostSlice([{ name: '', port: 10000, protocol: 'UDP' }]);
      expect(run(endpointPortMismatch, [labelled, broken, monitor({ app: 'md' })])).toEqual([expect.objectContaining({ level: 'error', message: expect.stringMatching(/so that Service port gets no traffic\. Fix:/) })]);
      // a ServiceMonitor of other Services leaves it an info
      expect(run(endpointPortMismatch, [labelled, broken, monitor({ app: 'other' })])).toEqual([expect.objectContaining({ level: 'info' })]);
    });
  });
  describe('Cilium Ingress Services', () => {
    /** A LoadBalancer Service in the shape of the Cilium chart's ingress Service, with its placeholder Endpoints. */
    const ingressLb = (labels: object) => [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'edge', namespace: 'net', labels },
        spec: { type: 'LoadBalancer', ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: null }, { name: 'https', port: 443, protocol: 'TCP', nodePort: null }] },
      },
      { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'edge', namespace: 'net' }, subsets: [{ addresses: [{ ip: '192.192.192.192' }], ports: [{ port: 9999 }] }] },
    ];

    test.each<[string, object, string[]]>([
      ['labelled cilium.io/ingress: "true" (Cilium sends its traffic to Envoy): nothing', { 'cilium.io/ingress': 'true' }, []],
      ['without the label: both Service ports reported', { 'app.kubernetes.io/part-of': 'edge' }, ['error', 'error']],
      ['labelled cilium.io/ingress: "false": both Service ports reported', { 'cilium.io/ingress': 'false' }, ['error', 'error']],
    ])('a placeholder Endpoints of a Service %s', (_case, labels, levels) => {
      expect(run(endpointPortMismatch, ingressLb(labels)).map((f) => f.level)).toEqual(levels);
    });
  });

  // a selectorless Service of 3,000 ports and Endpoints of 2,000 ports that match none: each finding listed all 2,000
  // endpoint ports, and the rule built one per Service port before the engine folded them
  test('builds only the findings it lists, each listing 20 endpoint ports, for a Service of 3,000 ports and Endpoints of 2,000', () => {
    const objs = [
      svc(Array.from({ length: 3000 }, (_, i) => ({ name: `s${i}`, port: i + 1 }))),
      endpoints('ext', undefined, Array.from({ length: 2000 }, (_, i) => ({ name: `e${i}`, port: i + 1 }))),
    ];
    const found = run(endpointPortMismatch, objs);
    expect(found).toHaveLength(101);
    expect(found[0].message).toMatch(/Service port "s0"\/TCP has no endpoint port named "s0" \(endpoint ports: "e0"\/TCP, .*, "e19"\/TCP and 1980 more\)/);
    expect(Math.max(...found.map((f) => f.message.length))).toBeLessThan(1000);
    expect(found.filter((f) => f.folded !== undefined)).toEqual([expect.objectContaining({ level: 'error', folded: 2900 })]);
    expect(runAll(endpointPortMismatch, objs)).toHaveLength(3000);
  });
});
