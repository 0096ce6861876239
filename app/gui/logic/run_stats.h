#pragma once
// The numbers behind the per-digit bar chart: the session's finished runs that share one setting
// (everything but the held-out digit and the repetition seed), grouped by held-out digit.
#include <array>
#include <string>
#include <vector>

#include "session/snapshot.h"

namespace xdd {

struct DigitStats {
  int runs = 0;
  double before_mean = 0.0, before_sd = 0.0;  // AUPRC over the runs; sample s.d. (0 for one run)
  double after_mean = 0.0, after_sd = 0.0;
  double chance = 0.0;  // share of the digit in the test set
};

// True when a and b differ at most in holdout, seed and where they computed (threads, device,
// cache folder): such runs are repetitions of one setting.
bool same_setting(const ExperimentConfig& a, const ExperimentConfig& b);

// Index = held-out digit. Only runs in the setting of `like` count.
std::array<DigitStats, 10> stats_by_digit(const SharedSeries<RunSummary>& runs,
                                          const ExperimentConfig& like);

// A short name for a setting, e.g. "xdd, β = 1, preset fast".
std::string setting_label(const ExperimentConfig& config);

}  // namespace xdd
