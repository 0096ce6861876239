#pragma once
// A read-only array of floats that several readers share without copying. It points into memory
// that an owner keeps alive: a std::vector it adopted, or (snapshot_conversions.h) the storage of
// a tensor, type-erased so that this header and its readers need no LibTorch. The app's test
// embeddings (10,000 x 3136 floats, 125 MB each) reach the live t-SNE this way while the run
// recorder keeps the same tensors: one copy between them.
#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace xdd {

class SharedFloats {
 public:
  SharedFloats() = default;
  // Adopts `values`.
  explicit SharedFloats(std::vector<float> values) {
    auto owned = std::make_shared<const std::vector<float>>(std::move(values));
    data_ = owned->data();
    size_ = owned->size();
    owner_ = std::move(owned);
  }
  // `size` floats at `data`, kept alive (and never written) by `owner`.
  SharedFloats(std::shared_ptr<const void> owner, const float* data, std::size_t size)
      : owner_(std::move(owner)), data_(data), size_(size) {}

  const float* data() const { return data_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const float* begin() const { return data_; }
  const float* end() const { return data_ + size_; }
  float operator[](std::size_t i) const { return data_[i]; }
  std::vector<float> to_vector() const { return std::vector<float>(begin(), end()); }

  // True when `next` starts where this array ends: two parts of one buffer, back to back, that a
  // reader may take as one array.
  bool continued_by(const SharedFloats& next) const {
    return data_ != nullptr && next.data_ == data_ + size_;
  }

 private:
  std::shared_ptr<const void> owner_;
  const float* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace xdd
