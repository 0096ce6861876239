#pragma once
// What colours the Embedding panel's points: the digit, or the anomaly score. Typed; the names are
// for session files only.

namespace xdd::gui {

enum class ColorMode { kLabel, kScore };

inline const char* color_mode_name(ColorMode mode) {
  return mode == ColorMode::kScore ? "score" : "digit";
}

}  // namespace xdd::gui
