#pragma once
// MNIST-like datasets: the four IDX files of a folder turned into tensors the models consume.
#include <torch/types.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace xdd {

struct Dataset {
  torch::Tensor images;  // float32 [N,1,28,28], pixels scaled to [-1,1] (0 -> -1, 255 -> 1)
  torch::Tensor labels;  // int64 [N], 0..9
  int64_t size() const { return labels.defined() ? labels.size(0) : 0; }
};

struct LoadedData {
  Dataset train, test;
  std::string name;      // "mnist", "fashion-mnist" (recognised by checksum) or the folder's name
  std::string checksum;  // hex FNV-1a-64 over the four decompressed files, train images first
  std::filesystem::path dir;
};

// Loads train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and
// t10k-labels-idx1-ubyte from `dir`, each raw or with a .gz suffix (raw preferred when both exist).
// IoError for a missing folder or file; DataError naming the file for anything read_idx refuses,
// images that are not [N,28,28], labels that are not [N] or exceed 9, or counts that differ.
LoadedData load_dataset(const std::filesystem::path& dir);

// The checksums of the full, original datasets (the same whether the files are raw or gzip).
extern const char* const kMnistChecksum;
extern const char* const kFashionMnistChecksum;

}  // namespace xdd
