#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "core/error.h"
#include "data/checksum.h"
#include "data/dataset.h"
#include "idx_writer.h"
#include "test_support.h"

namespace fs = std::filesystem;
using xdd::test::Bytes;
using xdd::test::idx_bytes;

namespace {

const char* const kFiles[] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                              "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

template <typename E>
void expect_fault(const fs::path& dir, const std::string& names, const std::string& fault) {
  try {
    xdd::load_dataset(dir);
    FAIL() << "expected an error loading " << dir;
  } catch (const E& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(names), std::string::npos) << "expected '" << names << "' in: " << msg;
    EXPECT_NE(msg.find(fault), std::string::npos) << "expected '" << fault << "' in: " << msg;
  }
}

std::vector<int64_t> class_counts(const torch::Tensor& labels) {
  torch::Tensor c = torch::bincount(labels, {}, 10);
  return std::vector<int64_t>(c.data_ptr<int64_t>(), c.data_ptr<int64_t>() + 10);
}

}  // namespace

TEST(Checksum, Fnv1a64KnownAnswers) {
  // Test vectors of the FNV reference (Fowler, Noll, Vo), also printed by a 10-line C program.
  const std::string a = "a", foobar = "foobar";
  EXPECT_EQ(xdd::to_hex64(xdd::fnv1a64(nullptr, 0)), "cbf29ce484222325");
  EXPECT_EQ(xdd::to_hex64(xdd::fnv1a64(reinterpret_cast<const uint8_t*>(a.data()), 1)),
            "af63dc4c8601ec8c");
  EXPECT_EQ(xdd::to_hex64(xdd::fnv1a64(reinterpret_cast<const uint8_t*>(foobar.data()), 6)),
            "85944171f73967e8");
  // Hashing in two pieces continues the same state.
  const uint64_t foo = xdd::fnv1a64(reinterpret_cast<const uint8_t*>(foobar.data()), 3);
  EXPECT_EQ(xdd::fnv1a64(reinterpret_cast<const uint8_t*>(foobar.data()) + 3, 3, foo),
            0x85944171f73967e8ULL);
}

TEST(Dataset, SmallSubsetLoads) {
  const xdd::LoadedData d = xdd::load_dataset(xdd::test::small_mnist_dir());
  ASSERT_EQ(d.train.size(), 1000);
  ASSERT_EQ(d.test.size(), 500);
  EXPECT_EQ(d.train.images.sizes(), (std::vector<int64_t>{1000, 1, 28, 28}));
  EXPECT_EQ(d.test.images.sizes(), (std::vector<int64_t>{500, 1, 28, 28}));
  EXPECT_EQ(d.train.images.scalar_type(), torch::kFloat32);
  EXPECT_EQ(d.train.labels.scalar_type(), torch::kInt64);
  EXPECT_EQ(d.train.images.min().item<float>(), -1.0f);
  EXPECT_EQ(d.train.images.max().item<float>(), 1.0f);
  EXPECT_EQ(d.test.images.min().item<float>(), -1.0f);
  EXPECT_EQ(d.test.images.max().item<float>(), 1.0f);
  EXPECT_EQ(d.name, "mnist-small");
  EXPECT_EQ(d.dir, xdd::test::small_mnist_dir());

  // Expected values from numpy over the gunzipped files (scripts' subset of MNIST):
  // first labels, class counts, raw pixel [0,14,14] = 240, the sum of all raw train pixels.
  const std::vector<int64_t> first_train = {5, 0, 4, 1, 9, 2, 1, 3, 1, 4};
  const std::vector<int64_t> first_test = {7, 2, 1, 0, 4, 1, 4, 9, 5, 9};
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(d.train.labels[i].item<int64_t>(), first_train[i]);
    EXPECT_EQ(d.test.labels[i].item<int64_t>(), first_test[i]);
  }
  EXPECT_EQ(class_counts(d.train.labels),
            (std::vector<int64_t>{97, 116, 99, 93, 105, 92, 94, 117, 87, 100}));
  EXPECT_EQ(class_counts(d.test.labels),
            (std::vector<int64_t>{42, 67, 55, 45, 55, 50, 43, 49, 40, 54}));
  EXPECT_EQ(d.train.images[0][0][14][14].item<float>(), (240.0f - 127.5f) / 127.5f);
  const torch::Tensor raw = (d.train.images.to(torch::kFloat64) * 127.5 + 127.5).round();
  EXPECT_EQ(raw.sum().item<double>(), 25637533.0);
  // FNV-1a-64 of the four gunzipped files in order, from an independent C program using zlib.
  EXPECT_EQ(d.checksum, "c0b5298537d7aa36");
}

