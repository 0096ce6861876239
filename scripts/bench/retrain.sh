#!/usr/bin/env bash
# Re-training cost of one `xdd run` with the GAN cached, side by side in one invocation: the
# default information plane (thinned schedule: 33 points for 200 steps) and the plane off. Each
# run's metrics.json "seconds" says where the time went: retrain (the loop), info_plane (its
# points, the step-0 point included). The first version took a point at every step: 201 points
# at the s/point shown. Prints one row per run.
#
# Usage: scripts/bench/retrain.sh [--xdd PATH] [--data DIR] [--holdout D] [--threads N] [--reps R]
#                                 [-- RUN FLAGS]
# Example: scripts/bench/retrain.sh --threads 2 --reps 3
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
xdd=$root/build/app/xdd
data=$root/data/mnist
holdout=8
threads=2
reps=3
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --xdd) xdd=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --holdout) holdout=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "retrain.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x "$xdd" ] || { echo "retrain.sh: no program at $xdd (scripts/setup.sh builds it)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
common=(--data "$data" --holdout "$holdout" --threads "$threads" --no-store --no-layouts "${extra[@]}")
"$xdd" pretrain --data "$data" --holdout "$holdout" --threads "$threads" >/dev/null 2>&1  # GAN cached

printf '%-22s %6s %10s %12s %10s %8s\n' setting points "retrain s" "info plane s" "s/point" "wall s"
for rep in $(seq 1 "$reps"); do
  for setting in "thinned:1" "off:0"; do
    IFS=: read -r name every <<<"$setting"
    dir=$out/$name-$rep
    start=$(date +%s.%N)
    "$xdd" run "${common[@]}" --info-plane-every "$every" --out "$dir" >/dev/null 2>&1
    wall=$(echo "$(date +%s.%N) - $start" | bc)
    /usr/bin/python3 - "$dir" "$name" "$wall" <<'PY'
import csv, json, os, sys
d, name, wall = sys.argv[1], sys.argv[2], float(sys.argv[3])
s = json.load(open(os.path.join(d, "metrics.json")))["seconds"]
plane = os.path.join(d, "infoplane.csv")
points = sum(1 for _ in csv.DictReader(open(plane))) // 2 if os.path.exists(plane) else 0
per = s["info_plane"] / points if points else 0.0
print(f"{name:<22} {points:6d} {s['retrain']:10.2f} {s['info_plane']:12.2f} {per:10.3f} {wall:8.1f}")
PY
  done
done
