#!/usr/bin/env bash
# GAN pre-training speed, C++ (xdd bench pretrain) against the same model and step in PyTorch-Python
# (pretrain_reference.py), and both against the machine's measured SGEMM rate (xdd bench sgemm).
# Each round runs sgemm, then C++ and Python side by side for each preset, so a busy machine slows all
# of them alike; the table reports the median over the rounds. Results go in docs/bench/pretrain.md.
#
# Usage: scripts/bench/pretrain.sh [rounds=5] [batches=20] [threads=2]
#   XDD=path/to/xdd (default build/app/xdd), PRESETS="paper fast" (default)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROUNDS="${1:-5}"
BATCHES="${2:-20}"
THREADS="${3:-2}"
XDD="${XDD:-$ROOT/build/app/xdd}"
PRESETS="${PRESETS:-paper fast}"
PYTHON=/usr/bin/python3   # the Debian python with torch 1.13, the same LibTorch as the C++ build
[[ -x "$XDD" ]] || { echo "pretrain.sh: build the CLI first (cmake --build build --target xdd)" >&2; exit 2; }

field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p"; }   # value of key=value in a result line
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rounds=$ROUNDS batches=$BATCHES threads=$THREADS batch=64 OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-unset}"
for round in $(seq "$ROUNDS"); do
  sgemm="$("$XDD" bench sgemm --size 2048 --threads "$THREADS")"
  echo "sgemm $(field gflops <<<"$sgemm") $(field gflops_per_cpu_s <<<"$sgemm")" >>"$LOG"
  for preset in $PRESETS; do
    cpp="$("$XDD" bench pretrain --preset "$preset" --batches "$BATCHES" --threads "$THREADS")"
    channels="$(field gen_channels <<<"$cpp")"
    py="$("$PYTHON" "$ROOT/scripts/bench/pretrain_reference.py" --gen-channels "$channels" \
          --batches "$BATCHES" --threads "$THREADS")"
    echo "cpp $preset $(field images_per_s <<<"$cpp") $(field gflop_per_image <<<"$cpp")" \
         "$(field cpu_ms_per_image <<<"$cpp")" >>"$LOG"
    echo "py $preset $(field images_per_s <<<"$py") $(field cpu_ms_per_image <<<"$py")" >>"$LOG"
  done
  echo "round $round/$ROUNDS done (load $(cut -d' ' -f1 /proc/loadavg))" >&2
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

"$PYTHON" - "$LOG" "$PRESETS" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
presets = sys.argv[2].split()
med = lambda xs: statistics.median(float(x) for x in xs)
sg = [r for r in rows if r[0] == "sgemm"]
sgemm, sgemm_cpu = med(r[1] for r in sg), med(r[2] for r in sg)
print(f"\nsgemm 2048: median {sgemm:.1f} GFLOP/s wall, {sgemm_cpu:.1f} GFLOP per CPU-second "
      f"(rounds, wall: {', '.join(f'{float(r[1]):.0f}' for r in sg)})")

def table(title, cpp_rate, py_rate, ref):
    print(f"\n{title}\n")
    print("| preset | C++ images/s | Python images/s | C++ / Python | C++ GFLOP/s | Python GFLOP/s "
          "| C++ share of sgemm | Python share of sgemm |")
    print("|---|---|---|---|---|---|---|---|")
    for preset in presets:
        cpp = [r for r in rows if r[0] == "cpp" and r[1] == preset]
        py = [r for r in rows if r[0] == "py" and r[1] == preset]
        c, p, gf = med(cpp_rate(r) for r in cpp), med(py_rate(r) for r in py), float(cpp[0][3])
        print(f"| {preset} | {c:.1f} | {p:.1f} | {c / p:.2f}x | {c * gf:.1f} | {p * gf:.1f} | "
              f"{100 * c * gf / ref:.0f}% | {100 * p * gf / ref:.0f}% |")

table("Wall clock (medians over rounds):", lambda r: float(r[2]), lambda r: float(r[2]), sgemm)
# Images per CPU-second of the whole process: what the code achieves while it actually holds a core,
# so other processes on the machine distort it far less than the wall clock.
table("CPU time (images and GFLOP per CPU-second, medians over rounds):",
      lambda r: 1e3 / float(r[4]), lambda r: 1e3 / float(r[3]), sgemm_cpu)
print("\nper round, wall-clock images/s C++ / Python:")
for preset in presets:
    cpp = [float(r[2]) for r in rows if r[0] == "cpp" and r[1] == preset]
    py = [float(r[2]) for r in rows if r[0] == "py" and r[1] == preset]
    print(f"  {preset}: " + ", ".join(f"{c:.0f}/{p:.0f}" for c, p in zip(cpp, py)))
PY
