#include "widgets/info_plane_data.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>

#include "widgets/ui_style.h"

namespace xdd {
namespace {

// InfoPlaneTracker::kTestSample (pipeline/info_plane_tracker.h, which needs LibTorch).
constexpr int64_t kTestSample = 1000;
constexpr int kKnownDigits = 9;

// `all`: a std::vector or a SharedSeries of InfoPlanePoint.
template <typename Points>
std::vector<PlanePoint> points_of(const Points& all, PlaneSet set) {
  std::vector<PlanePoint> out;
  for (const InfoPlanePoint& p : all) {
    if (p.set == set && std::isfinite(p.ixz) && std::isfinite(p.izy)) {
      out.push_back({p.step, p.ixz, p.izy});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const PlanePoint& a, const PlanePoint& b) { return a.step < b.step; });
  return out;
}

std::string beta_label(const std::string& method, double beta) {
  if (method != "xdd") return method;
  char text[48];
  std::snprintf(text, sizeof text, "β = %g", beta);
  return text;
}

// Runs whose test sample and labeled set are comparable with `c`'s.
bool same_setting(const ExperimentConfig& a, const ExperimentConfig& c) {
  return a.holdout == c.holdout && a.data_dir == c.data_dir && a.test_limit == c.test_limit &&
         a.labeled_per_class == c.labeled_per_class;
}

// The digit of every test image, from the newest embedding (empty before the first scoring).
const std::vector<uint8_t>* test_labels(const Snapshot& s) {
  return s.embedding && !s.embedding->labels.empty() ? &s.embedding->labels : nullptr;
}

int64_t test_count(const Snapshot& s) {
  if (const auto* labels = test_labels(s)) return static_cast<int64_t>(labels->size());
  if (s.test_images && !s.test_images->empty()) {
    return static_cast<int64_t>(s.test_images->size() / (28 * 28));
  }
  return 0;
}

}  // namespace

int64_t plane_set_size(const Snapshot& s, PlaneSet set) {
  if (set == PlaneSet::kLabeled) return int64_t{kKnownDigits} * s.config.labeled_per_class;
  const int64_t n = test_count(s);
  return n > 0 ? std::min(n, kTestSample) : kTestSample;
}

PlaneData build_plane_data(const Snapshot& s, PlaneSet set,
                           const std::vector<StoredPlaneRun>& stored, int64_t shown_run) {
  PlaneData d;
  d.n = plane_set_size(s, set);
  d.h_y = std::log(static_cast<double>(kKnownDigits));  // the labeled draw is balanced
  if (set == PlaneSet::kTest) {
    // The sample's known digits; the whole test set's frequencies when the sample is a subset.
    std::array<int64_t, 10> counts{};
    int64_t known = 0;
    if (const auto* labels = test_labels(s)) {
      for (uint8_t digit : *labels) {
        if (digit < 10 && digit != s.config.holdout) ++counts[digit], ++known;
      }
    }
    if (known > 0) {
      d.h_y = 0.0;
      for (int64_t c : counts) {
        if (c > 0) d.h_y -= double(c) / double(known) * std::log(double(c) / double(known));
      }
    }
    d.h_y_exact = known > 0 && test_count(s) <= kTestSample;
  }

  // Other runs: the latest per beta (per method for the baselines), ordered by beta; session runs
  // after stored ones, so they take the slot.
  struct Other {
    std::string method, source;
    double beta;
    const std::vector<InfoPlanePoint>* points;
  };
  std::map<std::pair<std::string, double>, Other> latest;
  auto add = [&](const std::string& method, double beta, Other other) {
    const bool xdd = method == "xdd";
    latest[{xdd ? std::string() : method, xdd ? beta : 0.0}] = std::move(other);
  };
  const int64_t tests = test_count(s);
  for (const StoredPlaneRun& r : stored) {
    if (r.test_images && tests > 0 && *r.test_images != tests) continue;  // another test sample
    if (shown_run != 0 && r.id == shown_run) continue;                    // drawn as "this run"
    add(r.method, r.beta, {r.method, "stored run #" + std::to_string(r.id), r.beta, &r.points});
  }
  const size_t finished = s.finished_runs.size() - (s.status == SessionStatus::kDone ? 1 : 0);
  for (size_t i = 0; i < finished && i < s.finished_runs.size(); ++i) {
    const ExperimentConfig& c = s.finished_runs[i].config;
    if (!same_setting(c, s.config)) continue;
    const std::string method = setting_name(c.method);  // named as the stored runs are
    add(method, c.beta, {method, "this session", c.beta, &s.finished_runs[i].info_plane});
  }
  int k = 0;
  for (const auto& entry : latest) {
    const Other& o = entry.second;
    PlanePath p;
    p.label = beta_label(o.method, o.beta);
    p.source = o.source;
    p.beta = o.beta;
    p.color = series_color(k++);
    p.points = points_of(*o.points, set);
    if (!p.points.empty()) d.paths.push_back(std::move(p));
  }

  PlanePath current;
  const std::string name = shown_run != 0 ? "run #" + std::to_string(shown_run) : "this run";
  current.label = beta_label(setting_name(s.config.method), s.config.beta) + " (" + name + ")";
  current.source = name;
  current.beta = s.config.beta;
  current.current = true;
  current.points = points_of(s.info_plane, set);
  if (!current.points.empty()) d.paths.push_back(std::move(current));
  return d;
}

}  // namespace xdd
