#!/usr/bin/env bash
# Installs what test/helix/helix.test.ts needs: tmux (the terminal the test drives Helix in) and
# Debian's Helix (package `hx`, Debian 13 "trixie" and later), reachable as $HX_DIR/bin/hx.
# Idempotent. Needs root (or sudo) only to apt-get install tmux / hx.
#
# Where the system's apt has no hx (bookworm), the .debs of trixie's hx, libc6 and libgcc-s1 are
# downloaded with a private apt configuration under $HX_DIR (the system's sources, package lists
# and installed packages are not touched) and unpacked there; hx needs glibc >= 2.39 and bookworm
# has 2.36, so $HX_DIR/bin/hx runs it through the unpacked glibc's loader. The archive is the one
# the system's own apt sources name. Helix's tree-sitter grammars are not needed: its LSP client is.
#   IRQLENS_HELIX_DIR   where (default ${XDG_CACHE_HOME:-$HOME/.cache}/irqlens-test/helix)
set -euo pipefail
HX_DIR="${IRQLENS_HELIX_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/irqlens-test/helix}"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
log() { echo "[helix-setup] $*"; }
export DEBIAN_FRONTEND=noninteractive
APT=($SUDO apt-get -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends)

if ! command -v tmux >/dev/null 2>&1; then
  log "apt-get install tmux"
  "${APT[@]}" update
  "${APT[@]}" install tmux
fi

works() { "$HX_DIR/bin/hx" --version 2>/dev/null | grep -q '^helix '; }
if [ -x "$HX_DIR/bin/hx" ] && works; then
  log "present: $("$HX_DIR/bin/hx" --version)"
  exit 0
fi
mkdir -p "$HX_DIR/bin"

# The system's hx, when its apt has one (trixie and later).
if apt-cache policy hx 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  log "apt-get install hx"
  "${APT[@]}" install hx
  printf '#!/bin/sh\nexec /usr/bin/hx "$@"\n' > "$HX_DIR/bin/hx"
  chmod +x "$HX_DIR/bin/hx"
  works && { log "installed: $("$HX_DIR/bin/hx" --version)"; exit 0; }
fi

# Otherwise trixie's packages, unpacked under $HX_DIR/root.
# shellcheck source=../../scripts/debian-archive.sh
. "$(dirname "$0")/../../scripts/debian-archive.sh"
archive="$(debian_archive)"
if [ -z "$archive" ]; then
  log "no Debian archive in the system's apt sources: cannot fetch hx"
  exit 1
fi
A="$HX_DIR/apt"
mkdir -p "$A/lists/partial" "$A/cache/archives/partial" "$A/debs"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $archive trixie main" > "$A/sources.list"
OPTS=(-q -o Dir::Etc::sourcelist="$A/sources.list" -o Dir::Etc::sourceparts=/nonexistent
  -o Dir::State::Lists="$A/lists" -o Dir::Cache="$A/cache" -o APT::Sandbox::User="$(id -un)")
log "fetching trixie's hx, libc6 and libgcc-s1 (private apt lists in $A)"
apt-get "${OPTS[@]}" update
(cd "$A/debs" && rm -f ./*.deb && apt-get "${OPTS[@]}" download hx libc6 libgcc-s1)
rm -rf "$HX_DIR/root"
for deb in "$A"/debs/*.deb; do dpkg-deb -x "$deb" "$HX_DIR/root"; done
loader="$(find "$HX_DIR/root/usr/lib" -path '*-linux-gnu/ld-linux*.so.*' | head -n1)"
[ -n "$loader" ] || { log "no dynamic loader in trixie's libc6"; exit 1; }
cat > "$HX_DIR/bin/hx" <<EOF
#!/bin/sh
# Debian trixie's Helix with trixie's glibc (written by test/helix/setup.sh).
export HELIX_RUNTIME="$HX_DIR/root/usr/lib/hx/runtime"
exec "$loader" --library-path "$(dirname "$loader")" "$HX_DIR/root/usr/bin/hx" "\$@"
EOF
chmod +x "$HX_DIR/bin/hx"
works || { log "$HX_DIR/bin/hx does not run"; exit 1; }
log "installed: $("$HX_DIR/bin/hx" --version) in $HX_DIR"
