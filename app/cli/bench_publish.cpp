#include "cli/bench_publish.h"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "core/stopwatch.h"
#include "pipeline/info_plane_tracker.h"
#include "session/snapshot.h"
#include "session/snapshot_conversions.h"
#include "training/retrainer.h"

namespace xdd::cli {
namespace {

// The histories as the first version kept them: vectors, copied with every snapshot.
struct VectorHistories {
  std::vector<std::vector<float>> loss_values;
  std::vector<InfoPlanePoint> info_plane;
};

// A step report like XDD's: three terms and their three gradient norms.
RetrainStepReport report_of(int64_t step, int64_t total) {
  RetrainStepReport r;
  r.step = step;
  r.total_steps = total;
  for (const char* term :
       {"compression", "relevance", "total", "grad_compression", "grad_relevance", "grad_total"}) {
    r.terms.emplace_back(term, 1.0 / static_cast<double>(step));
  }
  return r;
}

// Microseconds per publish over steps [first, last), for both layouts.
struct Window {
  double shared_us = 0.0, vector_us = 0.0;
  int64_t count = 0;
};

}  // namespace

void bench_publish(int64_t steps) {
  // What ExperimentSession::publish does per step: copy the newest snapshot, append, swap.
  auto shared = std::make_shared<const Snapshot>();
  auto vectors = std::make_shared<const VectorHistories>();
  const int64_t window = std::min<int64_t>(100, steps / 2);
  Window start, end;
  double shared_total = 0.0, vector_total = 0.0;
  for (int64_t step = 1; step <= steps; ++step) {
    const RetrainStepReport r = report_of(step, steps);
    const bool plane = info_plane_due(step, 1, steps);
    const InfoPlanePoint point{step, "retrain", PlaneSet::kTest, 1.0, 1.0};

    auto t = SteadyClock::now();
    auto next = std::make_shared<Snapshot>(*shared);
    add_retrain_step(*next, r);
    if (plane) next->info_plane.push_back(point);
    ++next->version;
    shared = std::move(next);
    const double shared_s = seconds_since(t);

    t = SteadyClock::now();
    auto copy = std::make_shared<VectorHistories>(*vectors);
    if (copy->loss_values.empty()) copy->loss_values.resize(r.terms.size());
    for (size_t i = 0; i < r.terms.size(); ++i)
      copy->loss_values[i].push_back(static_cast<float>(r.terms[i].second));
    if (plane) copy->info_plane.push_back(point);
    vectors = std::move(copy);
    const double vector_s = seconds_since(t);

    shared_total += shared_s;
    vector_total += vector_s;
    Window* w = step <= window ? &start : step > steps - window ? &end : nullptr;
    if (w) {
      w->shared_us += 1e6 * shared_s;
      w->vector_us += 1e6 * vector_s;
      ++w->count;
    }
  }
  std::printf("publishing %lld re-training steps (6 loss columns, %zu information-plane points)\n",
              static_cast<long long>(steps), shared->info_plane.size());
  std::printf("%-34s %14s %14s\n", "microseconds per publish", "shared series", "vectors");
  std::printf("%-34s %14.2f %14.2f\n", ("steps 1-" + std::to_string(window)).c_str(),
              start.shared_us / start.count, start.vector_us / start.count);
  std::printf("%-34s %14.2f %14.2f\n", ("last " + std::to_string(window) + " steps").c_str(),
              end.shared_us / end.count, end.vector_us / end.count);
  std::printf("%-34s %14.3f %14.3f\n", "all publishes together, seconds", shared_total,
              vector_total);
}

}  // namespace xdd::cli
