#include "data/byte_source.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.h"

namespace xdd {
namespace fs = std::filesystem;

namespace {

// Deflate emits at least one bit per 258 output bytes, so no gzip file expands by more than about
// 1032:1; anything a header claims beyond that cannot be in the file.
constexpr uint64_t kMaxDeflateRatio = 1032;

class RawSource : public ByteSource {
 public:
  RawSource(std::ifstream in, const fs::path& file, uint64_t size)
      : in_(std::move(in)), file_(file), size_(size) {}

  size_t read(uint8_t* dst, size_t n) override {
    in_.read(reinterpret_cast<char*>(dst), static_cast<std::streamsize>(n));
    if (in_.bad()) throw IoError("cannot read " + file_.string() + ": " + std::strerror(errno));
    return static_cast<size_t>(in_.gcount());
  }
  uint64_t max_content_size() const override { return size_; }
  bool compressed() const override { return false; }

 private:
  std::ifstream in_;
  fs::path file_;
  uint64_t size_;
};

// Holds the compressed file (bounded by its size on disk) and inflates it on demand. Concatenated
// gzip members are one stream, as gunzip treats them; any other byte after the last member is an
// error.
class GzipSource : public ByteSource {
 public:
  GzipSource(std::vector<uint8_t> compressed, const fs::path& file)
      : input_(std::move(compressed)), file_(file) {
    std::memset(&zs_, 0, sizeof(zs_));
    if (inflateInit2(&zs_, 16 + MAX_WBITS) != Z_OK) {
      throw Error("zlib could not start inflating " + file_.string());
    }
  }
  ~GzipSource() override { inflateEnd(&zs_); }
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;

  uint64_t max_content_size() const override { return input_.size() * kMaxDeflateRatio; }
  bool compressed() const override { return true; }

  size_t read(uint8_t* dst, size_t n) override {
    size_t produced = 0;
    while (produced < n && !finished_) {
      feed_input();
      const size_t want = std::min<size_t>(n - produced, UINT_MAX);
      zs_.next_out = dst + produced;
      zs_.avail_out = static_cast<uInt>(want);
      const int rc = inflate(&zs_, Z_NO_FLUSH);
      produced += want - zs_.avail_out;
      if (rc == Z_STREAM_END) {
        start_next_member_or_finish();
      } else if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT) {
        fail(std::string("corrupt gzip data (") + (zs_.msg ? zs_.msg : "invalid stream") + ")");
      } else if (rc == Z_MEM_ERROR) {
        throw Error("zlib ran out of memory inflating " + file_.string());
      } else if (consumed_all() && zs_.avail_out != 0) {
        // Output room left but no input: the compressed data ended inside a member.
        fail("truncated: the gzip stream ends before its end-of-stream marker");
      } else if (rc == Z_BUF_ERROR) {
        fail("corrupt gzip data (inflate made no progress)");
      }
    }
    return produced;
  }

 private:
  [[noreturn]] void fail(const std::string& what) { throw DataError(file_.string() + ": " + what); }

  bool consumed_all() const { return zs_.avail_in == 0 && offset_ == input_.size(); }

  // zlib counts input in 32-bit units; hand it the buffer in slices.
  void feed_input() {
    if (zs_.avail_in != 0 || offset_ == input_.size()) return;
    const size_t slice = std::min<size_t>(input_.size() - offset_, UINT_MAX);
    zs_.next_in = input_.data() + offset_;
    zs_.avail_in = static_cast<uInt>(slice);
    offset_ += slice;
  }

  void start_next_member_or_finish() {
    const size_t remaining = zs_.avail_in + (input_.size() - offset_);
    if (remaining == 0) {
      finished_ = true;
      return;
    }
    const size_t pos = input_.size() - remaining;
    if (remaining >= 2 && input_[pos] == 0x1f && input_[pos + 1] == 0x8b) {
      inflateReset(&zs_);
      return;
    }
    fail("trailing garbage: " + std::to_string(remaining) +
         " bytes after the end of the gzip stream");
  }

  std::vector<uint8_t> input_;
  fs::path file_;
  z_stream zs_;
  size_t offset_ = 0;
  bool finished_ = false;
};

}  // namespace

std::unique_ptr<ByteSource> open_byte_source(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(file, ec)) throw IoError("file not found: " + file.string());
  if (!fs::is_regular_file(file, ec)) throw IoError("not a regular file: " + file.string());
  const uint64_t size = fs::file_size(file, ec);
  if (ec) throw IoError("cannot read the size of " + file.string() + ": " + ec.message());
  std::ifstream in(file, std::ios::binary);
  if (!in) throw IoError("cannot open " + file.string() + ": " + std::strerror(errno));

  uint8_t magic[2] = {0, 0};
  in.read(reinterpret_cast<char*>(magic), 2);
  const bool gzip = in.gcount() == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  in.clear();
  in.seekg(0);
  if (!gzip) return std::make_unique<RawSource>(std::move(in), file, size);

  std::vector<uint8_t> compressed(size);
  in.read(reinterpret_cast<char*>(compressed.data()), static_cast<std::streamsize>(size));
  if (static_cast<uint64_t>(in.gcount()) != size) {
    throw IoError("cannot read " + file.string() + ": it changed size while being read");
  }
  return std::make_unique<GzipSource>(std::move(compressed), file);
}

}  // namespace xdd
