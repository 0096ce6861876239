#include "export/npy_writer.h"

#include <cstring>

#include "core/atomic_file.h"

namespace xdd::data_export {

std::string npy_bytes(const float* data, std::size_t rows, std::size_t cols) {
  static_assert(sizeof(float) == 4, "float32 expected");
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" +
                       std::to_string(rows) + ", " + std::to_string(cols) + "), }";
  // Magic (6) + version (2) + header length (2) + header, padded with spaces and ended by a
  // newline so the data starts on a 64-byte boundary, as the format asks.
  const std::size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header.push_back('\n');
  std::string out("\x93NUMPY\x01\x00", 8);
  out.push_back(static_cast<char>(header.size() & 0xff));
  out.push_back(static_cast<char>((header.size() >> 8) & 0xff));
  out += header;
  const std::size_t n = rows * cols * sizeof(float);
  const std::size_t at = out.size();
  out.resize(at + n);
  // The project only targets little-endian machines (x86-64, aarch64), so the bytes copy as is.
  if (n) std::memcpy(&out[at], data, n);
  return out;
}

void write_npy(const std::filesystem::path& path, const float* data, std::size_t rows,
               std::size_t cols) {
  write_text_atomically(path, npy_bytes(data, rows, cols));
}

}  // namespace xdd::data_export
