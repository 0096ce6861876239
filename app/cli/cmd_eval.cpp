// `xdd eval DIR`: recompute AUPRC, AUROC and FPR95 from a run folder's scores.csv (ours or any
// program's with the same columns), for its held-out digit or another one.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "core/error.h"
#include "scoring/metrics.h"

namespace xdd::cli {
namespace {

struct ScoreColumns {
  std::vector<int64_t> labels;
  std::vector<double> before, after;
};

ScoreColumns read_scores_csv(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw IoError("cannot read " + file.string());
  std::string line;
  std::getline(in, line);
  if (line != "index,label,score_before,score_after") {
    throw DataError(file.string() + ": header must be index,label,score_before,score_after");
  }
  ScoreColumns cols;
  for (int64_t row = 2; std::getline(in, line); ++row) {
    std::istringstream fields(line);
    std::string index, label, before, after;
    if (!std::getline(fields, index, ',') || !std::getline(fields, label, ',') ||
        !std::getline(fields, before, ',') || !std::getline(fields, after)) {
      throw DataError(file.string() + " line " + std::to_string(row) + ": expected 4 columns");
    }
    try {
      cols.labels.push_back(std::stoll(label));
      cols.before.push_back(std::stod(before));
      cols.after.push_back(std::stod(after));
    } catch (const std::exception&) {
      throw DataError(file.string() + " line " + std::to_string(row) + ": not a number");
    }
  }
  if (cols.labels.empty()) throw DataError(file.string() + " has no rows");
  return cols;
}

int holdout_from_metrics(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw IoError("cannot read " + file.string() + " (or pass --holdout)");
  try {
    return nlohmann::json::parse(in).at("holdout").get<int>();
  } catch (const nlohmann::json::exception& e) {
    throw DataError(file.string() + ": no readable \"holdout\" (" + e.what() + ")");
  }
}

}  // namespace

void register_eval_command(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("eval", "Recompute the detection metrics from a run folder's scores.csv");
  auto dir = std::make_shared<std::string>();
  auto holdout = std::make_shared<int>(-1);
  cmd->add_option("DIR", *dir, "A folder written by `xdd run`")->required();
  cmd->add_option("--holdout", *holdout, "Positive digit (default: the run's held-out digit)")
      ->check(CLI::Range(0, 9));
  cmd->callback([dir, holdout] {
    const std::filesystem::path folder = *dir;
    const int positive = *holdout >= 0 ? *holdout : holdout_from_metrics(folder / "metrics.json");
    const ScoreColumns cols = read_scores_csv(folder / "scores.csv");
    std::printf("positive digit %d, %zu images\n%-8s %8s %8s %8s\n", positive, cols.labels.size(),
                "", "AUPRC", "AUROC", "FPR95");
    for (const auto& [name, scores] :
         {std::pair{"before", &cols.before}, std::pair{"after", &cols.after}}) {
      const DetectionMetrics m = evaluate_detection(*scores, cols.labels, positive);
      std::printf("%-8s %8.6f %8.6f %8.6f\n", name, m.auprc, m.auroc, m.fpr95);
    }
  });
}

}  // namespace xdd::cli
