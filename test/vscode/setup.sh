#!/usr/bin/env bash
# Installs what IRQ Lens's real-VS-Code suites need (idempotent): Debian's chromium and ripgrep,
# code-server (VS Code 1.100.3 web workbench + server + node extension host) from npm, with
# @vscode/ripgrep's download cache seeded from Debian's rg so nothing reaches GitHub.
# The harness itself (playwright-core, mocha, @vscode/vsce) is the project's devDependencies.
# Works offline except for the npm registry and Debian's apt repositories.
#
#   CS_VERSION   code-server version (default 4.100.3 = VS Code 1.100.3, needs node 20)
#   CS_DIR       where to install code-server (default ${XDG_CACHE_HOME:-$HOME/.cache}/vscode-e2e/code-server-$CS_VERSION)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CS_VERSION="${CS_VERSION:-4.100.3}"
CS_DIR="${CS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vscode-e2e/code-server-$CS_VERSION}"
log() { printf '\n== %s\n' "$*"; }
T0=$(date +%s)

# ---------------------------------------------------------------------------------------
log "1/5 apt packages"
# build-essential/python3/pkg-config: node-gyp builds (node-pty, @vscode/spdlog, kerberos,
#   native-watchdog, argon2); libkrb5-dev: kerberos (gssapi.h); ripgrep: replaces the
#   GitHub download of @vscode/ripgrep; chromium: the browser that hosts the workbench.
# (keytar, an optional dep of vsce, is denied in package.json's allowScripts: not needed.)
APT_PKGS=(build-essential pkg-config python3 libkrb5-dev ripgrep chromium)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  # other setup scripts may hold the dpkg lock: wait for it rather than fail
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}"
fi
command -v rg >/dev/null && command -v chromium >/dev/null

# ---------------------------------------------------------------------------------------
log "2/5 node headers for node-gyp"
# Without a local nodedir node-gyp downloads headers from nodejs.org, which is unreachable.
NODE_PREFIX="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
if [ -f "$NODE_PREFIX/include/node/node.h" ]; then
  export npm_config_nodedir="$NODE_PREFIX"
  echo "npm_config_nodedir=$npm_config_nodedir ($(node -v))"
else
  echo "ERROR: no node headers under $NODE_PREFIX/include/node (install the nodejs package that ships them)" >&2
  exit 1
fi
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
[ "$NODE_MAJOR" = 20 ] || echo "WARNING: code-server $CS_VERSION wants node 20, this is node $NODE_MAJOR (set FORCE_NODE_VERSION=$NODE_MAJOR to override)" >&2

# ---------------------------------------------------------------------------------------
CS_INSTALLED="$(node -p 'try{require(process.argv[1]).version}catch{""}' "$CS_DIR/node_modules/code-server/package.json")"
if [ "$CS_INSTALLED" = "$CS_VERSION" ]; then
  log "3/5 seed @vscode/ripgrep's download cache: not needed, code-server $CS_VERSION is installed"
else
  log "3/5 seed @vscode/ripgrep's download cache with Debian's rg"
  # @vscode/ripgrep's postinstall asks api.github.com for a prebuilt rg -> ENOTFOUND offline.
  # It first looks in $TMPDIR/vscode-ripgrep-cache-<pkgver>/ripgrep-<tag>-<target>.tar.gz,
  # so we put a tarball with Debian's rg (same 13.0.0 release) there.
  WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
  (cd "$WORK" && npm pack --silent "code-server@$CS_VERSION" >/dev/null)
  tar -xzf "$WORK"/code-server-*.tgz -C "$WORK" package/lib/vscode/npm-shrinkwrap.json
  RG_PKG="$(node -p 'require(process.argv[1]).packages["node_modules/@vscode/ripgrep"].version' "$WORK/package/lib/vscode/npm-shrinkwrap.json")"
  (cd "$WORK" && npm pack --silent "@vscode/ripgrep@$RG_PKG" >/dev/null)
  tar -xzf "$WORK"/vscode-ripgrep-*.tgz -C "$WORK" package/lib/postinstall.js
  RG_TAG="$(sed -n "s/^const VERSION = '\([^']*\)'.*/\1/p" "$WORK/package/lib/postinstall.js")"
  case "$(uname -m)" in
    x86_64) RG_TARGET=x86_64-unknown-linux-musl ;;
    aarch64) RG_TARGET=aarch64-unknown-linux-musl ;;
    *) echo "unsupported arch $(uname -m)" >&2; exit 1 ;;
  esac
  RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RG_PKG"
  mkdir -p "$RG_CACHE" "$WORK/rg"
  cp "$(readlink -f "$(command -v rg)")" "$WORK/rg/rg"
  tar -czf "$RG_CACHE/ripgrep-$RG_TAG-$RG_TARGET.tar.gz" -C "$WORK/rg" rg
  echo "seeded $RG_CACHE/ripgrep-$RG_TAG-$RG_TARGET.tar.gz ($(rg --version | sed -n 1p))"
fi

# ---------------------------------------------------------------------------------------
log "4/5 npm install code-server@$CS_VERSION into $CS_DIR"
mkdir -p "$CS_DIR"
if [ ! -f "$CS_DIR/package.json" ]; then
  cat > "$CS_DIR/package.json" <<EOF
{ "name": "code-server-host", "private": true,
  "allowScripts": { "code-server": true, "argon2": true } }
EOF
fi
export npm_config_yes=true          # node-pty's postinstall runs 'npx node-gyp@12 ...' (must not prompt/cancel)
export npm_config_unsafe_perm=true  # code-server's postinstall.sh refuses to run as root without it
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
T1=$(date +%s)
if [ "$CS_INSTALLED" != "$CS_VERSION" ]; then
  (cd "$CS_DIR" && npm install --no-audit --no-fund --save-exact "code-server@$CS_VERSION")
  echo "code-server npm install took $(( $(date +%s) - T1 ))s"
else
  echo "code-server $CS_VERSION already installed"
fi

# ---------------------------------------------------------------------------------------
log "5/5 verify the install"
VS="$CS_DIR/node_modules/code-server/lib/vscode"
for f in node_modules/@vscode/ripgrep/bin/rg \
         node_modules/node-pty/build/Release/pty.node \
         node_modules/@vscode/spdlog/build/Release/spdlog.node \
         node_modules/kerberos/build/Release/kerberos.node \
         node_modules/native-watchdog/build/Release/watchdog.node \
         extensions/node_modules/typescript/package.json; do
  [ -e "$VS/$f" ] || { echo "MISSING $VS/$f (a postinstall script did not run or failed)" >&2; exit 1; }
done
"$VS/node_modules/@vscode/ripgrep/bin/rg" --version | sed -n 1p   # not head -1: rg exits 2 on EPIPE (pipefail)
VTMP="$(mktemp -d)"
XDG_CONFIG_HOME="$VTMP" XDG_DATA_HOME="$VTMP" "$CS_DIR/node_modules/.bin/code-server" --config "$VTMP/c.yaml" --version
rm -rf "$VTMP"

# ---------------------------------------------------------------------------------------
ROOT="$(cd "$HERE/../.." && pwd)"
for m in playwright-core mocha @vscode/vsce; do
  [ -e "$ROOT/node_modules/$m/package.json" ] || { echo "MISSING $m: run scripts/setup.sh (npm ci) first" >&2; exit 1; }
done
du -sh "$CS_DIR" /usr/lib/chromium 2>/dev/null || true
echo "setup finished in $(( $(date +%s) - T0 ))s"
