// Hidden `stress-write` and `stress-check` for checkpoints and exports, used by
// scripts/kill_trials.sh: the writer rewrites one file with known content over and over (printing
// "saved N" after each complete write) until it is killed; the checker proves the file that
// survived is a whole, correct version N or later.
#include "cli/commands.h"

#include <cairo.h>

#include <iostream>
#include <memory>

#include "core/compute.h"
#include "core/error.h"
#include "export/data_export.h"
#include "figures/figure_output.h"
#include "models/presets.h"
#include "store/run_artifacts.h"
#include "training/gan_trainer.h"

namespace xdd::cli {
namespace {
namespace fs = std::filesystem;

constexpr int kScoreRows = 10000;
constexpr uint64_t kSeed = 17;

struct StressOptions {
  std::string kind;  // checkpoint | export
  std::string file;
  long long at_least = 0;  // check: the newest write the writer reported before it was killed
};

// A tiny GAN on fixed random images: every run of it takes the same steps bit for bit (one
// thread), so a checkpoint of step N can be compared with a replay of N steps.
std::unique_ptr<GanTrainer> stress_trainer() {
  set_compute_threads(1);
  torch::manual_seed(kSeed);
  const torch::Tensor images = torch::rand({64, 1, 28, 28}) * 2 - 1;
  GanOptions o;
  o.epochs = 1000;
  o.batch_size = 32;
  o.seed = kSeed;
  return std::make_unique<GanTrainer>(Generator(preset_for(GanPreset::kTiny).net), Discriminator(),
                                      images, o, torch::kCPU);
}

store::RunScores stress_scores(long long version) {
  store::RunScores s;
  for (int i = 0; i < kScoreRows; ++i) {
    s.index.push_back(i);
    s.label.push_back(i % 10);
    s.before.push_back(static_cast<double>(version) + i * 1e-4);
    s.after.push_back(static_cast<double>(version) * 2 + i * 1e-4);
  }
  return s;
}

// A figure whose pixels depend on the version, at 300 dpi (a few hundred KB of PNG).
void write_stress_png(const fs::path& file, long long version) {
  figures::FigureOutput out;
  out.format = figures::FigureFormat::png;
  out.dpi = 300;
  figures::write_figure(file, out, [version](cairo_t* cr, double w, double h) {
    for (int i = 0; i < 200; ++i) {
      cairo_set_source_rgb(cr, (i % 7) / 7.0, ((i + version) % 11) / 11.0, 0.5);
      cairo_arc(cr, (i * 37 % 100) / 100.0 * w, (i * 53 % 100) / 100.0 * h, 5 + version % 9, 0,
                6.3);
      cairo_fill(cr);
    }
  });
}

void write_forever(const StressOptions& o) {
  if (o.kind == "checkpoint") {
    auto trainer = stress_trainer();
    std::cout << "ready" << std::endl;
    for (;;) {
      trainer->step();
      trainer->save_checkpoint(o.file);
      std::cout << "saved " << trainer->step_count() << std::endl;
    }
  }
  std::cout << "ready" << std::endl;
  const fs::path png = fs::path(o.file).replace_extension(".png");
  for (long long version = 1;; ++version) {
    data_export::write_scores_csv(o.file, stress_scores(version));
    write_stress_png(png, version);
    std::cout << "saved " << version << std::endl;
  }
}

void check_checkpoint(const StressOptions& o) {
  auto loaded = stress_trainer();
  loaded->load_checkpoint(o.file);  // DataError if the kill left a torn or mixed file
  const int64_t steps = loaded->step_count();
  if (steps < o.at_least) {
    throw DataError(o.file + " holds step " + std::to_string(steps) + ", but step " +
                    std::to_string(o.at_least) + " had been saved");
  }
  auto replay = stress_trainer();
  while (replay->step_count() < steps) replay->step();
  auto same = [](const torch::nn::Module& a, const torch::nn::Module& b) {
    const auto pa = a.parameters(), pb = b.parameters();
    for (size_t i = 0; i < pa.size(); ++i) {
      if (!torch::equal(pa[i], pb[i])) return false;
    }
    return pa.size() == pb.size();
  };
  if (!same(*loaded->generator(), *replay->generator()) ||
      !same(*loaded->discriminator(), *replay->discriminator())) {
    throw DataError(o.file + " at step " + std::to_string(steps) +
                    " differs from a replay of those steps");
  }
  std::cout << "checkpoint ok: step " << steps << " (at least " << o.at_least << ")\n";
}

void check_export(const StressOptions& o) {
  const store::RunScores s = store::read_scores(o.file);  // DataError for a torn file
  if (s.before.size() != static_cast<size_t>(kScoreRows)) {
    throw DataError(o.file + " has " + std::to_string(s.before.size()) + " rows, expected " +
                    std::to_string(kScoreRows));
  }
  const auto version = static_cast<long long>(s.before[0]);
  const store::RunScores expected = stress_scores(version);
  if (version < o.at_least || s.before != expected.before || s.after != expected.after ||
      s.label != expected.label) {
    throw DataError(o.file + " is not a whole version " + std::to_string(o.at_least) +
                    " or later (first row says version " + std::to_string(version) + ")");
  }
  const fs::path png = fs::path(o.file).replace_extension(".png");
  if (fs::exists(png)) {
    cairo_surface_t* surface = cairo_image_surface_create_from_png(png.c_str());
    const cairo_status_t status = cairo_surface_status(surface);
    const int width = status == CAIRO_STATUS_SUCCESS ? cairo_image_surface_get_width(surface) : 0;
    cairo_surface_destroy(surface);
    figures::FigureOutput out;
    out.dpi = 300;
    if (status != CAIRO_STATUS_SUCCESS || width != figures::png_width_px(out)) {
      throw DataError(png.string() + " does not decode as a whole PNG of the figure");
    }
  }
  std::cout << "export ok: version " << version << " (at least " << o.at_least << ")\n";
}

}  // namespace

void register_write_stress_commands(CLI::App& app) {
  auto o = std::make_shared<StressOptions>();
  auto add_common = [&](CLI::App* cmd) {
    cmd->group("");  // hidden: test tools, not user commands
    cmd->add_option("kind", o->kind, "checkpoint or export")
        ->required()
        ->check(CLI::IsMember({"checkpoint", "export"}));
    cmd->add_option("--file", o->file, "The file to rewrite (export: a .csv; a .png beside it)")
        ->required();
  };
  auto* write = app.add_subcommand("stress-write", "Rewrite one file with known content");
  add_common(write);
  write->callback([o] { write_forever(*o); });
  auto* check = app.add_subcommand("stress-check", "Check the file stress-write left");
  add_common(check);
  check->add_option("--at-least", o->at_least, "The newest write reported before the kill");
  check->callback([o] { o->kind == "checkpoint" ? check_checkpoint(*o) : check_export(*o); });
}

}  // namespace xdd::cli
