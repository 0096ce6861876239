// The optimiser: KL goes down, blobs stay apart, runs resume and stop exactly, results repeat, and
// live updates move the layout smoothly.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/error.h"
#include "tsne/affinities.h"
#include "tsne/embedding.h"
#include "tsne/pca.h"
#include "tsne_test_data.h"

using xdd::Affinities;
using xdd::TsneEmbedding;
using xdd::TsneParams;

namespace {

TsneParams small_params() {
  TsneParams p;
  p.perplexity = 20.0;
  p.threads = 2;
  p.kl_every = 25;
  return p;
}

struct KlTrace {
  std::vector<int> iterations;
  std::vector<double> kls;
};

double rms(const std::vector<float>& v) {
  double s = 0.0;
  for (float x : v) s += double{x} * x;
  return std::sqrt(s / static_cast<double>(v.size() / 2));
}

double rms_displacement(const std::vector<float>& a, const std::vector<float>& b) {
  double s = 0.0;
  for (size_t k = 0; k < a.size(); ++k) s += double{a[k] - b[k]} * (a[k] - b[k]);
  return std::sqrt(s / static_cast<double>(a.size() / 2));
}

}  // namespace

TEST(TsneEmbedding, KlDecreasesAndBlobsStaySeparated) {
  const auto blobs = xdd::test::make_blobs(5, 80, 20, 4.0, 21);
  const TsneParams params = small_params();
  TsneEmbedding emb(Affinities::compute(blobs.points, params), xdd::pca_init(blobs.points), params);
  KlTrace run;
  const int done =
      xdd::optimize_standard(emb, 500, [&](int it, double kl, const std::vector<float>& layout) {
        EXPECT_EQ(layout.size(), 800u);
        run.iterations.push_back(it);
        run.kls.push_back(kl);
        return true;
      });
  EXPECT_EQ(done, 500);
  EXPECT_EQ(emb.iteration(), 500);
  ASSERT_EQ(run.iterations.size(), 20u);
  EXPECT_EQ(run.iterations.front(), 25);
  EXPECT_EQ(run.iterations.back(), 500);
  // After early exaggeration (250 iterations) KL falls at every report.
  for (size_t r = 10; r + 1 < run.kls.size(); ++r) {
    EXPECT_LT(run.kls[r + 1], run.kls[r] + 1e-9) << "iteration " << run.iterations[r + 1];
  }
  EXPECT_LT(run.kls.back(), 0.8 * run.kls[9]);
  EXPECT_NEAR(emb.kl_divergence(), run.kls.back(), 0.02);
  EXPECT_GT(xdd::test::label_purity(emb.layout(), blobs.labels, 10), 0.99);
  EXPECT_GT(xdd::test::neighbourhood_preservation(blobs.points, emb.layout(), 10), 0.35);
}

TEST(TsneEmbedding, ResumingEqualsOneRunAndCallbackStops) {
  const auto blobs = xdd::test::make_blobs(3, 60, 8, 5.0, 2);
  const TsneParams params = small_params();
  const Affinities P = Affinities::compute(blobs.points, params);
  const auto init = xdd::pca_init(blobs.points);
  TsneEmbedding whole(P, init, params);
  xdd::optimize_standard(whole, 300);
  TsneEmbedding pieces(P, init, params);
  xdd::optimize_standard(pieces, 130);
  xdd::optimize_standard(pieces, 0);
  xdd::optimize_standard(pieces, 170);
  EXPECT_EQ(pieces.iteration(), 300);
  EXPECT_EQ(pieces.layout(), whole.layout());

  TsneEmbedding stopped(P, init, params);
  const int done =
      xdd::optimize_standard(stopped, 1000, [](int it, double, const std::vector<float>&) {
        return it < 100;  // stop at the report of iteration 100
      });
  EXPECT_EQ(done, 100);
  EXPECT_EQ(stopped.iteration(), 100);
}

TEST(TsneEmbedding, DeterministicForFixedSeedAndAnyThreadCount) {
  const auto blobs = xdd::test::make_blobs(4, 50, 10, 5.0, 7);
  TsneParams params = small_params();
  std::vector<std::vector<float>> layouts;
  for (int threads : {1, 2, 2, 3}) {
    params.threads = threads;
    TsneEmbedding emb(Affinities::compute(blobs.points, params), xdd::pca_init(blobs.points),
                      params);
    xdd::optimize_standard(emb, 200);
    layouts.push_back(emb.layout());
  }
  for (size_t r = 1; r < layouts.size(); ++r) EXPECT_EQ(layouts[r], layouts[0]) << "run " << r;
}

