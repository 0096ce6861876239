// `xdd sweep`: held-out digits x methods x betas x repetitions, each an `xdd run` in its own
// folder, a few processes at a time, recorded in the run store; rerunning the same command skips
// what is done, so an interrupted sweep resumes where it stopped. On a cluster the same sweep is
// split into array tasks (--count-tasks, --array-task) whose runs --merge brings into the store
// (docs/CLUSTER.md).
#include <sched.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/experiment_flags.h"
#include "cli/store_option.h"
#include "cli/sweep_merge.h"
#include "cli/sweep_plan.h"
#include "cli/sweep_runner.h"
#include "cli/sweep_tasks.h"
#include "core/atomic_file.h"
#include "core/error.h"
#include "losses/loss_options.h"

namespace xdd::cli {
namespace {
namespace fs = std::filesystem;

struct SweepFlags {
  std::string holdouts = "0-9";
  std::vector<std::string> methods = {"xdd"};
  std::vector<double> betas = {1.0};
  int reps = 1;
  int parallel = 1;
  int max_starts = -1;
  std::string out = "out/sweep";
  bool no_store = false;
  bool no_layouts = false;
  bool count_tasks = false;
  bool list_tasks = false;
  std::string array_task;  // empty: the whole sweep in this process
  bool merge = false;
};

// The cores this process may use: its CPU affinity (what Slurm or taskset granted it), not every
// core of the machine.
int usable_cores() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// A sweep folder's job names carry only digit, method, beta and seed; every other setting is in its
// sweep-config.json. Reusing the folder with other settings would mistake their runs for done ones.
void check_same_settings(const fs::path& config_file, const ExperimentConfig& base) {
  if (!fs::exists(config_file)) return;
  std::ifstream in(config_file);
  const nlohmann::json parsed = nlohmann::json::parse(in, nullptr, false);
  const nlohmann::json before = with_current_meaning(parsed);
  nlohmann::json now = to_json(base);
  if (parsed.is_discarded()) {
    throw DataError(config_file.string() + " is not valid JSON; remove it or use another --out");
  }
  // Per-job settings, and where and how fast it computes, may differ between invocations.
  for (const char* key : {"holdout", "method", "beta", "seed", "threads", "device", "cache_dir"}) {
    now.erase(key);
  }
  // A setting added by a later version is absent from older folders; its default is what they ran.
  const nlohmann::json defaults = to_json(ExperimentConfig{});
  for (const auto& item : now.items()) {
    const nlohmann::json& then =
        before.contains(item.key()) ? before[item.key()] : defaults[item.key()];
    if (then != item.value()) {
      throw InvalidArgument("the sweep folder " + config_file.parent_path().string() +
                            " holds runs with another " + item.key() + " (" + then.dump() +
                            ", now " + item.value().dump() + "); use another --out");
    }
  }
}

// The array task this process runs, if any, checked before anything is written.
std::optional<ArrayTask> chosen_task(const CLI::App& root, const SweepGrid& grid,
                                     const SweepFlags& f) {
  if (f.array_task.empty()) return std::nullopt;
  const CLI::Option* store_flag = root.get_option_no_throw("--store");
  if (store_flag && store_flag->count() > 0) {
    throw InvalidArgument(
        "sweep: an array task records into its own store (<out>/tasks/task-<i>.db); --store "
        "names the store that `xdd sweep --merge` imports into");
  }
  return array_task(grid, parse_array_task_index(f.array_task));
}

void run_sweep_command(const CLI::App& root, const ExperimentFlags& experiment,
                       const SweepFlags& f) {
  std::vector<Method> methods;
  for (const std::string& name : f.methods)
    methods.push_back(parse_setting<Method>("--methods", name));
  const SweepGrid grid{parse_digit_list(f.holdouts), methods, f.betas, f.reps};
  const fs::path dir = fs::absolute(f.out);
  const std::vector<SweepJob> jobs = plan_sweep(grid, dir);
  if (f.count_tasks) {
    std::printf("%d\n", array_task_count(grid));
    return;
  }
  if (f.list_tasks) {
    std::printf("%s", task_list(grid, jobs).c_str());
    return;
  }
  const std::optional<ArrayTask> task = chosen_task(root, grid, f);
  ExperimentConfig base = experiment.config();
  const fs::path config_file = dir / "sweep-config.json";
  check_same_settings(config_file, base);
  if (f.merge) {
    merge_sweep(grid, jobs, store_path(root), !f.no_layouts);
    return;
  }
  if (base.threads == 0) {
    // Share the cores between the processes instead of each taking all of them.
    base.threads = std::max(1, usable_cores() / std::max(1, f.parallel));
  }
  ensure_directory(dir);
  write_text_atomically(config_file, to_json(base).dump(2) + "\n");

  SweepRunOptions options;
  options.program = "/proc/self/exe";
  options.base_config = config_file;
  options.store = f.no_store ? fs::path() : store_path(root);
  options.parallel = f.parallel;
  options.max_starts = f.max_starts;
  options.layouts = !f.no_layouts;
  std::vector<SweepJob> to_run = jobs;
  if (task) {
    to_run = jobs_of_task(jobs, *task);
    const std::string name = "task-" + std::to_string(task->index);
    // Its own copy of the settings for its runs: tasks on other nodes may use other thread counts.
    options.base_config = dir / "tasks" / (name + ".config.json");
    write_text_atomically(options.base_config, to_json(base).dump(2) + "\n");
    if (!f.no_store) options.store = dir / "tasks" / (name + ".db");
    std::printf("array task %d of %d: held-out digit %d, seed %llu, %zu jobs\n", task->index,
                array_task_count(grid), task->holdout, static_cast<unsigned long long>(task->seed),
                to_run.size());
  }
  const SweepSummary s = run_sweep(to_run, options);
  std::printf("sweep done: %d jobs, %d were already done, %d ran, %d failed; runs in %s\n", s.total,
              s.already_done, s.ran, s.failed,
              options.store.empty() ? dir.c_str() : options.store.c_str());
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
  cmd->add_option("--methods", f->methods,
                  "Losses: xdd softmax mcdd isomax isomax_plus snn svdd, or the control bn_only")
      ->check(CLI::IsMember(setting_names<Method>()))
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
  auto* no_store = cmd->add_flag(
      "--no-store", f->no_store,
      "Record nothing; a job is done when its folder has metrics.json (merge later with --merge)");
  cmd->add_flag("--no-layouts", f->no_layouts,
                "Skip the t-SNE layouts of each run (most of a run's time when the GAN is cached)");
  auto* count = cmd->add_flag("--count-tasks", f->count_tasks,
                              "Print the number of array tasks (held-out digits x reps) and exit");
  auto* list = cmd->add_flag("--list-tasks", f->list_tasks,
                             "Print each array task's held-out digit, seed and job folders");
  auto* task = cmd->add_option("--array-task", f->array_task,
                               "Run only array task I (0-based; 'slurm': $SLURM_ARRAY_TASK_ID), "
                               "recording into <out>/tasks/task-I.db")
                   ->type_name("I|slurm");
  auto* merge = cmd->add_flag("--merge", f->merge,
                              "Import the finished runs of all tasks into the run store (--store)");
  merge->excludes(task)->excludes(no_store);
  for (auto* info : {count, list}) info->excludes(task)->excludes(merge);
  count->excludes(list);
  // Hidden: stop after starting this many jobs (tests of resuming an interrupted sweep).
  cmd->add_option("--max-starts", f->max_starts)->group("");
  add_store_option(app, *cmd);
  cmd->callback([&app, experiment, f] { run_sweep_command(app, *experiment, *f); });
}

}  // namespace xdd::cli
