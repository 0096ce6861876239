#include "core/compute.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <torch/cuda.h>
#include <unistd.h>

#include <thread>

#include "core/error.h"

namespace xdd {

int set_compute_threads(int threads) {
  if (threads < 0)
    throw InvalidArgument("threads must be >= 0 (0 = all cores), got " + std::to_string(threads));
  if (threads == 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  at::set_num_threads(threads);
  // A trained discriminator's activations and gradients hold float32 denormals (below 1.2e-38),
  // which x86 computes in microcode about 100x slower: they made a re-training step 67 ms instead
  // of 34 (`xdd run`, held-out 8, 2 threads). Flushed to zero they change no reported digit (the
  // same run's AUPRCs agree to 16 places); PyTorch has the same switch, torch.set_flush_denormal.
  at::globalContext().setFlushDenormal(true);
  return at::get_num_threads();
}

torch::Device resolve_device(DeviceChoice choice) {
  switch (choice) {
    case DeviceChoice::kCpu:
      return torch::kCPU;
    case DeviceChoice::kCuda:
      if (!torch::cuda::is_available()) {
        throw InvalidArgument(
            "--device cuda: this LibTorch build has no CUDA or no GPU is visible");
      }
      return torch::kCUDA;
    case DeviceChoice::kAuto:
      return torch::cuda::is_available() ? torch::kCUDA : torch::kCPU;
  }
  throw InvalidArgument("unknown device choice");
}

namespace {

void set_this_thread_nice(int nice) {
#ifdef __linux__
  // On Linux the nice value belongs to a thread: PRIO_PROCESS with a thread id changes that one.
  const auto tid = static_cast<id_t>(syscall(SYS_gettid));
  (void)setpriority(PRIO_PROCESS, tid, nice);
#else
  (void)nice;
#endif
}

}  // namespace

void run_at_background_priority() {
  set_this_thread_nice(10);
}

void run_at_lowest_priority() {
  set_this_thread_nice(19);
}

}  // namespace xdd
