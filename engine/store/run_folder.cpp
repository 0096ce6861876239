#include "store/run_folder.h"

#include <cmath>

#include "core/error.h"
#include "core/json_file.h"
#include "store/csv_table.h"
#include "store/timestamps.h"

namespace xdd::store {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Wide "step,<term>,<term>,..." rows -> long (phase, step, term, value) rows.
void read_wide_losses(const fs::path& file, const std::string& phase, std::vector<LossStep>& out) {
  const CsvTable t = CsvTable::read(file);
  const int step_col = t.require("step");
  for (size_t r = 0; r < t.rows(); ++r) {
    const auto step = static_cast<std::int64_t>(t.integer(r, step_col));
    for (int c = 0; c < static_cast<int>(t.header().size()); ++c) {
      if (c == step_col) continue;
      out.push_back(LossStep{phase, step, t.header()[static_cast<size_t>(c)], t.number(r, c)});
    }
  }
}

std::vector<InfoPlanePoint> read_infoplane(const fs::path& file) {
  const CsvTable t = CsvTable::read(file);
  const int step = t.require("step"), phase = t.require("phase"), set = t.require("set");
  const int ixz = t.require("ixz"), izy = t.require("izy");
  std::vector<InfoPlanePoint> out;
  for (size_t r = 0; r < t.rows(); ++r) {
    const std::optional<PlaneSet> plane_set = parse_plane_set(t.text(r, set));
    if (!plane_set) {
      throw DataError(file.string() + ": row " + std::to_string(r + 1) + " has set '" +
                      t.text(r, set) + "', not labeled or test");
    }
    out.push_back(InfoPlanePoint{static_cast<std::int64_t>(t.integer(r, step)), t.text(r, phase),
                                 *plane_set, t.number(r, ixz), t.number(r, izy)});
  }
  return out;
}

}  // namespace

RunFolderData read_run_folder(const fs::path& dir) {
  if (!fs::is_directory(dir)) throw IoError("run folder " + dir.string() + " does not exist");
  RunFolderData d;
  d.dir = fs::weakly_canonical(fs::absolute(dir));
  const fs::path metrics_file = dir / "metrics.json";
  d.metrics = read_json_file(metrics_file, "run metrics file");
  if (!d.metrics.is_object()) throw DataError(metrics_file.string() + " is not a JSON object");
  if (d.metrics.contains("config") && !d.metrics["config"].is_object()) {
    throw DataError(metrics_file.string() + ": 'config' must be an object");
  }
  d.ended_at = iso_utc(modification_time(metrics_file));
  if (fs::exists(dir / "gan_losses.csv"))
    read_wide_losses(dir / "gan_losses.csv", "pretrain", d.steps);
  if (fs::exists(dir / "losses.csv")) read_wide_losses(dir / "losses.csv", "retrain", d.steps);
  if (fs::exists(dir / "infoplane.csv")) d.infoplane = read_infoplane(dir / "infoplane.csv");
  return d;
}

json config_of(const json& metrics) {
  json config = metrics.contains("config") && metrics["config"].is_object() ? metrics["config"]
                                                                            : json::object();
  for (const char* key : {"holdout", "method", "beta", "seed"}) {
    if (!config.contains(key) && metrics.contains(key)) config[key] = metrics[key];
  }
  return config;
}

RunStart run_start_of(const RunFolderData& data) {
  const json& m = data.metrics;
  RunStart s;
  if (m.contains("dataset") && m["dataset"].is_object()) {
    const json& ds = m["dataset"];
    if (ds.contains("name") && ds["name"].is_string()) s.dataset_name = ds["name"];
    if (ds.contains("checksum") && ds["checksum"].is_string()) s.dataset_checksum = ds["checksum"];
    if (ds.contains("test_images") && ds["test_images"].is_number_integer()) {
      s.test_images = ds["test_images"].get<std::int64_t>();
    }
  }
  if (m.contains("version") && m["version"].is_string()) s.program_version = m["version"];
  if (!data.dir.empty()) s.files_dir = fs::weakly_canonical(fs::absolute(data.dir)).string();
  if (!data.ended_at.empty() && m.contains("seconds") && m["seconds"].is_object() &&
      m["seconds"].contains("total") && m["seconds"]["total"].is_number()) {
    // Back-date the start by the run's own wall time, as closely as the folder lets us.
    std::tm tm{};
    if (strptime(data.ended_at.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm)) {
      // A wall time beyond 1e9 s (31 years) is not one; rounding it would overflow time_t.
      const double total = m["seconds"]["total"].get<double>();
      if (std::isfinite(total) && total >= 0 && total <= 1e9) {
        s.started_at = iso_utc(timegm(&tm) - static_cast<std::time_t>(std::llround(total)));
      }
    }
  }
  if (s.started_at.empty()) s.started_at = data.ended_at;
  return s;
}

}  // namespace xdd::store
