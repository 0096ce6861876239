// The app's worker under a storm of commands: 1,000 random start / pause / resume / stop / change
// beta / change held-out digit cycles while another thread reads every snapshot, as the UI does.
// Run under TSan (scripts/test.sh) this is the race and deadlock check; under ASan the leak check.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <random>
#include <set>
#include <thread>

#include "pipeline/observer.h"
#include "session/experiment_session.h"
#include "test_support.h"

using namespace std::chrono_literals;

namespace {

constexpr int kCycles = 1000;

xdd::ExperimentConfig tiny(const std::filesystem::path& cache, int holdout, double beta) {
  xdd::ExperimentConfig c;
  c.data_dir = xdd::test::small_mnist_dir();
  c.preset = xdd::GanPreset::kTiny;
  c.gan_epochs = 1;
  c.retrain_steps = 30;
  c.info_plane_every = 5;
  c.holdout = holdout;
  c.beta = beta;
  c.threads = 1;
  c.device = xdd::DeviceChoice::kCpu;
  c.cache_dir = cache;
  return c;
}

// Reads each published snapshot the way the panels do (sizes and values), until told to stop,
// and remembers any failure it saw.
class SnapshotReader {
 public:
  explicit SnapshotReader(const xdd::ExperimentSession& session)
      : thread_([this, &session] {
          while (!done_) {
            std::this_thread::sleep_for(1ms);  // the UI reads once a frame; this is 16x as often
            auto s = session.snapshot();
            double sum = 0;
            for (const auto& series : s->loss_values)
              for (float v : series) sum += v;
            for (float v : s->gan_d_loss) sum += v;
            if (s->embedding) sum += static_cast<double>(s->embedding->scores.size());
            for (const auto& p : s->info_plane) sum += p.ixz;
            checksum_ += sum == sum ? 1 : 0;
            if (s->status == xdd::SessionStatus::kFailed && failure_.empty()) failure_ = s->error;
            seen_.insert(std::string(xdd::status_name(s->status)) + " " +
                         (s->phase ? xdd::phase_name(*s->phase) : ""));
            ++reads_;
          }
        }) {}
  ~SnapshotReader() { finish(); }

  void finish() {
    done_ = true;
    if (thread_.joinable()) thread_.join();
  }
  long reads() const { return reads_; }
  const std::string& failure() const { return failure_; }
  // "status phase" pairs seen, e.g. "paused re-training embedding" (read after finish()).
  const std::set<std::string>& seen() const { return seen_; }

 private:
  std::atomic<bool> done_{false};
  std::atomic<long> reads_{0};
  std::atomic<long> checksum_{0};
  std::string failure_;  // these two: written by the reader thread only, read after finish()
  std::set<std::string> seen_;
  std::thread thread_;
};

// Starts a run, lets it reach re-training and pauses it there (the random storm seldom leaves a
// run alone that long); true if the session was seen paused in re-training.
bool pause_mid_retraining(xdd::ExperimentSession& session, const xdd::ExperimentConfig& config) {
  auto wait_for = [&](auto pred) {
    for (int i = 0; i < 3000; ++i) {
      if (pred(*session.snapshot())) return true;
      std::this_thread::sleep_for(10ms);
    }
    return false;
  };
  session.start(config);
  const bool retraining = wait_for([](const xdd::Snapshot& s) { return !s.loss_values.empty(); });
  session.pause();
  return retraining && wait_for([](const xdd::Snapshot& s) {
           return s.status == xdd::SessionStatus::kPaused && s.phase == xdd::Phase::kRetraining;
         });
}

}  // namespace

