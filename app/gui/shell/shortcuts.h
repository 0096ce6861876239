#pragma once
// Keyboard shortcuts for lectures and demos (they work in both modes, never while a text field has
// the keyboard): F11 presentation mode, F full screen, Space run/pause, S stop, 0-9 held-out digit,
// Up/Down beta x10 / 10, N next guide step, H help overlay.
#include "logic/controller.h"
#include "shell/gl_window.h"
#include "shell/guide.h"

namespace xdd {

struct ViewState {
  bool presentation = false;
  bool help = false;
};

void handle_shortcuts(Controller& controller, Guide& guide, GlWindow& window, ViewState& view);

// The help overlay listing the shortcuts (shown while view.help is set; H or Esc closes it).
void draw_help_overlay(ViewState& view);

}  // namespace xdd
