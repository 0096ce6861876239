#include "data/split.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/error.h"

namespace xdd {

namespace {

constexpr int kClasses = 10;

void check_holdout(int holdout) {
  if (holdout < 0 || holdout >= kClasses) {
    throw InvalidArgument("holdout class " + std::to_string(holdout) + " is outside 0..9");
  }
}

// The labels as a CPU int64 vector, so that class membership is read without tensor ops per item.
std::vector<int64_t> labels_of(const Dataset& d) {
  torch::Tensor l = d.labels.to(torch::kCPU, torch::kInt64).contiguous();
  return std::vector<int64_t>(l.data_ptr<int64_t>(), l.data_ptr<int64_t>() + l.numel());
}

torch::Tensor index_tensor(const std::vector<int64_t>& idx) {
  return torch::tensor(idx, torch::kInt64);
}

// splitmix64 (Steele, Lea, Flood 2014): decorrelates the per-class seeds derived from one seed.
uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Uniform in [0, n) by rejection: std::uniform_int_distribution differs between standard
// libraries, and the draw must be the same everywhere.
uint64_t uniform_below(std::mt19937_64& rng, uint64_t n) {
  const uint64_t limit = UINT64_MAX - UINT64_MAX % n;  // largest multiple of n, exclusive
  uint64_t x;
  do {
    x = rng();
  } while (x >= limit);
  return x % n;
}

}  // namespace

Dataset exclude_class(const Dataset& d, int holdout) {
  check_holdout(holdout);
  const std::vector<int64_t> labels = labels_of(d);
  std::vector<int64_t> keep;
  keep.reserve(labels.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] != holdout) keep.push_back(static_cast<int64_t>(i));
  }
  return subset(d, index_tensor(keep));
}

Dataset draw_labeled(const Dataset& train, int holdout, int per_class, uint64_t seed) {
  check_holdout(holdout);
  if (per_class < 1) {
    throw InvalidArgument("labeled examples per class must be at least 1, got " +
                          std::to_string(per_class));
  }
  std::vector<std::vector<int64_t>> by_class(kClasses);
  const std::vector<int64_t> labels = labels_of(train);
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] >= 0 && labels[i] < kClasses)
      by_class[labels[i]].push_back(static_cast<int64_t>(i));
  }
  std::vector<int64_t> chosen;
  for (int c = 0; c < kClasses; ++c) {
    if (c == holdout) continue;
    std::vector<int64_t>& pool = by_class[c];
    if (pool.size() < static_cast<size_t>(per_class)) {
      throw InvalidArgument("class " + std::to_string(c) + " has only " +
                            std::to_string(pool.size()) + " training examples, fewer than the " +
                            std::to_string(per_class) + " labeled examples per class asked for");
    }
    std::mt19937_64 rng(mix(seed ^ mix(static_cast<uint64_t>(c))));
    // Partial Fisher-Yates: the first per_class slots become a uniform draw without replacement.
    for (int k = 0; k < per_class; ++k) {
      const uint64_t j = k + uniform_below(rng, pool.size() - k);
      std::swap(pool[k], pool[j]);
      chosen.push_back(pool[k]);
    }
  }
  return subset(train, index_tensor(chosen));
}

Dataset head(const Dataset& d, int64_t n) {
  if (n < 0) throw InvalidArgument("head: n must be >= 0, got " + std::to_string(n));
  const int64_t take = std::min(n, d.size());
  return {d.images.slice(0, 0, take), d.labels.slice(0, 0, take)};
}

Dataset subset(const Dataset& d, const torch::Tensor& indices) {
  if (!indices.defined() || indices.dim() != 1 ||
      !at::isIntegralType(indices.scalar_type(), false)) {
    throw InvalidArgument("subset: indices must be a 1-D integer tensor");
  }
  torch::Tensor idx = indices.to(torch::kCPU, torch::kInt64);
  if (idx.numel() > 0) {
    const int64_t lo = idx.min().item<int64_t>();
    const int64_t hi = idx.max().item<int64_t>();
    if (lo < 0 || hi >= d.size()) {
      throw InvalidArgument("subset: index " + std::to_string(lo < 0 ? lo : hi) +
                            " is outside 0.." + std::to_string(d.size() - 1));
    }
  }
  idx = idx.to(d.labels.device());
  return {d.images.index_select(0, idx.to(d.images.device())), d.labels.index_select(0, idx)};
}

}  // namespace xdd
