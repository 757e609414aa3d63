import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as lib from '../src';
import { testApp } from './test-app';
import { Protocol, ServicePort } from '../src/service-port';
import { resolveServicePorts } from '../src/service-port-internal';

class Owner extends Construct {}

function owner(): Owner {
  return new Owner(new Chart(testApp(), 'test'), 'svc');
}

describe('Protocol', () => {
  test('has the API server\'s case-sensitive values', () => {
    expect(Object.values(Protocol)).toEqual(['TCP', 'UDP', 'SCTP']);
  });
});

describe('resolveServicePorts', () => {
  test('fills in TCP and targetPort = port for a single unnamed port', () => {
    // WHEN
    const ports = resolveServicePorts(owner(), [{ port: 5432 }]);

    // THEN
    expect(ports).toEqual([{ port: 5432, name: undefined, protocol: Protocol.TCP, targetPort: 5432, appProtocol: undefined }]);
  });

  test('keeps every given field', () => {
    // WHEN
    const ports = resolveServicePorts(owner(), [
      { name: 'https', port: 443, targetPort: 8443, protocol: Protocol.TCP, appProtocol: 'kubernetes.io/h2c' },
      { name: 'dns', port: 53, protocol: Protocol.UDP },
      { name: 'sig', port: 3868, protocol: Protocol.SCTP },
    ]);

    // THEN
    expect(ports).toEqual([
      { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' },
      { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP', appProtocol: undefined },
      { name: 'sig', port: 3868, targetPort: 3868, protocol: 'SCTP', appProtocol: undefined },
    ]);
  });

  test('returns nothing for no ports', () => {
    expect(resolveServicePorts(owner(), [])).toEqual([]);
  });

  test.each<[string, ServicePort[]]>([
    ['the same port on TCP and UDP', [{ name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: Protocol.UDP }]],
    ['the bounds of the port range', [{ name: 'low', port: 1 }, { name: 'high', port: 65535, targetPort: 1 }]],
    ['a port name with a leading digit', [{ name: '8080-http', port: 8080 }]],
    ['a port name longer than 15 characters', [{ name: 'a-very-long-port-name', port: 8080 }]],
  ])('accepts %s', (_, ports) => {
    expect(() => resolveServicePorts(owner(), ports)).not.toThrow();
  });

  test.each<[string, ServicePort[], RegExp]>([
    ['port is 0', [{ port: 0 }], /ports\[0\]\.port "0" is out of range; a port is an integer from 1 to 65535\.$/],
    ['port is 65536', [{ port: 65536 }], /ports\[0\]\.port "65536" is out of range/],
    ['port is negative', [{ port: -1 }], /ports\[0\]\.port "-1" is out of range/],
    ['port is a fraction', [{ port: 80.5 }], /ports\[0\]\.port "80\.5" is out of range/],
    ['port is NaN', [{ port: NaN }], /ports\[0\]\.port "NaN" is out of range/],
    ['targetPort is 0', [{ port: 80, targetPort: 0 }], /ports\[0\]\.targetPort "0" is out of range/],
    ['targetPort is 70000', [{ port: 80, targetPort: 70000 }], /ports\[0\]\.targetPort "70000" is out of range/],
    ['protocol is lower case', [{ port: 80, protocol: 'tcp' as Protocol }],
      /ports\[0\]\.protocol "tcp" is not supported; use Protocol\.TCP, Protocol\.UDP or Protocol\.SCTP\.$/],
    ['protocol is unknown', [{ port: 80, protocol: 'HTTP' as Protocol }], /ports\[0\]\.protocol "HTTP" is not supported/],
    ['a name has upper case', [{ name: 'HTTP', port: 80 }],
      /ports\[0\]\.name "HTTP" is not a DNS-1123 label .*; port names must be DNS-1123 labels such as "https"\.$/],
    ['a name has a dot', [{ name: 'web.http', port: 80 }], /ports\[0\]\.name "web\.http" is not a DNS-1123 label/],
    ['a name is empty', [{ name: '', port: 80 }], /ports\[0\]\.name "" is empty/],
    ['a name is 64 characters long', [{ name: 'a'.repeat(64), port: 80 }], /is 64 characters long; a DNS-1123 label has at most 63/],
    ['two ports share a name', [{ name: 'http', port: 80 }, { name: 'http', port: 8080 }],
      /ports\[1\]\.name "http" is used by more than one port; port names must be unique\.$/],
    ['the first of two ports has no name', [{ port: 80 }, { name: 'https', port: 443 }],
      /ports\[0\] has no name; every port needs a unique name when a Service has more than one port\.$/],
    ['the second of two ports has no name', [{ name: 'http', port: 80 }, { port: 443 }], /ports\[1\] has no name/],
    ['two ports repeat a port and protocol', [{ name: 'a', port: 80 }, { name: 'b', port: 80, protocol: Protocol.TCP }],
      /ports\[1\] repeats port 80\/TCP; each \(port, protocol\) pair must be unique\.$/],
    ['appProtocol has a space', [{ port: 80, appProtocol: 'my proto' }],
      /ports\[0\]\.appProtocol "my proto" has a name part .*; use a name such as "http" or "kubernetes\.io\/h2c"\.$/],
    ['appProtocol has two slashes', [{ port: 80, appProtocol: 'a/b/c' }], /ports\[0\]\.appProtocol "a\/b\/c" has more than one '\/'/],
  ])('throws when %s', (_, ports, expected) => {
    expect(() => resolveServicePorts(owner(), ports)).toThrow(expected);
  });

  test('names the construct and the prop in errors', () => {
    expect(() => resolveServicePorts(owner(), [{ port: 0 }], 'servicePorts'))
      .toThrow(/^Owner "test\/svc": servicePorts\[0\]\.port "0" is out of range/);
  });
});

describe('the public API', () => {
  test('does not export the internal port resolution', () => {
    expect(Object.keys(lib)).not.toContain('resolveServicePorts');
    expect(lib.Protocol.TCP).toBe('TCP');
  });
});
