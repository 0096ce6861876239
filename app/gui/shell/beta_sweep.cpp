#include "shell/beta_sweep.h"

namespace xdd {

void BetaSweep::set_first_beta(Controller& controller) {
  if (pending_.empty()) return;
  controller.config().beta = pending_.front();
  pending_.pop_front();
}

void BetaSweep::continue_sweep(Controller& controller) {
  const Snapshot& s = controller.snapshot();
  if (pending_.empty() || s.status != SessionStatus::kDone ||
      s.finished_runs.size() <= runs_at_last_start_) {
    return;
  }
  runs_at_last_start_ = s.finished_runs.size();
  controller.config().beta = pending_.front();
  pending_.pop_front();
  controller.run();
}

}  // namespace xdd
