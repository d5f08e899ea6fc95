#!/usr/bin/env bash
# Installs the mailing-list tools the review tests drive: Debian's b4 (0.12: `b4 am -m` on a local
# mbox) and git (`git rebase -x`). Idempotent: skips what is installed. Needs root (or sudo) for apt.
set -euo pipefail

SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
log() { echo "[review-tools] $*"; }

missing=()
command -v b4 >/dev/null 2>&1 || missing+=(b4)
command -v git >/dev/null 2>&1 || missing+=(git)
if [ ${#missing[@]} -eq 0 ]; then
  log "present: b4 $(b4 --version), $(git --version)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# Waits for another apt/dpkg instead of failing on its lock; never deletes lock files.
APT=($SUDO apt-get -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends)
log "apt-get update, then install ${missing[*]}"
"${APT[@]}" update
"${APT[@]}" install "${missing[@]}"
log "installed: b4 $(b4 --version), $(git --version)"
