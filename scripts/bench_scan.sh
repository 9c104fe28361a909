#!/usr/bin/env bash
# Scan throughput and memory: parse-only pass and full scan, 1 and 2 threads,
# on ../shared/corpus and on the scale corpus (built by make_scale_corpus.sh if
# missing). Prints wall time, peak RSS, segments/s and MB/s from /usr/bin/time -v.
# Usage: scripts/bench_scan.sh [SCALE_SEGMENTS]   (default 3000000; 0 skips the scale corpus)
# Each measurement is the best of REPEAT runs (default 3): on a shared machine single runs
# vary by ±30%, and the fastest run is the one least disturbed by other work.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${1:-3000000}
CORPUS=${LQA_SHARED_CORPUS:-../shared/corpus}
SCALE_DIR=target/scale-corpus
cargo build --release -q
LQA=${LQA_BIN:-target/release/lqa}  # LQA_BIN: compare another build on the same machine
OUT=target/bench/scan-out
mkdir -p "$OUT"

if [ "$SCALE" != 0 ] && [ ! -f "$SCALE_DIR/.segments-$SCALE" ]; then
  scripts/make_scale_corpus.sh "$SCALE" "$SCALE_DIR" >&2
  touch "$SCALE_DIR/.segments-$SCALE"
fi

measure() { # label path mode jobs [flags...]
  local label=$1 path=$2 mode=$3 jobs=$4
  shift 4
  local flags=(--quiet --out "$OUT" -j "$jobs" "$@")
  [ "$mode" = parse ] && flags+=(--parse-only)
  local log best="" best_log=""
  for _ in $(seq "${REPEAT:-3}"); do
    log=$(mktemp)
    /usr/bin/time -v "$LQA" scan "$path" "${flags[@]}" > "$log.out" 2> "$log"
    local t
    t=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$log")
    if [ -z "$best" ] || [ "$(awk "BEGIN { print ($t < $best) }")" = 1 ]; then
      [ -n "$best_log" ] && rm -f "$best_log" "$best_log.out"
      best=$t best_log=$log
    else
      rm -f "$log" "$log.out"
    fi
  done
  log=$best_log
  local wall rss segments mb
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
  segments=$(grep -oE 'segments [0-9]+' "$log.out" | head -1 | awk '{ print $2 }')
  mb=$(du -sm --apparent-size "$path" | cut -f1)
  printf '%-14s %-6s %3s %9.2f %9s %12.0f %9.1f\n' "$label" "$mode" "$jobs" "$wall" "$rss" \
    "$(awk "BEGIN { print $segments / $wall }")" "$(awk "BEGIN { print $mb / $wall }")"
  rm -f "$log" "$log.out"
}

printf '%s, %s cores, load %s\n' "$(uname -m)" "$(nproc)" "$(cut -d' ' -f1 /proc/loadavg)"
# Warm the page cache first: otherwise the first (parse, -j1) run alone pays for the disk.
warm() { "$LQA" scan "$@" --quiet --parse-only --out "$OUT" > /dev/null 2>&1 || true; }
warm "$CORPUS"
[ "$SCALE" != 0 ] && warm "$SCALE_DIR" --releases
printf '%-14s %-6s %3s %9s %9s %12s %9s\n' corpus pass -j "wall s" "RSS MB" "segments/s" "MB/s"
for jobs in 1 2; do
  measure shared "$CORPUS" parse "$jobs"
  measure shared "$CORPUS" scan "$jobs"
done
if [ "$SCALE" != 0 ]; then
  for jobs in 1 2; do
    measure scale "$SCALE_DIR" parse "$jobs" --releases
    measure scale "$SCALE_DIR" scan "$jobs" --releases
  done
fi
