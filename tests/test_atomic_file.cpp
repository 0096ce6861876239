#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/atomic_file.h"
#include "core/error.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

size_t count_entries(const fs::path& dir) {
  return static_cast<size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}));
}

}  // namespace

TEST(AtomicFile, WritesAndReplaces) {
  xdd::test::ScratchDir dir;
  const fs::path target = dir.path() / "a.txt";
  xdd::write_text_atomically(target, "first");
  EXPECT_EQ(read_all(target), "first");
  xdd::write_text_atomically(target, "second");
  EXPECT_EQ(read_all(target), "second");
  EXPECT_EQ(count_entries(dir.path()), 1u);  // no temp file left behind
}

TEST(AtomicFile, FailedWriteKeepsPreviousContent) {
  xdd::test::ScratchDir dir;
  const fs::path target = dir.path() / "a.txt";
  xdd::write_text_atomically(target, "kept");
  EXPECT_THROW(xdd::write_atomically(target,
                                     [](const fs::path& tmp) {
                                       std::ofstream(tmp) << "half";
                                       throw xdd::IoError("disk full");
                                     }),
               xdd::IoError);
  EXPECT_EQ(read_all(target), "kept");
  EXPECT_EQ(count_entries(dir.path()), 1u);
}

TEST(AtomicFile, UnwritableFolderIsAClearError) {
  try {
    xdd::write_text_atomically("/proc/xdd-cannot-exist/a.txt", "x");
    FAIL() << "expected IoError";
  } catch (const xdd::IoError& e) {
    EXPECT_NE(std::string(e.what()).find("/proc/xdd-cannot-exist"), std::string::npos);
  }
}
