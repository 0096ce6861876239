// Fuzzing the IDX reader (raw and gzip) and the dataset-folder loader with generated hostile
// files: every case must read or end in a typed error naming the file (tests/fuzz_support.h).
#include <gtest/gtest.h>

#include "data/dataset.h"
#include "data/idx.h"
#include "fuzz_support.h"
#include "test_support.h"

namespace fs = std::filesystem;
using xdd::fuzz::Mutated;
using xdd::fuzz::Rng;
using xdd::test::Bytes;
using xdd::test::gzip_bytes;
using xdd::test::idx_bytes;

namespace {

Bytes random_bytes(Rng& rng, size_t n, uint8_t below = 0) {
  Bytes b(n);
  for (auto& x : b) x = below ? static_cast<uint8_t>(rng.below(below)) : rng.byte();
  return b;
}

// Small valid IDX files of the shapes the datasets use, and some others.
std::vector<Bytes> idx_seeds() {
  Rng rng(42);
  return {idx_bytes({12}, random_bytes(rng, 12, 10)),
          idx_bytes({3, 28, 28}, random_bytes(rng, 3 * 784)),
          idx_bytes({2, 4, 5}, random_bytes(rng, 40)), idx_bytes({0}, {}),
          idx_bytes({1, 1, 1, 1}, {7})};
}

// A header that lies: another type byte, dimension count or sizes, over the seed's data.
Mutated hostile_header(const Bytes& seed, Rng& rng) {
  static const std::vector<uint8_t> kTypes = {0x08, 0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e, 0x00, 0xff};
  static const std::vector<int> kDims = {0, 1, 2, 3, 3, 4, 8, 64, 255};
  const uint8_t type = rng.one_in(8) ? rng.byte() : rng.pick(kTypes);
  const int ndims = rng.one_in(8) ? rng.byte() : rng.pick(kDims);
  std::vector<uint32_t> dims;
  for (int i = 0; i < ndims; ++i) {
    dims.push_back(rng.one_in(2) ? rng.pick(xdd::fuzz::interesting_u32())
                                 : static_cast<uint32_t>(rng.below(40)));
  }
  const size_t old_header = seed.size() >= 4 ? 4 + 4 * size_t{seed[3]} : 0;
  const Bytes data(seed.begin() + static_cast<std::ptrdiff_t>(std::min(old_header, seed.size())),
                   seed.end());
  Bytes out = idx_bytes(dims, data, type);
  if (rng.one_in(4)) out[rng.index(2)] = rng.byte();  // and perhaps a wrong magic
  return {out, "hostile header: type " + std::to_string(type) + ", " + std::to_string(ndims) +
                   " dimensions"};
}

Mutated mutate_idx(const Bytes& seed, Rng& rng) {
  return rng.one_in(3) ? hostile_header(seed, rng) : xdd::fuzz::mutate_bytes(seed, rng);
}

// What a successful read must satisfy: as many bytes as its dimensions say.
void check_array(const xdd::IdxArray& a) {
  uint64_t count = 1;
  for (int64_t d : a.dims) count *= static_cast<uint64_t>(d);
  if (a.dims.empty() || count != a.bytes.size()) {
    throw xdd::fuzz::WrongResult("dimensions and data size disagree");
  }
}

}  // namespace

TEST(FuzzIdx, RawFiles) {
  xdd::test::ScratchDir dir;
  const fs::path file = dir.path() / "case-idx3-ubyte";
  const std::vector<Bytes> seeds = idx_seeds();
  xdd::fuzz::FuzzTally tally("idx-raw");
  for (int i : xdd::fuzz::case_indices()) {
    Rng rng = xdd::fuzz::case_rng("idx-raw", i);
    Mutated m = mutate_idx(rng.pick(seeds), rng);
    if (m.bytes.size() >= 2 && m.bytes[0] == 0x1f && m.bytes[1] == 0x8b) m.bytes[0] = 0;  // raw
    xdd::test::write_file(file, m.bytes);
    tally.run(m.how, file.string(), m.bytes, [&] { check_array(xdd::read_idx(file)); });
  }
  tally.finish(xdd::fuzz::cases_per_reader());
  EXPECT_GT(tally.reads(), 0);
  EXPECT_GT(tally.errors(), tally.cases() / 2);
}

