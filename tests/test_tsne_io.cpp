// Reading t-SNE input (CSV, NPY, IDX, gzip) and writing layouts; every malformed input must give a
// DataError that names the problem.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "test_support.h"
#include "tsne/point_io.h"

namespace fs = std::filesystem;
using xdd::DataError;
using xdd::PointMatrix;

namespace {

void write_bytes(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// An NPY version 1.0 file with the given dtype descriptor, shape text and raw little-endian data.
std::string npy(const std::string& descr, const std::string& shape, const std::string& data,
                bool fortran = false) {
  std::string header = "{'descr': '" + descr +
                       "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': (" +
                       shape + "), }";
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string out = "\x93NUMPY";
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>(header.size() >> 8);
  return out + header + data;
}

template <typename T>
std::string raw(const std::vector<T>& v) {
  return std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const DataError& e) {
    return e.what();
  }
  return "(no DataError)";
}

}  // namespace

TEST(TsneIo, CsvWithBlankLinesCarriageReturnsAndSpaces) {
  const PointMatrix m = xdd::parse_csv_points("1, 2.5,-3\r\n\n4,5e-1 , +6\n\n", "t.csv");
  ASSERT_EQ(m.rows, 2);
  ASSERT_EQ(m.cols, 3);
  const std::vector<float> expected = {1.0f, 2.5f, -3.0f, 4.0f, 0.5f, 6.0f};
  EXPECT_EQ(m.values, expected);
}

TEST(TsneIo, CsvErrorsNameTheLine) {
  EXPECT_NE(message_of([] { xdd::parse_csv_points("1,2\n3\n", "t.csv"); }).find("line 2"),
            std::string::npos);
  const std::string header = message_of([] { xdd::parse_csv_points("x,y\n1,2\n", "t.csv"); });
  EXPECT_NE(header.find("line 1"), std::string::npos);
  EXPECT_NE(header.find("not a number"), std::string::npos);
  EXPECT_NE(message_of([] { xdd::parse_csv_points("\n \n", "t.csv"); }).find("no numbers"),
            std::string::npos);
  EXPECT_NE(message_of([] { xdd::parse_csv_points("1;2 x\n", "t.csv"); }).find("unexpected"),
            std::string::npos);
}

TEST(TsneIo, ReadPointsRejectsEmptyNanAndInf) {
  xdd::test::ScratchDir dir;
  write_bytes(dir.path() / "empty.csv", "");
  EXPECT_NE(message_of([&] { xdd::read_points(dir.path() / "empty.csv"); }).find("empty"),
            std::string::npos);
  write_bytes(dir.path() / "nan.csv", "1,2\n3,nan\n");
  const std::string nan = message_of([&] { xdd::read_points(dir.path() / "nan.csv"); });
  EXPECT_NE(nan.find("row 2, column 2"), std::string::npos) << nan;
  EXPECT_NE(nan.find("NaN"), std::string::npos);
  write_bytes(dir.path() / "inf.csv", "1,inf\n3,4\n");
  EXPECT_NE(message_of([&] { xdd::read_points(dir.path() / "inf.csv"); }).find("infinite"),
            std::string::npos);
  EXPECT_THROW(xdd::read_points(dir.path() / "missing.csv"), xdd::IoError);
}

TEST(TsneIo, NpyFloatIntegerBigEndianAndFortranOrder) {
  const std::vector<float> f = {1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f};
  PointMatrix m = xdd::parse_points(npy("<f4", "2, 3", raw(f)), "a.npy");
  EXPECT_EQ(m.rows, 2);
  EXPECT_EQ(m.cols, 3);
  EXPECT_EQ(m.values, f);

  const std::vector<double> d = {0.5, -1.5};
  m = xdd::parse_points(npy("<f8", "2,", raw(d)), "b.npy");  // 1-D: N rows of one value
  EXPECT_EQ(m.rows, 2);
  EXPECT_EQ(m.cols, 1);
  EXPECT_EQ(m.values, (std::vector<float>{0.5f, -1.5f}));

  const std::vector<std::int32_t> i = {-7, 9};
  m = xdd::parse_points(npy("<i4", "1, 2", raw(i)), "c.npy");
  EXPECT_EQ(m.values, (std::vector<float>{-7.0f, 9.0f}));

  // Big-endian uint16 258 = bytes 01 02.
  m = xdd::parse_points(npy(">u2", "1, 1", std::string("\x01\x02", 2)), "d.npy");
  EXPECT_EQ(m.values, (std::vector<float>{258.0f}));

  // Column-major 2 x 3: memory holds column by column.
  const std::vector<float> colmajor = {1.0f, 4.0f, 2.0f, 5.0f, 3.0f, 6.0f};
  m = xdd::parse_points(npy("<f4", "2, 3", raw(colmajor), true), "e.npy");
  EXPECT_EQ(m.values, f);

  // A 3-D array becomes rows of flattened values.
  m = xdd::parse_points(npy("|u1", "2, 2, 2", std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8)),
                        "f.npy");
  EXPECT_EQ(m.rows, 2);
  EXPECT_EQ(m.cols, 4);
  EXPECT_EQ(m.values[7], 8.0f);
}

