#pragma once
// What a sweep runs: every combination of held-out digit x method x beta x repetition seed, each an
// ordinary `xdd run` with its own output folder inside the sweep folder. The folder name is the
// job's identity: a job whose folder is already recorded in the run store (or holds a run's
// complete files) is done, which is what makes an interrupted sweep resumable.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "config/run_settings.h"

namespace xdd::cli {

struct SweepGrid {
  std::vector<int> holdouts;
  std::vector<Method> methods;
  std::vector<double> betas;
  int repetitions = 1;  // seeds 0 .. repetitions-1
};

struct SweepJob {
  int holdout = 0;
  Method method = Method::kXdd;
  double beta = 0.0;
  std::uint64_t seed = 0;
  std::filesystem::path out_dir;  // <sweep folder>/h<h>-<method>-beta<b>-seed<s>
};

// The jobs in the order they are started: by held-out digit, so runs that share a pre-trained GAN
// are next to each other. Methods other than xdd ignore beta, so they get one job per seed.
// InvalidArgument for an empty list, a value listed twice, a digit outside 0..9, a negative or
// non-finite beta, or repetitions < 1.
std::vector<SweepJob> plan_sweep(const SweepGrid& grid, const std::filesystem::path& sweep_dir);

// Whether the job's folder holds a finished run: metrics.json (written after the run's other
// outputs) and, when the sweep asks for layouts, layout_after.csv. `xdd run` writes the layouts
// after metrics.json, so a run stopped while computing them has metrics but no layouts.
bool job_files_complete(const SweepJob& job, bool layouts_wanted);

// "0-9" or "1,3,8" (and mixtures like "0-2,7"); InvalidArgument naming the text otherwise.
std::vector<int> parse_digit_list(const std::string& text);

}  // namespace xdd::cli
