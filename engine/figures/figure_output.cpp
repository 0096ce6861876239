#include "figures/figure_output.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include <cctype>
#include <cmath>
#include <memory>

#include "core/atomic_file.h"
#include "core/error.h"

namespace xdd::figures {
namespace fs = std::filesystem;

FigureFormat parse_figure_format(const std::string& name) {
  if (name == "svg") return FigureFormat::svg;
  if (name == "pdf") return FigureFormat::pdf;
  if (name == "png") return FigureFormat::png;
  throw InvalidArgument("figure format '" + name + "' is not one of svg, pdf, png");
}

FigureFormat format_for_path(const fs::path& path) {
  std::string ext = path.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext.empty()) {
    throw InvalidArgument("figure file " + path.string() +
                          " has no extension; use .svg, .pdf or .png");
  }
  try {
    return parse_figure_format(ext.substr(1));
  } catch (const InvalidArgument&) {
    throw InvalidArgument("figure file " + path.string() + ": extension '" + ext +
                          "' is not .svg, .pdf or .png");
  }
}

std::string to_string(FigureFormat format) {
  switch (format) {
    case FigureFormat::svg:
      return "svg";
    case FigureFormat::pdf:
      return "pdf";
    case FigureFormat::png:
      return "png";
  }
  return "svg";
}

int png_width_px(const FigureOutput& out) {
  return static_cast<int>(std::lround(out.width_pt / 72.0 * out.dpi));
}
int png_height_px(const FigureOutput& out) {
  return static_cast<int>(std::lround(out.height_pt / 72.0 * out.dpi));
}

namespace {

void check_output(const FigureOutput& out) {
  auto ok_size = [](double v) { return std::isfinite(v) && v >= 36 && v <= 7200; };
  if (!ok_size(out.width_pt) || !ok_size(out.height_pt)) {
    throw InvalidArgument("figure size " + std::to_string(out.width_pt) + " x " +
                          std::to_string(out.height_pt) + " pt is outside 36..7200 pt");
  }
  if (out.format == FigureFormat::png && !(out.dpi >= 72 && out.dpi <= 1200)) {
    throw InvalidArgument("dpi " + std::to_string(out.dpi) + " is outside 72..1200");
  }
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

using SurfacePtr = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using ContextPtr = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;

void check_status(cairo_status_t status, const char* what) {
  if (status != CAIRO_STATUS_SUCCESS) {
    throw Error(std::string("cannot render the figure (") + what +
                "): " + cairo_status_to_string(status));
  }
}

void draw_page(cairo_surface_t* surface, double scale, const FigureOutput& out,
               const DrawFn& draw) {
  ContextPtr cr(cairo_create(surface), &cairo_destroy);
  cairo_scale(cr.get(), scale, scale);
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  draw(cr.get(), out.width_pt, out.height_pt);
  check_status(cairo_status(cr.get()), "drawing");
}

}  // namespace

std::string render_figure(const FigureOutput& out, const DrawFn& draw) {
  check_output(out);
  std::string bytes;
  if (out.format == FigureFormat::png) {
    SurfacePtr surface(
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, png_width_px(out), png_height_px(out)),
        &cairo_surface_destroy);
    check_status(cairo_surface_status(surface.get()), "image surface");
    draw_page(surface.get(), out.dpi / 72.0, out, draw);
    check_status(cairo_surface_write_to_png_stream(surface.get(), append_bytes, &bytes), "png");
    return bytes;
  }
  SurfacePtr surface(
      out.format == FigureFormat::svg
          ? cairo_svg_surface_create_for_stream(append_bytes, &bytes, out.width_pt, out.height_pt)
          : cairo_pdf_surface_create_for_stream(append_bytes, &bytes, out.width_pt, out.height_pt),
      &cairo_surface_destroy);
  check_status(cairo_surface_status(surface.get()), "vector surface");
  if (out.format == FigureFormat::svg) {
    cairo_svg_surface_restrict_to_version(surface.get(), CAIRO_SVG_VERSION_1_1);
  }
  draw_page(surface.get(), 1.0, out, draw);
  cairo_surface_finish(surface.get());  // flushes the whole document into `bytes`
  check_status(cairo_surface_status(surface.get()), "finishing the file");
  return bytes;
}

void write_figure(const fs::path& path, const FigureOutput& out, const DrawFn& draw) {
  write_text_atomically(path, render_figure(out, draw));
}

}  // namespace xdd::figures
