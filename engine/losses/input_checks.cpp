#include "losses/input_checks.h"

#include <sstream>

#include "core/error.h"

namespace xdd {

void check_embeddings(const torch::Tensor& z, const std::string& who, int64_t min_rows) {
  if (!z.defined() || z.dim() != 2 || !z.is_floating_point()) {
    throw InvalidArgument(who + ": embeddings must be a floating [N,d] tensor");
  }
  if (z.size(0) < min_rows || z.size(1) < 1) {
    std::ostringstream msg;
    msg << who << ": needs at least " << min_rows << " embeddings of width >= 1, got [" << z.size(0)
        << "," << z.size(1) << "]";
    throw InvalidArgument(msg.str());
  }
}

void check_labeled_batch(const torch::Tensor& z, const torch::Tensor& y, int64_t num_classes,
                         const std::string& who, int64_t min_rows) {
  check_embeddings(z, who, min_rows);
  if (!y.defined() || y.dim() != 1 || y.scalar_type() != torch::kLong || y.size(0) != z.size(0)) {
    throw InvalidArgument(who + ": labels must be an int64 [N] tensor with N = " +
                          std::to_string(z.size(0)) + " (one per embedding)");
  }
  const int64_t lo = y.min().item<int64_t>();
  const int64_t hi = y.max().item<int64_t>();
  if (lo < 0 || hi >= num_classes) {
    throw InvalidArgument(who + ": labels must lie in 0.." + std::to_string(num_classes - 1) +
                          ", got " + std::to_string(lo < 0 ? lo : hi));
  }
}

void check_width(const torch::Tensor& z, int64_t dim, const std::string& who) {
  if (z.size(1) != dim) {
    throw InvalidArgument(who + ": embeddings have width " + std::to_string(z.size(1)) +
                          " but the loss was built for dim = " + std::to_string(dim));
  }
}

}  // namespace xdd
