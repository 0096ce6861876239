#!/usr/bin/env bash
# Regenerates the studies of docs/RESULTS.md with one command: the ten-digit study (XDD, the
# bn_only control and the six baselines, REPS seeds each, and XDD's first, in-sample version), its
# Figure 1 images and tables, the XDD settings over all ten digits (bn, pairs, scale, estimator;
# SETTING_REPS seeds), the ablations on held-out 8, Fashion-MNIST with class 0 held out, and Figure 1
# with the paper-width GAN. Every sweep resumes, so running it again finishes what an interrupted run
# left; the tables are written again from the run stores each time.
#
#   scripts/reproduce_results.sh                 # everything, full size (hours on 2 CPU cores)
#   STUDIES="digits settings" REPS=3 scripts/reproduce_results.sh   # what RESULTS.md reports now
#
# Output: run stores and run folders under OUT, the tables as Markdown in OUT/tables, the figures in
# FIGURES. Environment: XDD (program), OUT (out/results), FIGURES (OUT/figures; docs/figures to
# refresh the committed ones), DATA (MNIST folder), FASHION (Fashion-MNIST folder), HOLDOUTS (0-9),
# REPS (10), SETTING_REPS (3), ABLATION_REPS (3), JOBS (2), STUDIES ("digits settings plane
# ablations fashion paper"; plane: the information plane per beta and Figures 2-3 on held-out 8; paper: Figure 1
# with the paper-width GAN, PAPER_HOLDOUTS (HOLDOUTS) digits, XDD and bn_only, REPS seeds, its GANs
# pre-trained first where not cached: about an hour per digit on 2 cores), METHODS (of the ten-digit
# study: all eight), SWEEP_FLAGS (extra flags for every run, e.g. "--preset tiny --epochs 1 --steps 3
# --train-limit 500 --test-limit 500" for a quick check of the script itself).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
XDD="${XDD:-$ROOT/build/app/xdd}"
OUT="${OUT:-$ROOT/out/results}"
FIGURES="${FIGURES:-$OUT/figures}"
DATA="${DATA:-$ROOT/data/mnist}"
FASHION="${FASHION:-/usr/share/datasets/fashion-mnist}"
HOLDOUTS="${HOLDOUTS:-0-9}"
PAPER_HOLDOUTS="${PAPER_HOLDOUTS:-$HOLDOUTS}"
REPS="${REPS:-10}"
SETTING_REPS="${SETTING_REPS:-3}"
ABLATION_REPS="${ABLATION_REPS:-3}"
JOBS="${JOBS:-2}"
STUDIES="${STUDIES:-digits settings plane ablations fashion paper}"
read -r -a extra <<<"${SWEEP_FLAGS:-}"
read -r -a METHODS <<<"${METHODS:-xdd bn_only softmax mcdd isomax isomax_plus snn svdd}"
# XDD as the first version computed it (SPEC §4: in-sample relevance, detached scale, all pairs).
FIRST_VERSION=(--relevance in_sample --scale detached --pairs all)
TABLES="$OUT/tables"
PY=/usr/bin/python3  # Debian's, with scipy for the intervals

[[ -x $XDD ]] || { echo "reproduce_results: $XDD is not built (scripts/setup.sh builds it)" >&2; exit 2; }
mkdir -p "$TABLES" "$FIGURES"

# sweep STORE FOLDER ARGS...: one resumable sweep, every method unless ARGS name --methods,
# recorded in STORE.
sweep() {
  local store=$1 folder=$2
  shift 2
  local methods=(--methods "${METHODS[@]}")
  [[ " $* " == *" --methods "* ]] && methods=()
  "$XDD" --store "$store" sweep "${methods[@]}" --betas 1 --jobs "$JOBS" --threads 1 \
    --info-plane-every 0 --no-layouts --out "$folder" "${extra[@]}" "$@" | tail -1
}

# table NAME ARGS...: a results_tables.py table into $TABLES/NAME.md.
table() {
  local name=$1
  shift
  "$PY" "$ROOT/scripts/results_tables.py" --xdd "$XDD" "$@" >"$TABLES/$name.md.tmp"
  mv "$TABLES/$name.md.tmp" "$TABLES/$name.md"
  echo "wrote $TABLES/$name.md"
}

digits() {
  local store="$OUT/study.db"
  echo "== ten-digit study: held-out $HOLDOUTS, ${#METHODS[@]} methods, $REPS seeds"
  sweep "$store" "$OUT/digits" --data "$DATA" --holdouts "$HOLDOUTS" --reps "$REPS"
  "$XDD" --store "$store" figure fig1 --method xdd --width 900 --height 380 \
    --out "$FIGURES/fig1_xdd_loo_fast5.png"
  "$XDD" --store "$store" figure fig1 --width 1200 --height 450 --out "$FIGURES/fig1_loo_every_method.png"
  table digits_change change --store "$store"
  table digits_change_nearest change --store "$store" --score nearest
  table digits_change_bn_only change --store "$store" --method bn_only
  for metric in auprc auroc fpr95 entanglement entanglement_min; do
    table "digits_$metric" digits --store "$store" --metric "$metric"
  done
  table digits_auprc_own digits --store "$store" --score own
  table digits_auprc_nearest digits --store "$store" --score nearest

  local first="$OUT/study_first_version.db"
  echo "== the first XDD version (in-sample relevance, detached scale, all pairs), $REPS seeds"
  sweep "$first" "$OUT/digits-first-version" --data "$DATA" --holdouts "$HOLDOUTS" --reps "$REPS" \
    --methods xdd "${FIRST_VERSION[@]}"
  table digits_change_first_version change --store "$first"
}

