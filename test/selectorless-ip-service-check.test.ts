import { Chart, Duration } from 'cdk8s';
import { assertWrongTypesAreRejectedOrHarmless, PropPath } from './prop-types-fuzz';
import { testApp } from './test-app';
import { SelectorlessIpService } from '../src/selectorless-ip-service';
import { SessionAffinity } from '../src/session-affinity';

// Props of the wrong type, as JavaScript and the other jsii languages can pass them (issue 16).
describe('SelectorlessIpService checks the type of every prop', () => {
  const build = (chart: Chart, props: any) => new SelectorlessIpService(chart, 'api', props);

  test('a wrong-typed prop throws an Error naming it, or the YAML passes the checker', () => {
    const portPaths: PropPath[] = ['name', 'port', 'protocol', 'targetPort', 'appProtocol'].map((f) => ['ports', 0, f]);
    assertWrongTypesAreRejectedOrHarmless(build, () => ({
      addresses: ['203.0.113.10', '2001:db8::10'],
      ports: [{ name: 'https', port: 443, targetPort: 8443, appProtocol: 'https' }],
      sessionAffinity: SessionAffinity.clientIp(Duration.hours(1)),
    }), [
      [], ['addresses'], ['addresses', 0], ['addresses', 1], ['ports'], ['ports', 0], ...portPaths, ['name'], ['namespace'], ['headless'],
      ['endpointsMode'], ['maxEndpointsPerSlice'], ['ipFamilyPolicy'], ['sessionAffinity'], ['clusterDomain'],
    ]);
  });

  test.each<[string, unknown, RegExp]>([
    ['addresses is a string', { addresses: '203.0.113.10', ports: [{ port: 443 }] },
      /^SelectorlessIpService "test\/api": addresses "203\.0\.113\.10" is not a list \(it is a string\); give a list of IP addresses such as \["203\.0\.113\.10"\]\.$/],
    ['an address is a number', { addresses: [5], ports: [{ port: 443 }] }, /: addresses\[0\] "5" is not a string \(it is a number\); give an IP address/],
    ['ports is a string', { addresses: ['203.0.113.10'], ports: 'x' }, /^SelectorlessIpService "test\/api": ports "x" is not a list \(it is a string\)/],
    ['a port name is a number', { addresses: ['203.0.113.10'], ports: [{ name: 5, port: 443 }] }, /: ports\[0\]\.name "5" is not a string \(it is a number\)/],
    ['name is a number', { addresses: ['203.0.113.10'], ports: [{ port: 443 }], name: 5 }, /: name "5" is not a string \(it is a number\)/],
    ['namespace is a boolean', { addresses: ['203.0.113.10'], ports: [{ port: 443 }], namespace: true }, /: namespace "true" is not a string \(it is a boolean\)/],
    ['clusterDomain is a number', { addresses: ['203.0.113.10'], ports: [{ port: 443 }], clusterDomain: 5 }, /: clusterDomain "5" is not a string \(it is a number\)/],
    ['headless is a string', { addresses: ['203.0.113.10'], headless: 'yes' }, /: headless "yes" is not a boolean \(it is a string\); use true or false\.$/],
    ['sessionAffinity is a string', { addresses: ['203.0.113.10'], ports: [{ port: 443 }], sessionAffinity: 'ClientIP' },
      /: sessionAffinity "ClientIP" is not a SessionAffinity \(it is a string\); use SessionAffinity\.none\(\) or/],
    ['props are a string', 'x', /^SelectorlessIpService "test\/api": props "x" is not an object \(it is a string\)/],
  ])('throws when %s', (_, props, expected) => {
    const chart = new Chart(testApp(), 'test');
    expect(() => build(chart, props)).toThrow(expected);
  });

  test('throws when a hostname given to addAddress is a number', () => {
    const svc = build(new Chart(testApp(), 'test'), { headless: true });
    expect(() => svc.addAddress('203.0.113.10', { hostname: 5 as any }))
      .toThrow(/^SelectorlessIpService "test\/api": addresses\[0\]\.hostname "5" is not a string \(it is a number\); give a DNS-1123 label such as "db-0"\.$/);
  });
});
