// Training faults: a NaN or Inf in a loss term or gradient is caught in the step it appears, the
// step is undone (last good weights and BatchNorm statistics back), the app's session pauses
// there and can go on, and the CLI stops with a message. Faults are injected with the
// `inject_fault` setting.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "config/fault_injection.h"
#include "core/error.h"
#include "losses/loss_factory.h"
#include "model_test_support.h"
#include "session/experiment_session.h"
#include "test_support.h"
#include "training/retrainer.h"
#include "training/training_fault.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using xdd::test::message_of;
using xdd::test::same_state;
using xdd::test::state_of;

namespace {

// Re-training on 90 structured images with labels 0..8, the loss and settings given.
struct Retraining {
  xdd::Discriminator d{nullptr};
  std::unique_ptr<xdd::Retrainer> trainer;
};

Retraining make_retraining(const std::string& method, const std::string& fault) {
  torch::manual_seed(11);
  Retraining r;
  r.d = xdd::Discriminator();
  xdd::LossOptions lo;
  lo.method = xdd::parse_setting<xdd::Method>("method", method);
  xdd::RetrainOptions ro;
  ro.steps = 6;
  ro.fault = xdd::parse_fault_injection(fault, "fault");
  const torch::Tensor images = xdd::test::blob_images(90, 4);
  const torch::Tensor labels = torch::arange(90, torch::kLong) % 9;
  r.trainer =
      std::make_unique<xdd::Retrainer>(r.d, xdd::make_loss(lo), images, labels, ro, torch::kCPU);
  return r;
}

xdd::ExperimentConfig tiny_run(const fs::path& cache, const std::string& fault) {
  xdd::ExperimentConfig c;
  c.data_dir = xdd::test::small_mnist_dir();
  c.preset = xdd::GanPreset::kTiny;
  c.gan_epochs = 1;
  c.retrain_steps = 8;
  c.info_plane_every = 0;
  c.threads = 1;
  c.device = xdd::DeviceChoice::kCpu;
  c.cache_dir = cache;
  c.inject_fault = fault;
  return c;
}

template <typename Pred>
std::shared_ptr<const xdd::Snapshot> wait_for(const xdd::ExperimentSession& s, Pred pred) {
  for (int i = 0; i < 12000; ++i) {
    auto snap = s.snapshot();
    if (pred(*snap)) return snap;
    std::this_thread::sleep_for(10ms);
  }
  return s.snapshot();
}

}  // namespace

TEST(FaultInjection, ParsesTheFourFields) {
  const xdd::FaultInjection f = xdd::parse_fault_injection("retrain:5:loss:nan", "k");
  EXPECT_TRUE(f.armed());
  EXPECT_EQ(f.phase, "retrain");
  EXPECT_EQ(f.step, 5);
  EXPECT_EQ(f.target, "loss");
  EXPECT_TRUE(std::isnan(f.value));
  const xdd::FaultInjection g = xdd::parse_fault_injection("pretrain:12:gradient:inf", "k");
  EXPECT_EQ(g.phase, "pretrain");
  EXPECT_EQ(g.step, 12);
  EXPECT_EQ(g.target, "gradient");
  EXPECT_TRUE(std::isinf(g.value));
  EXPECT_FALSE(xdd::parse_fault_injection("", "k").armed());
}

TEST(FaultInjection, RejectsMalformedSpecsNamingTheKeyAndFormat) {
  for (const char* bad :
       {"retrain", "retrain:5:loss", "retrain:5:loss:nan:x", "train:5:loss:nan",
        "retrain:0:loss:nan", "retrain:-3:loss:nan", "retrain:5x:loss:nan", "retrain::loss:nan",
        "retrain:5:weights:nan", "retrain:5:loss:zero", "retrain:5:loss:nan:"}) {
    const std::string msg =
        message_of<xdd::InvalidArgument>([&] { xdd::parse_fault_injection(bad, "inject_fault"); });
    EXPECT_NE(msg.find("inject_fault must be empty or PHASE:STEP:TARGET:VALUE"), std::string::npos)
        << bad << ": " << msg;
    EXPECT_NE(msg.find(bad), std::string::npos) << msg;
  }
  xdd::ExperimentConfig c;
  c.inject_fault = "retrain:x:loss:nan";
  EXPECT_THROW(xdd::validate(c), xdd::InvalidArgument);
}

using LossAndFault = std::tuple<std::string, std::string>;

class RetrainerFault : public ::testing::TestWithParam<LossAndFault> {};

namespace {

// Test names like xdd_retrain_3_loss_nan.
std::string fault_case_name(const ::testing::TestParamInfo<LossAndFault>& info) {
  std::string name = std::get<0>(info.param) + "_" + std::get<1>(info.param);
  std::replace(name.begin(), name.end(), ':', '_');
  return name;
}

}  // namespace

