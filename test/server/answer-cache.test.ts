/* eslint-disable no-bitwise */
import * as fc from 'fast-check';
import { clusterObjects, decode, query } from './helpers';
import { Resolver } from '../../src/dns/resolver';
import { ClusterModel } from '../../src/model/cluster-model';
import { AnswerCache, AnswerCacheOptions, MAX_PROBES, plainQuestionEnd } from '../../src/server/answer-cache';
import { Responder, ResponderOptions, Transport } from '../../src/server/responder';
import { Body, emptyBody, readQuery } from '../../src/server/wire';

function header(id: number, flags: number, qd: number, an: number, ns: number, ar: number): Buffer {
  const b = Buffer.alloc(12);
  [id, flags, qd, an, ns, ar].forEach((v, i) => b.writeUInt16BE(v, i * 2));
  return b;
}

const question = Buffer.from([1, 0x61, 0, 0, 1, 0, 1]); // a. A IN
const edits = (most: number) => fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: most });
const opt = (version = 0, rdata: number[] = []) => Buffer.from([0, 0, 41, 4, 0xd0, 0, version, 0, 0, 0, rdata.length, ...rdata]);

describe('plainQuestionEnd', () => {
  test.each([
    ['a query without EDNS', Buffer.concat([header(1, 0x0100, 1, 0, 0, 0), question]), 19],
    ['a query with an OPT record', Buffer.concat([header(1, 0, 1, 0, 0, 1), question, opt()]), 19],
    ['a query with an OPT record carrying an option (a cookie)', Buffer.concat([header(1, 0, 1, 0, 0, 1), question, opt(0, [0, 10, 0, 2, 1, 2])]), 19],
    ['a response', Buffer.concat([header(1, 0x8000, 1, 0, 0, 0), question]), -1],
    ['opcode NOTIFY', Buffer.concat([header(1, 4 << 11, 1, 0, 0, 0), question]), -1],
    ['two questions', Buffer.concat([header(1, 0, 2, 0, 0, 0), question, question]), -1],
    ['an answer record', Buffer.concat([header(1, 0, 1, 1, 0, 0), question, opt()]), -1],
    ['an authority record', Buffer.concat([header(1, 0, 1, 0, 1, 0), question, opt()]), -1],
    ['trailing bytes', Buffer.concat([header(1, 0, 1, 0, 0, 0), question, Buffer.from([0])]), -1],
    ['EDNS version 1', Buffer.concat([header(1, 0, 1, 0, 0, 1), question, opt(1)]), -1],
    ['two OPT records', Buffer.concat([header(1, 0, 1, 0, 0, 2), question, opt(), opt()]), -1],
    ['an OPT with an rdlength past the end', Buffer.concat([header(1, 0, 1, 0, 0, 1), question, opt().subarray(0, 10), Buffer.from([9])]), -1],
    ['a compression pointer in the question', Buffer.concat([header(1, 0, 1, 0, 0, 0), Buffer.from([0xc0, 0x0c, 0, 1, 0, 1])]), -1],
    ['a name over 255 octets', Buffer.concat([header(1, 0, 1, 0, 0, 0), ...Array.from({ length: 5 }, () => Buffer.concat([Buffer.from([60]), Buffer.alloc(60, 0x61)])), Buffer.from([0, 0, 1, 0, 1])]), -1],
    ['a question cut short', Buffer.concat([header(1, 0, 1, 0, 0, 0), question.subarray(0, 5)]), -1],
    ['a header only', header(1, 0, 1, 0, 0, 0), -1],
  ])('%s -> %d', (_case, packet, end) => {
    expect(plainQuestionEnd(packet)).toBe(end);
  });

  test('every packet it accepts, readQuery reads as a query whose question ends there', () => {
    const seeds = [query('database.production.svc.cluster.local'), query('web.production.svc.cluster.local', 'SRV', { edns: 1232 })];
    fc.assert(fc.property(fc.constantFrom(...seeds), edits(4), (seed, changes) => {
      const p = Buffer.from(seed);
      for (const [at, value] of changes) p[at % p.length] = value;
      const end = plainQuestionEnd(p);
      if (end < 0) return;
      const q = readQuery(p);
      expect(q.kind === 'query' || (q.kind === 'error' && q.rcode !== 1)).toBe(true); // never FORMERR
      expect(q.kind === 'query' && q.questionEnd).toBe(end);
    }), { numRuns: 3000, seed: 19 });
  });
});

