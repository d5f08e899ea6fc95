#!/usr/bin/env bash
# The README's main-job command: sets up (npm dependencies, build) and analyses the bundled
# examples/ tree — the facts it finds, then the review findings, as a maintainer would see them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "== irqlens facts examples/"
node bin/irqlens.js facts examples/
echo
echo "== irqlens check examples/"
status=0
node bin/irqlens.js check examples/ || status=$?
# Exit 1 only means "findings at or above --fail-on": the example carries one deliberate conflict.
if [ "$status" -gt 1 ]; then exit "$status"; fi
