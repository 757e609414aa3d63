#!/usr/bin/env bash
# Ask the real DNS server (`cdk8s-dns serve`) with dig about names of each example's synthesized output and compare
# every answer with `cdk8s-dns resolve --json` (same manifests, same resolver, no server in between).
#
# Usage: scripts/dig-check.sh [DIST_DIR...]
#   default: every examples/<name>/dist/ and examples/<name>/dist-<phase>/ that holds manifests.
# Needs: dig (Debian: apt-get install -y dnsutils), the compiled CLI (npx projen compile -> lib/), and the examples
# synthesized (scripts/example.sh). Exit 0 when every answer matches, 1 on any mismatch, 2 when it cannot run.
#
# Per folder it starts `node bin/cdk8s-dns serve -f DIR --port 0` (loopback, a free port read from its start line),
# picks names from `cdk8s-dns records` (up to 3 owners each of A, AAAA, CNAME, SRV, PTR, TXT), and checks:
#   A/AAAA/SRV/TXT/CNAME with `dig +short` (CNAME owners also with A: the chain as resolve reports it), PTR with
#   `dig -x IP`, an unknown Service (NXDOMAIN), the first A name in upper case (case-insensitive match), over TCP and
#   without EDNS, the status
#   and the aa flag of every answer, and REFUSED for a name outside the cluster zone. The server is killed on exit.
set -uo pipefail
cd "$(dirname "$0")/.."

command -v dig >/dev/null || { echo "dig-check: dig not found (apt-get install -y dnsutils)"; exit 2; }
[ -f lib/cli/serve.js ] || { echo "dig-check: lib/cli/serve.js missing (run npx projen compile)"; exit 2; }

