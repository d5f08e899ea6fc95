#!/usr/bin/env bash
# run.sh: runs test.lua in a real headless Neovim (built-in LSP client) against
# `irqlens lsp --stdio` (dist/cli.js, so build first) on the fixture driver in fixtures/.
#
#   bash test/nvim/run.sh                  # prints the checks; E2E_REPORT=file also writes the JSON report
#
# Exit status: 0 when every check passed; 1 when a check failed; 124 when Neovim did not finish
# within E2E_TIMEOUT_S (default 20); 2 for a setup problem (no nvim, no fixture).
# The last line printed is always "N passed, N failed".
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

REPO="$(cd "$HERE/../.." && pwd)"
export E2E_SERVER_CMD="${E2E_SERVER_CMD:-node $REPO/dist/cli.js lsp --stdio}"
export E2E_FIXTURE="${E2E_FIXTURE:-$HERE/fixtures/hdrv/hdrv_main.c}"
export E2E_REPORT="${E2E_REPORT:-}"
export E2E_ROOT="${E2E_ROOT:-$(dirname "$E2E_FIXTURE")}"
E2E_TIMEOUT_S="${E2E_TIMEOUT_S:-20}"
# Waits inside Neovim share this budget, so Neovim reports and exits before the hard kill.
export E2E_BUDGET_MS="${E2E_BUDGET_MS:-$(( (E2E_TIMEOUT_S - 3) * 1000 ))}"
TEST_LUA="${E2E_TEST_LUA:-$HERE/test.lua}"
NVIM="${NVIM:-nvim}"

if ! command -v "$NVIM" >/dev/null 2>&1; then
  echo "FAIL: $NVIM not found (run test/nvim/setup.sh)"; echo "0 passed, 1 failed"; exit 2
fi
if [ ! -r "$E2E_FIXTURE" ]; then
  echo "FAIL: fixture not readable: $E2E_FIXTURE"; echo "0 passed, 1 failed"; exit 2
fi

# Fresh, throw-away Neovim state: no user config, no shada, no swap, no plugins, logs in the run dir.
RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/nvim-lsp-e2e.XXXXXX")"
cleanup() { if [ "${KEEP_RUN:-0}" = 1 ]; then echo "# run dir kept: $RUN_DIR"; else rm -rf "$RUN_DIR"; fi; }
trap cleanup EXIT
mkdir -p "$RUN_DIR"/{config,data,state,cache,runtime}
export XDG_CONFIG_HOME="$RUN_DIR/config" XDG_DATA_HOME="$RUN_DIR/data" XDG_STATE_HOME="$RUN_DIR/state" \
       XDG_CACHE_HOME="$RUN_DIR/cache" XDG_RUNTIME_DIR="$RUN_DIR/runtime"
export NVIM_LOG_FILE="$RUN_DIR/nvim.log"   # Neovim's own log; the LSP log is $XDG_CACHE_HOME/nvim/lsp.log
unset VIMINIT EXINIT MYVIMRC NVIM_LISTEN_ADDRESS VIMRUNTIME

start=$(date +%s%N)
# timeout (not --foreground) signals its whole process group, so the server dies with Neovim.
# stdin from /dev/null: headless Neovim must never wait for input.
# The summary line is held back and printed last, after run.sh's own notes.
SUMMARY_RE='^[0-9]+ passed, [0-9]+ failed$'
timeout --kill-after=3 "$E2E_TIMEOUT_S" \
  "$NVIM" --headless -u NONE -i NONE -n \
    -c "luafile $TEST_LUA" \
    -c "cquit 3" \
  </dev/null 2>"$RUN_DIR/stderr" | tee "$RUN_DIR/stdout" | grep --line-buffered -Ev "$SUMMARY_RE"
rc=${PIPESTATUS[0]}
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))

if [ -s "$RUN_DIR/stderr" ]; then
  echo "# nvim stderr:"; awk '{ print "#   " $0 }' "$RUN_DIR/stderr"
fi
lsp_log_tail() {
  local f="$RUN_DIR/cache/nvim/lsp.log"
  if [ -f "$f" ] && [ "$(wc -l < "$f")" -gt 1 ]; then echo "# lsp.log tail:"; tail -n 20 "$f" | awk '{ print "#   " $0 }'; fi
}
summary="$(grep -E "$SUMMARY_RE" "$RUN_DIR/stdout" | tail -n 1)"
n_ok=$(grep -c '^ok - ' "$RUN_DIR/stdout" || true)
n_bad=$(grep -c '^not ok - ' "$RUN_DIR/stdout" || true)

case "$rc" in
  0) echo "# PASS in ${elapsed_ms} ms" ;;
  124|137)
    echo "FAIL: timeout: Neovim did not finish within ${E2E_TIMEOUT_S} s (killed, rc $rc)"
    lsp_log_tail
    summary="$n_ok passed, $(( n_bad + 1 )) failed"
    rc=124 ;;
  3) echo "FAIL: $(basename "$TEST_LUA") did not end Neovim itself (uncaught Lua error? see stderr above) (exit 3)"
     lsp_log_tail
     summary="$n_ok passed, $(( n_bad + 1 )) failed" ;;
  *) echo "# FAIL (nvim exit $rc) in ${elapsed_ms} ms"
     lsp_log_tail
     if [ -z "$summary" ]; then summary="$n_ok passed, $(( n_bad + 1 )) failed"; fi ;;
esac
# Never report success with a failing exit status, nor the reverse.
if [ "$rc" = 0 ] && ! [[ "$summary" =~ ^[0-9]+\ passed,\ 0\ failed$ ]]; then
  echo "FAIL: nvim exited 0 but the summary was '${summary:-missing}'"; summary="$n_ok passed, $(( n_bad + 1 )) failed"; rc=1
fi
echo "$summary"
exit "$rc"
