#pragma once
// Detection metrics for anomaly scores (SPEC section 2, step 4): higher score = more anomalous,
// positive = the held-out class. Definitions follow scikit-learn 1.2 so that its numbers can check
// ours.
#include <cstdint>
#include <vector>

namespace xdd {

struct DetectionMetrics {
  double auprc;  // average precision
  double auroc;
  double fpr95;  // false-positive rate at 95% true-positive rate
};

// Every function below throws InvalidArgument for empty input, sizes that differ, a NaN score, or
// no positives or no negatives. A nonzero is_positive entry marks a positive; +-inf scores are
// allowed and sort as the extremes.

// sklearn.metrics.average_precision_score: sum_n (R_n - R_{n-1}) P_n over the distinct score
// thresholds in decreasing order (tied scores form one threshold).
double average_precision(const std::vector<double>& scores,
                         const std::vector<uint8_t>& is_positive);

// Area under the ROC curve (sklearn.metrics.roc_auc_score): the probability that a random positive
// scores above a random negative, ties counting 1/2.
double roc_auc(const std::vector<double>& scores, const std::vector<uint8_t>& is_positive);

// The smallest false-positive rate among the thresholds (one per distinct score, plus +inf where
// nothing is flagged, as sklearn.metrics.roc_curve with drop_intermediate=False) whose
// true-positive rate is >= tpr. InvalidArgument for tpr outside [0, 1].
double fpr_at_tpr(const std::vector<double>& scores, const std::vector<uint8_t>& is_positive,
                  double tpr);

// All three with positive = (label == positive_label); fpr95 at tpr = 0.95.
DetectionMetrics evaluate_detection(const std::vector<double>& scores,
                                    const std::vector<int64_t>& labels, int positive_label);

}  // namespace xdd
