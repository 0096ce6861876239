// `xdd bench`: speed of the pieces that dominate run time, measured the way scripts/bench/ compares
// them with PyTorch-Python (docs/bench/pretrain.md).
//   xdd bench pretrain --preset paper --batches 30 --threads 2   images/s of full GAN steps
//   xdd bench sgemm --size 2048 --threads 2                       GFLOP/s of torch::mm
//   xdd bench retrain --method xdd --threads 2                    a re-training step by phase
//   xdd bench scoring --threads 2                                 a test-set scoring by phase
#include <sys/resource.h>

#include <chrono>
#include <iostream>
#include <memory>

#include <torch/csrc/autograd/profiler_legacy.h>

#include "cli/bench_publish.h"
#include "cli/bench_retrain.h"
#include "cli/bench_scoring.h"
#include "cli/commands.h"
#include "cli/validators.h"
#include "core/compute.h"
#include "core/error.h"
#include "core/stopwatch.h"
#include "losses/loss_options.h"
#include "models/flop_count.h"
#include "models/presets.h"
#include "training/gan_trainer.h"

namespace xdd::cli {

namespace {

using Clock = std::chrono::steady_clock;

// CPU time of the whole process (all threads): robust to other processes sharing the cores, so
// useful for comparing single-threaded variants on a busy machine.
double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec * 1e-6; };
  return secs(usage.ru_utime) + secs(usage.ru_stime);
}

struct PretrainArgs {
  std::string preset = "paper";
  int batches = 30;
  int warmup = 3;
  int threads = 2;
  std::string trace;     // chrome://tracing file of the timed steps, when not empty
  int gen_channels = 0;  // overrides the preset's generator width when > 0
};

void bench_pretrain(const PretrainArgs& a) {
  const int threads = set_compute_threads(a.threads);
  Preset preset = preset_for(parse_setting<GanPreset>("preset", a.preset));
  if (a.gen_channels > 0) preset.net.gen_channels = a.gen_channels;
  const int batch = preset.batch_size;
  torch::manual_seed(0);
  // Random images in [-1, 1]: the step's cost does not depend on pixel values. Four batches, so the
  // trainer's shuffling and batch gathering are part of what is timed.
  const torch::Tensor images = torch::rand({4 * batch, 1, 28, 28}) * 2 - 1;
  GanOptions options;
  options.batch_size = batch;
  options.epochs = (a.warmup + a.batches) / 4 + 1;
  GanTrainer trainer(Generator(preset.net), Discriminator(), images, options, torch::kCPU);
  for (int i = 0; i < a.warmup; ++i) trainer.step();
  const auto start = Clock::now();
  const double cpu_start = process_cpu_seconds();
  {
    std::unique_ptr<torch::autograd::profiler::RecordProfile> trace;
    if (!a.trace.empty())
      trace = std::make_unique<torch::autograd::profiler::RecordProfile>(a.trace);
    for (int i = 0; i < a.batches; ++i) trainer.step();
  }
  const double seconds = seconds_since(start);
  const double cpu_ms_per_image = (process_cpu_seconds() - cpu_start) * 1e3 / (a.batches * batch);
  const double images_per_s = a.batches * batch / seconds;
  const double flops = gan_step_flops_per_image(preset.net);
  std::cout << "cpp preset=" << a.preset << " gen_channels=" << preset.net.gen_channels
            << " threads=" << threads << " batches=" << a.batches
            << " images_per_s=" << images_per_s << " gflop_per_image=" << flops / 1e9
            << " gflops=" << images_per_s * flops / 1e9 << " cpu_ms_per_image=" << cpu_ms_per_image
            << "\n";
}

void bench_sgemm(int size, int repeats, int threads_wanted) {
  const int threads = set_compute_threads(threads_wanted);
  torch::manual_seed(0);
  const torch::Tensor a = torch::randn({size, size});
  const torch::Tensor b = torch::randn({size, size});
  torch::Tensor c = torch::mm(a, b);  // warm-up: thread pool and BLAS buffers
  const auto start = Clock::now();
  const double cpu_start = process_cpu_seconds();
  for (int i = 0; i < repeats; ++i) torch::mm_out(c, a, b);
  const double seconds = seconds_since(start);
  const double cpu_seconds = process_cpu_seconds() - cpu_start;
  const double n = size;
  const double flops = repeats * 2.0 * n * n * n;
  std::cout << "sgemm size=" << size << " threads=" << threads << " repeats=" << repeats
            << " gflops=" << flops / seconds / 1e9
            << " gflops_per_cpu_s=" << flops / cpu_seconds / 1e9 << "\n";
}

