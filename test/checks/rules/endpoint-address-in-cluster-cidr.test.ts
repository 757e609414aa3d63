import { endpointAddressInClusterCidr } from '../../../src/checks/rules/endpoint-address-in-cluster-cidr';
import { endpoints, messages, run, selectorlessTrio, slice } from '../builders';

const svc = selectorlessTrio('ext')[0];

describe('endpoint-address-in-cluster-cidr', () => {
  test('reports nothing for addresses outside the cluster ranges', () => {
    expect(run(endpointAddressInClusterCidr, selectorlessTrio())).toEqual([]);
  });

  test('reports a ClusterIP in an EndpointSlice (CVE-2021-25740): an error when the service CIDR is given', () => {
    const found = run(endpointAddressInClusterCidr, [svc, slice('ext-1', 'ext', ['10.96.0.10'])], { serviceCidr: '10.96.0.0/12' });
    expect(found[0]).toMatchObject({ level: 'error', resource: 'EndpointSlice/default/ext-1' });
    expect(found[0].message).toMatch(/has address 10.96.0.10, inside the service CIDR 10.96.0.0\/12 \(a ClusterIP\).*CVE-2021-25740/);
    expect(found[0].message).not.toMatch(/assumed/);
  });

  test.each([
    ['the default service CIDR (an on-premises database at 10.100.0.5)', '10.100.0.5', /inside the service CIDR 10.96.0.0\/12 \(a ClusterIP\)/],
    ['the default pod CIDR', '10.244.1.5', /inside the pod CIDR 10.244.0.0\/16 \(a pod IP\)/],
  ])('reports an address in %s as a warning: the range is assumed, not given', (_case, ip, where) => {
    const found = run(endpointAddressInClusterCidr, [svc, slice('ext-1', 'ext', [ip])]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ level: 'warning', resource: 'EndpointSlice/default/ext-1' });
    expect(found[0].message).toMatch(where);
    expect(found[0].message).toMatch(/This range is the kubeadm default, assumed because no --service-cidr\/--pod-cidr was given/);
  });

  test('reports a pod IP in Endpoints, with a configured pod CIDR', () => {
    const msgs = messages(endpointAddressInClusterCidr, [svc, endpoints('ext', ['172.16.3.4'])], { podCidr: '172.16.0.0/16' });
    expect(msgs[0]).toMatch(/subsets\[0\].addresses\[0\] has address 172.16.3.4, inside the pod CIDR 172.16.0.0\/16 \(a pod IP\)/);
  });

  test('reports an IPv4-mapped IPv6 address by its IPv4 part', () => {
    const msgs = messages(endpointAddressInClusterCidr, [svc, endpoints('ext', ['::ffff:10.96.0.1'])]);
    expect(msgs[0]).toMatch(/inside the service CIDR/);
  });

  test('reads leading-zero IPv4, IPv6 and notReadyAddresses, and names the field of each address', () => {
    const eps = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'ext' },
      subsets: [
        { addresses: [{ ip: '203.0.113.1' }, { ip: '010.096.000.001' }], ports: [{ port: 443 }] },
        { notReadyAddresses: [{ ip: 'fd00::10' }, { ip: 'not-an-ip' }, { ip: 5 }], ports: [{ port: 443 }] },
      ],
    };
    const msgs = messages(endpointAddressInClusterCidr, [svc, eps], { serviceCidr: '10.96.0.0/12,fd00::/108' });
    expect(msgs).toHaveLength(2);
    expect(msgs[0]).toMatch(/^Endpoints "ext" subsets\[0\].addresses\[1\] has address 010.096.000.001, inside the service CIDR 10.96.0.0\/12/);
    expect(msgs[1]).toMatch(/^Endpoints "ext" subsets\[1\].notReadyAddresses\[0\] has address fd00::10, inside the service CIDR fd00::\/108/);
  });

  test('reports an address in the pod CIDR of a slice, by its place', () => {
    const msgs = messages(endpointAddressInClusterCidr, [svc, slice('ext-1', 'ext', ['203.0.113.10', '10.244.1.2'])]);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(/^EndpointSlice "ext-1" endpoints\[1\].addresses\[0\] has address 10.244.1.2, inside the pod CIDR 10.244.0.0\/16 \(a pod IP\)/);
  });

  test('reports nothing for controller-made Endpoints or Endpoints of a selector Service', () => {
    const made = endpoints('ext', ['10.96.0.10'], [{ port: 443 }], { annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2024-01-01T00:00:00Z' } });
    expect(run(endpointAddressInClusterCidr, [svc, made])).toEqual([]);
    const selecting = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
    expect(run(endpointAddressInClusterCidr, [selecting, endpoints('web', ['10.96.0.10'])])).toEqual([]);
  });
});
