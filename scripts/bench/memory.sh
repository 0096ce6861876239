#!/usr/bin/env bash
# Peak resident memory of the app while it runs the default experiment, and of `xdd run`: issue
# 17's targets (app <= 1.0 GiB, `xdd run` <= 0.8 GiB). The app starts its run at once under Xvfb
# and draws --frames frames (enough for the run to finish and be recorded); its resident size is
# sampled every 0.2 s, so the log shows which phase holds the peak. The peak itself is the kernel's
# (maxrss of GNU time), not a sample.
#
# Usage: scripts/bench/memory.sh [--data DIR] [--frames N] [--holdout D] [--skip-app] [--skip-cli]
# Needs the GAN of the held-out digit cached (the app and `xdd run` would otherwise pre-train it).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=$root/data/mnist
frames=7200
holdout=8
app=1
cli=1
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data=$2; shift 2 ;;
    --frames) frames=$2; shift 2 ;;
    --holdout) holdout=$2; shift 2 ;;
    --skip-app) app=0; shift ;;
    --skip-cli) cli=0; shift ;;
    *) echo "memory.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# largest_descendant PID: the resident MiB of the largest process below PID (xvfb-run starts the
# app as a grandchild, beside Xvfb; the programs re-execute themselves, so names do not find them).
largest_descendant() {
  local pids=$1 all="" next
  while [ -n "$pids" ]; do
    all="$all $pids"
    next=""
    for p in $pids; do next="$next $(pgrep -P "$p" | tr '\n' ' ' || true)"; done
    pids=$(echo $next)
  done
  for p in $all; do awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$p/status" 2>/dev/null; done |
    sort -n | tail -1
}

# sampled NAME CMD...: runs CMD, prints its peak (GNU time) and its largest resident size in each
# 10 s.
sampled() {
  local name=$1
  shift
  /usr/bin/time -f "%M" -o "$work/peak" "$@" >"$work/log" 2>&1 &
  local pid=$! start=$SECONDS rss
  : >"$work/rss"
  while kill -0 "$pid" 2>/dev/null; do
    rss=$(largest_descendant "$pid")
    [ -z "$rss" ] || echo "$((SECONDS - start)) $rss" >>"$work/rss"
    sleep 0.2
  done
  wait "$pid" || { echo "memory.sh: $name failed:" >&2; tail -5 "$work/log" >&2; return 1; }
  printf '%s: peak resident %d MB (%.0f MiB)\n' "$name" $(($(cat "$work/peak") / 1000)) \
    "$(echo "$(cat "$work/peak") / 1024" | bc -l)"
  printf '  resident MiB every 10 s:'
  awk '{ m[int($1 / 10)] = ($2 > m[int($1 / 10)] ? $2 : m[int($1 / 10)]) }
       END { for (i = 0; i in m; i++) printf " %d", m[i]; print "" }' "$work/rss"
}

if [ "$app" = 1 ]; then
  sampled "app, --autostart, $frames frames" xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$root/build/app/gui/xdd-studio" --data "$data" --holdout "$holdout" --autostart \
    --frames "$frames" --no-record
fi
if [ "$cli" = 1 ]; then
  sampled "xdd run (defaults)" "$root/build/app/xdd" run --data "$data" --holdout "$holdout" \
    --out "$work/run" --no-store
fi
