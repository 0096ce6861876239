#include "store/run_json.h"

#include <cmath>
#include <map>
#include <set>

namespace xdd::store {
using nlohmann::json;

namespace {

json number_or_null(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

template <typename T>
json optional_or_null(const std::optional<T>& v) {
  if (!v) return nullptr;
  if constexpr (std::is_floating_point_v<T>) return number_or_null(*v);
  return json(*v);
}

// Long (phase, step, term, value) rows -> {phase: {"step": [...], term: [...]}}.
json columnar_losses(const std::vector<LossStep>& rows) {
  std::map<std::string, std::set<std::int64_t>> steps;
  std::map<std::string, std::map<std::string, std::map<std::int64_t, double>>> values;
  for (const auto& r : rows) {
    steps[r.phase].insert(r.step);
    values[r.phase][r.term][r.step] = r.value;
  }
  json out = json::object();
  for (const auto& [phase, step_set] : steps) {
    json table = json::object();
    table["step"] = json(std::vector<std::int64_t>(step_set.begin(), step_set.end()));
    for (const auto& [term, by_step] : values[phase]) {
      json column = json::array();
      for (std::int64_t s : step_set) {
        auto it = by_step.find(s);
        column.push_back(it == by_step.end() ? json(nullptr) : number_or_null(it->second));
      }
      table[term] = std::move(column);
    }
    out[phase] = std::move(table);
  }
  return out;
}

}  // namespace

json to_json(const RunSummary& s) {
  json metrics = json::object();
  for (const auto& [kind, m] : s.metrics) {
    metrics[kind] = {{"auprc", number_or_null(m.auprc)},
                     {"auroc", number_or_null(m.auroc)},
                     {"fpr95", number_or_null(m.fpr95)}};
  }
  return json{{"id", s.id},
              {"status", to_string(s.status)},
              {"holdout", optional_or_null(s.holdout)},
              {"method", s.method},
              {"beta", optional_or_null(s.beta)},
              {"seed", optional_or_null(s.seed)},
              {"dataset",
               {{"name", s.dataset_name},
                {"checksum", s.dataset_checksum},
                {"test_images", optional_or_null(s.test_images)}}},
              {"version", s.program_version},
              {"started_at", s.started_at},
              {"ended_at", s.ended_at},
              {"files_dir", s.files_dir},
              {"label", s.label},
              {"chance_auprc", optional_or_null(s.chance_auprc)},
              {"entanglement",
               {{"before", optional_or_null(s.entanglement_before)},
                {"after", optional_or_null(s.entanglement_after)}}},
              {"entanglement_min",
               {{"before", optional_or_null(s.entanglement_min_before)},
                {"after", optional_or_null(s.entanglement_min_after)}}},
              {"metrics", std::move(metrics)}};
}

json to_json(const RunRecord& r) {
  json out = to_json(r.summary);
  out["config"] = r.config;
  out["compute"] = r.compute;
  out["seconds"] = r.seconds;
  out["losses"] = columnar_losses(r.steps);
  json plane = json::array();
  for (const auto& p : r.infoplane) {
    plane.push_back({{"step", p.step},
                     {"phase", p.phase},
                     {"set", plane_set_name(p.set)},
                     {"ixz", number_or_null(p.ixz)},
                     {"izy", number_or_null(p.izy)}});
  }
  out["infoplane"] = std::move(plane);
  return out;
}

}  // namespace xdd::store
