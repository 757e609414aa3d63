import * as fc from 'fast-check';
import { externalHostnameProblem, fullExternalHostnameProblem, normalizeExternalHostname } from '../src/external-dependency-hostname';

describe('externalHostnameProblem', () => {
  test.each([
    ['a two-label name', 'example.com'],
    ['a managed database host', 'mydb.abc123.us-east-1.rds.amazonaws.com'],
    ['a label "svc" as the first label', 'svc.example.com'],
    ['"svc" inside a longer label', 'db.mysvc.example.com'],
    ['upper case (normalized later)', 'DB.Example.COM'],
    ['one trailing dot', 'db.example.com.'],
    ['digits in labels', '1password.com'],
    ['a label of exactly 63 characters', `${'a'.repeat(63)}.example.com`],
    ['a name of exactly 253 characters', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`],
    ['an IDN in punycode', 'xn--bcher-kva.example'],
    ['hyphens inside labels', 'my-db.eu-west-1.example.com'],
    ['a numeric label that is not the last', 'db.1.example.com'],
  ])('accepts %s', (_, value) => {
    expect(externalHostnameProblem(value)).toBeUndefined();
  });

  test('accepts an in-cluster FQDN when asked to', () => {
    expect(externalHostnameProblem('redis.shared-infra.svc.cluster.local', { allowClusterServiceName: true })).toBeUndefined();
  });

  test.each([
    ['the value ends in .svc', 'db.svc', /ends in "\.svc", a partial in-cluster Service name; a CNAME target is not expanded through the pod's DNS search path.*ServiceReference\.fromName/],
    ['the value ends in .svc with a trailing dot', 'db.prod.SVC.', /ends in "\.svc"/],
    ['the value is an in-cluster FQDN', 'redis.shared.svc.cluster.local', /names an in-cluster Service.*Use ExternalDependency's targetService with ServiceReference\.fromName\(namespace, name\)/],
    ['the value is an in-cluster name with another cluster domain', 'redis.shared.svc.corp', /names an in-cluster Service/],
  ])('rejects when %s', (_, value, message) => {
    expect(externalHostnameProblem(value)).toMatch(message);
  });

  test.each([
    ['the value is empty', '', /is empty/],
    ['the value is only blanks', '   ', /is empty/],
    ['the value is only a dot', '.', /is empty/],
    ['the value is an IPv4 address', '54.23.100.55', /is an IPv4 address; ExternalName needs a DNS name\. Use SelectorlessIpService/],
    ['the value is an IPv4 address with a trailing dot', '10.0.0.5.', /is an IPv4 address/],
    ['the value is an IPv4 address in hex notation', '0x7f.1', /is an IPv4 address/],
    ['the value is an IPv4 address with a port', '10.0.0.5:5432', /is an IPv4 address with a port.*SelectorlessIpService/],
    ['the value only looks like an IPv4 address', '10.0.0.256', /looks like an IPv4 address.*SelectorlessIpService/],
    ['the value is an IPv6 address', '2001:db8::1', /is an IPv6 address; .*SelectorlessIpService/],
    ['the value is the IPv6 loopback', '::1', /is an IPv6 address/],
    ['the value is a bracketed IPv6 address', '[2001:db8::1]', /is an IPv6 address/],
    ['the value is an IPv6 address with a zone', 'fe80::1%eth0', /is an IPv6 address/],
    ['the value is an IPv4-mapped IPv6 address', '::ffff:10.0.0.5', /is an IPv6 address/],
    ['the value is a single label', 'database', /is a single-label name; .*"database\.example\.com"/],
    ['a label is longer than 63 characters', `${'a'.repeat(64)}.example.com`, /of 64 characters; a DNS label has at most 63/],
    ['the name is longer than 253 characters', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`, /is 254 characters long; a DNS name has at most 253/],
    ['a label contains an underscore', 'my_db.example.com', /label "my_db" with '_', which RFC 1123 host names do not allow/],
    ['an SRV-style label has an underscore', '_postgres._tcp.example.com', /'_'/],
    ['a label is a wildcard', '*.example.com', /wildcard label "\*"/],
    ['a label starts with a hyphen', '-db.example.com', /label "-db" that is not an RFC 1123 label/],
    ['a label ends with a hyphen', 'db-.example.com', /label "db-" that is not an RFC 1123 label/],
    ['a label has other punctuation', 'db!.example.com', /label "db!" that is not an RFC 1123 label/],
    ['two dots in a row', 'db..example.com', /has an empty label/],
    ['a leading dot', '.example.com', /has an empty label/],
    ['two trailing dots', 'db.example.com..', /has an empty label/],
    ['the value is an https URL', 'https://x', /is a URL; ExternalName takes only the host name/],
    ['the value is a postgres URL', 'postgres://db.example.com:5432/app', /is a URL/],
    ['the value has a port', 'db.example.com:5432', /includes a port; .*"db\.example\.com".*ports/],
    ['the value is only a port', ':5432', /includes a port; .*"db\.example\.com"/],
    ['the value has a colon that is no port', 'db.example.com:pg', /contains ':'/],
    ['the value has a path', 'api.example.com/v1', /contains '\/'/],
    ['the value has inner whitespace', 'db example.com', /contains whitespace/],
    ['the value has surrounding whitespace', ' db.example.com', /contains whitespace/],
    ['the value is not ASCII', 'bücher.example', /non-ASCII.*punycode/],
    ['the last label is all digits', 'db.example.123', /ends in the all-digit label "123"/],
  ])('reports a problem when %s', (_, value, expected) => {
    expect(externalHostnameProblem(value)).toMatch(expected);
  });

  test('every problem is a sentence tail ending with a period', () => {
    for (const value of ['', '1.2.3.4', '::1', 'db', 'a_b.c', 'https://x', 'a.b:1', `${'a'.repeat(64)}.com`]) {
      expect(externalHostnameProblem(value)).toMatch(/\.$/);
    }
  });

  test('accepts every well-formed multi-label host name (property)', () => {
    const label = fc.stringMatching(/^[a-z]([-a-z0-9]{0,20}[a-z0-9])?$/);
    fc.assert(fc.property(fc.array(label, { minLength: 2, maxLength: 6 }), (labels) => {
      expect(externalHostnameProblem(labels.join('.'))).toBeUndefined();
    }));
  });

  test('rejects every IPv4 address (property)', () => {
    fc.assert(fc.property(fc.ipV4(), (ip) => {
      expect(externalHostnameProblem(ip)).toMatch(/IPv4 address/);
    }));
  });

  test('rejects every IPv6 address (property)', () => {
    fc.assert(fc.property(fc.ipV6(), (ip) => {
      expect(externalHostnameProblem(ip)).toMatch(/IPv6 address/);
    }));
  });
});

