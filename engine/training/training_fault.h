#pragma once
// A training step that met a non-finite value (NaN or Inf) in a loss term or a gradient. The step
// was not applied: the trainer has put back the weights, BatchNorm statistics and optimizer state
// of the last good step, so its owner may pause and retry, or stop and keep what it has.
#include <cmath>
#include <cstdint>
#include <string>

#include "core/error.h"

namespace xdd {

class TrainingFault : public TrainingError {
 public:
  // `phase` is "pre-training" or "re-training"; `step` the 1-based step that failed; `what_failed`
  // names the value, e.g. "the loss term 'compression' is NaN".
  TrainingFault(std::string phase, int64_t step, const std::string& what_failed)
      : TrainingError(phase + " step " + std::to_string(step) + ": " + what_failed +
                      "; the step was not applied and the weights of step " +
                      std::to_string(step - 1) + " were restored"),
        phase_(std::move(phase)),
        step_(step) {}

  const std::string& phase() const { return phase_; }
  int64_t step() const { return step_; }

 private:
  std::string phase_;
  int64_t step_;
};

// "NaN" or "infinite" (for messages).
inline const char* non_finite_name(double value) {
  return std::isnan(value) ? "NaN" : "infinite";
}

}  // namespace xdd
