#!/usr/bin/env bash
# The README's test command: sets up everything a fresh machine needs, then runs every suite.
#   IRQLENS_SKIP_REALTREE=1  skip the real kernel trees (Debian 6.12, 6.1 and 7.3 sources)
#   IRQLENS_SKIP_EDITORS=1   skip the real-editor suites (Neovim, Emacs, Helix, VS Code in code-server)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/setup-review-tools.sh
if [ "${IRQLENS_SKIP_EDITORS:-0}" != 1 ]; then
  bash scripts/setup-editors.sh
fi
if [ "${IRQLENS_SKIP_REALTREE:-0}" != 1 ]; then
  bash scripts/get-kernel.sh 6.12 6.1 7.3 >/dev/null
fi
node scripts/test.mjs
