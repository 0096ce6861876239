#include "logic/beta_change.h"

namespace xdd::gui {

bool run_in_progress(const Snapshot& s) {
  return s.status == SessionStatus::kRunning || s.status == SessionStatus::kPaused;
}

BetaChange beta_change(const Snapshot& s, double beta) {
  if (!run_in_progress(s) || s.config.beta == beta) return BetaChange::kSettingsOnly;
  if (!s.phase || !gan_ready_in(*s.phase)) return BetaChange::kRestartWhenGanReady;
  return BetaChange::kRestartNow;
}

bool waiting_restart_cancelled(const Snapshot& s) {
  return !run_in_progress(s);
}

bool waiting_restart_due(const Snapshot& s, double beta) {
  const bool gan_ready = s.phase && gan_ready_in(*s.phase) && *s.phase != Phase::kDone;
  return run_in_progress(s) && gan_ready && s.config.beta != beta;
}

}  // namespace xdd::gui
