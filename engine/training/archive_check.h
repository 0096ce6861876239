#pragma once
// The whole check of a LibTorch archive's bytes before LibTorch parses them (see zip_entries.h,
// pickle_check.h, module_source_check.h for why): the zip, its entry names, its version record,
// its pickles and its TorchScript class declarations.
#include <filesystem>
#include <string>

namespace xdd {

// DataError naming `file` unless `bytes` is an archive of the shape torch::serialize::
// OutputArchive writes: one top folder holding version, data.pkl, constants.pkl, code/__torch__.py,
// code/__torch__/___torch_mangle_<n>.py, their .debug_pkl files and data/<n> tensor records.
void check_archive(const std::string& bytes, const std::filesystem::path& file);

}  // namespace xdd
