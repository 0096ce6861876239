# shellcheck shell=bash
# Sourced by sweep.sbatch, merge.sh and submit.sh: the sweep's settings, read from environment
# variables, as the arguments of `xdd sweep` (in the array xdd_sweep_args) and the program (XDD).
# Every node must see the same XDD_OUT and XDD_CACHE (a shared file system) at the same path.
#
#   XDD_OUT       sweep folder: run folders, per-task stores, Slurm logs (required)
#   XDD_HOLDOUTS  held-out digits, e.g. 0-9 or 1,3,8        (default 0-9)
#   XDD_REPS      repetitions, seeds 0 .. reps-1            (default 10)
#   XDD_METHODS   losses, space-separated                   (default xdd)
#   XDD_BETAS     XDD betas, space-separated                (default 1)
#   XDD_PRESET    GAN preset paper, fast or tiny            (default: xdd's, fast)
#   XDD_DATA      folder of the IDX files                   (default: xdd's)
#   XDD_CACHE     GAN cache folder                          (default: xdd's, ~/.cache/xdd-studio)
#   XDD_STORE     run store the merge imports into          (default: xdd's)
#   XDD_NO_STORE  1: array tasks record nothing, done = metrics.json (file systems without locks)
#   XDD_EXTRA     further `xdd sweep` flags, e.g. "--epochs 5 --steps 300 --bn frozen"
#   XDD_REPO      the repository (default: found from this file, or the submit folder under Slurm)
#   XDD           the xdd program                           (default $XDD_REPO/build/app/xdd)
# Arguments given to the scripts themselves are appended to every `xdd sweep` (they win).

XDD=${XDD:-$XDD_REPO/build/app/xdd}
if [[ ! -x $XDD ]]; then
  echo "error: no xdd program at $XDD (build it, or set XDD)" >&2
  exit 2
fi
if [[ -z ${XDD_OUT:-} ]]; then
  echo "error: set XDD_OUT to the sweep folder (on a file system every node sees)" >&2
  exit 2
fi

# Absolute, so every task and the merge name the same folders whatever their working folder.
XDD_OUT=$(realpath -m "$XDD_OUT")
for _xdd_var in XDD_DATA XDD_CACHE XDD_STORE; do
  [[ -n ${!_xdd_var:-} ]] && printf -v "$_xdd_var" '%s' "$(realpath -m "${!_xdd_var}")"
done

read -r -a _xdd_methods <<<"${XDD_METHODS:-xdd}"
read -r -a _xdd_betas <<<"${XDD_BETAS:-1}"
read -r -a _xdd_extra <<<"${XDD_EXTRA:-}"
xdd_sweep_args=(sweep --holdouts "${XDD_HOLDOUTS:-0-9}" --reps "${XDD_REPS:-10}"
  --methods "${_xdd_methods[@]}" --betas "${_xdd_betas[@]}" --out "$XDD_OUT")
[[ -n ${XDD_PRESET:-} ]] && xdd_sweep_args+=(--preset "$XDD_PRESET")
[[ -n ${XDD_DATA:-} ]] && xdd_sweep_args+=(--data "$XDD_DATA")
[[ -n ${XDD_CACHE:-} ]] && xdd_sweep_args+=(--cache "$XDD_CACHE")
xdd_sweep_args+=("${_xdd_extra[@]}")
