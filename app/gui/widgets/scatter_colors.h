#pragma once
// Colours of the Embedding panel, packed as IM_COL32 (bytes r, g, b, a): one per digit (ten
// distinct hues; 8 is yellow as in the paper's figures) and a sequential colormap for anomaly
// scores (dark blue -> purple -> orange -> light yellow: low scores recede, high scores stand out).
#include <cstdint>
#include <vector>

namespace xdd::gui {

std::uint32_t digit_color(int digit, std::uint8_t alpha = 255);

// t in [0, 1] (clamped) along the score colormap.
std::uint32_t score_color(float t, std::uint8_t alpha = 255);

// The range shown by the score colormap: the 2nd and 98th percentiles of `scores`, so a few
// extreme scores do not wash out the rest. {0, 1} when empty; never a zero-width range.
struct ScoreRange {
  float low = 0.0f, high = 1.0f;
  float normalise(float s) const { return (s - low) / (high - low); }
};
ScoreRange score_range(const std::vector<float>& scores);

}  // namespace xdd::gui
