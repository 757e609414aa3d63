/**
 * The DNS server of `cdk8s-dns serve`: one UDP socket and one TCP listener on the same address and port, answering
 * with a `Responder` (Node-only; not part of the jsii surface).
 *
 * - `DnsServer.listen(responder, options)`: binds (loopback by default; port 0 = one ephemeral port for both).
 * - `server.responder = next`: swaps the answers atomically (reloads); in-flight queries finish with the old one.
 * - TCP (RFC 7766): 2-byte length framing, several queries per connection answered in order, and back-pressure
 *   (reading and answering pause while the client does not read its answers: one answer at most waits in the
 *   socket's buffer beyond its high-water mark, whatever a client pipelines). A message the responder drops closes
 *   the connection.
 * - Slow clients cannot stop TCP answers (RFC 7766 section 6.2.3): the idle timeout counts from the connection's last
 *   complete query, not from its last byte, so a client that trickles a byte at a time is closed like an idle one;
 *   and at the connection limit a new connection replaces the one that has waited longest for a complete query, so
 *   a full table of slow clients never locks out a client that asks.
 * - Nothing a client sends can crash the process: every socket has an error handler, the responder never throws,
 *   and send errors are ignored (replies are sent without a callback: one that completes at once, almost all, then
 *   costs no deferred call; a failed one reaches the socket's error handler, which does not log it).
 */
import * as dgram from 'dgram';
import * as dns from 'dns';
import * as net from 'net';
import { integerOption } from '../integer-option';
import { Responder } from './responder';
import { FrameReader } from './tcp-frames';

export interface DnsServerOptions {
  /** Address to bind. @default '127.0.0.1' */
  readonly address?: string;
  /** Port for UDP and TCP; 0 picks a free one. @default 5353 */
  readonly port?: number;
  /**
   * Close a TCP connection this long after its last complete query (or its start), whatever partial data it sends.
   * @default 10000
   */
  readonly tcpIdleTimeoutMs?: number;
  /** Concurrent TCP connections at most; a new one then replaces the longest idle one. @default 256 */
  readonly maxTcpConnections?: number;
  /** Problems that do not stop the server (socket errors). @default - ignored */
  readonly log?: (line: string) => void;
}

export class DnsServer {
  /** Binds UDP and TCP and starts answering. Rejects with a one-line message when the port cannot be bound. */
  public static async listen(responder: Responder, options: DnsServerOptions = {}): Promise<DnsServer> {
    const address = options.address ?? '127.0.0.1';
    const port = integerOption('DnsServer', 'port', options.port, 0, 65535, 5353);
    const attempts = port === 0 ? 10 : 1;
    let lastError: unknown;
    for (let i = 0; i < attempts; i++) {
      const server = new DnsServer(responder, address, options);
      try {
        await server.bind(port);
        return server;
      } catch (e) {
        lastError = e;
        await server.close();
        // port 0: the ephemeral UDP port may be taken on TCP; try another one
      }
    }
    const code = (lastError as any)?.code ?? String((lastError as any)?.message ?? lastError);
    throw new Error(`cannot listen on ${address}:${port} (${code})`);
  }

  /** Answers queries; assign a new one to reload. */
  public responder: Responder;
  private readonly udp: dgram.Socket;
  private readonly tcp: net.Server;
  /** Open TCP connections and when each last completed a query (or connected), in ms of `Date.now()`. */
  private readonly connections = new Map<net.Socket, number>();
  private readonly idleMs: number;
  private readonly maxConnections: number;
  private readonly log: (line: string) => void;
  private boundPort = 0;
  private listening = false;
  private closed = false;

  private constructor(responder: Responder, public readonly address: string, options: DnsServerOptions) {
    this.responder = responder;
    this.idleMs = integerOption('DnsServer', 'tcpIdleTimeoutMs', options.tcpIdleTimeoutMs, 1, 2 ** 31 - 1, 10000); // setTimeout's range
    this.maxConnections = integerOption('DnsServer', 'maxTcpConnections', options.maxTcpConnections, 1, 65535, 256); // before any socket
    this.log = options.log ?? (() => undefined);
    this.udp = dgram.createSocket({ type: net.isIPv6(address) ? 'udp6' : 'udp4', lookup: literalLookup });
    // bind errors reject listen(); send errors (client gone, ICMP, a full buffer) are not the server's problem
    this.udp.on('error', (e: NodeJS.ErrnoException) => this.listening && e.syscall !== 'send' && this.log(`udp: ${e.message}`));
    this.udp.on('message', (msg, rinfo) => this.onDatagram(msg, rinfo));
    this.tcp = net.createServer((socket) => this.onConnection(socket));
    this.tcp.on('error', (e) => this.listening && this.log(`tcp: ${e.message}`));
  }

