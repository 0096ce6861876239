#pragma once
// The user's choice of re-training loss and its settings (SPEC sections 4-5). make_loss validates
// it.
#include <cstdint>
#include <string>
#include <vector>

namespace xdd {

struct LossOptions {
  std::string method = "xdd";       // xdd, softmax, mcdd, isomax, isomax_plus, snn, svdd, bn_only
  double beta = 1.0;                // XDD: L = C - beta * R, beta >= 0 and finite
  std::string estimator = "paper";  // XDD compression: paper (eq. 8) | kde (mixture entropy)
  std::string pairs = "inter";      // XDD paper estimator: inter (y_i != y_j only) | all pairs
  // XDD class model: batch (fitted on the batch, each point left out of its own class) | in_sample
  // (the first version, saturated; comparison only) | learned (initialised as Deep MCDD's)
  std::string relevance = "batch";
  // XDD scale fix: normalized (terms on the scale-normalised embedding, degree 0 in z) | detached
  // (the first version: detached median pairwise squared distance)
  std::string scale = "normalized";
  int num_classes = 9;  // K, the known classes; labels are 0..K-1
  int64_t dim = 3136;   // width of the embedding z = f(x)
};

// The methods make_loss builds: xdd, softmax, mcdd, isomax, isomax_plus, snn, svdd, and the control
// bn_only. Declared here, without LibTorch, for the config and the command line.
std::vector<std::string> loss_method_names();

}  // namespace xdd
