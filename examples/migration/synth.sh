#!/usr/bin/env bash
# Synthesizes the migration app once per phase, into dist-external/, dist-sync/ and dist-internal/.
# Usage: CDK8S=<path to the cdk8s binary> ./synth.sh   (scripts/example.sh sets CDK8S)
set -euo pipefail
cd "$(dirname "$0")"
cdk8s="${CDK8S:-cdk8s}"
for phase in external sync internal; do
  MIGRATION_PHASE="${phase}" "${cdk8s}" synth --no-check-upgrade --output "dist-${phase}"
done
