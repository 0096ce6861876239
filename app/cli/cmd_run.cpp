// `xdd run`: the paper's protocol for one held-out digit (pre-train if not cached, score, re-train,
// score).
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/experiment_flags.h"
#include "cli/run_observer.h"
#include "cli/store_option.h"
#include "core/atomic_file.h"
#include "pipeline/experiment.h"
#include "pipeline/finished_run.h"
#include "pipeline/run_outputs.h"

namespace xdd::cli {
namespace {

std::string default_out_dir(const ExperimentConfig& c) {
  return "out/" + run_folder_name(c.holdout, c.method, c.beta, c.seed);
}

void print_summary(const RunOutcome& o, const std::string& out_dir) {
  std::printf("dataset %s (%lld test images), held-out digit %d, method %s, beta %g, seed %llu\n",
              o.dataset_name.c_str(), static_cast<long long>(o.test_labels.numel()),
              o.config.holdout, setting_name(o.config.method), o.config.beta,
              static_cast<unsigned long long>(o.config.seed));
  std::printf("threads %d, device %s, GAN %s\n", o.threads, o.device.c_str(),
              o.gan_from_cache ? "from cache" : "pre-trained now");
  std::printf("%-26s %8s %8s %8s\n", "", "AUPRC", "AUROC", "FPR95");
  auto row = [](const char* name, const DetectionMetrics& m) {
    std::printf("%-26s %8.4f %8.4f %8.4f\n", name, m.auprc, m.auroc, m.fpr95);
  };
  row("before re-training (KDE)", o.before);
  row("after re-training (KDE)", o.after);
  row("after, method's own score", o.after_own);
  row("before (nearest labeled)", o.before_nearest);
  row("after (nearest labeled)", o.after_nearest);
  std::printf(
      "class entanglement of 1,000 test embeddings (SNN loss at its minimising T): "
      "%.3f before (T = %.3g x median), %.3f after (T = %.3g x median); at the median T "
      "%.3f -> %.3f\n",
      o.entanglement_before.minimum, o.entanglement_before.temperature,
      o.entanglement_after.minimum, o.entanglement_after.temperature,
      o.entanglement_before.at_median, o.entanglement_after.at_median);
  std::printf("chance AUPRC %.4f; wrote %s/{metrics.json,losses.csv,scores.csv,config.json}\n",
              o.chance_auprc, out_dir.c_str());
}

// Records the finished run in the run store. The run's files are already written, so a store that
// cannot be opened costs a warning, not the run. A re-run into the same folder replaces the old
// record: its files were just overwritten.
void record_in_store(const std::filesystem::path& db_file, const std::string& out_dir) {
  try {
    const std::int64_t id = record_run_folder(db_file, out_dir);
    std::printf("recorded as run %lld in %s\n", static_cast<long long>(id),
                db_file.string().c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "warning: the run is in %s but was not recorded in the run store: %s\n",
                 out_dir.c_str(), e.what());
  }
}

// The terminal observer, also keeping the embeddings before and after re-training for the layouts.
ExperimentObserver capturing_observer(FinishedRun& run) {
  ExperimentObserver observer = terminal_observer();
  auto show = observer.on_embedding;
  observer.on_embedding = [&run, show](const EmbeddingUpdate& update) {
    run.keep_embedding(update);
    if (show) show(update);
  };
  return observer;
}

}  // namespace

void register_run_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "run", "Pre-train (or reuse the cached GAN), score, re-train, score again");
  auto flags = std::make_shared<ExperimentFlags>(cmd);
  auto out_dir = std::make_shared<std::string>();
  cmd->add_option("--out", *out_dir,
                  "Output folder (default out/h<holdout>-<method>-beta<b>-seed<s>)");
  auto layouts = std::make_shared<bool>(true);
  cmd->add_flag("!--no-layouts", *layouts,
                "Skip the t-SNE layouts of the embeddings before and after (Figures 2-3)");
  auto record = std::make_shared<bool>(true);
  cmd->add_flag("!--no-store", *record, "Do not record the run in the run store (see --store)");
  add_store_option(app, *cmd);
  cmd->callback([&app, flags, out_dir, layouts, record] {
    const ExperimentConfig config = flags->config();
    const std::string out = out_dir->empty() ? default_out_dir(config) : *out_dir;
    ensure_directory(out);  // fail now, not after an hour of training, if --out is unusable
    FinishedRun run;
    run.outcome = run_experiment(config, capturing_observer(run));
    if (*layouts) {
      std::printf("t-SNE of the test embeddings before and after re-training ...\n");
      std::fflush(stdout);
    }
    const RunFolderLayouts written = write_run_folder(run, out, {*layouts, run.outcome.threads});
    print_summary(run.outcome, out);
    if (written.written) {
      std::printf("wrote layout_before.csv (KL %.3f) and layout_after.csv (KL %.3f)\n",
                  written.kl_before, written.kl_after);
    }
    if (*record) record_in_store(store_path(app), out);
  });
}

}  // namespace xdd::cli
