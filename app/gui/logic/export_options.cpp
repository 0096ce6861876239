#include "logic/export_options.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace xdd::gui {
namespace {

namespace fs = std::filesystem;

std::string lower_extension(const fs::path& path) {
  std::string ext = path.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

std::string number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

}  // namespace

bool is_figure(ExportKind kind) {
  return kind != ExportKind::kLayoutCsv && kind != ExportKind::kScoresCsv;
}

const char* kind_stem(ExportKind kind) {
  switch (kind) {
    case ExportKind::kLosses:
      return "loss_terms";
    case ExportKind::kInfoPlane:
      return "infoplane";
    case ExportKind::kFigure1:
      return "figure1";
    case ExportKind::kTsne:
      return "tsne";
    case ExportKind::kLayoutCsv:
      return "layout";
    case ExportKind::kScoresCsv:
      return "scores";
  }
  return "export";
}

figures::FigureOutput default_output(ExportKind kind) {
  figures::FigureOutput out;  // 460.8 x 316.8 pt, 150 dpi, SVG
  if (kind == ExportKind::kTsne) {
    out.width_pt = 640;
    out.height_pt = 300;
  } else if (kind == ExportKind::kLosses) {
    out.height_pt = 300;
  }
  return out;
}

std::string export_problem(const ExportRequest& r) {
  if (r.path.empty()) return "Choose a file to write.";
  const fs::path path = r.path;
  if (path.filename().empty() || path.filename() == "." || path.filename() == "..") {
    return "'" + r.path + "' names a folder, not a file.";
  }
  std::error_code ec;
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (!fs::exists(folder, ec)) return "The folder " + folder.string() + " does not exist.";
  if (!fs::is_directory(folder, ec)) return folder.string() + " is not a folder.";
  if (fs::is_directory(path, ec)) return r.path + " is a folder; add a file name.";
  const std::string ext = lower_extension(path);
  if (!is_figure(r.kind)) {
    if (ext != ".csv") return "A data file ends in .csv (got '" + ext + "').";
    return "";
  }
  const std::string want = "." + figures::to_string(r.output.format);
  if (ext != want) {
    return "The file name ends in '" + ext + "' but the format is " +
           figures::to_string(r.output.format) + ": use " + want + ".";
  }
  auto ok_size = [](double v) { return std::isfinite(v) && v >= 36 && v <= 7200; };
  if (!ok_size(r.output.width_pt) || !ok_size(r.output.height_pt)) {
    return "The size " + number(r.output.width_pt) + " x " + number(r.output.height_pt) +
           " pt is outside 36..7200 pt.";
  }
  if (r.output.format == figures::FigureFormat::png &&
      !(r.output.dpi >= 72 && r.output.dpi <= 1200)) {
    return "dpi " + number(r.output.dpi) + " is outside 72..1200.";
  }
  return "";
}

std::string with_extension(const std::string& path, ExportKind kind, figures::FigureFormat format) {
  const std::string ext = is_figure(kind) ? "." + figures::to_string(format) : ".csv";
  if (path.empty()) return path;
  fs::path p = path;
  const std::string old = lower_extension(p);
  if (old == ".svg" || old == ".pdf" || old == ".png" || old == ".csv") p.replace_extension();
  return p.string() + ext;
}

std::string unused_path(const fs::path& folder, const std::string& stem, const std::string& ext) {
  fs::path p = folder / (stem + ext);
  std::error_code ec;
  for (int k = 2; fs::exists(p, ec) && k < 10000; ++k) {
    p = folder / (stem + "-" + std::to_string(k) + ext);
  }
  return p.string();
}

}  // namespace xdd::gui
