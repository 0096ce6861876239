#pragma once
// The app's rule for a change of beta (the Controller applies it): a beta change re-trains from
// the pre-trained GAN. While the GAN is still loading or pre-training, stopping would throw that
// work away, so the restart waits until the GAN is ready; without a run in progress, or when the
// run already uses that beta, only the settings change.
#include "session/snapshot.h"

namespace xdd::gui {

enum class BetaChange {
  kSettingsOnly,         // no run in progress, or it already uses this beta
  kRestartNow,           // the GAN is ready: re-train with the new beta at once
  kRestartWhenGanReady,  // pre-training (or loading): restart once it has finished
};

// What an edit of beta to `beta` does to the session whose newest snapshot is `s`.
BetaChange beta_change(const Snapshot& s, double beta);

// For a restart that waits (kRestartWhenGanReady), once a frame: whether it is due now (the run
// reached a phase with the GAN ready and does not already use `beta`). A run that ended
// meanwhile cancels the wait: see restart_cancelled.
bool waiting_restart_due(const Snapshot& s, double beta);
bool waiting_restart_cancelled(const Snapshot& s);

bool run_in_progress(const Snapshot& s);  // running or paused

}  // namespace xdd::gui
