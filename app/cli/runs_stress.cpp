#include "cli/runs_stress.h"

#include <unistd.h>

#include <ctime>
#include <iostream>

#include "cli/store_option.h"
#include "core/error.h"
#include "store/run_store.h"
#include "store/sqlite_db.h"

namespace xdd::cli {
namespace {

constexpr int kTerms = 3;

// The value a stress run stores for (step, term); the checker recomputes it bit for bit.
double stress_value(std::int64_t seed, std::int64_t step, int term) {
  return static_cast<double>(seed % 100000) * 1e-3 + static_cast<double>(step) + term * 0.25;
}

double stress_auprc(std::int64_t seed) {
  return static_cast<double>(seed % 1000) / 1000.0;
}

struct StressOptions {
  int steps = 200, batch = 10, runs = 0;
};

void stress_write(const CLI::App& root, const StressOptions& o) {
  store::RunStore store(store_path(root));
  std::int64_t seed = static_cast<std::int64_t>(std::time(nullptr)) * 1000 + ::getpid() % 1000;
  std::cout << "ready" << std::endl;  // the store is open: the kill script starts its clock here
  for (int n = 0; o.runs == 0 || n < o.runs; ++n, ++seed) {
    const auto id = store.begin_run(nlohmann::json{{"method", "stress"},
                                                   {"holdout", n % 10},
                                                   {"seed", seed},
                                                   {"stress_steps", o.steps},
                                                   {"stress_batch", o.batch}});
    for (int s0 = 0; s0 < o.steps; s0 += o.batch) {
      std::vector<store::LossStep> rows;
      for (int s = s0; s < std::min(o.steps, s0 + o.batch); ++s) {
        for (int t = 0; t < kTerms; ++t) {
          rows.push_back({"retrain", s, "term" + std::to_string(t), stress_value(seed, s, t)});
        }
      }
      store.append_steps(id, rows);
    }
    store.finish_run(id, nlohmann::json{{"after", {{"auprc", stress_auprc(seed)}}}},
                     store::RunStatus::done);
    std::cout << "done " << id << std::endl;  // flushed: the script may kill us any moment
  }
}

// Empty when the run's stored steps are whole batches of the right values; else what is wrong.
std::string check_run(const store::RunRecord& r) {
  const std::int64_t seed = r.config.value("seed", std::int64_t{0});
  const int steps = r.config.value("stress_steps", 0), batch = r.config.value("stress_batch", 1);
  const size_t per_batch = static_cast<size_t>(batch) * kTerms;
  const bool done = r.summary.status == store::RunStatus::done;
  if (done && r.steps.size() != static_cast<size_t>(steps) * kTerms) {
    return "has " + std::to_string(r.steps.size()) + " step rows, expected " +
           std::to_string(steps * kTerms);
  }
  if (!done && r.steps.size() % per_batch != 0) return "holds a partial batch";
  for (const auto& s : r.steps) {
    const int term = s.term.back() - '0';
    if (s.value != stress_value(seed, s.step, term)) {
      return "step " + std::to_string(s.step) + " " + s.term + " has a wrong value";
    }
  }
  if (done) {
    auto it = r.summary.metrics.find("kde_after");
    if (it == r.summary.metrics.end() || it->second.auprc != stress_auprc(seed)) {
      return "is done but its final metrics are missing or wrong";
    }
  }
  return "";
}

void stress_check(const CLI::App& root) {
  const auto path = store_path(root);
  {
    sql::Database raw(path);
    const std::string integrity = raw.query_text("PRAGMA integrity_check");
    if (integrity != "ok")
      throw DataError("integrity_check of " + path.string() + ": " + integrity);
  }
  store::RunStore store(path);
  int done = 0, running = 0;
  std::string broken;
  for (const auto& summary : store.list()) {
    const auto record = store.get(summary.id);
    if (record.config.value("method", "") != "stress") continue;
    const std::string problem = check_run(record);
    if (!problem.empty()) broken += "\n  run " + std::to_string(summary.id) + " " + problem;
    (summary.status == store::RunStatus::done ? done : running) += 1;
  }
  std::cout << "integrity_check ok; done runs " << done << ", unfinished runs " << running
            << "; broken " << (broken.empty() ? "none" : broken) << "\n";
  if (!broken.empty()) throw DataError("run store " + path.string() + " has broken runs");
}

}  // namespace

void register_runs_stress_commands(CLI::App& root, CLI::App& runs) {
  auto o = std::make_shared<StressOptions>();
  auto* write = runs.add_subcommand("stress-write", "Write runs of known values until killed");
  write->group("");  // hidden: a test tool, not a user command
  write->add_option("--steps", o->steps, "Steps per run")->check(CLI::Range(1, 100000));
  write->add_option("--batch", o->batch, "Steps per transaction")->check(CLI::Range(1, 100000));
  write->add_option("--runs", o->runs, "Runs to write (0: until killed)")
      ->check(CLI::Range(0, 1000000));
  write->callback([&root, o] { stress_write(root, *o); });

  auto* check = runs.add_subcommand("stress-check", "Check what stress-write left");
  check->group("");
  check->callback([&root] { stress_check(root); });
}

}  // namespace xdd::cli
