/**
 * The server over real sockets on 127.0.0.1 (ephemeral ports): Node's resolver (c-ares) as the client, then raw
 * packets for flags, sections, EDNS0, truncation and TCP. No mocks.
 */
/* eslint-disable no-bitwise */
import * as net from 'net';
import * as dnsPacket from 'dns-packet';
import { clusterObjects, decode, nodeResolver, query, rcodeOf, startServer, tcpExchange, TIMEOUT_MS, udpExchange } from './helpers';
import { Resolver } from '../../src/dns/resolver';
import { ClusterModel } from '../../src/model/cluster-model';
import { Responder } from '../../src/server/responder';
import { DnsServer } from '../../src/server/server';

jest.setTimeout(30000);

let server: DnsServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e: any) {
    return e.code;
  }
}

describe("Node's dns.promises.Resolver against the server", () => {
  test('A of a ClusterIP Service', async () => {
    expect(await nodeResolver(server.port).resolve4('database.production.svc.cluster.local')).toEqual(['10.96.0.10']);
  });

  test('A in mixed case (matching is case-insensitive, dns-rules 4)', async () => {
    expect(await nodeResolver(server.port).resolve4('DataBase.Production.SVC.cluster.local')).toEqual(['10.96.0.10']);
  });

  test('SRV of a named port', async () => {
    expect(await nodeResolver(server.port).resolveSrv('_postgres._tcp.database.production.svc.cluster.local')).toEqual([
      { name: 'database.production.svc.cluster.local', port: 5432, priority: 0, weight: 100 },
    ]);
  });

  test('SRV of a headless Service lists each endpoint', async () => {
    const srv = await nodeResolver(server.port).resolveSrv('_http._tcp.web.production.svc.cluster.local');
    expect(srv.map((s) => `${s.port} ${s.name}`).sort()).toEqual([0, 1, 2].map((i) => `8080 pod-${i}.web.production.svc.cluster.local`));
  });

  test('PTR of a ClusterIP (reverse)', async () => {
    expect(await nodeResolver(server.port).reverse('10.96.0.10')).toEqual(['database.production.svc.cluster.local']);
  });

  test('AAAA of a dual-stack Service', async () => {
    expect(await nodeResolver(server.port).resolve6('dual.production.svc.cluster.local')).toEqual(['fd00::11']);
  });

  test('CNAME of an ExternalName Service', async () => {
    expect(await nodeResolver(server.port).resolveCname('payments.production.svc.cluster.local')).toEqual(['api.payments.example.com']);
  });

  test('A of an ExternalName aliasing an in-zone Service follows the CNAME (dns-rules 32)', async () => {
    expect(await nodeResolver(server.port).resolve4('db-alias.production.svc.cluster.local')).toEqual(['10.96.0.10']);
  });

  test('TXT dns-version', async () => {
    expect(await nodeResolver(server.port).resolveTxt('dns-version.cluster.local')).toEqual([['1.1.0']]);
  });

  test('SOA of the zone apex', async () => {
    expect(await nodeResolver(server.port).resolveSoa('cluster.local')).toMatchObject({
      nsname: 'ns.dns.cluster.local', hostmaster: 'hostmaster.cluster.local', serial: 1, refresh: 7200, retry: 1800, expire: 86400,
    });
  });

  test('120 addresses: truncated over UDP, complete after the TCP fallback', async () => {
    const ips = await nodeResolver(server.port).resolve4('big.production.svc.cluster.local');
    expect(ips).toHaveLength(120);
    expect(new Set(ips).size).toBe(120);
  });

  test.each([
    ['NXDOMAIN for an unknown Service', () => nodeResolver(server.port).resolve4('nope.production.svc.cluster.local'), 'ENOTFOUND'],
    ['NODATA for AAAA of an IPv4-only Service', () => nodeResolver(server.port).resolve6('database.production.svc.cluster.local'), 'ENODATA'],
    ['REFUSED for a name outside the cluster zone', () => nodeResolver(server.port).resolve4('example.com'), 'EREFUSED'],
  ])('%s', async (_name, ask, expected) => {
    expect(await code(ask())).toBe(expected);
  });
});

