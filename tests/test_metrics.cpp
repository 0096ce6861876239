#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/error.h"
#include "scoring/metrics.h"

using Scores = std::vector<double>;
using Flags = std::vector<uint8_t>;

namespace {

// 500 scores with many ties (101 distinct values) and 143 positives, generated identically here and
// in Python: score_i = ((37 i) mod 101) / 10, positive_i = ((13 i) mod 7) < 2.
void generated_case(Scores& scores, Flags& positive) {
  for (int i = 0; i < 500; ++i) {
    scores.push_back(((i * 37) % 101) / 10.0);
    positive.push_back(((i * 13) % 7) < 2);
  }
}

}  // namespace

TEST(Metrics, DistinctScoresByHand) {
  // Ranked: + - + + - -. AP = 1/3 * 1 + 1/3 * 2/3 + 1/3 * 3/4 = 29/36.
  // AUC: the negatives at 0.8, 0.5, 0.4 are beaten by 1, 3, 3 of the 3 positives: 7/9.
  // TPR reaches 1 (and 0.95) at 0.6, where 1 of 3 negatives is flagged.
  const Scores s = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4};
  const Flags y = {1, 0, 1, 1, 0, 0};
  EXPECT_NEAR(xdd::average_precision(s, y), 29.0 / 36.0, 1e-15);
  EXPECT_NEAR(xdd::roc_auc(s, y), 7.0 / 9.0, 1e-15);
  EXPECT_NEAR(xdd::fpr_at_tpr(s, y, 0.95), 1.0 / 3.0, 1e-15);
  EXPECT_NEAR(xdd::fpr_at_tpr(s, y, 0.3), 0.0, 1e-15);  // the top score alone gives TPR 1/3
  EXPECT_EQ(xdd::fpr_at_tpr(s, y, 0.0), 0.0);
}

TEST(Metrics, TiedScoresFormOneThreshold) {
  // Groups 0.8: {+,-}, 0.5: {+,+,-}, 0.2: {-,+}; 4 positives, 3 negatives.
  // AP = 1/4 * 1/2 + 2/4 * 3/5 + 1/4 * 4/7 = 159/280 (sklearn: 0.5678571428571428).
  // AUC: negatives earn 0 + 1/2, 1 + 2/2, 3 + 1/2 = 6 of 12 pairs.
  // FPR at TPR >= 0.75 is 2/3 (the 0.5 group); 0.95 needs every score: FPR 1.
  const Scores s = {0.8, 0.8, 0.5, 0.5, 0.5, 0.2, 0.2};
  const Flags y = {1, 0, 1, 1, 0, 0, 1};
  EXPECT_NEAR(xdd::average_precision(s, y), 159.0 / 280.0, 1e-15);
  EXPECT_NEAR(xdd::roc_auc(s, y), 0.5, 1e-15);
  EXPECT_NEAR(xdd::fpr_at_tpr(s, y, 0.75), 2.0 / 3.0, 1e-15);
  EXPECT_NEAR(xdd::fpr_at_tpr(s, y, 0.95), 1.0, 1e-15);
}

TEST(Metrics, AllScoresEqual) {
  // One threshold: precision 2/5 at recall 1; AUC one half; only FPR 1 reaches any TPR > 0.
  const Scores s(5, 1.0);
  const Flags y = {1, 0, 0, 1, 0};
  EXPECT_NEAR(xdd::average_precision(s, y), 0.4, 1e-15);
  EXPECT_NEAR(xdd::roc_auc(s, y), 0.5, 1e-15);
  EXPECT_NEAR(xdd::fpr_at_tpr(s, y, 0.95), 1.0, 1e-15);
}

TEST(Metrics, PerfectAndInfiniteScores) {
  const double inf = std::numeric_limits<double>::infinity();
  const Scores s = {inf, 3.0, -inf, 1.0};
  const Flags y = {1, 1, 0, 0};
  EXPECT_DOUBLE_EQ(xdd::average_precision(s, y), 1.0);
  EXPECT_DOUBLE_EQ(xdd::roc_auc(s, y), 1.0);
  EXPECT_DOUBLE_EQ(xdd::fpr_at_tpr(s, y, 0.95), 0.0);
  // Reversed: every negative outranks every positive.
  const Flags flipped = {0, 0, 1, 1};
  EXPECT_DOUBLE_EQ(xdd::roc_auc(s, flipped), 0.0);
  EXPECT_DOUBLE_EQ(xdd::fpr_at_tpr(s, flipped, 0.5), 1.0);
}

TEST(Metrics, MatchesScikitLearnOnGeneratedCase) {
  Scores s;
  Flags y;
  generated_case(s, y);
  // /usr/bin/python3, scikit-learn 1.2.1: average_precision_score(y, s), roc_auc_score(y, s), and
  // fpr[tpr >= t].min() from roc_curve(y, s, drop_intermediate=False).
  EXPECT_NEAR(xdd::average_precision(s, y), 0.28187469316961583, 1e-12);
  EXPECT_NEAR(xdd::roc_auc(s, y), 0.49214510979216863, 1e-12);
  EXPECT_NEAR(xdd::fpr_at_tpr(s, y, 0.95), 0.9635854341736695, 1e-12);
  EXPECT_NEAR(xdd::fpr_at_tpr(s, y, 0.75), 0.7647058823529411, 1e-12);
}

TEST(Metrics, EvaluateDetectionUsesThePositiveLabel) {
  // Labels 7 are the positives; the same ranking as DistinctScoresByHand.
  const Scores s = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4};
  const std::vector<int64_t> labels = {7, 1, 7, 7, 0, 9};
  const xdd::DetectionMetrics m = xdd::evaluate_detection(s, labels, 7);
  EXPECT_NEAR(m.auprc, 29.0 / 36.0, 1e-15);
  EXPECT_NEAR(m.auroc, 7.0 / 9.0, 1e-15);
  EXPECT_NEAR(m.fpr95, 1.0 / 3.0, 1e-15);
  EXPECT_THROW(xdd::evaluate_detection(s, labels, 3), xdd::InvalidArgument);  // no positives
}

TEST(Metrics, RejectsBadInput) {
  const Flags y = {1, 0};
  EXPECT_THROW(xdd::average_precision({}, {}), xdd::InvalidArgument);
  EXPECT_THROW(xdd::roc_auc({0.1, 0.2, 0.3}, y), xdd::InvalidArgument);
  EXPECT_THROW(xdd::fpr_at_tpr({std::nan(""), 0.2}, y, 0.95), xdd::InvalidArgument);
  EXPECT_THROW(xdd::average_precision({0.1, 0.2}, {1, 1}), xdd::InvalidArgument);
  EXPECT_THROW(xdd::roc_auc({0.1, 0.2}, {0, 0}), xdd::InvalidArgument);
  EXPECT_THROW(xdd::fpr_at_tpr({0.1, 0.2}, y, 1.5), xdd::InvalidArgument);
  EXPECT_THROW(xdd::fpr_at_tpr({0.1, 0.2}, y, -0.1), xdd::InvalidArgument);
  EXPECT_THROW(xdd::evaluate_detection({0.1}, {1, 2}, 1), xdd::InvalidArgument);
  try {
    xdd::average_precision({0.3, 0.2}, {0, 0});
    FAIL() << "expected InvalidArgument";
  } catch (const xdd::InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("no positive examples"), std::string::npos) << e.what();
  }
}
