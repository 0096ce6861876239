#pragma once
// Where a figure goes: its format, size and resolution, and the one function that renders a
// drawing into SVG, PDF or PNG bytes and writes them atomically.
#include <cairo.h>

#include <filesystem>
#include <functional>
#include <string>

namespace xdd::figures {

enum class FigureFormat { svg, pdf, png };

// "svg", "pdf" or "png"; InvalidArgument naming the valid values otherwise.
FigureFormat parse_figure_format(const std::string& name);
// The format a file name asks for by its extension (.svg, .pdf, .png); InvalidArgument otherwise.
FigureFormat format_for_path(const std::filesystem::path& path);
std::string to_string(FigureFormat format);

// Sizes are in points (1/72 inch) for every format; a PNG has round(width_pt / 72 * dpi) pixels.
struct FigureOutput {
  FigureFormat format = FigureFormat::svg;
  double width_pt = 460.8;   // 6.4 in
  double height_pt = 316.8;  // 4.4 in
  double dpi = 150;          // PNG only: 72..1200
};

// Draws in points, with (0, 0) the top-left corner, on a white page of the output's size.
using DrawFn = std::function<void(cairo_t* cr, double width_pt, double height_pt)>;

// The encoded file content. InvalidArgument for a size or dpi out of range; Error if Cairo fails.
std::string render_figure(const FigureOutput& out, const DrawFn& draw);

// render_figure, then write_atomically to `path`: IoError and no partial file if it cannot be
// written.
void write_figure(const std::filesystem::path& path, const FigureOutput& out, const DrawFn& draw);

// Pixel size of a PNG for this output.
int png_width_px(const FigureOutput& out);
int png_height_px(const FigureOutput& out);

}  // namespace xdd::figures
