import { legacyIpErrors, parseIp, specialIpErrors, specialIpv4Range, strictIpErrors } from '../../src/k8s-syntax/ip';
import {
  dns1035LabelErrors, dns1123LabelErrors, dns1123SubdomainErrors, labelValueErrors, portNameErrors, qualifiedNameErrors,
} from '../../src/k8s-syntax/names';

describe('name rules (apimachinery validation.go)', () => {
  test.each<[string, (v: string) => string[], string, RegExp | undefined]>([
    ['DNS-1035 accepts my-svc', dns1035LabelErrors, 'my-svc', undefined],
    ['DNS-1035 rejects a leading digit', dns1035LabelErrors, '1svc', /start with an alphabetic character/],
    ['DNS-1123 label accepts a leading digit', dns1123LabelErrors, '1svc', undefined],
    ['DNS-1123 label rejects dots', dns1123LabelErrors, 'a.b', /lowercase RFC 1123 label/],
    ['DNS-1123 label rejects 64 characters', dns1123LabelErrors, 'a'.repeat(64), /must be no more than 63 characters/],
    ['subdomain accepts db.example.com', dns1123SubdomainErrors, 'db.example.com', undefined],
    ['subdomain rejects upper case', dns1123SubdomainErrors, 'DB.example.com', /lowercase RFC 1123 subdomain/],
    ['subdomain rejects 254 characters', dns1123SubdomainErrors, `${'a.'.repeat(126)}ab`, /must be no more than 253 characters/],
    ['qualified name accepts example.com/app', qualifiedNameErrors, 'example.com/app', undefined],
    ['qualified name rejects two slashes', qualifiedNameErrors, 'a/b/c', /a qualified name must consist of/],
    ['qualified name rejects an empty prefix', qualifiedNameErrors, '/app', /prefix part must be non-empty/],
    ['label value accepts empty', labelValueErrors, '', undefined],
    ['label value rejects a space', labelValueErrors, 'a b', /a valid label must be an empty string/],
    ['port name accepts http-alt', portNameErrors, 'http-alt', undefined],
    ['port name rejects upper case', portNameErrors, 'HTTP', /must contain only alpha-numeric characters \(a-z, 0-9\), and hyphens \(-\)/],
    ['port name rejects a trailing hyphen', portNameErrors, 'http-', /must not begin or end with a hyphen/],
  ])('%s', (_, fn, value, pattern) => {
    const errs = fn(value);
    if (pattern) expect(errs.join('\n')).toMatch(pattern);
    else expect(errs).toEqual([]);
  });
});

describe('IP rules (k8s-validation 37-38)', () => {
  test.each<[string, RegExp | undefined]>([
    ['203.0.113.10', undefined],
    ['2001:db8::1', undefined],
    ['10.1.2', /must be a valid IP address/],
    ['fe80::1%eth0', /must be a valid IP address/],
    ['[::1]', /must be a valid IP address/],
    ['010.1.2.3', undefined],
    ['::ffff:10.1.2.3', undefined],
  ])('legacy syntax of %s', (ip, pattern) => {
    const errs = legacyIpErrors(ip);
    if (pattern) expect(errs.join('\n')).toMatch(pattern);
    else expect(errs).toEqual([]);
  });

  test.each<[string, RegExp | undefined]>([
    ['203.0.113.10', undefined],
    ['10.1.2', undefined],
    ['010.1.2.3', /must not have leading 0s/],
    ['::ffff:10.1.2.3', /must not be an IPv4-mapped IPv6 address/],
  ])('StrictIPCIDRValidation syntax of %s', (ip, pattern) => {
    const errs = strictIpErrors(ip);
    if (pattern) expect(errs.join('\n')).toMatch(pattern);
    else expect(errs).toEqual([]);
  });

  test.each<[string, RegExp | undefined]>([
    ['203.0.113.10', undefined],
    ['239.1.1.1', undefined],
    ['10.0.0.1', undefined],
    ['0.0.0.0', /may not be unspecified \(0.0.0.0\)/],
    ['::', /may not be unspecified \(::\)/],
    ['127.0.0.2', /loopback/],
    ['::1', /loopback/],
    ['::ffff:127.0.0.1', /loopback/],
    ['169.254.169.254', /link-local range/],
    ['fe80::1', /link-local range/],
    ['224.0.0.251', /link-local multicast/],
    ['ff12::1', /link-local multicast/],
  ])('special ranges of %s', (ip, pattern) => {
    const parsed = parseIp(ip)!;
    const errs = specialIpErrors(parsed);
    if (pattern) expect(errs.join('\n')).toMatch(pattern);
    else expect(errs).toEqual([]);
  });
});

describe('specialIpv4Range', () => {
  test.each<[string, ReturnType<typeof specialIpv4Range>]>([
    ['0.0.0.0', 'unspecified'], ['0.0.0.1', undefined],
    ['127.0.0.0', 'loopback'], ['127.255.255.255', 'loopback'], ['126.255.255.255', undefined], ['128.0.0.0', undefined],
    ['169.254.0.0', 'link-local'], ['169.254.255.255', 'link-local'], ['169.253.255.255', undefined], ['169.255.0.0', undefined],
    ['224.0.0.0', 'link-local-multicast'], ['224.0.0.255', 'link-local-multicast'], ['224.0.1.0', undefined], ['225.0.0.0', undefined],
  ])('%s is %s', (ip, range) => {
    const [a, b, c, d] = ip.split('.').map(Number);
    expect(specialIpv4Range(a, b, c, d)).toBe(range);
  });
});
