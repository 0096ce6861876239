#include "core/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.h"

namespace xdd {

FileLock::FileLock(const std::filesystem::path& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw IoError("cannot open the lock file " + path.string() + ": " + std::strerror(errno));
  }
}

FileLock::~FileLock() {
  ::close(fd_);  // closing the descriptor releases its flock
}

FileLock::Attempt FileLock::try_lock() {
  if (held_) return Attempt::kHeld;
  while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno == EWOULDBLOCK) return Attempt::kBusy;
    return Attempt::kUnsupported;  // ENOLCK, EOPNOTSUPP, ENOSYS, EINVAL: no usable flock here
  }
  held_ = true;
  return Attempt::kHeld;
}

}  // namespace xdd
