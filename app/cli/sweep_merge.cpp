#include "cli/sweep_merge.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "cli/sweep_tasks.h"
#include "core/error.h"
#include "store/run_store.h"

namespace xdd::cli {
namespace {

// TrainingError naming the array tasks whose jobs are missing, for `sbatch --array=<list>`.
[[noreturn]] void report_missing(const SweepGrid& grid, const std::vector<SweepJob>& missing) {
  std::vector<int> tasks;
  for (const SweepJob& job : missing) {
    const int task = array_task_of(grid, job).index;
    std::printf("missing: %s (array task %d)\n", job.out_dir.c_str(), task);
    tasks.push_back(task);
  }
  std::sort(tasks.begin(), tasks.end());
  tasks.erase(std::unique(tasks.begin(), tasks.end()), tasks.end());
  std::string list;
  for (int t : tasks) list += (list.empty() ? "" : ",") + std::to_string(t);
  std::fflush(stdout);
  throw TrainingError(std::to_string(missing.size()) +
                      " sweep job(s) have no finished run folder; run array task(s) " + list +
                      " again (e.g. sbatch --array=" + list + " ...) and merge again");
}

}  // namespace

void merge_sweep(const SweepGrid& grid, const std::vector<SweepJob>& jobs,
                 const std::filesystem::path& store_file, bool layouts_wanted) {
  store::RunStore store(store_file);
  int already = 0, imported = 0;
  std::vector<SweepJob> missing;
  for (const SweepJob& job : jobs) {
    if (store.find_by_folder(job.out_dir)) {
      ++already;
    } else if (job_files_complete(job, layouts_wanted)) {
      const auto id = store.import_run_folder(job.out_dir);  // one transaction per run
      std::printf("imported %s as run %lld\n", job.out_dir.c_str(), static_cast<long long>(id));
      ++imported;
    } else {
      missing.push_back(job);
    }
  }
  std::printf("merge: %zu jobs: %d were already in %s, %d imported, %zu missing\n", jobs.size(),
              already, store_file.c_str(), imported, missing.size());
  std::fflush(stdout);
  if (!missing.empty()) report_missing(grid, missing);
}

}  // namespace xdd::cli
