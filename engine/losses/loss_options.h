#pragma once
// The user's choice of re-training loss and its settings (SPEC sections 4-5). make_loss validates
// it.
#include <cstdint>
#include <string>

namespace xdd {

struct LossOptions {
  std::string method = "xdd";       // xdd, softmax, mcdd, isomax, isomax_plus, snn, svdd
  double beta = 1.0;                // XDD: L = C - beta * R, beta >= 0 and finite
  std::string estimator = "paper";  // XDD compression: paper (eq. 8) | kde (mixture entropy)
  std::string pairs = "all";        // XDD paper estimator: all pairs | inter (y_i != y_j only)
  std::string relevance = "batch";  // XDD class model: batch (from the labeled batch) | learned
  int num_classes = 9;              // K, the known classes; labels are 0..K-1
  int64_t dim = 3136;               // width of the embedding z = f(x)
};

}  // namespace xdd
