// The Controller (logic/controller.h) on a real session and the committed small MNIST subset: what
// a β click, an invalid setting and a stop do, without a window.
#include "logic/controller.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>

#include "test_support.h"

namespace xdd {
namespace {

using namespace std::chrono_literals;

ExperimentConfig tiny_config(const std::filesystem::path& cache, int steps) {
  ExperimentConfig c;
  c.data_dir = test::small_mnist_dir();
  c.preset = xdd::GanPreset::kTiny;
  c.gan_epochs = 1;
  c.holdout = 8;
  c.beta = 1.0;
  c.retrain_steps = steps;
  c.info_plane_every = 0;
  c.threads = 1;
  c.device = xdd::DeviceChoice::kCpu;
  c.cache_dir = cache;
  return c;
}

// Refreshes the controller, as the app does once a frame, until `done` holds (false at timeout).
bool refresh_until(Controller& c, const std::function<bool(const Snapshot&)>& done) {
  const auto deadline = std::chrono::steady_clock::now() + 180s;
  while (std::chrono::steady_clock::now() < deadline) {
    c.refresh();
    if (done(c.snapshot())) return true;
    std::this_thread::sleep_for(5ms);
  }
  return false;
}

bool retraining(const Snapshot& s) {
  return s.status == SessionStatus::kRunning && s.phase == Phase::kRetraining && s.step > 0;
}

TEST(Controller, BetaWhileIdleOnlyChangesTheSettings) {
  test::ScratchDir cache;
  Controller c(tiny_config(cache.path(), 5), {});
  c.refresh();
  c.set_beta(0.25);
  EXPECT_DOUBLE_EQ(c.config().beta, 0.25);
  std::this_thread::sleep_for(50ms);
  c.refresh();
  EXPECT_FALSE(c.in_progress());
  EXPECT_EQ(c.snapshot().status, SessionStatus::kIdle);
}

TEST(Controller, InvalidSettingsAreAnErrorNotARun) {
  test::ScratchDir cache;
  Controller c(tiny_config(cache.path(), 5), {});
  c.config().beta = -1.0;
  c.run();
  ASSERT_TRUE(c.has_error());
  EXPECT_EQ(c.error_title(), "Invalid settings");
  EXPECT_NE(c.error_message().find("beta"), std::string::npos) << c.error_message();
  c.refresh();
  EXPECT_FALSE(c.in_progress());
}

// The β-restart rule end to end: while pre-training the restart waits for the GAN (its work is
// kept), then the run re-trains with the new β; while re-training a new β restarts at once.
TEST(Controller, BetaDuringARunRestartsFromThePretrainedGan) {
  test::ScratchDir cache;
  Controller c(tiny_config(cache.path(), 100000), {});
  c.run();
  ASSERT_TRUE(refresh_until(c, [](const Snapshot& s) { return s.phase == Phase::kPretraining; }));
  c.set_beta(0.25);
  c.refresh();
  EXPECT_DOUBLE_EQ(c.snapshot().config.beta, 1.0);  // not stopped: pre-training goes on
  EXPECT_EQ(c.snapshot().phase, Phase::kPretraining);
  ASSERT_TRUE(
      refresh_until(c, [](const Snapshot& s) { return retraining(s) && s.config.beta == 0.25; }));
  bool cached = false;  // the pre-training finished and was kept for the restart
  for (const auto& entry : std::filesystem::directory_iterator(cache.path())) {
    cached = cached || entry.path().extension() == ".pt";
  }
  EXPECT_TRUE(cached);

  c.set_beta(4.0);  // re-training: at once
  ASSERT_TRUE(
      refresh_until(c, [](const Snapshot& s) { return retraining(s) && s.config.beta == 4.0; }));
  c.stop();
  ASSERT_TRUE(
      refresh_until(c, [](const Snapshot& s) { return s.status == SessionStatus::kStopped; }));
  EXPECT_FALSE(c.in_progress());
}

}  // namespace
}  // namespace xdd
