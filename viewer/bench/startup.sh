#!/usr/bin/env bash
# Cold start of digilyft-view to the first frame with the invoice drawn, timed as a whole process
# (exec, window and GL context, reading and validating on the background thread, first drawn
# invoice frame, exit) by hyperfine, release build.
#
#   bash viewer/bench/startup.sh [FILE…]      (default: the Swedish telephony invoice)
#
# Uses $DISPLAY when set, else starts its own Xvfb on :87 (software GL through Mesa's llvmpipe).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bin="${CARGO_TARGET_DIR:-target}/release/digilyft-view"
cargo build -q -p digilyft-viewer --release
files=("$@")
((${#files[@]})) || files=(assets/samples/BIS_Billing_30-Telefoni.xml)
if [[ -z "${DISPLAY:-}" ]]; then
  Xvfb :87 -screen 0 1280x1024x24 >/dev/null 2>&1 &
  xvfb=$!
  trap 'kill $xvfb' EXIT
  export DISPLAY=:87
  sleep 1
fi
uptime
hyperfine --warmup 3 --runs "${RUNS:-30}" -N \
  "$bin --exit-after-draw ${files[*]}"
