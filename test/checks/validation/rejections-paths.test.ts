// The validators check with the allocation-free valid* scans first and build paths and messages only for invalid
// values. These cases walk the branches that changed and pin the exact field paths and texts.
import { endpointSliceRejections, endpointsRejections } from '../../../src/checks/validation/endpoints';
import { renderFieldError } from '../../../src/checks/validation/field';
import { serviceRejections } from '../../../src/checks/validation/service';
import { statefulSetRejections } from '../../../src/checks/validation/stateful-set';

const rendered = (errs: { list: readonly any[] }) => errs.list.map(renderFieldError);

describe('Endpoints', () => {
  const ep = (subsets: unknown[]) => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web' }, subsets });

  test('reports nothing for a valid object', () => {
    expect(rendered(endpointsRejections(ep([{ addresses: [{ ip: '10.1.2.3', hostname: 'a', nodeName: 'node-1.zone' }], ports: [{ port: 80 }] }])))).toEqual([]);
  });

  test('names every address field with its list and index', () => {
    const errs = rendered(endpointsRejections(ep([{ ports: [{ port: 80 }] }, {
      addresses: [{ ip: '10.1.2.3' }, { ip: '127.0.0.1', hostname: 'A.b', nodeName: 7 }],
      notReadyAddresses: ['10.1.2.4', { ip: '010.1.2.5', hostname: 5, nodeName: 'Node_1' }],
      ports: [{ name: 'Http', port: 0, appProtocol: 'a/b/c' }, { port: 70000 }],
    }])));
    expect(errs).toEqual([
      'subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`',
      'subsets[1].addresses[1].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      expect.stringMatching(/^subsets\[1\].addresses\[1\].hostname: Invalid value: "A.b": a lowercase RFC 1123 label must consist of/),
      'subsets[1].addresses[1].nodeName: Invalid value: 7: must be a string',
      'subsets[1].notReadyAddresses[0]: Invalid value: "10.1.2.4": must be an object with ip',
      'subsets[1].notReadyAddresses[1].ip: Invalid value: "010.1.2.5": must not have leading 0s',
      'subsets[1].notReadyAddresses[1].hostname: Invalid value: 5: must be a string',
      expect.stringMatching(/^subsets\[1\].notReadyAddresses\[1\].nodeName: Invalid value: "Node_1": a lowercase RFC 1123 subdomain/),
      expect.stringMatching(/^subsets\[1\].ports\[0\].name: Invalid value: "Http": a lowercase RFC 1123 label/),
      'subsets[1].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      expect.stringMatching(/^subsets\[1\].ports\[0\].appProtocol: Invalid value: "a\/b\/c": a qualified name must consist of/),
      'subsets[1].ports[1].name: Required value: every port needs a name when a subset has more than one port',
      'subsets[1].ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
  });
});

describe('EndpointSlice', () => {
  const slice = (addressType: string, endpoints: unknown[], ports: unknown[] = [], name = 'web-1') =>
    ({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name }, addressType, endpoints, ports });

  test('reports nothing for a valid object', () => {
    expect(rendered(endpointSliceRejections(slice('IPv4', [{ addresses: ['10.1.2.3'], hostname: 'a', nodeName: 'n.z', hints: { forZones: [{ name: 'eu-1a' }] } }], [{ name: 'http', port: 80 }])))).toEqual([]);
  });

  test('names the endpoint, hint and port fields', () => {
    const errs = rendered(endpointSliceRejections(slice('IPv4', [
      { addresses: ['2001:db8::1'], hostname: 'a.b', nodeName: ['n'], hints: { forZones: [{ name: 'eu 1a' }, { name: 'eu 1a' }] } },
      { addresses: ['10.1.2.3'], hostname: 3 },
    ], [{ name: 'Http' }, { name: 'Http', port: 1.5 }], 'Web')));
    expect(errs).toEqual([
      expect.stringMatching(/^metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain/),
      'endpoints[0].addresses[0]: Invalid value: "2001:db8::1": must be an IPv4 address',
      expect.stringMatching(/^endpoints\[0\].hostname: Invalid value: "a.b": a lowercase RFC 1123 label/),
      'endpoints[0].nodeName: Invalid value: ["n"]: must be a string',
      expect.stringMatching(/^endpoints\[0\].hints.forZones\[0\].name: Invalid value: "eu 1a": a valid label must be an empty string/),
      expect.stringMatching(/^endpoints\[0\].hints.forZones\[1\].name: Invalid value: "eu 1a": a valid label must be an empty string/),
      'endpoints[0].hints.forZones[1].name: Duplicate value: "eu 1a": zones must be unique',
      'endpoints[1].hostname: Invalid value: 3: must be a string',
      expect.stringMatching(/^ports\[0\].name: Invalid value: "Http": a lowercase RFC 1123 label/),
      expect.stringMatching(/^ports\[1\].name: Invalid value: "Http": a lowercase RFC 1123 label/),
      'ports[1].name: Duplicate value: "Http": port names must be unique within a slice (including "")',
      'ports[1].port: Invalid value: 1.5: must be an integer',
    ]);
  });

  test('checks FQDN addresses as subdomains', () => {
    expect(rendered(endpointSliceRejections(slice('FQDN', [{ addresses: ['db.example.com.', 'DB.example.com', 'db'] }])))).toEqual([
      expect.stringMatching(/^endpoints\[0\].addresses\[1\]: Invalid value: "DB.example.com": a lowercase RFC 1123 subdomain/),
      'endpoints[0].addresses[2]: Invalid value: "db": should be a domain with at least two segments separated by dots',
    ]);
  });
});

describe('Service', () => {
  const svc = (spec: object, name = 'web') => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });

  test('reports nothing for a valid object with several ports', () => {
    expect(rendered(serviceRejections(svc({ selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', appProtocol: 'kubernetes.io/h2c' }, { name: 'https', port: 443, targetPort: 8443 }] })))).toEqual([]);
  });

  test('names every port field', () => {
    const errs = rendered(serviceRejections(svc({ ports: [{ name: 'Http', port: 80, targetPort: 'HTTP', appProtocol: '/x' }, { name: 'b', port: 81, targetPort: 70000 }] }, 'Web')));
    expect(errs).toEqual([
      expect.stringMatching(/^metadata.name: Invalid value: "Web": a DNS-1035 label/),
      expect.stringMatching(/^spec.ports\[0\].name: Invalid value: "Http": a lowercase RFC 1123 label/),
      'spec.ports[0].targetPort: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.ports[0].targetPort: Invalid value: "HTTP": must contain at least one letter (a-z)',
      'spec.ports[0].appProtocol: Invalid value: "/x": prefix part must be non-empty',
      'spec.ports[1].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
  });

  test('checks labels, annotations and the namespace of the metadata', () => {
    const errs = rendered(serviceRejections({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'Team', labels: { 'a/b/c': 'x', 'ok': 'not ok', 'n': 1 }, annotations: { 'Example.com/key': '', 'bad key': '' } }, spec: { ports: [{ port: 80 }] } }));
    expect(errs).toEqual([
      expect.stringMatching(/^metadata.namespace: Invalid value: "Team": a lowercase RFC 1123 label/),
      expect.stringMatching(/^metadata.labels: Invalid value: "a\/b\/c": a qualified name must consist of/),
      expect.stringMatching(/^metadata.labels: Invalid value: "not ok": a valid label must be an empty string/),
      'metadata.labels: Invalid value: 1: label "n" must have a string value',
      expect.stringMatching(/^metadata.annotations: Invalid value: "bad key": name part must consist of/),
    ]);
  });
});

test('StatefulSet names are DNS-1123 labels', () => {
  const sts = (name: string) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name }, spec: { selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } } } } });
  expect(rendered(statefulSetRejections(sts('db')))).toEqual([]);
  expect(rendered(statefulSetRejections(sts('db.0')))).toEqual([expect.stringMatching(/^metadata.name: Invalid value: "db.0": a lowercase RFC 1123 label/)]);
});
