// The live t-SNE worker: layouts arrive, a second frame continues from the first, stop and
// destruction while busy are clean, and bad frames end in the failed state, never in a crash.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "core/error.h"
#include "session/live_tsne.h"

namespace xdd {
namespace {

using namespace std::chrono_literals;

constexpr int kClusters = 4;
constexpr int kPerCluster = 60;
constexpr int kDim = 24;
constexpr int kLabeledPerCluster = 3;

// Clusters around well separated centres, each a noisy 2-D sheet (as real embeddings, the points
// have a low intrinsic dimension, so their neighbourhoods are well defined). A later frame of the
// same training run moves every point a little: `drift` adds noise of that size (seeded by
// `seed`) to the same points.
EmbeddingPoints cluster_frame(EmbeddingStage stage, double drift = 0.0, std::uint64_t seed = 1) {
  std::mt19937_64 rng(1);
  std::mt19937_64 drift_rng(seed);
  std::normal_distribution<float> noise(0.0f, 1.0f);
  auto frame = std::make_shared<EmbeddingFrame>();
  frame->stage = stage;
  std::vector<float> sheets(static_cast<size_t>(kClusters * 2 * kDim));
  for (auto& v : sheets) v = 0.5f * noise(rng);
  auto add_point = [&](std::vector<float>& out, int cluster) {
    const float u = 2.0f * noise(rng), v = 2.0f * noise(rng);
    for (int d = 0; d < kDim; ++d) {
      const float centre = d == cluster ? 20.0f : 0.0f;
      const float* sheet = &sheets[static_cast<size_t>(cluster * 2 * kDim)];
      const float moved = static_cast<float>(drift) * noise(drift_rng);
      out.push_back(centre + u * sheet[d] + v * sheet[kDim + d] + 0.05f * noise(rng) + moved);
    }
  };
  std::vector<float> z_test, z_labeled;
  for (int c = 0; c < kClusters; ++c) {
    for (int i = 0; i < kPerCluster; ++i) {
      add_point(z_test, c);
      frame->labels.push_back(static_cast<uint8_t>(c));
      frame->scores.push_back(static_cast<float>(c));
    }
    for (int i = 0; i < kLabeledPerCluster; ++i) add_point(z_labeled, c);
  }
  EmbeddingPoints points;
  points.z_test = SharedFloats(std::move(z_test));
  points.z_labeled = SharedFloats(std::move(z_labeled));
  points.dim = kDim;
  points.frame = std::move(frame);
  return points;
}

// `values` with one value replaced, or resized to `size` floats.
SharedFloats with_value(const SharedFloats& values, size_t index, float value) {
  std::vector<float> changed = values.to_vector();
  changed[index] = value;
  return SharedFloats(std::move(changed));
}
SharedFloats resized(const SharedFloats& values, size_t size) {
  std::vector<float> changed = values.to_vector();
  changed.resize(size);
  return SharedFloats(std::move(changed));
}

LiveTsneOptions small_options() {
  LiveTsneOptions o;
  o.params.perplexity = 10.0;
  o.params.exaggeration_iters = 100;
  o.initial_iterations = 250;
  o.live_iterations = 100;
  o.min_live_iterations = 10;
  o.publish_interval_seconds = 0.0;  // publish at every callback, so tests see every stage
  return o;
}

// Records every published layout (the callback runs on the worker thread).
struct Recorder {
  std::mutex mutex;
  std::vector<std::shared_ptr<const TsneLayout>> layouts;
  LiveTsne* tsne = nullptr;
  void on_publish() {
    if (tsne == nullptr) return;
    auto latest = tsne->latest();
    std::lock_guard<std::mutex> lock(mutex);
    if (latest && (layouts.empty() || layouts.back() != latest)) layouts.push_back(latest);
  }
  std::vector<std::shared_ptr<const TsneLayout>> copy() {
    std::lock_guard<std::mutex> lock(mutex);
    return layouts;
  }
};

bool wait_for(const LiveTsne& tsne, LiveTsneState state, std::chrono::seconds timeout = 30s) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (tsne.status().state == state) return true;
    std::this_thread::sleep_for(2ms);
  }
  return false;
}