describe('AnswerCache', () => {
  const body: Body = { ...emptyBody(0, true), answer: Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 5, 0, 4, 10, 0, 0, 1]), answerCount: 1 };

  test('finds a question in any spelling of its name, and copies the id, RD, CD and the spelling of each query', () => {
    const cache = new AnswerCache();
    const first = query('Web.Production.svc.cluster.local');
    cache.add(first, plainQuestionEnd(first), body);
    for (const [name, id, flags] of [['web.production.svc.cluster.local', 1, 0x0100], ['WEB.PRODUCTION.SVC.CLUSTER.LOCAL', 65535, 0x0010], ['wEb.pRoDuCtIoN.sVc.cLuStEr.lOcAl', 7, 0]] as const) {
      const p = query(name, 'A', { id, flags });
      const entry = cache.find(p, plainQuestionEnd(p));
      expect(entry).toBe(0);
      const reply = cache.reply(entry, p, plainQuestionEnd(p), false, 1232)!;
      const d = decode(reply);
      expect(d).toMatchObject({ id, type: 'response', flags: 0x0400 | flags, questions: [{ name }], answers: [{ name, data: '10.0.0.1' }] });
    }
  });

  test('the type and class bytes are compared as they are (type 65 is not type 97)', () => {
    const cache = new AnswerCache();
    const https = query('a.cluster.local', 'HTTPS' as any); // type 65: its low byte is "A"
    cache.add(https, https.length, body);
    const t97 = Buffer.from(https);
    t97[t97.length - 3] = 97;
    expect(cache.find(https, https.length)).toBe(0);
    expect(cache.find(t97, t97.length)).toBe(-1);
  });

  test('appends an OPT record (our size, DO copied) when the query had one', () => {
    const cache = new AnswerCache();
    const p = query('a.cluster.local', 'A', { edns: 4096 });
    p.writeUInt16BE(0x8000, p.length - 4); // DO
    cache.add(p, plainQuestionEnd(p), body);
    const d = decode(cache.reply(0, p, plainQuestionEnd(p), false, 1232)!);
    expect(d.additionals).toEqual([expect.objectContaining({ type: 'OPT', udpPayloadSize: 1232, flags: 0x8000 })]);
  });

  test('gives no reply when the response exceeds the limit of the transport (the caller truncates)', () => {
    const cache = new AnswerCache();
    const big: Body = { ...body, additional: Buffer.alloc(600), additionalCount: 0 };
    const p = query('a.cluster.local');
    cache.add(p, p.length, big);
    expect(cache.reply(0, p, p.length, false, 1232)).toBeUndefined();
    expect(cache.reply(0, p, p.length, true, 1232)).toHaveLength(12 + 21 + 16 + 600);
  });

  test.each<[string, AnswerCacheOptions, number]>([
    ['entries', { maxEntries: 3 }, 3],
    ['bytes', { maxBytes: 1024 }, 1024 / (12 + 21 + 16 + 100)],
  ])('starts over when full (%s) and still finds what it holds', (_case, options, most) => {
    const cache = new AnswerCache(options);
    for (let i = 0; i < 200; i++) {
      const p = query(`name-${i}.cluster.local`);
      cache.add(p, p.length, { ...body, additional: Buffer.alloc(100, i) });
      expect(cache.find(p, p.length)).toBeGreaterThanOrEqual(0);
      expect(cache.body(cache.find(p, p.length)).additional).toEqual(Buffer.alloc(100, i));
      expect(cache.size).toBeLessThanOrEqual(most);
    }
  });

  test.each<[string, AnswerCacheOptions]>([
    ['maxEntries NaN', { maxEntries: NaN }],
    ['maxEntries Infinity', { maxEntries: Infinity }],
    ['maxBytes NaN', { maxBytes: NaN }],
    ['maxBytes -Infinity', { maxBytes: -Infinity }],
  ])('%s: the default, and every name added is found (no endless probe)', (_case, options) => {
    const cache = new AnswerCache(options);
    for (let i = 0; i < 40; i++) {
      const p = query(`name-${i}.cluster.local`);
      cache.add(p, p.length, body);
      expect(cache.find(p, p.length)).toBe(i);
    }
  });

  test(`names that share one slot (chosen knowing the seed): at most ${MAX_PROBES} are stored, the others are not found, each look-up ends`, () => {
    const cache = new AnswerCache({ maxEntries: 1000, seed: 42 });
    const chosen: Buffer[] = [];
    for (let i = 0; chosen.length < 3 * MAX_PROBES; i++) {
      const p = query(`x${i.toString(36)}.example.org`);
      if (cache.homeSlot(p, p.length) === 0) chosen.push(p);
    }
    for (const p of chosen) cache.add(p, p.length, body);
    expect(cache.size).toBe(MAX_PROBES);
    expect(chosen.map((p) => cache.find(p, p.length) >= 0)).toEqual(chosen.map((_, i) => i < MAX_PROBES));
  });

  test('the seed is per cache: the same name lands in other slots in other caches', () => {
    const p = query('web.production.svc.cluster.local');
    const slots = new Set(Array.from({ length: 20 }, () => new AnswerCache().homeSlot(p, p.length)));
    expect(slots.size).toBeGreaterThan(1);
    expect(new AnswerCache({ seed: 7 }).homeSlot(p, p.length)).toBe(new AnswerCache({ seed: 7 }).homeSlot(p, p.length));
  });
});

