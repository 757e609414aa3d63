/**
 * The TCP path of the server against hostile clients, over real sockets: work and memory per connection stay bounded
 * whatever a client sends or does not read.
 */
import * as net from 'net';
import * as dnsPacket from 'dns-packet';
import { decode, headless, query, startServer } from './helpers';
import { DnsServer } from '../../src/server/server';

jest.setTimeout(60000);

function frame(packet: Buffer): Buffer {
  return Buffer.concat([lengthPrefix(packet.length), packet]);
}

/** Bytes the server holds in the write buffers of its TCP connections (answers the clients have not read). */
function bufferedAnswerBytes(server: DnsServer): number {
  let total = 0;
  for (const socket of (server as any).connections.keys() as Iterable<net.Socket>) total += socket.writableLength;
  return total;
}

test('a query sent a byte at a time is answered, and the server copies its bytes a bounded number of times (was quadratic)', async () => {
  const server = await startServer();
  // a valid 4 KiB query: an EDNS option pads it (RFC 6891 allows any option code)
  const packet = dnsPacket.encode({
    type: 'query',
    id: 31,
    questions: [{ name: 'database.production.svc.cluster.local', type: 'A', class: 'IN' }],
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, flags: 0, options: [{ code: 65001, data: Buffer.alloc(4000) }] } as any],
  });
  const bytes = frame(packet);
  const concat = jest.spyOn(Buffer, 'concat');
  try {
    const reply = await new Promise<Buffer>((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1');
      socket.setNoDelay(true);
      socket.on('error', reject);
      socket.on('data', (d: Buffer) => {
        socket.destroy();
        resolve(d.subarray(2));
      });
      socket.on('connect', async () => {
        for (let i = 0; i < bytes.length; i++) {
          socket.write(bytes.subarray(i, i + 1));
          await new Promise((r) => setImmediate(r));
        }
      });
    });
    expect(decode(reply)).toMatchObject({ id: 31, rcode: 'NOERROR' });
    const copied = concat.mock.results.reduce((sum, r) => sum + (r.value as Buffer).length, 0);
    expect(copied).toBeLessThanOrEqual(3 * bytes.length + 4096); // quadratic: about bytes^2 / 2 = 8 MB
  } finally {
    concat.mockRestore();
    await server.close();
  }
});

test('pipelined queries from a client that does not read: answers wait for it, not in server memory (was 16 MB per connection)', async () => {
  // each answer: 800 A records, about 13 KB; 2,000 queries in 104 KB
  const server = await startServer(headless('big', 800), { tcpIdleTimeoutMs: 60_000 });
  const queries = 2000;
  const bytes = Buffer.concat(Array.from({ length: queries }, (_, id) => frame(query('big.production.svc.cluster.local', 'A', { id }))));
  const socket = net.connect(server.port, '127.0.0.1');
  try {
    socket.pause(); // does not read
    await new Promise((r) => socket.once('connect', r));
    socket.write(bytes);
    await new Promise((r) => setTimeout(r, 1000));
    expect(bufferedAnswerBytes(server)).toBeLessThan(256 * 1024);

    // once the client reads, every query is answered, in order
    const ids: number[] = [];
    let pending = Buffer.alloc(0);
    await new Promise<void>((resolve, reject) => {
      socket.on('error', reject);
      socket.on('data', (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
          ids.push(pending.readUInt16BE(2));
          pending = pending.subarray(2 + pending.readUInt16BE(0));
        }
        if (ids.length === queries) resolve();
      });
      socket.resume();
    });
    expect(ids).toEqual(Array.from({ length: queries }, (_, id) => id));
  } finally {
    socket.destroy();
    await server.close();
  }
});

function lengthPrefix(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}
