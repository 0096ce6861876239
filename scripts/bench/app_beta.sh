#!/usr/bin/env bash
# How long a beta change takes in the app, GAN cached, every live panel on: the app starts the
# default run (held-out 8, beta 1) at once under Xvfb, then beta 2 as soon as it has finished
# (--betas 1,2, what a click on the beta slider does once a run is done), and records both in a
# scratch run store. The second run's seconds (metrics of the run store: total, re-training, and
# the information plane's and the live scoring's share of it) are the beta click's answer time.
# Then the CPU seconds each of the app's threads used over both runs, summed by thread name
# (xdd-training, xdd-live-tsne, xdd-recorder and what they started; llvmpipe-N is Mesa's software
# renderer; the main thread and what it started read "exe": the app re-executes itself at start),
# and Xvfb's.
# Stop other work first: this measures the app's own use of the cores.
#
# Usage: scripts/bench/app_beta.sh [--data DIR] [--holdout D] [--timeout SECONDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=$root/data/mnist
holdout=8
limit=900
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data=$2; shift 2 ;;
    --holdout) holdout=$2; shift 2 ;;
    --timeout) limit=$2; shift 2 ;;
    *) echo "app_beta.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d)
# The app runs in a process group of its own (xvfb-run starts it as a grandchild, and killing
# xvfb-run alone leaves the app and Xvfb running): the whole group goes at the end.
trap 'kill -- "-$app" 2>/dev/null || true; rm -rf "$work"' EXIT
store=$work/runs.db

setsid xvfb-run -a -s "-screen 0 1600x1000x24" "$root/build/app/gui/xdd-studio" --data "$data" \
  --holdout "$holdout" --autostart --betas 1,2 --frames 1000000 --store "$store" \
  >"$work/log" 2>&1 &
app=$!
done_runs() { sqlite3 "$store" "select count(*) from runs where status = 'done'" 2>/dev/null || echo 0; }
for ((waited = 0; waited < limit; waited += 2)); do
  [ "$(done_runs)" = 2 ] && break
  kill -0 "$app" 2>/dev/null || { echo "app_beta.sh: the app ended early:" >&2; tail -5 "$work/log" >&2; exit 1; }
  sleep 2
done
[ "$(done_runs)" = 2 ] || { echo "app_beta.sh: the two runs did not finish in $limit s" >&2; exit 1; }
sqlite3 -separator ' ' "$store" "select beta, seconds_json from runs order by id" | /usr/bin/python3 -c '
import json, sys
for line in sys.stdin:
    beta, seconds = line.split(" ", 1)
    s = json.loads(seconds)
    total, retrain, plane, live = s["total"], s["retrain"], s["info_plane"], s["live_scoring"]
    print("beta %g: total %.1f s, re-training %.1f s (steps %.1f s, information plane %.1f s, "
          "live scoring %.1f s)" % (float(beta), total, retrain, retrain - plane - live, plane, live))'
# CPU seconds by thread name: /proc/PID/task/TID/stat fields 14 and 15 (user, system) in ticks.
cpu_by_thread() {
  local pid=$1 tick
  tick=$(getconf CLK_TCK)
  for task in /proc/"$pid"/task/*; do
    echo "$(cat "$task/comm") $(cut -d')' -f2 "$task/stat" | awk '{print $12 + $13}')"
  done | awk -v tick="$tick" '{cpu[$1] += $2} END {for (n in cpu) printf "  %-16s %7.1f s\n", n, cpu[n] / tick}' |
    sort -k2 -n -r
}
# The app re-executes itself at start (its comm is then "exe"): find it by its executable.
in_group() {
  for pid in $(pgrep -g "$app"); do
    if [ "$(readlink "/proc/$pid/exe")" = "$1" ]; then echo "$pid"; fi
  done | head -1
}
studio=$(in_group "$root/build/app/gui/xdd-studio")
xvfb=$(in_group "$(command -v Xvfb)")
echo "CPU by thread of the app over both runs:"
[ -n "$studio" ] && cpu_by_thread "$studio"
[ -n "$xvfb" ] && echo "Xvfb: $(cpu_by_thread "$xvfb" | awk '{s += $2} END {printf "%.1f s", s}')"
