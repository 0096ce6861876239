#include "logic/run_stats.h"

#include <cmath>
#include <cstdio>

namespace xdd {
namespace {

nlohmann::json setting_key(const ExperimentConfig& c) {
  nlohmann::json j = to_json(c);
  for (const char* key : {"holdout", "seed", "threads", "device", "cache_dir"}) j.erase(key);
  return j;
}

void mean_sd(const std::vector<double>& v, double& mean, double& sd) {
  mean = 0.0;
  for (double x : v) mean += x;
  mean /= static_cast<double>(v.size());
  double ss = 0.0;
  for (double x : v) ss += (x - mean) * (x - mean);
  sd = v.size() > 1 ? std::sqrt(ss / static_cast<double>(v.size() - 1)) : 0.0;
}

}  // namespace

bool same_setting(const ExperimentConfig& a, const ExperimentConfig& b) {
  return setting_key(a) == setting_key(b);
}

std::array<DigitStats, 10> stats_by_digit(const SharedSeries<RunSummary>& runs,
                                          const ExperimentConfig& like) {
  std::array<std::vector<double>, 10> before, after;
  std::array<DigitStats, 10> out{};
  for (const RunSummary& r : runs) {
    const int d = r.config.holdout;
    if (d < 0 || d > 9 || !same_setting(r.config, like)) continue;
    before[d].push_back(r.before.auprc);
    after[d].push_back(r.after.auprc);
    out[d].chance = r.chance_auprc;
  }
  for (int d = 0; d < 10; ++d) {
    out[d].runs = static_cast<int>(before[d].size());
    if (out[d].runs == 0) continue;
    mean_sd(before[d], out[d].before_mean, out[d].before_sd);
    mean_sd(after[d], out[d].after_mean, out[d].after_sd);
  }
  return out;
}

std::string setting_label(const ExperimentConfig& c) {
  char text[160];
  if (c.method == Method::kXdd) {
    std::snprintf(text, sizeof text, "xdd, \xce\xb2 = %g, preset %s, %d steps", c.beta,
                  setting_name(c.preset), c.retrain_steps);
  } else {
    std::snprintf(text, sizeof text, "%s, preset %s, %d steps", setting_name(c.method),
                  setting_name(c.preset), c.retrain_steps);
  }
  return text;
}

}  // namespace xdd
