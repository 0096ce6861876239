#pragma once
// The paper's Figures 2-3: the t-SNE layout of the test embeddings after pre-training and after
// re-training, side by side. Test images are small triangles coloured by digit, the held-out digit
// drawn on top and named in the legend; labeled examples are black circles and crosses
// (alternating between neighbouring classes, so adjacent clusters stay distinguishable).
#include <cairo.h>

#include <filesystem>
#include <string>
#include <vector>

#include "figures/figure_output.h"

namespace xdd::figures {

struct ScatterPoints {
  std::vector<double> x, y;
  std::vector<int> label;  // digit 0..9 per point; -1 for unknown (drawn grey)
};

struct TsnePanel {
  std::string title;
  ScatterPoints test;     // the test images
  ScatterPoints labeled;  // the labeled examples, if the layout includes them
};

struct TsneFigureData {
  TsnePanel before{"after pre-training", {}, {}};
  TsnePanel after{"after re-training", {}, {}};
  int heldout = -1;  // -1: none highlighted
  std::string title;
};

// InvalidArgument when a panel's x, y and label lists differ in length.
void draw_tsne_figure(cairo_t* cr, double width, double height, const TsneFigureData& data);
void write_tsne_figure(const std::filesystem::path& path, const TsneFigureData& data,
                       const FigureOutput& out);

}  // namespace xdd::figures
