// A tiny end-to-end run of the whole protocol on the committed 1,000/500-image subset.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "pipeline/experiment.h"
#include "pipeline/run_outputs.h"
#include "test_support.h"

namespace {

xdd::ExperimentConfig tiny_config(const std::filesystem::path& cache) {
  xdd::ExperimentConfig c;
  c.data_dir = xdd::test::small_mnist_dir();
  c.preset = xdd::GanPreset::kTiny;
  c.gan_epochs = 1;
  c.holdout = 8;
  c.beta = 1.0;
  c.retrain_steps = 30;
  c.threads = 2;
  c.device = xdd::DeviceChoice::kCpu;
  c.cache_dir = cache;
  return c;
}

std::vector<double> column(const torch::Tensor& t) {
  auto c = t.to(torch::kFloat64).contiguous();
  return {c.data_ptr<double>(), c.data_ptr<double>() + c.numel()};
}

}  // namespace

TEST(Pipeline, TinyRunScoresTheHeldOutDigitAndLowersTheXddLoss) {
  xdd::test::ScratchDir cache;
  const xdd::RunOutcome o = xdd::run_experiment(tiny_config(cache.path()));

  // The metrics are for digit 8: 40 of the first 500 test images are 8s.
  EXPECT_EQ(o.test_labels.numel(), 500);
  EXPECT_NEAR(o.chance_auprc, 40.0 / 500.0, 1e-12);
  auto labels_t = o.test_labels.to(torch::kInt64).contiguous();
  std::vector<int64_t> labels(labels_t.data_ptr<int64_t>(), labels_t.data_ptr<int64_t>() + 500);
  const xdd::DetectionMetrics after = xdd::evaluate_detection(column(o.scores_after), labels, 8);
  EXPECT_DOUBLE_EQ(after.auprc, o.after.auprc);
  const xdd::DetectionMetrics other_digit =
      xdd::evaluate_detection(column(o.scores_after), labels, 3);
  EXPECT_NE(other_digit.auprc, o.after.auprc);
  for (const auto& m : {o.before, o.after, o.after_own}) {
    EXPECT_GT(m.auprc, 0.0);
    EXPECT_LE(m.auprc, 1.0);
    EXPECT_GE(m.auroc, 0.0);
    EXPECT_LE(m.auroc, 1.0);
  }

  // Re-training lowers the XDD loss; compression and relevance are reported separately.
  ASSERT_EQ(o.loss_rows.size(), 30u);
  const auto total =
      std::find(o.loss_terms.begin(), o.loss_terms.end(), "total") - o.loss_terms.begin();
  ASSERT_LT(static_cast<size_t>(total), o.loss_terms.size());
  EXPECT_LT(o.loss_rows.back()[total], o.loss_rows.front()[total]);
  EXPECT_NE(std::find(o.loss_terms.begin(), o.loss_terms.end(), "compression"), o.loss_terms.end());
  EXPECT_NE(std::find(o.loss_terms.begin(), o.loss_terms.end(), "relevance"), o.loss_terms.end());
  // The leave-one-out relevance term is not saturated: clearly below 0 after the first update (the
  // in-sample term read -1.5e-8 there), and every term sends a gradient into the embedding.
  const auto column_of = [&](const std::string& name) {
    const auto it = std::find(o.loss_terms.begin(), o.loss_terms.end(), name);
    EXPECT_NE(it, o.loss_terms.end()) << name;
    return static_cast<size_t>(it - o.loss_terms.begin());
  };
  EXPECT_LT(o.loss_rows[1][column_of("relevance")], -0.1);
  for (const auto& row : o.loss_rows) {
    for (const char* grad : {"grad_compression", "grad_relevance", "grad_total"}) {
      EXPECT_GT(row[column_of(grad)], 0.0) << grad;
      EXPECT_TRUE(std::isfinite(row[column_of(grad)])) << grad;
    }
  }
  EXPECT_FALSE(o.gan_from_cache);
  EXPECT_FALSE(o.gan_history.empty());

  // The second run reuses the cached GAN and, with the same seeds, reproduces the metrics exactly.
  const xdd::RunOutcome again = xdd::run_experiment(tiny_config(cache.path()));
  EXPECT_TRUE(again.gan_from_cache);
  EXPECT_DOUBLE_EQ(again.before.auprc, o.before.auprc);
  EXPECT_DOUBLE_EQ(again.after.auprc, o.after.auprc);
}

