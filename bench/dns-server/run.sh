#!/usr/bin/env bash
# `cdk8s-dns serve` beside unbound, the same zone, the same dnsperf queries, in the same run, alternating.
#
# Usage: bench/dns-server/run.sh [SECONDS] [SERVICES] [ROUNDS]   (default 10 s, 20000 Services, 3 rounds; CI: `run.sh 2`)
# Needs: dnsperf and dig (apt-get install -y dnsperf dnsutils), the compiled CLI (npx projen compile -> lib/), and
# unbound: when missing, it is installed from Debian (`apt-get install -y unbound`, as root). Where the package starts
# its system service (systemd), that service is left alone: this script runs its own unbound in the foreground.
# Exit 0 when the runs completed (goals are reported, not enforced), 1 when the two servers answer differently (the
# comparison would be meaningless), 2 when it cannot run (missing tools, unbound not installable, a server that does
# not start).
#
# Steps:
# 1. generate.js writes SERVICES Services (80% ClusterIP, 10% headless with 3 endpoints, 10% ExternalName) and one
#    query per Service: 60% A, 15% SRV, 10% CNAME, 15% names that do not exist.
# 2. `cdk8s-dns serve -f <manifests> --port 0` starts; unbound gets the same zone: every line of `cdk8s-dns records`
#    as `local-data`, the SOA records serve answers as local-data at each zone apex, and `local-zone: <zone> static`
#    for the cluster zone, in-addr.arpa and ip6.arpa (NXDOMAIN below them, NODATA for names that exist). Its config
#    is written to a temp dir: one thread, no forwarding, no validator, the same 4 MB receive buffer as serve, run in
#    the foreground on a free port (not the system service). echo.js, a Node UDP server that only echoes each
#    datagram with QR set, shows the ceiling of one Node process (what no Node server can pass).
# 3. The answers are compared: a sample of names of every type (and the names in other spellings, missing names,
#    a namespace, NODATA) asked of both with dig: status, aa, and the answer and authority sections sorted must be
#    equal. Known differences (not compared): unbound sets RA (it is a resolver), and serve adds the addresses of the
#    SRV targets in the additional section (as CoreDNS does), so its SRV responses are larger.
# 4. After one pass through the queries for each server, ROUNDS rounds each run dnsperf for SECONDS against serve,
#    then unbound, then echo (A, B, C, A, B, C...), with up to 100 queries in flight from one client thread (-q 100),
#    and -v so that every answer's latency is known (the same client cost for all three).
#
# Per server: queries per second, mean and p99 latency, CPU per query (the process's user + system time from
# /proc/<pid>/stat over the run / the queries answered: on a shared machine it says more than qps, which depends on
# the neighbours), lost queries, peak RSS (VmHWM, after the runs); and per round the ratios serve / unbound.
# The last line, `dns-server-json: {...}`, is what bench/run.ts reads.
set -uo pipefail
cd "$(dirname "$0")/../.."
secs="${1:-10}"
services="${2:-20000}"
rounds="${3:-3}"
export PATH="${PATH}:/usr/sbin:/sbin"

fail() { echo "dns-server bench: $*"; exit 2; }
command -v dnsperf >/dev/null || fail "dnsperf not found (apt-get install -y dnsperf)"
command -v dig >/dev/null || fail "dig not found (apt-get install -y dnsutils)"
[ -f lib/cli/serve.js ] || fail "lib/cli/serve.js missing (run npx projen compile)"

if ! command -v unbound >/dev/null; then
  [ "$(id -u)" = 0 ] || fail "unbound not found, and installing it needs root (apt-get install -y unbound)"
  command -v apt-get >/dev/null || fail "unbound not found and there is no apt-get to install it"
  echo "dns-server bench: installing unbound (apt-get install -y unbound)"
  export DEBIAN_FRONTEND=noninteractive
  apt_log="$(mktemp)"
  if ! timeout 300 apt-get install -y -qq unbound >"${apt_log}" 2>&1; then
    timeout 300 apt-get update -qq >>"${apt_log}" 2>&1
    timeout 300 apt-get install -y -qq unbound >>"${apt_log}" 2>&1
  fi
  command -v unbound >/dev/null || { tail -5 "${apt_log}"; rm -f "${apt_log}"; fail "cannot install unbound (above: apt-get's last lines)"; }
  rm -f "${apt_log}"
fi

work="$(mktemp -d)"
pids=()
stop_all() {
  for p in "${pids[@]}"; do kill "${p}" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "${p}" 2>/dev/null; done
  pids=()
}
trap 'stop_all; rm -rf "${work}"' EXIT
trap 'exit 2' INT TERM

