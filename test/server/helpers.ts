import * as dgram from 'dgram';
import { promises as dnsPromises } from 'dns';
import * as net from 'net';
import * as dnsPacket from 'dns-packet';
import { Resolver } from '../../src/dns/resolver';
import { ClusterModel } from '../../src/model/cluster-model';
import { Responder } from '../../src/server/responder';
import { DnsServer, DnsServerOptions } from '../../src/server/server';

/** Generous: the suite must pass on a loaded 2-core machine. */
export const TIMEOUT_MS = 4000;

/** A headless Service in `production` with `count` ready endpoints 10.1.<i/250>.<i%250+1> named `pod-<i>`. */
export function headless(name: string, count: number): any[] {
  const endpoints = Array.from({ length: count }, (_, i) => ({
    addresses: [`10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`],
    hostname: `pod-${i}`,
    conditions: { ready: true },
  }));
  return [
    { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'production' }, spec: { clusterIP: 'None', ports: [{ name: 'http', port: 80, targetPort: 8080 }] } },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: `${name}-1`, namespace: 'production', labels: { 'kubernetes.io/service-name': name } },
      addressType: 'IPv4',
      endpoints,
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    },
  ];
}

/** The cluster most tests ask about. */
export function clusterObjects(): any[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'production' } },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'database', namespace: 'production' },
      spec: { clusterIP: '10.96.0.10', ports: [{ name: 'postgres', port: 5432, protocol: 'TCP' }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'dual', namespace: 'production' },
      spec: { clusterIP: '10.96.0.11', clusterIPs: ['10.96.0.11', 'fd00::11'], ipFamilies: ['IPv4', 'IPv6'], ports: [{ name: 'http', port: 80 }] },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'payments', namespace: 'production' }, spec: { type: 'ExternalName', externalName: 'api.payments.example.com' } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db-alias', namespace: 'production' }, spec: { type: 'ExternalName', externalName: 'database.production.svc.cluster.local' } },
    ...headless('web', 3),
    ...headless('mid', 40),
    ...headless('big', 120),
  ];
}

/** A server on 127.0.0.1 with an ephemeral port, answering for `objects`. */
export async function startServer(objects: any[] = clusterObjects(), options: DnsServerOptions = {}): Promise<DnsServer> {
  const model = ClusterModel.fromObjects(objects);
  const responder = new Responder(new Resolver(model), model.options.clusterDomain);
  return DnsServer.listen(responder, { address: '127.0.0.1', port: 0, ...options });
}

/** Node's resolver (c-ares) pointed at the server. */
export function nodeResolver(port: number): dnsPromises.Resolver {
  const r = new dnsPromises.Resolver({ timeout: TIMEOUT_MS, tries: 2 });
  r.setServers([`127.0.0.1:${port}`]);
  return r;
}

/** A query packet. */
export function query(name: string, type: dnsPacket.RecordType = 'A', options: { id?: number; edns?: number; flags?: number } = {}): Buffer {
  return dnsPacket.encode({
    type: 'query',
    id: options.id ?? 4242,
    flags: options.flags ?? dnsPacket.RECURSION_DESIRED,
    questions: [{ name, type, class: 'IN' }],
    additionals: options.edns === undefined ? [] : [{ type: 'OPT', name: '.', udpPayloadSize: options.edns, flags: 0, options: [] } as any],
  });
}

/** Sends one datagram; resolves with the first reply, or undefined after `waitMs`. */
export function udpExchange(port: number, packet: Buffer, waitMs = TIMEOUT_MS): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const timer = setTimeout(() => done(undefined), waitMs);
    const done = (reply: Buffer | undefined) => {
      clearTimeout(timer);
      socket.close();
      resolve(reply);
    };
    socket.on('error', () => done(undefined));
    socket.once('message', (msg) => done(msg));
    socket.send(packet, port, '127.0.0.1');
  });
}

/** Sends messages on one TCP connection (each framed with its 2-byte length) and collects `expect` replies. */
export function tcpExchange(port: number, messages: Buffer[], expect = messages.length, waitMs = TIMEOUT_MS): Promise<Buffer[]> {
  return new Promise((resolve) => {
    const replies: Buffer[] = [];
    let pending = Buffer.alloc(0);
    const socket = net.connect(port, '127.0.0.1');
    const timer = setTimeout(() => done(), waitMs);
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(replies);
    };
    socket.on('error', () => done());
    socket.on('close', () => done());
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        const len = pending.readUInt16BE(0);
        replies.push(pending.subarray(2, 2 + len));
        pending = pending.subarray(2 + len);
      }
      if (replies.length >= expect) done();
    });
    socket.on('connect', () => {
      socket.write(Buffer.concat(messages.map((m) => {
        const len = Buffer.alloc(2);
        len.writeUInt16BE(m.length);
        return Buffer.concat([len, m]);
      })));
    });
  });
}

/** A reply decoded by dns-packet (its typings lack the header fields it returns, such as `rcode`). */
export function decode(reply: Buffer): any {
  return dnsPacket.decode(reply);
}

/** Rcode as dns-packet names it. */
export function rcodeOf(reply: Buffer): string {
  return decode(reply).rcode;
}

/** Waits until `check` returns true (polling), up to `ms`. */
export async function eventually(check: () => Promise<boolean>, ms = 15000, every = 100): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, every));
  }
  return check();
}
