/**
 * Benchmark 5, DNS server: runs bench/dns-server/run.sh (`cdk8s-dns serve` beside unbound, the same zone and dnsperf
 * queries, alternating; see its header) and reads its `dns-server-json:` line. Its output is passed through.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

/** Median, min and max over the rounds (run.sh's summary.js). */
export interface RoundStats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** One server's figures. */
export interface ServerFigures {
  readonly qps: RoundStats;
  readonly meanMs: RoundStats;
  readonly p99Ms: RoundStats;
  readonly cpuUs: RoundStats;
  readonly lost: number;
  readonly completed: number;
  readonly peakRssMb: number;
}

/** What run.sh measured. */
export interface DnsServerResult {
  readonly services: number;
  readonly seconds: number;
  readonly rounds: number;
  readonly servers: { readonly serve: ServerFigures; readonly unbound: ServerFigures; readonly echo: ServerFigures };
  readonly ratios: { readonly qpsServeUnbound: RoundStats; readonly cpuServeUnbound: RoundStats; readonly p99ServeUnbound: RoundStats };
}

/**
 * Runs run.sh. Returns the figures, or `{ skipped }` with run.sh's reason when it cannot run here (exit 2: no dnsperf,
 * no compiled CLI, unbound not installable); throws when it breaks (the two servers answer differently, no figures).
 */
export function runDnsServer(seconds: number, services: number, rounds: number): DnsServerResult | { readonly skipped: string } {
  const r = spawnSync('bash', [path.join(ROOT, 'bench', 'dns-server', 'run.sh'), String(seconds), String(services), String(rounds)], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  const lines = `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n');
  const json = lines.find((l) => l.startsWith('dns-server-json: '));
  for (const l of lines) if (l !== json && l.trim() !== '') console.log(`   ${l}`);
  if (r.status === 2) return { skipped: lines.filter((l) => l.startsWith('dns-server bench: ')).pop() ?? 'run.sh exited 2' };
  if (r.status !== 0 || !json) throw new Error(`bench/dns-server/run.sh exited ${r.status ?? r.signal}${json ? '' : ' without figures'}`);
  return JSON.parse(json.slice('dns-server-json: '.length)) as DnsServerResult;
}
