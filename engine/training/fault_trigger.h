#pragma once
// Fires a FaultInjection (config/fault_injection.h) inside a trainer's step, at most once.
#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "config/fault_injection.h"

namespace xdd {

class FaultTrigger {
 public:
  FaultTrigger() = default;
  explicit FaultTrigger(FaultInjection fault) : fault_(std::move(fault)) {}

  // True (once) when the fault is for `phase`, `step` and `target`.
  bool fire(const char* phase, int64_t step, const char* target);

  // The two targets: a loss tensor turned into the fault's value (the graph is kept), and the
  // first element of the first defined gradient among `parameters` set to it.
  torch::Tensor poisoned(const torch::Tensor& loss) const;
  void poison_first_gradient(const std::vector<torch::Tensor>& parameters) const;

 private:
  FaultInjection fault_;
  bool fired_ = false;
};

}  // namespace xdd
