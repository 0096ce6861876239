#pragma once
// A sweep split into array tasks (Slurm: the elements of `sbatch --array=0-(N-1)`). A task is one
// (held-out digit, repetition) pair and runs every method x beta of it, so its jobs share one
// pre-trained GAN. The order is fixed and documented (docs/CLUSTER.md): with H held-out digits in
// the order given, task i is repetition i / H of digit holdouts[i % H]. Tasks 0 .. H-1 are thus
// the first repetition of every digit: the first tasks to start pre-train different GANs, and the
// later ones find them in the cache.
#include <cstdint>
#include <string>
#include <vector>

#include "cli/sweep_plan.h"

namespace xdd::cli {

struct ArrayTask {
  int index = 0;
  int holdout = 0;
  std::uint64_t seed = 0;
};

// H x repetitions. InvalidArgument for a bad grid (as plan_sweep).
int array_task_count(const SweepGrid& grid);

// Task `index`; InvalidArgument naming the valid range when it is outside 0 .. count-1.
ArrayTask array_task(const SweepGrid& grid, int index);

// The task that runs `job` (a job of plan_sweep(grid, ...)).
ArrayTask array_task_of(const SweepGrid& grid, const SweepJob& job);

// The jobs of `jobs` that belong to `task`, in plan order.
std::vector<SweepJob> jobs_of_task(const std::vector<SweepJob>& jobs, const ArrayTask& task);

// One line per task, in task order: "task 0 holdout 3 seed 0 h3-xdd-beta1-seed0 h3-softmax-...".
std::string task_list(const SweepGrid& grid, const std::vector<SweepJob>& jobs);

// The --array-task value: a number >= 0, or "slurm" for $SLURM_ARRAY_TASK_ID. InvalidArgument
// naming the text (or the variable) when it is neither.
int parse_array_task_index(const std::string& text);

}  // namespace xdd::cli
