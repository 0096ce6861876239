// make_loss: every method builds, every bad option throws naming its field, and every loss gives a
// finite value and finite gradients at d = 3136 on wide, collapsed and zero embeddings.
#include <gtest/gtest.h>

#include "core/error.h"
#include "losses/loss_factory.h"

namespace {

bool all_finite(const torch::Tensor& t) {
  return torch::isfinite(t).all().item<bool>();
}

void expect_invalid(const xdd::LossOptions& o, const std::string& field) {
  try {
    xdd::make_loss(o);
    ADD_FAILURE() << "no error for bad " << field;
  } catch (const xdd::InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("'" + field + "'"), std::string::npos) << e.what();
  }
}

// The option sets to stress: the six baselines, the control, and every XDD estimator, pairs,
// relevance and scale combination.
std::vector<xdd::LossOptions> all_configurations() {
  std::vector<xdd::LossOptions> out;
  for (const auto& m : xdd::SettingNames<xdd::Method>::table) {
    xdd::LossOptions o;
    o.method = m.first;
    out.push_back(o);
  }
  for (const auto& est : xdd::SettingNames<xdd::Estimator>::table)
    for (const auto& pairs : xdd::SettingNames<xdd::Pairs>::table)
      for (const auto& rel : xdd::SettingNames<xdd::Relevance>::table)
        for (const auto& scale : xdd::SettingNames<xdd::Scale>::table) {
          xdd::LossOptions o;
          o.estimator = est.first;
          o.pairs = pairs.first;
          o.relevance = rel.first;
          o.scale = scale.first;
          out.push_back(o);
        }
  return out;
}

}  // namespace

TEST(LossFactory, BuildsEveryMethod) {
  ASSERT_EQ(xdd::setting_names<xdd::Method>().size(), 8u);
  for (const auto& [method, name] : xdd::SettingNames<xdd::Method>::table) {
    xdd::LossOptions o;
    o.method = method;
    EXPECT_EQ(xdd::make_loss(o)->name(), name);  // the loss calls itself what files call it
  }
}

TEST(LossFactory, InvalidOptionsNameTheField) {
  xdd::LossOptions o;
  o.beta = -0.5;
  expect_invalid(o, "beta");
  o.beta = std::numeric_limits<double>::infinity();
  expect_invalid(o, "beta");
  o.beta = NAN;
  expect_invalid(o, "beta");
  o = {};
  o.num_classes = 1;
  expect_invalid(o, "num_classes");
  o.method = xdd::Method::kSvdd;  // one class is enough for Deep SVDD
  EXPECT_EQ(xdd::make_loss(o)->name(), "svdd");
  o = {};
  o.dim = 0;
  expect_invalid(o, "dim");
}

TEST(LossFactory, FiniteValuesAndGradientsEverywhere) {
  torch::manual_seed(11);
  const torch::Tensor y = torch::arange(90, torch::kLong) % 9;
  const torch::Tensor wide = torch::randn({90, 3136}) * 50.0;  // pairwise distances ~ 4,000
  torch::Tensor collapsed = torch::full({90, 3136}, 0.7f);     // every distance 0
  torch::Tensor with_zeros = torch::randn({90, 3136});
  with_zeros.slice(0, 0, 9).zero_();  // zero embeddings: on IsoMax's initial prototypes
  for (const auto& o : all_configurations()) {
    for (const torch::Tensor& base : {wide, collapsed, with_zeros}) {
      auto loss = xdd::make_loss(o);
      loss->initialize(base, y);
      const torch::Tensor z = base.clone().requires_grad_(true);
      const xdd::LossTerms t = loss->loss(z, y);
      const std::string what = std::string(xdd::setting_name(o.method)) + "/" +
                               xdd::setting_name(o.estimator) + "/" + xdd::setting_name(o.pairs) +
                               "/" + xdd::setting_name(o.relevance) + "/" +
                               xdd::setting_name(o.scale);
      ASSERT_EQ(t.parts.back().first, "total") << what;
      for (const auto& [name, v] : t.parts) EXPECT_TRUE(all_finite(v)) << what << " " << name;
      t.total.backward();
      EXPECT_TRUE(all_finite(z.grad())) << what;
      for (const auto& p : loss->parameters()) {
        if (p.grad().defined()) {
          EXPECT_TRUE(all_finite(p.grad())) << what;
        }
      }
      const torch::Tensor s = loss->own_score(base.slice(0, 0, 20), base, y);
      EXPECT_EQ(s.sizes(), torch::IntArrayRef({20})) << what;
      EXPECT_EQ(s.scalar_type(), torch::kDouble) << what;
      EXPECT_TRUE(all_finite(s)) << what;
    }
  }
}
