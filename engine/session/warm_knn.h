#pragma once
// The neighbour search of a live t-SNE update, started from the last one. Between two frames of a
// training run the embeddings move a little, and most of each point's neighbours stay its
// neighbours; the new ones are usually neighbours of its neighbours. So instead of a fresh FLANN
// search (the most expensive step of a live update: seconds for 10,000 points on one core), the
// candidates of point i are its previous neighbours and the previous neighbours of its `hops`
// nearest previous neighbours (one round of NN-descent, Dong, Moses and Li 2011), measured exactly
// at the new positions; the k nearest are kept. LiveTsne still runs a full search now and then so
// that errors cannot pile up.
#include "tsne/knn.h"
#include "tsne/point_matrix.h"

namespace xdd {

// `previous` must come from the same number of points (InvalidArgument otherwise); the result has
// its k. hops in 0..previous.k. Deterministic for any thread count (threads >= 1).
KnnGraph refine_neighbors(const PointMatrix& points, const KnnGraph& previous, int hops,
                          int threads);

}  // namespace xdd
