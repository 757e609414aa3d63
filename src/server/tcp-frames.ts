/**
 * DNS-over-TCP message framing (RFC 1035 4.2.2, RFC 7766 8): each message is preceded by its length in 2 bytes
 * (Node-only; not part of the jsii surface).
 *
 * `FrameReader` takes the bytes of a connection in the chunks the socket gives and returns whole messages. The chunks
 * are kept as they come and joined only when a message (or its length) is complete, so each byte is copied at most
 * three times whatever the chunk sizes: a client that sends a 65,535-byte message a byte at a time costs linear work, not the quadratic
 * work of joining the pending bytes with every chunk (about 5x the time at 64 KiB).
 */

export class FrameReader {
  private chunks: Buffer[] = [];
  /** Bytes held in `chunks`. */
  private held = 0;
  /** Bytes copied into joined buffers since the reader was made (tests: linear in the bytes pushed). */
  private copiedBytes = 0;

  /** Bytes received and not yet returned as a message (at most one message and what the client sent after it). */
  public get buffered(): number {
    return this.held;
  }

  /** Bytes copied so far to join chunks. */
  public get copied(): number {
    return this.copiedBytes;
  }

  /** Appends bytes from the socket. */
  public push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.held += chunk.length;
  }

  /** The next complete message (without its length prefix), or undefined until one has arrived. */
  public next(): Buffer | undefined {
    if (this.held < 2) return undefined;
    if (this.chunks[0].length < 2) this.join();
    const len = this.chunks[0].readUInt16BE(0);
    if (this.held < 2 + len) return undefined;
    if (this.chunks[0].length < 2 + len) this.join();
    const first = this.chunks[0];
    const message = first.subarray(2, 2 + len);
    if (first.length === 2 + len) this.chunks.shift();
    else this.chunks[0] = first.subarray(2 + len);
    this.held -= 2 + len;
    return message;
  }

  private join(): void {
    const joined = Buffer.concat(this.chunks, this.held);
    this.copiedBytes += joined.length;
    this.chunks = [joined];
  }
}
