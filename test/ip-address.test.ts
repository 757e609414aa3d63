import * as fc from 'fast-check';
import * as ipaddr from 'ipaddr.js';
import { checkEndpointIp } from '../src/ip-address';
import { IpFamily } from '../src/ip-family';

describe('checkEndpointIp', () => {
  test.each<[string, string, string, IpFamily]>([
    ['a documentation IPv4 address', '203.0.113.10', '203.0.113.10', IpFamily.IPV4],
    ['a private IPv4 address', '10.0.0.5', '10.0.0.5', IpFamily.IPV4],
    ['an IPv4 address with a zero octet', '10.0.0.0', '10.0.0.0', IpFamily.IPV4],
    ['a global multicast address (allowed by the API server)', '239.1.1.1', '239.1.1.1', IpFamily.IPV4],
    ['multicast just past the link-local block', '224.0.1.5', '224.0.1.5', IpFamily.IPV4],
    ['the broadcast address (allowed by the API server)', '255.255.255.255', '255.255.255.255', IpFamily.IPV4],
    ['a canonical IPv6 address', '2001:db8::10', '2001:db8::10', IpFamily.IPV6],
    ['upper-case IPv6 (made RFC 5952 canonical)', '2001:DB8::A', '2001:db8::a', IpFamily.IPV6],
    ['uncompressed IPv6 (made RFC 5952 canonical)', '2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1', IpFamily.IPV6],
    ['IPv6 with the wrong zero run compressed', '1:0:0:1::1', '1:0:0:1::1', IpFamily.IPV6],
    ['IPv6 compressing a single zero group', '2001:db8::1:1:1:1:1', '2001:db8:0:1:1:1:1:1', IpFamily.IPV6],
    ['IPv6 with two equal zero runs (first one compressed)', '2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1', IpFamily.IPV6],
    ['NAT64 with an embedded IPv4 tail', '64:ff9b::192.0.2.33', '64:ff9b::c000:221', IpFamily.IPV6],
    ['a unique-local IPv6 address', 'fd00::1', 'fd00::1', IpFamily.IPV6],
    ['a global IPv6 multicast address', 'ff05::1', 'ff05::1', IpFamily.IPV6],
    ['the old site-local range (not link-local)', 'fec0::1', 'fec0::1', IpFamily.IPV6],
  ])('accepts %s', (_name, input, canonical, family) => {
    expect(checkEndpointIp(input)).toEqual({ address: canonical, family });
  });

  test.each<[string, string, RegExp]>([
    ['empty', '', /is empty/],
    ['a DNS name', 'db.example.com', /is not an IP address; for a DNS name use ExternalDependency/],
    ['a short IPv4 form', '10.1', /is not an IP address; write IPv4 as four decimal numbers/],
    ['a hex IPv4 form', '0x0a.1.2.3', /is not an IP address/],
    ['an octet over 255', '256.1.1.1', /is not an IP address/],
    ['surrounding whitespace', ' 10.1.2.3', /is not an IP address/],
    ['a trailing dot', '10.1.2.3.', /is not an IP address/],
    ['a leading zero', '010.1.2.3', /has a leading zero, which some parsers read as octal; write "10.1.2.3"/],
    ['a leading zero in a later octet', '10.01.2.3', /has a leading zero.*write "10.1.2.3"/],
    ['a CIDR range', '10.0.0.0/24', /is a CIDR range; list the individual IP addresses/],
    ['an IPv6 zone index', 'fe80::1%eth0', /has an IPv6 zone index/],
    ['malformed IPv6', '2001:db8:::1', /is not an IP address; write IPv6 as in/],
    ['an IPv4-mapped IPv6 address', '::ffff:10.1.2.3', /is an IPv4-mapped IPv6 address; write the IPv4 address "10.1.2.3"/],
    ['an IPv4-mapped IPv6 address in hex', '::ffff:a01:203', /is an IPv4-mapped IPv6 address; write the IPv4 address "10.1.2.3"/],
    ['an IPv4-compatible IPv6 address', '::10.1.2.3', /is a deprecated IPv4-compatible IPv6 address; write the IPv4 address "10.1.2.3"/],
    ['a leading zero in an embedded IPv4 part', '64:ff9b::010.1.2.3', /has a leading zero in its embedded IPv4 part "010.1.2.3"; write "10.1.2.3"/],
    ['an invalid embedded IPv4 part', '64:ff9b::1.2.3', /not an IP address|embedded IPv4 part/],
    ['the IPv4 unspecified address', '0.0.0.0', /is the unspecified address \(0\.0\.0\.0, ::\)/],
    ['the IPv6 unspecified address', '::', /is the unspecified address/],
    ['IPv4 loopback', '127.0.0.1', /is in the loopback range \(127\.0\.0\.0\/8, ::1\/128\)/],
    ['IPv4 loopback anywhere in 127/8', '127.10.20.30', /is in the loopback range/],
    ['IPv6 loopback', '::1', /is in the loopback range/],
    ['IPv6 loopback written out', '0:0:0:0:0:0:0:1', /is in the loopback range/],
    ['the cloud metadata address', '169.254.169.254', /is the cloud metadata address, in the link-local range \(169\.254\.0\.0\/16, fe80::\/10\)/],
    ['IPv4 link-local', '169.254.1.1', /is in the link-local range \(169\.254\.0\.0\/16, fe80::\/10\)/],
    ['IPv6 link-local', 'fe80::1', /is in the link-local range/],
    ['IPv6 link-local at the end of fe80::/10', 'febf::1', /is in the link-local range/],
    ['IPv4 link-local multicast', '224.0.0.251', /is in the link-local multicast range \(224\.0\.0\.0\/24, ffx2::\/16\)/],
    ['IPv6 link-local multicast', 'ff02::fb', /is in the link-local multicast range/],
    ['IPv6 link-local multicast with flags', 'ff12::1', /is in the link-local multicast range/],
  ])('refuses %s', (_name, input, problem) => {
    const check = checkEndpointIp(input);
    expect(check.address).toBeUndefined();
    expect(check.family).toBeUndefined();
    expect(check.problem).toMatch(problem);
  });

  test('canonical output is a fixed point for any accepted IPv6 address', () => {
    fc.assert(fc.property(fc.ipV6(), (ip) => {
      const first = checkEndpointIp(ip);
      if (first.address === undefined) return;
      expect(checkEndpointIp(first.address)).toEqual(first);
      expect(first.address).toBe(first.address.toLowerCase());
    }));
  });

  test('every IPv4 address is either accepted unchanged or refused with a reason', () => {
    fc.assert(fc.property(fc.ipV4(), (ip) => {
      const check = checkEndpointIp(ip);
      if (check.address !== undefined) {
        expect(check).toEqual({ address: ip, family: IpFamily.IPV4 });
      } else {
        expect(check.problem).toMatch(/unspecified|loopback|link-local/);
      }
    }));
  });

  describe('the IPv4 fast path answers as the ipaddr.js-based reference does', () => {
    // The IPv4 rules as they were written with ipaddr.js before the hand-written parser (the reference oracle).
    const USE_INSTEAD = 'use an address that pods can reach outside the node';
    function referenceDottedDecimal(value: string): { text: string; leadingZeros: boolean } | undefined {
      const parts = value.split('.');
      if (parts.length !== 4) return undefined;
      let leadingZeros = false;
      const numbers: number[] = [];
      for (const part of parts) {
        if (part.length === 0 || part.length > 3) return undefined;
        for (const ch of part) if (ch < '0' || ch > '9') return undefined;
        if (part.length > 1 && part.startsWith('0')) leadingZeros = true;
        const n = Number(part);
        if (n > 255) return undefined;
        numbers.push(n);
      }
      return { text: numbers.join('.'), leadingZeros };
    }
    function referenceIpv4(value: string): object {
      const decimal = referenceDottedDecimal(value);
      if (decimal === undefined && /[a-z]/i.test(value)) {
        return { problem: 'is not an IP address; for a DNS name use ExternalDependency (an ExternalName Service) instead' };
      }
      if (decimal === undefined) {
        return { problem: 'is not an IP address; write IPv4 as four decimal numbers from 0 to 255 such as "203.0.113.10", or an IPv6 address' };
      }
      if (decimal.leadingZeros) {
        return { problem: `has a leading zero, which some parsers read as octal; write ${JSON.stringify(decimal.text)} (the API server rejects leading zeros)` };
      }
      const ip = ipaddr.IPv4.parse(decimal.text);
      const text = ip.toString();
      if (text === '0.0.0.0') return { problem: `is the unspecified address (0.0.0.0, ::); ${USE_INSTEAD}` };
      if (ip.match(ipaddr.IPv4.parseCIDR('127.0.0.0/8'))) return { problem: `is in the loopback range (127.0.0.0/8, ::1/128); ${USE_INSTEAD}` };
      if (text === '169.254.169.254') {
        return { problem: 'is the cloud metadata address, in the link-local range (169.254.0.0/16, fe80::/10); Kubernetes refuses link-local endpoints, and pods should not reach the metadata service through a Service' };
      }
      if (ip.match(ipaddr.IPv4.parseCIDR('169.254.0.0/16'))) return { problem: `is in the link-local range (169.254.0.0/16, fe80::/10); ${USE_INSTEAD}` };
      if (ip.match(ipaddr.IPv4.parseCIDR('224.0.0.0/24'))) return { problem: `is in the link-local multicast range (224.0.0.0/24, ffx2::/16); ${USE_INSTEAD}` };
      return { address: text, family: IpFamily.IPV4 };
    }
    const agrees = (value: string) => {
      if (value.length === 0 || value.includes(':') || value.includes('/') || value.includes('%')) return;
      expect(checkEndpointIp(value)).toEqual(referenceIpv4(value));
    };
    const octet = fc.oneof(
      fc.integer({ min: 0, max: 300 }).map(String),
      fc.constantFrom('0', '00', '000', '0000', '01', '010', '255', '256', '999', '', 'a', '1a', '+1', '-1', ' 1', '1e2', '0x1', '١'),
    );
    const special = fc.constantFrom('0', '127', '169', '254', '224', '10', '255');

    test('on dotted strings of numbers and junk, 1 to 5 parts', () => {
      fc.assert(fc.property(fc.array(fc.oneof(octet, special), { minLength: 1, maxLength: 5 }), (parts) => agrees(parts.join('.'))));
    });

    test('on every IPv4 address, also near the refused ranges', () => {
      fc.assert(fc.property(fc.ipV4(), agrees));
      fc.assert(fc.property(special, special, special, special, (a, b, c, d) => agrees(`${a}.${b}.${c}.${d}`)));
    });

    test('on extended IPv4 forms (hex, octal, short) and arbitrary strings', () => {
      fc.assert(fc.property(fc.ipV4Extended(), agrees));
      fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.ax '.split('')), maxLength: 20 }), agrees));
      fc.assert(fc.property(fc.string(), agrees));
    });

    test('on IPv6 addresses with an embedded IPv4 tail', () => {
      fc.assert(fc.property(fc.array(fc.oneof(octet, special), { minLength: 4, maxLength: 4 }), (parts) => {
        const tail = parts.join('.');
        const value = `64:ff9b::${tail}`;
        const ok = ipaddr.IPv6.isValid(value);
        const check = checkEndpointIp(value);
        if (!ok) return expect(check.address).toBeUndefined();
        const decimal = referenceDottedDecimal(tail);
        if (decimal === undefined) expect(check.problem).toMatch(/embedded IPv4 part that is not four decimal numbers/);
        else if (decimal.leadingZeros) expect(check.problem).toBe(`has a leading zero in its embedded IPv4 part ${JSON.stringify(tail)}; write ${JSON.stringify(decimal.text)}`);
        else expect(check).toEqual({ address: ipaddr.IPv6.parse(value).toRFC5952String(), family: IpFamily.IPV6 });
      }));
    });
  });
});