// Waits until the newest layout belongs to `frame` and has settled.
bool wait_for_settled(const LiveTsne& tsne, const EmbeddingPoints& points) {
  const auto until = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < until) {
    const auto latest = tsne.latest();
    if (latest && latest->frame == points.frame && latest->settled) return true;
    std::this_thread::sleep_for(2ms);
  }
  return false;
}

// Share of test points whose nearest other test point in the layout has the same label: 1 when
// the clusters are cleanly separated, about 1/4 for a random layout of four clusters.
double nearest_neighbour_agreement(const TsneLayout& layout) {
  const auto& labels = layout.frame->labels;
  std::int64_t agree = 0;
  for (std::int64_t i = 0; i < layout.test_count; ++i) {
    double best = std::numeric_limits<double>::infinity();
    std::int64_t nearest = -1;
    for (std::int64_t j = 0; j < layout.test_count; ++j) {
      if (j == i) continue;
      const double dx = layout.xy[2 * i] - layout.xy[2 * j];
      const double dy = layout.xy[2 * i + 1] - layout.xy[2 * j + 1];
      if (dx * dx + dy * dy < best) {
        best = dx * dx + dy * dy;
        nearest = j;
      }
    }
    agree += labels[nearest] == labels[i] ? 1 : 0;
  }
  return static_cast<double>(agree) / static_cast<double>(layout.test_count);
}

double rms_spread(const std::vector<float>& xy) {
  double s = 0.0;
  for (float v : xy) s += static_cast<double>(v) * v;
  return std::sqrt(s / static_cast<double>(xy.size() / 2));
}

double rms_displacement(const std::vector<float>& a, const std::vector<float>& b) {
  double s = 0.0;
  for (size_t k = 0; k < a.size(); ++k) s += (a[k] - b[k]) * (a[k] - b[k]);
  return std::sqrt(s / static_cast<double>(a.size() / 2));
}

TEST(LiveTsne, FirstFrameSettlesIntoSeparatedClusters) {
  Recorder rec;
  LiveTsne tsne(small_options(), [&] { rec.on_publish(); });
  rec.tsne = &tsne;
  EXPECT_EQ(tsne.latest(), nullptr);
  EXPECT_EQ(tsne.status().state, LiveTsneState::kIdle);
  EXPECT_EQ(tsne.status().threads, 1);
  auto frame = cluster_frame(xdd::EmbeddingStage::kBefore);
  tsne.submit(frame);
  ASSERT_TRUE(wait_for(tsne, LiveTsneState::kSettled));
  auto last = tsne.latest();
  ASSERT_NE(last, nullptr);
  EXPECT_TRUE(last->settled);
  EXPECT_EQ(last->frame, frame.frame);
  EXPECT_EQ(last->test_count, kClusters * kPerCluster);
  EXPECT_EQ(last->labeled_count, kClusters * kLabeledPerCluster);
  EXPECT_EQ(last->xy.size(), static_cast<size_t>(2 * (last->test_count + last->labeled_count)));
  EXPECT_EQ(last->iteration, 250);
  EXPECT_EQ(last->updates, 0);
  EXPECT_EQ(last->generation, 1u);
  EXPECT_TRUE(std::isfinite(last->kl));
  EXPECT_GT(last->kl, 0.0);
  // Four clusters far apart in the input: separated in the layout.
  EXPECT_GE(nearest_neighbour_agreement(*last), 0.98);
  // Layouts arrived along the way: the PCA start (tiny), then every 5 iterations.
  const auto layouts = rec.copy();
  ASSERT_GE(layouts.size(), 250u / 5u);
  EXPECT_EQ(layouts.front()->iteration, 0);
  EXPECT_LT(rms_spread(layouts.front()->xy), 1e-3);
  for (size_t i = 1; i < layouts.size(); ++i) {
    EXPECT_GE(layouts[i]->iteration, layouts[i - 1]->iteration);
  }
  const auto status = tsne.status();
  EXPECT_EQ(status.frames_submitted, 1u);
  EXPECT_EQ(status.frames_used, 1u);
  EXPECT_GT(status.iterations_per_second, 0.0);
}

