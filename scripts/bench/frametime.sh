#!/usr/bin/env bash
# Frame-time benchmark of xdd-studio under Xvfb while an experiment trains: the app starts the run
# at once (--autostart), draws a fixed number of frames at its 60 Hz pace (--frames) and logs each
# frame's times (--frame-log): the whole frame (its start to the end of its buffer swap) and the
# app's own work (its start to complete draw lists, without OpenGL submission and the driver's
# rasterisation: what a GPU machine's frame would cost the CPU). Prints p50, p99 and the maximum of
# each, leaving out the first 30 frames (start-up: font atlas, shaders).
#
# Usage: scripts/bench/frametime.sh [--app PATH] [--data DIR] [--frames N] [--size WxH] [--log FILE]
#                                   [-- APP FLAGS]   (--log keeps the per-frame times)
# Example (10,000 test points, fast preset): scripts/bench/frametime.sh --data data/mnist --frames 1800
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
app=$root/build/app/gui/xdd-studio
data=$root/data/mnist
frames=1800
size=1600x1000
extra=()
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --app) app=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --frames) frames=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --log) keep=$2; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "frametime.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x "$app" ] || { echo "frametime.sh: no app at $app (build it: cmake --build build --target xdd-studio)" >&2; exit 2; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# The machine's load while it runs: other processes competing for the cores show up as long frames.
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"
xvfb-run -a -s "-screen 0 ${size}x24" "$app" --data "$data" --autostart --frames "$frames" \
  --frame-log "$log" --size "$size" "${extra[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -z "$keep" ] || cp "$log" "$keep"

# summary COLUMN TITLE: p50, p99 and max of one column of the log.
summary() {
  tail -n +31 "$log" | awk -v c="$1" '{ print $c }' | sort -n | awk -v title="$2" '
    { t[NR] = $1 }
    function pct(p,   k) { k = int(p * NR); if (k < p * NR) k++; if (k < 1) k = 1; return t[k] }
    END {
      if (NR == 0) { print "no frames logged"; exit 1 }
      printf "%s ms: p50 %.2f  p99 %.2f  max %.2f  (%d frames, first 30 left out)\n", title,
             pct(0.50), pct(0.99), t[NR], NR
    }'
}
echo "window $size"
summary 1 "whole frame"
summary 2 "app work (to draw lists)"
