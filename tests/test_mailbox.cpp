// core/mailbox.h: the two policies, closing, and idleness as the workers rely on them.
#include "core/mailbox.h"

#include <gtest/gtest.h>
#include <pthread.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "core/background_thread.h"

namespace xdd {
namespace {

using namespace std::chrono_literals;

TEST(Mailbox, EveryKeepsAllInOrderAndDrainsOnClose) {
  Mailbox<int> box(MailboxPolicy::kEvery);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(box.post(i));
  box.close();
  EXPECT_FALSE(box.post(99));  // refused once closed
  std::vector<int> taken;
  while (auto item = box.take()) {
    taken.push_back(*item);
    box.done();
  }
  EXPECT_EQ(taken, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(Mailbox, NewestReplacesWhatWaitsAndDropsItOnClose) {
  Mailbox<int> box(MailboxPolicy::kNewest);
  box.post(1);
  box.post(2);
  box.post(3);
  EXPECT_TRUE(box.has_waiting());
  ASSERT_EQ(box.take(), 3);
  box.done();
  EXPECT_FALSE(box.has_waiting());
  box.post(4);
  box.close();
  EXPECT_EQ(box.take(), std::nullopt);  // a closed newest-only box gives nothing more
}

TEST(Mailbox, IdleOnlyWhenNothingWaitsAndNothingIsHandled) {
  Mailbox<int> box(MailboxPolicy::kEvery);
  EXPECT_TRUE(box.wait_until_idle(0ms));
  box.post(1);
  EXPECT_FALSE(box.wait_until_idle(0ms));
  ASSERT_TRUE(box.take());
  EXPECT_FALSE(box.wait_until_idle(0ms));  // taken, not yet done
  box.done();
  EXPECT_TRUE(box.wait_until_idle(0ms));
  box.post(2);
  box.clear();
  EXPECT_TRUE(box.wait_until_idle(0ms));
}

// A background worker takes what another thread posts, and returns once the box is closed; it
// carries its name (cut to the 15 characters Linux keeps).
TEST(Mailbox, AWorkerThreadHandlesEveryPostThenStops) {
  Mailbox<int> box(MailboxPolicy::kEvery);
  long sum = 0;
  std::string name;
  {
    BackgroundThread worker("test-mailbox-worker", [&] {
      char buffer[32] = {};
      pthread_getname_np(pthread_self(), buffer, sizeof buffer);
      name = buffer;
      while (auto item = box.take()) {
        sum += *item;
        box.done();
      }
    });
    for (int i = 1; i <= 1000; ++i) box.post(i);
    EXPECT_TRUE(box.wait_until_idle(10s));
    box.close();
  }  // joined here
  EXPECT_EQ(sum, 500500);
  EXPECT_EQ(name, "test-mailbox-wo");
}

}  // namespace
}  // namespace xdd
