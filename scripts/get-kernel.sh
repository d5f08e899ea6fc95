#!/usr/bin/env bash
# Puts Debian's real Linux kernel sources (linux-source-6.12 / linux-source-6.1) on this machine
# for the real-tree tests and benchmarks. Each tree is unpacked once into
# $KERNEL_SRC_DIR/linux-source-VERSION (default ~/.cache/kernel-src) and reused; the script
# prints each tree's path. Nothing of the kernel is ever copied into the repository.
set -euo pipefail
dest=${KERNEL_SRC_DIR:-$HOME/.cache/kernel-src}
[ $# -gt 0 ] || set -- 6.12
mkdir -p "$dest"
for v in "$@"; do
  case "$v" in 6.12|6.1) ;; *) echo "get-kernel.sh: unknown version '$v' (6.12 or 6.1)" >&2; exit 2 ;; esac
  tree="$dest/linux-source-$v"
  if [ ! -f "$tree/.complete" ]; then
    work=$(mktemp -d "$dest/.work.XXXXXX")
    ( cd "$work"
      if ! apt-get download "linux-source-$v" >/dev/null 2>&1; then
        apt-get update >/dev/null 2>&1 || true
        apt-get download "linux-source-$v" >/dev/null
      fi
      dpkg -x linux-source-"$v"_*.deb pkg
      rm -rf "$tree"
      tar -xJf pkg/usr/src/linux-source-"$v".tar.xz -C "$dest" )
    rm -rf "$work"
    touch "$tree/.complete"
  fi
  echo "$tree"
done
