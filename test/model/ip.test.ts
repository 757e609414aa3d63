// IP helpers: canonical text, dashed names (rule 27), reverse names (rule 36), CIDR arithmetic.
import * as fc from 'fast-check';
import { Cidr, dashedIp, ipFromReverseName, parseIp, reverseName, undashIp } from '../../src/model/ip';

test.each([
  ['10.1.2.3', '10.1.2.3', 'IPv4'],
  ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1', 'IPv6'],
  ['2001:DB8::1', '2001:db8::1', 'IPv6'],
])('parseIp(%s) is canonical (RFC 5952)', (input, text, family) => {
  expect(parseIp(input)).toEqual({ text, family });
});

test.each([['10'], ['10.1.2'], ['0x0a.1.2.3'], ['fe80::1%eth0'], ['example.com'], [''], [42]])('parseIp(%s) is undefined', (input) => {
  expect(parseIp(input)).toBeUndefined();
});

test.each([
  ['rule 27: IPv4', '10.1.2.3', '10-1-2-3'],
  ['rule 27: IPv6', '2001:db8::1', '2001-db8--1'],
  ['rule 27: IPv6 ending in : gets a 0', '2001:db8:0:0:1::', '2001-db8-0-0-1--0'],
])('%s dashed name', (_t, ip, dashed) => {
  expect(dashedIp(ip)).toBe(dashed);
});

test.each([
  ['rule 36: IPv4', '10.96.0.10', '10.0.96.10.in-addr.arpa'],
  ['rule 36: IPv6', '2001:db8::1', `1.${'0.'.repeat(23)}8.b.d.0.1.0.0.2.ip6.arpa`],
])('%s reverse name', (_t, ip, name) => {
  expect(reverseName(ip)).toBe(name);
  expect(ipFromReverseName(name)).toBe(ip);
});

test('reverse names and dashed names round-trip for any address', () => {
  fc.assert(fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (raw) => {
    const ip = parseIp(raw);
    if (!ip) return;
    expect(ipFromReverseName(reverseName(ip.text))).toBe(ip.text);
    expect(undashIp(dashedIp(ip.text))).toBe(ip.text);
  }), { numRuns: 500 });
});

test('Cidr: base, size, containment, wrap-around', () => {
  const c = Cidr.parse('10.96.3.4/12')!;
  expect([c.text, c.size]).toEqual(['10.96.0.0/12', 1048576n]);
  expect(c.contains('10.111.255.255')).toBe(true);
  expect(c.contains('10.112.0.0')).toBe(false);
  expect(c.addressAt(c.size + 5n)).toBe('10.96.0.5');
  expect(Cidr.parse('nonsense')).toBeUndefined();
});
