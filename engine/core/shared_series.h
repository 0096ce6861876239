#pragma once
// A growing sequence that copies share: what a snapshot's per-step histories are made of (the loss
// terms, the information plane, the finished runs). Copying a series is O(1) in its length and so
// is appending, so publishing a snapshot of a 10,000-step run costs what the first one did.
//
// How: the items live in fixed-capacity chunks that are never moved. A copy holds the list of
// chunks and its own length; an append writes the next free slot of the last chunk, a slot no
// existing copy reads, because every copy reads only below its own length. A copy that appends
// where another copy already did (two histories diverging) first takes its own copy of that chunk.
//
// Threads: copies may be read on any thread while one thread appends to the newest copy (the
// session's worker); a copy must be handed to readers through something that orders memory (the
// snapshot's mutex). Appends to copies of one series come from one thread.
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <vector>

namespace xdd {

template <typename T>
class SharedSeries {
  static constexpr size_t kChunk = 256;
  using Chunk = std::vector<T>;  // capacity kChunk, reserved once: its items never move
  using Chunks = std::vector<std::shared_ptr<Chunk>>;

 public:
  SharedSeries() = default;
  SharedSeries(std::initializer_list<T> items) {
    for (const T& item : items) push_back(item);
  }
  explicit SharedSeries(const std::vector<T>& items) {
    for (const T& item : items) push_back(item);
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // data(), not operator[]: reads only the chunk's start, never the length the writer moves.
  const T& operator[](size_t i) const { return (*chunks_)[i / kChunk]->data()[i % kChunk]; }
  const T& back() const { return (*this)[size_ - 1]; }

  void push_back(T item) {
    const size_t slot = size_ % kChunk;
    if (slot == 0) {
      start_chunk();
    } else if (tail().size() != slot) {
      own_tail();  // another copy appended here first
    }
    tail().push_back(std::move(item));
    ++size_;
  }

  std::vector<T> to_vector() const { return std::vector<T>(begin(), end()); }

  // Equal items in equal order, as for std::vector.
  friend bool operator==(const SharedSeries& a, const SharedSeries& b) {
    if (a.size_ != b.size_) return false;
    for (size_t i = 0; i < a.size_; ++i) {
      if (!(a[i] == b[i])) return false;
    }
    return true;
  }
  friend bool operator!=(const SharedSeries& a, const SharedSeries& b) { return !(a == b); }

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;
    const_iterator(const SharedSeries* series, size_t i) : series_(series), i_(i) {}
    const T& operator*() const { return (*series_)[i_]; }
    const T* operator->() const { return &(*series_)[i_]; }
    const_iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator==(const const_iterator& other) const { return i_ == other.i_; }
    bool operator!=(const const_iterator& other) const { return i_ != other.i_; }

   private:
    const SharedSeries* series_;
    size_t i_;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size_}; }

 private:
  Chunk& tail() { return *chunks_->back(); }

  // A new last chunk. The list of chunks is copied (one pointer per 256 items), so copies made
  // before keep theirs.
  void start_chunk() {
    auto chunks =
        chunks_ ? std::make_shared<Chunks>(chunks_->begin(), chunks_->begin() + size_ / kChunk)
                : std::make_shared<Chunks>();
    chunks->push_back(std::make_shared<Chunk>());
    chunks->back()->reserve(kChunk);
    chunks_ = std::move(chunks);
  }

  // This copy's own last chunk, holding its first size_ % kChunk items.
  void own_tail() {
    auto chunks = std::make_shared<Chunks>(chunks_->begin(), chunks_->begin() + size_ / kChunk);
    const Chunk& shared = *(*chunks_)[size_ / kChunk];
    auto own = std::make_shared<Chunk>(shared.begin(), shared.begin() + size_ % kChunk);
    own->reserve(kChunk);
    chunks->push_back(std::move(own));
    chunks_ = std::move(chunks);
  }

  std::shared_ptr<Chunks> chunks_;
  size_t size_ = 0;
};

}  // namespace xdd
