#!/usr/bin/env bash
# t-SNE benchmark, in one go on this machine: XDD Studio's Barnes-Hut t-SNE, Rtsne 0.16 (bhtsne) and
# scikit-learn 1.2.1 on the MNIST test set (10,000 x 784 pixels -> PCA 50, perplexity 30, theta 0.5,
# 1000 iterations, 2 threads), each timed from the raw pixels (PCA, neighbours and optimisation).
# Prints wall time and final KL (each tool's own report), the KL of every final layout under one
# common P with the exact Q, and XDD's live-mode rate. Record the table in docs/bench/tsne.md.
#   scripts/bench/tsne.sh [--data DIR] [--threads N] [--skip-references] [--passive-references]
# --passive-references runs Rtsne and scikit-learn with OMP_WAIT_POLICY=PASSIVE: fairer to them when
# other processes share the cores (their OpenMP threads otherwise spin at every barrier).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/scripts/bench"
DATA="$ROOT/data/mnist"
THREADS=2
REFERENCES=1
WAIT_POLICY=""
while (($#)); do
  case "$1" in
    --data) DATA="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --skip-references) REFERENCES=0; shift ;;
    --passive-references) WAIT_POLICY=PASSIVE; shift ;;
    *) echo "usage: $0 [--data DIR] [--threads N] [--skip-references] [--passive-references]" >&2
       exit 2 ;;
  esac
done
IMAGES="$DATA/t10k-images-idx3-ubyte"
[[ -f "$IMAGES" ]] || { echo "error: $IMAGES not found (run scripts/setup.sh or pass --data)" >&2; exit 2; }
PY=/usr/bin/python3
XDD="$ROOT/build/app/xdd"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "[bench] building xdd (release)"
(cd "$ROOT" && cmake --preset release >/dev/null && cmake --build build --target xdd -j2 >/dev/null)
if ((REFERENCES)) && ! Rscript -e 'library(Rtsne)' >/dev/null 2>&1; then
  echo "[bench] installing r-cran-rtsne"
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq r-cran-rtsne >/dev/null
fi

now() { date +%s.%N; }
field() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }
load() { awk '{ print $1 }' /proc/loadavg; }
calc() { awk "BEGIN { print $1 }"; }
verdict() { awk "BEGIN { print ($1) ? \"met\" : \"MISSED\" }"; }

echo "[bench] load average before: $(load) (other processes on these cores disturb the timings)"
if [[ -n "$WAIT_POLICY" ]]; then echo "[bench] references run with OMP_WAIT_POLICY=$WAIT_POLICY"; fi
echo "[bench] XDD Studio t-SNE"
t0=$(now)
"$XDD" tsne "$IMAGES" --out "$WORK/xdd.csv" --perplexity 30 --theta 0.5 --iters 1000 \
  --threads "$THREADS" --seed 1 >"$WORK/xdd.log"
t1=$(now)
XDD_S=$(calc "$t1 - $t0")
XDD_KL=$(sed -n 's/^final KL: //p' "$WORK/xdd.log")
sed -n 's/^time: /[bench]   /p' "$WORK/xdd.log"

if ((REFERENCES)); then
  echo "[bench] Rtsne"
  env OMP_NUM_THREADS="$THREADS" ${WAIT_POLICY:+OMP_WAIT_POLICY=$WAIT_POLICY} Rscript "$HERE/tsne_rtsne.R" "$IMAGES" "$WORK/rtsne.csv" "$THREADS" \
    >"$WORK/rtsne.log"
  R_S=$(field rtsne_seconds "$WORK/rtsne.log")
  R_KL=$(field rtsne_kl "$WORK/rtsne.log")
  echo "[bench] scikit-learn"
  env OMP_NUM_THREADS="$THREADS" OPENBLAS_NUM_THREADS="$THREADS" ${WAIT_POLICY:+OMP_WAIT_POLICY=$WAIT_POLICY} \
    "$PY" "$HERE/tsne_reference.py" sklearn "$IMAGES" "$WORK/sklearn.csv" "$THREADS" >"$WORK/sklearn.log"
  S_S=$(field sklearn_seconds "$WORK/sklearn.log")
  S_KL=$(field sklearn_kl "$WORK/sklearn.log")
  echo "[bench] KL of every layout under one common P"
  "$PY" "$HERE/tsne_reference.py" kl "$IMAGES" "$WORK/xdd.csv" "$WORK/rtsne.csv" "$WORK/sklearn.csv" \
    >"$WORK/common.log"
  common() { awk -v f="$WORK/$1.csv" '$2 == f { print $3 }' "$WORK/common.log"; }
fi

echo "[bench] XDD Studio live mode (new affinities from perturbed pixels, KL every iteration)"
"$PY" "$HERE/tsne_reference.py" perturb "$IMAGES" "$WORK/perturbed.npy"
"$XDD" tsne "$IMAGES" --out "$WORK/live.csv" --iters 1000 --threads "$THREADS" --seed 1 \
  --update "$WORK/perturbed.npy" --update-iters 500 >"$WORK/live.log"
LIVE=$(sed -n 's/^live update 1.* = \([0-9.]*\) iterations\/s.*/\1/p' "$WORK/live.log")
LIVE_AFF=$(sed -n 's/^live update 1.*affinities \([0-9.]*\) s.*/\1/p' "$WORK/live.log")
echo "[bench] load average after: $(load)"

echo
echo "| implementation | wall time (s) | final KL (own report) | KL under common P, exact Q |"
echo "|---|---|---|---|"
if ((REFERENCES)); then
  printf "| XDD Studio (this project) | %.2f | %.4f | %.4f |\n" "$XDD_S" "$XDD_KL" "$(common xdd)"
  printf "| Rtsne 0.16 (bhtsne) | %.2f | %.4f | %.4f |\n" "$R_S" "$R_KL" "$(common rtsne)"
  printf "| scikit-learn 1.2.1 | %.2f | %.4f | %.4f |\n" "$S_S" "$S_KL" "$(common sklearn)"
  echo
  printf "wall time vs Rtsne: %.3fx (target <= 0.25x): %s\n" "$(calc "$XDD_S / $R_S")" \
    "$(verdict "$XDD_S <= 0.25 * $R_S")"
  printf "KL vs scikit-learn: %+.2f%% (target <= +1%%): %s\n" \
    "$(calc "100 * ($XDD_KL - $S_KL) / $S_KL")" "$(verdict "$XDD_KL <= 1.01 * $S_KL")"
else
  printf "| XDD Studio (this project) | %.2f | %.4f | - |\n" "$XDD_S" "$XDD_KL"
fi
printf "live mode: %.0f iterations/s at N = 10,000 on %s threads (target >= 30), new affinities in %s s\n" \
  "$LIVE" "$THREADS" "$LIVE_AFF"
