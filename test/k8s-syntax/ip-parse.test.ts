// parseIp is a one-pass scan for IPv4 and a character filter before ipaddr.js for IPv6. These properties pin it to the
// straightforward reference it replaced (split on '.', ipaddr.js isValid + parse) on generated strings and edge cases.
import * as fc from 'fast-check';
import * as ipaddr from 'ipaddr.js';
import { FieldErrors } from '../../src/checks/validation/field';
import { addIpSyntaxErrors } from '../../src/checks/validation/ip';
import { legacyIpErrors, parseIp, ParsedIp, specialIpErrors, strictIpErrors } from '../../src/k8s-syntax/ip';

/** The reference: the implementation before the fast path, kept verbatim in behaviour. */
function referenceParseIp(text: unknown): ParsedIp | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length > 64) return undefined;
  if (text.includes(':')) {
    if (text.includes('%') || !ipaddr.IPv6.isValid(text)) return undefined;
    const address = ipaddr.IPv6.parse(text);
    const mapped = address.isIPv4MappedAddress();
    return {
      address,
      family: 6,
      effective: mapped ? address.toIPv4Address() : address,
      leadingZeros: false,
      ipv4Mapped: mapped,
      canonical: address.toRFC5952String(),
    };
  }
  const fields = text.split('.');
  if (fields.length !== 4) return undefined;
  const octets: number[] = [];
  let leadingZeros = false;
  for (const f of fields) {
    if (f.length === 0 || f.length > 3) return undefined;
    for (const ch of f) if (ch < '0' || ch > '9') return undefined;
    const n = Number(f);
    if (n > 255) return undefined;
    if (f.length > 1 && f[0] === '0') leadingZeros = true;
    octets.push(n);
  }
  const a = new ipaddr.IPv4(octets);
  return { address: a, family: 4, effective: a, leadingZeros, ipv4Mapped: false, canonical: a.toString() };
}

/** The special-range check before it read the groups instead of a byte array (rule 38). */
function referenceSpecialIpErrors(ip: ParsedIp): string[] {
  const a = ip.effective;
  if (a.kind() === 'ipv4') {
    const o = (a as ipaddr.IPv4).octets;
    if (o.every((x) => x === 0)) return [`may not be unspecified (${ip.canonical})`];
    if (o[0] === 127) return ['may not be in the loopback range (127.0.0.0/8, ::1/128)'];
    if (o[0] === 169 && o[1] === 254) return ['may not be in the link-local range (169.254.0.0/16, fe80::/10)'];
    if (o[0] === 224 && o[1] === 0 && o[2] === 0) return ['may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'];
    return [];
  }
  const p = (a as ipaddr.IPv6).toByteArray();
  if (p.every((x) => x === 0)) return [`may not be unspecified (${ip.canonical})`];
  if (p.slice(0, 15).every((x) => x === 0) && p[15] === 1) return ['may not be in the loopback range (127.0.0.0/8, ::1/128)'];
  if (p[0] === 0xfe && p[1] >= 0x80 && p[1] < 0xc0) return ['may not be in the link-local range (169.254.0.0/16, fe80::/10)'];
  if (p[0] === 0xff && p[1] % 16 === 2) return ['may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'];
  return [];
}

/** Everything a caller can observe of a parse. */
function observe(ip: ParsedIp | undefined) {
  if (!ip) return undefined;
  return {
    kind: ip.address.kind(),
    address: ip.address.toString(),
    family: ip.family,
    effectiveKind: ip.effective.kind(),
    effective: ip.effective.toString(),
    leadingZeros: ip.leadingZeros,
    ipv4Mapped: ip.ipv4Mapped,
    canonical: ip.canonical,
    special: specialIpErrors(ip),
  };
}

function agrees(text: unknown): void {
  const fast = parseIp(text);
  const reference = referenceParseIp(text);
  expect(observe(fast)).toEqual(observe(reference));
  if (fast) expect(specialIpErrors(fast)).toEqual(referenceSpecialIpErrors(reference!));
}

const octet = fc.oneof(
  fc.integer({ min: 0, max: 255 }).map(String),
  fc.integer({ min: 0, max: 999 }).map(String),
  fc.integer({ min: 0, max: 99 }).map((n) => `0${n}`),
  fc.constantFrom('', '0', '00', '000', '0000', '256', '1e2', ' 1', '1 ', '+1', '-1', '0x1', 'a', '٣'),
);
const dotted = fc.array(octet, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.'));
const ipv6 = fc.oneof(
  fc.ipV6(),
  fc.ipV4().map((v4) => `::ffff:${v4}`),
  fc.ipV4().map((v4) => `::${v4}`),
  fc.tuple(fc.ipV6(), fc.constantFrom('%eth0', '%1', '%', ' ', '\t', '/64', ':', '::', '.1')).map(([a, b]) => `${a}${b}`),
  fc.tuple(fc.ipV6(), fc.boolean()).map(([a, upper]) => (upper ? a.toUpperCase() : a)),
);
const hexGroup = fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16)), fc.constantFrom('', '0', '0000', '00000', 'FFFF', 'fe80', 'ff02', 'ff12', 'fec0', 'febf', 'g'));
const hexIpv6 = fc.tuple(fc.array(hexGroup, { minLength: 0, maxLength: 9 }), fc.integer({ min: -1, max: 9 }), fc.constantFrom('', ':', '::')).map(
  ([groups, gap, tail]) => {
    const parts = [...groups];
    if (gap >= 0 && gap <= parts.length) parts.splice(gap, 0, '');
    return `${parts.join(':')}${tail}`;
  });
