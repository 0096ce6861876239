// The live t-SNE worker beside the session (session/live_tsne_feed.h): wired to the session as the
// app's Controller wires it, it receives every embedding the session publishes with no view drawn
// at all (the app's other tabs shown), and keeps the layout of the embedding after pre-training.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>

#include "core/error.h"
#include "session/experiment_session.h"
#include "session/live_tsne_feed.h"
#include "test_support.h"

using namespace std::chrono_literals;

namespace {

xdd::LiveTsneOptions quick_options() {
  xdd::LiveTsneOptions o;
  o.params.perplexity = 10.0;
  o.params.exaggeration_iters = 50;
  o.initial_iterations = 100;
  o.live_iterations = 50;
  o.min_live_iterations = 10;
  o.publish_interval_seconds = 0.0;  // publish at every callback
  return o;
}

}  // namespace

TEST(LiveTsneFeed, ReceivesEveryEmbeddingTheSessionPublishesWithNoViewDrawn) {
  xdd::test::ScratchDir cache;
  xdd::LiveTsneFeed feed(quick_options(), 1);
  std::mutex mutex;
  // The distinct embeddings the session published, kept alive: a set of raw pointers counted a
  // frame freed by a later snapshot and a new one allocated at its address as one (4 of 5).
  std::set<std::shared_ptr<const xdd::EmbeddingFrame>> published;
  std::atomic<xdd::ExperimentSession*> session_ptr{nullptr};
  xdd::ExperimentSession session(
      [&] {
        xdd::ExperimentSession* s = session_ptr.load();
        if (s == nullptr) return;
        const auto snapshot = s->snapshot();
        feed.follow(*snapshot);  // what the Controller does; nothing else reads the snapshots
        std::lock_guard lock(mutex);
        if (snapshot->embedding) published.insert(snapshot->embedding);
      },
      {}, [&](xdd::EmbeddingPoints points) { feed.submit(std::move(points)); });
  session_ptr = &session;

  xdd::ExperimentConfig c;
  c.data_dir = xdd::test::small_mnist_dir();
  c.preset = xdd::GanPreset::kTiny;
  c.gan_epochs = 1;
  c.retrain_steps = 25;  // embeddings: before, during at steps 5, 10 and 20, after
  c.threads = 1;
  c.info_plane_every = 0;
  c.cache_dir = cache.path();
  session.start(c);
  ASSERT_TRUE(session.wait_until_idle(180s));
  ASSERT_EQ(session.snapshot()->status, xdd::SessionStatus::kDone) << session.snapshot()->error;

  {
    std::lock_guard lock(mutex);
    EXPECT_EQ(published.size(), 5u);
    EXPECT_EQ(feed.status().frames_submitted, published.size());
  }
  ASSERT_TRUE(feed.before_frame());
  EXPECT_EQ(feed.before_frame()->stage, xdd::EmbeddingStage::kBefore);
  // The t-SNE follows to the last embedding, and kept a layout of the first for the export.
  for (int i = 0; i < 600 && !(feed.latest() && feed.latest()->frame &&
                               feed.latest()->frame->stage == xdd::EmbeddingStage::kAfter);
       ++i) {
    std::this_thread::sleep_for(100ms);
  }
  ASSERT_TRUE(feed.latest());
  EXPECT_EQ(feed.latest()->frame, session.snapshot()->embedding);
  ASSERT_TRUE(feed.before_layout());
  EXPECT_EQ(feed.before_layout()->frame, feed.before_frame());
}

TEST(LiveTsneFeed, RefusesBadThreadCounts) {
  EXPECT_THROW(xdd::LiveTsneFeed(quick_options(), 0), xdd::InvalidArgument);
}
