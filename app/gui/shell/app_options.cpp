#include "shell/app_options.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <thread>

#include "core/error.h"
#include "store/run_store.h"

namespace xdd {
namespace {

// "1600x1000" -> width, height; InvalidArgument naming the flag otherwise.
void parse_size(const std::string& text, int& width, int& height) {
  int w = 0, h = 0;
  char x = 0, rest = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &w, &x, &h, &rest) != 3 || (x != 'x' && x != 'X')) {
    throw InvalidArgument("--size must look like 1600x1000, got '" + text + "'");
  }
  if (w < 320 || w > 8192 || h < 240 || h > 8192) {
    throw InvalidArgument("--size must be between 320x240 and 8192x8192, got '" + text + "'");
  }
  width = w;
  height = h;
}

void check_options(const AppOptions& o) {
  if (o.frames < 0) throw InvalidArgument("--frames must be >= 0, got " + std::to_string(o.frames));
  if (!o.screenshot.empty() && o.frames == 0) {
    throw InvalidArgument("--screenshot needs --frames N (the frame after which it is taken)");
  }
  if (o.config.threads < 1) {
    throw InvalidArgument("--threads must be >= 1, got " + std::to_string(o.config.threads));
  }
  for (double beta : o.betas) {
    if (!(beta >= 0)) throw InvalidArgument("--betas: every beta must be >= 0");
  }
  if (!o.betas.empty() && !o.autostart) throw InvalidArgument("--betas needs --autostart");
  if (o.show_run < 0) throw InvalidArgument("--show-run must be a run id >= 1");
  for (std::int64_t id : o.compare) {
    if (id < 1) throw InvalidArgument("--compare: run ids are >= 1, got " + std::to_string(id));
  }
  if (o.store.empty()) throw InvalidArgument("--store must name a file");
  if (!o.export_to.empty() && !o.export_dialog) {
    throw InvalidArgument("--export-to needs --export-dialog PANEL");
  }
  validate(o.config);  // holdout, beta, preset, epochs, steps, ... with their valid ranges
}

}  // namespace

int default_training_threads() {
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  return std::max(1, cores - 1);
}

ParsedOptions parse_app_options(int argc, char** argv) {
  AppOptions o;
  o.config.threads = default_training_threads();
  o.store = store::default_store_path().string();
  // Names on the command line, typed once parsed (the checks below allow only valid names).
  std::string size, tab = "loss", centre = "embedding", export_dialog, plane_set = "labeled";
  std::string preset = setting_name(o.config.preset);
  CLI::App cli{"XDD Studio: watch the XDD information-bottleneck loss re-train an embedding"};
  cli.add_option("--data", o.config.data_dir, "MNIST folder (four IDX files, raw or .gz)")
      ->capture_default_str();
  cli.add_option("--holdout", o.config.holdout, "held-out digit 0-9")->capture_default_str();
  cli.add_option("--beta", o.config.beta, "beta >= 0 (weight of the relevance term)")
      ->capture_default_str();
  cli.add_option("--preset", preset, "paper | fast | tiny")
      ->check(CLI::IsMember(setting_names<GanPreset>()))
      ->capture_default_str();
  cli.add_option("--epochs", o.config.gan_epochs, "GAN epochs (0 = the preset's)")
      ->capture_default_str();
  cli.add_option("--steps", o.config.retrain_steps, "re-training steps")->capture_default_str();
  cli.add_option("--threads", o.config.threads, "LibTorch threads for training")
      ->capture_default_str();
  cli.add_option("--inject-fault", o.config.inject_fault,
                 "reliability demo: a NaN/Inf in one step, e.g. retrain:5:loss:nan (the run "
                 "pauses there with the last good weights)");
  cli.add_flag("--autostart", o.autostart, "start the experiment at once");
  cli.add_flag("--presentation", o.presentation, "start in presentation mode");
  cli.add_flag("--guide", o.guide, "start the guided sequence (N steps through it)");
  cli.add_option("--tab", tab, "tab shown above the AUPRC panel: loss | infoplane")
      ->check(CLI::IsMember({"loss", "infoplane"}))
      ->capture_default_str();
  cli.add_option("--centre", centre, "centre tab at start: embedding | runs | compare")
      ->check(CLI::IsMember({"embedding", "runs", "compare"}))
      ->capture_default_str();
  cli.add_option("--store", o.store,
                 "run store database: the Runs tab lists it, finished runs "
                 "are recorded in it (with their files beside it)")
      ->capture_default_str();
  cli.add_flag("!--no-record", o.record, "do not record finished runs in the run store");
  cli.add_option("--session", o.session, "open this session file at start (File > Save session)");
  cli.add_option("--save-session", o.save_session,
                 "write the session (settings, view, open runs) to this file at exit");
  cli.add_option("--show-run", o.show_run, "show this stored run in the panels at start");
  cli.add_option("--compare", o.compare, "open these stored runs in the Compare tab (e.g. 3,4)")
      ->delimiter(',');
  cli.add_option("--export-dialog", export_dialog,
                 "open a panel's Export dialog at start: loss | infoplane | auprc | embedding | "
                 "compare")
      ->check(CLI::IsMember({"loss", "infoplane", "auprc", "embedding", "compare"}));
  cli.add_option("--export-to", o.export_to,
                 "with --export-dialog: write its first choice to this file, as the Export button "
                 "would (the format follows the extension)");
  cli.add_option("--betas", o.betas,
                 "with --autostart: run these betas one after another (e.g. 0,1,10), so the "
                 "information plane compares them")
      ->delimiter(',');
  cli.add_option("--plane-set", plane_set, "Information plane's set at start: labeled | test")
      ->check(CLI::IsMember({"labeled", "test"}))
      ->capture_default_str();
  cli.add_flag("--plane-zoom", o.plane_zoom, "start the Information plane zoomed to its paths");
  cli.add_option("--frames", o.frames, "render N frames, then exit 0 (tests, benchmarks)");
  cli.add_option("--screenshot", o.screenshot, "write a PNG of the last frame (with --frames)");
  cli.add_option("--frame-log", o.frame_log, "write each frame's time in ms to this file");
  cli.add_option("--size", size, "window size WxH (default 1600x1000)");
  try {
    cli.parse(argc, argv);
    if (!size.empty()) parse_size(size, o.width, o.height);
    o.config.preset = parse_setting<GanPreset>("preset", preset);
    o.tab = *parse_panel(tab);
    o.centre = *parse_panel(centre);
    o.export_dialog = parse_panel(export_dialog);
    o.plane_set = *parse_plane_set(plane_set);
    check_options(o);
  } catch (const CLI::CallForHelp&) {
    std::printf("%s", cli.help().c_str());
    return {std::nullopt, 0};
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "xdd-studio: %s\nRun with --help for the options.\n", e.what());
    return {std::nullopt, 2};
  } catch (const Error& e) {
    std::fprintf(stderr, "xdd-studio: %s\n", e.what());
    return {std::nullopt, 2};
  }
  return {o, 0};
}

}  // namespace xdd
