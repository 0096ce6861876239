// Fuzzing the point reader of `xdd tsne` (read_points: CSV, NPY and IDX, each raw or gzip) with
// generated hostile files (tests/fuzz_support.h), plus NPY headers that lie about the dtype, the
// shape, the order or their own length.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "fuzz_support.h"
#include "test_support.h"
#include "tsne/point_io.h"

namespace fs = std::filesystem;
using xdd::fuzz::Mutated;
using xdd::fuzz::Rng;
using xdd::test::Bytes;

namespace {

// An NPY file: magic, version, little-endian header length, the header text padded, the data.
Bytes npy_file(const std::string& dict, const Bytes& data, int major = 1) {
  std::string header = dict;
  const size_t prefix = major == 1 ? 10 : 12;
  while ((prefix + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string out = "\x93NUMPY";
  out += static_cast<char>(major);
  out += '\0';
  for (size_t i = 0; i < (major == 1 ? 2u : 4u); ++i) {
    out += static_cast<char>((header.size() >> (8 * i)) & 0xff);
  }
  Bytes b = xdd::fuzz::to_bytes(out + header);
  b.insert(b.end(), data.begin(), data.end());
  return b;
}

std::string npy_dict(const std::string& descr, const std::string& shape, bool fortran = false) {
  return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") +
         ", 'shape': (" + shape + "), }";
}

Bytes float_data(const std::vector<float>& v) {
  Bytes b(v.size() * 4);
  std::memcpy(b.data(), v.data(), b.size());
  return b;
}

std::vector<Bytes> point_seeds() {
  std::vector<float> values;
  for (int i = 0; i < 24; ++i) values.push_back(0.25f * static_cast<float>(i) - 2.0f);
  Bytes doubles(24 * 8);
  for (int i = 0; i < 24; ++i) {
    const double d = values[static_cast<size_t>(i)];
    std::memcpy(doubles.data() + 8 * i, &d, 8);
  }
  Bytes bytes(24);
  for (int i = 0; i < 24; ++i) bytes[static_cast<size_t>(i)] = static_cast<uint8_t>(i * 10);
  Bytes big_endian_i16(48);
  for (int i = 0; i < 24; ++i) big_endian_i16[static_cast<size_t>(2 * i + 1)] = uint8_t(i);
  return {
      xdd::fuzz::to_bytes("1,2,3\n4.5,-5,6e-1\n7, 8 ,9\n10;11;12\n"),
      xdd::fuzz::to_bytes("0.1 0.2\n0.3 0.4\r\n\n0.5 0.6\n"),
      npy_file(npy_dict("<f4", "6, 4"), float_data(values)),
      npy_file(npy_dict("<f8", "4, 6", true), doubles),
      npy_file(npy_dict("|u1", "2, 3, 4"), bytes),
      npy_file(npy_dict(">i2", "12, 2"), big_endian_i16, 2),
      xdd::test::idx_bytes({6, 2, 2}, bytes),
      xdd::test::idx_bytes({3, 2}, big_endian_i16, 0x0b),
      xdd::test::idx_bytes({2, 3}, doubles, 0x0e),
  };
}

// An NPY header that lies: dtype, shape, order, version and the header's own length.
Mutated hostile_npy(const Bytes& data, Rng& rng) {
  static const std::vector<std::string> kDescr = {
      "<f4", "<f8", ">f4", "|u1", "<i2", ">i8", "<u8",
      "<f2", "<c8", "|b1", "<U8", "O",   "<f",  "<f99999999999999999999",
      "<i0", "=f4", "<f16"};
  std::vector<std::string> shape_parts;
  const size_t n = rng.below(5);
  for (size_t i = 0; i < n; ++i) shape_parts.push_back(rng.pick(xdd::fuzz::interesting_numbers()));
  std::string shape;
  for (const auto& p : shape_parts) shape += p + ", ";
  std::string dict = npy_dict(rng.pick(kDescr), shape, rng.one_in(3));
  if (rng.one_in(8)) dict.insert(rng.index(dict.size()), rng.index(70000), ' ');
  if (rng.one_in(8)) dict = "{'shape': (" + std::string(rng.index(70000), '1') + ")}";
  const int major = rng.one_in(8) ? static_cast<int>(rng.below(5)) : 1;
  Bytes b = npy_file(dict, data, major == 0 ? 1 : major);
  if (major == 0 || major == 4) b[6] = static_cast<uint8_t>(major);
  if (rng.one_in(6)) xdd::fuzz::put_u32(b, 8, rng.pick(xdd::fuzz::interesting_u32()), false);
  return {b, "hostile NPY header (" + dict.substr(0, 60) + ")"};
}

Mutated mutate_points(const Bytes& seed, Rng& rng) {
  const bool text = seed.empty() || (seed[0] != 0 && seed[0] != 0x93);
  if (!text && rng.one_in(3)) return hostile_npy(Bytes(seed.end() - 24, seed.end()), rng);
  return text ? xdd::fuzz::mutate_text(xdd::fuzz::to_text(seed), rng)
              : xdd::fuzz::mutate_bytes(seed, rng);
}

}  // namespace

// A gzip file must read as its content does: a damaged stream either fails or (when only a field
// that inflating ignores was hit, such as the time stamp) gives the very same points.
void check_same_as_content(const xdd::PointMatrix& p, const Bytes& content) {
  xdd::PointMatrix expected;
  try {
    expected = xdd::parse_points(xdd::fuzz::to_text(content), "content");
    xdd::check_points(expected, "content");
  } catch (const xdd::Error&) {
    throw xdd::fuzz::WrongResult("a gzip file read although its content does not");
  }
  if (p.rows != expected.rows || p.cols != expected.cols || p.values != expected.values) {
    throw xdd::fuzz::WrongResult("a gzip file read as other points than its content");
  }
}

TEST(FuzzPoints, CsvNpyIdxFiles) {
  xdd::test::ScratchDir dir;
  const fs::path file = dir.path() / "points.dat";
  const std::vector<Bytes> seeds = point_seeds();
  xdd::fuzz::FuzzTally tally("tsne-points");
  for (int i : xdd::fuzz::case_indices()) {
    Rng rng = xdd::fuzz::case_rng("tsne-points", i);
    Mutated m = mutate_points(rng.pick(seeds), rng);
    const Bytes content = m.bytes;
    const bool gzip = rng.one_in(4);
    if (gzip) {  // the same content gzip-compressed, perhaps damaged after
      m.bytes = xdd::test::gzip_bytes(m.bytes);
      m.how = "gzip of " + m.how;
      if (rng.one_in(3)) {
        Mutated damaged = xdd::fuzz::mutate_bytes(m.bytes, rng);
        m = {damaged.bytes, m.how + ", then " + damaged.how};
      }
    }
    xdd::test::write_file(file, m.bytes);
    tally.run(m.how, file.string(), m.bytes, [&] {
      const xdd::PointMatrix p = xdd::read_points(file);
      if (p.rows < 1 || p.cols < 1 || static_cast<int64_t>(p.values.size()) != p.rows * p.cols) {
        throw xdd::fuzz::WrongResult("rows x cols disagree with the values read");
      }
      for (float v : p.values) {
        if (!std::isfinite(v)) throw xdd::fuzz::WrongResult("a value is not finite");
      }
      if (gzip) check_same_as_content(p, content);
    });
  }
  tally.finish(xdd::fuzz::cases_per_reader());
  EXPECT_GT(tally.reads(), tally.cases() / 50);  // ~4% of the cases are still valid input
  EXPECT_GT(tally.errors(), tally.cases() / 3);
}
