#pragma once
// What a background worker takes its work from (the experiment session, the live t-SNE, the run
// recorder): requests posted from any thread, taken one at a time by the worker. Either every
// request is kept, in order (runs to record), or only the newest (a newer β replaces a run that has
// not started; a newer embedding replaces a frame the t-SNE has not reached).
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace xdd {

enum class MailboxPolicy { kEvery, kNewest };

template <typename T>
class Mailbox {
 public:
  explicit Mailbox(MailboxPolicy policy) : policy_(policy) {}

  // Leaves `item` for the worker; false (and nothing kept) once the box is closed.
  bool post(T item) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (closed_) return false;
      if (policy_ == MailboxPolicy::kNewest) waiting_.clear();
      waiting_.push_back(std::move(item));
    }
    changed_.notify_all();
    return true;
  }

  // The worker's: blocks until an item waits or the box is closed. Nothing once closed (kEvery:
  // after the items posted before closing; kNewest: at once). Call done() when the item is handled.
  std::optional<T> take() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return closed_ || !waiting_.empty(); });
    if (waiting_.empty() || (closed_ && policy_ == MailboxPolicy::kNewest)) return std::nullopt;
    T item = std::move(waiting_.front());
    waiting_.pop_front();
    busy_ = true;
    return item;
  }

  void done() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      busy_ = false;
    }
    changed_.notify_all();
  }

  void close() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closed_ = true;
    }
    changed_.notify_all();
  }

  // Drops what waits (not what the worker has taken).
  void clear() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      waiting_.clear();
    }
    changed_.notify_all();
  }

  bool has_waiting() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return !waiting_.empty();
  }

  // True once nothing waits and the worker handles nothing (false at the timeout).
  bool wait_until_idle(std::chrono::milliseconds timeout) const {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, timeout, [this] { return waiting_.empty() && !busy_; });
  }

 private:
  const MailboxPolicy policy_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::deque<T> waiting_;
  bool busy_ = false;
  bool closed_ = false;
};

}  // namespace xdd
