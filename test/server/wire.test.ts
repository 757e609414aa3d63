/* eslint-disable no-bitwise */
import * as dnsPacket from 'dns-packet';
import { query } from './helpers';
import { ResourceRecord } from '../../src/dns/types';
import { Body, buildResponse, encodeRecords, questionName, RCODE, readQuery, udpLimit } from '../../src/server/wire';

function header(id: number, flags: number, qd: number, an: number, ns: number, ar: number): Buffer {
  const b = Buffer.alloc(12);
  [id, flags, qd, an, ns, ar].forEach((v, i) => b.writeUInt16BE(v, i * 2));
  return b;
}

describe('readQuery', () => {
  test('reads the question: lower-case absolute name, type, class, no EDNS', () => {
    const packet = query('DataBase.Production.svc.cluster.local', 'SRV');
    const q = readQuery(packet);
    expect(q).toMatchObject({ kind: 'query', id: 4242, opaque: false, qtype: 33, qclass: 1, edns: undefined });
    expect(questionName(packet)).toBe('database.production.svc.cluster.local.');
    // the cache key: the wire-form name in lower case, the same for every spelling
    expect(q.kind === 'query' && q.wireName).toBe(query('database.production.svc.cluster.local', 'A').toString('latin1', 12, q.kind === 'query' ? q.questionEnd - 4 : 0));
  });

  test('reads EDNS0: size, version, DO', () => {
    const p = query('a.cluster.local', 'A', { edns: 1400 });
    p.writeUInt16BE(0x8000, p.length - 4);
    expect(readQuery(p)).toMatchObject({ kind: 'query', edns: { udpSize: 1400, version: 0, dnssecOk: true } });
  });

  test.each([
    ['a label with a space', Buffer.from('a b')],
    ['a label with a dot inside', Buffer.from('a.b')],
    ['a non-ASCII label', Buffer.from([0xc3, 0xa9])],
  ])('marks %s as opaque', (_case, label) => {
    const q = Buffer.concat([header(1, 0, 1, 0, 0, 0), Buffer.from([label.length]), label, Buffer.from([7]), Buffer.from('cluster'), Buffer.from([5]), Buffer.from('local'), Buffer.from([0, 0, 1, 0, 1])]);
    expect(readQuery(q)).toMatchObject({ kind: 'query', opaque: true });
  });

  test.each([
    ['shorter than a header', Buffer.alloc(11)],
    ['a response', header(1, 0x8000, 1, 0, 0, 0)],
  ])('drops %s', (_case, packet) => {
    expect(readQuery(packet)).toEqual({ kind: 'drop' });
  });

  const name = Buffer.from([1, 0x61, 0]); // "a."
  const q = Buffer.concat([name, Buffer.from([0, 1, 0, 1])]);
  const opt = Buffer.from([0, 0, 41, 4, 0xd0, 0, 0, 0, 0, 0, 0]);
  test.each([
    ['no question', header(1, 0, 0, 0, 0, 0), RCODE.FORMERR],
    ['two questions', Buffer.concat([header(1, 0, 2, 0, 0, 0), q, q]), RCODE.FORMERR],
    ['a compression pointer in the question', Buffer.concat([header(1, 0, 1, 0, 0, 0), Buffer.from([0xc0, 0x0c, 0, 1, 0, 1])]), RCODE.FORMERR],
    ['a label type 0x40', Buffer.concat([header(1, 0, 1, 0, 0, 0), Buffer.from([0x41, 0, 0, 1, 0, 1])]), RCODE.FORMERR],
    ['a name over 255 octets', Buffer.concat([header(1, 0, 1, 0, 0, 0), ...Array.from({ length: 5 }, () => Buffer.concat([Buffer.from([60]), Buffer.alloc(60, 0x61)])), Buffer.from([0, 0, 1, 0, 1])]), RCODE.FORMERR],
    ['a question cut short', Buffer.concat([header(1, 0, 1, 0, 0, 0), name, Buffer.from([0, 1])]), RCODE.FORMERR],
    ['an additional record cut short', Buffer.concat([header(1, 0, 1, 0, 0, 1), q, opt.subarray(0, 8)]), RCODE.FORMERR],
    ['two OPT records', Buffer.concat([header(1, 0, 1, 0, 0, 2), q, opt, opt]), RCODE.FORMERR],
    ['an OPT in the answer section', Buffer.concat([header(1, 0, 1, 1, 0, 0), q, opt]), RCODE.FORMERR],
    ['an answer in a query', Buffer.concat([header(1, 0, 1, 1, 0, 0), q, Buffer.from([0, 0, 1, 0, 1, 0, 0, 0, 5, 0, 4, 1, 2, 3, 4])]), RCODE.FORMERR],
    ['an rdlength past the end', Buffer.concat([header(1, 0, 1, 0, 0, 1), q, Buffer.from([0, 0, 41, 4, 0xd0, 0, 0, 0, 0, 0, 9])]), RCODE.FORMERR],
    ['trailing bytes', Buffer.concat([header(1, 0, 1, 0, 0, 0), q, Buffer.from([0])]), RCODE.FORMERR],
    ['opcode IQUERY', Buffer.concat([header(1, 1 << 11, 1, 0, 0, 0), q]), RCODE.NOTIMP],
    ['opcode NOTIFY', Buffer.concat([header(1, 4 << 11, 1, 0, 0, 0), q]), RCODE.NOTIMP],
    ['EDNS version 1', Buffer.concat([header(1, 0, 1, 0, 0, 1), q, Buffer.from([0, 0, 41, 4, 0xd0, 0, 1, 0, 0, 0, 0])]), RCODE.BADVERS],
  ])('answers %s with an error', (_case, packet, rcode) => {
    expect(readQuery(packet)).toMatchObject({ kind: 'error', id: 1, rcode });
  });
});