TEST(LiveTsne, SecondFrameContinuesFromTheCurrentLayout) {
  Recorder rec;
  LiveTsne tsne(small_options(), [&] { rec.on_publish(); });
  rec.tsne = &tsne;
  tsne.submit(cluster_frame(xdd::EmbeddingStage::kBefore));
  ASSERT_TRUE(wait_for(tsne, LiveTsneState::kSettled));
  const auto first = tsne.latest();
  const size_t first_count = rec.copy().size();

  auto second = cluster_frame(xdd::EmbeddingStage::kDuring, 0.05, 2);
  tsne.submit(second);
  ASSERT_TRUE(wait_for_settled(tsne, second));
  const auto layouts = rec.copy();
  ASSERT_GT(layouts.size(), first_count + 1);
  // The first layout of the update is the settled layout itself, now tied to the new frame.
  const auto start = layouts[first_count];
  EXPECT_EQ(start->frame, second.frame);
  EXPECT_EQ(start->updates, 1);
  EXPECT_EQ(start->generation, 1u);
  EXPECT_EQ(start->iteration, 250);
  EXPECT_EQ(start->xy, first->xy);
  // Five iterations later (no exaggeration, momentum 0.8) the points have moved about as much
  // as in the last five iterations on the old affinities: no jump.
  const auto next = layouts[first_count + 1];
  std::shared_ptr<const TsneLayout> before_last;
  for (size_t k = 0; k < first_count; ++k) {
    if (layouts[k]->iteration == 245) before_last = layouts[k];
  }
  ASSERT_NE(before_last, nullptr);
  EXPECT_EQ(next->iteration, 255);
  const double usual = rms_displacement(first->xy, before_last->xy);
  EXPECT_LT(rms_displacement(next->xy, first->xy), 2.0 * usual);
  EXPECT_LT(rms_displacement(next->xy, first->xy), 0.05 * rms_spread(first->xy));
  const auto last = tsne.latest();
  EXPECT_EQ(last->iteration, 350);
  EXPECT_TRUE(last->settled);
  EXPECT_LT(rms_displacement(last->xy, first->xy), 0.5 * rms_spread(first->xy));
  EXPECT_GE(nearest_neighbour_agreement(*last), 0.98);

  // A "before" frame is a new run: a fresh layout from the PCA start.
  auto next_run = cluster_frame(xdd::EmbeddingStage::kBefore, 0.5, 3);
  tsne.submit(next_run);
  ASSERT_TRUE(wait_for_settled(tsne, next_run));
  EXPECT_EQ(tsne.latest()->generation, 2u);
  EXPECT_EQ(tsne.latest()->iteration, 250);
}

TEST(LiveTsne, NewestFrameWinsAndThreadsCanChangeMidRun) {
  auto options = small_options();
  options.initial_iterations = 400;
  LiveTsne tsne(options);
  tsne.submit(cluster_frame(xdd::EmbeddingStage::kBefore));
  for (int k = 0; k < 30000 && tsne.latest() == nullptr; ++k) {
    std::this_thread::sleep_for(1ms);  // until the first frame is being optimised
  }
  tsne.set_threads(2);
  std::vector<EmbeddingPoints> frames;
  for (int i = 0; i < 5; ++i)
    frames.push_back(cluster_frame(xdd::EmbeddingStage::kDuring, 0.01 * i, 10 + i));
  for (const auto& frame : frames) tsne.submit(frame);
  // Exaggeration (100 iterations) is never cut short; then the newest frame is taken.
  ASSERT_TRUE(wait_for_settled(tsne, frames.back()));
  const auto last = tsne.latest();
  EXPECT_EQ(last->frame, frames.back().frame);
  EXPECT_TRUE(last->settled);
  const auto status = tsne.status();
  EXPECT_EQ(status.frames_submitted, 6u);
  EXPECT_LT(status.frames_used, 6u);
  EXPECT_EQ(status.threads, 2);
  EXPECT_GE(last->iteration, 100 + 100);
  EXPECT_GE(nearest_neighbour_agreement(*last), 0.98);
  EXPECT_THROW(tsne.set_threads(0), InvalidArgument);
}

