// The Runs panel's worker: results arrive once, errors are kept, a request made while one runs
// waits for it and only the newest waiting request runs.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

#include "logic/background_job.h"

using namespace std::chrono_literals;
using xdd::gui::BackgroundJob;
using xdd::gui::JobResult;

namespace {

template <typename T>
JobResult<T> wait_result(BackgroundJob<T>& job) {
  for (int i = 0; i < 2000; ++i) {
    if (auto r = job.poll()) return *r;
    std::this_thread::sleep_for(5ms);
  }
  ADD_FAILURE() << "no result in 10 s";
  return {};
}

}  // namespace

TEST(BackgroundJob, DeliversResultsAndErrorsOnce) {
  std::atomic<int> wakes{0};
  BackgroundJob<int> job([&] { ++wakes; });
  EXPECT_FALSE(job.poll());
  job.request([] { return 42; });
  const auto r = wait_result(job);
  EXPECT_EQ(r.value, 42);
  EXPECT_EQ(wakes.load(), 1);
  EXPECT_FALSE(job.poll());
  EXPECT_FALSE(job.busy());
  job.request([]() -> int { throw std::runtime_error("store is locked"); });
  const auto e = wait_result(job);
  EXPECT_FALSE(e.value);
  EXPECT_EQ(e.error, "store is locked");
}

TEST(BackgroundJob, OnlyTheNewestWaitingRequestRuns) {
  std::atomic<bool> release{false};
  std::atomic<int> runs{0};
  BackgroundJob<int> job;
  job.request([&] {
    while (!release) std::this_thread::sleep_for(1ms);
    ++runs;
    return 1;
  });
  job.request([&] { return ++runs, 2; });  // replaced before it starts
  job.request([&] { return ++runs, 3; });
  EXPECT_TRUE(job.busy());
  release = true;
  EXPECT_EQ(wait_result(job).value, 1);
  EXPECT_EQ(wait_result(job).value, 3);
  EXPECT_EQ(runs.load(), 2);
  EXPECT_FALSE(job.busy());
}
