#pragma once
// The protocol's subsets of a dataset (SPEC section 2): the pre-training set without the held-out
// class, and the seeded draw of labeled examples of the known classes.
#include <cstdint>

#include "data/dataset.h"

namespace xdd {

// Every example whose label is not `holdout` (0..9), in the original order.
Dataset exclude_class(const Dataset& d, int holdout);

// per_class examples of each class other than `holdout`, ordered by class, then by draw. The draw
// of class c depends only on (seed, c) and the dataset, never on the holdout, the platform, the
// standard library or the thread count: a std::mt19937_64 per class drives a Fisher-Yates shuffle
// with our own unbiased bounded integers. InvalidArgument when holdout is outside 0..9, per_class
// < 1, or a class has fewer than per_class examples.
Dataset draw_labeled(const Dataset& train, int holdout, int per_class, uint64_t seed);

// The first n examples (all of them when n > size), as views sharing the tensors of d.
// InvalidArgument when n < 0.
Dataset head(const Dataset& d, int64_t n);

// The examples at `indices` (1-D integer tensor, any order, repeats allowed), copied.
// InvalidArgument for another shape or type, or an index outside 0..size-1.
Dataset subset(const Dataset& d, const torch::Tensor& indices);

}  // namespace xdd