TEST(TsneEmbedding, AThreadChangeKeepsVelocityAndGains) {
  const auto blobs = xdd::test::make_blobs(4, 50, 10, 5.0, 7);
  TsneParams one = small_params();
  one.threads = 1;
  TsneParams two = one;
  two.threads = 2;
  const Affinities P = Affinities::compute(blobs.points, one);
  TsneEmbedding straight(P, xdd::pca_init(blobs.points), one);
  xdd::optimize_standard(straight, 300);
  TsneEmbedding switched(P, xdd::pca_init(blobs.points), one);
  xdd::optimize_standard(switched, 120);
  switched.set_params(two);
  xdd::optimize_standard(switched, 180);
  EXPECT_EQ(switched.layout(), straight.layout());  // the gradient is thread-count independent
  // Rebuilding on the layout instead (what the live worker once did) restarts velocity and gains:
  // another path.
  TsneEmbedding first(P, xdd::pca_init(blobs.points), one);
  xdd::optimize_standard(first, 120);
  TsneEmbedding rebuilt(P, first.layout(), two);
  rebuilt.optimize(130, xdd::early_stage(two));
  rebuilt.optimize(50, xdd::final_stage(two));
  EXPECT_NE(rebuilt.layout(), straight.layout());
}

TEST(TsneEmbedding, WarmStartMovesLittleForATinyPerturbation) {
  const auto blobs = xdd::test::make_blobs(4, 75, 16, 4.0, 31);
  TsneParams params = small_params();
  TsneEmbedding emb(Affinities::compute(blobs.points, params), xdd::pca_init(blobs.points), params);
  xdd::optimize_standard(emb, 600);
  const std::vector<float> before = emb.layout();
  TsneEmbedding control = emb;  // keeps optimising the unperturbed input
  xdd::optimize_standard(control, 100);

  // New "model weights": every input value moves by 0.1% of the blobs' spread.
  xdd::PointMatrix moved = blobs.points;
  std::mt19937_64 rng(4);
  std::normal_distribution<float> noise(0.0f, 0.001f);
  for (float& v : moved.values) v += noise(rng);
  emb.update_affinities(Affinities::compute(moved, params));
  EXPECT_TRUE(emb.live());
  emb.optimize(100, xdd::final_stage(params));
  // Against the run that saw no perturbation, the layout moved by a small fraction of its size
  // (measured: 0.3% of the radius; with no perturbation at all it is exactly 0).
  const double shift = rms_displacement(control.layout(), emb.layout());
  EXPECT_LT(shift, 0.01 * rms(before)) << "shift " << shift << " of radius " << rms(before);
  EXPECT_GT(shift, 0.0);
  EXPECT_GT(xdd::test::label_purity(emb.layout(), blobs.labels, 10), 0.99);

  // Starting over from scratch lands somewhere else entirely (what live mode avoids).
  TsneEmbedding fresh(Affinities::compute(moved, params), xdd::pca_init(moved), params);
  xdd::optimize_standard(fresh, 100);
  EXPECT_GT(rms_displacement(before, fresh.layout()), 0.5 * rms(before));
}

TEST(TsneEmbedding, TemporalCoherenceHoldsPointsInPlace) {
  const auto blobs = xdd::test::make_blobs(4, 60, 12, 4.0, 13);
  TsneParams params = small_params();
  const Affinities P = Affinities::compute(blobs.points, params);
  const auto init = xdd::pca_init(blobs.points);
  // A large change of the input: two blobs swap half their members' coordinates.
  xdd::PointMatrix changed = blobs.points;
  for (int i = 0; i < 30; ++i) {
    for (int d = 0; d < 12; ++d)
      std::swap(changed.values[i * 12 + d], changed.values[(60 + i) * 12 + d]);
  }
  const Affinities changed_P = Affinities::compute(changed, params);
  double shift[2];
  for (int with : {0, 1}) {
    params.coherence = with ? 0.1 : 0.0;
    TsneEmbedding emb(P, init, params);
    xdd::optimize_standard(emb, 400);
    const std::vector<float> before = emb.layout();
    emb.update_affinities(changed_P);
    emb.optimize(50, xdd::final_stage(params));
    shift[with] = rms_displacement(before, emb.layout());
  }
  EXPECT_LT(shift[1], 0.7 * shift[0]) << "with " << shift[1] << " without " << shift[0];
}