// ipaddr.js reads an embedded IPv4 part as any number of decimal digits ('00000' is 0), unlike a hex group.
const validOctet = fc.oneof(fc.integer({ min: 0, max: 255 }).map(String), fc.constantFrom('00000', '0000001', '00255'));
const v4Tail = fc.oneof(fc.array(validOctet, { minLength: 4, maxLength: 4 }), fc.array(octet, { minLength: 1, maxLength: 5 }));
const embedded = fc.tuple(fc.array(fc.oneof(hexGroup, fc.constant('00000')), { maxLength: 7 }), fc.boolean(), v4Tail).map(
  ([groups, compress, v4]) => `${compress ? '::' : ''}${groups.map((g) => `${g}:`).join('')}${v4.join('.')}`);
const special = fc.tuple(fc.constantFrom('::', '::1', '::2', '0:0:0:0:0:0:0:1', 'fe80::', 'febf:ffff::1', 'fec0::1', 'ff02::1', 'ff12::1', 'ff03::1', 'fe7f::1'), fc.boolean())
  .map(([a, upper]) => (upper ? a.toUpperCase() : a));
const noise = fc.string({ unit: fc.constantFrom(...'0123456789.:abcdefABCDEFxX%g- \t/[]'.split('')), maxLength: 24 });

describe('parseIp agrees with the reference parser', () => {
  test.each([
    '1.2.3.4', '0.0.0.0', '255.255.255.255', '256.1.1.1', '1.2.3', '1.2.3.4.5', '1..2.3', '.1.2.3', '1.2.3.', '1.2.3.4 ',
    ' 1.2.3.4', '01.2.3.4', '010.1.2.3', '001.002.003.004', '0001.2.3.4', '00.0.0.0', '1.2.3.09', '1.2.3.099',
    '1.2.3.0x1', '1e1.2.3.4', '1.2.3.-4', '::ffff:1.2.3.4', '::ffff:010.1.2.3', '::1.2.3.4', '::ffff:0xa.1.1.1',
    '::0xa.1.1.1', '::1:00000.1.2.3', '00000::1.2.3.4', '1:2:3:4:5:6:1.2.3.4', '::1:2:3:4:5:6:1.2.3.4', 'fe80::1%eth0', 'fe80::1%', '[::1]', '::', '::1', '2001:DB8::A', '2001:0db8:0000:0000:0000:0000:0000:0001',
    '1:2:3:4:5:6:7:8:9', '1::2::3', ':::', 'x::1', 'g::1', 'http://a:80', 'db.example.com', 'db:5432', '', 'None',
    '1.2.3.4\n', '\u00101.2.3.4', '::\u0010', '1'.repeat(65), `::${'0:'.repeat(30)}1`,
  ])('%j', (text) => agrees(text));

  test.each([[undefined], [null], [42], [{}], [['1.2.3.4']]])('non-string %j', (v) => agrees(v));

  test('dotted forms', () => {
    fc.assert(fc.property(dotted, agrees), { numRuns: 1000 });
  });

  test('IPv6 forms', () => {
    fc.assert(fc.property(ipv6, agrees), { numRuns: 800 });
  });

  test('plain hex IPv6 forms (the one-scan path)', () => {
    fc.assert(fc.property(hexIpv6, agrees), { numRuns: 1500 });
  });

  test('IPv6 with an embedded IPv4 (ipaddr.js), including IPv4 parts of five digits', () => {
    fc.assert(fc.property(embedded, agrees), { numRuns: 1500 });
  });

  test('special IPv6 ranges', () => {
    fc.assert(fc.property(special, agrees), { numRuns: 200 });
  });

  test('strings over the IP alphabet', () => {
    fc.assert(fc.property(noise, agrees), { numRuns: 1000 });
  });

  test('arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 70 }), agrees), { numRuns: 800 });
  });
});

describe('addIpSyntaxErrors', () => {
  /** What the validators did before: the legacy errors, then the strict ones, each parsed separately. */
  function reference(value: unknown) {
    const errs = new FieldErrors();
    errs.each('ip', value, legacyIpErrors(value), 'fix');
    errs.eachStrictIp('ip', value, strictIpErrors(value), 'fix');
    return errs.list;
  }

  test('adds the legacy and then the strict errors, like the two lists', () => {
    fc.assert(fc.property(fc.oneof(dotted, ipv6, noise), (value) => {
      const errs = new FieldErrors();
      const parsed = addIpSyntaxErrors(errs, 'ip', value, 'fix');
      expect(errs.list).toEqual(reference(value));
      expect(observe(parsed)).toEqual(observe(referenceParseIp(value)));
    }), { numRuns: 800 });
  });

  test.each(['010.1.2.3', '::ffff:10.1.2.3', '1.2.3', 'fe80::1%eth0', '10.1.2.3'])('%s', (value) => {
    const errs = new FieldErrors();
    addIpSyntaxErrors(errs, 'ip', value, 'fix');
    expect(errs.list).toEqual(reference(value));
  });
});