TEST(SessionStress, ThousandRandomCommandCyclesEndIdleAndTheSessionStillWorks) {
  xdd::test::ScratchDir cache;
  std::atomic<int> wakes{0};
  xdd::ExperimentSession session([&] { ++wakes; });
  // Pre-train both held-out digits' GANs first, so the storm reaches scoring and re-training
  // (a stop during pre-training keeps a partial checkpoint and the next start resumes it).
  for (int holdout : {1, 8}) {
    session.start(tiny(cache.path(), holdout, 1.0));
    ASSERT_TRUE(session.wait_until_idle(300s));
    ASSERT_EQ(session.snapshot()->status, xdd::SessionStatus::kDone) << session.snapshot()->error;
  }

  const auto storm_start = std::chrono::steady_clock::now();
  SnapshotReader reader(session);
  std::mt19937 rng(20261201);
  // Mostly commands in quick succession; now and then a longer wait, so that runs also get as far
  // as scoring and re-training before the next command.
  std::uniform_int_distribution<int> command(0, 5), short_us(0, 2000), long_us(20000, 200000);
  int holdout = 8;
  double beta = 1.0;
  int counts[6] = {};
  int paused_mid_retraining = 0;
  for (int i = 0; i < kCycles; ++i) {
    const int c = command(rng);
    ++counts[c];
    switch (c) {
      case 0:
        session.start(tiny(cache.path(), holdout, beta));
        break;
      case 1:
        session.pause();
        break;
      case 2:
        session.resume();
        break;
      case 3:
        session.stop();
        break;
      case 4:  // change beta: re-trains from the cached GAN
        beta = beta == 1.0 ? 10.0 : 1.0;
        session.start(tiny(cache.path(), holdout, beta));
        break;
      case 5:  // change the held-out digit
        holdout = holdout == 8 ? 1 : 8;
        session.start(tiny(cache.path(), holdout, beta));
        break;
    }
    const int wait_us = rng() % 20 == 0 ? long_us(rng) : short_us(rng);
    std::this_thread::sleep_for(std::chrono::microseconds(wait_us));
    if (i % 100 == 50)
      paused_mid_retraining += pause_mid_retraining(session, tiny(cache.path(), holdout, beta));
  }
  for (int count : counts) EXPECT_GT(count, 100);  // every command was exercised
  EXPECT_EQ(paused_mid_retraining, kCycles / 100);
  std::printf(
      "storm of %d commands: %.1f s\n", kCycles,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - storm_start).count());

  // No deadlock: a stop after the storm always brings the worker back to idle.
  session.stop();
  ASSERT_TRUE(session.wait_until_idle(120s));
  const auto last = session.snapshot()->status;
  EXPECT_TRUE(last == xdd::SessionStatus::kStopped || last == xdd::SessionStatus::kDone)
      << xdd::status_name(last);

  // And the session still runs an experiment to the end.
  session.start(tiny(cache.path(), 8, 3.0));
  ASSERT_TRUE(session.wait_until_idle(300s));
  const auto final_snapshot = session.snapshot();
  EXPECT_EQ(final_snapshot->status, xdd::SessionStatus::kDone) << final_snapshot->error;
  EXPECT_DOUBLE_EQ(final_snapshot->config.beta, 3.0);
  ASSERT_FALSE(final_snapshot->loss_values.empty());
  EXPECT_EQ(final_snapshot->loss_values[0].size(), 30u);

  reader.finish();
  EXPECT_TRUE(reader.failure().empty()) << "a run failed during the storm: " << reader.failure();
  EXPECT_GT(reader.reads(), kCycles);
  for (const char* state :
       {"running loading data", "running re-training embedding", "paused re-training embedding"}) {
    EXPECT_TRUE(reader.seen().count(state)) << "the storm never reached '" << state << "'";
  }
  EXPECT_GT(wakes.load(), kCycles / 10);
}

TEST(SessionStress, DestroyingASessionMidRunReturnsPromptly) {
  xdd::test::ScratchDir cache;
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> wait_ms(0, 400);
  std::set<std::string> phases_at_destruction;
  for (int i = 0; i < 20; ++i) {
    auto session = std::make_unique<xdd::ExperimentSession>();
    session->start(tiny(cache.path(), 8, 1.0));
    if (i % 3 == 1) session->pause();
    std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms(rng)));
    const std::optional<xdd::Phase> phase = session->snapshot()->phase;
    phases_at_destruction.insert(phase ? xdd::phase_name(*phase) : "");
    const auto start = std::chrono::steady_clock::now();
    session.reset();  // stops the worker between steps and joins it
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 60.0) << "destruction " << i << " hung";
  }
  // The sessions were destroyed in more than one phase (pre-training resumes from its partial
  // checkpoint, so later ones get further).
  EXPECT_GE(phases_at_destruction.size(), 2u);
}