TEST(Dataset, RawAndMixedCopiesGiveTheSameData) {
  const xdd::LoadedData gz = xdd::load_dataset(xdd::test::small_mnist_dir());
  xdd::test::ScratchDir dir;
  const fs::path raw_dir = dir.path() / "my-digits";
  fs::create_directories(raw_dir);
  for (int i = 0; i < 4; ++i) {
    const Bytes content =
        xdd::test::gunzip_file(xdd::test::small_mnist_dir() / (std::string(kFiles[i]) + ".gz"));
    // Labels raw, images re-compressed: every file is found in either form.
    xdd::test::write_content(raw_dir, kFiles[i], content, i % 2 == 0);
  }
  const xdd::LoadedData mixed = xdd::load_dataset(raw_dir / "");
  EXPECT_TRUE(torch::equal(mixed.train.images, gz.train.images));
  EXPECT_TRUE(torch::equal(mixed.train.labels, gz.train.labels));
  EXPECT_TRUE(torch::equal(mixed.test.images, gz.test.images));
  EXPECT_TRUE(torch::equal(mixed.test.labels, gz.test.labels));
  EXPECT_EQ(mixed.checksum, gz.checksum);  // the decompressed bytes are hashed
  EXPECT_EQ(mixed.name, "my-digits");      // trailing slash ignored
}

TEST(Dataset, MissingFolder) {
  xdd::test::ScratchDir dir;
  expect_fault<xdd::IoError>(dir.path() / "absent", (dir.path() / "absent").string(), "not found");
}

TEST(Dataset, MissingFileNamesBothForms) {
  xdd::test::ScratchDir dir;
  for (int i = 0; i < 3; ++i)
    fs::copy(xdd::test::small_mnist_dir() / (std::string(kFiles[i]) + ".gz"), dir.path());
  expect_fault<xdd::IoError>(dir.path(), "t10k-labels-idx1-ubyte.gz", "missing file");
}

// A tiny valid dataset (3 train, 2 test images), raw or gzip; each test then breaks one file.
class TinyDataset : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    write("train-images-idx3-ubyte", idx_bytes({3, 28, 28}, Bytes(3 * 784, 255)));
    write("train-labels-idx1-ubyte", idx_bytes({3}, {0, 9, 4}));
    write("t10k-images-idx3-ubyte", idx_bytes({2, 28, 28}, Bytes(2 * 784, 0)));
    write("t10k-labels-idx1-ubyte", idx_bytes({2}, {1, 2}));
  }
  fs::path write(const std::string& name, const Bytes& content) {
    return xdd::test::write_content(dir_.path(), name, content, GetParam());
  }
  std::string file(const std::string& name) const {
    return (dir_.path() / (GetParam() ? name + ".gz" : name)).string();
  }
  xdd::test::ScratchDir dir_;
};

TEST_P(TinyDataset, LoadsAndScales) {
  const xdd::LoadedData d = xdd::load_dataset(dir_.path());
  EXPECT_EQ(d.train.size(), 3);
  EXPECT_EQ(d.test.size(), 2);
  EXPECT_TRUE(torch::all(d.train.images == 1.0f).item<bool>());
  EXPECT_TRUE(torch::all(d.test.images == -1.0f).item<bool>());
  EXPECT_EQ(d.train.labels[1].item<int64_t>(), 9);
  EXPECT_EQ(d.name, dir_.path().filename().string());
  // The checksum covers the four decompressed files in order: recompute it from their bytes.
  uint64_t h = xdd::kFnv1a64Offset;
  for (const char* name : kFiles) {
    const Bytes b =
        GetParam() ? xdd::test::gunzip_file(file(name)) : xdd::test::read_file(file(name));
    h = xdd::fnv1a64(b.data(), b.size(), h);
  }
  EXPECT_EQ(d.checksum, xdd::to_hex64(h));
}

