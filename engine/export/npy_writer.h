#pragma once
// NumPy .npy files (format 1.0, little-endian, C order) so embeddings open with numpy.load.
#include <cstddef>
#include <filesystem>
#include <string>

namespace xdd::data_export {

// The file bytes of a rows x cols float32 array ('<f4').
std::string npy_bytes(const float* data, std::size_t rows, std::size_t cols);

// Writes the array atomically; IoError (and no partial file) if it cannot be written.
void write_npy(const std::filesystem::path& path, const float* data, std::size_t rows,
               std::size_t cols);

}  // namespace xdd::data_export
