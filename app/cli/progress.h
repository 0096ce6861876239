#pragma once
// A one-line progress bar with rate and ETA on stderr (redrawn in place on a terminal, a line every
// 10 % otherwise, so logs stay short).
#include <chrono>
#include <string>

namespace xdd::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  void update(int64_t done, int64_t total, const std::string& detail = {});
  void finish(const std::string& detail = {});

 private:
  std::string label_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
  int64_t first_done_ = -1;
  int last_decile_ = -1;
  bool tty_;
};

}  // namespace xdd::cli