TEST_P(TinyDataset, LabelImageCountMismatch) {
  write("train-labels-idx1-ubyte", idx_bytes({2}, {0, 1}));
  expect_fault<xdd::DataError>(dir_.path(), file("train-labels-idx1-ubyte"), "counts must match");
}

TEST_P(TinyDataset, LabelAboveNine) {
  write("t10k-labels-idx1-ubyte", idx_bytes({2}, {3, 10}));
  expect_fault<xdd::DataError>(dir_.path(), file("t10k-labels-idx1-ubyte"),
                               "label 10 at index 1 is outside 0..9");
}

TEST_P(TinyDataset, ImagesNot28x28) {
  write("train-images-idx3-ubyte", idx_bytes({3, 27, 28}, Bytes(3 * 27 * 28, 1)));
  expect_fault<xdd::DataError>(dir_.path(), file("train-images-idx3-ubyte"), "28x28");
}

TEST_P(TinyDataset, LabelsNotOneDimensional) {
  write("train-labels-idx1-ubyte", idx_bytes({3, 1}, {0, 1, 2}));
  expect_fault<xdd::DataError>(dir_.path(), file("train-labels-idx1-ubyte"),
                               "expected a 1-D array");
}

TEST_P(TinyDataset, NoImages) {
  write("t10k-images-idx3-ubyte", idx_bytes({0, 28, 28}, {}));
  write("t10k-labels-idx1-ubyte", idx_bytes({0}, {}));
  expect_fault<xdd::DataError>(dir_.path(), file("t10k-images-idx3-ubyte"), "holds no images");
}

TEST_P(TinyDataset, BrokenFileIsNamed) {
  Bytes b = idx_bytes({2, 28, 28}, Bytes(2 * 784, 0));
  b.resize(b.size() - 100);
  write("t10k-images-idx3-ubyte", b);
  expect_fault<xdd::DataError>(dir_.path(), file("t10k-images-idx3-ubyte"), "truncated");
}

INSTANTIATE_TEST_SUITE_P(RawAndGzip, TinyDataset, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "gzip" : "raw"; });

// The full sets, where this machine has them (the suite stays runnable without them).
TEST(DatasetFull, MnistIsRecognised) {
  const fs::path dir = XDD_DEFAULT_DATA_DIR;
  if (!fs::exists(dir / "train-images-idx3-ubyte") &&
      !fs::exists(dir / "train-images-idx3-ubyte.gz")) {
    GTEST_SKIP() << "no MNIST in " << dir;
  }
  const xdd::LoadedData d = xdd::load_dataset(dir);
  EXPECT_EQ(d.name, "mnist");
  EXPECT_EQ(d.checksum, xdd::kMnistChecksum);
  EXPECT_EQ(d.train.size(), 60000);
  // SPEC section 1: test-set counts per digit.
  EXPECT_EQ(class_counts(d.test.labels),
            (std::vector<int64_t>{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}));
}

TEST(DatasetFull, FashionMnistFromDebianIsRecognised) {
  const char* env = std::getenv("XDD_FASHION_MNIST_DIR");
  const fs::path dir = env ? env : "/usr/share/datasets/fashion-mnist";
  if (!fs::exists(dir)) GTEST_SKIP() << "no Fashion-MNIST in " << dir;
  const xdd::LoadedData d = xdd::load_dataset(dir);
  EXPECT_EQ(d.name, "fashion-mnist");
  EXPECT_EQ(d.checksum, xdd::kFashionMnistChecksum);
  EXPECT_EQ(class_counts(d.train.labels), std::vector<int64_t>(10, 6000));
  EXPECT_EQ(class_counts(d.test.labels), std::vector<int64_t>(10, 1000));
}
