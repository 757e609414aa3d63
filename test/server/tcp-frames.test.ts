/**
 * FrameReader: 2-byte length framing of DNS over TCP, whatever the chunk boundaries, with linear copying.
 */
import { FrameReader } from '../../src/server/tcp-frames';

function framed(...messages: Buffer[]): Buffer {
  return Buffer.concat(messages.flatMap((m) => [lengthPrefix(m.length), m]));
}

function split(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

function readAll(chunks: Buffer[]): { messages: string[]; reader: FrameReader } {
  const reader = new FrameReader();
  const messages: string[] = [];
  for (const c of chunks) {
    reader.push(c);
    for (let m = reader.next(); m; m = reader.next()) messages.push(m.toString('latin1'));
  }
  return { messages, reader };
}

describe('FrameReader', () => {
  const a = Buffer.from('first message');
  const b = Buffer.alloc(300, 'b');
  const empty = Buffer.alloc(0);
  const bytes = framed(a, empty, b);

  test.each([
    ['one chunk', [bytes]],
    ['a byte at a time', split(bytes, 1)],
    ['3-byte chunks (length prefixes split)', split(bytes, 3)],
    ['the length of the second message split from its body', [bytes.subarray(0, 16), bytes.subarray(16, 17), bytes.subarray(17)]],
  ])('%s: the messages, in order, nothing left over', (_case, chunks) => {
    const { messages, reader } = readAll(chunks);
    expect(messages).toEqual([a.toString('latin1'), '', b.toString('latin1')]);
    expect(reader.buffered).toBe(0);
  });

  test('an incomplete message stays buffered and is not returned', () => {
    const { messages, reader } = readAll([Buffer.from([0xff, 0xff]), Buffer.alloc(1000)]);
    expect(messages).toEqual([]);
    expect(reader.buffered).toBe(1002);
  });

  test.each([1, 7, 100])('a 65,535-byte message in %i-byte chunks copies each byte at most three times (linear, not quadratic)', (size) => {
    const big = framed(Buffer.alloc(65535, 1), Buffer.from('after'));
    const { messages, reader } = readAll(split(big, size));
    expect(messages.map((m) => m.length)).toEqual([65535, 5]);
    expect(reader.copied).toBeLessThanOrEqual(3 * big.length);
  });
});

function lengthPrefix(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}
