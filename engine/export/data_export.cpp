#include "export/data_export.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "core/atomic_file.h"
#include "core/error.h"
#include "store/run_json.h"

namespace xdd::data_export {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// %.17g round-trips a double exactly; %.9g a float.
void append_number(std::string& out, double v, int digits) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  out += buf;
}

json metric_json(const store::Metrics& m) {
  auto num = [](double v) { return std::isfinite(v) ? json(v) : json(nullptr); };
  return json{{"auprc", num(m.auprc)}, {"auroc", num(m.auroc)}, {"fpr95", num(m.fpr95)}};
}

}  // namespace

void write_scores_csv(const fs::path& path, const store::RunScores& s) {
  const size_t n = s.index.size();
  if (s.label.size() != n || s.before.size() != n || s.after.size() != n) {
    throw InvalidArgument("scores export: index, label and score lists differ in length");
  }
  std::string out = "index,label,score_before,score_after\n";
  for (size_t i = 0; i < n; ++i) {
    out += std::to_string(s.index[i]) + "," + std::to_string(s.label[i]) + ",";
    append_number(out, s.before[i], 17);
    out += ",";
    append_number(out, s.after[i], 17);
    out += "\n";
  }
  write_text_atomically(path, out);
}

void write_embeddings_csv(const fs::path& path, const float* data, size_t rows, size_t cols,
                          const std::vector<int>& labels) {
  if (!labels.empty() && labels.size() != rows) {
    throw InvalidArgument("embeddings export: " + std::to_string(labels.size()) + " labels for " +
                          std::to_string(rows) + " rows");
  }
  std::string out = labels.empty() ? "" : "label";
  for (size_t c = 0; c < cols; ++c) out += (out.empty() ? "e" : ",e") + std::to_string(c);
  out += "\n";
  out.reserve(out.size() + rows * cols * 12);
  for (size_t r = 0; r < rows; ++r) {
    if (!labels.empty()) out += std::to_string(labels[r]);
    for (size_t c = 0; c < cols; ++c) {
      if (c > 0 || !labels.empty()) out += ",";
      append_number(out, data[r * cols + c], 9);
    }
    out += "\n";
  }
  write_text_atomically(path, out);
}

void write_layout_csv(const fs::path& path, const store::Layout& l) {
  const size_t n = l.x.size();
  if (l.y.size() != n || l.label.size() != n || l.labeled.size() != n) {
    throw InvalidArgument("layout export: x, y, label and labeled lists differ in length");
  }
  std::string out = "x,y,label,labeled\n";
  for (size_t i = 0; i < n; ++i) {
    append_number(out, l.x[i], 17);
    out += ",";
    append_number(out, l.y[i], 17);
    out += "," + std::to_string(l.label[i]) + (l.labeled[i] ? ",1\n" : ",0\n");
  }
  write_text_atomically(path, out);
}

void write_metrics_json(const fs::path& path, const store::RunSummary& run) {
  json j = store::to_json(run);
  json out{{"run", run.id},
           {"holdout", j["holdout"]},
           {"method", run.method},
           {"beta", j["beta"]},
           {"seed", j["seed"]},
           {"status", j["status"]},
           {"chance_auprc", j["chance_auprc"]},
           {"entanglement", j["entanglement"]}};
  static const std::pair<const char*, const char*> keys[] = {
      {"kde_before", "before"}, {"kde_after", "after"}, {"own_after", "after_own_score"}};
  for (const auto& [kind, key] : keys) {
    auto it = run.metrics.find(kind);
    if (it != run.metrics.end()) out[key] = metric_json(it->second);
  }
  write_text_atomically(path, out.dump(2) + "\n");
}

void write_run_record_json(const fs::path& path, const store::RunRecord& record) {
  write_text_atomically(path, store::to_json(record).dump(2) + "\n");
}

}  // namespace xdd::data_export
