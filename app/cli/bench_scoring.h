#pragma once
// `xdd bench scoring`: the per-phase cost of scoring one embedding of the test set (what a run does
// before and after re-training and the app does at each live t-SNE update).
namespace xdd::cli {

struct ScoringBenchArgs {
  int repeats = 3;
  int threads = 2;
  int test_images = 10000;
};

void bench_scoring(const ScoringBenchArgs& args);

}  // namespace xdd::cli
