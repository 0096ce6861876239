#include "session/live_tsne_feed.h"

#include <algorithm>

#include "core/error.h"

namespace xdd {
namespace {

int checked_threads(int threads, const char* when) {
  if (threads < 1 || threads > 1024) {
    throw InvalidArgument(std::string("t-SNE threads ") + when + " must be 1..1024, got " +
                          std::to_string(threads));
  }
  return threads;
}

}  // namespace

LiveTsneFeed::LiveTsneFeed(LiveTsneOptions options, int idle_threads,
                           std::function<void()> on_publish)
    : on_publish_(std::move(on_publish)),
      training_threads_(std::max(1, options.params.threads)),
      idle_threads_(checked_threads(idle_threads, "when idle")),
      tsne_(options, [this] { layout_published(); }) {}

void LiveTsneFeed::set_threads(int while_training, int when_idle) {
  training_threads_ = checked_threads(while_training, "while training");
  idle_threads_ = checked_threads(when_idle, "when idle");
}

void LiveTsneFeed::submit(EmbeddingPoints points) {
  if (!points.frame) return;
  {
    std::lock_guard lock(mutex_);
    if (points.frame->stage == EmbeddingStage::kBefore) {
      before_frame_ = points.frame;
      before_layout_.reset();
    }
  }
  tsne_.submit(std::move(points));
}

void LiveTsneFeed::follow(const Snapshot& s) {
  tsne_.set_threads(s.status == SessionStatus::kRunning ? training_threads_ : idle_threads_);
}

void LiveTsneFeed::layout_published() {
  {
    const auto layout = tsne_.latest();
    std::lock_guard lock(mutex_);
    if (layout && before_frame_ && layout->frame == before_frame_) before_layout_ = layout;
  }
  if (on_publish_) on_publish_();
}

std::shared_ptr<const EmbeddingFrame> LiveTsneFeed::before_frame() const {
  std::lock_guard lock(mutex_);
  return before_frame_;
}

std::shared_ptr<const TsneLayout> LiveTsneFeed::before_layout() const {
  std::lock_guard lock(mutex_);
  return before_layout_;
}

}  // namespace xdd
