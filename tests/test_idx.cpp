#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "core/error.h"
#include "data/idx.h"
#include "idx_writer.h"
#include "test_support.h"

namespace fs = std::filesystem;
using xdd::test::Bytes;
using xdd::test::idx_bytes;

namespace {

// Runs `read`, expects exception E whose message names `file` and contains `fault`.
template <typename E>
void expect_fault(const fs::path& file, const std::string& fault) {
  try {
    xdd::read_idx(file);
    FAIL() << "expected an error reading " << file;
  } catch (const E& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(file.string()), std::string::npos) << msg;
    EXPECT_NE(msg.find(fault), std::string::npos) << "expected '" << fault << "' in: " << msg;
  }
}

// Each case runs twice: the IDX content written raw and gzip-compressed.
class IdxFile : public ::testing::TestWithParam<bool> {
 protected:
  fs::path write(const Bytes& content) {
    return xdd::test::write_content(dir_.path(), "data-idx-ubyte", content, GetParam());
  }
  xdd::test::ScratchDir dir_;
};

}  // namespace

TEST_P(IdxFile, ReadsDimsAndData) {
  const Bytes data = {0, 1, 2, 3, 4, 250};
  const xdd::IdxArray a = xdd::read_idx(write(idx_bytes({2, 3}, data)));
  EXPECT_EQ(a.dims, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(a.bytes, data);
  EXPECT_EQ(xdd::idx_header(a), (Bytes{0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3}));
}

TEST_P(IdxFile, ReadsLargeDimensionsBigEndian) {
  // 1 x 258 x 2: the second size needs two bytes, so byte order matters.
  const Bytes data(516, 7);
  const xdd::IdxArray a = xdd::read_idx(write(idx_bytes({1, 258, 2}, data)));
  EXPECT_EQ(a.dims, (std::vector<int64_t>{1, 258, 2}));
  EXPECT_EQ(a.bytes.size(), 516u);
}

TEST_P(IdxFile, EmptyFileIsTruncated) {
  expect_fault<xdd::DataError>(write({}), "truncated");
}

TEST_P(IdxFile, ShortMagicIsTruncated) {
  expect_fault<xdd::DataError>(write({0, 0, 8}), "truncated");
}

TEST_P(IdxFile, WrongMagic) {
  Bytes b = idx_bytes({2}, {1, 2});
  b[0] = 0x50;  // e.g. a PNG or text file
  expect_fault<xdd::DataError>(write(b), "not an IDX file");
}

TEST_P(IdxFile, UnsupportedTypeByte) {
  expect_fault<xdd::DataError>(write(idx_bytes({1}, {0, 0, 0, 0}, 0x0D)), "data type byte 0x0d");
}

TEST_P(IdxFile, ZeroDimensions) {
  expect_fault<xdd::DataError>(write(idx_bytes({}, {})), "0 dimensions");
}

TEST_P(IdxFile, HeaderCutInsideDimensions) {
  Bytes b = idx_bytes({3, 28, 28}, {});
  b.resize(10);  // 4 magic + 1.5 of 3 sizes
  expect_fault<xdd::DataError>(write(b), "truncated");
}

TEST_P(IdxFile, DataShorterThanHeaderSays) {
  expect_fault<xdd::DataError>(write(idx_bytes({2, 3}, {1, 2, 3, 4, 5})), "truncated");
}

TEST_P(IdxFile, TrailingGarbage) {
  expect_fault<xdd::DataError>(write(idx_bytes({2, 3}, {1, 2, 3, 4, 5, 6, 7})), "trailing garbage");
}

TEST_P(IdxFile, DimensionsWhoseProductOverflows) {
  // 2^32-1 cubed is far above 2^64: the reader must refuse before multiplying into garbage.
  const fs::path f = write(idx_bytes({0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF}, {1, 2, 3}));
  EXPECT_THROW(xdd::read_idx(f), xdd::DataError);
  expect_fault<xdd::DataError>(f, GetParam() ? "absurd dimensions" : "truncated");
}

TEST_P(IdxFile, CountsBeyondWhatTheFileCanHold) {
  // Claims 2^31 x 28 x 28 bytes (about 1.7 TB) in a file of a few bytes: refused before allocating.
  const fs::path f = write(idx_bytes({0x80000000u, 28, 28}, {1, 2, 3}));
  expect_fault<xdd::DataError>(f, GetParam() ? "absurd dimensions" : "truncated");
}

INSTANTIATE_TEST_SUITE_P(RawAndGzip, IdxFile, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "gzip" : "raw"; });