TEST(FuzzIdx, GzipFiles) {
  xdd::test::ScratchDir dir;
  const fs::path file = dir.path() / "case-idx3-ubyte.gz";
  const std::vector<Bytes> seeds = idx_seeds();
  xdd::fuzz::FuzzTally tally("idx-gzip");
  for (int i : xdd::fuzz::case_indices()) {
    Rng rng = xdd::fuzz::case_rng("idx-gzip", i);
    const Bytes& seed = rng.pick(seeds);
    const Bytes* damaged_seed = nullptr;  // the content of a damaged stream
    Mutated m;
    switch (rng.below(4)) {
      case 0: {  // a valid gzip stream around a hostile IDX file
        m = mutate_idx(seed, rng);
        m.bytes = gzip_bytes(m.bytes);
        m.how = "gzip of " + m.how;
        break;
      }
      case 1: {  // a damaged gzip stream
        m = xdd::fuzz::mutate_bytes(gzip_bytes(seed), rng);
        m.how = "damaged gzip: " + m.how;
        damaged_seed = &seed;
        break;
      }
      case 2: {  // two members, or a member and garbage
        Bytes a = gzip_bytes(seed);
        const Bytes b = rng.one_in(2) ? gzip_bytes(mutate_idx(seed, rng).bytes)
                                      : random_bytes(rng, 1 + rng.index(64));
        a.insert(a.end(), b.begin(), b.end());
        m = {a, "a gzip member followed by more"};
        break;
      }
      default: {  // a tiny stream whose header claims far more than deflate can hold
        std::vector<uint32_t> dims = {rng.pick(xdd::fuzz::interesting_u32()), 28, 28};
        m = {gzip_bytes(idx_bytes(dims, random_bytes(rng, rng.index(3000)))),
             "gzip with claimed dimensions " + std::to_string(dims[0]) + "x28x28"};
      }
    }
    xdd::test::write_file(file, m.bytes);
    tally.run(m.how, file.string(), m.bytes, [&] {
      const xdd::IdxArray a = xdd::read_idx(file);
      check_array(a);
      // A damaged stream fails, or (a field inflating ignores was hit) gives the same content.
      if (damaged_seed) {
        Bytes content = xdd::idx_header(a);
        content.insert(content.end(), a.bytes.begin(), a.bytes.end());
        if (content != *damaged_seed) {
          throw xdd::fuzz::WrongResult("a damaged gzip stream read as other content");
        }
      }
    });
  }
  tally.finish(xdd::fuzz::cases_per_reader());
  EXPECT_GT(tally.reads(), 0);
  EXPECT_GT(tally.errors(), tally.cases() / 2);
}

namespace {

const char* const kDatasetFiles[] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                     "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

// The four files of a tiny valid dataset: 6 training and 4 test images.
std::vector<Bytes> dataset_seed() {
  Rng rng(7);
  return {
      idx_bytes({6, 28, 28}, random_bytes(rng, 6 * 784)), idx_bytes({6}, random_bytes(rng, 6, 10)),
      idx_bytes({4, 28, 28}, random_bytes(rng, 4 * 784)), idx_bytes({4}, random_bytes(rng, 4, 10))};
}

// Writes one case of the dataset folder: the seed's files, one or two of them hostile, each raw
// or gzip; sometimes a file is missing, a folder, or present both raw and compressed.
std::string write_dataset_case(const fs::path& dir, const std::vector<Bytes>& seed, Rng& rng,
                               Bytes& changed) {
  std::error_code ec;
  fs::remove_all(dir, ec);
  if (rng.one_in(100)) return "no folder";
  fs::create_directories(dir);
  const size_t target = rng.index(4);
  const size_t second = rng.one_in(4) ? rng.index(4) : target;
  std::string how;
  for (size_t f = 0; f < 4; ++f) {
    Bytes content = seed[f];
    if (f == target || f == second) {
      Mutated m = mutate_idx(seed[f], rng);
      if (rng.one_in(6)) {  // a valid file of another count, shape or label range
        const uint32_t n = static_cast<uint32_t>(rng.below(8));
        const uint32_t width = static_cast<uint32_t>(27 + rng.below(3));
        m = f % 2 == 0 ? Mutated{idx_bytes({n, 28, width}, random_bytes(rng, n * 28 * width)),
                                 "images of another count or shape"}
                       : Mutated{idx_bytes({n}, random_bytes(rng, n, 12)), "other labels"};
      }
      content = m.bytes;
      changed = m.bytes;
      how += std::string(how.empty() ? "" : "; ") + kDatasetFiles[f] + ": " + m.how;
    }
    const bool gz = rng.one_in(2);
    const fs::path raw = dir / kDatasetFiles[f];
    if (f == target && rng.one_in(20)) {
      const bool folder = rng.one_in(2);
      if (folder) fs::create_directories(raw);
      how += folder ? " (a folder)" : " (missing)";
      continue;
    }
    xdd::test::write_content(dir, kDatasetFiles[f], content, gz);
    if (f == target && rng.one_in(10))
      xdd::test::write_content(dir, kDatasetFiles[f], content, !gz);
  }
  return how;
}

}  // namespace

TEST(FuzzDataset, Folders) {
  xdd::test::ScratchDir scratch;
  const fs::path dir = scratch.path() / "dataset";
  const std::vector<Bytes> seed = dataset_seed();
  xdd::fuzz::FuzzTally tally("dataset");
  for (int i : xdd::fuzz::case_indices()) {
    Rng rng = xdd::fuzz::case_rng("dataset", i);
    Bytes changed;
    const std::string how = write_dataset_case(dir, seed, rng, changed);
    tally.run(how, dir.string(), changed, [&] {
      const xdd::LoadedData d = xdd::load_dataset(dir);
      if (d.train.size() < 1 || d.test.size() < 1 || d.train.images.size(0) != d.train.size() ||
          d.train.labels.max().item<int64_t>() > 9 || d.test.labels.min().item<int64_t>() < 0) {
        throw xdd::fuzz::WrongResult("a loaded dataset breaks its own invariants");
      }
    });
  }
  tally.finish(xdd::fuzz::cases_per_reader());
  EXPECT_GT(tally.reads(), 0);
  EXPECT_GT(tally.errors(), tally.cases() / 2);
}
