#include "tsne/quadtree.h"

#include <algorithm>
#include <cmath>

namespace xdd::tsne {
namespace {

constexpr int kLevels = 16;  // bits per axis in a Morton code

// Spreads the 16 low bits of v to the even bit positions.
std::uint32_t spread_bits(std::uint32_t v) {
  v &= 0x0000ffffu;
  v = (v | (v << 8)) & 0x00ff00ffu;
  v = (v | (v << 4)) & 0x0f0f0f0fu;
  v = (v | (v << 2)) & 0x33333333u;
  v = (v | (v << 1)) & 0x55555555u;
  return v;
}

}  // namespace

void QuadTree::build(const float* layout, std::int64_t n) {
  nodes_.clear();
  if (n <= 0) return;
  float min_x = layout[0], max_x = layout[0], min_y = layout[1], max_y = layout[1];
  for (std::int64_t i = 1; i < n; ++i) {
    min_x = std::min(min_x, layout[2 * i]);
    max_x = std::max(max_x, layout[2 * i]);
    min_y = std::min(min_y, layout[2 * i + 1]);
    max_y = std::max(max_y, layout[2 * i + 1]);
  }
  // A square root cell (cells stay square, so "side" is well defined); slightly enlarged so that
  // the largest coordinate still quantises inside it.
  float side = std::max(max_x - min_x, max_y - min_y);
  side = side > 0.0f ? side * (1.0f + 1e-5f) : 1e-20f;
  const double scale = 65536.0 / side;
  codes_.resize(static_cast<size_t>(n));
  order_.resize(static_cast<size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    const auto qx = static_cast<std::uint32_t>(
        std::min(65535.0, std::max(0.0, (layout[2 * i] - min_x) * scale)));
    const auto qy = static_cast<std::uint32_t>(
        std::min(65535.0, std::max(0.0, (layout[2 * i + 1] - min_y) * scale)));
    codes_[i] = (spread_bits(qy) << 1) | spread_bits(qx);
    order_[i] = static_cast<std::int32_t>(i);
  }
  sort_by_code(n);
  sorted_x_.resize(static_cast<size_t>(n));
  sorted_y_.resize(static_cast<size_t>(n));
  for (std::int64_t s = 0; s < n; ++s) {
    sorted_x_[s] = layout[2 * order_[s]];
    sorted_y_[s] = layout[2 * order_[s] + 1];
  }
  double sum_x = 0.0, sum_y = 0.0;
  build_node(0, static_cast<std::int32_t>(n), 0, side, &sum_x, &sum_y);
}

// Stable LSD radix sort of (code, index) by code, 8 bits a pass; passes where every code has the
// same byte are skipped. Ties keep index order, so the result is fully determined by the layout.
void QuadTree::sort_by_code(std::int64_t n) {
  codes_tmp_.resize(static_cast<size_t>(n));
  order_tmp_.resize(static_cast<size_t>(n));
  for (int shift = 0; shift < 32; shift += 8) {
    std::int64_t bucket[257] = {0};
    for (std::int64_t i = 0; i < n; ++i) ++bucket[((codes_[i] >> shift) & 0xffu) + 1];
    bool one_bucket = false;
    for (int b = 1; b <= 256; ++b) one_bucket = one_bucket || bucket[b] == n;
    if (one_bucket) continue;
    for (int b = 0; b < 256; ++b) bucket[b + 1] += bucket[b];
    for (std::int64_t i = 0; i < n; ++i) {
      const std::int64_t to = bucket[(codes_[i] >> shift) & 0xffu]++;
      codes_tmp_[to] = codes_[i];
      order_tmp_[to] = order_[i];
    }
    codes_.swap(codes_tmp_);
    order_.swap(order_tmp_);
  }
}

// Appends the node for sorted points [lo, hi) at `level` (cell side `width`) and its subtree in
// depth-first order; returns its index and adds the points' coordinate sums to sum_x / sum_y.
std::int32_t QuadTree::build_node(std::int32_t lo, std::int32_t hi, int level, float width,
                                  double* sum_x, double* sum_y) {
  const auto self = static_cast<std::int32_t>(nodes_.size());
  nodes_.push_back({0.0f, 0.0f, width * width, hi - lo, lo, 0});
  double sx = 0.0, sy = 0.0;
  if (hi - lo <= kLeafSize || level == kLevels) {
    for (std::int32_t s = lo; s < hi; ++s) {
      sx += sorted_x_[s];
      sy += sorted_y_[s];
    }
  } else {
    const int shift = 2 * (kLevels - 1 - level);
    std::int32_t start = lo;
    for (std::uint32_t quadrant = 0; quadrant < 4 && start < hi; ++quadrant) {
      // Codes are sorted, so each quadrant's points form a run; find where it ends.
      const auto* first = codes_.data() + start;
      const auto* last = codes_.data() + hi;
      const auto* end = std::partition_point(
          first, last, [&](std::uint32_t c) { return ((c >> shift) & 3u) <= quadrant; });
      const auto stop = static_cast<std::int32_t>(end - codes_.data());
      if (stop > start) build_node(start, stop, level + 1, 0.5f * width, &sx, &sy);
      start = stop;
    }
  }
  const double count = hi - lo;
  QuadNode& node = nodes_[self];  // re-fetched: the recursion may have grown the vector
  node.com_x = static_cast<float>(sx / count);
  node.com_y = static_cast<float>(sy / count);
  node.next = static_cast<std::int32_t>(nodes_.size());
  *sum_x += sx;
  *sum_y += sy;
  return self;
}

}  // namespace xdd::tsne
