#pragma once
// Builds the re-training loss the user chose. LossOptions lives in losses/loss_options.h.
#include <memory>
#include <string>
#include <vector>

#include "losses/embedding_loss.h"
#include "losses/loss_options.h"

namespace xdd {

// InvalidArgument naming the bad field and its valid values: method (loss_method_names()), beta
// (finite, >= 0), estimator (paper|kde), pairs (inter|all), relevance (batch|in_sample|learned),
// scale (normalized|detached), num_classes
// (>= 2; >= 1 for svdd), dim (>= 1). Every field is checked whatever the method.
std::shared_ptr<EmbeddingLoss> make_loss(const LossOptions& o);

}  // namespace xdd
