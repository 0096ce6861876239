#pragma once
// The frame of the information-plane plot: the data ranges (with or without the limits log N and
// H(Y)), the optional symmetric-log y axis, the mapping to screen and the axes with their ticks.
#include <imgui.h>

#include <string>
#include <vector>

#include "widgets/axis_ticks.h"
#include "widgets/info_plane_data.h"

namespace xdd {

struct PlaneView {
  bool fit = false;    // axes span the paths only (limits outside are named at the edge)
  bool symlog = true;  // y axis sign(v) log10(1 + |v|)
};

// y in axis units: v, or sign(v) log10(1 + |v|), which keeps paths near H(Y) apart when others
// reach far below 0 (a bound of -700 nats when q is much worse than chance).
double plane_y_axis(double v, bool symlog);

// The data-to-screen mapping of the plot rectangle [p0, p1]; y_lo and y_hi in axis units.
struct PlaneFrame {
  ImVec2 p0, p1;
  double x_lo, x_hi, y_lo, y_hi;
  bool symlog = false;
  ImVec2 map(double x, double y) const {
    const double t = plane_y_axis(y, symlog);
    return ImVec2(p0.x + (p1.x - p0.x) * static_cast<float>((x - x_lo) / (x_hi - x_lo)),
                  p1.y - (p1.y - p0.y) * static_cast<float>((t - y_lo) / (y_hi - y_lo)));
  }
};

double plane_log_n(const PlaneData& d);

// The data range: every point, and unless view.fit also the limits log N and H(Y), padded; above
// the top a band of `band` px holds the guides' labels.
PlaneFrame plane_frame(const PlaneData& d, ImVec2 p0, ImVec2 p1, float band, const PlaneView& view);

// Ticks of the y axis, in data units: nice linear ticks, or 0 and ±10^k on the symlog axis.
AxisTicks plane_y_ticks(const PlaneFrame& f, int max_ticks);

// Grid, tick labels and the frame's border.
void draw_plane_axes(ImDrawList* dl, const PlaneFrame& f, const AxisTicks& xt, const AxisTicks& yt,
                     const std::vector<std::string>& y_labels);

}  // namespace xdd