# wait_answer PID PORT: until the server on PORT answers a question (60 s at most); fails if PID exits.
wait_answer() {
  for _ in $(seq 1 300); do
    kill -0 "$1" 2>/dev/null || return 1
    [ -n "$(dig +short +time=1 +tries=1 -p "$2" @127.0.0.1 dns-version.cluster.local TXT 2>/dev/null)" ] && return 0
    sleep 0.2
  done
  return 1
}

# free_port: a port free on UDP and TCP on 127.0.0.1 (bound and released by node).
free_port() {
  node -e '
    const dgram = require("dgram"); const net = require("net");
    const u = dgram.createSocket("udp4");
    u.bind(0, "127.0.0.1", () => {
      const port = u.address().port;
      const t = net.createServer();
      t.on("error", () => { u.close(); console.log(0); });
      t.listen(port, "127.0.0.1", () => { console.log(port); t.close(); u.close(); });
    });'
}

node bench/dns-server/generate.js "${work}" "${services}" || exit 2

# serve
t0=$(date +%s%N)
node bin/cdk8s-dns serve -f "${work}/manifests" --port 0 >"${work}/serve.log" 2>&1 &
serve_pid=$!
pids+=("${serve_pid}")
serve_port=""
for _ in $(seq 1 600); do
  serve_port="$(sed -n 's/.* on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "${work}/serve.log" | head -1)"
  [ -n "${serve_port}" ] && break
  kill -0 "${serve_pid}" 2>/dev/null || break
  sleep 0.1
done
[ -n "${serve_port}" ] || { cat "${work}/serve.log"; fail "cdk8s-dns serve did not start"; }
echo "$(cat "${work}/serve.log") (start-up $(( ($(date +%s%N) - t0) / 1000000 )) ms, RSS $(awk '/VmRSS/ { printf "%.0f MB", $2 / 1024 }' "/proc/${serve_pid}/status"))"

# unbound: the same records as local data
node bin/cdk8s-dns records -f "${work}/manifests" >"${work}/records.txt" || fail "cdk8s-dns records failed"
{
  for zone in cluster.local. in-addr.arpa. ip6.arpa.; do
    soa="$(dig +noall +answer -p "${serve_port}" @127.0.0.1 "${zone}" SOA | tr -s ' \t' ' ')"
    [ -n "${soa}" ] || fail "serve gave no SOA for ${zone}"
    echo "  local-zone: \"${zone}\" static"
    echo "  local-data: '${soa}'"
  done
  sed -e 's/ ; simulated$//' -e "s/^/  local-data: '/" -e "s/\$/'/" "${work}/records.txt"
} >"${work}/local-data.conf"
grep -q "'.*'.*'" "${work}/local-data.conf" && fail "a record holds a quote; unbound's local-data cannot take it"
unbound_pid=""
for attempt in 1 2 3; do
  unbound_port="$(free_port)"
  cat >"${work}/unbound.conf" <<EOF
server:
  interface: 127.0.0.1
  port: ${unbound_port}
  do-ip6: no
  num-threads: 1
  username: ""
  chroot: ""
  directory: "${work}"
  pidfile: ""
  use-syslog: no
  logfile: ""
  verbosity: 0
  module-config: "iterator"
  so-rcvbuf: 4m
  so-reuseport: no
  unblock-lan-zones: yes
  insecure-lan-zones: yes
  include: "${work}/local-data.conf"
EOF
  unbound-checkconf "${work}/unbound.conf" >/dev/null 2>&1 || { unbound-checkconf "${work}/unbound.conf"; fail "unbound rejects the generated config"; }
  t0=$(date +%s%N)
  unbound -d -c "${work}/unbound.conf" >"${work}/unbound.log" 2>&1 &
  unbound_pid=$!
  pids+=("${unbound_pid}")
  wait_answer "${unbound_pid}" "${unbound_port}" && break
  kill "${unbound_pid}" 2>/dev/null
  unbound_pid=""
done
[ -n "${unbound_pid}" ] || { cat "${work}/unbound.log"; fail "unbound did not start"; }
echo "unbound $(unbound -V | sed -n 's/^Version //p') on 127.0.0.1:${unbound_port}: $(wc -l <"${work}/records.txt") records as local-data (start-up $(( ($(date +%s%N) - t0) / 1000000 )) ms)"

node bench/dns-server/echo.js >"${work}/echo.log" 2>&1 &
echo_pid=$!
pids+=("${echo_pid}")
echo_port=""
for _ in $(seq 1 100); do
  echo_port="$(sed -n 's/.* on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "${work}/echo.log")"
  [ -n "${echo_port}" ] && break
  sleep 0.1
done
[ -n "${echo_port}" ] || fail "echo.js did not start"

