#include "cli/sweep_tasks.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>

#include "core/error.h"

namespace xdd::cli {
namespace {

// A whole non-negative decimal number, nothing else.
bool read_index(const std::string& text, int& out) {
  if (text.empty() ||
      !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
    return false;
  errno = 0;
  const long value = std::strtol(text.c_str(), nullptr, 10);
  if (errno != 0 || value > 1000000) return false;
  out = static_cast<int>(value);
  return true;
}

}  // namespace

int array_task_count(const SweepGrid& grid) {
  plan_sweep(grid, {});  // validates the grid
  return static_cast<int>(grid.holdouts.size()) * grid.repetitions;
}

ArrayTask array_task(const SweepGrid& grid, int index) {
  const int count = array_task_count(grid);
  if (index < 0 || index >= count) {
    throw InvalidArgument("sweep: array task " + std::to_string(index) +
                          " is out of range: this sweep has " + std::to_string(count) +
                          " tasks (0-" + std::to_string(count - 1) + ": " +
                          std::to_string(grid.holdouts.size()) + " held-out digits x " +
                          std::to_string(grid.repetitions) + " repetitions)");
  }
  const int digits = static_cast<int>(grid.holdouts.size());
  return {index, grid.holdouts[index % digits], static_cast<std::uint64_t>(index / digits)};
}

ArrayTask array_task_of(const SweepGrid& grid, const SweepJob& job) {
  const auto it = std::find(grid.holdouts.begin(), grid.holdouts.end(), job.holdout);
  if (it == grid.holdouts.end() || job.seed >= static_cast<std::uint64_t>(grid.repetitions)) {
    throw InvalidArgument("sweep: the job " + job.out_dir.string() + " is not in this sweep");
  }
  const int digits = static_cast<int>(grid.holdouts.size());
  const int index =
      static_cast<int>(job.seed) * digits + static_cast<int>(it - grid.holdouts.begin());
  return {index, job.holdout, job.seed};
}

std::vector<SweepJob> jobs_of_task(const std::vector<SweepJob>& jobs, const ArrayTask& task) {
  std::vector<SweepJob> mine;
  for (const SweepJob& job : jobs) {
    if (job.holdout == task.holdout && job.seed == task.seed) mine.push_back(job);
  }
  return mine;
}

std::string task_list(const SweepGrid& grid, const std::vector<SweepJob>& jobs) {
  std::string out;
  for (int i = 0; i < array_task_count(grid); ++i) {
    const ArrayTask task = array_task(grid, i);
    out += "task " + std::to_string(i) + " holdout " + std::to_string(task.holdout) + " seed " +
           std::to_string(task.seed);
    for (const SweepJob& job : jobs_of_task(jobs, task))
      out += " " + job.out_dir.filename().string();
    out += "\n";
  }
  return out;
}

int parse_array_task_index(const std::string& text) {
  int index = 0;
  if (text == "slurm") {
    const char* id = std::getenv("SLURM_ARRAY_TASK_ID");
    if (!id) {
      throw InvalidArgument(
          "sweep: --array-task slurm, but SLURM_ARRAY_TASK_ID is not set (not inside an "
          "`sbatch --array` job?)");
    }
    if (!read_index(id, index)) {
      throw InvalidArgument(std::string("sweep: SLURM_ARRAY_TASK_ID is '") + id +
                            "', not a task number");
    }
    return index;
  }
  if (!read_index(text, index)) {
    throw InvalidArgument(
        "sweep: --array-task must be a task number (0, 1, ...) or 'slurm', got '" + text + "'");
  }
  return index;
}

}  // namespace xdd::cli