/** The reply of a responder that has seen the question before (the cached path) and of a new one (computed). */
function bothPaths(packet: Buffer, transport: Transport = 'udp', options: ResponderOptions = {}): [Buffer | undefined, Buffer | undefined] {
  const model = ClusterModel.fromObjects(clusterObjects());
  const make = () => new Responder(new Resolver(model), model.options.clusterDomain, options);
  const warm = make();
  const primer = Buffer.from(packet);
  if (primer.length > 12) primer.writeUInt16BE(primer.readUInt16BE(0) ^ 0x5555, 0); // another id
  warm.respond(primer, transport);
  return [warm.respond(packet, transport), make().respond(packet, transport)];
}

describe('Responder: cached answers are byte for byte the computed ones', () => {
  const withDo = (p: Buffer) => {
    p.writeUInt16BE(0x8000, p.length - 4);
    return p;
  };
  test.each([
    ['A of a ClusterIP Service', query('database.production.svc.cluster.local')],
    ['A in mixed case (0x20)', query('dAtAbAsE.pRoDuCtIoN.SvC.cLuStEr.LoCaL', 'A', { id: 1 })],
    ['RD clear, CD set', query('database.production.svc.cluster.local', 'A', { flags: 0x0010 })],
    ['AAAA NODATA', query('database.production.svc.cluster.local', 'AAAA')],
    ['NXDOMAIN', query('nope.production.svc.cluster.local')],
    ['REFUSED outside the zones', query('example.org')],
    ['SRV with additional addresses', query('_http._tcp.web.production.svc.cluster.local', 'SRV')],
    ['CNAME of an ExternalName', query('payments.production.svc.cluster.local', 'CNAME')],
    ['A through an in-zone CNAME', query('db-alias.production.svc.cluster.local')],
    ['PTR', query('10.0.96.10.in-addr.arpa', 'PTR')],
    ['SOA of the apex', query('cluster.local', 'SOA')],
    ['TXT dns-version', query('dns-version.cluster.local', 'TXT')],
    ['EDNS 1232', query('web.production.svc.cluster.local', 'A', { edns: 1232 })],
    ['EDNS 4096 with DO', withDo(query('mid.production.svc.cluster.local', 'A', { edns: 4096 }))],
    ['EDNS below 512 (taken as 512)', query('mid.production.svc.cluster.local', 'A', { edns: 100 })],
    ['40 addresses over UDP: TC', query('mid.production.svc.cluster.local')],
    ['120 addresses with EDNS 1232: TC', query('big.production.svc.cluster.local', 'A', { edns: 1232 })],
    ['SRV of 40 endpoints with EDNS 1232: additional dropped', query('_http._tcp.mid.production.svc.cluster.local', 'SRV', { edns: 1232 })],
    ['an unknown type', query('database.production.svc.cluster.local', 'MX')],
  ])('%s', (_case, packet) => {
    for (const transport of ['udp', 'tcp'] as const) {
      const [cached, computed] = bothPaths(packet, transport);
      expect(cached).toBeDefined();
      expect(cached!.toString('hex')).toBe(computed!.toString('hex'));
    }
  });

  test('for mutated queries too (whatever path each takes)', () => {
    const seeds = [
      query('database.production.svc.cluster.local'),
      query('_http._tcp.web.production.svc.cluster.local', 'SRV', { edns: 1232 }),
      query('big.production.svc.cluster.local', 'A', { edns: 600 }),
      query('payments.production.svc.cluster.local', 'CNAME'),
    ];
    fc.assert(fc.property(fc.constantFrom(...seeds), edits(3), fc.boolean(), (seed, changes, tcp) => {
      const p = Buffer.from(seed);
      for (const [at, value] of changes) p[at % p.length] = value;
      const [cached, computed] = bothPaths(p, tcp ? 'tcp' : 'udp');
      expect(cached?.toString('hex')).toBe(computed?.toString('hex'));
    }), { numRuns: 300, seed: 19 });
  });
});
