#!/usr/bin/env node
/**
 * The summary of bench/dns-server/run.sh: per server the median (min-max) over the rounds of each figure, the ratios
 * serve / unbound computed per round, the goals, and one `dns-server-json: {...}` line for bench/run.ts.
 *
 * Usage: node bench/dns-server/summary.js RESULTS SERVICES SECONDS serve=<MB> unbound=<MB> echo=<MB>
 * RESULTS: lines `name round qps mean_ms p99_ms cpu_us lost completed`.
 */
const fs = require('fs');

const [file, services, secs, ...rssArgs] = process.argv.slice(2);
const rss = Object.fromEntries(rssArgs.map((a) => a.split('=')).map(([k, v]) => [k, Number(v)]));
const FIELDS = ['qps', 'meanMs', 'p99Ms', 'cpuUs', 'lost', 'completed'];
const runs = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => {
  const [name, round, ...values] = l.split(' ');
  return { name, round: Number(round), ...Object.fromEntries(FIELDS.map((f, i) => [f, Number(values[i])])) };
});

function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length };
}
const fmt = (s, digits = 0) => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}-${s.max.toFixed(digits)})`;

const servers = ['serve', 'unbound', 'echo'];
const out = { services: Number(services), seconds: Number(secs), rounds: 0, servers: {}, ratios: {} };
for (const name of servers) {
  const mine = runs.filter((r) => r.name === name);
  out.rounds = Math.max(out.rounds, mine.length);
  out.servers[name] = {
    ...Object.fromEntries(FIELDS.filter((f) => f !== 'lost' && f !== 'completed').map((f) => [f, stats(mine.map((r) => r[f]))])),
    lost: mine.reduce((s, r) => s + r.lost, 0),
    completed: mine.reduce((s, r) => s + r.completed, 0),
    peakRssMb: rss[name],
  };
}
const perRound = (a, b, f) => stats(runs.filter((r) => r.name === a).map((r) => r[f] / runs.find((x) => x.name === b && x.round === r.round)[f]));
out.ratios = {
  qpsServeUnbound: perRound('serve', 'unbound', 'qps'),
  cpuServeUnbound: perRound('serve', 'unbound', 'cpuUs'),
  p99ServeUnbound: perRound('serve', 'unbound', 'p99Ms'),
  qpsServeEcho: perRound('serve', 'echo', 'qps'),
  qpsEchoUnbound: perRound('echo', 'unbound', 'qps'),
};
out.goals = {
  qps: { goal: 'serve >= 0.8x unbound qps', met: out.ratios.qpsServeUnbound.median >= 0.8 },
  rss: { goal: `serve peak RSS < 150 MB at ${services} Services`, met: rss.serve < 150 },
};

console.log(`\ndns-server: ${services} Services, ${out.rounds} rounds of ${secs} s per server; each cell median (min-max) over the rounds`);
const rows = [['server', 'qps', 'mean latency ms', 'p99 latency ms', 'CPU us/query', 'lost', 'peak RSS MB']];
for (const name of servers) {
  const s = out.servers[name];
  const label = name === 'serve' ? 'cdk8s-dns serve' : name === 'unbound' ? 'unbound (baseline)' : 'Node echo (ceiling)';
  rows.push([label, fmt(s.qps), fmt(s.meanMs, 2), fmt(s.p99Ms, 2), fmt(s.cpuUs, 1), `${s.lost} of ${s.completed + s.lost}`, String(s.peakRssMb)]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(`  ${r.map((c, i) => c.padEnd(widths[i])).join('  ')}`);
const r = out.ratios;
console.log(`  serve / unbound, per round: qps ${fmt(r.qpsServeUnbound, 2)}, CPU per query ${fmt(r.cpuServeUnbound, 2)}, p99 latency ${fmt(r.p99ServeUnbound, 2)}`);
console.log(`  serve / echo qps ${fmt(r.qpsServeEcho, 2)}; echo / unbound qps ${fmt(r.qpsEchoUnbound, 2)} (what one Node process can reach at most)`);
for (const g of Object.values(out.goals)) console.log(`  goal: ${g.goal}: ${g.met ? 'met' : 'NOT met'}`);
console.log(`dns-server-json: ${JSON.stringify(out)}`);
