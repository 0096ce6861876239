#include "scoring/metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "core/error.h"

namespace xdd {

namespace {

// Cumulative counts after each distinct threshold, scores visited from the highest down: the
// points of sklearn's ROC and precision-recall curves (before its optional point dropping).
struct CurvePoint {
  int64_t tp;  // positives with score >= this threshold
  int64_t fp;  // negatives with score >= this threshold
};

struct Curve {
  std::vector<CurvePoint> points;
  int64_t positives = 0;
  int64_t negatives = 0;
};

Curve threshold_curve(const std::vector<double>& scores, const std::vector<uint8_t>& is_positive,
                      const char* caller) {
  const std::string who(caller);
  if (scores.empty()) throw InvalidArgument(who + ": no scores given");
  if (scores.size() != is_positive.size()) {
    throw InvalidArgument(who + ": " + std::to_string(scores.size()) + " scores but " +
                          std::to_string(is_positive.size()) + " labels");
  }
  for (size_t i = 0; i < scores.size(); ++i) {
    if (std::isnan(scores[i]))
      throw InvalidArgument(who + ": score " + std::to_string(i) + " is NaN");
  }
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] > scores[b]; });

  Curve c;
  int64_t tp = 0, fp = 0;
  for (size_t k = 0; k < order.size(); ++k) {
    (is_positive[order[k]] ? tp : fp) += 1;
    const bool last_of_tie = k + 1 == order.size() || scores[order[k + 1]] != scores[order[k]];
    if (last_of_tie) c.points.push_back({tp, fp});
  }
  c.positives = tp;
  c.negatives = fp;
  if (c.positives == 0)
    throw InvalidArgument(who + ": no positive examples; the metric is undefined");
  if (c.negatives == 0)
    throw InvalidArgument(who + ": no negative examples; the metric is undefined");
  return c;
}

}  // namespace

double average_precision(const std::vector<double>& scores,
                         const std::vector<uint8_t>& is_positive) {
  const Curve c = threshold_curve(scores, is_positive, "average_precision");
  double ap = 0.0;
  int64_t prev_tp = 0;
  for (const CurvePoint& p : c.points) {
    // Recall rises by (tp - prev_tp) / P; the precision at this threshold weighs the rise.
    const double precision = static_cast<double>(p.tp) / static_cast<double>(p.tp + p.fp);
    ap += static_cast<double>(p.tp - prev_tp) / static_cast<double>(c.positives) * precision;
    prev_tp = p.tp;
  }
  return ap;
}

double roc_auc(const std::vector<double>& scores, const std::vector<uint8_t>& is_positive) {
  const Curve c = threshold_curve(scores, is_positive, "roc_auc");
  // Twice the count of (positive, negative) pairs ordered correctly, a tie counting one: exact in
  // integers, then one division (the trapezoids of the ROC curve sum to the same value).
  double twice_pairs = 0.0;
  int64_t prev_tp = 0, prev_fp = 0;
  for (const CurvePoint& p : c.points) {
    const int64_t new_fp = p.fp - prev_fp;
    const int64_t new_tp = p.tp - prev_tp;
    twice_pairs += static_cast<double>(new_fp) * static_cast<double>(2 * prev_tp + new_tp);
    prev_tp = p.tp;
    prev_fp = p.fp;
  }
  return twice_pairs / (2.0 * static_cast<double>(c.positives) * static_cast<double>(c.negatives));
}

double fpr_at_tpr(const std::vector<double>& scores, const std::vector<uint8_t>& is_positive,
                  double tpr) {
  if (!(tpr >= 0.0 && tpr <= 1.0)) {
    throw InvalidArgument("fpr_at_tpr: tpr must be in [0, 1], got " + std::to_string(tpr));
  }
  const Curve c = threshold_curve(scores, is_positive, "fpr_at_tpr");
  if (tpr <= 0.0) return 0.0;  // the +inf threshold flags nothing: TPR 0 at FPR 0
  // FPR never falls as the threshold drops, so the first point reaching tpr has the smallest FPR.
  for (const CurvePoint& p : c.points) {
    if (static_cast<double>(p.tp) / static_cast<double>(c.positives) >= tpr) {
      return static_cast<double>(p.fp) / static_cast<double>(c.negatives);
    }
  }
  return 1.0;  // unreachable: the last point has TPR 1
}

DetectionMetrics evaluate_detection(const std::vector<double>& scores,
                                    const std::vector<int64_t>& labels, int positive_label) {
  std::vector<uint8_t> is_positive(labels.size());
  for (size_t i = 0; i < labels.size(); ++i) is_positive[i] = labels[i] == positive_label;
  return {average_precision(scores, is_positive), roc_auc(scores, is_positive),
          fpr_at_tpr(scores, is_positive, 0.95)};
}

}  // namespace xdd
