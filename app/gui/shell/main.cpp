// xdd-studio: the desktop app (issue 5). Parses the command line, opens the window and runs the
// main loop; everything the window shows is StudioApp's.
#include <cstdio>

#include "core/error.h"
#include "core/openmp_policy.h"
#include "render/deferred_gl.h"
#include "shell/app_options.h"
#include "shell/frame_log.h"
#include "shell/frame_pacer.h"
#include "shell/gl_window.h"
#include "shell/screenshot.h"
#include "shell/studio_app.h"

int main(int argc, char** argv) {
  xdd::use_passive_openmp_wait(argv);  // before LibTorch runs anything; see openmp_policy.h
  using namespace xdd;
  const ParsedOptions parsed = parse_app_options(argc, argv);
  if (!parsed.options) return parsed.exit_code;
  const AppOptions& options = *parsed.options;
  try {
    GlWindow window(options.width, options.height, "XDD Studio");
    StudioApp app(options, window);
    FramePacer pacer;
    FrameLog frame_log;
    double frame_ms = 0.0;
    for (int frame = 1; !window.should_close(); ++frame) {
      // Everything that changes the picture posts an event (input, a new snapshot, the t-SNE
      // worker), so frames are drawn on events only; --frames draws continuously at the pacer's
      // pace (30 Hz without input, 60 Hz with).
      pacer.wait(options.frames > 0, window.seconds_since_input());
      pacer.frame_started();
      window.begin_frame();
      app.draw(frame_ms);
      window.end_frame();
      const double work_ms = pacer.since_frame_start();  // the app's own work: UI and draw lists
      gui::run_deferred_gl_work();  // the scatter textures: the GL driver's work, not the app's
      float r, g, b;
      app.clear_color(r, g, b);
      window.render(r, g, b);
      const bool last = options.frames > 0 && frame >= options.frames;
      if (last && !options.screenshot.empty()) {
        int w = 0, h = 0;
        window.framebuffer_size(w, h);
        save_screenshot_png(options.screenshot, w, h);
      }
      window.swap();
      frame_ms = pacer.frame_finished();
      frame_log.add(frame_ms, work_ms);
      if (last) break;
    }
    if (!options.frame_log.empty()) frame_log.write(options.frame_log);
    if (!options.save_session.empty()) app.write_session(options.save_session);
  } catch (const Error& e) {
    std::fprintf(stderr, "xdd-studio: %s\n", e.what());
    return 1;
  }
  return 0;
}
