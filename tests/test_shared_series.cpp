// core/shared_series.h: copies share items, appends never change what an earlier copy reads, and
// diverging copies keep their own items.
#include "core/shared_series.h"

#include <gtest/gtest.h>

#include <mutex>

#include <string>
#include <thread>
#include <vector>

namespace xdd {
namespace {

std::vector<int> iota(int n) {
  std::vector<int> v(n);
  for (int i = 0; i < n; ++i) v[i] = i;
  return v;
}

TEST(SharedSeries, HoldsWhatWasAppendedAcrossChunks) {
  SharedSeries<int> s;
  EXPECT_TRUE(s.empty());
  for (int i = 0; i < 1000; ++i) s.push_back(i);
  ASSERT_EQ(s.size(), 1000u);
  EXPECT_EQ(s.to_vector(), iota(1000));
  EXPECT_EQ(s.back(), 999);
  int sum = 0;
  for (int v : s) sum += v;
  EXPECT_EQ(sum, 999 * 1000 / 2);
}

TEST(SharedSeries, AnEarlierCopyKeepsItsLengthAndItems) {
  SharedSeries<int> s;
  std::vector<SharedSeries<int>> copies;
  for (int i = 0; i < 600; ++i) {
    copies.push_back(s);  // as each publish copies the snapshot
    s.push_back(i);
  }
  for (int n = 0; n < 600; n += 37) EXPECT_EQ(copies[n].to_vector(), iota(n)) << n;
}

TEST(SharedSeries, CopiesThatDivergeKeepTheirOwnItems) {
  for (int start : {0, 5, 256, 300}) {
    SharedSeries<std::string> a;
    for (int i = 0; i < start; ++i) a.push_back(std::to_string(i));
    SharedSeries<std::string> b = a;
    a.push_back("a");
    b.push_back("b");  // the slot a wrote: b takes its own copy of the chunk
    b.push_back("b2");
    a.push_back("a2");
    ASSERT_EQ(a.size(), static_cast<size_t>(start) + 2);
    ASSERT_EQ(b.size(), static_cast<size_t>(start) + 2);
    EXPECT_EQ(a[start], "a");
    EXPECT_EQ(a[start + 1], "a2");
    EXPECT_EQ(b[start], "b");
    EXPECT_EQ(b[start + 1], "b2");
    for (int i = 0; i < start; ++i) EXPECT_EQ(b[i], std::to_string(i));
  }
}

TEST(SharedSeries, BuildsFromAVector) {
  const SharedSeries<int> s(iota(700));
  EXPECT_EQ(s.to_vector(), iota(700));
  EXPECT_EQ((SharedSeries<int>{1, 2, 3}).to_vector(), (std::vector<int>{1, 2, 3}));
}

// One thread appends and hands copies on through a mutex, as the session publishes; another reads
// every copy whole. Under TSan (the tsan preset) this is the data-race check.
TEST(SharedSeries, AReaderSeesEveryPublishedCopyWhileTheWriterAppends) {
  std::mutex mutex;
  SharedSeries<int> published;
  bool done = false;
  std::thread writer([&] {
    SharedSeries<int> s;
    for (int i = 0; i < 5000; ++i) {
      s.push_back(i);
      std::lock_guard<std::mutex> lock(mutex);
      published = s;
    }
    std::lock_guard<std::mutex> lock(mutex);
    done = true;
  });
  size_t checked = 0;
  for (;;) {
    SharedSeries<int> copy;
    bool finished;
    {
      std::lock_guard<std::mutex> lock(mutex);
      copy = published;
      finished = done;
    }
    for (size_t i = 0; i < copy.size(); ++i) ASSERT_EQ(copy[i], static_cast<int>(i));
    checked = copy.size();
    if (finished) break;
  }
  writer.join();
  EXPECT_EQ(checked, 5000u);
}

}  // namespace
}  // namespace xdd
