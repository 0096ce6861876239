#pragma once
// Per-frame times for the frame-time benchmark (--frame-log): kept in memory, written at exit.
#include <filesystem>
#include <vector>

namespace xdd {

class FrameLog {
 public:
  void add(double milliseconds) { times_ms_.push_back(milliseconds); }
  // One time per line, in ms, atomically. IoError naming the file on failure.
  void write(const std::filesystem::path& file) const;

 private:
  std::vector<double> times_ms_;
};

}  // namespace xdd
