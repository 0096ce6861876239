#pragma once
// `xdd sweep --merge`: brings the finished runs of a sweep's array tasks into one run store.
// Each task recorded its runs in its own store file (SQLite must not be written by many nodes at
// once); the merge reads the job folders themselves, which hold everything a record holds, and
// imports each finished one (job_files_complete) that the store does not hold yet, one
// transaction per run. So merging twice adds nothing, an interrupted merge resumes, and a task
// re-run after a failure is picked up by the next merge.
#include <filesystem>
#include <vector>

#include "cli/sweep_plan.h"

namespace xdd::cli {

// Imports the finished jobs of `jobs` (the plan of `grid`) into the store `store_file`, printing
// one line per import and a summary. When some jobs have no finished folder yet it lists them
// with their array task and throws TrainingError naming the tasks to run again; what was finished
// is imported all the same. DataError naming the folder when a finished folder cannot be read.
// `layouts_wanted`: the tasks were asked for t-SNE layouts (no --no-layouts), so a folder without
// them is not finished.
void merge_sweep(const SweepGrid& grid, const std::vector<SweepJob>& jobs,
                 const std::filesystem::path& store_file, bool layouts_wanted);

}  // namespace xdd::cli
