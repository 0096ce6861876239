#pragma once
// Point markers shared by scatters and legends. Each adds a closed sub-path (or strokes) to the
// current path so that many points of one colour become one fill: small files, fast drawing.
#include <cairo.h>

namespace xdd::figures {

enum class Mark { box, line, circle, cross, triangle };

// Adds the marker's outline centred on (x, y) with half-size r to the current path. circle and
// cross are outlines to be stroked; box and triangle are areas to be filled.
void add_marker(cairo_t* cr, Mark mark, double x, double y, double r);

// True for marks drawn by stroking their outline (circle, cross, line).
bool is_stroked(Mark mark);

}  // namespace xdd::figures
