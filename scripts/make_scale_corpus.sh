#!/usr/bin/env bash
# Builds the scale corpus: a deterministic release history of about SEGMENTS segments
# (default 3,000,000) grown from the real files of ../shared/corpus/sample.
# Usage: scripts/make_scale_corpus.sh [SEGMENTS] [OUT_DIR]   (OUT_DIR default target/scale-corpus)
# Then: lqa scan target/scale-corpus --releases --out /tmp/scale
set -euo pipefail
cd "$(dirname "$0")/.."
SEGMENTS=${1:-3000000}
OUT=${2:-target/scale-corpus}
CORPUS=${LQA_SHARED_CORPUS:-../shared/corpus}
rm -rf "$OUT"
python3 scripts/make_scale_corpus.py "$CORPUS" "$OUT" "$SEGMENTS"
du -sh "$OUT"
