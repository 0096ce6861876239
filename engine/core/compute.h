#pragma once
// Where LibTorch computes: thread count and device, set once per process and shown to the user.
#include <torch/types.h>

#include <string>

namespace xdd {

// Sets LibTorch's intra-op threads; 0 means all cores. Returns the count in force.
int set_compute_threads(int threads);

// "auto" (CUDA when this LibTorch has it and a GPU is present, else CPU), "cpu" or "cuda".
// InvalidArgument for another name or for "cuda" without CUDA.
torch::Device resolve_device(const std::string& name);

}  // namespace xdd
