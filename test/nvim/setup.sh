#!/usr/bin/env bash
# setup.sh: installs what test/nvim/run.sh needs: Debian's neovim (bookworm: 0.7.2) when `nvim`
# is missing. Idempotent; a second run only checks the version. Needs root (or sudo) for apt.
set -euo pipefail

SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
log() { echo "[nvim-setup] $*"; }

if command -v nvim >/dev/null 2>&1; then
  log "nvim present: $(nvim --version | head -n1)"
else
  export DEBIAN_FRONTEND=noninteractive
  # Waits for another apt/dpkg instead of failing on its lock; never deletes lock files.
  APT=($SUDO apt-get -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends)
  log "apt-get update, then install neovim"
  "${APT[@]}" update
  "${APT[@]}" install neovim
  log "installed: $(nvim --version | head -n1)"
fi
# test.lua needs Neovim >= 0.7 (vim.diagnostic, vim.wait, buf_request_sync, cquit N).
nvim --headless -u NONE -i NONE -n \
  -c 'lua local v = vim.version(); if v.major == 0 and v.minor < 7 then vim.cmd("cquit 1") end' \
  -c 'qall!' </dev/null || { log "Neovim >= 0.7 required"; exit 1; }
