import { endpointAddressInClusterCidr } from '../../../src/checks/rules/endpoint-address-in-cluster-cidr';
import { endpoints, messages, run, selectorlessTrio, slice } from '../builders';

const svc = selectorlessTrio('ext')[0];

describe('endpoint-address-in-cluster-cidr', () => {
  test('reports nothing for addresses outside the cluster ranges', () => {
    expect(run(endpointAddressInClusterCidr, selectorlessTrio())).toEqual([]);
  });

  test('reports a ClusterIP in an EndpointSlice (CVE-2021-25740)', () => {
    const found = run(endpointAddressInClusterCidr, [svc, slice('ext-1', 'ext', ['10.96.0.10'])]);
    expect(found[0]).toMatchObject({ level: 'error', resource: 'EndpointSlice/default/ext-1' });
    expect(found[0].message).toMatch(/has address 10.96.0.10, inside the service CIDR 10.96.0.0\/12 \(a ClusterIP\).*CVE-2021-25740/);
  });

  test('reports a pod IP in Endpoints, with a configured pod CIDR', () => {
    const msgs = messages(endpointAddressInClusterCidr, [svc, endpoints('ext', ['172.16.3.4'])], { podCidr: '172.16.0.0/16' });
    expect(msgs[0]).toMatch(/subsets\[0\].addresses\[0\] has address 172.16.3.4, inside the pod CIDR 172.16.0.0\/16 \(a pod IP\)/);
  });

  test('reports an IPv4-mapped IPv6 address by its IPv4 part', () => {
    const msgs = messages(endpointAddressInClusterCidr, [svc, endpoints('ext', ['::ffff:10.96.0.1'])]);
    expect(msgs[0]).toMatch(/inside the service CIDR/);
  });
});