TEST(LiveTsne, StopAndDestroyWhileBusyAreQuick) {
  auto options = small_options();
  options.initial_iterations = 1000000;  // would run for minutes
  for (bool wait_until_optimizing : {false, true}) {
    auto tsne = std::make_unique<LiveTsne>(options);
    tsne->submit(cluster_frame(
        xdd::EmbeddingStage::kBefore));  // destroyed while preparing, or while optimising
    if (wait_until_optimizing) {
      ASSERT_TRUE(wait_for(*tsne, LiveTsneState::kOptimizing));
    }
    tsne->submit(cluster_frame(xdd::EmbeddingStage::kDuring, 0.1));  // pending when destroyed
    const auto start = std::chrono::steady_clock::now();
    tsne.reset();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  }
  LiveTsne stopped(options);
  stopped.submit(cluster_frame(xdd::EmbeddingStage::kBefore));
  ASSERT_TRUE(wait_for(stopped, LiveTsneState::kOptimizing));
  stopped.stop();
  stopped.stop();                                                    // twice is fine
  stopped.submit(cluster_frame(xdd::EmbeddingStage::kDuring, 0.1));  // ignored after stop
  EXPECT_EQ(stopped.status().frames_submitted, 1u);
  EXPECT_LT(stopped.latest()->iteration, 1000000);
}

TEST(LiveTsne, BadFramesReportAnErrorAndTheNextGoodFrameRecovers) {
  LiveTsne tsne(small_options());
  std::uint64_t submitted = 0;
  auto expect_failure = [&](EmbeddingPoints frame, const std::string& words) {
    tsne.submit(frame);
    ++submitted;
    const auto until = std::chrono::steady_clock::now() + 30s;
    while (std::chrono::steady_clock::now() < until &&
           !(tsne.status().frames_used == submitted &&
             tsne.status().state == LiveTsneState::kFailed)) {
      std::this_thread::sleep_for(1ms);
    }
    const auto status = tsne.status();
    ASSERT_EQ(status.state, LiveTsneState::kFailed) << words;
    EXPECT_NE(status.error.find(words), std::string::npos) << status.error;
  };
  auto nan_frame = cluster_frame(xdd::EmbeddingStage::kBefore);
  nan_frame.z_test =
      with_value(nan_frame.z_test, 5 * kDim + 3, std::numeric_limits<float>::quiet_NaN());
  expect_failure(nan_frame, "NaN");
  EXPECT_EQ(tsne.latest(), nullptr);

  auto few = cluster_frame(xdd::EmbeddingStage::kBefore);
  auto few_frame = std::make_shared<EmbeddingFrame>(*few.frame);
  few_frame->labels.resize(12);
  few_frame->scores.resize(12);
  few.frame = few_frame;
  few.z_test = resized(few.z_test, 12 * kDim);
  few.z_labeled = SharedFloats();
  expect_failure(few, "perplexity");

  auto mismatched = cluster_frame(xdd::EmbeddingStage::kBefore);
  mismatched.z_test = resized(mismatched.z_test, mismatched.z_test.size() - 1);
  expect_failure(mismatched, "z_test");

  auto no_dim = cluster_frame(xdd::EmbeddingStage::kBefore);
  no_dim.dim = 0;
  expect_failure(no_dim, "dim");

  auto good = cluster_frame(xdd::EmbeddingStage::kBefore);
  tsne.submit(good);
  ++submitted;
  ASSERT_TRUE(wait_for(tsne, LiveTsneState::kSettled));
  EXPECT_TRUE(tsne.status().error.empty());
  EXPECT_EQ(tsne.latest()->frame, good.frame);

  // A bad frame after a good one keeps the last layout.
  auto inf_frame = cluster_frame(xdd::EmbeddingStage::kDuring);
  inf_frame.z_labeled = with_value(inf_frame.z_labeled, 0, std::numeric_limits<float>::infinity());
  expect_failure(inf_frame, "infinite");
  EXPECT_EQ(tsne.latest()->frame, good.frame);
}

TEST(LiveTsne, RejectsBadOptions) {
  LiveTsneOptions o = small_options();
  o.live_iterations = -1;
  EXPECT_THROW(LiveTsne bad(o), InvalidArgument);
  o = small_options();
  o.params.perplexity = 0.5;
  EXPECT_THROW(LiveTsne bad(o), InvalidArgument);
  o = small_options();
  o.pca.oversampling = -1;
  EXPECT_THROW(LiveTsne bad(o), InvalidArgument);
}

}  // namespace
}  // namespace xdd
