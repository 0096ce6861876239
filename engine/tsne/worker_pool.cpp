#include "tsne/worker_pool.h"

#include <chrono>

#include "core/error.h"

namespace xdd::tsne {
namespace {

// How long an idle thread polls before it blocks: long enough to bridge the gap between two
// loops of one t-SNE iteration, short enough to waste little when the cores are oversubscribed.
constexpr auto kSpin = std::chrono::microseconds(50);

template <typename Ready>
bool spin_until(Ready ready) {
  const auto until = std::chrono::steady_clock::now() + kSpin;
  do {
    for (int i = 0; i < 64; ++i) {
      if (ready()) return true;
#if defined(__x86_64__)
      __builtin_ia32_pause();
#endif
    }
  } while (std::chrono::steady_clock::now() < until);
  return ready();
}

}  // namespace

WorkerPool::WorkerPool(int threads) {
  if (threads < 1 || threads > 1024) {
    throw InvalidArgument("worker pool needs 1..1024 threads, got " + std::to_string(threads));
  }
  workers_.reserve(static_cast<size_t>(threads - 1));
  for (int t = 1; t < threads; ++t) workers_.emplace_back([this, t] { worker_main(t); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (std::thread& w : workers_) w.join();
}

void WorkerPool::run(std::int64_t n, std::int64_t grain, const RangeFunction& fn,
                     const std::function<void()>& first) {
  fn_ = &fn;
  first_ = first ? &first : nullptr;
  n_ = n;
  grain_ = grain < 1 ? 1 : grain;
  next_.store(0, std::memory_order_relaxed);
  first_taken_.store(first_ == nullptr, std::memory_order_relaxed);
  error_ = nullptr;
  if (!workers_.empty()) {
    busy_.store(static_cast<int>(workers_.size()), std::memory_order_relaxed);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      generation_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
  }
  work(0);
  if (!workers_.empty()) {
    const auto all_done = [this] { return busy_.load(std::memory_order_acquire) == 0; };
    if (!spin_until(all_done)) {
      std::unique_lock<std::mutex> lock(mutex_);
      done_.wait(lock, all_done);
    }
  }
  fn_ = nullptr;
  first_ = nullptr;
  if (error_) std::rethrow_exception(error_);
}

void WorkerPool::worker_main(int thread) {
  std::uint64_t seen = 0;
  for (;;) {
    const auto has_job = [&] { return generation_.load(std::memory_order_acquire) != seen; };
    if (!spin_until(has_job)) {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || has_job(); });
      if (stop_) return;
    }
    seen = generation_.load(std::memory_order_acquire);
    work(thread);
    if (busy_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      std::lock_guard<std::mutex> lock(mutex_);
      done_.notify_one();
    }
  }
}

void WorkerPool::work(int thread) {
  try {
    if (!first_taken_.exchange(true, std::memory_order_acq_rel)) (*first_)();
    for (;;) {
      const std::int64_t begin = next_.fetch_add(grain_, std::memory_order_relaxed);
      if (begin >= n_) break;
      (*fn_)(begin, begin + grain_ < n_ ? begin + grain_ : n_, thread);
    }
  } catch (...) {
    record_error();
  }
}

void WorkerPool::record_error() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!error_) error_ = std::current_exception();
  next_.store(n_, std::memory_order_relaxed);  // the others stop taking chunks
}

}  // namespace xdd::tsne
