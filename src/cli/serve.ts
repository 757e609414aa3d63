/**
 * `cdk8s-dns serve [-f PATH]... [--port 5353] [--address 127.0.0.1] [--watch] [--domain D] [--pods M] ...`: a DNS
 * server over UDP and TCP answering from the resolver for the given manifests (docs/serve.md). Names outside the
 * cluster and reverse zones are REFUSED, never forwarded.
 *
 * On start it prints one line to standard output, `serving <zone> on <address>:<port> (udp, tcp): <n> Services from
 * <paths>` (with `--port 0` this tells the chosen port), then runs until SIGINT/SIGTERM. `--watch` reloads when the
 * manifests change; a reload that fails keeps the previous answers and says why on standard error.
 * Exit codes: 2 on bad usage, unreadable manifests, or a port that cannot be bound; 0 after a signal.
 *
 * `prepareServe(argv, io)` (synchronous: argument and manifest errors) and `startServe(config, io)` are exported for
 * in-process tests.
 */
import * as fs from 'fs';
import * as net from 'net';
import { commonOptions, CommonOptions, last, parseArgs, UsageError } from './args';
import type { CliIo } from './main';
import { commandHelp, commandUsage, optionSpec, wantsHelp } from './usage';
import { Resolver } from '../dns/resolver';
import { ClusterModel } from '../model/cluster-model';
import { listFiles, loadManifests } from '../model/load';
import { Responder } from '../server/responder';
import { DnsServer } from '../server/server';
import { ManifestWatcher, watchManifests } from '../server/watch';
import { showValue } from '../show-value';

/** Everything `serve` needs, read and checked. */
export interface ServeConfig {
  readonly common: CommonOptions;
  readonly address: string;
  readonly port: number;
  readonly watch: boolean;
  /** The first model's responder (manifest errors surface before any socket is opened). */
  readonly responder: Responder;
  readonly services: number;
  /** Watch debounce (tests shorten it). @default 200 */
  debounceMs?: number;
  /** TCP idle timeout (tests shorten it). @default 10000 */
  tcpIdleTimeoutMs?: number;
}

/** A running `serve`. */
export interface ServeHandle {
  readonly server: DnsServer;
  /** Completed reloads (successful or not). */
  readonly reloads: () => number;
  close(): Promise<void>;
}

/** Reads the arguments and the manifests; throws `UsageError` or `ManifestError`. */
export function prepareServe(argv: readonly string[], io: CliIo): ServeConfig {
  const args = parseArgs(argv, optionSpec('serve'));
  if (args.positional.length > 0) throw new UsageError(`serve takes no NAME (got ${showValue(args.positional[0])}); use -f PATH for input`);
  const portText = last(args, 'port') ?? '5353';
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535 (got ${showValue(portText)})`);
  const address = last(args, 'address') ?? '127.0.0.1';
  if (net.isIP(address) === 0) throw new UsageError(`--address must be an IP address like 127.0.0.1 (got ${showValue(address)})`);
  const common = commonOptions(args);
  const watch = args.flags.watch === true;
  if (watch && common.files.includes('-')) throw new UsageError('--watch cannot watch standard input (-f -); give files or folders');
  const { responder, services } = load(common, io);
  return { common, address, port, watch, responder, services };
}

function load(common: CommonOptions, io: CliIo): { responder: Responder; services: number } {
  const model = ClusterModel.fromDocuments(loadManifests(common.files, { stdin: io.stdin, jobs: common.jobs }), common.model);
  const resolver = new Resolver(model, { ttl: common.ttl, cacheSize: 0 }); // the responder keeps the answers, as wire bytes
  return { responder: new Responder(resolver, model.options.clusterDomain), services: model.services().length };
}

/** The size of every manifest file the paths stand for now (standard input and unreadable paths left out). */
function fileSizes(paths: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of paths) {
    if (p === '-') continue;
    try {
      for (const f of listFiles(p)) out.set(f, fs.statSync(f).size);
    } catch {
      // gone or unreadable: the load reports it
    }
  }
  return out;
}

/**
 * The first file that held data at the last good load and is empty now. A shell redirect, `cdk8s synth` and many
 * editors truncate a file before they write it: reloading then would serve NXDOMAIN for all of its names until the
 * write ends. A file deleted from the folder is not "emptied": its objects really go.
 */
function emptiedFile(before: ReadonlyMap<string, number>, now: ReadonlyMap<string, number>): string | undefined {
  for (const [file, size] of now) if (size === 0 && (before.get(file) ?? 0) > 0) return file;
  return undefined;
}

/** Binds and serves; with `watch`, reloads on changes. */
export async function startServe(config: ServeConfig, io: CliIo): Promise<ServeHandle> {
  const server = await DnsServer.listen(config.responder, {
    address: config.address,
    port: config.port,
    tcpIdleTimeoutMs: config.tcpIdleTimeoutMs,
    log: (line) => io.stderr(`cdk8s-dns serve: ${line}\n`),
  });
  const zone = config.responder.zones[0].replace(/\.$/, '');
  const from = config.common.files.join(' ');
  const where = net.isIPv6(server.address) ? `[${server.address}]:${server.port}` : `${server.address}:${server.port}`;
  io.stdout(`serving ${zone} on ${where} (udp, tcp): ${config.services} Services from ${from}\n`);
  let reloads = 0;
  let watcher: ManifestWatcher | undefined;
  if (config.watch) {
    let sizes = fileSizes(config.common.files);
    watcher = watchManifests(config.common.files, () => {
      try {
        const now = fileSizes(config.common.files);
        const emptied = emptiedFile(sizes, now);
        if (emptied !== undefined) {
          io.stderr(`cdk8s-dns serve: reload skipped, still serving the previous manifests: ${emptied} is empty now (a write in progress?); delete the file to drop its objects\n`);
          reloads++;
          return;
        }
        const next = load(config.common, io);
        sizes = now;
        server.responder = next.responder;
        io.stderr(`cdk8s-dns serve: reloaded ${next.services} Services from ${from}\n`);
      } catch (e: any) {
        io.stderr(`cdk8s-dns serve: reload failed, still serving the previous manifests: ${String(e?.message ?? e).split('\n')[0]}\n`);
      }
      reloads++;
    }, { debounceMs: config.debounceMs });
  }
  return {
    server,
    reloads: () => reloads,
    close: async () => {
      watcher?.close();
      await server.close();
    },
  };
}

/** Runs `serve`: returns 2 at once on bad usage or input, else 0 while the server starts (bind errors set exit 2). */
export function runServe(argv: string[], io: CliIo): number {
  if (wantsHelp(argv)) {
    io.stdout(`${commandHelp('serve')}\n`);
    return 0;
  }
  let config: ServeConfig;
  try {
    config = prepareServe(argv, io);
  } catch (e: any) {
    io.stderr(`cdk8s-dns: ${String(e?.message ?? e).split('\n')[0]}\n`);
    if (e instanceof UsageError) io.stderr(`${commandUsage('serve')}\n`);
    return 2;
  }
  startServe(config, io).then((handle) => {
    const stop = () => {
      void handle.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }, (e: any) => {
    io.stderr(`cdk8s-dns: ${String(e?.message ?? e).split('\n')[0]}\n`);
    process.exitCode = 2;
  });
  return 0;
}
