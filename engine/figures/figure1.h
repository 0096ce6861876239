#pragma once
// The paper's Figure 1: for each held-out digit, the mean AUPRC over repetitions as bars, one bar
// per series (after pre-training in blue, after XDD re-training in orange, then any baselines),
// 95 % Student-t intervals as error bars, and the chance level of each digit as a dashed line.
#include <cairo.h>

#include <filesystem>
#include <string>
#include <vector>

#include "figures/figure_output.h"

namespace xdd::figures {

struct Figure1Series {
  std::string name;                         // legend text
  std::vector<std::vector<double>> values;  // values[i]: one AUPRC per repetition for digits[i]
};

struct Figure1Data {
  std::vector<int> digits;            // held-out digits on the x axis, in this order
  std::vector<Figure1Series> series;  // coloured in order: blue, orange, green, red, purple, ...
  std::vector<double> chance;         // chance AUPRC per digit (NaN: unknown); empty: not drawn
  std::string title = "Average AUPRC";
};

// InvalidArgument when a series or the chance list does not have one entry per digit.
void draw_figure1(cairo_t* cr, double width, double height, const Figure1Data& data);
void write_figure1(const std::filesystem::path& path, const Figure1Data& data,
                   const FigureOutput& out);

}  // namespace xdd::figures
