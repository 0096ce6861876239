#pragma once
// An exclusive advisory lock on a file (flock), for processes that must not do the same work at
// once, such as Slurm array tasks pre-training the same GAN into a shared cache folder. It is
// seen by other processes on this machine, and by other machines where the file system forwards
// flock (NFS does; Lustre and BeeGFS depending on how they are mounted, else only per node).
// Where it is not supported at all, try_lock says so and the caller goes on without it.
#include <filesystem>

namespace xdd {

class FileLock {
 public:
  enum class Attempt { kHeld, kBusy, kUnsupported };

  // Opens `path`, creating an empty file if needed (it is never deleted: removing a lock file
  // while another process waits on it would let two processes hold "the" lock). IoError naming
  // the file when it cannot be opened or created.
  explicit FileLock(const std::filesystem::path& path);
  ~FileLock();  // releases the lock if held
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

  // Takes the lock without waiting: kHeld (now ours, also when it already was), kBusy (another
  // holder), or kUnsupported (the file system has no flock).
  Attempt try_lock();
  bool held() const { return held_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  bool held_ = false;
};

}  // namespace xdd
