#!/usr/bin/env bash
# The ablations of docs/RESULTS.md: XDD on one held-out digit (default 8) with one setting changed
# at a time from the defaults, REPS seeds each, every run recorded in one run store. Each setting is
# its own sweep folder, so rerunning resumes what is missing. Table afterwards:
#   /usr/bin/python3 scripts/results_tables.py ablation --store "$STORE"
# Environment: XDD (program), STORE, OUT, HOLDOUT (8), REPS (3), DATA (MNIST folder), JOBS (2),
# SWEEP_FLAGS (extra flags for every sweep, given before each ablation's own, which wins).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
XDD="${XDD:-$ROOT/build/app/xdd}"
OUT="${OUT:-$ROOT/out/ablations}"
STORE="${STORE:-$OUT/ablations.db}"
HOLDOUT="${HOLDOUT:-8}"
REPS="${REPS:-3}"
DATA="${DATA:-$ROOT/data/mnist}"
JOBS="${JOBS:-2}"
read -r -a extra <<<"${SWEEP_FLAGS:-}"

ablation() {
  local name="$1"
  shift
  echo "== $name: $*"
  "$XDD" --store "$STORE" sweep --data "$DATA" --holdouts "$HOLDOUT" --methods xdd --reps "$REPS" \
    --jobs "$JOBS" --threads 1 --info-plane-every 0 --no-layouts --out "$OUT/$name" "${extra[@]}" "$@" |
    tail -1
}

ablation default
ablation beta --betas 0 0.1 10 100
ablation estimator-kde --estimator kde
for b in 10 30 100 300; do ablation "bandwidth-$b" --bandwidth "$b"; done
for l in last1 last2; do ablation "layers-$l" --layers "$l"; done
for s in 50 1000; do ablation "steps-$s" --steps "$s"; done
for lr in 0.0001 0.01; do ablation "lr-$lr" --lr "$lr"; done
ablation pairs-inter --pairs inter
ablation relevance-learned --relevance learned
ablation gan-epochs-1 --epochs 1
ablation preset-tiny --preset tiny
