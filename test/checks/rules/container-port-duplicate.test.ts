/**
 * container-port-duplicate: the API server's warnings on container ports beyond duplicate names and definitions
 * (pkg/api/pod/warnings.go warningsForPodSpecAndMeta): "hostIP set without hostPort", "overlapping port definition"
 * and "dangerously ambiguous port definition", and the ports that get none of them.
 */
import { containerPortDuplicate } from '../../../src/checks/rules/container-port-duplicate';
import { containerPortInvalid } from '../../../src/checks/rules/container-port-invalid';
import { containerPortWarnings } from '../../../src/checks/validation/container-ports';
import { messages } from '../builders';

type Obj = { [key: string]: any };

/** A Deployment "web" whose containers declare `ports` (one list per container); `podSpec` adds pod spec fields. */
function deploy(ports: Obj[][], podSpec: Obj = {}): Obj {
  const containers = ports.map((p, i) => ({ name: `c${i}`, image: 'example/web:1', ports: p }));
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers, ...podSpec } } },
  };
}

/** A Pod "p" whose containers declare `ports`. */
function pod(ports: Obj[][], podSpec: Obj = {}): Obj {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: ports.map((p, i) => ({ name: `c${i}`, image: 'i', ports: p })), ...podSpec } };
}

const T = 'spec.template.spec';

