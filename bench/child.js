#!/usr/bin/env node
// A child process of the benchmarks, in plain JavaScript so that it measures the library and not a TypeScript
// compiler: `node bench/child.js check DIR` runs `cdk8s-dns check -f DIR --json` (the compiled CLI, lib/cli/main.js;
// with BENCH_CLI=src, or when lib/ is missing, src/ through ts-node) and `node bench/child.js read DIR` only reads
// the same files with js-yaml loadAll and keeps the documents (the floor: what any reader must hold). Prints one
// JSON line: { mode, ms (wall, from the first line of this script), cpuMs (user + system), maxRssKb, code, cli }.
// maxRssKb is this process's own peak (VmHWM of /proc/self/status, worker threads included): on Linux,
// `process.resourceUsage().maxRSS` also counts the parent's resident memory at the spawn (the kernel keeps the
// high-water mark across fork and exec), so a child of a large benchmark process reported the parent's size.
'use strict';
const fs = require('fs');
const path = require('path');

const [mode, dir] = process.argv.slice(2);
const root = path.join(__dirname, '..');

function loadCli() {
  const compiled = path.join(root, 'lib', 'cli', 'main.js');
  if (process.env.BENCH_CLI !== 'src' && fs.existsSync(compiled)) return { cli: 'lib', main: require(compiled) };
  require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
  return { cli: 'src (ts-node)', main: require(path.join(root, 'src', 'cli', 'main.ts')) };
}

const t0 = process.hrtime.bigint();
let code = 0;
let cli = '-';
let count = 0;
const kept = [];
if (mode === 'read') {
  const yaml = require('js-yaml');
  for (const f of fs.readdirSync(dir).sort()) {
    yaml.loadAll(fs.readFileSync(path.join(dir, f), 'utf8'), (d) => { kept.push(d); }, { json: true });
  }
  count = kept.length;
} else if (mode === 'check') {
  const loaded = loadCli();
  cli = loaded.cli;
  code = loaded.main.run(['check', '-f', dir, '--json'], {
    stdout: (t) => { count += t.length; },
    stderr: (t) => process.stderr.write(t),
  });
} else {
  process.stderr.write('usage: node bench/child.js read|check DIR\n');
  process.exit(2);
}
/** Peak resident memory of this process (kB): VmHWM where /proc has it, else maxRSS (see above). */
function peakRssKb() {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // no /proc (macOS, Windows): maxRSS
  }
  return process.resourceUsage().maxRSS;
}

const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const usage = process.cpuUsage();
const cpuMs = (usage.user + usage.system) / 1000;
process.stdout.write(`${JSON.stringify({ mode, ms, cpuMs, maxRssKb: peakRssKb(), code, cli, count })}\n`);
