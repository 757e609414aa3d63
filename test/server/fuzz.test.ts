/**
 * Hostile input: random bytes and mutated queries, first straight into the responder (many runs, fast), then over
 * the real UDP and TCP sockets on 127.0.0.1. The server must never throw or crash; whatever it sends back must be a
 * well-formed response to the packet's id. Loop counts and time are bounded.
 */
/* eslint-disable no-bitwise */
import * as net from 'net';
import * as dnsPacket from 'dns-packet';
import * as fc from 'fast-check';
import { clusterObjects, decode, query, startServer, tcpExchange, udpExchange } from './helpers';
import { Resolver } from '../../src/dns/resolver';
import { ClusterModel } from '../../src/model/cluster-model';
import { Responder } from '../../src/server/responder';
import { DnsServer } from '../../src/server/server';

jest.setTimeout(60000);

const SEEDS: Buffer[] = [
  query('database.production.svc.cluster.local', 'A'),
  query('_http._tcp.web.production.svc.cluster.local', 'SRV', { edns: 1232 }),
  query('10.0.96.10.in-addr.arpa', 'PTR', { edns: 4096 }),
  query('big.production.svc.cluster.local', 'A', { edns: 600 }),
  query('payments.production.svc.cluster.local', 'CNAME'),
  query('nope.example.com', 'AAAA'),
];

/** A valid query with some bytes overwritten, inserted, removed, or cut off. */
const mutated: fc.Arbitrary<Buffer> = fc.tuple(
  fc.constantFrom(...SEEDS),
  fc.array(fc.tuple(fc.constantFrom('set', 'insert', 'delete'), fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
  fc.option(fc.nat(), { nil: undefined }),
).map(([seed, edits, cut]) => {
  const bytes = [...seed];
  for (const [op, at, value] of edits) {
    const i = at % (bytes.length + 1);
    if (op === 'set' && i < bytes.length) bytes[i] = value;
    else if (op === 'insert') bytes.splice(i, 0, value);
    else if (op === 'delete') bytes.splice(i, 1);
  }
  const out = Buffer.from(bytes);
  return cut === undefined ? out : out.subarray(0, cut % (out.length + 1));
});

/** Random bytes; the first 12 sometimes look like a query header with small counts, to get past the header checks. */
const random: fc.Arbitrary<Buffer> = fc.tuple(
  fc.uint8Array({ maxLength: 600 }),
  fc.boolean(),
).map(([bytes, queryLike]) => {
  const b = Buffer.from(bytes);
  if (queryLike && b.length >= 12) {
    b[2] &= 0x7f; // QR clear
    b[4] = 0; b[5] = b[5] % 3;
    b[6] = 0; b[7] = b[7] % 2;
    b[8] = 0; b[9] = b[9] % 2;
    b[10] = 0; b[11] = b[11] % 3;
  }
  return b;
});

const hostile = fc.oneof(mutated, random);

/** Checks a reply: a response to `packet` that dns-packet can read. */
function checkReply(packet: Buffer, reply: Buffer | undefined): void {
  if (reply === undefined) return;
  const decoded = decode(reply);
  expect(decoded.type).toBe('response');
  expect(decoded.id).toBe(packet.readUInt16BE(0));
  expect(decoded.rcode).not.toBe('SERVFAIL'); // SERVFAIL = the responder's catch-all fired: a bug
}

function responder(): Responder {
  const model = ClusterModel.fromObjects(clusterObjects());
  return new Responder(new Resolver(model), model.options.clusterDomain);
}

describe('the responder on hostile packets', () => {
  const r = responder();

  test('never throws; replies are well-formed responses with the same id (UDP)', () => {
    fc.assert(fc.property(hostile, (packet) => {
      const reply = r.respond(packet, 'udp');
      checkReply(packet, reply);
      if (reply) expect(reply.length).toBeLessThanOrEqual(1232);
    }), { numRuns: 3000 });
  });

  test('never throws over TCP (no size limit but 65535)', () => {
    fc.assert(fc.property(hostile, (packet) => checkReply(packet, r.respond(packet, 'tcp'))), { numRuns: 1000 });
  });

  test('random names in the zone and outside it: NOERROR/NXDOMAIN/REFUSED, never a crash', () => {
    const label = fc.stringMatching(/^[A-Za-z0-9_*-]{1,20}$/);
    const name = fc.tuple(fc.array(label, { minLength: 0, maxLength: 6 }), fc.constantFrom('production.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'in-addr.arpa', 'ip6.arpa', 'example.com'))
      .map(([labels, suffix]) => [...labels, suffix].join('.'))
      .filter((n) => n.length <= 250);
    const type = fc.constantFrom<dnsPacket.RecordType>('A', 'AAAA', 'CNAME', 'SRV', 'PTR', 'TXT', 'MX', 'SOA', 'NS', 'CAA');
    fc.assert(fc.property(name, type, (n, t) => {
      const reply = decode(r.respond(query(n, t), 'udp')!);
      expect(['NOERROR', 'NXDOMAIN', 'REFUSED']).toContain(reply.rcode);
      expect(reply.rcode === 'REFUSED').toBe(n.endsWith('example.com'));
    }), { numRuns: 1500 });
  });
});

describe('the server on hostile packets over its sockets', () => {
  let server: DnsServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  test('UDP: 400 hostile datagrams, then the server still answers', async () => {
    const packets = fc.sample(hostile, { numRuns: 400, seed: 7 });
    // Batches of 50, each followed by a valid query as a barrier: the socket is read in order.
    for (let i = 0; i < packets.length; i += 50) {
      await Promise.all(packets.slice(i, i + 50).map(async (p) => checkReply(p, await udpExchange(server.port, p, 300))));
      const alive = await udpExchange(server.port, query('database.production.svc.cluster.local', 'A', { id: i }));
      expect(decode(alive!)).toMatchObject({ id: i, rcode: 'NOERROR' });
    }
  });

  test('TCP: hostile streams are answered or the connection is closed; the server still answers', async () => {
    const streams = fc.sample(fc.array(hostile, { minLength: 1, maxLength: 4 }), { numRuns: 40, seed: 11 });
    await Promise.all(streams.map((packets) => tcpExchange(server.port, packets, packets.length, 1500)));
    // Raw garbage without framing, a length prefix promising more than is sent, and an abrupt close.
    for (const bytes of [Buffer.from([0xff, 0xff, 1, 2, 3]), Buffer.from([0, 0]), Buffer.from('GET / HTTP/1.1\r\n\r\n')]) {
      await new Promise<void>((resolve) => {
        const s = net.connect(server.port, '127.0.0.1', () => {
          s.end(bytes);
          setTimeout(() => {
            s.destroy();
            resolve();
          }, 50);
        });
        s.on('error', () => resolve());
      });
    }
    const [reply] = await tcpExchange(server.port, [query('database.production.svc.cluster.local', 'A', { id: 99 })]);
    expect(decode(reply)).toMatchObject({ id: 99, rcode: 'NOERROR' });
  });
});
