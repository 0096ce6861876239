#pragma once
// Where LibTorch computes: thread count and device, set once per process and shown to the user.
#include <torch/types.h>

#include "config/run_settings.h"

namespace xdd {

// Sets LibTorch's intra-op threads (0 means all cores) and flushes float denormals to zero on the
// calling thread and the threads it starts afterwards. Returns the thread count in force. Call it
// on the thread that trains, before its first tensor operation.
int set_compute_threads(int threads);

// kAuto: CUDA when this LibTorch has it and a GPU is present, else CPU. InvalidArgument for kCuda
// without CUDA.
torch::Device resolve_device(DeviceChoice choice);

// Gives the calling thread, and the threads it starts afterwards (they inherit it), a lower
// scheduling priority (nice 10). The app's training and t-SNE workers call it first thing, so the
// UI thread gets a core whenever it has a frame to draw. Best effort: a refusal changes nothing.
void run_at_background_priority();
// The lowest priority (nice 19), for work about a finished run (its t-SNE layouts): a run the user
// started since then trains first.
void run_at_lowest_priority();

}  // namespace xdd
