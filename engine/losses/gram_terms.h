#pragma once
// XDD's batch terms as functions of the batch's Gram matrix. Every `batch`/`in_sample` estimator of
// SPEC section 4 depends on the embeddings only through distances between points and class means,
// and those are linear in the inner products G = C C^T of the centred batch C. Forming G is one
// [N,d] x [d,N] product; everything after it is [N,N] or [N,K], so the loss and each of its
// gradients cost one matrix product of the batch instead of dozens of [N,d] operations (d = 3136).
// The explicit forms (class_gaussians.h, xdd_compression.h) stay the reference: the tests hold
// these to them. Everything here is differentiable and in the dtype of the inputs (float64 in the
// loss).
#include <torch/types.h>

#include <cstdint>

namespace xdd {

struct GramBatch {
  torch::Tensor gram;     // [N,N] inner products of the centred embeddings
  torch::Tensor one_hot;  // [N,K] class membership
  torch::Tensor sizes;    // [K] n_k
  double dim = 0;         // d, the embedding's width
};

GramBatch gram_batch(const torch::Tensor& z, const torch::Tensor& y, int64_t num_classes);

// The same batch with its scale fixed (pairwise.h scale_normalized): G / s^2, s^2 = the mean
// pairwise squared distance / 2; kept as it is when every distance is 0.
GramBatch scale_normalized(const GramBatch& b);

// [N,N] squared distances, exact zero diagonal.
torch::Tensor pair_squared_distances(const GramBatch& b);

// Eq. 8 as paper_compression: -(mean over the pairs i < j, or the inter-class ones, of the squared
// distance) / (2 sigma^2).
torch::Tensor paper_compression(const GramBatch& b, bool inter_class_only, double sigma2);

// The relevance term R: the mean of log q(y_i|z_i) under the Gaussian class model, fitted
// leaving each point out of its own class (leave_one_out_log_q; points alone in their class are
// left out of the mean) or in sample (fit_class_gaussians + class_logits).
torch::Tensor leave_one_out_relevance(const GramBatch& b, const torch::Tensor& y);
torch::Tensor in_sample_relevance(const GramBatch& b, const torch::Tensor& y);

}  // namespace xdd
