#!/bin/bash
#SBATCH --job-name=xdd-merge
#SBATCH --cpus-per-task=1
#SBATCH --output=xdd-merge-%j.out
# Imports the finished runs of every array task of the sweep into the run store ($XDD_STORE, or
# xdd's default store), one transaction per run. Run it directly or as a Slurm job after the
# array (submit.sh does: --dependency=afterany). Merging twice adds nothing; when some runs are
# missing it imports the rest, names the array tasks to run again, and exits with status 2.
# Same environment variables and arguments as sweep.sbatch (see sweep_env.sh).
set -euo pipefail
if [[ -z ${XDD_REPO:-} && -n ${SLURM_JOB_ID:-} ]]; then
  XDD_REPO=$SLURM_SUBMIT_DIR # sbatch runs a copy of this file: submit from the repository
fi
XDD_REPO=${XDD_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
# shellcheck source=scripts/slurm/sweep_env.sh
source "$XDD_REPO/scripts/slurm/sweep_env.sh"

store=()
[[ -n ${XDD_STORE:-} ]] && store=(--store "$XDD_STORE")
exec "$XDD" "${xdd_sweep_args[@]}" --merge "${store[@]}" "$@"