TEST(IdxRead, MissingFileIsIoError) {
  xdd::test::ScratchDir dir;
  expect_fault<xdd::IoError>(dir.path() / "nope-idx1-ubyte", "not found");
}

TEST(IdxRead, FolderIsNotAFile) {
  xdd::test::ScratchDir dir;
  expect_fault<xdd::IoError>(dir.path(), "not a regular file");
}

TEST(IdxGzip, ConcatenatedMembersAreOneStream) {
  xdd::test::ScratchDir dir;
  const Bytes content = idx_bytes({4}, {9, 8, 7, 6});
  Bytes gz = xdd::test::gzip_bytes(Bytes(content.begin(), content.begin() + 6));
  const Bytes second = xdd::test::gzip_bytes(Bytes(content.begin() + 6, content.end()));
  gz.insert(gz.end(), second.begin(), second.end());
  const fs::path f = dir.path() / "two-members.gz";
  xdd::test::write_file(f, gz);
  EXPECT_EQ(xdd::read_idx(f).bytes, (Bytes{9, 8, 7, 6}));
}

TEST(IdxGzip, TruncatedCompressedStream) {
  xdd::test::ScratchDir dir;
  Bytes data(3000);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 7919 % 251);
  Bytes gz = xdd::test::gzip_bytes(idx_bytes({3, 1000}, data));
  gz.resize(gz.size() / 2);
  const fs::path f = dir.path() / "cut.gz";
  xdd::test::write_file(f, gz);
  expect_fault<xdd::DataError>(f, "truncated");
}

TEST(IdxGzip, MissingTrailerIsTruncated) {
  // All the data inflates, but the 8-byte CRC and length trailer is gone.
  xdd::test::ScratchDir dir;
  Bytes gz = xdd::test::gzip_bytes(idx_bytes({4}, {1, 2, 3, 4}));
  gz.resize(gz.size() - 8);
  const fs::path f = dir.path() / "no-trailer.gz";
  xdd::test::write_file(f, gz);
  expect_fault<xdd::DataError>(f, "truncated");
}

TEST(IdxGzip, CorruptCrcIsDetected) {
  xdd::test::ScratchDir dir;
  Bytes gz = xdd::test::gzip_bytes(idx_bytes({4}, {1, 2, 3, 4}));
  gz[gz.size() - 8] ^= 0xFF;  // first byte of the CRC-32
  const fs::path f = dir.path() / "bad-crc.gz";
  xdd::test::write_file(f, gz);
  expect_fault<xdd::DataError>(f, "corrupt gzip data");
}

TEST(IdxGzip, CorruptDeflateData) {
  xdd::test::ScratchDir dir;
  Bytes gz = xdd::test::gzip_bytes(idx_bytes({4}, {1, 2, 3, 4}));
  gz[10] = 0xFF;  // first byte after the 10-byte gzip header: an invalid deflate block type
  const fs::path f = dir.path() / "bad-deflate.gz";
  xdd::test::write_file(f, gz);
  expect_fault<xdd::DataError>(f, "corrupt gzip data");
}

TEST(IdxGzip, GarbageAfterTheStream) {
  xdd::test::ScratchDir dir;
  Bytes gz = xdd::test::gzip_bytes(idx_bytes({4}, {1, 2, 3, 4}));
  gz.insert(gz.end(), {'j', 'u', 'n', 'k'});
  const fs::path f = dir.path() / "junk-after.gz";
  xdd::test::write_file(f, gz);
  expect_fault<xdd::DataError>(f, "4 bytes after the end of the gzip stream");
}
