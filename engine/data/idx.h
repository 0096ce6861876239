#pragma once
// The IDX format of the MNIST files (LeCun): magic 00 00 <type> <ndims>, ndims big-endian uint32
// sizes, then the data. Only unsigned-byte data (type 0x08) is read; that is what MNIST-like sets
// hold.
#include <cstdint>
#include <filesystem>
#include <vector>

namespace xdd {

struct IdxArray {
  std::vector<int64_t> dims;   // as in the header, outermost first
  std::vector<uint8_t> bytes;  // the data, row-major, product(dims) bytes
};

// Reads a raw or gzip IDX file (gzip detected by its 1f 8b magic). Throws IoError when the file is
// missing or unreadable, DataError naming the file for a wrong magic or type byte, no dimensions,
// sizes that overflow or exceed what the file can hold, a file shorter than its header says, or
// bytes after the data. Nothing larger than the file can hold is ever allocated.
IdxArray read_idx(const std::filesystem::path& file);

// The header bytes a file holding `array` starts with; with array.bytes they re-create the file's
// decompressed content exactly (used for the dataset checksum).
std::vector<uint8_t> idx_header(const IdxArray& array);

}  // namespace xdd
