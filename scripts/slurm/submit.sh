#!/bin/bash
# Submits a sweep to Slurm: its array tasks in two waves, then the merge into the run store.
#   wave 1: tasks 0 .. H-1, the first repetition of each of the H held-out digits; they pre-train
#           the H GANs side by side;
#   wave 2: the other repetitions, started when wave 1 is over, read those GANs from the cache
#           (set XDD_WAVES=1 to submit one array instead: tasks of one digit then wait for its
#           first one's pre-training, holding their cores idle meanwhile);
#   merge:  scripts/slurm/merge.sh once both waves are over (afterany: it imports what finished
#           and names the tasks to run again).
# Settings: environment variables (sweep_env.sh), plus
#   XDD_CPUS      cores per array task (default 2)
#   XDD_SBATCH    further sbatch flags for every job, e.g. "--partition=cpu --time=12:00:00"
#   XDD_WAVES     2 (default) or 1
# Arguments are appended to every `xdd sweep`. Prints the job ids.
set -euo pipefail
export XDD_REPO=${XDD_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
# shellcheck source=scripts/slurm/sweep_env.sh
source "$XDD_REPO/scripts/slurm/sweep_env.sh"
export XDD XDD_OUT XDD_DATA XDD_CACHE XDD_STORE # absolute now; the jobs read these

tasks=$("$XDD" "${xdd_sweep_args[@]}" "$@" --count-tasks)
digits=$("$XDD" "${xdd_sweep_args[@]}" "$@" --list-tasks | grep -c ' seed 0 ')
mkdir -p "$XDD_OUT/slurm"
read -r -a extra <<<"${XDD_SBATCH:-}"
common=(--parsable --chdir="$XDD_REPO" "${extra[@]}")
array=(--cpus-per-task="${XDD_CPUS:-2}" --output="$XDD_OUT/slurm/task-%a.out")
script=$XDD_REPO/scripts/slurm

if [[ ${XDD_WAVES:-2} == 1 || $tasks == "$digits" ]]; then
  first=$(sbatch "${common[@]}" "${array[@]}" --array=0-$((tasks - 1)) "$script/sweep.sbatch" "$@")
  after=afterany:$first
  echo "array job $first: tasks 0-$((tasks - 1))"
else
  first=$(sbatch "${common[@]}" "${array[@]}" --array=0-$((digits - 1)) "$script/sweep.sbatch" "$@")
  second=$(sbatch "${common[@]}" "${array[@]}" --dependency=afterany:"$first" \
    --array="$digits"-$((tasks - 1)) "$script/sweep.sbatch" "$@")
  after=afterany:$first:$second
  echo "array job $first: tasks 0-$((digits - 1)) (first repetition of each held-out digit)"
  echo "array job $second: tasks $digits-$((tasks - 1)) (after $first)"
fi
merge=$(sbatch "${common[@]}" --dependency="$after" --output="$XDD_OUT/slurm/merge-%j.out" \
  "$script/merge.sh" "$@")
echo "merge job $merge (after the tasks): log $XDD_OUT/slurm/merge-$merge.out"