  /** The bound port (UDP and TCP). */
  public get port(): number {
    return this.boundPort;
  }

  /** Stops listening, closes every TCP connection. */
  public async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const c of this.connections.keys()) c.destroy();
    this.connections.clear();
    await Promise.all([
      new Promise<void>((resolve) => {
        try {
          this.udp.close(() => resolve());
        } catch {
          resolve(); // not bound
        }
      }),
      new Promise<void>((resolve) => (this.tcp.listening ? this.tcp.close(() => resolve()) : resolve())),
    ]);
  }

  private async bind(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      this.udp.once('error', onError);
      this.udp.bind({ address: this.address, port, exclusive: true }, () => {
        this.udp.removeListener('error', onError);
        resolve();
      });
    });
    try {
      this.udp.setRecvBufferSize(4 * 1024 * 1024); // bursts (dnsperf) rather than drops; capped by the kernel
    } catch {
      // not permitted: keep the default
    }
    this.boundPort = this.udp.address().port;
    await new Promise<void>((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      this.tcp.once('error', onError);
      this.tcp.listen({ host: this.address, port: this.boundPort, exclusive: true }, () => {
        this.tcp.removeListener('error', onError);
        this.listening = true;
        resolve();
      });
    });
  }

  private onDatagram(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    if (rinfo.port === 0) return;
    const out = this.responder.respond(msg, 'udp');
    // No callback: a send that completes at once (almost all) then costs no deferred call; errors go to 'error'.
    if (out) this.udp.send(out, rinfo.port, rinfo.address);
  }

  private onConnection(socket: net.Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    if (this.connections.size >= this.maxConnections) this.evictLongestIdle();
    this.connections.set(socket, Date.now());
    socket.setNoDelay(true);
    // Not socket.setTimeout: that one restarts on every byte, so a client trickling bytes would never time out.
    const idle = setTimeout(() => socket.destroy(), this.idleMs);
    socket.on('error', ignore);
    socket.on('close', () => {
      clearTimeout(idle);
      this.connections.delete(socket);
    });
    // Back-pressure per answer, not per chunk: one chunk can hold a thousand pipelined queries, each answered with up
    // to 64 KiB, so answering a whole chunk before pausing buffered tens of MB per connection for a client that does
    // not read. Queries wait in `frames` (one chunk at most: reading is paused) until the answers drain.
    const frames = new FrameReader();
    let blocked = false;
    const answer = () => {
      while (!blocked) {
        const msg = frames.next();
        if (!msg) return;
        const out = this.responder.respond(msg, 'tcp');
        if (!out) {
          socket.destroy(); // not a query: nothing sensible to say on this connection
          return;
        }
        idle.refresh();
        this.connections.set(socket, Date.now());
        const frame = Buffer.allocUnsafe(2 + out.length);
        frame.writeUInt16BE(out.length, 0);
        out.copy(frame, 2);
        if (!socket.write(frame)) {
          blocked = true;
          socket.pause();
        }
      }
    };
    socket.on('drain', () => {
      blocked = false;
      answer();
      if (!blocked && !socket.destroyed) socket.resume();
    });
    socket.on('data', (chunk: Buffer) => {
      frames.push(chunk);
      answer();
    });
  }

  /** Closes the connection whose last complete query (or start) is oldest. */
  private evictLongestIdle(): void {
    let oldest: net.Socket | undefined;
    let oldestAt = Infinity;
    for (const [socket, at] of this.connections) {
      if (at < oldestAt) {
        oldest = socket;
        oldestAt = at;
      }
    }
    if (oldest) {
      this.connections.delete(oldest);
      oldest.destroy();
    }
  }
}

/**
 * Replies go to `rinfo.address`, always an IP literal: hand it back at once instead of through `dns.lookup`, which
 * defers every send by a tick (measurable at tens of thousands of datagrams per second).
 */
type LookupCallback = (err: NodeJS.ErrnoException | null, address: string, family: number) => void;

function literalLookup(host: string, options: dns.LookupOneOptions, callback: LookupCallback): void {
  const family = net.isIP(host);
  if (family !== 0) callback(null, host, family);
  else dns.lookup(host, options, callback);
}

function ignore(): void {
  // send errors (client gone, ICMP) are not the server's problem
}
