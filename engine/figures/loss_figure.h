#pragma once
// Loss curves of one run (one line per term, coloured by term) or of several compared runs
// (coloured by run, dashed by term), on a linear or log10 y axis.
#include <cairo.h>

#include <filesystem>
#include <string>
#include <vector>

#include "figures/figure_output.h"

namespace xdd::figures {

struct LossSeries {
  std::string run;   // legend name of the run, e.g. "#12 xdd beta=0.5"
  std::string term;  // e.g. "compression"
  std::vector<double> step, value;
};

struct LossFigureData {
  std::vector<LossSeries> series;
  std::string title = "Loss terms";
  // Values <= 0 cannot be drawn on a log axis: the line breaks there and the axis says so.
  bool log_y = false;
};

// InvalidArgument when a series' step and value lists differ in length.
void draw_loss_figure(cairo_t* cr, double width, double height, const LossFigureData& data);
void write_loss_figure(const std::filesystem::path& path, const LossFigureData& data,
                       const FigureOutput& out);

}  // namespace xdd::figures
