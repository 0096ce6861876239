#pragma once
// The information plane: x = I(X;Z), y = I(Z;Y), one path per run through its estimates in step
// order, coloured from early (dark purple) to late (yellow) and labelled (e.g. by beta) at its end.
#include <cairo.h>

#include <filesystem>
#include <string>
#include <vector>

#include "figures/figure_output.h"

namespace xdd::figures {

struct InfoPlanePath {
  std::string label;             // e.g. "beta=0.5"
  std::vector<double> ixz, izy;  // in step order
};

struct InfoPlaneFigureData {
  std::vector<InfoPlanePath> paths;
  std::string title = "Information plane";
};

// InvalidArgument when a path's ixz and izy lists differ in length.
void draw_infoplane_figure(cairo_t* cr, double width, double height,
                           const InfoPlaneFigureData& data);
void write_infoplane_figure(const std::filesystem::path& path, const InfoPlaneFigureData& data,
                            const FigureOutput& out);

}  // namespace xdd::figures