describe('externalHostnameProblem shortcut for plain host names', () => {
  // Mostly host-name characters, with the ones each check looks for mixed in.
  const unit = fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom(...'abcdefxyz0123456789-.'.split('')) },
    { weight: 1, arbitrary: fc.constantFrom('A', 'X', '_', '*', ':', '/', ' ', '%', '[', ']', 'é', 'svc', '.svc', '.svc.cluster.local', '0x', '://') },
  );
  const label = fc.oneof(fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,8}[a-z0-9])?$/), fc.constantFrom('svc', '0x7f', '0', '255', '1', 'cafe', 'a'.repeat(63), 'b'.repeat(64)));
  const agrees = (value: string) => {
    for (const options of [{}, { allowClusterServiceName: true }]) {
      expect(externalHostnameProblem(value, options)).toBe(fullExternalHostnameProblem(value, options));
    }
  };

  test('gives the answer of the full checks on arbitrary strings (property)', () => {
    fc.assert(fc.property(fc.string({ unit, maxLength: 40 }), agrees));
    fc.assert(fc.property(fc.string(), agrees));
  });

  test('gives the answer of the full checks on dotted labels, IPv4 forms and long names (property)', () => {
    fc.assert(fc.property(fc.array(label, { minLength: 1, maxLength: 6 }), fc.boolean(), (labels, dot) => agrees(labels.join('.') + (dot ? '.' : ''))));
    fc.assert(fc.property(fc.ipV4Extended(), agrees));
    fc.assert(fc.property(fc.domain(), agrees));
    fc.assert(fc.property(fc.integer({ min: 240, max: 260 }), (n) => agrees(`${'a'.repeat(n - 4)}.com`)));
    fc.assert(fc.property(fc.array(fc.constant('a'.repeat(63)), { minLength: 3, maxLength: 5 }), (labels) => agrees(labels.join('.'))));
  });
});

describe('normalizeExternalHostname', () => {
  test.each([
    ['lower-cases', 'DB.Example.COM', 'db.example.com'],
    ['removes one trailing dot', 'db.example.com.', 'db.example.com'],
    ['removes only one trailing dot', 'db.example.com..', 'db.example.com.'],
    ['keeps a normalized name', 'db.example.com', 'db.example.com'],
  ])('%s', (_, value, expected) => {
    expect(normalizeExternalHostname(value)).toBe(expected);
  });
});
