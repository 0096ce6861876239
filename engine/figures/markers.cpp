#include "figures/markers.h"

#include <cmath>

namespace xdd::figures {

void add_marker(cairo_t* cr, Mark mark, double x, double y, double r) {
  switch (mark) {
    case Mark::box:
      cairo_rectangle(cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case Mark::line:
      cairo_move_to(cr, x - 2 * r, y);
      cairo_line_to(cr, x + 2 * r, y);
      break;
    case Mark::circle:
      cairo_new_sub_path(cr);
      cairo_arc(cr, x, y, r, 0, 2 * M_PI);
      cairo_close_path(cr);
      break;
    case Mark::cross:
      cairo_move_to(cr, x - r, y - r);
      cairo_line_to(cr, x + r, y + r);
      cairo_move_to(cr, x - r, y + r);
      cairo_line_to(cr, x + r, y - r);
      break;
    case Mark::triangle:  // pointing up, centred on its centroid
      cairo_move_to(cr, x, y - r * 1.15);
      cairo_line_to(cr, x + r, y + r * 0.58);
      cairo_line_to(cr, x - r, y + r * 0.58);
      cairo_close_path(cr);
      break;
  }
}

bool is_stroked(Mark mark) {
  return mark == Mark::circle || mark == Mark::cross || mark == Mark::line;
}

}  // namespace xdd::figures