describe('raw packets', () => {
  test('flags: QR, AA, RD copied, RA clear; the question echoed byte for byte (dns-rules 4)', async () => {
    const name = 'DaTaBaSe.PRODUCTION.svc.Cluster.Local';
    const reply = decode((await udpExchange(server.port, query(name, 'A', { id: 777 })))!);
    expect(reply).toMatchObject({ id: 777, type: 'response', flag_qr: true, flag_aa: true, flag_rd: true, flag_ra: false, flag_tc: false, rcode: 'NOERROR', opcode: 'QUERY' });
    expect(reply.questions).toEqual([{ name, type: 'A', class: 'IN' }]);
    expect(reply.answers).toEqual([expect.objectContaining({ name, type: 'A', ttl: 5, data: '10.96.0.10' })]);
  });

  test('RD clear stays clear', async () => {
    const reply = decode((await udpExchange(server.port, query('database.production.svc.cluster.local', 'A', { flags: 0 })))!);
    expect(reply.flag_rd).toBe(false);
  });

  test.each([
    ['NXDOMAIN', 'nope.production.svc.cluster.local', 'A', 'NXDOMAIN', 'cluster.local'],
    ['NODATA', 'database.production.svc.cluster.local', 'TXT', 'NOERROR', 'cluster.local'],
    ['NXDOMAIN in the reverse zone', '9.9.9.9.in-addr.arpa', 'PTR', 'NXDOMAIN', 'in-addr.arpa'],
  ])('%s carries the zone SOA in the authority section (dns-rules 3)', async (_case, name, type, rcode, zone) => {
    const reply = decode((await udpExchange(server.port, query(name, type as dnsPacket.RecordType)))!);
    expect(reply.rcode).toBe(rcode);
    expect(reply.flag_aa).toBe(true);
    expect(reply.answers).toEqual([]);
    expect(reply.authorities).toEqual([expect.objectContaining({
      name: zone,
      type: 'SOA',
      ttl: 5,
      data: { mname: `ns.dns.${zone}`, rname: `hostmaster.${zone}`, serial: 1, refresh: 7200, retry: 1800, expire: 86400, minimum: 5 },
    })]);
  });

  test('REFUSED outside the zone: not authoritative, nothing forwarded', async () => {
    const reply = decode((await udpExchange(server.port, query('www.example.com', 'A')))!);
    expect(reply).toMatchObject({ rcode: 'REFUSED', flag_aa: false, answers: [], authorities: [] });
  });

  test('SRV: the targets\' addresses go in the additional section', async () => {
    const reply = decode((await udpExchange(server.port, query('_http._tcp.web.production.svc.cluster.local', 'SRV')))!);
    expect(reply.answers).toHaveLength(3);
    expect(reply.additionals.map((a: any) => `${a.name} ${a.data}`).sort()).toEqual([0, 1, 2].map((i) => `pod-${i}.web.production.svc.cluster.local 10.1.0.${i + 1}`));
  });

  test('EDNS0: OPT in the response only when the query had one; DO copied', async () => {
    const withOpt = decode((await udpExchange(server.port, query('database.production.svc.cluster.local', 'A', { edns: 4096 })))!);
    expect(withOpt.additionals).toEqual([expect.objectContaining({ type: 'OPT', name: '.', udpPayloadSize: 1232, ednsVersion: 0, flag_do: false })]);
    const plain = decode((await udpExchange(server.port, query('database.production.svc.cluster.local', 'A')))!);
    expect(plain.additionals).toEqual([]);
    const packet = query('database.production.svc.cluster.local', 'A', { edns: 1232 });
    packet.writeUInt16BE(0x8000, packet.length - 4); // DO bit in the OPT TTL field
    const withDo = decode((await udpExchange(server.port, packet))!);
    expect(withDo.additionals[0]).toMatchObject({ type: 'OPT', flag_do: true });
  });

  test.each([
    ['40 A records without EDNS: over 512 bytes, TC and no records', 'mid', undefined, true, 0],
    ['40 A records with EDNS 1232: fits', 'mid', 1232, false, 40],
    ['40 A records with EDNS 600: TC (the advertised size is honoured)', 'mid', 600, true, 0],
    ['120 A records with EDNS 65000: TC (capped at 1232)', 'big', 65000, true, 0],
    ['3 A records without EDNS: fits', 'web', undefined, false, 3],
  ])('%s', async (_case, svc, edns, tc, answers) => {
    const reply = await udpExchange(server.port, query(`${svc}.production.svc.cluster.local`, 'A', { edns }));
    const limit = edns === undefined ? 512 : Math.min(Math.max(edns, 512), 1232);
    expect(reply!.length).toBeLessThanOrEqual(limit);
    const decoded = decode(reply!);
    expect(decoded.flag_tc).toBe(tc);
    expect(decoded.answers).toHaveLength(answers);
    expect(decoded.questions).toHaveLength(1);
  });

  test('TCP: several queries on one connection, answered in order, no truncation', async () => {
    const replies = await tcpExchange(server.port, [
      query('big.production.svc.cluster.local', 'A', { id: 1 }),
      query('database.production.svc.cluster.local', 'A', { id: 2 }),
      query('nope.production.svc.cluster.local', 'A', { id: 3 }),
    ]);
    const decoded = replies.map((r) => decode(r));
    expect(decoded.map((d) => [d.id, d.rcode, d.answers.length, d.flag_tc])).toEqual([
      [1, 'NOERROR', 120, false],
      [2, 'NOERROR', 1, false],
      [3, 'NXDOMAIN', 0, false],
    ]);
  });

  test('TCP: a message split across writes is reassembled', async () => {
    const packet = query('database.production.svc.cluster.local', 'A', { id: 9 });
    const framed = Buffer.concat([Buffer.from([0, packet.length]), packet]);
    const reply = await new Promise<Buffer>((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1');
      socket.on('error', reject);
      socket.on('data', (d: Buffer) => {
        socket.destroy();
        resolve(d.subarray(2));
      });
      socket.on('connect', async () => {
        for (const b of framed) {
          socket.write(Buffer.from([b]));
          await new Promise((r) => setImmediate(r));
        }
      });
    });
    expect(decode(reply)).toMatchObject({ id: 9, rcode: 'NOERROR' });
  });

  test.each([
    ['two questions -> FORMERR', () => dnsPacket.encode({ type: 'query', id: 5, questions: [{ name: 'a.cluster.local', type: 'A' }, { name: 'b.cluster.local', type: 'A' }] }), 'FORMERR'],
    ['no question -> FORMERR', () => dnsPacket.encode({ type: 'query', id: 5, questions: [] }), 'FORMERR'],
    ['opcode STATUS -> NOTIMP', () => withOpcode(2), 'NOTIMP'],
    ['opcode UPDATE -> NOTIMP', () => withOpcode(5), 'NOTIMP'],
    ['class CH -> REFUSED', () => dnsPacket.encode({ type: 'query', id: 5, questions: [{ name: 'version.bind', type: 'TXT', class: 'CH' }] }), 'REFUSED'],
    ['AXFR -> REFUSED', () => dnsPacket.encode({ type: 'query', id: 5, questions: [{ name: 'cluster.local', type: 'AXFR' }] }), 'REFUSED'],
    ['a truncated question -> FORMERR', () => query('database.production.svc.cluster.local').subarray(0, 20), 'FORMERR'],
    ['trailing garbage -> FORMERR', () => Buffer.concat([query('database.production.svc.cluster.local'), Buffer.from([1, 2, 3])]), 'FORMERR'],
  ])('%s', async (_case, make, rcode) => {
    const reply = await udpExchange(server.port, make());
    expect(reply).toBeDefined();
    expect(rcodeOf(reply!)).toBe(rcode);
    expect(reply!.readUInt16BE(0)).toBe(make().readUInt16BE(0));
  });

  test('EDNS version 1 -> BADVERS (extended rcode 16) with our OPT', async () => {
    const packet = query('database.production.svc.cluster.local', 'A', { edns: 1232 });
    packet[packet.length - 5] = 1; // EDNS version byte of the OPT TTL
    const reply = decode((await udpExchange(server.port, packet))!);
    expect(reply.answers).toEqual([]);
    expect(reply.additionals[0]).toMatchObject({ type: 'OPT', extendedRcode: 1 });
  });

  test.each([
    ['a response (QR set)', () => {
      const p = query('database.production.svc.cluster.local');
      p[2] |= 0x80;
      return p;
    }],
    ['a packet shorter than a header', () => Buffer.from([1, 2, 3, 4, 5])],
  ])('drops %s (no reply)', async (_case, make) => {
    expect(await udpExchange(server.port, make(), 500)).toBeUndefined();
    expect(await udpExchange(server.port, query('database.production.svc.cluster.local'))).toBeDefined(); // still alive
  });

  test('TCP: idle connections are closed', async () => {
    const idle = await startServer(undefined, { tcpIdleTimeoutMs: 200 });
    try {
      const closedAfter = await new Promise<number>((resolve) => {
        const start = Date.now();
        const socket = net.connect(idle.port, '127.0.0.1');
        socket.on('error', () => undefined);
        socket.on('close', () => resolve(Date.now() - start));
      });
      expect(closedAfter).toBeLessThan(TIMEOUT_MS * 2);
    } finally {
      await idle.close();
    }
  });

  test('TCP: a client trickling bytes of a query that never completes is closed like an idle one', async () => {
    const slow = await startServer(undefined, { tcpIdleTimeoutMs: 300 });
    const socket = net.connect(slow.port, '127.0.0.1');
    const ticker = setInterval(() => socket.write(Buffer.from([0])), 50); // a byte every 50 ms: never idle by bytes
    try {
      const closedAfter = await new Promise<number>((resolve) => {
        const start = Date.now();
        socket.on('error', () => undefined);
        socket.on('close', () => resolve(Date.now() - start));
        socket.write(Buffer.from([0xff, 0xff])); // announces a 65,535-byte message
      });
      expect(closedAfter).toBeGreaterThanOrEqual(250);
      expect(closedAfter).toBeLessThan(TIMEOUT_MS);
    } finally {
      clearInterval(ticker);
      socket.destroy();
      await slow.close();
    }
  });

  test('TCP: a connection that completes queries stays open past the idle timeout', async () => {
    const busy = await startServer(undefined, { tcpIdleTimeoutMs: 300 });
    try {
      const packet = query('database.production.svc.cluster.local', 'A');
      const framed = Buffer.concat([Buffer.from([0, packet.length]), packet]);
      const answers = await new Promise<number>((resolve, reject) => {
        const socket = net.connect(busy.port, '127.0.0.1');
        let n = 0;
        socket.on('error', reject);
        socket.on('close', () => resolve(n));
        socket.on('data', () => {
          n++;
          if (n === 6) socket.destroy();
          else setTimeout(() => socket.write(framed), 150); // 6 queries over ~750 ms, each within 300 ms of the last
        });
        socket.on('connect', () => socket.write(framed));
      });
      expect(answers).toBe(6);
    } finally {
      await busy.close();
    }
  });

  test('TCP: at the connection limit, slow clients do not lock out a client that asks: the longest idle one is closed', async () => {
    const limited = await startServer(undefined, { maxTcpConnections: 4, tcpIdleTimeoutMs: 60_000 });
    const slow: net.Socket[] = [];
    const closed: number[] = [];
    const ticker = setInterval(() => slow.forEach((s) => s.writable && s.write(Buffer.from([0]))), 50);
    try {
      for (let i = 0; i < 4; i++) {
        const s = net.connect(limited.port, '127.0.0.1');
        s.on('error', () => undefined);
        s.on('close', () => closed.push(i));
        slow.push(s);
        await new Promise((r) => s.once('connect', r));
        s.write(Buffer.from([0xff, 0xff]));
        await new Promise((r) => setTimeout(r, 20)); // distinct start times: slow[0] is the longest idle
      }
      await new Promise((r) => setTimeout(r, 100)); // let the server accept all four
      const packet = query('database.production.svc.cluster.local', 'A', { id: 77 });
      const replies = await tcpExchange(limited.port, [packet]);
      expect(decode(replies[0])).toMatchObject({ id: 77, rcode: 'NOERROR' });
      await new Promise((r) => setTimeout(r, 100));
      expect(closed).toEqual([0]);
    } finally {
      clearInterval(ticker);
      slow.forEach((s) => s.destroy());
      await limited.close();
    }
  });

  test('UDP send errors (client gone, a full buffer) are not logged; other socket errors are', async () => {
    const lines: string[] = [];
    const logged = await startServer(undefined, { log: (l) => lines.push(l) });
    try {
      const udp = (logged as any).udp;
      udp.emit('error', Object.assign(new Error('send ENOBUFS 127.0.0.1:5353'), { syscall: 'send' }));
      udp.emit('error', Object.assign(new Error('recvmsg ENOMEM'), { syscall: 'recvmsg' }));
      expect(lines).toEqual(['udp: recvmsg ENOMEM']);
      expect(rcodeOf((await udpExchange(logged.port, query('database.production.svc.cluster.local')))!)).toBe('NOERROR');
    } finally {
      await logged.close();
    }
  });

  test('a port in use: listen rejects with one line naming the address', async () => {
    await expect(startServer(undefined, { port: server.port })).rejects.toThrow(/^cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)$/);
  });
});

