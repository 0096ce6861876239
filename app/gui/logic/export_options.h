#pragma once
// What the Export dialog asks for and checks before it writes: the format (SVG, PDF, PNG), the
// size in points, the dpi of a PNG and the path, for the figure of one panel, or a data file (CSV)
// where that is what the panel holds. The checks name what is wrong, so the dialog can say it
// before anything is written; the engine's writer checks again and writes atomically.
#include <filesystem>
#include <functional>
#include <string>

#include "figures/figure_output.h"

namespace xdd::gui {

enum class ExportKind {
  kLosses,     // Loss terms panel, or the Compare tab's overlaid curves
  kInfoPlane,  // Information plane panel
  kFigure1,    // AUPRC panel: per-digit bars (the paper's Figure 1)
  kTsne,       // Embedding panel: the t-SNE scatter (the paper's Figures 2-3)
  kLayoutCsv,  // Embedding panel: the layout as shown, with digits and scores
  kScoresCsv,  // Embedding panel: index,label,score_before,score_after
};

bool is_figure(ExportKind kind);
// "loss_terms", "infoplane", "figure1", "tsne", "layout", "scores": the default file's stem.
const char* kind_stem(ExportKind kind);
// The CLI's default size for each figure (`xdd figure`), in points.
figures::FigureOutput default_output(ExportKind kind);

struct ExportRequest {
  ExportKind kind = ExportKind::kLosses;
  figures::FigureOutput output;  // format, size and dpi (figures only)
  std::string path;
};

// The first problem with `request`, or "" when it can be written: an empty path, a folder that
// does not exist or is not a folder, an existing path that is a folder, an extension that does not
// match the format (figures) or is not .csv (data), a size outside 36..7200 pt, dpi outside
// 72..1200.
std::string export_problem(const ExportRequest& request);

// `path` with its extension replaced by the format's (".svg", ".pdf", ".png"), or ".csv" for data.
std::string with_extension(const std::string& path, ExportKind kind, figures::FigureFormat format);

// `folder`/`stem`.`ext`, with -2, -3, ... added before the extension while that file exists.
std::string unused_path(const std::filesystem::path& folder, const std::string& stem,
                        const std::string& ext);

}  // namespace xdd::gui

namespace xdd {

// One thing the Export dialog (app/gui/shell/export_dialog.h) can write, with a copy of the data
// the panel shows.
struct ExportChoice {
  gui::ExportKind kind = gui::ExportKind::kLosses;
  std::string label;        // "t-SNE scatter, before and after re-training"
  std::string note;         // a line under it (what the picture holds)
  std::string unavailable;  // why it cannot be written now; "" when it can
  std::string stem;         // default file name without extension, e.g. "tsne-run12"
  // Writes `path` (runs on a worker; throws on a fault). Figures use `output`, data ignores it.
  std::function<void(const std::string& path, const figures::FigureOutput& output)> write;
};

}  // namespace xdd
