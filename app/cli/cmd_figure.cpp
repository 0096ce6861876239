// `xdd figure fig1|tsne|losses|infoplane --runs ID... --out FILE`: publication figures from stored
// runs, as SVG, PDF or PNG.
#include <iostream>

#include "cli/commands.h"
#include "cli/store_option.h"
#include "core/error.h"
#include "figures/from_runs.h"
#include "losses/loss_factory.h"
#include "store/run_store.h"

namespace xdd::cli {
namespace {

struct FigureOptions {
  std::vector<std::int64_t> runs;
  std::string method;  // fig1 without --runs: only this method's runs
  std::string out, format, phase = "retrain", set = "labeled";
  std::vector<std::string> terms;
  double dpi = 150, width = 0, height = 0;
  bool log = false;
};

figures::FigureFormat format_of(const FigureOptions& o) {
  return o.format.empty() ? figures::format_for_path(o.out)
                          : figures::parse_figure_format(o.format);
}

figures::FigureOutput output_of(const FigureOptions& o, double width, double height) {
  figures::FigureOutput out;
  out.format = format_of(o);
  out.width_pt = o.width > 0 ? o.width : width;
  out.height_pt = o.height > 0 ? o.height : height;
  out.dpi = o.dpi;
  return out;
}

// The runs named by --runs, or every finished run (of --method, if given) when none is named.
std::vector<store::RunSummary> summaries(store::RunStore& store, const FigureOptions& o) {
  if (o.runs.empty()) {
    store::RunFilter done;
    done.status = store::RunStatus::done;
    if (!o.method.empty()) done.method = o.method;
    return store.list(done);
  }
  if (!o.method.empty()) {
    throw InvalidArgument("fig1: give --runs or --method, not both (--method picks the runs)");
  }
  std::vector<store::RunSummary> out;
  for (auto id : o.runs) out.push_back(store.get(id).summary);
  return out;
}

std::vector<store::RunRecord> records(store::RunStore& store, const FigureOptions& o) {
  if (o.runs.empty()) throw InvalidArgument("name the runs to plot with --runs ID...");
  std::vector<store::RunRecord> out;
  for (auto id : o.runs) out.push_back(store.get(id));
  return out;
}

void make_figure(const CLI::App& root, const std::string& kind, const FigureOptions& o) {
  format_of(o);  // a bad --out or --format is refused before the store is read
  store::RunStore store(store_path(root));
  if (kind == "fig1") {
    figures::write_figure1(o.out, figures::figure1_from_runs(summaries(store, o)),
                           output_of(o, 460.8, 316.8));
  } else if (kind == "tsne") {
    if (o.runs.size() != 1) throw InvalidArgument("figure tsne takes exactly one run (--runs ID)");
    figures::write_tsne_figure(o.out, figures::tsne_from_run(store.get(o.runs[0]).summary),
                               output_of(o, 640, 300));
  } else if (kind == "losses") {
    auto data = figures::losses_from_runs(records(store, o), o.phase, o.terms);
    if (data.series.empty()) {
      throw InvalidArgument("the runs have no " + o.phase + " loss terms to plot");
    }
    data.log_y = o.log;
    figures::write_loss_figure(o.out, data, output_of(o, 460.8, 300));
  } else {
    const auto data = figures::infoplane_from_runs(records(store, o), *parse_plane_set(o.set));
    size_t points = 0;
    for (const auto& p : data.paths) points += p.ixz.size();
    if (points == 0)
      throw InvalidArgument("the runs have no information-plane points of set " + o.set);
    figures::write_infoplane_figure(o.out, data, output_of(o, 460.8, 316.8));
  }
  std::cout << "wrote " << o.out << "\n";
}

}  // namespace

void register_figure_command(CLI::App& app) {
  auto* figure = app.add_subcommand("figure", "Export a figure of stored runs (SVG, PDF, PNG)");
  add_store_option(app, *figure);
  figure->require_subcommand(1);
  const std::pair<const char*, const char*> kinds[] = {
      {"fig1", "Per-digit AUPRC before/after with 95% t intervals (default runs: all done)"},
      {"tsne", "t-SNE layouts before and after re-training of one run"},
      {"losses", "Loss curves of one run or of compared runs"},
      {"infoplane", "Information-plane paths, one per run"}};
  for (const auto& [name, help] : kinds) {
    auto o = std::make_shared<FigureOptions>();
    auto* cmd = figure->add_subcommand(name, help);
    cmd->add_option("--runs", o->runs, "Run ids");
    cmd->add_option("--out", o->out, "Output file (.svg, .pdf or .png)")->required();
    cmd->add_option("--format", o->format, "svg, pdf or png (default: from --out)");
    cmd->add_option("--dpi", o->dpi, "PNG resolution (72..1200)")->check(CLI::Range(72, 1200));
    cmd->add_option("--width", o->width, "Width in points (1/72 in)")->check(CLI::Range(36, 7200));
    cmd->add_option("--height", o->height, "Height in points")->check(CLI::Range(36, 7200));
    const std::string kind = name;
    if (kind == "fig1") {
      cmd->add_option("--method", o->method,
                      "Only the finished runs of this method (default: every method)")
          ->check(CLI::IsMember(setting_names<Method>()));
    }
    if (kind == "losses") {
      cmd->add_option("--phase", o->phase, "retrain or pretrain (the GAN)")
          ->check(CLI::IsMember({"retrain", "pretrain"}));
      cmd->add_option("--terms", o->terms, "Only these terms (default: all)");
      cmd->add_flag("--log", o->log, "Log-scale y axis");
    }
    if (kind == "infoplane") {
      cmd->add_option(
             "--set", o->set,
             "labeled (the 90 labeled examples) or test (the fixed 1,000-image test sample)")
          ->check(CLI::IsMember({"labeled", "test"}));
    }
    cmd->callback([&app, kind, o] { make_figure(app, kind, *o); });
  }
}

}  // namespace xdd::cli
