// `xdd pretrain`: only step 1 of the protocol, filling the GAN cache (e.g. before a sweep).
#include <cstdio>

#include "cli/commands.h"
#include "cli/experiment_flags.h"
#include "cli/run_observer.h"
#include "core/compute.h"
#include "pipeline/experiment_data.h"
#include "pipeline/pretrained_gan.h"

namespace xdd::cli {

void register_pretrain_command(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("pretrain", "Pre-train the GAN for a held-out digit into the cache");
  auto flags = std::make_shared<ExperimentFlags>(cmd, /*pretrain_only=*/true);
  cmd->callback([flags] {
    const ExperimentConfig config = flags->config();
    const int threads = set_compute_threads(config.threads);
    const torch::Device device = resolve_device(config.device);
    std::fprintf(stderr, "threads %d, device %s\n", threads, device.str().c_str());
    const ExperimentData loaded = load_experiment_data(config);
    const ExperimentObserver observer = terminal_observer();
    const PretrainedGan gan =
        obtain_pretrained_gan(config, loaded.data.train, loaded.cache_key, device, observer);
    observer.on_phase(Phase::kDone, {});
    std::printf("%s %s\n", gan.from_cache ? "already cached:" : "pre-trained and cached:",
                gan.cache_file.c_str());
  });
}

}  // namespace xdd::cli
