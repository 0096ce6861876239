// The app's worker without a window: commands, snapshots, pause/resume/stop and a beta change
// mid-run.
#include <gtest/gtest.h>

#include <atomic>

#include "core/error.h"
#include "session/experiment_session.h"
#include "test_support.h"

using namespace std::chrono_literals;

namespace {

xdd::ExperimentConfig tiny(const std::filesystem::path& cache, int steps) {
  xdd::ExperimentConfig c;
  c.data_dir = xdd::test::small_mnist_dir();
  c.preset = xdd::GanPreset::kTiny;
  c.gan_epochs = 1;
  c.retrain_steps = steps;
  c.threads = 1;
  c.device = xdd::DeviceChoice::kCpu;
  c.cache_dir = cache;
  return c;
}

// Polls the snapshot until `pred` holds or 60 s pass.
template <typename Pred>
std::shared_ptr<const xdd::Snapshot> wait_for(const xdd::ExperimentSession& s, Pred pred) {
  for (int i = 0; i < 6000; ++i) {
    auto snap = s.snapshot();
    if (pred(*snap)) return snap;
    std::this_thread::sleep_for(10ms);
  }
  return s.snapshot();
}

}  // namespace

TEST(Session, RunsToTheEndAndPublishesEverything) {
  xdd::test::ScratchDir cache;
  std::atomic<int> published{0};
  xdd::ExperimentSession session([&] { ++published; });
  EXPECT_EQ(session.snapshot()->status, xdd::SessionStatus::kIdle);
  session.start(tiny(cache.path(), 20));
  ASSERT_TRUE(session.wait_until_idle(120s));
  auto snap = session.snapshot();
  EXPECT_EQ(snap->status, xdd::SessionStatus::kDone) << snap->error;
  ASSERT_TRUE(snap->before && snap->after);
  EXPECT_GT(snap->after->auprc, 0.0);
  // The class entanglement readout reaches the UI, before and after re-training.
  ASSERT_TRUE(snap->entanglement_before && snap->entanglement_after);
  EXPECT_GT(*snap->entanglement_before, 0.0);
  EXPECT_GT(*snap->entanglement_after, 0.0);
  EXPECT_FALSE(snap->gan_d_loss.empty());
  ASSERT_FALSE(snap->loss_values.empty());
  EXPECT_EQ(snap->loss_values[0].size(), 20u);
  ASSERT_TRUE(snap->embedding);
  EXPECT_EQ(snap->embedding->labels.size(), 500u);
  ASSERT_TRUE(snap->test_images);
  EXPECT_EQ(snap->test_images->size(), 500u * 784u);
  EXPECT_EQ(snap->finished_runs.size(), 1u);
  EXPECT_GT(published.load(), 20);
}

TEST(Session, InvalidConfigIsRejectedAtOnce) {
  xdd::ExperimentSession session;
  xdd::ExperimentConfig c;
  c.holdout = 11;
  EXPECT_THROW(session.start(c), xdd::InvalidArgument);
}

TEST(Session, PauseResumeAndStop) {
  xdd::test::ScratchDir cache;
  xdd::ExperimentSession session;
  session.start(tiny(cache.path(), 100000));
  wait_for(session, [](const xdd::Snapshot& s) { return !s.loss_values.empty(); });
  session.pause();
  auto paused = wait_for(
      session, [](const xdd::Snapshot& s) { return s.status == xdd::SessionStatus::kPaused; });
  ASSERT_EQ(paused->status, xdd::SessionStatus::kPaused);
  const size_t steps_at_pause = paused->loss_values[0].size();
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(session.snapshot()->loss_values[0].size(), steps_at_pause);  // no progress while paused
  session.resume();
  auto moving = wait_for(
      session, [&](const xdd::Snapshot& s) { return s.loss_values[0].size() > steps_at_pause; });
  EXPECT_GT(moving->loss_values[0].size(), steps_at_pause);
  session.stop();
  ASSERT_TRUE(session.wait_until_idle(60s));
  EXPECT_EQ(session.snapshot()->status, xdd::SessionStatus::kStopped);
}

TEST(Session, ChangingBetaMidRunRetrainsFromTheCachedGan) {
  xdd::test::ScratchDir cache;
  xdd::ExperimentSession session;
  session.start(tiny(cache.path(), 100000));
  wait_for(session, [](const xdd::Snapshot& s) { return !s.loss_values.empty(); });
  auto changed = tiny(cache.path(), 5);
  changed.beta = 10.0;
  session.start(changed);
  ASSERT_TRUE(session.wait_until_idle(120s));
  auto snap = session.snapshot();
  EXPECT_EQ(snap->status, xdd::SessionStatus::kDone) << snap->error;
  EXPECT_DOUBLE_EQ(snap->config.beta, 10.0);
  EXPECT_TRUE(snap->gan_from_cache);
  EXPECT_TRUE(snap->gan_d_loss.empty());  // no second pre-training
  EXPECT_EQ(snap->gan_sample_count, 16);  // the cached generator's digits are shown
  EXPECT_EQ(snap->gan_samples.size(), 16u * 28 * 28);
  EXPECT_EQ(snap->finished_runs.size(), 1u);
}
