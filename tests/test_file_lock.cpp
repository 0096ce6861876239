// The lock that keeps two processes from pre-training the same GAN at once.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <memory>

#include "core/error.h"
#include "core/file_lock.h"
#include "test_support.h"

namespace fs = std::filesystem;
using xdd::FileLock;

TEST(FileLock, SecondHolderIsRefusedUntilTheFirstReleases) {
  xdd::test::ScratchDir dir;
  const fs::path file = dir.path() / "gan.pt.lock";
  auto first = std::make_unique<FileLock>(file);
  EXPECT_TRUE(fs::exists(file));
  EXPECT_FALSE(first->held());
  ASSERT_EQ(first->try_lock(), FileLock::Attempt::kHeld);
  EXPECT_EQ(first->try_lock(), FileLock::Attempt::kHeld);  // asking again keeps it

  // flock belongs to the open file, so a second open in this process competes like another one.
  FileLock second(file);
  EXPECT_EQ(second.try_lock(), FileLock::Attempt::kBusy);
  EXPECT_FALSE(second.held());
  first.reset();
  EXPECT_EQ(second.try_lock(), FileLock::Attempt::kHeld);
  EXPECT_TRUE(fs::exists(file));  // never deleted: a waiter may have it open
}

TEST(FileLock, AnotherProcessSeesTheLock) {
  xdd::test::ScratchDir dir;
  const fs::path file = dir.path() / "gan.pt.lock";
  FileLock mine(file);
  ASSERT_EQ(mine.try_lock(), FileLock::Attempt::kHeld);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    FileLock theirs(file);
    _exit(theirs.try_lock() == FileLock::Attempt::kBusy ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST(FileLock, UnopenableFileIsAnIoErrorNamingIt) {
  xdd::test::ScratchDir dir;
  const fs::path file = dir.path() / "no-such-folder" / "gan.pt.lock";
  try {
    FileLock lock(file);
    FAIL() << "no error";
  } catch (const xdd::IoError& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
  }
}
