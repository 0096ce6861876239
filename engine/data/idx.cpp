#include "data/idx.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <string>

#include "core/error.h"
#include "data/byte_source.h"

namespace xdd {
namespace fs = std::filesystem;

namespace {

constexpr uint8_t kUnsignedByteType = 0x08;

std::string hex_byte(uint8_t b) {
  char buf[8];
  std::snprintf(buf, sizeof(buf), "0x%02x", b);
  return buf;
}

const char* type_name(uint8_t type) {
  switch (type) {
    case 0x08:
      return "unsigned byte";
    case 0x09:
      return "signed byte";
    case 0x0B:
      return "int16";
    case 0x0C:
      return "int32";
    case 0x0D:
      return "float32";
    case 0x0E:
      return "float64";
    default:
      return "unknown type";
  }
}

class IdxParser {
 public:
  explicit IdxParser(const fs::path& file) : file_(file), source_(open_byte_source(file)) {}

  IdxArray parse() {
    uint8_t magic[4];
    read_exactly(magic, 4, "the 4-byte IDX magic number");
    if (magic[0] != 0 || magic[1] != 0) {
      fail("not an IDX file: it starts with bytes " + hex_byte(magic[0]) + " " +
           hex_byte(magic[1]) + ", expected 0x00 0x00");
    }
    if (magic[2] != kUnsignedByteType) {
      fail("data type byte " + hex_byte(magic[2]) + " (" + type_name(magic[2]) +
           ") is not supported; expected 0x08 (unsigned byte)");
    }
    const int ndims = magic[3];
    if (ndims == 0) fail("the header declares 0 dimensions; expected at least 1");

    IdxArray out;
    uint64_t count = 1;
    bool overflow = false;
    for (int i = 0; i < ndims; ++i) {
      uint8_t b[4];
      read_exactly(b, 4, "the header's " + std::to_string(ndims) + " dimension sizes");
      const uint64_t dim =
          (uint64_t{b[0]} << 24) | (uint64_t{b[1]} << 16) | (uint64_t{b[2]} << 8) | b[3];
      out.dims.push_back(static_cast<int64_t>(dim));
      if (dim != 0 && count > std::numeric_limits<uint64_t>::max() / dim) overflow = true;
      count *= dim;
    }
    const uint64_t header = 4 + 4 * static_cast<uint64_t>(ndims);
    const uint64_t capacity = source_->max_content_size();
    if (overflow || count > capacity - std::min(capacity, header)) {
      check_raw_size(header, count, overflow);
      fail("absurd dimensions " + dims_text(out.dims) + ": " +
           (overflow ? std::string("their product overflows")
                     : std::to_string(count) + " data bytes") +
           ", more than a gzip file of this size can hold");
    }
    if (!source_->compressed()) check_raw_size(header, count, false);

    read_data(out, count);
    uint8_t extra = 0;
    if (source_->read(&extra, 1) != 0) {
      fail("trailing garbage: the content is longer than the " + std::to_string(header + count) +
           " bytes its header declares");
    }
    return out;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw DataError(file_.string() + ": " + what);
  }

  static std::string dims_text(const std::vector<int64_t>& dims) {
    std::string s;
    for (size_t i = 0; i < dims.size(); ++i) s += (i ? "x" : "") + std::to_string(dims[i]);
    return s;
  }

  // A raw file's size is known up front: compare it with what the header needs before reading.
  void check_raw_size(uint64_t header, uint64_t count, bool overflow) const {
    if (source_->compressed()) return;
    const uint64_t size = source_->max_content_size();
    if (overflow || count > size - header) {
      fail("truncated: the header declares " +
           (overflow ? std::string("more than 2^64") : std::to_string(count)) +
           " data bytes but the file holds only " + std::to_string(size - header));
    }
    if (count < size - header) {
      fail("trailing garbage: " + std::to_string(size - header - count) +
           " bytes after the data its header declares");
    }
  }

  // A raw file was measured against the header, so its data is allocated at once. A gzip file's
  // real content is only known by inflating it: grow the buffer as data arrives, so that a header
  // that lies costs no more memory than the content really has.
  void read_data(IdxArray& out, uint64_t count) {
    const std::string what =
        std::to_string(count) + " data bytes for dimensions " + dims_text(out.dims);
    if (!source_->compressed()) {
      out.bytes.resize(count);
      read_exactly(out.bytes.data(), count, what);
      return;
    }
    constexpr uint64_t kChunk = uint64_t{1} << 20;
    out.bytes.reserve(std::min<uint64_t>(count, 64 * kChunk));
    while (out.bytes.size() < count) {
      const size_t before = out.bytes.size();
      const size_t step = static_cast<size_t>(std::min<uint64_t>(kChunk, count - before));
      out.bytes.resize(before + step);
      read_exactly(out.bytes.data() + before, step, what);
    }
  }

  void read_exactly(uint8_t* dst, uint64_t n, const std::string& what) {
    uint64_t got = 0;
    while (got < n) {
      const size_t step = source_->read(dst + got, static_cast<size_t>(n - got));
      if (step == 0) break;
      got += step;
    }
    if (got < n) {
      fail("truncated: the content ends after " + std::to_string(consumed_ + got) +
           " bytes, inside " + what);
    }
    consumed_ += n;
  }

  fs::path file_;
  std::unique_ptr<ByteSource> source_;
  uint64_t consumed_ = 0;
};

}  // namespace

IdxArray read_idx(const fs::path& file) {
  return IdxParser(file).parse();
}

std::vector<uint8_t> idx_header(const IdxArray& array) {
  std::vector<uint8_t> h = {0, 0, kUnsignedByteType, static_cast<uint8_t>(array.dims.size())};
  for (int64_t d : array.dims) {
    const auto u = static_cast<uint32_t>(d);
    h.insert(h.end(), {static_cast<uint8_t>(u >> 24), static_cast<uint8_t>(u >> 16),
                       static_cast<uint8_t>(u >> 8), static_cast<uint8_t>(u)});
  }
  return h;
}

}  // namespace xdd
