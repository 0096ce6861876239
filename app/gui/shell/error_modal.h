#pragma once
// The error modal: shows the controller's queued errors (invalid settings, failed runs) one at a
// time; OK dismisses. The app keeps running behind it.
#include "logic/controller.h"

namespace xdd {

void draw_error_modal(Controller& controller);

}  // namespace xdd