TEST_P(RetrainerFault, IsCaughtInItsStepUndoneAndRetriedToTheCleanResult) {
  const auto [method, fault] = GetParam();
  Retraining clean = make_retraining(method, "");
  Retraining faulty = make_retraining(method, fault);
  for (int i = 0; i < 2; ++i) {
    clean.trainer->step();
    faulty.trainer->step();
  }
  const auto before = state_of(*faulty.d);
  const std::string msg = message_of<xdd::TrainingFault>([&] { faulty.trainer->step(); });
  EXPECT_NE(msg.find("re-training step 3: "), std::string::npos) << msg;
  EXPECT_NE(msg.find("weights of step 2 were restored"), std::string::npos) << msg;
  EXPECT_EQ(faulty.trainer->step_count(), 2);
  // BatchNorm statistics moved in the failed forward pass; they are back too.
  EXPECT_TRUE(same_state(state_of(*faulty.d), before));
  while (!clean.trainer->done()) {
    const xdd::RetrainStepReport a = clean.trainer->step();
    const xdd::RetrainStepReport b = faulty.trainer->step();
    ASSERT_EQ(a.terms.size(), b.terms.size());
    for (size_t i = 0; i < a.terms.size(); ++i) EXPECT_EQ(a.terms[i].second, b.terms[i].second);
  }
  EXPECT_TRUE(faulty.trainer->done());
  EXPECT_TRUE(same_state(state_of(*faulty.d), state_of(*clean.d)));
}

INSTANTIATE_TEST_SUITE_P(LossesAndTargets, RetrainerFault,
                         ::testing::Values(LossAndFault("xdd", "retrain:3:loss:nan"),
                                           LossAndFault("xdd", "retrain:3:gradient:inf"),
                                           LossAndFault("mcdd", "retrain:3:loss:inf"),
                                           LossAndFault("softmax", "retrain:3:gradient:nan")),
                         fault_case_name);

TEST(RetrainerFault, NamesTheLossTermThatWentBad) {
  Retraining r = make_retraining("xdd", "retrain:1:loss:nan");
  const std::string msg = message_of<xdd::TrainingFault>([&] { r.trainer->step(); });
  EXPECT_NE(msg.find("the xdd loss term 'compression' is NaN"), std::string::npos) << msg;
}

// The app's worker: pauses at each fault with its message, resumes to the end, and finishes with
// the metrics of a run that never met one (pre-training and re-training faults alike).
TEST(SessionFault, PausesAtTheFaultAndResumesToTheCleanResult) {
  xdd::test::ScratchDir cache, clean_cache;
  xdd::ExperimentSession clean;
  clean.start(tiny_run(clean_cache.path(), ""));
  ASSERT_TRUE(clean.wait_until_idle(300s));
  const auto expected = clean.snapshot();
  ASSERT_EQ(expected->status, xdd::SessionStatus::kDone) << expected->error;

  xdd::ExperimentSession session;
  session.start(tiny_run(cache.path(), "pretrain:4:loss:nan"));
  auto paused = wait_for(session, [](const xdd::Snapshot& s) {
    return s.fault_count == 1 && s.status == xdd::SessionStatus::kPaused;
  });
  ASSERT_EQ(paused->status, xdd::SessionStatus::kPaused);
  EXPECT_NE(paused->last_fault.find("pre-training step 4: the generator loss is NaN"),
            std::string::npos)
      << paused->last_fault;
  EXPECT_EQ(paused->gan_d_loss.size(), 3u);  // steps 1-3 done, 4 undone
  session.resume();
  ASSERT_TRUE(session.wait_until_idle(300s));
  const auto done = session.snapshot();
  ASSERT_EQ(done->status, xdd::SessionStatus::kDone) << done->error;
  EXPECT_EQ(done->fault_count, 1u);
  ASSERT_TRUE(done->after && expected->after);
  EXPECT_EQ(done->gan_d_loss, expected->gan_d_loss);
  EXPECT_EQ(done->loss_values, expected->loss_values);
  EXPECT_EQ(done->after->auprc, expected->after->auprc);

  // A second run from the now cached GAN meets a re-training fault.
  session.start(tiny_run(cache.path(), "retrain:5:gradient:inf"));
  paused = wait_for(session, [](const xdd::Snapshot& s) {
    return s.fault_count == 2 && s.status == xdd::SessionStatus::kPaused;
  });
  ASSERT_EQ(paused->status, xdd::SessionStatus::kPaused);
  EXPECT_NE(paused->last_fault.find("re-training step 5: a gradient"), std::string::npos)
      << paused->last_fault;
  ASSERT_FALSE(paused->loss_values.empty());
  EXPECT_EQ(paused->loss_values[0].size(), 4u);
  session.resume();
  ASSERT_TRUE(session.wait_until_idle(300s));
  ASSERT_EQ(session.snapshot()->status, xdd::SessionStatus::kDone);
  EXPECT_EQ(session.snapshot()->loss_values, expected->loss_values);
  EXPECT_EQ(session.snapshot()->after->auprc, expected->after->auprc);
}

TEST(CliFault, StopsWithTheFaultsMessageAndWritesNoResults) {
  xdd::test::ScratchDir dir;
  const fs::path out = dir.path() / "out";
  const xdd::test::CliResult r = xdd::test::run_cli(
      "run --data " + xdd::test::small_mnist_dir().string() +
      " --preset tiny --epochs 1 --steps 6 --threads 1 --no-store --cache " +
      (dir.path() / "cache").string() + " --inject-fault retrain:2:loss:inf --out " + out.string());
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("re-training step 2: the xdd loss term 'compression' is infinite"),
            std::string::npos)
      << r.output;
  EXPECT_FALSE(fs::exists(out / "metrics.json"));
  const xdd::test::CliResult bad =
      xdd::test::run_cli("run --data " + xdd::test::small_mnist_dir().string() +
                         " --no-store --inject-fault retrain:two:loss:nan --out " + out.string());
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.output.find("inject_fault must be empty or PHASE:STEP:TARGET:VALUE"),
            std::string::npos)
      << bad.output;
}