# The same answers: status, aa, answer and authority sections, sorted.
answer_of() {
  dig +norec +time=2 +tries=2 -p "$1" @127.0.0.1 "$2" "$3" | awk '
    /->>HEADER<<-/ { match($0, /status: [A-Z]+/); print substr($0, RSTART, RLENGTH) }
    /^;; flags:/ { print ($0 ~ / aa[ ;]/) ? "aa" : "not aa" }
    /^;; (ANSWER|AUTHORITY) SECTION:/ { on = 1; next }
    /^;; / || /^$/ { on = 0 }
    on { gsub(/[ \t]+/, " "); print }' | sort
}
{
  head -n 40 "${work}/queries.txt"
  grep -m 2 ' PTR ' "${work}/records.txt" | awk '{ print $1, "PTR" }'
  grep -m 1 ' IN A ' "${work}/records.txt" | awk '{ print toupper(substr($1, 1, 5)) substr($1, 6), "A"; print $1, "AAAA"; print $1, "MX" }'
  grep -m 1 ' IN SRV ' "${work}/records.txt" | awk '{ print $1, "SRV" }'
  echo "team-0.svc.cluster.local. A"
  echo "dns-version.cluster.local. TXT"
  echo "no-such-name.team-0.svc.cluster.local. SRV"
} >"${work}/sample.txt"
compared=0
mismatches=0
while read -r name type; do
  compared=$((compared + 1))
  # an empty result is no reply at all (a timeout on a loaded machine), not an answer: ask again
  for _ in 1 2 3; do
    a="$(answer_of "${serve_port}" "${name}" "${type}")"
    b="$(answer_of "${unbound_port}" "${name}" "${type}")"
    [ -n "${a}" ] && [ -n "${b}" ] && break
    sleep 1
  done
  if [ "${a}" != "${b}" ] || [ -z "${a}" ]; then
    mismatches=$((mismatches + 1))
    echo "DIFFERENT ${name} ${type}:"; diff <(echo "${a}") <(echo "${b}") | sed 's/^/  /'
  fi
done <"${work}/sample.txt"
echo "answers compared with dig: ${compared} questions, ${mismatches} different"
[ "${mismatches}" -eq 0 ] || { echo "dns-server bench: serve and unbound answer differently: the comparison would be meaningless"; exit 1; }

# measure NAME PID PORT ROUND: one dnsperf run; appends "name round qps mean_ms p99_ms cpu_us lost completed".
measure() {
  local out="${work}/dnsperf-$1.txt" before after
  before="$(awk '{ print $14 + $15 }' "/proc/$2/stat")"
  if ! dnsperf -s 127.0.0.1 -p "$3" -d "${work}/queries.txt" -l "${secs}" -q 100 -v >"${out}" 2>&1; then
    tail -20 "${out}"; fail "dnsperf failed against $1"
  fi
  after="$(awk '{ print $14 + $15 }' "/proc/$2/stat")"
  p99="$(awk '/^> / { print $NF }' "${out}" | sort -g | awk '{ v[NR] = $1 } END { i = int(NR * 0.99); print (i < 1 ? 0 : v[i] * 1000) }')"
  awk -v name="$1" -v round="$4" -v b="${before}" -v a="${after}" -v hz="$(getconf CLK_TCK)" -v p99="${p99}" '
    /Queries per second:/ { qps = $4 }
    /Queries completed:/ { done = $3 }
    /Queries lost:/ { lost = $3 }
    /Average Latency \(s\):/ { mean = $4 * 1000 }
    END {
      if (qps == "" || done == "") exit 1
      cpu = done > 0 ? (a - b) * 1e6 / hz / done : 0
      printf "%s %d %.0f %.3f %.3f %.2f %d %d\n", name, round, qps, mean, p99, cpu, lost, done
    }' "${out}" >>"${work}/results.txt" || { tail -20 "${out}"; fail "no figures in the dnsperf output for $1"; }
  rm -f "${out}"
}

echo "warm-up: one pass through the ${services} queries for each server"
for target in "serve ${serve_port}" "unbound ${unbound_port}" "echo ${echo_port}"; do
  set -- ${target}
  dnsperf -s 127.0.0.1 -p "$2" -d "${work}/queries.txt" -n 1 -q 100 >/dev/null 2>&1
done
echo "${rounds} rounds of ${secs} s per server, alternating serve, unbound, echo (load average $(cut -d' ' -f1-3 /proc/loadavg))"
for round in $(seq 1 "${rounds}"); do
  measure serve "${serve_pid}" "${serve_port}" "${round}"
  measure unbound "${unbound_pid}" "${unbound_port}" "${round}"
  measure echo "${echo_pid}" "${echo_port}" "${round}"
done
rss() { awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
node bench/dns-server/summary.js "${work}/results.txt" "${services}" "${secs}" \
  "serve=$(rss "${serve_pid}")" "unbound=$(rss "${unbound_pid}")" "echo=$(rss "${echo_pid}")" || exit 2
