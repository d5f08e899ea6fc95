#!/usr/bin/env bash
# Installs the real editors the integration suites drive: Debian's Neovim, Emacs and Helix (LSP
# client tests) and code-server + Chromium (VS Code tests). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
for s in test/nvim/setup.sh test/emacs/setup.sh test/helix/setup.sh test/vscode/setup.sh; do
  if [ -f "$s" ]; then bash "$s"; fi
done
