#pragma once
// Kernel density scores in an embedding space (SPEC section 2, step 3): how far a test embedding
// lies from the labeled embeddings, under a Gaussian kernel of bandwidth h.
#include <torch/types.h>

namespace xdd {

// Median of ||z_i - z_j|| over all pairs i < j of the rows of z [M,d], M >= 2, computed in float64
// (for an even number of pairs, the mean of the two middle values, as numpy.median).
// InvalidArgument for another shape, M < 2 or non-finite values.
double median_pairwise_distance(const torch::Tensor& z);

// score(q) = -log( (1/M) sum_j exp(-||q - r_j||^2 / (2 h^2)) ) for every row q of query [Q,d]
// against reference [M,d]: higher = more anomalous. Computed in float64 with a log-sum-exp, in
// chunks of query rows so that memory stays at a few MB whatever Q is. Returns a CPU float64 [Q].
// InvalidArgument for bandwidth <= 0 or not finite, shapes that are not [Q,d] and [M,d] with
// M >= 1, or non-finite inputs.
torch::Tensor kde_scores(const torch::Tensor& query, const torch::Tensor& reference,
                         double bandwidth);

// The bandwidth's other limit, h -> 0 (SPEC section 2, step 3): the KDE score then ranks the test
// embeddings as the distance to the nearest labeled embedding, which is what this returns (CPU
// float64 [Q], higher = more anomalous). The same checks as kde_scores.
torch::Tensor nearest_neighbour_scores(const torch::Tensor& query, const torch::Tensor& reference);

// Both scores from one pass over the distances (what a run records for every embedding it scores):
// equal to kde_scores and nearest_neighbour_scores called apart, at half the cost.
struct TestScores {
  torch::Tensor kde;
  torch::Tensor nearest;
};
TestScores kde_and_nearest_scores(const torch::Tensor& query, const torch::Tensor& reference,
                                  double bandwidth);

}  // namespace xdd
