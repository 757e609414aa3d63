#!/usr/bin/env bash
# Queries per second of `cdk8s-dns serve` on loopback, measured with Debian's dnsperf against a 10,000-Service model,
# and the ratio to the goal: 33,700 qps, CoreDNS's published figure for one replica on 2 vCPUs.
#
# Usage: bench/dns-server/run.sh [SECONDS] [SERVICES]     (default 10 s, 10000 Services; CI: `run.sh 2`)
# Needs: dnsperf (apt-get install -y dnsperf) and the compiled CLI (npx projen compile -> lib/).
# Exit 0 when the runs completed (the ratios are reported, not enforced: machines differ), 2 when it cannot run.
#
# Steps: generate the model and query file (generate.js); start `node bin/cdk8s-dns serve --port 0`; warm up for 1 s
# (the first answer for each name fills the server's cache, as a long-running server's would be); run dnsperf for
# SECONDS with up to 100 queries in flight (-q 100, its default) from one client thread. Then the same dnsperf run
# against the same-run baseline, echo.js: a Node UDP server that only echoes each datagram with QR set, i.e. the
# ceiling of any single Node process on this machine at this moment.
#
# Prints each dnsperf summary, then:
#   dns-server: <qps> qps, goal 33700, ratio <qps/goal>, lost <n>; <us> us CPU per query, peak RSS <MB>
#   echo baseline: <qps> qps, <us> us CPU per query; serve/echo <ratio>
# CPU per query = the process's CPU time (user + system) over the run / the queries answered. On a shared machine it
# says more than qps, which depends on the neighbours.
set -uo pipefail
cd "$(dirname "$0")/../.."
secs="${1:-10}"
services="${2:-10000}"
goal=33700

command -v dnsperf >/dev/null || { echo "dns-server bench: dnsperf not found (apt-get install -y dnsperf)"; exit 2; }
[ -f lib/cli/serve.js ] || { echo "dns-server bench: lib/cli/serve.js missing (run npx projen compile)"; exit 2; }

work="$(mktemp -d)"
pid=""
stop() {
  if [ -n "${pid}" ]; then
    kill "${pid}" 2>/dev/null
    wait "${pid}" 2>/dev/null
    pid=""
  fi
}
trap 'stop; rm -rf "${work}"' EXIT
trap 'exit 2' INT TERM

# start LOG CMD...: runs CMD in the background and waits for "on 127.0.0.1:<port>" in LOG; sets pid and port.
start() {
  local log="$1"; shift
  "$@" >"${log}" 2>&1 &
  pid=$!
  port=""
  for _ in $(seq 1 600); do
    port="$(sed -n 's/.* on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "${log}" | head -1)"
    [ -n "${port}" ] && return 0
    kill -0 "${pid}" 2>/dev/null || break
    sleep 0.1
  done
  echo "dns-server bench: $* did not start"; cat "${log}"; exit 2
}

# measure NAME: warm-up, then the measured dnsperf run against ${port}; sets qps, lost, cpu_us.
measure() {
  local out="${work}/dnsperf-$1.txt" before after completed
  dnsperf -s 127.0.0.1 -p "${port}" -d "${work}/queries.txt" -l 1 -q 100 >/dev/null 2>&1
  before="$(awk '{ print $14 + $15 }' "/proc/${pid}/stat")"
  if ! dnsperf -s 127.0.0.1 -p "${port}" -d "${work}/queries.txt" -l "${secs}" -q 100 >"${out}" 2>&1; then
    cat "${out}"; echo "dns-server bench: dnsperf failed"; exit 2
  fi
  after="$(awk '{ print $14 + $15 }' "/proc/${pid}/stat")"
  cat "${out}"
  qps="$(sed -n 's/^ *Queries per second: *\([0-9.]*\).*/\1/p' "${out}")"
  lost="$(sed -n 's/^ *Queries lost: *\([0-9]*\).*/\1/p' "${out}")"
  completed="$(sed -n 's/^ *Queries completed: *\([0-9]*\).*/\1/p' "${out}")"
  [ -n "${qps}" ] && [ -n "${completed}" ] || { echo "dns-server bench: no qps in the dnsperf output"; exit 2; }
  cpu_us="$(awk -v b="${before}" -v a="${after}" -v n="${completed}" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { if (n > 0 && a > b) printf "%.1f", (a - b) * 1e6 / hz / n; else print "?" }')"
}

node bench/dns-server/generate.js "${work}" "${services}" || exit 2

t0=$(date +%s%N)
start "${work}/serve.log" node bin/cdk8s-dns serve -f "${work}/manifests" --port 0
echo "$(cat "${work}/serve.log") (start-up $(( ($(date +%s%N) - t0) / 1000000 )) ms)"
measure serve
serve_qps="${qps}" serve_lost="${lost}" serve_cpu="${cpu_us}"
rss="$(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' "/proc/${pid}/status" 2>/dev/null)"
stop

start "${work}/echo.log" node bench/dns-server/echo.js
measure echo
stop

ratio="$(awk -v q="${serve_qps}" -v g="${goal}" 'BEGIN { printf "%.2f", q / g }')"
vs_echo="$(awk -v q="${serve_qps}" -v e="${qps}" 'BEGIN { printf "%.2f", q / e }')"
echo "dns-server: ${serve_qps} qps, goal ${goal}, ratio ${ratio}, lost ${serve_lost:-?}; ${serve_cpu} us CPU per query, peak RSS ${rss:-?}"
echo "echo baseline: ${qps} qps, ${cpu_us} us CPU per query; serve/echo ${vs_echo}"