# XDD's settings over every held-out digit, one changed at a time from the defaults; the defaults'
# row is the ten-digit study's XDD runs (its first SETTING_REPS seeds), read from its store.
settings() {
  local store="$OUT/settings.db"
  echo "== XDD settings over held-out $HOLDOUTS, $SETTING_REPS seeds each"
  local -A changes=([bn-frozen]="--bn frozen" [pairs-all]="--pairs all"
    [scale-detached]="--scale detached")
  for name in bn-frozen pairs-all scale-detached; do
    read -r -a change <<<"${changes[$name]}"
    sweep "$store" "$OUT/settings/$name" --data "$DATA" --holdouts "$HOLDOUTS" \
      --reps "$SETTING_REPS" --methods xdd "${change[@]}"
  done
  local stores=(--store "$store" --store "$OUT/study.db" --max-seed $((SETTING_REPS - 1)))
  table settings ablation "${stores[@]}"
  table settings_nearest ablation "${stores[@]}" --score nearest
}

# The information plane per beta on held-out 8 (the labeled set's path against the test sample's),
# and Figures 2-3 (t-SNE before and after) of the default run.
plane() {
  local store="$OUT/plane.db"
  echo "== information plane: held-out 8, XDD, beta 0 0.1 1 10 100, seed 0"
  "$XDD" --store "$store" sweep --data "$DATA" --holdouts 8 --methods xdd --betas 0 0.1 1 10 100 \
    --reps 1 --jobs "$JOBS" --threads 1 --no-layouts --out "$OUT/plane" "${extra[@]}" | tail -1
  local ids
  ids=$("$XDD" --store "$store" runs list --json | "$PY" -c '
import json, sys
runs = [r for r in json.load(sys.stdin) if r["status"] == "done"]
print(" ".join(str(r["id"]) for r in sorted(runs, key=lambda r: r["beta"])))')
  read -r -a ids <<<"$ids"
  for set in labeled test; do
    "$XDD" --store "$store" figure infoplane --runs "${ids[@]}" --set "$set" --width 560 \
      --height 420 --out "$FIGURES/infoplane_h8_$set.png"
  done
  "$PY" "$ROOT/scripts/plane_table.py" "$OUT/plane" >"$TABLES/plane.md"
  echo "wrote $TABLES/plane.md"
  "$XDD" --store "$store" run --data "$DATA" --holdout 8 --out "$OUT/tsne-h8" "${extra[@]}" |
    tail -1
  local last
  last=$("$XDD" --store "$store" runs list --json | "$PY" -c '
import json, sys
print(max(r["id"] for r in json.load(sys.stdin)))')
  "$XDD" --store "$store" figure tsne --runs "$last" --out "$FIGURES/tsne_h8_default.png"
}

ablations() {
  local folder="$OUT/ablations"
  local store="$folder/ablations.db"
  echo "== ablations: held-out 8, XDD, $ABLATION_REPS seeds per setting"
  OUT="$folder" STORE="$store" XDD="$XDD" DATA="$DATA" JOBS="$JOBS" REPS="$ABLATION_REPS" \
    HOLDOUT=8 SWEEP_FLAGS="${SWEEP_FLAGS:-}" "$ROOT/scripts/ablations.sh"
  table ablations ablation --store "$store"
}

# Figure 1 with the paper's generator width (Table 1, c = 512), 5 epochs: its own row set. Only
# XDD and the bn_only control: XDD's runs carry the pre-trained AUPRC (Figure 1's blue bars).
paper() {
  local store="$OUT/paper.db"
  echo "== paper-width GAN (5 epochs): held-out $PAPER_HOLDOUTS, XDD and bn_only, $REPS seeds"
  sweep "$store" "$OUT/paper" --data "$DATA" --holdouts "$PAPER_HOLDOUTS" --reps "$REPS" \
    --methods xdd bn_only --preset paper --epochs 5
  "$XDD" --store "$store" figure fig1 --method xdd --width 900 --height 380 \
    --out "$FIGURES/fig1_xdd_loo_paper5.png"
  table paper_change change --store "$store"
  table paper_change_nearest change --store "$store" --score nearest
  table paper_change_bn_only change --store "$store" --method bn_only
  table paper_entanglement_min digits --store "$store" --metric entanglement_min
  if [[ -f $TABLES/digits_change.md ]]; then  # beside the fast GAN's rows (the digits study)
    "$PY" "$ROOT/scripts/paper_rows.py" "$TABLES" >"$TABLES/paper_rows.md"
    echo "wrote $TABLES/paper_rows.md"
  fi
}

fashion() {
  local store="$OUT/fashion.db"
  echo "== Fashion-MNIST: class 0 held out, ${#METHODS[@]} methods, 3 seeds"
  sweep "$store" "$OUT/fashion" --data "$FASHION" --holdouts 0 --reps 3
  "$XDD" --store "$store" figure fig1 --width 700 --height 320 --out "$FIGURES/fig1_fashion_h0.png"
  for metric in auprc auroc; do table "fashion_$metric" digits --store "$store" --metric "$metric"; done
  table fashion_auprc_own digits --store "$store" --score own
}

for study in $STUDIES; do
  case $study in
    digits | settings | plane | ablations | fashion | paper) "$study" ;;
    *) echo "reproduce_results: unknown study '$study' (digits, settings, plane, ablations, fashion, paper)" >&2
      exit 2 ;;
  esac
done
echo "done: tables in $TABLES, figures in $FIGURES"
