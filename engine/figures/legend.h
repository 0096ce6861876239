#pragma once
// Legends: a sample (box, line, marker) and a text per entry, laid out in rows or in a column.
#include <cairo.h>

#include <string>
#include <vector>

#include "figures/markers.h"
#include "figures/palette.h"

namespace xdd::figures {

struct LegendEntry {
  std::string text;
  Rgb colour;
  Mark mark = Mark::box;
  std::vector<double> dash;  // for Mark::line; empty = solid
  bool bold = false;
};

// Entries left to right, wrapping at max_width, from the top-left (x, y). Returns the height used.
double draw_legend_rows(cairo_t* cr, double x, double y, double max_width,
                        const std::vector<LegendEntry>& entries, double font_size = 8);
// Entries top to bottom from the top-left (x, y). Returns the width used.
double draw_legend_column(cairo_t* cr, double x, double y, const std::vector<LegendEntry>& entries,
                          double font_size = 8);
// Width a column legend would take, to reserve room for it before drawing the plot.
double legend_column_width(cairo_t* cr, const std::vector<LegendEntry>& entries,
                           double font_size = 8);

}  // namespace xdd::figures
