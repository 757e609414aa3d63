#!/usr/bin/env node
// A child process of the benchmarks, in plain JavaScript so that it measures the library and not a TypeScript
// compiler: `node bench/child.js check DIR` runs `cdk8s-dns check -f DIR --json` (the compiled CLI, lib/cli/main.js;
// with BENCH_CLI=src, or when lib/ is missing, src/ through ts-node) and `node bench/child.js read DIR` only reads
// the same files with js-yaml loadAll (the floor). Prints one JSON line: { mode, ms, maxRssKb, code, cli }.
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
if (mode === 'read') {
  const yaml = require('js-yaml');
  for (const f of fs.readdirSync(dir).sort()) {
    yaml.loadAll(fs.readFileSync(path.join(dir, f), 'utf8'), () => { count++; }, { json: true });
  }
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
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
process.stdout.write(`${JSON.stringify({ mode, ms, maxRssKb: process.resourceUsage().maxRSS, code, cli, count })}\n`);