TEST(TsneIo, NpyErrors) {
  EXPECT_NE(message_of([] {
              xdd::parse_points(npy("<f4", "2, 3", std::string(8, '\0')), "a");
            }).find("truncated"),
            std::string::npos);
  EXPECT_NE(message_of([] {
              xdd::parse_points(npy("<c8", "1, 1", std::string(8, '\0')), "a");
            }).find("dtype"),
            std::string::npos);
}

TEST(TsneIo, IdxBytesAndTruncation) {
  std::string idx("\x00\x00\x08\x03\x00\x00\x00\x02\x00\x00\x00\x02\x00\x00\x00\x03", 16);
  idx += std::string("\x00\x01\x02\x03\x04\x05\xfa\xfb\xfc\xfd\xfe\xff", 12);
  const PointMatrix m = xdd::parse_points(idx, "x.idx");
  ASSERT_EQ(m.rows, 2);
  ASSERT_EQ(m.cols, 6);
  EXPECT_EQ(m.values[5], 5.0f);
  EXPECT_EQ(m.values[11], 255.0f);
  EXPECT_NE(
      message_of([&] { xdd::parse_idx_points(idx.substr(0, 20), "x.idx"); }).find("truncated"),
      std::string::npos);
}

TEST(TsneIo, ReadsGzippedMnistSubset) {
  const PointMatrix m =
      xdd::read_points(xdd::test::small_mnist_dir() / "t10k-images-idx3-ubyte.gz");
  ASSERT_EQ(m.rows, 500);
  ASSERT_EQ(m.cols, 784);
  float lo = 1e9f, hi = -1e9f;
  for (float v : m.values) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  EXPECT_EQ(lo, 0.0f);
  EXPECT_EQ(hi, 255.0f);
  const PointMatrix labels =
      xdd::read_points(xdd::test::small_mnist_dir() / "t10k-labels-idx1-ubyte.gz");
  EXPECT_EQ(labels.rows, 500);
  EXPECT_EQ(labels.cols, 1);
}

TEST(TsneIo, ReadsGzippedCsv) {
  xdd::test::ScratchDir dir;
  const fs::path p = dir.path() / "points.csv.gz";
  gzFile f = gzopen(p.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  const std::string text = "1,2\n3,4\n";
  gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
  gzclose(f);
  const PointMatrix m = xdd::read_points(p);
  EXPECT_EQ(m.values, (std::vector<float>{1.0f, 2.0f, 3.0f, 4.0f}));
}

TEST(TsneIo, WritesLayoutCsvWithHeader) {
  xdd::test::ScratchDir dir;
  const fs::path p = dir.path() / "sub" / "layout.csv";
  xdd::write_layout_csv(p, {0.5f, -1.25f, 3.0f, 1e-7f});
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), "x,y\n0.5,-1.25\n3,1.00000001e-07\n");  // %.9g: round-trips a float
  // And it reads back as the same numbers once the header is gone.
  const PointMatrix back = xdd::parse_csv_points(ss.str().substr(4), "layout");
  EXPECT_EQ(back.values, (std::vector<float>{0.5f, -1.25f, 3.0f, 1e-7f}));
}

// Found by tests/test_fuzz_points.cpp: std::regex overflowed the stack on a long NPY header,
// std::stoi/stoll threw std::out_of_range for huge numbers in the dtype or shape, and a truncated
// gzip file read as the rows before the cut.
TEST(TsneIo, HostileNpyHeadersAndTruncatedGzipAreDataErrors) {
  const std::string data(48, '\0');
  for (const std::string& header :
       {"{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::string(60000, '1') + "), }",
        std::string("{'descr': '<f99999999999999999999', 'fortran_order': False, 'shape': (2,), }"),
        std::string("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }"),
        std::string("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2, 3), }"),
        std::string("{'descr': '<f4', 'shape': (2, 3), }"),
        std::string("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'x': 1}")}) {
    SCOPED_TRACE(header.substr(0, 80));
    std::string file = "\x93NUMPY";
    file += '\x02';
    file += '\0';
    const uint32_t n = static_cast<uint32_t>(header.size());
    for (int i = 0; i < 4; ++i) file += static_cast<char>((n >> (8 * i)) & 0xff);
    EXPECT_NE(message_of([&] { xdd::parse_points(file + header + data, "a.npy"); }).find("a.npy"),
              std::string::npos);
  }
  // A long but valid header (numpy pads with spaces) still reads.
  const std::string padded =
      "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }" + std::string(70000, ' ');
  std::string file = "\x93NUMPY";
  file += '\x02';
  file += '\0';
  for (int i = 0; i < 4; ++i) file += static_cast<char>((padded.size() >> (8 * i)) & 0xff);
  EXPECT_EQ(xdd::parse_points(file + padded + data, "b.npy").rows, 3);

  xdd::test::ScratchDir dir;
  const fs::path p = dir.path() / "points.csv.gz";
  gzFile f = gzopen(p.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::string text;
  for (int i = 0; i < 200; ++i) text += std::to_string(i) + "," + std::to_string(2 * i) + "\n";
  gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
  gzclose(f);
  std::ifstream in(p, std::ios::binary);
  std::string gz((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  write_bytes(p, gz.substr(0, gz.size() - 12));  // the end of the stream and its trailer lost
  EXPECT_NE(message_of([&] { xdd::read_points(p); }).find(p.string()), std::string::npos);
}
