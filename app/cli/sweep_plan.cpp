#include "cli/sweep_plan.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "cli/experiment_flags.h"
#include "core/error.h"
#include "pipeline/run_outputs.h"

namespace xdd::cli {
namespace {

std::string shown(int digit) {
  return std::to_string(digit);
}
std::string shown(double beta) {
  std::ostringstream v;
  v << beta;
  return v.str();
}
std::string shown(Method method) {
  return setting_name(method);
}

// A value listed twice would plan the same job folder twice.
template <typename T>
void check_no_repeats(const std::vector<T>& values, const char* flag) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (values[i] == values[j]) {
        throw InvalidArgument(std::string("sweep: ") + flag + " lists " + shown(values[i]) +
                              " twice");
      }
    }
  }
}

void check_grid(const SweepGrid& grid) {
  if (grid.holdouts.empty()) throw InvalidArgument("sweep: --holdouts lists no digit");
  for (int h : grid.holdouts) {
    if (h < 0 || h > 9) {
      throw InvalidArgument("sweep: held-out digit " + std::to_string(h) + " is not in 0-9");
    }
  }
  if (grid.methods.empty()) throw InvalidArgument("sweep: --methods lists no method");
  if (grid.betas.empty()) throw InvalidArgument("sweep: --betas lists no value");
  for (double b : grid.betas) {
    if (!std::isfinite(b) || b < 0) {
      throw InvalidArgument("sweep: beta must be finite and >= 0, got " + std::to_string(b));
    }
  }
  check_no_repeats(grid.holdouts, "--holdouts");
  check_no_repeats(grid.methods, "--methods");
  check_no_repeats(grid.betas, "--betas");
  if (grid.repetitions < 1) {
    throw InvalidArgument("sweep: --reps must be >= 1, got " + std::to_string(grid.repetitions));
  }
}

}  // namespace

std::vector<SweepJob> plan_sweep(const SweepGrid& grid, const std::filesystem::path& sweep_dir) {
  check_grid(grid);
  std::vector<SweepJob> jobs;
  for (int h : grid.holdouts) {
    for (const Method method : grid.methods) {
      // beta is XDD's alone; a baseline run once per seed (recorded with the first beta).
      const std::vector<double> betas =
          method == Method::kXdd ? grid.betas : std::vector<double>{grid.betas.front()};
      for (double beta : betas) {
        for (int rep = 0; rep < grid.repetitions; ++rep) {
          SweepJob job{h, method, beta, static_cast<std::uint64_t>(rep), {}};
          job.out_dir = sweep_dir / run_folder_name(job.holdout, job.method, job.beta, job.seed);
          jobs.push_back(job);
        }
      }
    }
  }
  return jobs;
}

bool job_files_complete(const SweepJob& job, bool layouts_wanted) {
  return std::filesystem::exists(job.out_dir / "metrics.json") &&
         (!layouts_wanted || std::filesystem::exists(job.out_dir / "layout_after.csv"));
}

std::vector<int> parse_digit_list(const std::string& text) {
  std::vector<int> digits;
  std::stringstream in(text);
  std::string part;
  auto bad = [&] {
    return InvalidArgument("sweep: cannot read the digit list '" + text +
                           "' (use e.g. 0-9 or 1,3,8)");
  };
  while (std::getline(in, part, ',')) {
    int first = 0, last = 0;
    char dash = 0, extra = 0;
    if (std::sscanf(part.c_str(), "%d%c%d%c", &first, &dash, &last, &extra) == 3 && dash == '-') {
      if (last < first) throw bad();
      for (int d = first; d <= last; ++d) digits.push_back(d);
    } else if (std::sscanf(part.c_str(), "%d%c", &first, &extra) == 1) {
      digits.push_back(first);
    } else {
      throw bad();
    }
  }
  if (digits.empty()) throw bad();
  return digits;
}

}  // namespace xdd::cli
