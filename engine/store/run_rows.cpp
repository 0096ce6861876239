#include "store/run_rows.h"

#include <cmath>
#include <optional>

#include "core/error.h"
#include "store/timestamps.h"

namespace xdd::store {
namespace {

using nlohmann::json;

// Binds config[key] if it is present and of the expected kind; NULL if absent.
void bind_int_field(sql::Statement& st, int index, const json& config, const char* key) {
  if (!config.contains(key) || config[key].is_null()) {
    st.bind_null(index);
    return;
  }
  if (!config[key].is_number_integer()) {
    throw InvalidArgument(std::string("run config: '") + key + "' must be an integer, got " +
                          config[key].dump());
  }
  st.bind(index, config[key].get<std::int64_t>());
}

void bind_number_field(sql::Statement& st, int index, const json& config, const char* key) {
  if (!config.contains(key) || config[key].is_null()) {
    st.bind_null(index);
    return;
  }
  if (!config[key].is_number()) {
    throw InvalidArgument(std::string("run config: '") + key + "' must be a number, got " +
                          config[key].dump());
  }
  st.bind(index, config[key].get<double>());
}

void bind_text_field(sql::Statement& st, int index, const json& config, const char* key) {
  if (!config.contains(key) || config[key].is_null()) {
    st.bind(index, std::string());
    return;
  }
  if (!config[key].is_string()) {
    throw InvalidArgument(std::string("run config: '") + key + "' must be a string, got " +
                          config[key].dump());
  }
  st.bind(index, config[key].get<std::string>());
}

double metric_value(const json& obj, const char* key, const std::string& source) {
  if (!obj.contains(key) || obj[key].is_null()) return std::nan("");
  if (!obj[key].is_number()) {
    throw DataError(source + ": metric '" + key + "' must be a number or null, got " +
                    obj[key].dump());
  }
  return obj[key].get<double>();
}

// metrics[key][when] (key "entanglement" or "entanglement_min", when "before" or "after") under
// the rules of metric_value; empty when the run has none (recorded before the readout existed, or
// stopped before scoring).
std::optional<double> entanglement_value(const json& metrics, const std::string& key,
                                         const char* when, const std::string& source) {
  if (!metrics.contains(key) || metrics[key].is_null()) return std::nullopt;
  const json& e = metrics[key];
  if (!e.is_object()) throw DataError(source + ": '" + key + "' must be an object");
  const double value = metric_value(e, when, source);
  if (std::isnan(value)) return std::nullopt;
  return value;
}

}  // namespace

std::int64_t insert_run_row(sql::Database& db, const json& config, const RunStart& start,
                            RunStatus status) {
  if (!config.is_object()) {
    throw InvalidArgument("run config must be a JSON object, got " + config.dump().substr(0, 80));
  }
  sql::Statement st(db,
                    "INSERT INTO runs (holdout, method, beta, seed, dataset_name, "
                    "dataset_checksum, test_images, program_version, config_json, started_at, "
                    "status, files_dir, label) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
  bind_int_field(st, 1, config, "holdout");
  bind_text_field(st, 2, config, "method");
  bind_number_field(st, 3, config, "beta");
  bind_int_field(st, 4, config, "seed");
  st.bind(5, start.dataset_name).bind(6, start.dataset_checksum);
  if (start.test_images) {
    st.bind(7, *start.test_images);
  } else {
    st.bind_null(7);
  }
  st.bind(8, start.program_version.empty() ? std::string(XDD_VERSION) : start.program_version);
  st.bind(9, config.dump());
  st.bind(10, start.started_at.empty() ? now_iso_utc() : start.started_at);
  st.bind(11, to_string(status)).bind(12, start.files_dir).bind(13, start.label);
  st.run();
  return sqlite3_last_insert_rowid(db.handle());
}

void insert_steps(sql::Database& db, std::int64_t id, const std::vector<LossStep>& rows) {
  sql::Statement st(db, "INSERT INTO steps (run_id, phase, step, term, value) VALUES (?,?,?,?,?)");
  for (const auto& r : rows) {
    if (r.term.empty() || r.phase.empty()) {
      throw InvalidArgument("run " + std::to_string(id) + ": a loss row at step " +
                            std::to_string(r.step) + " has an empty term or phase name");
    }
    st.bind(1, id).bind(2, r.phase).bind(3, r.step).bind(4, r.term).bind(5, r.value);
    st.run();
  }
}

void insert_infoplane(sql::Database& db, std::int64_t id, const std::vector<InfoPlanePoint>& pts) {
  sql::Statement st(db,
                    "INSERT INTO infoplane (run_id, step, phase, set_name, ixz, izy) "
                    "VALUES (?,?,?,?,?,?)");
  for (const auto& p : pts) {
    st.bind(1, id)
        .bind(2, p.step)
        .bind(3, p.phase)
        .bind(4, plane_set_name(p.set))
        .bind(5, p.ixz)
        .bind(6, p.izy);
    st.run();
  }
}

std::map<std::string, Metrics> metrics_from_json(const json& metrics, const std::string& source) {
  static const std::pair<const char*, const char*> kinds[] = {{"before", "kde_before"},
                                                              {"after", "kde_after"},
                                                              {"after_own_score", "own_after"},
                                                              {"before_nearest", "nn_before"},
                                                              {"after_nearest", "nn_after"}};
  std::map<std::string, Metrics> out;
  for (const auto& [key, kind] : kinds) {
    if (!metrics.contains(key) || metrics[key].is_null()) continue;
    const json& m = metrics[key];
    if (!m.is_object()) throw DataError(source + ": '" + key + "' must be an object");
    out[kind] = Metrics{metric_value(m, "auprc", source), metric_value(m, "auroc", source),
                        metric_value(m, "fpr95", source)};
  }
  return out;
}

void write_final(sql::Database& db, std::int64_t id, const json& metrics, RunStatus status,
                 const std::string& ended_at) {
  if (!metrics.is_object() && !metrics.is_null()) {
    throw InvalidArgument("run " + std::to_string(id) + ": final metrics must be a JSON object");
  }
  const json m = metrics.is_null() ? json::object() : metrics;
  const std::string source = "metrics of run " + std::to_string(id);
  sql::Statement clear(db, "DELETE FROM metrics WHERE run_id = ?");
  clear.bind(1, id).run();
  sql::Statement put(db,
                     "INSERT INTO metrics (run_id, kind, auprc, auroc, fpr95) VALUES (?,?,?,?,?)");
  for (const auto& [kind, v] : metrics_from_json(m, source)) {
    put.bind(1, id).bind(2, kind).bind(3, v.auprc).bind(4, v.auroc).bind(5, v.fpr95);
    put.run();
  }
  sql::Statement upd(db,
                     "UPDATE runs SET status = ?, ended_at = ?, "
                     "chance_auprc = coalesce(?, chance_auprc), "
                     "seconds_json = coalesce(?, seconds_json), "
                     "compute_json = coalesce(?, compute_json), "
                     "entanglement_before = coalesce(?, entanglement_before), "
                     "entanglement_after = coalesce(?, entanglement_after), "
                     "entanglement_min_before = coalesce(?, entanglement_min_before), "
                     "entanglement_min_after = coalesce(?, entanglement_min_after) WHERE id = ?");
  upd.bind(1, to_string(status)).bind(2, ended_at);
  std::optional<double> chance;
  if (m.contains("chance_auprc") && m["chance_auprc"].is_number()) {
    chance = m["chance_auprc"].get<double>();
  }
  upd.bind(3, chance);
  if (m.contains("seconds"))
    upd.bind(4, m["seconds"].dump());
  else
    upd.bind_null(4);
  if (m.contains("compute"))
    upd.bind(5, m["compute"].dump());
  else
    upd.bind_null(5);
  upd.bind(6, entanglement_value(m, "entanglement", "before", source));
  upd.bind(7, entanglement_value(m, "entanglement", "after", source));
  upd.bind(8, entanglement_value(m, "entanglement_min", "before", source));
  upd.bind(9, entanglement_value(m, "entanglement_min", "after", source));
  upd.bind(10, id);
  upd.run();
}

RunStatus status_of(sql::Database& db, std::int64_t id) {
  sql::Statement st(db, "SELECT status FROM runs WHERE id = ?");
  st.bind(1, id);
  if (!st.step())
    throw InvalidArgument("run store " + db.file().string() + ": no run with id " +
                          std::to_string(id));
  return parse_run_status(st.text(0));
}

}  // namespace xdd::store
