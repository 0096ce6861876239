#pragma once
// Runs a sweep's jobs as child `xdd run` processes, a few at a time, skipping the jobs the run
// store already holds. Jobs of one held-out digit wait until the first of them has finished, so
// its GAN is pre-trained once and then read from the cache by the others.
#include <filesystem>
#include <vector>

#include "cli/sweep_plan.h"

namespace xdd::cli {

struct SweepRunOptions {
  std::filesystem::path program;      // the xdd executable
  std::filesystem::path base_config;  // config.json with every shared setting
  std::filesystem::path store;        // run store the children record into (empty: --no-store)
  int parallel = 1;                   // processes at once
  int max_starts = -1;                // stop after starting this many jobs (-1: no limit)
};

struct SweepSummary {
  int total = 0;
  int already_done = 0;  // in the store, or finished but not yet recorded (imported now)
  int ran = 0;
  int failed = 0;
};

SweepSummary run_sweep(const std::vector<SweepJob>& jobs, const SweepRunOptions& options);

}  // namespace xdd::cli
