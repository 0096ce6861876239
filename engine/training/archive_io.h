#pragma once
// Reading and writing LibTorch archives (checkpoints, cached models) safely: writes are atomic, and
// a missing, truncated or corrupt file, or one whose tensors have other names or shapes than the
// model, gives a typed error naming the file instead of a crash or a silently reshaped model.
#include <torch/nn/module.h>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>

#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace xdd {

// Writes `archive` to `file` atomically (temp file + fsync + rename); IoError if that fails.
void save_archive_atomically(const std::filesystem::path& file,
                             torch::serialize::OutputArchive& archive);

// Opens `file`. IoError if it does not exist or cannot be read, DataError naming it if it is not a
// LibTorch archive (truncated, garbage) or not one of the shape these programs write: the bytes
// are checked completely (training/archive_check.h) before LibTorch parses them.
void open_archive(const std::filesystem::path& file, torch::serialize::InputArchive& archive);

// Runs `read`, which decodes `file`, and turns what LibTorch throws for content it cannot decode
// (c10::Error, torch::jit::ErrorReport, std::out_of_range from its containers, ...) into DataError
// naming the file. The engine's own errors and std::bad_alloc pass unchanged.
void decode_guarded(const std::filesystem::path& file, const std::function<void()>& read);

// Writes a format tag so that load can tell our files from other archives.
void write_format_tag(torch::serialize::OutputArchive& archive, const std::string& tag);
// DataError naming `file` unless the archive carries exactly `tag`.
void check_format_tag(torch::serialize::InputArchive& archive, const std::string& tag,
                      const std::filesystem::path& file);

// Modules to read, each from the sub-archive of its name (the layout torch::nn::Module::save
// writes).
using NamedModules = std::vector<std::pair<std::string, torch::nn::Module*>>;

// Reads the parameters and buffers of every module (recursively) from `archive` into the modules'
// own tensors. Every tensor of every module is checked for presence, dtype and shape before
// anything is copied: DataError naming `file` and the tensor otherwise, with all modules left
// untouched.
void read_modules_checked(torch::serialize::InputArchive& archive, const NamedModules& modules,
                          const std::filesystem::path& file);

}  // namespace xdd
