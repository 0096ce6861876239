#pragma once
// The user's choice of re-training loss and its settings (SPEC sections 4-5). make_loss validates
// it.
#include <cstdint>
#include <string>
#include <vector>

#include "config/run_settings.h"

namespace xdd {

struct LossOptions {
  Method method = Method::kXdd;
  double beta = 1.0;  // XDD: L = C - beta * R, beta >= 0 and finite
  // XDD's estimators (config/run_settings.h says what each choice is).
  Estimator estimator = Estimator::kPaper;
  Pairs pairs = Pairs::kInter;
  Relevance relevance = Relevance::kBatch;
  Scale scale = Scale::kNormalized;
  int num_classes = 9;  // K, the known classes; labels are 0..K-1
  int64_t dim = 3136;   // width of the embedding z = f(x)
};

}  // namespace xdd
