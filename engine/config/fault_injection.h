#pragma once
// Deliberate training faults, for reliability tests and demos (the `inject_fault` setting):
// "retrain:5:loss:nan" makes the loss of re-training step 5 NaN, "pretrain:12:gradient:inf" puts
// an Inf into a gradient of GAN step 12 (in pre-training the fault hits the generator's half of the
// step, after the discriminator's update, so undoing it takes the whole undo). A fault fires once
// (training/fault_trigger.h): when the step is retried after the trainer restored its last good
// state, it runs clean, so a run that survives an injected fault ends exactly like one without it.
#include <cstdint>
#include <string>

namespace xdd {

struct FaultInjection {
  std::string phase;   // "pretrain" | "retrain"; empty = no fault
  int64_t step = 0;    // 1-based step the fault hits
  std::string target;  // "loss" | "gradient"
  double value = 0.0;  // NaN or +Inf

  bool armed() const { return !phase.empty(); }
};

// "" (no fault) or PHASE:STEP:TARGET:VALUE with PHASE pretrain|retrain, STEP >= 1, TARGET
// loss|gradient and VALUE nan|inf. InvalidArgument naming `key` and the format otherwise.
FaultInjection parse_fault_injection(const std::string& spec, const std::string& key);

}  // namespace xdd
