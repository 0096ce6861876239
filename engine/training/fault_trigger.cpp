#include "training/fault_trigger.h"

namespace xdd {

bool FaultTrigger::fire(const char* phase, int64_t step, const char* target) {
  if (fired_ || !fault_.armed() || fault_.phase != phase || fault_.step != step ||
      fault_.target != target) {
    return false;
  }
  fired_ = true;
  return true;
}

torch::Tensor FaultTrigger::poisoned(const torch::Tensor& loss) const {
  return loss * 0 + fault_.value;
}

void FaultTrigger::poison_first_gradient(const std::vector<torch::Tensor>& parameters) const {
  for (const auto& p : parameters) {
    if (!p.grad().defined() || p.grad().numel() == 0) continue;
    torch::NoGradGuard no_grad;
    p.mutable_grad().view(-1)[0] = fault_.value;
    return;
  }
}

}  // namespace xdd
