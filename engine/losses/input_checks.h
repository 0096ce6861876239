#pragma once
// Shape and label checks shared by the losses, so a bad tensor from a caller becomes an
// InvalidArgument naming the loss and what is wrong instead of a LibTorch abort deep inside.
#include <torch/types.h>

#include <cstdint>
#include <string>

namespace xdd {

// z must be a defined, floating [N,d] tensor with N >= min_rows and d >= 1.
void check_embeddings(const torch::Tensor& z, const std::string& who, int64_t min_rows = 1);

// check_embeddings, plus y an int64 [N] tensor with every label in 0..num_classes-1.
void check_labeled_batch(const torch::Tensor& z, const torch::Tensor& y, int64_t num_classes,
                         const std::string& who, int64_t min_rows = 1);

// The embedding width must match the loss's parameters (LossOptions.dim).
void check_width(const torch::Tensor& z, int64_t dim, const std::string& who);

}  // namespace xdd
