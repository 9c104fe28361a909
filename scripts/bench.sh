#!/usr/bin/env bash
# Runs lqa and its peers (sacreBLEU 2.6.0, RapidFuzz) on the same real segment pairs
# and prints pairs/s and ratios. Usage: scripts/bench.sh [PAIRS] (default 50000).
# Needs ../shared/corpus (or $LQA_SHARED_CORPUS) and python3; installs sacrebleu and
# rapidfuzz into a virtualenv under target/ when they are not importable.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-50000}
CORPUS=${LQA_SHARED_CORPUS:-../shared/corpus}
WORK=target/bench
mkdir -p "$WORK"

PY=python3
if ! $PY -c 'import sacrebleu, rapidfuzz; assert sacrebleu.__version__ == "2.6.0"' 2>/dev/null; then
  [ -x target/bench-venv/bin/python ] || python3 -m venv target/bench-venv
  target/bench-venv/bin/pip install -q sacrebleu==2.6.0 rapidfuzz
  PY=target/bench-venv/bin/python
fi

cargo build --release -q
cargo build --release -q --example lev_inprocess
LQA=target/release/lqa
$LQA scan "$CORPUS" --quiet --out "$WORK/scan" > /dev/null
$PY scripts/bench_pairs.py "$WORK/scan" "$WORK" "$N" >&2

calc() { awk "BEGIN { print $1 }"; }

# lqa: whole command (start-up, reading, scoring, writing), best of 7: runs are short (0.1-0.3 s)
# and the shared machine is noisy, so the minimum is the stable figure.
lqa_time() {
  local best=""
  for _ in 1 2 3 4 5 6 7; do
    local s e t
    s=$(date +%s.%N)
    "$LQA" score --ref "$WORK/ref.txt" --hyp "$WORK/hyp.txt" "$@" > /dev/null
    e=$(date +%s.%N)
    t=$(calc "$e - $s")
    if [ -z "$best" ] || [ "$(calc "$t < $best")" = 1 ]; then best=$t; fi
  done
  echo "$best"
}

declare -A PEER
while read -r name secs; do PEER[$name]=$secs; done < <($PY scripts/bench_peers.py "$WORK")

printf '%s pairs, %s, %s cores\n' "$N" "$(uname -m)" "$(nproc)"
printf '%-16s %12s %12s %12s %10s %10s\n' measurement "peer pairs/s" "lqa -j1" "lqa -j2" "ratio -j1" "-j2/-j1"
for m in ter chrf bleu lev; do
  for level in sentence corpus; do
    key="${level}_${m}"
    [ -n "${PEER[$key]:-}" ] || continue
    flags=(-m "$m" --format csv)
    [ "$level" = sentence ] && flags+=(--sentence)
    t1=$(lqa_time "${flags[@]}" -j 1)
    t2=$(lqa_time "${flags[@]}" -j 2)
    peer=${PEER[$key]}
    printf '%-16s %12.0f %12.0f %12.0f %9.1fx %9.2fx\n' "$key" \
      "$(calc "$N / $peer")" "$(calc "$N / $t1")" "$(calc "$N / $t2")" \
      "$(calc "$peer / $t1")" "$(calc "$t1 / $t2")"
  done
done
# The distance alone, in-process on both sides (lqa's loop in examples/lev_inprocess.rs).
lev_in=$(target/release/examples/lev_inprocess "$WORK")
printf '%-16s %12.0f %12.0f %12s %9.1fx\n' "lev_in_process" \
  "$(calc "$N / ${PEER[sentence_lev]}")" "$(calc "$N / $lev_in")" "" "$(calc "${PEER[sentence_lev]} / $lev_in")"
echo "peers: sacreBLEU 2.6.0 and RapidFuzz Levenshtein.distance, in-process, one thread, best of 3 (PEER_REPEAT);"
echo "lqa: the whole 'lqa score' command, best of 7. lev compares RapidFuzz's distance alone"
echo "with lqa's distance plus normalisation; lev_in_process times lqa's char_distance loop"
echo "in-process (best of 20) against the same RapidFuzz loop."
