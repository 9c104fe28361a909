#!/usr/bin/env bash
# Runs lqa and its peers (sacreBLEU 2.6.0, RapidFuzz) on the same real segment pairs,
# interleaved in BENCH_ROUNDS rounds (default 3; see scripts/bench_compare.py), and
# prints pairs/s and ratios. Usage: scripts/bench.sh [PAIRS] (default 50000).
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

$PY scripts/bench_compare.py "$WORK" "$LQA" target/release/examples/lev_inprocess
