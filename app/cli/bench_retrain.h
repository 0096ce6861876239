#pragma once
// `xdd bench retrain`: the per-phase cost of a re-training step and an information-plane point.
#include <string>

namespace xdd::cli {

struct RetrainBenchArgs {
  std::string method = "xdd";
  int steps = 30;
  int warmup = 3;
  int points = 5;
  int threads = 2;
};

void bench_retrain(const RetrainBenchArgs& args);

}  // namespace xdd::cli
