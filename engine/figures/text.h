#pragma once
// Text on a figure: DejaVu Sans through Cairo's toy font API, placed by an anchor point.
#include <cairo.h>

#include <string>

#include "figures/palette.h"

namespace xdd::figures {

enum class HAlign { left, centre, right };
enum class VAlign { top, middle, baseline, bottom };

struct TextStyle {
  double size = 9;  // points
  bool bold = false;
  Rgb colour = black();
};

// Draws `text` so that its (h, v) anchor lands on (x, y), rotated by `angle` radians about it.
void draw_text(cairo_t* cr, double x, double y, const std::string& text, const TextStyle& style,
               HAlign h = HAlign::left, VAlign v = VAlign::baseline, double angle = 0);
double text_width(cairo_t* cr, const std::string& text, const TextStyle& style);

}  // namespace xdd::figures
