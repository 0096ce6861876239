#pragma once
// Builds IDX files, good and deliberately broken, for the data suites (header-only: the test
// program compiles only test_*.cpp and test_support.cpp).
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace xdd::test {

using Bytes = std::vector<uint8_t>;

// magic 00 00 <type> <ndims>, big-endian dims, then data.
inline Bytes idx_bytes(const std::vector<uint32_t>& dims, const Bytes& data, uint8_t type = 0x08) {
  Bytes out = {0, 0, type, static_cast<uint8_t>(dims.size())};
  for (uint32_t d : dims) {
    out.insert(out.end(), {static_cast<uint8_t>(d >> 24), static_cast<uint8_t>(d >> 16),
                           static_cast<uint8_t>(d >> 8), static_cast<uint8_t>(d)});
  }
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

// One complete gzip member holding `content`.
inline Bytes gzip_bytes(const Bytes& content) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  Bytes out(deflateBound(&zs, content.size()) + 64);
  zs.next_in = const_cast<uint8_t*>(content.data());
  zs.avail_in = static_cast<uInt>(content.size());
  zs.next_out = out.data();
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
  return out;
}

inline void write_file(const std::filesystem::path& file, const Bytes& bytes) {
  // A new file, not the old one truncated: ext4 flushes a file that was truncated and written
  // again when it is closed (auto_da_alloc), which made the fuzz suites, rewriting one file per
  // case, wait on the disk (1.8 ms a write instead of 0.1 ms here).
  std::error_code ignored;
  std::filesystem::remove(file, ignored);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

// Writes `content` as dir/name, or gzip-compressed as dir/name.gz; returns the path written.
inline std::filesystem::path write_content(const std::filesystem::path& dir,
                                           const std::string& name, const Bytes& content,
                                           bool gzip) {
  const std::filesystem::path file = dir / (gzip ? name + ".gz" : name);
  write_file(file, gzip ? gzip_bytes(content) : content);
  return file;
}

inline Bytes read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The decompressed content of a gzip file.
inline Bytes gunzip_file(const std::filesystem::path& file) {
  gzFile f = gzopen(file.c_str(), "rb");
  if (!f) throw std::runtime_error("cannot open " + file.string());
  Bytes out;
  uint8_t buf[65536];
  int n;
  while ((n = gzread(f, buf, sizeof(buf))) > 0) out.insert(out.end(), buf, buf + n);
  gzclose(f);
  return out;
}

}  // namespace xdd::test
