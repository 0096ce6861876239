#!/usr/bin/env bash
# Determinism check: the same tiny experiment (committed MNIST subset, tiny GAN, 50 re-training
# steps) run twice at each thread count, from a fresh GAN cache each time. Prints, per run, the
# AUPRC before/after and an MD5 of scores.csv and losses.csv, so equal rows are bit-identical runs.
# Usage: scripts/determinism.sh [THREAD COUNTS...]   (default: 1 2)   XDD=path/to/xdd to override
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
XDD="${XDD:-$ROOT/build/app/xdd}"
THREADS=("$@")
[[ $# -eq 0 ]] && THREADS=(1 2)
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

printf '%-8s %-4s %-18s %-18s %-34s %s\n' threads rep auprc_before auprc_after scores.csv losses.csv
for t in "${THREADS[@]}"; do
  for rep in 1 2; do
    out="$WORK/t$t-r$rep"
    "$XDD" run --data "$ROOT/assets/testdata/mnist-small" --preset tiny --epochs 2 --steps 50 \
      --holdout 8 --threads "$t" --device cpu --cache "$out/cache" --no-store --no-layouts \
      --out "$out" >"$WORK/run.log" 2>&1 || { cat "$WORK/run.log" >&2; exit 1; }
    read -r before after < <(/usr/bin/python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print(repr(m['before']['auprc']), repr(m['after']['auprc']))" "$out/metrics.json")
    printf '%-8s %-4s %-18s %-18s %-34s %s\n' "$t" "$rep" "$before" "$after" \
      "$(md5sum <"$out/scores.csv" | cut -c1-32)" "$(md5sum <"$out/losses.csv" | cut -c1-32)"
  done
done
