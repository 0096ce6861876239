#!/usr/bin/env bash
# Smoke test of xdd-studio under Xvfb: a bad flag exits 2 with a message; a tiny experiment on the
# committed MNIST subset runs for 400 frames and leaves a screenshot of the requested size that
# shows the panels (many colours, not one flat fill).
# Usage: tests/gui_smoke.sh path/to/xdd-studio
set -euo pipefail
app=${1:?usage: gui_smoke.sh path/to/xdd-studio}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "gui_smoke: FAIL: $*" >&2; exit 1; }

# A bad command-line value: a clear message and exit code 2, no window needed.
set +e
"$app" --holdout 12 2>"$tmp/err.txt"
code=$?
set -e
[ "$code" -eq 2 ] || fail "--holdout 12 exited $code, expected 2"
grep -q "holdout" "$tmp/err.txt" || fail "--holdout 12 gave no message naming holdout"

png=$tmp/smoke.png
# A private cache folder and run store, so the test pre-trains its own tiny GAN, records its run
# in its own store and leaves nothing behind.
XDG_CACHE_HOME=$tmp/cache xvfb-run -a -s "-screen 0 1600x1000x24" \
  "$app" --data "$root/assets/testdata/mnist-small" --preset tiny --steps 20 --threads 1 \
  --store "$tmp/runs.db" --autostart --frames 400 --screenshot "$png" --size 1280x800 \
  || fail "xdd-studio exited with an error"

[ -s "$png" ] || fail "no screenshot written"
size=$(identify -format '%wx%h' "$png")
[ "$size" = "1280x800" ] || fail "screenshot is $size, expected 1280x800"
colours=$(convert "$png" -format %k info:)
[ "$colours" -gt 50 ] || fail "screenshot has only $colours colours (blank window?)"
echo "gui_smoke: OK ($size, $colours colours)"
