#pragma once
// The entries of a LibTorch archive, read by hand and checked completely before LibTorch opens the
// file: LibTorch 1.13 hands damaged entries to its parsers without checking their CRC-32, and
// crashes in some of them. Its writer stores most entries uncompressed but deflates a TorchScript
// source file when that makes it smaller.
#include <cstddef>
#include <string>
#include <vector>

namespace xdd {

struct ZipEntry {
  std::string name;
  size_t offset = 0;  // of the entry's data in the file
  size_t size = 0;    // uncompressed
  bool deflated = false;
  std::string inflated;  // the content of a deflated entry
};

// A deflated entry may inflate to at most this (LibTorch deflates only TorchScript source files,
// a few hundred bytes each), so a small hostile entry cannot claim gigabytes.
constexpr size_t kMaxInflatedEntry = size_t{1} << 20;

// The entries of the zip file held in `bytes`. DataError starting with `what` unless the end
// record and the central directory are where they say, every entry lies inside the file, stored
// or deflated (to at most kMaxInflatedEntry bytes, exactly the size the directory gives), its
// local header agrees with the central directory, its name is unique and its content has the
// CRC-32 the directory gives. Zip64 files (over 4 GiB) are refused.
std::vector<ZipEntry> read_stored_zip(const std::string& bytes, const std::string& what);

}  // namespace xdd