function withOpcode(opcode: number): Buffer {
  const p = query('database.production.svc.cluster.local', 'A', { id: 5 });
  p.writeUInt16BE((p.readUInt16BE(2) & ~0x7800) | (opcode << 11), 2);
  return p;
}

describe('an answer the resolver cut', () => {
  // A resolver that lists at most 10 records an answer, so a cut answer fits one message: before, it went out
  // without TC (a silent cut on the wire); CoreDNS (miekg/dns Truncate) sets TC whenever it drops records.
  let small: DnsServer;
  beforeAll(async () => {
    const model = ClusterModel.fromObjects(clusterObjects());
    const responder = new Responder(new Resolver(model, { maxAnswerRecords: 10 }), model.options.clusterDomain);
    small = await DnsServer.listen(responder, { address: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await small?.close();
  });

  test.each([
    ['UDP', 'udp'],
    ['TCP', 'tcp'],
  ])('sets TC over %s, with the records kept, also when asked again (cached)', async (_name, transport) => {
    const ask = async () => decode(transport === 'udp'
      ? (await udpExchange(small.port, query('mid.production.svc.cluster.local', 'A')))!
      : (await tcpExchange(small.port, [query('mid.production.svc.cluster.local', 'A')]))[0]);
    for (const reply of [await ask(), await ask()]) {
      expect(reply).toMatchObject({ flag_tc: true, flag_aa: true, rcode: 'NOERROR' });
      expect(reply.answers).toHaveLength(10);
    }
  });

  test('an answer that was not cut has no TC', async () => {
    const reply = decode((await udpExchange(small.port, query('web.production.svc.cluster.local', 'A')))!);
    expect(reply.flag_tc).toBe(false);
    expect(reply.answers).toHaveLength(3);
  });
});
