#include "widgets/scatter_colors.h"

#include <algorithm>
#include <cmath>

namespace xdd::gui {
namespace {

std::uint32_t pack(int r, int g, int b, std::uint8_t a) {
  return static_cast<std::uint32_t>(r) | (static_cast<std::uint32_t>(g) << 8) |
         (static_cast<std::uint32_t>(b) << 16) | (static_cast<std::uint32_t>(a) << 24);
}

struct Rgb {
  float r, g, b;
};

}  // namespace

std::uint32_t digit_color(int digit, std::uint8_t alpha) {
  // Ten hues far apart, chosen by hand; mid-dark so they read on the white canvas.
  static const int kPalette[10][3] = {
      {31, 106, 178}, {240, 128, 20},  {44, 160, 60},   {212, 40, 40},  {140, 90, 190},
      {135, 80, 60},  {226, 110, 190}, {110, 110, 110}, {215, 200, 20}, {20, 185, 205},
  };
  const int d = ((digit % 10) + 10) % 10;
  return pack(kPalette[d][0], kPalette[d][1], kPalette[d][2], alpha);
}

std::uint32_t score_color(float t, std::uint8_t alpha) {
  static const Rgb kStops[] = {
      {0.10f, 0.12f, 0.45f}, {0.42f, 0.14f, 0.58f}, {0.80f, 0.25f, 0.40f},
      {0.97f, 0.55f, 0.15f}, {0.99f, 0.92f, 0.45f},
  };
  constexpr int kLast = 4;
  if (!std::isfinite(t)) t = 0.0f;
  const float x = std::clamp(t, 0.0f, 1.0f) * kLast;
  const int i = std::min(static_cast<int>(x), kLast - 1);
  const float f = x - static_cast<float>(i);
  const Rgb& a = kStops[i];
  const Rgb& b = kStops[i + 1];
  auto channel = [f](float u, float v) {
    return static_cast<int>(std::lround(255.0f * (u + f * (v - u))));
  };
  return pack(channel(a.r, b.r), channel(a.g, b.g), channel(a.b, b.b), alpha);
}

ScoreRange score_range(const std::vector<float>& scores) {
  std::vector<float> finite;
  finite.reserve(scores.size());
  for (float s : scores) {
    if (std::isfinite(s)) finite.push_back(s);
  }
  ScoreRange range;
  if (finite.empty()) return range;
  auto at = [&](double q) {
    const auto k = static_cast<size_t>(q * static_cast<double>(finite.size() - 1));
    std::nth_element(finite.begin(), finite.begin() + static_cast<long>(k), finite.end());
    return finite[k];
  };
  range.low = at(0.02);
  range.high = at(0.98);
  if (!(range.high > range.low)) range.high = range.low + 1.0f;
  return range;
}

}  // namespace xdd::gui