TEST(TsneEmbedding, RejectsMismatchedInput) {
  const auto blobs = xdd::test::make_blobs(2, 40, 4, 5.0, 1);
  TsneParams params = small_params();
  params.perplexity = 10.0;
  const Affinities P = Affinities::compute(blobs.points, params);
  EXPECT_THROW(TsneEmbedding(P, std::vector<float>(10, 0.0f), params), xdd::InvalidArgument);
  std::vector<float> bad = xdd::pca_init(blobs.points);
  bad[3] = NAN;
  EXPECT_THROW(TsneEmbedding(P, bad, params), xdd::InvalidArgument);
  TsneEmbedding emb(P, xdd::pca_init(blobs.points), params);
  EXPECT_THROW(xdd::optimize_standard(emb, -1), xdd::InvalidArgument);
  EXPECT_THROW(emb.optimize(1, {0.0, 0.5}), xdd::InvalidArgument);  // no exaggeration
  EXPECT_THROW(emb.optimize(1, {1.0, 1.0}), xdd::InvalidArgument);  // momentum that never decays
  const auto other = xdd::test::make_blobs(2, 30, 4, 5.0, 1);
  EXPECT_THROW(emb.update_affinities(Affinities::compute(other.points, params)),
               xdd::InvalidArgument);
  EXPECT_DOUBLE_EQ(emb.learning_rate(), 50.0);  // max(80 / 12, 50)
}

TEST(TsneEmbedding, PcaInitHasTheRequestedSpread) {
  const auto blobs = xdd::test::make_blobs(3, 100, 6, 3.0, 17);
  const auto init = xdd::pca_init(blobs.points, 1e-4);
  double mean = 0.0, var = 0.0;
  for (int i = 0; i < 300; ++i) mean += init[2 * i];
  mean /= 300.0;
  for (int i = 0; i < 300; ++i) var += (init[2 * i] - mean) * (init[2 * i] - mean);
  EXPECT_NEAR(std::sqrt(var / 300.0), 1e-4, 1e-9);
  EXPECT_NEAR(mean, 0.0, 1e-9);
  // The first axis carries at least as much spread as the second.
  double var_y = 0.0;
  for (int i = 0; i < 300; ++i) var_y += double{init[2 * i + 1]} * init[2 * i + 1];
  EXPECT_LE(var_y / 300.0, var / 300.0 * (1.0 + 1e-6));
  // Same data, same signs: deterministic.
  EXPECT_EQ(xdd::pca_init(blobs.points, 1e-4), init);
}

TEST(TsneEmbedding, DuplicatePointsAndHugeValues) {
  auto blobs = xdd::test::make_blobs(2, 100, 5, 5.0, 9);
  for (int i = 1; i < 60; ++i) {  // 60 copies of one point: more than the 45 neighbours
    for (int d = 0; d < 5; ++d) blobs.points.values[i * 5 + d] = blobs.points.values[d];
  }
  TsneParams params = small_params();
  params.perplexity = 15.0;
  const Affinities P = Affinities::compute(blobs.points, params);
  double sum = 0.0;
  for (float p : P.values()) {
    ASSERT_TRUE(std::isfinite(p));
    sum += p;
  }
  EXPECT_NEAR(sum, 1.0, 1e-5);
  TsneEmbedding emb(P, xdd::pca_init(blobs.points), params);
  xdd::optimize_standard(emb, 300);
  for (float v : emb.layout()) ASSERT_TRUE(std::isfinite(v));
  EXPECT_GT(xdd::test::label_purity(emb.layout(), blobs.labels, 10), 0.95);

  for (float& v : blobs.points.values) v *= 1e30f;  // finite, but squared distances overflow
  EXPECT_THROW(Affinities::compute(blobs.points, params), xdd::DataError);
  EXPECT_THROW(xdd::pca_project(blobs.points, 2), xdd::DataError);
}
