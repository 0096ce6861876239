#pragma once
// Sequential readers over a file's content, raw or gzip-decompressed, so that the IDX parser can
// check a header before it allocates anything and never holds more than the file really contains.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>

namespace xdd {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Copies up to n bytes into dst; returns how many (fewer only at the end of the content).
  virtual size_t read(uint8_t* dst, size_t n) = 0;
  // The most content bytes this file can yield: its size for a raw file, a bound from deflate's
  // largest possible compression ratio for a gzip file.
  virtual uint64_t max_content_size() const = 0;
  virtual bool compressed() const = 0;
};

// Opens `file`, detecting gzip by its 1f 8b magic. IoError when it is missing or unreadable.
// Reads throw DataError naming the file for a corrupt or truncated gzip stream, or bytes after it.
std::unique_ptr<ByteSource> open_byte_source(const std::filesystem::path& file);

}  // namespace xdd
