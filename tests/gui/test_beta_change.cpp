// The app's rule for a change of beta (logic/beta_change.h), as the Controller applies it: a
// restart from the pre-trained GAN, deferred while the GAN is still being pre-trained.
#include <gtest/gtest.h>

#include "logic/beta_change.h"

namespace {

using xdd::Phase;
using xdd::SessionStatus;
using xdd::gui::BetaChange;

xdd::Snapshot snapshot(SessionStatus status, std::optional<Phase> phase, double beta = 1.0) {
  xdd::Snapshot s;
  s.status = status;
  s.phase = phase;
  s.config.beta = beta;
  return s;
}

}  // namespace

TEST(BetaChange, WithoutARunOnlyTheSettingsChange) {
  for (SessionStatus status : {SessionStatus::kIdle, SessionStatus::kDone, SessionStatus::kStopped,
                               SessionStatus::kFailed}) {
    EXPECT_EQ(xdd::gui::beta_change(snapshot(status, Phase::kRetraining), 10.0),
              BetaChange::kSettingsOnly);
  }
}

TEST(BetaChange, TheSameBetaChangesNothing) {
  EXPECT_EQ(xdd::gui::beta_change(snapshot(SessionStatus::kRunning, Phase::kRetraining, 3.0), 3.0),
            BetaChange::kSettingsOnly);
}

TEST(BetaChange, ReTrainsAtOnceOnceTheGanIsReady) {
  for (Phase phase : {Phase::kScoringBefore, Phase::kRetraining, Phase::kScoringAfter}) {
    for (SessionStatus status : {SessionStatus::kRunning, SessionStatus::kPaused}) {
      EXPECT_EQ(xdd::gui::beta_change(snapshot(status, phase), 10.0), BetaChange::kRestartNow)
          << xdd::phase_name(phase);
    }
  }
}

TEST(BetaChange, WaitsWhileTheGanIsPreTrained) {
  for (std::optional<Phase> phase : {std::optional<Phase>(), std::optional<Phase>(Phase::kLoading),
                                     std::optional<Phase>(Phase::kPretraining)}) {
    const xdd::Snapshot s = snapshot(SessionStatus::kRunning, phase);
    EXPECT_EQ(xdd::gui::beta_change(s, 10.0), BetaChange::kRestartWhenGanReady);
    EXPECT_FALSE(xdd::gui::waiting_restart_due(s, 10.0));
    EXPECT_FALSE(xdd::gui::waiting_restart_cancelled(s));
  }
  // Pre-training finished: the waiting restart is due, unless the run already uses that beta.
  const xdd::Snapshot scoring = snapshot(SessionStatus::kRunning, Phase::kScoringBefore, 1.0);
  EXPECT_TRUE(xdd::gui::waiting_restart_due(scoring, 10.0));
  EXPECT_FALSE(xdd::gui::waiting_restart_due(scoring, 1.0));
  // The run ended (stopped, failed) while it waited: the wait is cancelled, nothing starts.
  const xdd::Snapshot stopped = snapshot(SessionStatus::kStopped, Phase::kPretraining);
  EXPECT_TRUE(xdd::gui::waiting_restart_cancelled(stopped));
  EXPECT_FALSE(xdd::gui::waiting_restart_due(stopped, 10.0));
  EXPECT_FALSE(xdd::gui::waiting_restart_due(snapshot(SessionStatus::kDone, Phase::kDone), 10.0));
}