describe('container-port-duplicate: host bindings', () => {
  test.each<[string, Obj, RegExp[]]>([
    ['a hostIP without hostPort', deploy([[{ name: 'metrics', containerPort: 9100, hostIP: '127.0.0.1' }]]),
      [/^Deployment "web": spec\.template\.spec\.containers\[0\]\.ports\[0\]: hostIP set without hostPort: \{Name:metrics HostPort:0 ContainerPort:9100 Protocol:TCP HostIP:127\.0\.0\.1\} \(the API server accepts it with this warning\)\. Fix: remove hostIP: without a hostPort the port is not published on the node/]],
    ['a hostIP with hostPort 0 on a Pod', pod([[{ containerPort: 53, protocol: 'UDP', hostPort: 0, hostIP: '10.0.0.1' }]]),
      [/^Pod "p": spec\.containers\[0\]\.ports\[0\]: hostIP set without hostPort: \{Name: HostPort:0 ContainerPort:53 Protocol:UDP HostIP:10\.0\.0\.1\}/]],
    ['one port with and one without a hostPort in two containers', deploy([[{ containerPort: 8080, hostPort: 80 }], [{ containerPort: 8080 }]]),
      [new RegExp(`${T}\\.containers\\[1\\]\\.ports\\[0\\]: overlapping port definition with ${T}\\.containers\\[0\\]\\.ports\\[0\\] \\(the API server accepts it with this warning\\)\\. Fix: declare the port once`)]],
    ['one port without and one with a hostPort in one container', deploy([[{ name: 'a', containerPort: 8080 }, { name: 'b', containerPort: 8080, hostPort: 80 }]]),
      [/containers\[0\]\.ports\[1\]: overlapping port definition with spec\.template\.spec\.containers\[0\]\.ports\[0\]/]],
    ['a hostPort in an init container and none in a container', deploy([[{ containerPort: 8080 }]], { initContainers: [{ name: 'init', image: 'i', ports: [{ containerPort: 8080, hostPort: 80 }] }] }),
      [/containers\[0\]\.ports\[0\]: overlapping port definition with spec\.template\.spec\.initContainers\[0\]\.ports\[0\]/]],
    ['two hostIPs without hostPort', deploy([[{ containerPort: 8080, hostIP: '10.0.0.1' }], [{ containerPort: 8080, hostIP: '10.0.0.2' }]]),
      [/containers\[0\]\.ports\[0\]: hostIP set without hostPort/, /containers\[1\]\.ports\[0\]: hostIP set without hostPort/,
        /containers\[1\]\.ports\[0\]: overlapping port definition with spec\.template\.spec\.containers\[0\]\.ports\[0\]/]],
    ['one hostPort on all addresses and on one hostIP', deploy([[{ containerPort: 53, protocol: 'UDP', hostPort: 53 }], [{ containerPort: 53, protocol: 'UDP', hostPort: 53, hostIP: '10.0.0.1' }]]),
      [/containers\[1\]\.ports\[0\]: dangerously ambiguous port definition with spec\.template\.spec\.containers\[0\]\.ports\[0\] \(the API server accepts it with this warning\)\. Fix: bind the hostPort on the same hostIP/]],
    ['one hostPort on one hostIP, then on all addresses, on a Pod', pod([[{ containerPort: 53, hostPort: 53, hostIP: '10.0.0.1' }, { containerPort: 53, hostPort: 53 }]]),
      [/^Pod "p": spec\.containers\[0\]\.ports\[1\]: dangerously ambiguous port definition with spec\.containers\[0\]\.ports\[0\]/]],
    // SetDefaults_Pod gives the container's port hostPort 8080 too: the same binding, not an overlap
    ['an init container\'s hostPort and a container\'s defaulted one on a hostNetwork Pod', pod([[{ containerPort: 8080 }]], { hostNetwork: true, initContainers: [{ name: 'init', image: 'i', ports: [{ containerPort: 8080, hostPort: 8080 }] }] }),
      [/^Pod "p": spec\.containers\[0\]\.ports\[0\]: duplicate port definition with spec\.initContainers\[0\]\.ports\[0\]/]],
  ])('reports %s', (_case, object, expected) => {
    const found = messages(containerPortDuplicate, [object]);
    expect(found).toHaveLength(expected.length);
    expected.forEach((re, i) => expect(found[i]).toMatch(re));
  });

  test.each<[string, Obj]>([
    ['53/TCP and 53/UDP (a DNS server)', deploy([[{ name: 'dns-tcp', containerPort: 53 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }]])],
    ['53/TCP and 53/UDP, each with hostPort 53', deploy([[{ name: 'dns-tcp', containerPort: 53, hostPort: 53 }, { name: 'dns', containerPort: 53, protocol: 'UDP', hostPort: 53 }]])],
    ['one containerPort on two hostPorts', deploy([[{ name: 'a', containerPort: 8080, hostPort: 80 }, { name: 'b', containerPort: 8080, hostPort: 8080 }]])],
    ['one hostPort on two hostIPs', deploy([[{ containerPort: 53, hostPort: 53, hostIP: '10.0.0.1' }], [{ containerPort: 53, hostPort: 53, hostIP: '10.0.0.2' }]])],
    ['a hostIP with a hostPort', deploy([[{ containerPort: 9100, hostPort: 9100, hostIP: '127.0.0.1' }]])],
    // SetDefaults_Pod sets hostPort to containerPort before the warnings are made
    ['a hostIP without hostPort on a Pod with hostNetwork', pod([[{ containerPort: 9100, hostIP: '127.0.0.1' }]], { hostNetwork: true })],
  ])('reports nothing for %s', (_case, object) => {
    expect(messages(containerPortDuplicate, [object])).toEqual([]);
  });

  test('two containers of a hostNetwork template on one port, one hostPort written: a host-port conflict of the pods (container-port-invalid), no warning', () => {
    const object = deploy([[{ containerPort: 8080, hostPort: 8080 }], [{ containerPort: 8080 }]], { hostNetwork: true });
    expect(messages(containerPortDuplicate, [object])).toEqual([]);
    expect(messages(containerPortInvalid, [object])).toEqual([expect.stringMatching(/containers\[1\]\.ports\[0\]\.hostPort: Duplicate value: "TCP\/\/8080"/)]);
  });

  test('one warning per port, in linear time, for 5,000 hostIPs sharing the hostPort of a port on all addresses', () => {
    const ports = [{ containerPort: 53, hostPort: 53 }, ...Array.from({ length: 5000 }, (_, i) => ({ containerPort: 53, hostPort: 53, hostIP: `10.0.${Math.floor(i / 256)}.${i % 256}` }))];
    const warnings = containerPortWarnings(deploy([ports]), 'Deployment');
    expect(warnings).toHaveLength(5000);
    expect(new Set(warnings.map((w) => w.detail))).toEqual(new Set([`dangerously ambiguous port definition with ${T}.containers[0].ports[0]`]));
  });

  test('no warnings for 5,000 ports of one containerPort on 5,000 hostPorts', () => {
    const ports = Array.from({ length: 5000 }, (_, i) => ({ containerPort: 8080, hostPort: 20000 + i }));
    expect(containerPortWarnings(deploy([ports]), 'Deployment')).toEqual([]);
  });
});
