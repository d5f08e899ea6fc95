#!/usr/bin/env bash
# Installs what test/emacs/eglot.test.ts needs: Debian's Emacs (no GUI) and its eglot package,
# when missing. Idempotent. Needs root (or sudo) for apt.
set -euo pipefail
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
if command -v emacs >/dev/null 2>&1 && ls -d /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1; then
  echo "[emacs-setup] present: $(emacs --version | sed -n 1p)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
APT=($SUDO apt-get -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends)
"${APT[@]}" update
"${APT[@]}" install emacs-nox elpa-eglot
echo "[emacs-setup] installed: $(emacs --version | sed -n 1p)"
