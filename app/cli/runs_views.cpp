#include "cli/runs_views.h"

#include <iomanip>
#include <map>
#include <set>

#include "cli/store_option.h"

namespace xdd::cli {
namespace {

// Last value of every term of `phase`, by term.
std::map<std::string, double> last_values(const store::RunRecord& r, const std::string& phase) {
  std::map<std::string, double> out;
  for (const auto& s : r.steps) {
    if (s.phase == phase) out[s.term] = s.value;  // stored in step order
  }
  return out;
}

std::string text_of(const nlohmann::json& v) {
  if (v.is_null()) return "-";
  return v.is_string() ? v.get<std::string>() : v.dump();
}

void row(std::ostream& out, const std::string& name, const std::vector<std::string>& cells) {
  out << std::left << std::setw(24) << name;
  for (const auto& c : cells) out << std::setw(16) << c;
  out << "\n";
}

}  // namespace

void print_run(std::ostream& out, const store::RunRecord& r) {
  const auto& s = r.summary;
  out << "run " << s.id << "  " << store::to_string(s.status) << (s.label.empty() ? "" : "  ")
      << s.label << "\n"
      << "  method " << s.method << "  beta " << fixed3(s.beta) << "  holdout "
      << (s.holdout ? std::to_string(*s.holdout) : "-") << "  seed "
      << (s.seed ? std::to_string(*s.seed) : "-") << "\n"
      << "  dataset " << s.dataset_name << " (" << s.dataset_checksum << ")"
      << (s.test_images ? ", " + std::to_string(*s.test_images) + " test images" : "") << "\n"
      << "  version " << s.program_version << "  started " << s.started_at << "  ended "
      << (s.ended_at.empty() ? "-" : s.ended_at) << "\n"
      << "  files " << (s.files_dir.empty() ? "-" : s.files_dir) << "\n"
      << "  chance AUPRC " << fixed3(s.chance_auprc) << "\n"
      << "  entanglement " << fixed3(s.entanglement_before) << " -> "
      << fixed3(s.entanglement_after) << "\n";
  out << "  metrics            auprc    auroc    fpr95\n";
  for (const char* kind : store::kMetricKinds) {
    if (!s.metrics.count(kind)) continue;
    const store::Metrics& m = s.metrics.at(kind);
    out << "    " << std::left << std::setw(15) << kind << std::setw(9) << fixed3(m.auprc)
        << std::setw(9) << fixed3(m.auroc) << fixed3(m.fpr95) << "\n";
  }
  std::map<std::string, std::set<std::int64_t>> steps;
  for (const auto& st : r.steps) steps[st.phase].insert(st.step);
  for (const auto& [phase, set] : steps) {
    out << "  " << phase << ": " << set.size() << " steps, last values:";
    for (const auto& [term, v] : last_values(r, phase)) out << " " << term << "=" << v;
    out << "\n";
  }
  if (!r.infoplane.empty()) out << "  info-plane points: " << r.infoplane.size() << "\n";
  out << "  config " << r.config.dump(2) << "\n";
}

void print_comparison(std::ostream& out, const std::vector<store::RunRecord>& runs) {
  std::vector<std::string> cells;
  auto each = [&](auto fn) {
    cells.clear();
    for (const auto& r : runs) cells.push_back(fn(r));
  };
  each([](const store::RunRecord& r) { return "#" + std::to_string(r.summary.id); });
  row(out, "run", cells);
  each([](const store::RunRecord& r) { return store::to_string(r.summary.status); });
  row(out, "status", cells);
  // Settings: every config key whose value is not the same in all runs.
  std::set<std::string> keys;
  for (const auto& r : runs) {
    for (auto it = r.config.begin(); it != r.config.end(); ++it) keys.insert(it.key());
  }
  for (const auto& key : keys) {
    each([&](const store::RunRecord& r) {
      return r.config.contains(key) ? text_of(r.config[key]) : std::string("-");
    });
    if (std::set<std::string>(cells.begin(), cells.end()).size() > 1) row(out, key, cells);
  }
  for (const char* kind : store::kMetricKinds) {
    for (const char* field : {"auprc", "auroc", "fpr95"}) {
      each([&](const store::RunRecord& r) {
        auto it = r.summary.metrics.find(kind);
        if (it == r.summary.metrics.end()) return std::string("-");
        const auto& m = it->second;
        const std::string f = field;
        return fixed3(f == "auprc" ? m.auprc : f == "auroc" ? m.auroc : m.fpr95);
      });
      row(out, std::string(kind) + " " + field, cells);
    }
  }
  each([](const store::RunRecord& r) { return fixed3(r.summary.entanglement_before); });
  row(out, "entanglement before", cells);
  each([](const store::RunRecord& r) { return fixed3(r.summary.entanglement_after); });
  row(out, "entanglement after", cells);
  std::set<std::string> terms;
  for (const auto& r : runs) {
    for (const auto& [t, v] : last_values(r, "retrain")) terms.insert(t);
  }
  for (const auto& t : terms) {
    each([&](const store::RunRecord& r) {
      const auto last = last_values(r, "retrain");
      auto it = last.find(t);
      return it == last.end() ? std::string("-") : fixed3(it->second);
    });
    row(out, "last " + t, cells);
  }
}

}  // namespace xdd::cli
