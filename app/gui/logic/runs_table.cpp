#include "logic/runs_table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/error.h"

namespace xdd::gui {
namespace {

struct ColumnNames {
  RunsColumn column;
  const char* title;
  const char* key;
};
constexpr ColumnNames kNames[] = {
    {RunsColumn::kId, "id", "id"},
    {RunsColumn::kTime, "started (UTC)", "time"},
    {RunsColumn::kHoldout, "held out", "holdout"},
    {RunsColumn::kMethod, "method", "method"},
    {RunsColumn::kBeta, "β", "beta"},
    {RunsColumn::kSeed, "seed", "seed"},
    {RunsColumn::kStatus, "status", "status"},
    {RunsColumn::kAuprcBefore, "before", "auprc_before"},  // the toolbar says: KDE AUPRC
    {RunsColumn::kAuprcAfter, "after", "auprc_after"},
    {RunsColumn::kChance, "chance", "chance"},
};

const ColumnNames& names(RunsColumn column) {
  for (const ColumnNames& n : kNames) {
    if (n.column == column) return n;
  }
  return kNames[0];
}

double metric_auprc(const store::RunSummary& run, const char* kind) {
  const auto it = run.metrics.find(kind);
  return it == run.metrics.end() ? NAN : it->second.auprc;
}

std::optional<double> number_of(const store::RunSummary& run, RunsColumn column) {
  auto finite = [](double v) { return std::isfinite(v) ? std::optional<double>(v) : std::nullopt; };
  switch (column) {
    case RunsColumn::kId:
      return static_cast<double>(run.id);
    case RunsColumn::kHoldout:
      return run.holdout ? std::optional<double>(*run.holdout) : std::nullopt;
    case RunsColumn::kBeta:
      return run.beta;
    case RunsColumn::kSeed:
      return run.seed ? std::optional<double>(static_cast<double>(*run.seed)) : std::nullopt;
    case RunsColumn::kAuprcBefore:
      return finite(auprc_before(run));
    case RunsColumn::kAuprcAfter:
      return finite(auprc_after(run));
    case RunsColumn::kChance:
      return run.chance_auprc ? finite(*run.chance_auprc) : std::nullopt;
    default:
      return std::nullopt;
  }
}

std::optional<std::string> text_of(const store::RunSummary& run, RunsColumn column) {
  switch (column) {
    case RunsColumn::kTime:
      return run.started_at.empty() ? std::nullopt : std::optional<std::string>(run.started_at);
    case RunsColumn::kMethod:
      return run.method.empty() ? std::nullopt : std::optional<std::string>(run.method);
    case RunsColumn::kStatus:
      return store::to_string(run.status);
    default:
      return std::nullopt;
  }
}

bool is_text_column(RunsColumn c) {
  return c == RunsColumn::kTime || c == RunsColumn::kMethod || c == RunsColumn::kStatus;
}

// -1, 0, 1 for a before / same as / after b in ascending order; missing values are handled by the
// caller.
template <typename T>
int compare(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

std::string fixed3(double v) {
  if (!std::isfinite(v)) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", v);
  return text;
}

}  // namespace

const char* column_title(RunsColumn column) {
  return names(column).title;
}
const char* column_key(RunsColumn column) {
  return names(column).key;
}

RunsColumn parse_column_key(const std::string& key) {
  std::string valid;
  for (const ColumnNames& n : kNames) {
    if (key == n.key) return n.column;
    valid += valid.empty() ? n.key : std::string(", ") + n.key;
  }
  throw InvalidArgument("runs table column '" + key + "' is not one of " + valid);
}

bool RunsFilter::matches(const store::RunSummary& run) const {
  if (holdout && run.holdout != holdout) return false;
  if (method && run.method != *method) return false;
  if (beta) {
    if (!run.beta) return false;
    if (std::abs(*run.beta - *beta) > 1e-9 * std::max(1.0, std::abs(*run.beta))) return false;
  }
  if (status && run.status != *status) return false;
  return true;
}

double auprc_before(const store::RunSummary& run) {
  return metric_auprc(run, "kde_before");
}
double auprc_after(const store::RunSummary& run) {
  return metric_auprc(run, "kde_after");
}

std::vector<std::size_t> visible_rows(const std::vector<store::RunSummary>& runs,
                                      const RunsFilter& filter, const RunsSort& sort) {
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (filter.matches(runs[i])) rows.push_back(i);
  }
  const RunsColumn column = sort.column;
  auto less = [&](std::size_t ia, std::size_t ib) {
    const store::RunSummary &a = runs[ia], &b = runs[ib];
    int order = 0;
    bool a_missing = false, b_missing = false;
    if (is_text_column(column)) {
      const auto ta = text_of(a, column), tb = text_of(b, column);
      a_missing = !ta;
      b_missing = !tb;
      if (ta && tb) order = compare(*ta, *tb);
    } else {
      const auto na = number_of(a, column), nb = number_of(b, column);
      a_missing = !na;
      b_missing = !nb;
      if (na && nb) order = compare(*na, *nb);
    }
    if (a_missing != b_missing) return b_missing;  // present values first, either direction
    if (!sort.ascending) order = -order;
    if (order != 0) return order < 0;
    return a.id > b.id;  // ties: newest first
  };
  std::stable_sort(rows.begin(), rows.end(), less);
  return rows;
}

std::string cell_text(const store::RunSummary& run, RunsColumn column) {
  switch (column) {
    case RunsColumn::kId:
      return std::to_string(run.id);
    case RunsColumn::kTime: {
      // 2024-05-01T12:00:00Z -> 05-01 12:00 (the table is narrow; the tooltip has the year)
      if (run.started_at.size() < 16) return run.started_at.empty() ? "-" : run.started_at;
      std::string t = run.started_at.substr(5, 11);
      t[5] = ' ';
      return t;
    }
    case RunsColumn::kHoldout:
      return run.holdout ? std::to_string(*run.holdout) : "-";
    case RunsColumn::kMethod:
      return run.method.empty() ? "-" : run.method;
    case RunsColumn::kBeta: {
      if (!run.beta) return "-";
      char text[32];
      std::snprintf(text, sizeof text, "%g", *run.beta);
      return text;
    }
    case RunsColumn::kSeed:
      return run.seed ? std::to_string(*run.seed) : "-";
    case RunsColumn::kStatus:
      return store::to_string(run.status);
    case RunsColumn::kAuprcBefore:
      return fixed3(auprc_before(run));
    case RunsColumn::kAuprcAfter:
      return fixed3(auprc_after(run));
    case RunsColumn::kChance:
      return run.chance_auprc ? fixed3(*run.chance_auprc) : "-";
  }
  return "-";
}

std::vector<std::string> methods_in(const std::vector<store::RunSummary>& runs) {
  std::set<std::string> methods;
  for (const auto& r : runs) {
    if (!r.method.empty()) methods.insert(r.method);
  }
  return {methods.begin(), methods.end()};
}

std::vector<double> betas_in(const std::vector<store::RunSummary>& runs) {
  std::vector<double> betas;
  for (const auto& r : runs) {
    if (r.beta) betas.push_back(*r.beta);
  }
  std::sort(betas.begin(), betas.end());
  betas.erase(std::unique(betas.begin(), betas.end(),
                          [](double a, double b) {
                            return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(a));
                          }),
              betas.end());
  return betas;
}

}  // namespace xdd::gui
