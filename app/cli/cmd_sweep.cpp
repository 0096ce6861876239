// `xdd sweep`: held-out digits x methods x betas x repetitions, each an `xdd run` in its own
// folder, a few processes at a time, recorded in the run store; rerunning the same command skips
// what is done, so an interrupted sweep resumes where it stopped.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/experiment_flags.h"
#include "cli/store_option.h"
#include "cli/sweep_plan.h"
#include "cli/sweep_runner.h"
#include "core/atomic_file.h"
#include "core/error.h"

namespace xdd::cli {
namespace {

struct SweepFlags {
  std::string holdouts = "0-9";
  std::vector<std::string> methods = {"xdd"};
  std::vector<double> betas = {1.0};
  int reps = 1;
  int parallel = 1;
  int max_starts = -1;
  std::string out = "out/sweep";
};

// A sweep folder's job names carry only digit, method, beta and seed; every other setting is in its
// sweep-config.json. Reusing the folder with other settings would mistake their runs for done ones.
void check_same_settings(const std::filesystem::path& config_file, const ExperimentConfig& base) {
  if (!std::filesystem::exists(config_file)) return;
  std::ifstream in(config_file);
  const nlohmann::json before = nlohmann::json::parse(in, nullptr, false);
  nlohmann::json now = to_json(base);
  if (before.is_discarded()) {
    throw DataError(config_file.string() + " is not valid JSON; remove it or use another --out");
  }
  // Per-job settings, and where and how fast it computes, may differ between invocations.
  for (const char* key : {"holdout", "method", "beta", "seed", "threads", "device", "cache_dir"}) {
    now.erase(key);
  }
  for (const auto& item : now.items()) {
    if (!before.contains(item.key()) || before[item.key()] != item.value()) {
      throw InvalidArgument("the sweep folder " + config_file.parent_path().string() +
                            " holds runs with another " + item.key() + " (" +
                            (before.contains(item.key()) ? before[item.key()].dump() : "unset") +
                            ", now " + item.value().dump() + "); use another --out");
    }
  }
}

void run_sweep_command(const CLI::App& root, const ExperimentFlags& experiment,
                       const SweepFlags& f) {
  ExperimentConfig base = experiment.config();
  if (base.threads == 0) {
    // Share the cores between the processes instead of each taking all of them.
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    base.threads = std::max(1, cores / std::max(1, f.parallel));
  }
  SweepGrid grid{parse_digit_list(f.holdouts), f.methods, f.betas, f.reps};
  const std::filesystem::path dir = std::filesystem::absolute(f.out);
  const std::vector<SweepJob> jobs = plan_sweep(grid, dir);
  const std::filesystem::path config_file = dir / "sweep-config.json";
  check_same_settings(config_file, base);
  ensure_directory(dir);
  write_text_atomically(config_file, to_json(base).dump(2) + "\n");

  SweepRunOptions options;
  options.program = "/proc/self/exe";
  options.base_config = config_file;
  options.store = store_path(root);
  options.parallel = f.parallel;
  options.max_starts = f.max_starts;
  const SweepSummary s = run_sweep(jobs, options);
  std::printf("sweep done: %d jobs, %d were already done, %d ran, %d failed; runs in %s\n", s.total,
              s.already_done, s.ran, s.failed, options.store.c_str());
  if (s.failed > 0) throw TrainingError(std::to_string(s.failed) + " sweep job(s) failed");
}

}  // namespace

void register_sweep_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "sweep", "Run held-out digits x methods x betas x repetitions; resumable via the run store");
  auto experiment = std::make_shared<ExperimentFlags>(cmd);
  auto f = std::make_shared<SweepFlags>();
  cmd->add_option("--holdouts", f->holdouts, "Held-out digits, e.g. 0-9 or 1,3,8")
      ->capture_default_str();
  cmd->add_option("--methods", f->methods, "Losses: xdd softmax mcdd isomax isomax_plus snn svdd")
      ->check(CLI::IsMember({"xdd", "softmax", "mcdd", "isomax", "isomax_plus", "snn", "svdd"}))
      ->capture_default_str();
  cmd->add_option("--betas", f->betas, "XDD betas (baselines run once per seed)")
      ->capture_default_str();
  cmd->add_option("--reps", f->reps, "Repetitions: seeds 0 .. reps-1")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--jobs", f->parallel, "Runs at once (each gets cores / jobs threads)")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->add_option("--out", f->out, "Folder of the sweep's run folders")->capture_default_str();
  // Hidden: stop after starting this many jobs (tests of resuming an interrupted sweep).
  cmd->add_option("--max-starts", f->max_starts)->group("");
  add_store_option(app, *cmd);
  cmd->callback([&app, experiment, f] { run_sweep_command(app, *experiment, *f); });
}

}  // namespace xdd::cli
