#pragma once
// What colours the Embedding panel's points: the digit, or the anomaly score. Typed; the names are
// for session files only.
#include <optional>
#include <string>

namespace xdd::gui {

enum class ColorMode { kLabel, kScore };

inline const char* color_mode_name(ColorMode mode) {
  return mode == ColorMode::kScore ? "score" : "digit";
}

// "digit" or "score"; nothing for any other name.
inline std::optional<ColorMode> parse_color_mode(const std::string& name) {
  if (name == "digit") return ColorMode::kLabel;
  if (name == "score") return ColorMode::kScore;
  return std::nullopt;
}

}  // namespace xdd::gui
