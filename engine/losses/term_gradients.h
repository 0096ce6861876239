#pragma once
// ||d part / d z|| for each part of a loss: the gradient each term sends into the embedding,
// through the loss's graph only (not back through f), the `grad_` columns of losses.csv (issue 16).
#include <torch/types.h>

#include <vector>

#include "losses/loss_terms.h"

namespace xdd {

// One norm per part, in order. A part that does not depend on z reads 0; "total" reads -1 (the
// caller reads it from z.grad() after its own backward pass). When terms.gram is set, a part's
// norm comes from its gradient A with respect to the Gram matrix G = C C^T of the centred batch
// C = P z (P = I - 11^T/N): d part / d z = P S C with S = A + A^T, so its squared norm is
// tr((P S)^T (P S) G), all [N,N] work; otherwise from autograd with respect to z.
std::vector<double> term_gradient_norms(const LossTerms& terms, const torch::Tensor& z);

}  // namespace xdd
