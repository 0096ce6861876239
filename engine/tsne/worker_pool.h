#pragma once
// A small fixed pool of threads for the t-SNE loops. Unlike an OpenMP team, idle workers spin only
// for a few tens of microseconds before they block, so t-SNE running beside LibTorch training (or
// other busy processes) on the same cores does not burn them waiting at barriers. Work is handed
// out in chunks from a shared counter; callers must make each index's result independent of which
// thread computes it (the t-SNE loops do), so results do not depend on scheduling.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace xdd::tsne {

class WorkerPool {
 public:
  // fn(begin, end, thread): process indices [begin, end); thread is 0 .. threads() - 1.
  using RangeFunction = std::function<void(std::int64_t begin, std::int64_t end, int thread)>;

  // threads >= 1 in total, the calling thread included (so threads - 1 workers are started).
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int threads() const { return static_cast<int>(workers_.size()) + 1; }

  // Runs fn over [0, n) in chunks of `grain` on all threads and returns when every chunk is done.
  // If `first` is given, one thread runs it before it starts taking chunks (work that fn does not
  // depend on, overlapped with the loop). The first exception thrown is rethrown here.
  void run(std::int64_t n, std::int64_t grain, const RangeFunction& fn,
           const std::function<void()>& first = {});

 private:
  void worker_main(int thread);
  void work(int thread);
  void record_error();

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<int> busy_{0};
  std::atomic<std::int64_t> next_{0};
  std::atomic<bool> first_taken_{false};
  bool stop_ = false;
  // The job being run (valid while busy).
  const RangeFunction* fn_ = nullptr;
  const std::function<void()>* first_ = nullptr;
  std::int64_t n_ = 0;
  std::int64_t grain_ = 1;
  std::exception_ptr error_;
};

}  // namespace xdd::tsne
