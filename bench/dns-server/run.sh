#!/usr/bin/env bash
# Queries per second of `cdk8s-dns serve` on loopback, measured with Debian's dnsperf against a 10,000-Service model,
# and the ratio to the goal: 33,700 qps, CoreDNS's published figure for one replica on 2 vCPUs.
#
# Usage: bench/dns-server/run.sh [SECONDS] [SERVICES]     (default 10 s, 10000 Services; CI: `run.sh 2`)
# Needs: dnsperf (apt-get install -y dnsperf) and the compiled CLI (npx projen compile -> lib/).
# Prints the dnsperf summary, then one line: `dns-server: <qps> qps, goal 33700, ratio <qps/goal>, lost <n>`.
# Exit 0 when the run completed (the ratio is reported, not enforced: machines differ), 2 when it cannot run.
#
# Steps: generate the model and query file (generate.js), start `node bin/cdk8s-dns serve --port 0`, warm up for
# 1 s (the first answer for each name fills the server's cache, as a long-running server's would be), then run
# dnsperf for SECONDS with up to 100 queries in flight (-q 100, its default) from one client thread.
set -uo pipefail
cd "$(dirname "$0")/../.."
secs="${1:-10}"
services="${2:-10000}"
goal=33700

command -v dnsperf >/dev/null || { echo "dns-server bench: dnsperf not found (apt-get install -y dnsperf)"; exit 2; }
[ -f lib/cli/serve.js ] || { echo "dns-server bench: lib/cli/serve.js missing (run npx projen compile)"; exit 2; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "${server_pid}" ] && kill "${server_pid}" 2>/dev/null && wait "${server_pid}" 2>/dev/null
  rm -rf "${work}"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

node bench/dns-server/generate.js "${work}" "${services}" || exit 2
start=$(date +%s%N)
node bin/cdk8s-dns serve -f "${work}/manifests" --port 0 >"${work}/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 600); do
  port="$(sed -n 's/^serving .* on 127\.0\.0\.1:\([0-9]*\) .*/\1/p' "${work}/server.log")"
  [ -n "${port}" ] && break
  kill -0 "${server_pid}" 2>/dev/null || break
  sleep 0.1
done
[ -n "${port}" ] || { echo "dns-server bench: the server did not start"; cat "${work}/server.log"; exit 2; }
echo "$(cat "${work}/server.log") (start-up $(( ($(date +%s%N) - start) / 1000000 )) ms)"

dnsperf -s 127.0.0.1 -p "${port}" -d "${work}/queries.txt" -l 1 -q 100 >/dev/null 2>&1 # warm-up
dnsperf -s 127.0.0.1 -p "${port}" -d "${work}/queries.txt" -l "${secs}" -q 100 >"${work}/dnsperf.txt" 2>&1
status=$?
cat "${work}/dnsperf.txt"
[ "${status}" -eq 0 ] || { echo "dns-server bench: dnsperf failed (${status})"; exit 2; }
qps="$(sed -n 's/^ *Queries per second: *\([0-9.]*\).*/\1/p' "${work}/dnsperf.txt")"
lost="$(sed -n 's/^ *Queries lost: *\([0-9]*\).*/\1/p' "${work}/dnsperf.txt")"
rss="$(awk '/VmHWM/ { print $2 / 1024 " MB" }' "/proc/${server_pid}/status" 2>/dev/null || echo "?")"
[ -n "${qps}" ] || { echo "dns-server bench: no qps in the dnsperf output"; exit 2; }
ratio="$(awk -v q="${qps}" -v g="${goal}" 'BEGIN { printf "%.2f", q / g }')"
echo "dns-server: ${qps} qps, goal ${goal}, ratio ${ratio}, lost ${lost:-?}, server peak RSS ${rss}"