dirs=("$@")
if [ ${#dirs[@]} -eq 0 ]; then
  for d in examples/*/dist examples/*/dist-*; do
    [ -d "$d" ] && ls "$d"/*.yaml >/dev/null 2>&1 && dirs+=("$d")
  done
fi
[ ${#dirs[@]} -gt 0 ] || { echo "dig-check: no synthesized examples (run scripts/example.sh first)"; exit 2; }

cli=(node bin/cdk8s-dns)
log="$(mktemp)"
raw="$(mktemp)" # dig's header of the last answer `actual` read
server_pid=""
stop_server() {
  if [ -n "${server_pid}" ]; then
    kill "${server_pid}" 2>/dev/null
    wait "${server_pid}" 2>/dev/null
    server_pid=""
  fi
}
trap 'stop_server; rm -f "${log}" "${raw}"' EXIT
trap 'exit 2' INT TERM

checks=0
failures=0
fail() {
  failures=$((failures + 1))
  echo "MISMATCH $*"
}

# expected DIR NAME TYPE -> "RCODE" then the sorted answer data, one per line (TXT quoted like dig +short).
expected() {
  local out
  out="$("${cli[@]}" resolve "$2" --type "$3" -f "$1" --json 2>&1)"
  [ $? -le 1 ] || { echo "ERROR ${out}"; return; }
  printf '%s' "${out}" | node -e '
    const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const data = r.answers.map((a) => (a.type === "TXT" ? `"${a.data}"` : a.data)).sort();
    console.log([r.rcode, ...data].join("\n"));'
}

# actual PORT DIG_ARGS... -> "aa=yes|no", "RCODE", then the sorted +short data.
actual() {
  local port="$1"; shift
  local full status short aa=no
  full="$(dig @127.0.0.1 -p "${port}" +tries=1 +time=5 +noall +comments "$@" 2>&1)"
  printf '%s\n' "${full}" >"${raw}"
  status="$(printf '%s\n' "${full}" | sed -n 's/.*status: \([A-Z]*\),.*/\1/p' | head -1)"
  printf '%s\n' "${full}" | grep -q '^;; flags:[a-z ]* aa[ ;]' && aa=yes
  short="$(dig @127.0.0.1 -p "${port}" +tries=1 +time=5 +short "$@" 2>&1 | sort)"
  printf 'aa=%s\n%s\n%s\n' "${aa}" "${status:-NO-ANSWER}" "${short}" | sed '/^$/d'
}

# check DIR PORT NAME TYPE [DIG_ARGS...]: dig and resolve must agree (status, data) and the answer must be authoritative.
check() {
  local dir="$1" port="$2" name="$3" type="$4"; shift 4
  local want all got aa via=""
  [ $# -gt 0 ] && via=" [dig $*]"
  want="$(expected "${dir}" "${name}" "${type}")"
  local args=("$@")
  [ ${#args[@]} -gt 0 ] || args=("${name}" "${type}")
  all="$(actual "${port}" "${args[@]}")"
  aa="$(printf '%s\n' "${all}" | head -1 | cut -d= -f2)"
  got="$(printf '%s\n' "${all}" | tail -n +2)"
  checks=$((checks + 1))
  if [ "${want}" != "${got}" ] || [ "${aa}" != yes ]; then
    # Asked once more, with dig's whole answer shown: a server that answers wrongly does so again, while one answer
    # lost or garbled on a loaded machine (seen once: NOERROR and the right data, but no aa flag) is told apart.
    echo "    ${name} ${type}${via}: $(printf '%s' "${all}" | tr '\n' ' '), from dig:"
    sed 's/^/      /' "${raw}"
    all="$(actual "${port}" "${args[@]}")"
    aa="$(printf '%s\n' "${all}" | head -1 | cut -d= -f2)"
    got="$(printf '%s\n' "${all}" | tail -n +2)"
    via="${via} (asked twice)"
  fi
  if [ "${want}" != "${got}" ]; then
    fail "${dir}: ${name} ${type}${via}"
    diff <(printf '%s\n' "${want}") <(printf '%s\n' "${got}") | sed 's/^/    /'
  elif [ "${aa}" != yes ]; then
    fail "${dir}: ${name} ${type}${via}: aa flag missing"
  else
    echo "ok ${name} ${type}${via} ($(printf '%s\n' "${got}" | head -1), $(($(printf '%s\n' "${got}" | wc -l) - 1)) answers)"
  fi
}

# reverse name of an IPv4 address -> the address (empty for IPv6 reverse names).
ptr_ip() {
  printf '%s\n' "$1" | awk -F. '/\.in-addr\.arpa\.$/ && NF == 7 { print $4 "." $3 "." $2 "." $1 }'
}

for dir in "${dirs[@]}"; do
  echo "=== ${dir}"
  records="$("${cli[@]}" records -f "${dir}")" || { fail "${dir}: cdk8s-dns records failed"; continue; }
  : >"${log}"
  "${cli[@]}" serve -f "${dir}" --port 0 >"${log}" 2>&1 &
  server_pid=$!
  port=""
  for _ in $(seq 1 300); do
    port="$(sed -n 's/^serving .* on 127\.0\.0\.1:\([0-9]*\) .*/\1/p' "${log}")"
    [ -n "${port}" ] && break
    kill -0 "${server_pid}" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "${port}" ]; then
    fail "${dir}: the server did not start"; cat "${log}"; stop_server; continue
  fi
  echo "server on port ${port}"

  owners() { printf '%s\n' "${records}" | awk -v t="$1" '$4 == t { print $1 }' | awk '!seen[$0]++' | head -3; }
  for type in A AAAA SRV TXT; do
    for name in $(owners "${type}"); do check "${dir}" "${port}" "${name}" "${type}"; done
  done
  for name in $(owners CNAME); do
    check "${dir}" "${port}" "${name}" CNAME
    check "${dir}" "${port}" "${name}" A
  done
  for name in $(owners PTR); do
    ip="$(ptr_ip "${name}")"
    if [ -n "${ip}" ]; then check "${dir}" "${port}" "${ip}" PTR -x "${ip}"; else check "${dir}" "${port}" "${name}" PTR; fi
  done
  first_a="$(owners A | head -1)"
  if [ -n "${first_a}" ]; then
    upper="$(printf '%s' "${first_a}" | tr '[:lower:]' '[:upper:]')"
    check "${dir}" "${port}" "${upper}" A
    check "${dir}" "${port}" "${first_a}" A +tcp "${first_a}" A     # TCP framing
    check "${dir}" "${port}" "${first_a}" A +noedns "${first_a}" A  # plain 512-byte UDP, no OPT
  fi
  check "${dir}" "${port}" "no-such-service.default.svc.cluster.local." A

  # Outside the zone: REFUSED, not authoritative, nothing forwarded.
  checks=$((checks + 1))
  all="$(actual "${port}" example.com A)"
  aa="$(printf '%s\n' "${all}" | head -1 | cut -d= -f2)"
  got="$(printf '%s\n' "${all}" | tail -n +2)"
  if [ "$(printf '%s\n' "${got}" | head -1)" != REFUSED ] || [ "${aa}" != no ]; then
    fail "${dir}: example.com A: expected REFUSED without aa, got $(printf '%s' "${got}" | head -1) aa=${aa}"
  else
    echo "ok example.com A (REFUSED)"
  fi
  stop_server
done

echo "dig-check: ${checks} queries, ${failures} mismatches"
[ "${failures}" -eq 0 ]