describe('encodeRecords', () => {
  const rr = (name: string, type: string, data: string): ResourceRecord => ({ name, type, ttl: 5, data });

  test('records owned by the question name point at the question (0xC00C); others carry their name', () => {
    const qname = 'svc.ns.svc.cluster.local.';
    const wire = encodeRecords([rr(qname, 'A', '10.0.0.1'), rr('other.cluster.local.', 'A', '10.0.0.2')], qname);
    expect(wire.subarray(0, 2)).toEqual(Buffer.from([0xc0, 0x0c]));
    // Decode inside a packet whose question is the name in upper case: the answer takes that spelling.
    const packet = Buffer.concat([dnsPacket.encode({ type: 'response', id: 1, questions: [{ name: 'SVC.ns.svc.cluster.local', type: 'A' }] }), wire]);
    packet.writeUInt16BE(2, 6);
    expect(dnsPacket.decode(packet).answers!.map((a: any) => `${a.name} ${a.data}`)).toEqual(['SVC.ns.svc.cluster.local 10.0.0.1', 'other.cluster.local 10.0.0.2']);
  });

  test.each([
    ['SRV', '0 50 5432 db.ns.svc.cluster.local.', { priority: 0, weight: 50, port: 5432, target: 'db.ns.svc.cluster.local' }],
    ['AAAA', 'fd00::1', 'fd00::1'],
    ['CNAME', 'api.example.com.', 'api.example.com'],
    ['PTR', 'db.ns.svc.cluster.local.', 'db.ns.svc.cluster.local'],
    ['TXT', '1.1.0', [Buffer.from('1.1.0')]],
    ['SOA', 'ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 5', { mname: 'ns.dns.cluster.local', rname: 'hostmaster.cluster.local', serial: 1, refresh: 7200, retry: 1800, expire: 86400, minimum: 5 }],
  ])('encodes %s', (type, data, decoded) => {
    const wire = encodeRecords([rr('x.cluster.local.', type, data)], 'q.cluster.local.');
    const packet = Buffer.concat([header(0, 0x8000, 0, 1, 0, 0), wire]);
    expect(dnsPacket.decode(packet).answers![0]).toMatchObject({ name: 'x.cluster.local', type, ttl: 5, data: decoded });
  });

  test.each([
    ['a 64-byte label', `${'a'.repeat(64)}.example.com.`],
    ['an empty label', 'a..example.com.'],
  ])('throws on a name with %s', (_case, target) => {
    expect(() => encodeRecords([rr('x.cluster.local.', 'CNAME', target)], 'x.cluster.local.')).toThrow(/cannot be encoded/);
  });
});

describe('buildResponse and udpLimit', () => {
  const packet = query('a.cluster.local', 'SRV', { id: 3 });
  const q = readQuery(packet);
  if (q.kind !== 'query') throw new Error('test setup');
  const body = (answer: number, additional: number): Body => ({
    rcode: 0,
    authoritative: true,
    answer: Buffer.alloc(answer),
    answerCount: 1,
    authority: Buffer.alloc(0),
    authorityCount: 0,
    additional: Buffer.alloc(additional),
    additionalCount: 2,
  });
  const base = 12 + (q.questionEnd - 12);

  test.each([
    ['everything fits', 100, 100, 512, [1, 0, 2], false],
    ['the additional section does not fit: dropped, no TC (RFC 2181 9)', 300, 300, 512, [1, 0, 0], false],
    ['the answer does not fit: TC, no records', 600, 0, 512, [0, 0, 0], true],
  ])('%s', (_case, answer, additional, limit, counts, tc) => {
    const out = buildResponse(packet, q, body(answer, additional), limit);
    expect([out.readUInt16BE(6), out.readUInt16BE(8), out.readUInt16BE(10)]).toEqual(counts);
    expect((out.readUInt16BE(2) & 0x0200) !== 0).toBe(tc);
    expect(out.length).toBeLessThanOrEqual(limit);
    expect(out.length).toBe(base + (counts[0] ? answer : 0) + (counts[2] ? additional : 0));
  });

  test.each([
    ['no EDNS', undefined, 512],
    ['EDNS 4096 (capped)', 4096, 1232],
    ['EDNS 1400 (capped)', 1400, 1232],
    ['EDNS 800', 800, 800],
    ['EDNS 100 (raised to 512)', 100, 512],
  ])('UDP limit with %s', (_case, size, limit) => {
    expect(udpLimit(size === undefined ? undefined : { udpSize: size, version: 0, dnssecOk: false })).toBe(limit);
  });
});
