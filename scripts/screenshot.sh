#!/usr/bin/env bash
# Renders a report's index.html in headless Chromium and saves screenshots to look at.
# Needs Debian's chromium (apt-get install -y chromium).
# Usage: scripts/screenshot.sh [REPORT_DIR] [OUT_PREFIX]   (default reports, target/screenshot)
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=$(realpath "${1:-reports}")
OUT=${2:-target/screenshot}
mkdir -p "$(dirname "$OUT")"
for height in 1800 9000; do
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,$height \
    --screenshot="$OUT-$height.png" "file://$DIR/index.html" 2>/dev/null
  echo "$OUT-$height.png"
done
