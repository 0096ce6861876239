#pragma once
// XDD's loss options for one combination of its settings, named as in configs and on the command
// line (estimator, pairs, relevance, scale): the suites that run a check over every combination.
#include <cstdint>

#include "config/run_settings.h"
#include "losses/loss_options.h"

namespace xdd::test {

inline LossOptions xdd_settings(const char* estimator, const char* pairs, const char* relevance,
                                const char* scale, int num_classes, int64_t dim) {
  LossOptions o;
  o.estimator = parse_setting<Estimator>("estimator", estimator);
  o.pairs = parse_setting<Pairs>("pairs", pairs);
  o.relevance = parse_setting<Relevance>("relevance", relevance);
  o.scale = parse_setting<Scale>("scale", scale);
  o.num_classes = num_classes;
  o.dim = dim;
  return o;
}

}  // namespace xdd::test
