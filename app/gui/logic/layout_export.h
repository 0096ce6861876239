#pragma once
// The Embedding panel's data exports, from the immutable pieces it draws (so they can be written
// on a worker while the panel moves on): the layout as shown, and the scores before and after
// re-training in the pipeline's scores.csv form.
#include <cstdint>
#include <string>
#include <vector>

#include "session/live_tsne.h"
#include "session/snapshot.h"
#include "store/run_artifacts.h"

namespace xdd::gui {

// The digit of labeled example `i`: the examples come ordered by digit, `per_class` of each known
// digit (data/split.h draw_labeled). -1 when the count does not fit that order.
int labeled_digit(std::int64_t i, std::int64_t labeled_count, int holdout, int per_class);

// kind,index,x,y,digit,score: the test points, then the labeled examples (no score). `xy` is the
// layout's positions as shown (interleaved, test points first); InvalidArgument if it is shorter
// than the layout.
std::string layout_csv(const TsneLayout& layout, const std::vector<float>& xy, int holdout,
                       int per_class);

// index,label,score_before,score_after from the frames scored after pre-training and after
// re-training. InvalidArgument when they are not those stages or their images differ.
store::RunScores scores_of(const EmbeddingFrame& before, const EmbeddingFrame& after);

}  // namespace xdd::gui
