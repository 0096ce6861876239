#include "shell/frame_log.h"

#include <cstdio>
#include <string>

#include "core/atomic_file.h"

namespace xdd {

void FrameLog::write(const std::filesystem::path& file) const {
  std::string text;
  text.reserve(times_ms_.size() * 8);
  char line[32];
  for (size_t i = 0; i < times_ms_.size(); ++i) {
    std::snprintf(line, sizeof line, "%.3f %.3f\n", times_ms_[i], work_ms_[i]);
    text += line;
  }
  write_text_atomically(file, text);
}

}  // namespace xdd
