#pragma once
// Deep copies of what a training step changes, taken before the step so that a step which meets a
// NaN or Inf can be undone exactly: a module's parameters and buffers (BatchNorm statistics move
// in every forward pass in training mode) and an Adam optimizer's moments.
#include <torch/optim/adam.h>
#include <torch/torch.h>

#include <map>
#include <string>
#include <vector>

namespace xdd {

class ModuleState {
 public:
  void capture(const torch::nn::Module& module);  // parameters and buffers
  // Buffers only: enough for a module whose parameters the failed step never reached (they change
  // only in the optimizer step, which comes after every check).
  void capture_buffers(const torch::nn::Module& module);
  // Copies the captured values back into the module's own tensors (same shapes: the same module).
  void restore(torch::nn::Module& module) const;

 private:
  std::vector<torch::Tensor> parameters_;
  std::vector<torch::Tensor> buffers_;
};

class AdamState {
 public:
  void capture(torch::optim::Adam& optimizer);
  // Puts the captured moments back and forgets state that appeared after the capture.
  void restore(torch::optim::Adam& optimizer) const;

 private:
  struct Moments {
    int64_t step = 0;
    torch::Tensor exp_avg, exp_avg_sq, max_exp_avg_sq;
  };
  std::map<std::string, Moments> moments_;
};

// True when every element of every defined gradient among `parameters` is finite.
bool gradients_finite(const std::vector<torch::Tensor>& parameters);

}  // namespace xdd