TEST(Pipeline, WritesTheStableOutputFiles) {
  xdd::test::ScratchDir dir;
  auto config = tiny_config(dir.path() / "cache");
  config.retrain_steps = 3;
  const xdd::RunOutcome o = xdd::run_experiment(config);
  xdd::write_run_outputs(o, dir.path() / "out");
  std::ifstream scores(dir.path() / "out" / "scores.csv");
  std::string header;
  std::getline(scores, header);
  EXPECT_EQ(header, "index,label,score_before,score_after");
  std::ifstream losses(dir.path() / "out" / "losses.csv");
  std::getline(losses, header);
  EXPECT_EQ(header.rfind("step,", 0), 0u);
  const auto metrics = nlohmann::json::parse(std::ifstream(dir.path() / "out" / "metrics.json"));
  EXPECT_EQ(metrics["holdout"], 8);
  EXPECT_DOUBLE_EQ(metrics["after"]["auprc"].get<double>(), o.after.auprc);
  EXPECT_TRUE(metrics["before"].contains("fpr95"));
  // The class entanglement readout, before and after: the SNN loss of the 500 test embeddings
  // (N < 1,000, so all of them), positive and below its value for labels unrelated to position.
  for (const char* stage : {"before", "after"}) {
    const double e = metrics["entanglement"][stage].get<double>();
    EXPECT_GT(e, 0.0) << stage;
    EXPECT_LT(e, std::log(10.0) + 0.5) << stage;
  }
  EXPECT_DOUBLE_EQ(metrics["entanglement"]["after"].get<double>(), o.entanglement_after.at_median);
  // At the minimising temperature: no higher than at the median one, with that T recorded.
  for (const char* stage : {"before", "after"}) {
    const auto& e = metrics["entanglement_min"];
    EXPECT_LE(e[stage].get<double>(), metrics["entanglement"][stage].get<double>() + 1e-12);
    EXPECT_GT(e[std::string("temperature_") + stage].get<double>(), 0.0);
  }
  // The nearest-neighbour limit of the KDE score, beside the median rule.
  EXPECT_DOUBLE_EQ(metrics["after_nearest"]["auprc"].get<double>(), o.after_nearest.auprc);
  EXPECT_GT(o.before_nearest.auprc, 0.0);

  // The information plane: a point per set at step 0 and after each of the 3 steps, all finite and
  // within the estimators' bounds (I(X;Z) <= log N; I(Z;Y) <= H(Y) <= log 9).
  std::ifstream plane(dir.path() / "out" / "infoplane.csv");
  std::getline(plane, header);
  EXPECT_EQ(header, "step,phase,set,ixz,izy");
  ASSERT_EQ(o.info_plane.size(), 8u);
  for (const auto& p : o.info_plane) {
    const double n = p.set == xdd::PlaneSet::kLabeled ? 90.0 : 500.0;
    EXPECT_TRUE(std::isfinite(p.ixz) && std::isfinite(p.izy))
        << p.step << " " << xdd::plane_set_name(p.set);
    EXPECT_GE(p.ixz, 0.0);
    EXPECT_LE(p.ixz, std::log(n) + 1e-9);
    EXPECT_LE(p.izy, std::log(9.0) + 1e-9);
  }
  EXPECT_EQ(o.info_plane.front().phase, "pretrained");
  EXPECT_EQ(o.info_plane.back().step, 3);
}

TEST(Pipeline, CorruptCachedCheckpointIsADataError) {
  xdd::test::ScratchDir dir;
  auto config = tiny_config(dir.path());
  config.retrain_steps = 1;
  const xdd::RunOutcome o = xdd::run_experiment(config);
  std::ofstream(o.gan_cache_file, std::ios::trunc) << "not a checkpoint";
  try {
    xdd::run_experiment(config);
    FAIL() << "expected DataError";
  } catch (const xdd::DataError& e) {
    EXPECT_NE(
        std::string(e.what()).find(std::filesystem::path(o.gan_cache_file).filename().string()),
        std::string::npos);
  }
}

// The live embedding's schedule: at k, 2k, 4k, ... steps, where the embedding moves most.
TEST(Pipeline, LiveEmbeddingsDoubleTheirGaps) {
  std::vector<int64_t> due;
  for (int64_t step = 0; step <= 200; ++step) {
    if (xdd::live_embedding_due(step, 5)) due.push_back(step);
  }
  EXPECT_EQ(due, (std::vector<int64_t>{5, 10, 20, 40, 80, 160}));
  EXPECT_FALSE(xdd::live_embedding_due(10, 0));  // 0 = never
  EXPECT_TRUE(xdd::live_embedding_due(1, 1));
}
