#include "store/run_artifacts.h"

#include "store/csv_table.h"

namespace xdd::store {

RunScores read_scores(const std::filesystem::path& scores_csv) {
  const CsvTable t = CsvTable::read(scores_csv);
  const int index = t.require("index"), label = t.require("label");
  const int before = t.require("score_before"), after = t.require("score_after");
  RunScores s;
  for (size_t r = 0; r < t.rows(); ++r) {
    s.index.push_back(t.integer(r, index));
    s.label.push_back(static_cast<int>(t.integer(r, label)));
    s.before.push_back(t.number(r, before));
    s.after.push_back(t.number(r, after));
  }
  return s;
}

Layout read_layout(const std::filesystem::path& layout_csv, const std::vector<int>& labels) {
  const CsvTable t = CsvTable::read(layout_csv);
  const int x = t.require("x"), y = t.require("y");
  const int label = t.find("label"), labeled = t.find("labeled");
  Layout l;
  for (size_t r = 0; r < t.rows(); ++r) {
    l.x.push_back(t.number(r, x));
    l.y.push_back(t.number(r, y));
    if (label >= 0) {
      l.label.push_back(static_cast<int>(t.integer(r, label)));
    } else {
      l.label.push_back(r < labels.size() ? labels[r] : -1);
    }
    l.labeled.push_back(labeled >= 0 && t.integer(r, labeled) != 0);
  }
  return l;
}

}  // namespace xdd::store
