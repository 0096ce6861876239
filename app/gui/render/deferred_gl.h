#pragma once
// GL work that the panels ask for while they build the frame's draw lists (the scatter plots drawn
// into their textures), done once the draw lists are complete and before they are submitted. The
// app's own work per frame (layout, draw lists) is then measured apart from the GL driver's, which
// a software renderer does on the calling thread, and every texture is drawn before the draw list
// that shows it. Main thread only.
#include <functional>

namespace xdd::gui {

// Queues `work` for `owner`; a newer request of the same owner replaces its queued one.
void defer_gl_work(const void* owner, std::function<void()> work);
// Drops what `owner` has queued (owners call it when they are destroyed).
void forget_gl_work(const void* owner);
// Does the queued work in the order it was first asked for, then empties the queue. What the work
// throws propagates (the rest of the queue is dropped).
void run_deferred_gl_work();

}  // namespace xdd::gui
