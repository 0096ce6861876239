#pragma once
// The t-SNE gradient dC/dy_i = 4 [ a * sum_j p_ij w_ij (y_i - y_j) - sum_j w_ij^2 (y_i - y_j) / Z
// ], w_ij = 1 / (1 + |y_i - y_j|^2), Z = sum_{k != l} w_kl, a = exaggeration. Like bhtsne and
// openTSNE the constant factor 4 is left out (it is absorbed by the learning rate, SPEC §6's
// max(N/12, 50)). Attractive part over the sparse P (CSR); repulsive part and Z together by
// Barnes-Hut over a QuadTree, one tree walk per group of nearby points (a cell of at most
// kGroupSize points): the walk builds an interaction list (summarised cells and single points)
// valid for every point of the group, and a vectorised kernel sums it. Each point's sums run in a
// fixed order, so the result does not depend on the thread count, the scheduling or the vector
// width.
#include <cstdint>
#include <vector>

#include "tsne/affinities.h"
#include "tsne/quadtree.h"
#include "tsne/worker_pool.h"

namespace xdd::tsne {

class BarnesHutGradient {
 public:
  // Largest group of points that shares one interaction list.
  static constexpr int kGroupSize = 128;

  // Writes the gradient (interleaved x, y) for `layout` (n = P.size() points) into `grad` and
  // returns KL(P || Q) (with the unexaggerated P) when want_kl, NaN otherwise. theta = 0 is exact
  // (every cell is opened down to its points).
  double compute(const std::vector<float>& layout, const Affinities& P, double exaggeration,
                 double theta, WorkerPool& pool, bool want_kl, std::vector<float>& grad);

  // Normalisation Z of the last compute() call (Barnes-Hut estimate).
  double last_z() const { return last_z_; }

 private:
  // Interaction list of one group, structure of arrays: position and mass of each entry. One
  // per thread, on its own cache lines.
  struct alignas(64) InteractionList {
    std::vector<float> x, y, m;
    void reserve(size_t n);
  };

  void find_groups();
  void repel_group(std::int32_t group, float theta_sq, InteractionList& list);

  QuadTree tree_;
  std::vector<std::int32_t> groups_;          // node index of each group
  std::vector<InteractionList> lists_;        // one per thread
  std::vector<float> rep_x_, rep_y_, rep_z_;  // per sorted position, unnormalised
  std::vector<float> p_log_q_;                // per point: sum_j p_ij log(1 + d_ij^2), for the KL
  double last_z_ = 0.0;
};

// The exact O(N^2) gradient and KL in double precision, for tests and small inputs. Returns KL.
double exact_gradient(const std::vector<float>& layout, const Affinities& P, double exaggeration,
                      std::vector<double>& grad);

}  // namespace xdd::tsne
