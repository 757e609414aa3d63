#!/usr/bin/env bash
# Synthesize every example app under examples/ with `cdk8s synth` and print what it produced.
# Usage: scripts/example.sh [--quiet]
set -euo pipefail
cd "$(dirname "$0")/.."
quiet=false
[ "${1:-}" = "--quiet" ] && quiet=true
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
cdk8s="$(pwd)/node_modules/.bin/cdk8s"
for dir in examples/*/; do
  [ -f "${dir}cdk8s.yaml" ] || continue
  echo "=== ${dir} ==="
  if [ -x "${dir}synth.sh" ]; then
    (cd "${dir}" && CDK8S="${cdk8s}" ./synth.sh)
  else
    (cd "${dir}" && "${cdk8s}" synth --no-check-upgrade)
  fi
  if [ "${quiet}" = false ]; then
    find "${dir}" -path "${dir}dist*" -name '*.yaml' | sort | while read -r f; do
      echo "--- ${f}"; cat "${f}"
    done
  fi
done
