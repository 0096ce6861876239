#include "pipeline/entanglement_readout.h"

#include <torch/torch.h>

#include <algorithm>

#include "core/error.h"
#include "losses/pairwise.h"
#include "losses/snn_loss.h"

namespace xdd {

double test_entanglement(const torch::Tensor& z_test, const torch::Tensor& labels) {
  if (!z_test.defined() || z_test.dim() != 2 || !labels.defined() ||
      labels.size(0) != z_test.size(0) || z_test.size(0) < 2) {
    throw InvalidArgument("class entanglement needs [N, d] embeddings with N >= 2 and N labels");
  }
  torch::NoGradGuard no_grad;
  const int64_t stride = std::max<int64_t>(1, z_test.size(0) / kEntanglementSample);
  const torch::Tensor rows = torch::arange(0, z_test.size(0), stride, torch::kInt64);
  const torch::Tensor z = z_test.index_select(0, rows).to(torch::kDouble);
  const torch::Tensor y = labels.index_select(0, rows).to(torch::kInt64);
  return snn_entanglement(z, y, median_pair_squared_distance(z));
}

}  // namespace xdd
