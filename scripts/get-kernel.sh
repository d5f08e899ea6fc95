#!/usr/bin/env bash
# Puts Debian's real Linux kernel sources on this machine for the real-tree tests and benchmarks:
#   get-kernel.sh [VERSION...]    VERSION: 6.12 (default), 6.1, 7.3
# 6.12 and 6.1 are linux-source-6.12 / linux-source-6.1 from the system's own apt sources; 7.3 is
# today's mainline, linux-source-7.3 from trixie-backports, fetched through a private apt
# configuration under $KERNEL_SRC_DIR/.apt-trixie-backports whose only source is the archive the
# system's own sources name (the system's sources, lists and cache are never touched).
# Each tree is unpacked once into $KERNEL_SRC_DIR/linux-source-VERSION (default
# ~/.cache/kernel-src) and reused; the script prints each tree's path, one a line, and nothing else
# on stdout. Nothing of the kernel is ever copied into the repository.
set -euo pipefail
dest=${KERNEL_SRC_DIR:-$HOME/.cache/kernel-src}
[ $# -gt 0 ] || set -- 6.12
mkdir -p "$dest"

# shellcheck source=debian-archive.sh
. "$(dirname "$0")/debian-archive.sh"

# Downloads linux-source-$1 into the current directory.
download() {
  local v=$1
  if [ "$v" = 7.3 ]; then
    local archive A
    archive=$(debian_archive)
    [ -n "$archive" ] || { echo "get-kernel.sh: no Debian archive in the system's apt sources: cannot fetch linux-source-$v" >&2; return 1; }
    A="$dest/.apt-trixie-backports"
    mkdir -p "$A/lists/partial" "$A/cache/archives/partial"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${archive%/} trixie-backports main" > "$A/sources.list"
    local O=(-q -o Dir::Etc::sourcelist="$A/sources.list" -o Dir::Etc::sourceparts=/nonexistent
      -o Dir::State::Lists="$A/lists" -o Dir::Cache="$A/cache" -o APT::Sandbox::User="$(id -un)")
    apt-get "${O[@]}" update >/dev/null
    apt-get "${O[@]}" download "linux-source-$v" >/dev/null
  elif ! apt-get download "linux-source-$v" >/dev/null 2>&1; then
    apt-get update >/dev/null 2>&1 || true
    apt-get download "linux-source-$v" >/dev/null
  fi
}

for v in "$@"; do
  case "$v" in 6.12|6.1|7.3) ;; *) echo "get-kernel.sh: unknown version '$v' (6.12, 6.1 or 7.3)" >&2; exit 2 ;; esac
  tree="$dest/linux-source-$v"
  if [ ! -f "$tree/.complete" ]; then
    work=$(mktemp -d "$dest/.work.XXXXXX")
    ( cd "$work"
      download "$v"
      dpkg -x linux-source-"$v"_*.deb pkg
      rm -rf "$tree"
      tar -xJf pkg/usr/src/linux-source-"$v".tar.xz -C "$dest" )
    rm -rf "$work"
    touch "$tree/.complete"
  fi
  echo "$tree"
done
