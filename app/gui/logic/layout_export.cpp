#include "logic/layout_export.h"

#include <sstream>

#include "core/error.h"

namespace xdd::gui {

int labeled_digit(std::int64_t i, std::int64_t labeled_count, int holdout, int per_class) {
  if (per_class < 1 || labeled_count != 9 * per_class || i < 0 || i >= labeled_count) return -1;
  const int known = static_cast<int>(i / per_class);  // 0..8 among the known digits
  return known < holdout ? known : known + 1;
}

std::string layout_csv(const TsneLayout& layout, const std::vector<float>& xy, int holdout,
                       int per_class) {
  const std::int64_t n = layout.test_count + layout.labeled_count;
  if (static_cast<std::int64_t>(xy.size()) < 2 * n || !layout.frame) {
    throw InvalidArgument("the layout has " + std::to_string(n) + " points but " +
                          std::to_string(xy.size() / 2) + " positions");
  }
  const EmbeddingFrame& frame = *layout.frame;
  std::ostringstream out;
  out << "kind,index,x,y,digit,score\n";
  for (std::int64_t i = 0; i < layout.test_count; ++i) {
    const bool known = i < static_cast<std::int64_t>(frame.labels.size());
    const int digit = known && frame.labels[i] <= 9 ? frame.labels[i] : -1;
    out << "test," << i << ',' << xy[2 * i] << ',' << xy[2 * i + 1] << ',' << digit << ',';
    if (i < static_cast<std::int64_t>(frame.scores.size())) out << frame.scores[i];
    out << '\n';
  }
  for (std::int64_t j = 0; j < layout.labeled_count; ++j) {
    const std::int64_t k = layout.test_count + j;
    out << "labeled," << j << ',' << xy[2 * k] << ',' << xy[2 * k + 1] << ','
        << labeled_digit(j, layout.labeled_count, holdout, per_class) << ",\n";
  }
  return out.str();
}

store::RunScores scores_of(const EmbeddingFrame& before, const EmbeddingFrame& after) {
  if (before.stage != EmbeddingStage::kBefore || after.stage != EmbeddingStage::kAfter) {
    throw InvalidArgument("scores before and after re-training need a finished run (have " +
                          std::string(stage_name(before.stage)) + " and " +
                          stage_name(after.stage) + ")");
  }
  if (before.labels != after.labels || before.scores.size() != before.labels.size() ||
      after.scores.size() != after.labels.size()) {
    throw InvalidArgument("the embeddings before and after re-training are of different images");
  }
  store::RunScores s;
  for (size_t i = 0; i < before.labels.size(); ++i) {
    s.index.push_back(static_cast<long long>(i));
    s.label.push_back(before.labels[i]);
    s.before.push_back(before.scores[i]);
    s.after.push_back(after.scores[i]);
  }
  return s;
}

}  // namespace xdd::gui
