#pragma once
// The Runs panel's table without the drawing: which stored runs pass the filters (held-out digit,
// method, beta, status), in which order (any column, either direction), and the text of each cell.
// The panel loads the whole list once (on a worker) and filters and sorts it here each time a
// filter or the sort changes, so clicking through the filters never waits for the database.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "store/run_record.h"

namespace xdd::gui {

enum class RunsColumn {
  kId,
  kTime,
  kHoldout,
  kMethod,
  kBeta,
  kSeed,
  kStatus,
  kAuprcBefore,
  kAuprcAfter,
  kChance,
};
inline constexpr RunsColumn kRunsColumns[] = {
    RunsColumn::kId,         RunsColumn::kTime,   RunsColumn::kHoldout, RunsColumn::kMethod,
    RunsColumn::kBeta,       RunsColumn::kSeed,   RunsColumn::kStatus,  RunsColumn::kAuprcBefore,
    RunsColumn::kAuprcAfter, RunsColumn::kChance,
};

const char* column_title(RunsColumn column);
// "id", "time", ... (the names a session file uses); InvalidArgument for anything else.
const char* column_key(RunsColumn column);
RunsColumn parse_column_key(const std::string& key);

// An empty field matches every run. beta matches within 1e-9 relative, as the store's filter does.
struct RunsFilter {
  std::optional<int> holdout;
  std::optional<std::string> method;
  std::optional<double> beta;
  std::optional<store::RunStatus> status;

  bool matches(const store::RunSummary& run) const;
};

struct RunsSort {
  RunsColumn column = RunsColumn::kId;
  bool ascending = false;  // default: newest first
};

// Indices into `runs` of the rows that pass `filter`, ordered by `sort`. Runs without a value in
// the sort column (no beta, no metric) come last in either direction; ties keep the newest first.
std::vector<std::size_t> visible_rows(const std::vector<store::RunSummary>& runs,
                                      const RunsFilter& filter, const RunsSort& sort);

// The cell as the table shows it: "0.512" for metrics, "-" when missing, "05-01 12:00" for the
// start time (UTC, 2024-05-01T12:00:00Z).
std::string cell_text(const store::RunSummary& run, RunsColumn column);

// The KDE AUPRC before / after re-training (NaN when the run has none).
double auprc_before(const store::RunSummary& run);
double auprc_after(const store::RunSummary& run);

// The distinct values in `runs`, sorted, for the filter menus.
std::vector<std::string> methods_in(const std::vector<store::RunSummary>& runs);
std::vector<double> betas_in(const std::vector<store::RunSummary>& runs);

}  // namespace xdd::gui
