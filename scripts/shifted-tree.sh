#!/usr/bin/env bash
# Makes a copy of a kernel tree that looks like the next Debian point release to the real-tree
# suites: every file that calls an API of the ground truth (and drivers/pci/quirks.c) gets three
# comment lines inserted at its top, so every line below moves and nothing else changes. Files
# are hard-linked from the original except those rewritten, so a copy costs little disk.
#   scripts/shifted-tree.sh DEST [TAG...]      TAG: 6.12 6.1 7.3 (default: all three)
# Then:  KERNEL_SRC_DIR=DEST node scripts/test.mjs realtree unit
# Only line-valued output may differ from a run on the originals (docs/realtree-recall.md).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: scripts/shifted-tree.sh DEST [TAG...]" >&2; exit 2; }
dest=$1; shift
[ $# -gt 0 ] || set -- 6.12 6.1 7.3
src=${KERNEL_SRC_DIR:-$HOME/.cache/kernel-src}
mkdir -p "$dest"
for tag in "$@"; do
  from="$src/linux-source-$tag"; to="$dest/linux-source-$tag"
  [ -f "$from/.complete" ] || { echo "shifted-tree.sh: $from is missing (scripts/get-kernel.sh $tag)" >&2; exit 1; }
  rm -rf "$to"; cp -al "$from" "$to"
  names=$(sed -n '1s/^# names\t//p' "test/realtree/data/ground-truth-$tag.tsv" | tr ' ' '|')
  { (cd "$to" && grep -rlE --include='*.[ch]' "\\b($names)\\b" .); echo ./drivers/pci/quirks.c; } | while read -r f; do
    { printf '/* shifted\n * by three lines\n */\n'; cat "$to/$f"; } > "$to/$f.shifted" && mv "$to/$f.shifted" "$to/$f"
  done
  echo "$to"
done
