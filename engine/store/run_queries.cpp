// The run store's read side: list, get, find_by_folder.
#include <cmath>

#include "core/error.h"
#include "store/run_store.h"
#include "store/sqlite_db.h"

namespace xdd::store {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const char* const kSummaryColumns =
    "id, status, holdout, method, beta, seed, dataset_name, dataset_checksum, test_images, "
    "program_version, started_at, ended_at, files_dir, label, chance_auprc, entanglement_before, "
    "entanglement_after, entanglement_min_before, entanglement_min_after";
constexpr int kSummaryColumnCount = 19;  // the columns above; get() reads its own after them

RunSummary read_summary(const sql::Statement& st) {
  RunSummary s;
  s.id = st.int64(0);
  s.status = parse_run_status(st.text(1));
  if (!st.is_null(2)) s.holdout = static_cast<int>(st.int64(2));
  s.method = st.text(3);
  s.beta = st.optional_real(4);
  if (!st.is_null(5)) s.seed = st.int64(5);
  s.dataset_name = st.text(6);
  s.dataset_checksum = st.text(7);
  if (!st.is_null(8)) s.test_images = st.int64(8);
  s.program_version = st.text(9);
  s.started_at = st.text(10);
  s.ended_at = st.text(11);
  s.files_dir = st.text(12);
  s.label = st.text(13);
  s.chance_auprc = st.optional_real(14);
  s.entanglement_before = st.optional_real(15);
  s.entanglement_after = st.optional_real(16);
  s.entanglement_min_before = st.optional_real(17);
  s.entanglement_min_after = st.optional_real(18);
  return s;
}

// The WHERE clause for `filter` (bound in order by bind_filter).
std::string where_clause(const RunFilter& f) {
  std::string w = " WHERE 1";
  if (f.holdout) w += " AND holdout = ?";
  if (f.method) w += " AND method = ?";
  if (f.beta) w += " AND abs(beta - ?) <= 1e-9 * max(1.0, abs(beta))";
  if (f.status) w += " AND status = ?";
  return w;
}

void bind_filter(sql::Statement& st, const RunFilter& f) {
  int i = 1;
  if (f.holdout) st.bind(i++, static_cast<std::int64_t>(*f.holdout));
  if (f.method) st.bind(i++, *f.method);
  if (f.beta) st.bind(i++, *f.beta);
  if (f.status) st.bind(i++, to_string(*f.status));
}

Metrics read_metrics(const sql::Statement& st, int first) {
  return Metrics{st.real(first), st.real(first + 1), st.real(first + 2)};
}

json parse_stored_json(const std::string& text, std::int64_t id, const char* what) {
  if (text.empty()) return json::object();
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    throw DataError("run " + std::to_string(id) + ": stored " + what +
                    " is not valid JSON: " + e.what());
  }
}

}  // namespace

std::vector<RunSummary> RunStore::list(const RunFilter& filter) const {
  sql::ReadSnapshot snapshot(*db_);
  const std::string where = where_clause(filter);
  sql::Statement runs(
      *db_, std::string("SELECT ") + kSummaryColumns + " FROM runs" + where + " ORDER BY id DESC");
  bind_filter(runs, filter);
  std::vector<RunSummary> out;
  std::map<std::int64_t, size_t> index;
  while (runs.step()) {
    index[runs.int64(0)] = out.size();
    out.push_back(read_summary(runs));
  }
  sql::Statement metrics(*db_,
                         "SELECT run_id, kind, auprc, auroc, fpr95 FROM metrics WHERE run_id IN "
                         "(SELECT id FROM runs" +
                             where + ")");
  bind_filter(metrics, filter);
  while (metrics.step()) {
    out[index.at(metrics.int64(0))].metrics[metrics.text(1)] = read_metrics(metrics, 2);
  }
  return out;
}

RunRecord RunStore::get(std::int64_t id) const {
  sql::ReadSnapshot snapshot(*db_);
  sql::Statement run(*db_, std::string("SELECT ") + kSummaryColumns +
                               ", config_json, compute_json, seconds_json FROM runs WHERE id = ?");
  run.bind(1, id);
  if (!run.step()) {
    throw InvalidArgument("run store " + file().string() + ": no run with id " +
                          std::to_string(id));
  }
  RunRecord r;
  r.summary = read_summary(run);
  r.config = parse_stored_json(run.text(kSummaryColumnCount), id, "config");
  r.compute = parse_stored_json(run.text(kSummaryColumnCount + 1), id, "compute");
  r.seconds = parse_stored_json(run.text(kSummaryColumnCount + 2), id, "seconds");

  sql::Statement metrics(*db_, "SELECT kind, auprc, auroc, fpr95 FROM metrics WHERE run_id = ?");
  metrics.bind(1, id);
  while (metrics.step()) r.summary.metrics[metrics.text(0)] = read_metrics(metrics, 1);

  sql::Statement steps(*db_,
                       "SELECT phase, step, term, value FROM steps WHERE run_id = ? "
                       "ORDER BY phase, step, term");
  steps.bind(1, id);
  while (steps.step()) {
    r.steps.push_back(LossStep{steps.text(0), steps.int64(1), steps.text(2), steps.real(3)});
  }

  sql::Statement plane(*db_,
                       "SELECT step, phase, set_name, ixz, izy FROM infoplane WHERE run_id = ? "
                       "ORDER BY phase, set_name, step");
  plane.bind(1, id);
  while (plane.step()) {
    const std::optional<PlaneSet> set = parse_plane_set(plane.text(2));
    if (!set) {
      throw DataError("run store " + file().string() + ": run " + std::to_string(id) +
                      " has an information-plane point of set '" + plane.text(2) +
                      "', not labeled or test");
    }
    r.infoplane.push_back(
        InfoPlanePoint{plane.int64(0), plane.text(1), *set, plane.real(3), plane.real(4)});
  }
  return r;
}

std::optional<std::int64_t> RunStore::find_by_folder(const fs::path& dir) const {
  sql::Statement st(*db_, "SELECT id FROM runs WHERE files_dir = ? ORDER BY id LIMIT 1");
  st.bind(1, fs::weakly_canonical(fs::absolute(dir)).string());
  if (!st.step()) return std::nullopt;
  return st.int64(0);
}

}  // namespace xdd::store
