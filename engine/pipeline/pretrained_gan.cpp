#include "pipeline/pretrained_gan.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <optional>
#include <thread>

#include "core/atomic_file.h"
#include "core/error.h"
#include "core/file_lock.h"
#include "data/split.h"
#include "models/presets.h"
#include "training/gan_cache.h"

namespace xdd {
namespace fs = std::filesystem;

namespace {

constexpr int kSamplesShown = 16;

// Runs the trainer to the end, checkpointing each epoch (and on a stop) so the work is never lost.
void train_to_end(GanTrainer& trainer, const fs::path& partial, int epochs, PretrainedGan& out,
                  const ExperimentObserver& observer) {
  const int64_t steps_per_epoch = std::max<int64_t>(1, trainer.total_steps() / std::max(1, epochs));
  while (!trainer.done()) {
    try {
      if (observer.checkpoint) observer.checkpoint();
    } catch (const Cancelled&) {
      trainer.save_checkpoint(partial);
      throw;
    }
    GanStepReport report{};
    try {
      report = trainer.step();
    } catch (const TrainingFault& fault) {
      trainer.save_checkpoint(partial);  // the restored last good state, to resume from later
      if (!observer.on_fault) throw;
      observer.on_fault(fault);
      continue;
    }
    out.history.push_back(report);
    if (observer.on_gan_step) observer.on_gan_step(report);
    if (observer.on_gan_samples && observer.gan_sample_interval > 0 &&
        report.step % observer.gan_sample_interval == 0) {
      observer.on_gan_samples(
          trainer.sample(kSamplesShown, /*seed=*/0));  // same z: watch them sharpen
    }
    if (report.step % steps_per_epoch == 0 && !trainer.done()) trainer.save_checkpoint(partial);
  }
}

// Array tasks of one held-out digit may start together, on one machine or several. The first to
// take <cache file>.lock pre-trains; the others wait here (stoppable) and then read its cache
// file, so each GAN is trained once and every repetition re-trains the same weights. Without flock
// on this file system each process pre-trains: duplicate work, same seed, atomic writes.
void wait_for_other_pretraining(FileLock& lock, const fs::path& cache_file,
                                const ExperimentObserver& observer) {
  bool announced = false;
  while (true) {
    const FileLock::Attempt attempt = lock.try_lock();
    if (attempt == FileLock::Attempt::kHeld) return;
    if (attempt == FileLock::Attempt::kUnsupported) {
      spdlog::warn("no file locks in {}: another process may pre-train this GAN at the same time",
                   cache_file.parent_path().string());
      return;
    }
    if (!announced && observer.on_phase) {
      observer.on_phase(Phase::kPretraining, "waiting for another process pre-training " +
                                                 cache_file.filename().string());
    }
    announced = true;
    if (observer.checkpoint) observer.checkpoint();
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
}

}  // namespace

PretrainedGan obtain_pretrained_gan(const ExperimentConfig& config, const Dataset& train,
                                    const std::string& dataset_key, torch::Device device,
                                    const ExperimentObserver& observer) {
  const Preset preset = preset_for(config.preset);
  const int epochs = config.gan_epochs > 0 ? config.gan_epochs : preset.gan_epochs;
  PretrainedGan out;
  auto fresh_models = [&] {
    torch::manual_seed(config.gan_seed);
    out.generator = Generator(preset.net);
    out.discriminator = Discriminator();
  };
  fresh_models();
  out.cache_file = gan_cache_path(resolved_cache_dir(config), dataset_key, config.holdout,
                                  preset.name, epochs, config.gan_seed);
  const auto start = std::chrono::steady_clock::now();
  auto load_cached = [&] {
    load_models(out.cache_file, out.generator, out.discriminator);
    out.generator->to(device);
    out.discriminator->to(device);
    out.from_cache = true;
    if (observer.on_gan_samples && observer.gan_sample_interval > 0) {  // what the GAN draws
      observer.on_gan_samples(generator_samples(out.generator, kSamplesShown, /*seed=*/0, device));
    }
  };
  if (fs::exists(out.cache_file)) {
    load_cached();
    return out;
  }
  ensure_directory(out.cache_file.parent_path());
  fs::path lock_file = out.cache_file;
  lock_file += ".lock";
  FileLock lock(lock_file);
  wait_for_other_pretraining(lock, out.cache_file, observer);
  if (fs::exists(out.cache_file)) {  // the process we waited for wrote it
    load_cached();
    return out;
  }

  const Dataset unlabeled = exclude_class(train, config.holdout);
  GanOptions options;
  options.fault = parse_fault_injection(config.inject_fault, "inject_fault");
  options.epochs = epochs;
  options.batch_size = preset.batch_size;
  options.seed = config.gan_seed;
  std::optional<GanTrainer> trainer;
  trainer.emplace(out.generator, out.discriminator, unlabeled.images, options, device);
  fs::path partial = out.cache_file;
  partial += ".partial";
  if (fs::exists(partial)) {
    try {
      trainer->load_checkpoint(partial);
      spdlog::info("resuming pre-training from {} at step {}", partial.string(),
                   trainer->step_count());
    } catch (const DataError& e) {
      // Our own interrupted work, unreadable (e.g. the disk filled): start over rather than fail.
      spdlog::warn("ignoring an unreadable partial checkpoint ({}); pre-training from the start",
                   e.what());
      fresh_models();
      trainer.emplace(out.generator, out.discriminator, unlabeled.images, options, device);
    }
  }
  train_to_end(*trainer, partial, epochs, out, observer);
  save_models(out.cache_file, out.generator, out.discriminator);
  std::error_code ignored;
  fs::remove(partial, ignored);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace xdd
