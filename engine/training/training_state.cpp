#include "training/training_state.h"

namespace xdd {
namespace {

std::vector<torch::Tensor> deep_copies(const std::vector<torch::Tensor>& tensors) {
  std::vector<torch::Tensor> out;
  out.reserve(tensors.size());
  for (const auto& t : tensors) out.push_back(t.detach().clone());
  return out;
}

// An empty `saved` (not captured) leaves `live` as it is.
void copy_back(const std::vector<torch::Tensor>& saved, std::vector<torch::Tensor> live) {
  torch::NoGradGuard no_grad;
  for (size_t i = 0; i < saved.size() && i < live.size(); ++i) live[i].copy_(saved[i]);
}

torch::Tensor clone_if_defined(const torch::Tensor& t) {
  return t.defined() ? t.detach().clone() : t;
}

}  // namespace

void ModuleState::capture(const torch::nn::Module& module) {
  parameters_ = deep_copies(module.parameters());
  buffers_ = deep_copies(module.buffers());
}

void ModuleState::capture_buffers(const torch::nn::Module& module) {
  parameters_.clear();
  buffers_ = deep_copies(module.buffers());
}

void ModuleState::restore(torch::nn::Module& module) const {
  copy_back(parameters_, module.parameters());
  copy_back(buffers_, module.buffers());
}

void AdamState::capture(torch::optim::Adam& optimizer) {
  moments_.clear();
  for (const auto& [key, base] : optimizer.state()) {
    const auto& s = static_cast<const torch::optim::AdamParamState&>(*base);
    moments_[key] = {s.step(), clone_if_defined(s.exp_avg()), clone_if_defined(s.exp_avg_sq()),
                     clone_if_defined(s.max_exp_avg_sq())};
  }
}

void AdamState::restore(torch::optim::Adam& optimizer) const {
  auto& state = optimizer.state();
  for (auto it = state.begin(); it != state.end();) {
    it = moments_.count(it->first) ? std::next(it) : state.erase(it);
  }
  for (const auto& [key, m] : moments_) {
    // Fresh tensors (clones of the capture), so the capture survives a second restore.
    auto s = std::make_unique<torch::optim::AdamParamState>();
    s->step(m.step);
    s->exp_avg(clone_if_defined(m.exp_avg));
    s->exp_avg_sq(clone_if_defined(m.exp_avg_sq));
    if (m.max_exp_avg_sq.defined()) s->max_exp_avg_sq(m.max_exp_avg_sq.clone());
    state[key] = std::move(s);
  }
}

bool gradients_finite(const std::vector<torch::Tensor>& parameters) {
  for (const auto& p : parameters) {
    if (p.grad().defined() && !torch::isfinite(p.grad()).all().item<bool>()) return false;
  }
  return true;
}

}  // namespace xdd
