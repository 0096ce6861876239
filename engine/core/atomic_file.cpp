#include "core/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

#include "core/error.h"

namespace xdd {
namespace fs = std::filesystem;

namespace {

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "host";
  return name;
}

// Unique per machine, process and write: array tasks on several nodes write the same files
// (sweep-config.json, a GAN cache file) into one shared folder, and their pids may coincide.
fs::path temp_path_for(const fs::path& target) {
  static std::atomic<unsigned> counter{0};
  static const std::string host = host_name();
  return target.parent_path() / ("." + target.filename().string() + ".tmp." + host + "." +
                                 std::to_string(::getpid()) + "." + std::to_string(counter++));
}

// fsync so that a crash right after the rename cannot leave an empty file behind it.
void sync_file(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) throw IoError("cannot reopen " + path.string() + ": " + std::strerror(errno));
  int rc = ::fsync(fd);
  int saved = errno;
  ::close(fd);
  if (rc != 0) throw IoError("cannot flush " + path.string() + " to disk: " + std::strerror(saved));
}

}  // namespace

void ensure_directory(const fs::path& dir) {
  if (dir.empty()) return;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    throw IoError("cannot create folder " + dir.string() + ": " +
                  (ec ? ec.message() : "a file of that name exists"));
  }
}

void write_atomically(const fs::path& target, const std::function<void(const fs::path&)>& write) {
  const fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  ensure_directory(parent);
  const fs::path temp = temp_path_for(parent / target.filename());
  try {
    write(temp);
    sync_file(temp);
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec) throw IoError("cannot replace " + target.string() + ": " + ec.message());
  } catch (...) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw;
  }
}

void write_text_atomically(const fs::path& target, const std::string& content) {
  write_atomically(target, [&](const fs::path& temp) {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw IoError("cannot write " + target.string() + ": " + std::strerror(errno));
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) throw IoError("cannot write " + target.string() + " (disk full?)");
  });
}

}  // namespace xdd
