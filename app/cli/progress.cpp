#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace xdd::cli {
namespace {

std::string format_duration(double seconds) {
  if (!(seconds >= 0) || seconds > 1e7) return "--:--";
  const int s = static_cast<int>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%02d:%02d", s / 60, s % 60);
  }
  return buf;
}

}  // namespace

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)), start_(std::chrono::steady_clock::now()), tty_(::isatty(2) != 0) {}

void ProgressBar::update(int64_t done, int64_t total, const std::string& detail) {
  const auto now = std::chrono::steady_clock::now();
  if (first_done_ < 0) {
    first_done_ = done;
    start_ = now;
  }
  const int decile = total > 0 ? static_cast<int>(10 * done / total) : 0;
  const bool redraw = tty_ ? (now - last_draw_ > std::chrono::milliseconds(100) || done == total)
                           : decile != last_decile_;
  if (!redraw) return;
  last_draw_ = now;
  last_decile_ = decile;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done - first_done_) / elapsed : 0.0;
  const double eta = rate > 0 ? static_cast<double>(total - done) / rate : -1.0;
  const double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
  constexpr int kWidth = 28;
  std::string bar(static_cast<size_t>(kWidth * fraction), '#');
  bar.resize(kWidth, '.');
  std::fprintf(stderr, "%s%-24s [%s] %3d%% %lld/%lld  %.1f/s  ETA %s  %s%s", tty_ ? "\r\033[K" : "",
               label_.c_str(), bar.c_str(), static_cast<int>(100 * fraction),
               static_cast<long long>(done), static_cast<long long>(total), rate,
               format_duration(eta).c_str(), detail.c_str(), tty_ ? "" : "\n");
  std::fflush(stderr);
}

void ProgressBar::finish(const std::string& detail) {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::fprintf(stderr, "%s%-24s done in %s  %s\n", tty_ ? "\r\033[K" : "", label_.c_str(),
               format_duration(elapsed).c_str(), detail.c_str());
}

}  // namespace xdd::cli