// Every benchmark's --threads: LibTorch threads, 0 = all cores.
void add_threads_option(CLI::App* benchmark, int& threads) {
  benchmark->add_option("--threads", threads, "LibTorch threads (0 = all cores)")
      ->check(non_negative());
}

}  // namespace

void register_bench_command(CLI::App& app) {
  auto* bench = app.add_subcommand("bench", "Measure training and GEMM speed (see docs/bench)");
  bench->require_subcommand(1);

  auto pretrain_args = std::make_shared<PretrainArgs>();
  auto* pretrain =
      bench->add_subcommand("pretrain", "Images/s and GFLOP/s of full GAN pre-training steps");
  pretrain->add_option("--preset", pretrain_args->preset, "Network preset")
      ->check(CLI::IsMember(setting_names<GanPreset>()));
  pretrain->add_option("--batches", pretrain_args->batches, "Timed steps (batch 64)")
      ->check(CLI::Range(1, 100000));
  pretrain->add_option("--warmup", pretrain_args->warmup, "Untimed steps first")
      ->check(CLI::Range(0, 1000));
  add_threads_option(pretrain, pretrain_args->threads);
  pretrain
      ->add_option("--gen-channels", pretrain_args->gen_channels,
                   "Generator width c instead of the preset's (multiple of 8)")
      ->check(CLI::Range(8, 4096));
  pretrain->add_option("--trace", pretrain_args->trace,
                       "Write a chrome://tracing profile of the timed steps to this file");
  pretrain->callback([pretrain_args] { bench_pretrain(*pretrain_args); });

  auto size = std::make_shared<int>(2048);
  auto repeats = std::make_shared<int>(10);
  auto threads = std::make_shared<int>(2);
  auto* sgemm =
      bench->add_subcommand("sgemm", "GFLOP/s of a square float32 matrix product (torch::mm)");
  sgemm->add_option("--size", *size, "Matrix side")->check(CLI::Range(16, 16384));
  sgemm->add_option("--repeats", *repeats, "Timed products")->check(CLI::Range(1, 10000));
  add_threads_option(sgemm, *threads);
  sgemm->callback([size, repeats, threads] { bench_sgemm(*size, *repeats, *threads); });

  auto retrain_args = std::make_shared<RetrainBenchArgs>();
  auto* retrain = bench->add_subcommand(
      "retrain", "Milliseconds per phase of a re-training step and an information-plane point");
  retrain->add_option("--method", retrain_args->method, "Loss")
      ->check(CLI::IsMember(setting_names<Method>()));
  retrain->add_option("--steps", retrain_args->steps, "Timed steps")->check(CLI::Range(1, 100000));
  retrain->add_option("--warmup", retrain_args->warmup, "Untimed steps first")
      ->check(CLI::Range(0, 1000));
  retrain->add_option("--points", retrain_args->points, "Timed information-plane points")
      ->check(CLI::Range(1, 10000));
  add_threads_option(retrain, retrain_args->threads);
  retrain->callback([retrain_args] { bench_retrain(*retrain_args); });

  auto scoring_args = std::make_shared<ScoringBenchArgs>();
  auto* scoring = bench->add_subcommand(
      "scoring", "Milliseconds per phase of scoring one embedding of the test set");
  scoring->add_option("--repeats", scoring_args->repeats, "Timed scorings")
      ->check(CLI::Range(1, 1000));
  scoring->add_option("--test-images", scoring_args->test_images, "Test images embedded and scored")
      ->check(CLI::Range(2, 100000));
  add_threads_option(scoring, scoring_args->threads);
  scoring->callback([scoring_args] { bench_scoring(*scoring_args); });

  auto publish_steps = std::make_shared<int64_t>(10000);
  auto* publish = bench->add_subcommand(
      "publish", "Cost of one snapshot publish early and late in a long re-training");
  publish->add_option("--steps", *publish_steps, "Re-training steps")
      ->check(CLI::Range(int64_t{2}, int64_t{10000000}));
  publish->callback([publish_steps] { bench_publish(*publish_steps); });
}

}  // namespace xdd::cli
