#pragma once
// The per-image files of a run folder, read on demand (they stay out of the database: 10,000 rows
// per run). scores.csv: index,label,score_before,score_after. layout_before.csv and
// layout_after.csv: x,y per test image in scores.csv order, optionally with a `label` column and a
// `labeled` column (1 for rows that are labeled examples rather than test images).
#include <filesystem>
#include <vector>

namespace xdd::store {

struct RunScores {
  std::vector<long long> index;
  std::vector<int> label;
  std::vector<double> before, after;
};

struct Layout {
  std::vector<double> x, y;
  std::vector<int> label;     // digit per row; -1 when neither the file nor scores.csv says
  std::vector<bool> labeled;  // true for labeled examples
};

// IoError if the file is missing; DataError naming file and row for malformed content.
RunScores read_scores(const std::filesystem::path& scores_csv);

// Labels come from the layout's `label` column if it has one, else from `labels` by row (rows
// beyond it get -1).
Layout read_layout(const std::filesystem::path& layout_csv, const std::vector<int>& labels = {});

}  // namespace xdd::store
