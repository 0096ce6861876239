#include "training/zip_entries.h"

#include <zlib.h>

#include <cstdint>
#include <set>

#include "core/error.h"

namespace xdd {
namespace {

constexpr uint32_t kStored = 0, kDeflated = 8;
constexpr uint32_t kEndSignature = 0x06054b50;
constexpr uint32_t kCentralSignature = 0x02014b50;
constexpr uint32_t kLocalSignature = 0x04034b50;
constexpr uint32_t kZip64Signature = 0x06064b50;
constexpr uint32_t kZip64LocatorSignature = 0x07064b50;
constexpr size_t kEndSize = 22, kCentralSize = 46, kLocalSize = 30;
constexpr size_t kZip64Records = 56 + 20, kZip64LocatorSize = 20;

class ZipReader {
 public:
  ZipReader(const std::string& bytes, const std::string& what) : b_(bytes), what_(what) {}

  std::vector<ZipEntry> entries() {
    const size_t end = find_end_record();
    const size_t count = u16(end + 10);
    const size_t directory_size = u32(end + 12);
    const size_t directory = u32(end + 16);
    if (u16(end + 8) != count || count == 0xffff || directory == 0xffffffff) {
      fail("a zip64 or multi-disk archive, which these programs never write");
    }
    // LibTorch's writer puts a zip64 end record and locator (76 bytes) between the directory and
    // the end record even when no field needs 64 bits.
    const bool zip64_records = end >= kZip64Records &&
                               u32(end - kZip64Records) == kZip64Signature &&
                               u32(end - kZip64LocatorSize) == kZip64LocatorSignature;
    const size_t directory_end = zip64_records ? end - kZip64Records : end;
    if (directory > directory_end || directory_size != directory_end - directory) {
      fail("its central directory is not where the end record says");
    }
    std::vector<ZipEntry> out;
    std::set<std::string> names;
    size_t at = directory;
    for (size_t i = 0; i < count; ++i) {
      ZipEntry e = central_entry(at, directory);
      if (!names.insert(e.name).second) fail("the entry '" + e.name + "' appears twice");
      out.push_back(std::move(e));
    }
    if (at != directory_end) fail("its central directory holds more than its entries");
    return out;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw DataError(what_ + " is corrupt or not an archive: " + why);
  }

  void need(size_t at, size_t n) const {
    if (at > b_.size() || n > b_.size() - at) fail("it is truncated");
  }
  uint32_t u16(size_t at) const {
    need(at, 2);
    return static_cast<uint8_t>(b_[at]) |
           (static_cast<uint32_t>(static_cast<uint8_t>(b_[at + 1])) << 8);
  }
  uint32_t u32(size_t at) const { return u16(at) | (u16(at + 2) << 16); }

  // The end record is the last 22 bytes unless a comment follows it (up to 64 KiB).
  size_t find_end_record() const {
    if (b_.size() < kEndSize) fail("it is too short to be a zip file");
    const size_t lowest = b_.size() > kEndSize + 0xffff ? b_.size() - kEndSize - 0xffff : 0;
    for (size_t at = b_.size() - kEndSize + 1; at-- > lowest;) {
      if (u32(at) == kEndSignature && at + kEndSize + u16(at + 20) == b_.size()) return at;
    }
    fail("it has no zip end record (truncated, or not a zip file)");
  }

  // Reads the central record at `at` (advancing it) and checks the entry it describes.
  ZipEntry central_entry(size_t& at, size_t directory) {
    need(at, kCentralSize);
    if (u32(at) != kCentralSignature) fail("a central directory record is damaged");
    const uint32_t method = u16(at + 10), crc = u32(at + 16);
    const size_t compressed = u32(at + 20), size = u32(at + 24);
    const size_t name_length = u16(at + 28);
    const size_t skip = u16(at + 30) + u16(at + 32);  // extra field, comment
    const size_t local = u32(at + 42);
    need(at + kCentralSize, name_length + skip);
    ZipEntry e;
    e.name = b_.substr(at + kCentralSize, name_length);
    at += kCentralSize + name_length + skip;
    const std::string entry = "the entry '" + e.name.substr(0, 80) + "'";
    e.deflated = method == kDeflated;
    if (method != kStored && !e.deflated) fail(entry + " is compressed in a way LibTorch never is");
    if (!e.deflated && compressed != size) fail(entry + " has two sizes although it is stored");
    if (e.deflated && size > kMaxInflatedEntry) {
      fail(entry + " would inflate to " + std::to_string(size) + " bytes; LibTorch deflates only " +
           "small source files");
    }
    need(local, kLocalSize);
    if (local + kLocalSize > directory || u32(local) != kLocalSignature) {
      fail(entry + " has no local header where the directory says");
    }
    const size_t local_name = u16(local + 26), local_extra = u16(local + 28);
    if (local_name != name_length || b_.compare(local + kLocalSize, name_length, e.name) != 0) {
      fail(entry + " has another name in its local header");
    }
    e.offset = local + kLocalSize + local_name + local_extra;
    if (e.offset > directory || compressed > directory - e.offset) {
      fail(entry + " extends past the entries' area");
    }
    if (e.deflated) e.inflated = inflate_entry(e.offset, compressed, size, entry);
    const auto* data =
        reinterpret_cast<const Bytef*>(e.deflated ? e.inflated.data() : b_.data() + e.offset);
    uLong actual = crc32(0, Z_NULL, 0);
    for (size_t done = 0; done < size;) {  // zlib counts in 32-bit units
      const auto n = static_cast<uInt>(std::min<size_t>(size - done, 1u << 30));
      actual = crc32(actual, data + done, n);
      done += n;
    }
    if (actual != crc) fail(entry + " is damaged (its CRC-32 does not match)");
    e.size = size;
    return e;
  }

  // The raw deflate stream of `compressed` bytes at `at`, which must inflate to exactly `size`.
  std::string inflate_entry(size_t at, size_t compressed, size_t size,
                            const std::string& entry) const {
    std::string out(size, '\0');
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) fail("zlib could not start inflating " + entry);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(b_.data() + at));
    z.avail_in = static_cast<uInt>(compressed);
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(size);
    const int status = inflate(&z, Z_FINISH);
    const bool whole = status == Z_STREAM_END && z.avail_in == 0 && z.avail_out == 0;
    inflateEnd(&z);
    if (!whole) fail(entry + " is damaged (it does not inflate to its size)");
    return out;
  }

  const std::string& b_;
  const std::string& what_;
};

}  // namespace

std::vector<ZipEntry> read_stored_zip(const std::string& bytes, const std::string& what) {
  return ZipReader(bytes, what).entries();
}

}  // namespace xdd
