#pragma once
// The user's choice of re-training loss and its settings (SPEC sections 4-5). make_loss validates
// it.
#include <cstdint>
#include <string>
#include <vector>

#include "config/run_settings.h"

namespace xdd {

struct LossOptions {
  std::string method = "xdd";  // xdd, softmax, mcdd, isomax, isomax_plus, snn, svdd, bn_only
  double beta = 1.0;           // XDD: L = C - beta * R, beta >= 0 and finite
  // XDD's estimators (config/run_settings.h says what each choice is).
  Estimator estimator = Estimator::kPaper;
  Pairs pairs = Pairs::kInter;
  Relevance relevance = Relevance::kBatch;
  Scale scale = Scale::kNormalized;
  int num_classes = 9;  // K, the known classes; labels are 0..K-1
  int64_t dim = 3136;   // width of the embedding z = f(x)
};

// The methods make_loss builds: xdd, softmax, mcdd, isomax, isomax_plus, snn, svdd, and the control
// bn_only. Declared here, without LibTorch, for the config and the command line.
std::vector<std::string> loss_method_names();

}  // namespace xdd
