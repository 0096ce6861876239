#pragma once
// Per-frame times for the frame-time benchmark (--frame-log): kept in memory, written at exit. Two
// per frame: the whole frame (start to the end of its buffer swap) and the app's own work (start to
// complete draw lists, before OpenGL submission and the driver's rasterisation).
#include <filesystem>
#include <vector>

namespace xdd {

class FrameLog {
 public:
  void add(double whole_ms, double work_ms) {
    times_ms_.push_back(whole_ms);
    work_ms_.push_back(work_ms);
  }
  // One frame per line, "whole work" in ms, atomically. IoError naming the file on failure.
  void write(const std::filesystem::path& file) const;

 private:
  std::vector<double> times_ms_;
  std::vector<double> work_ms_;
};

}  // namespace xdd
