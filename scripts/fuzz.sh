#!/usr/bin/env bash
# Runs cargo-fuzz targets (all by default, one after the other) for SECONDS each (default 600) with a seed corpus
# drawn from ../shared/corpus. Needs the nightly toolchain and cargo-fuzz
# (`cargo install cargo-fuzz`). Crashes land in fuzz/artifacts/<target>/; turn
# each fixed one into a regression test in tests/fuzz_regressions.rs.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-600}
shift || true
CORPUS=${LQA_SHARED_CORPUS:-../shared/corpus}
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(read_markdown read_formats read_xliff read_tmx read_po read_csv read_tbx metrics score_inputs)

# Seeds: the odd files, the seeds, and the 60 smallest real files with segments.
seeds=fuzz/corpus/read_markdown
mkdir -p "$seeds"
cp "$CORPUS"/quirks/*/*/*/*.md "$seeds"/ 2>/dev/null || true
find "$CORPUS"/quirks "$CORPUS"/seed -name '*.md' -exec cp {} "$seeds"/ \; 2>/dev/null || true
find "$CORPUS"/sample -name '*.md' -size -6k -printf '%s %p\n' | sort -n | head -60 | cut -d' ' -f2 |
  while read -r f; do cp "$f" "$seeds/$(echo "$f" | tr / _)"; done
cp fuzz/seeds/read_markdown/* "$seeds"/ 2>/dev/null || true
# Every other reader's seeds: fuzz/seeds/<target>/, small files from the tests (read_formats:
# tests/formats.rs's, the first byte picks the reader; read_xliff, read_tmx, read_po, read_csv,
# read_tbx: one reader each, the file whole). ../shared/corpus holds Markdown only.
for dir in fuzz/seeds/*/; do
  target=$(basename "$dir")
  [ "$target" = read_markdown ] && continue
  mkdir -p "fuzz/corpus/$target"
  cp "$dir"* "fuzz/corpus/$target/"
done

for target in "${TARGETS[@]}"; do
  echo "== $target for ${SECONDS_EACH}s"
  cargo +nightly fuzz run "$target" -- -max_total_time="$SECONDS_EACH" -max_len=65536 -rss_limit_mb=2048 2>&1 |
    grep -E "^(#[0-9]+ *DONE|Done|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written)" || true
done
crashes=$(find fuzz/artifacts -type f 2>/dev/null | wc -l)
if [ "$crashes" -gt 0 ]; then find fuzz/artifacts -type f; echo "$crashes crash input(s) above"; else echo "no crash inputs"; fi
