// The Runs panel's table: filters, sort on every kind of column, and the cells' text.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "logic/runs_table.h"

using namespace xdd::gui;
using xdd::store::RunStatus;
using xdd::store::RunSummary;

namespace {

RunSummary run(std::int64_t id, int holdout, const std::string& method, std::optional<double> beta,
               RunStatus status, double before, double after) {
  RunSummary r;
  r.id = id;
  r.holdout = holdout;
  r.method = method;
  r.beta = beta;
  r.seed = id % 3;
  r.status = status;
  r.started_at = "2024-05-0" + std::to_string(id) + "T12:3" + std::to_string(id) + ":00Z";
  r.chance_auprc = 0.1 * holdout;
  if (!std::isnan(before)) r.metrics["kde_before"] = {before, 0.5, 0.9};
  if (!std::isnan(after)) r.metrics["kde_after"] = {after, 0.6, 0.8};
  return r;
}

std::vector<RunSummary> sample() {
  return {
      run(1, 8, "xdd", 1.0, RunStatus::done, 0.20, 0.60),
      run(2, 8, "xdd", 0.1, RunStatus::done, 0.21, 0.40),
      run(3, 3, "softmax", std::nullopt, RunStatus::done, 0.30, 0.35),
      run(4, 8, "xdd", 1.0, RunStatus::failed, 0.22, NAN),
      run(5, 3, "xdd", 10.0, RunStatus::running, NAN, NAN),
  };
}

std::vector<std::int64_t> ids(const std::vector<RunSummary>& runs,
                              const std::vector<std::size_t>& rows) {
  std::vector<std::int64_t> out;
  for (std::size_t i : rows) out.push_back(runs[i].id);
  return out;
}

using Ids = std::vector<std::int64_t>;

}  // namespace

TEST(RunsTable, DefaultIsEveryRunNewestFirst) {
  const auto runs = sample();
  EXPECT_EQ(ids(runs, visible_rows(runs, {}, {})), (Ids{5, 4, 3, 2, 1}));
}

TEST(RunsTable, FiltersCombine) {
  const auto runs = sample();
  RunsFilter f;
  f.holdout = 8;
  EXPECT_EQ(ids(runs, visible_rows(runs, f, {})), (Ids{4, 2, 1}));
  f.beta = 1.0 + 1e-12;  // within the store's tolerance
  EXPECT_EQ(ids(runs, visible_rows(runs, f, {})), (Ids{4, 1}));
  f.status = RunStatus::done;
  EXPECT_EQ(ids(runs, visible_rows(runs, f, {})), (Ids{1}));
  RunsFilter by_method;
  by_method.method = "softmax";
  EXPECT_EQ(ids(runs, visible_rows(runs, by_method, {})), (Ids{3}));
  RunsFilter beta_only;
  beta_only.beta = 0.1;  // a run without beta never matches a beta filter
  EXPECT_EQ(ids(runs, visible_rows(runs, beta_only, {})), (Ids{2}));
}

TEST(RunsTable, SortsNumbersWithMissingValuesLast) {
  const auto runs = sample();
  RunsSort after{RunsColumn::kAuprcAfter, false};
  EXPECT_EQ(ids(runs, visible_rows(runs, {}, after)), (Ids{1, 2, 3, 5, 4}));  // 4, 5: no value
  after.ascending = true;
  EXPECT_EQ(ids(runs, visible_rows(runs, {}, after)), (Ids{3, 2, 1, 5, 4}));
  RunsSort beta{RunsColumn::kBeta, true};
  EXPECT_EQ(ids(runs, visible_rows(runs, {}, beta)), (Ids{2, 4, 1, 5, 3}));  // ties newest first
  RunsSort holdout{RunsColumn::kHoldout, true};
  EXPECT_EQ(ids(runs, visible_rows(runs, {}, holdout)), (Ids{5, 3, 4, 2, 1}));
}

TEST(RunsTable, SortsText) {
  const auto runs = sample();
  EXPECT_EQ(ids(runs, visible_rows(runs, {}, {RunsColumn::kMethod, true})), (Ids{3, 5, 4, 2, 1}));
  // done < failed < running
  EXPECT_EQ(ids(runs, visible_rows(runs, {}, {RunsColumn::kStatus, true})), (Ids{3, 2, 1, 4, 5}));
  EXPECT_EQ(ids(runs, visible_rows(runs, {}, {RunsColumn::kTime, true})), (Ids{1, 2, 3, 4, 5}));
}

TEST(RunsTable, CellText) {
  const auto runs = sample();
  EXPECT_EQ(cell_text(runs[0], RunsColumn::kTime), "05-01 12:31");
  EXPECT_EQ(cell_text(runs[0], RunsColumn::kAuprcAfter), "0.600");
  EXPECT_EQ(cell_text(runs[1], RunsColumn::kBeta), "0.1");
  EXPECT_EQ(cell_text(runs[2], RunsColumn::kBeta), "-");
  EXPECT_EQ(cell_text(runs[3], RunsColumn::kAuprcAfter), "-");
  EXPECT_EQ(cell_text(runs[3], RunsColumn::kStatus), "failed");
  EXPECT_EQ(cell_text(runs[2], RunsColumn::kChance), "0.300");
  EXPECT_EQ(cell_text(runs[4], RunsColumn::kSeed), "2");
}

TEST(RunsTable, FilterMenusAndColumnKeys) {
  const auto runs = sample();
  EXPECT_EQ(methods_in(runs), (std::vector<std::string>{"softmax", "xdd"}));
  EXPECT_EQ(betas_in(runs), (std::vector<double>{0.1, 1.0, 10.0}));
  for (RunsColumn c : kRunsColumns) EXPECT_EQ(parse_column_key(column_key(c)), c);
  EXPECT_THROW(parse_column_key("colour"), xdd::InvalidArgument);
}
