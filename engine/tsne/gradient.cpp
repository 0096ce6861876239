#include "tsne/gradient.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"
#include "tsne/simd_kernels.h"

namespace xdd::tsne {

void BarnesHutGradient::InteractionList::reserve(size_t n) {
  if (x.size() < n) {
    x.resize(n);
    y.resize(n);
    m.resize(n);
  }
}

// Groups are the largest cells with at most kGroupSize points (or leaves), in depth-first order.
void BarnesHutGradient::find_groups() {
  groups_.clear();
  const std::vector<QuadNode>& nodes = tree_.nodes();
  const auto n_nodes = static_cast<std::int32_t>(nodes.size());
  for (std::int32_t i = 0; i < n_nodes;) {
    if (nodes[i].count <= kGroupSize || nodes[i].next == i + 1) {
      groups_.push_back(i);
      i = nodes[i].next;
    } else {
      ++i;
    }
  }
}

// Walks the tree once for all points of the group: a cell is summarised by its centre of mass
// when its side is below theta times its distance to the group's bounding box (hence below theta
// times its distance to every point of the group: at least as accurate as per-point Barnes-Hut)
// and it holds none of the group's points; leaves that fail the test contribute each point. The
// group's own points are in the list too; each meets itself once (w = 1, no force), which is
// taken out of z afterwards.
void BarnesHutGradient::repel_group(std::int32_t group, float theta_sq, InteractionList& list) {
  const QuadNode* nodes = tree_.nodes().data();
  const auto n_nodes = static_cast<std::int32_t>(tree_.nodes().size());
  const float* xs = tree_.sorted_x().data();
  const float* ys = tree_.sorted_y().data();
  const std::int32_t first = nodes[group].begin;
  const std::int32_t last = first + nodes[group].count;
  float x0 = xs[first], x1 = xs[first], y0 = ys[first], y1 = ys[first];
  for (std::int32_t s = first + 1; s < last; ++s) {
    x0 = std::min(x0, xs[s]);
    x1 = std::max(x1, xs[s]);
    y0 = std::min(y0, ys[s]);
    y1 = std::max(y1, ys[s]);
  }
  // Local pointers and count: the loop below must not touch memory another thread writes.
  float* lx = list.x.data();
  float* ly = list.y.data();
  float* lm = list.m.data();
  int size = 0;
  const auto push = [&](float px, float py, float mass) {
    lx[size] = px;
    ly[size] = py;
    lm[size] = mass;
    ++size;
  };
  for (std::int32_t i = 0; i < n_nodes;) {
    const QuadNode& node = nodes[i];
    const bool overlaps = node.begin < last && first < node.begin + node.count;
    if (!overlaps) {
      const float dx = std::max(std::max(x0 - node.com_x, node.com_x - x1), 0.0f);
      const float dy = std::max(std::max(y0 - node.com_y, node.com_y - y1), 0.0f);
      if (node.width_sq < theta_sq * (dx * dx + dy * dy)) {
        push(node.com_x, node.com_y, static_cast<float>(node.count));
        i = node.next;
        continue;
      }
    }
    if (node.next == i + 1) {  // a leaf: its points one by one
      for (std::int32_t t = node.begin; t < node.begin + node.count; ++t) push(xs[t], ys[t], 1.0f);
    }
    ++i;  // into the first child, or past the leaf
  }
  repulsion_kernel(xs + first, ys + first, last - first, lx, ly, lm, size, rep_x_.data() + first,
                   rep_y_.data() + first, rep_z_.data() + first);
  for (std::int32_t s = first; s < last; ++s) rep_z_[s] -= 1.0f;
}

double BarnesHutGradient::compute(const std::vector<float>& layout, const Affinities& P,
                                  double exaggeration, double theta, WorkerPool& pool, bool want_kl,
                                  std::vector<float>& grad) {
  const std::int64_t n = P.size();
  if (static_cast<std::int64_t>(layout.size()) != 2 * n) {
    throw InvalidArgument("layout has " + std::to_string(layout.size() / 2) +
                          " points but the affinities have " + std::to_string(n));
  }
  if (n >= (std::int64_t{1} << 30)) throw InvalidArgument("t-SNE supports fewer than 2^30 points");
  const int threads = pool.threads();
  grad.resize(static_cast<size_t>(2 * n));
  rep_x_.assign(static_cast<size_t>(n), 0.0f);
  rep_y_.assign(static_cast<size_t>(n), 0.0f);
  rep_z_.assign(static_cast<size_t>(n), 0.0f);
  p_log_q_.assign(want_kl ? static_cast<size_t>(n) : 0, 0.0f);
  if (static_cast<int>(lists_.size()) < threads) lists_.resize(static_cast<size_t>(threads));
  const float theta_sq = static_cast<float>(theta * theta);
  const std::int64_t* row_ptr = P.row_ptr().data();
  const std::int32_t* cols = P.col_index().data();
  const float* vals = P.values().data();
  const float* y = layout.data();
  const auto exag = static_cast<float>(exaggeration);

  // One thread builds the tree while the others start on the attraction, which does not need it.
  // Attraction over the rows of P is written straight into grad (repulsion is subtracted below),
  // with sum_j p_ij log(1 + d_ij^2) per row when the KL divergence is wanted.
  pool.run(
      n, 256,
      [&](std::int64_t begin, std::int64_t end, int) {
        for (std::int64_t i = begin; i < end; ++i) {
          float ax = 0.0f, ay = 0.0f, p_log_q = 0.0f;
          attraction_row(y[2 * i], y[2 * i + 1], cols + row_ptr[i], vals + row_ptr[i],
                         row_ptr[i + 1] - row_ptr[i], y, &ax, &ay, want_kl ? &p_log_q : nullptr);
          grad[2 * i] = exag * ax;
          grad[2 * i + 1] = exag * ay;
          if (want_kl) p_log_q_[i] = p_log_q;
        }
      },
      [&] {
        tree_.build(y, n);
        find_groups();
      });
  // Repulsion, group by group in Morton order.
  pool.run(static_cast<std::int64_t>(groups_.size()), 1,
           [&](std::int64_t begin, std::int64_t end, int thread) {
             InteractionList& list = lists_[static_cast<size_t>(thread)];
             list.reserve(static_cast<size_t>(n));
             for (std::int64_t g = begin; g < end; ++g) repel_group(groups_[g], theta_sq, list);
           });
  // Z in a fixed order (sorted positions), in double: deterministic for any thread count.
  double z = 0.0;
  for (std::int64_t s = 0; s < n; ++s) z += rep_z_[s];
  last_z_ = z;
  const auto inv_z = static_cast<float>(1.0 / std::max(z, std::numeric_limits<double>::min()));
  const std::int32_t* order = tree_.order().data();
  for (std::int64_t s = 0; s < n; ++s) {
    const std::int32_t i = order[s];
    grad[2 * i] -= rep_x_[s] * inv_z;
    grad[2 * i + 1] -= rep_y_[s] * inv_z;
  }
  if (!want_kl) return std::numeric_limits<double>::quiet_NaN();
  double p_log_q = 0.0;
  for (float v : p_log_q_) p_log_q += v;
  // KL = sum p log p - sum p log (w / Z) with sum p = 1 and log w = -log(1 + d^2).
  return P.neg_entropy() + p_log_q + std::log(z);
}

double exact_gradient(const std::vector<float>& layout, const Affinities& P, double exaggeration,
                      std::vector<double>& grad) {
  const std::int64_t n = P.size();
  if (static_cast<std::int64_t>(layout.size()) != 2 * n) {
    throw InvalidArgument("layout and affinities disagree on the number of points");
  }
  grad.assign(static_cast<size_t>(2 * n), 0.0);
  double z = 0.0;
  std::vector<double> rep(static_cast<size_t>(2 * n), 0.0);
  for (std::int64_t i = 0; i < n; ++i) {
    for (std::int64_t j = 0; j < n; ++j) {
      if (j == i) continue;
      const double dx = double{layout[2 * i]} - layout[2 * j];
      const double dy = double{layout[2 * i + 1]} - layout[2 * j + 1];
      const double w = 1.0 / (1.0 + dx * dx + dy * dy);
      z += w;
      rep[2 * i] += w * w * dx;
      rep[2 * i + 1] += w * w * dy;
    }
  }
  double p_log_w = 0.0;
  for (std::int64_t i = 0; i < n; ++i) {
    for (std::int64_t e = P.row_ptr()[i]; e < P.row_ptr()[i + 1]; ++e) {
      const std::int32_t j = P.col_index()[e];
      const double p = P.values()[e];
      const double dx = double{layout[2 * i]} - layout[2 * j];
      const double dy = double{layout[2 * i + 1]} - layout[2 * j + 1];
      const double w = 1.0 / (1.0 + dx * dx + dy * dy);
      grad[2 * i] += exaggeration * p * w * dx;
      grad[2 * i + 1] += exaggeration * p * w * dy;
      p_log_w += p * std::log(w);
    }
  }
  for (std::int64_t k = 0; k < 2 * n; ++k) grad[k] -= rep[k] / z;
  return P.neg_entropy() - p_log_w + std::log(z);
}

}  // namespace xdd::tsne
