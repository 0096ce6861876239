#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <vector>

#include <torch/cuda.h>

#include "config/experiment_config.h"
#include "core/compute.h"
#include "core/error.h"
#include "test_support.h"

using xdd::ExperimentConfig;

namespace {

// Expects InvalidArgument whose message names `key`.
void expect_rejected(const ExperimentConfig& c, const std::string& key) {
  try {
    xdd::validate(c);
    FAIL() << "expected " << key << " to be rejected";
  } catch (const xdd::InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
  }
}

}  // namespace

TEST(ExperimentConfig, DefaultsAreValid) {
  EXPECT_NO_THROW(xdd::validate(ExperimentConfig{}));
}

TEST(ExperimentConfig, RejectsOutOfRangeValuesNamingTheKey) {
  ExperimentConfig c;
  c.holdout = 10;
  expect_rejected(c, "holdout");
  c = {};
  c.holdout = -1;
  expect_rejected(c, "holdout");
  c = {};
  c.beta = -0.5;
  expect_rejected(c, "beta");
  c = {};
  c.beta = std::nan("");
  expect_rejected(c, "beta");
  c = {};
  c.beta = INFINITY;
  expect_rejected(c, "beta");
  c = {};
  c.retrain_lr = 0;
  expect_rejected(c, "retrain_lr");
  c = {};
  c.bandwidth = -1;
  expect_rejected(c, "bandwidth");
}

// Choice-valued settings are parsed where text comes in; a wrong name is refused naming the key and
// the choices, and every name reads back as what it says.
TEST(ExperimentConfig, ChoicesAreParsedByName) {
  for (const char* key :
       {"estimator", "pairs", "relevance", "scale", "bn", "layers", "optimizer"}) {
    try {
      xdd::config_from_json({{key, "first"}});
      ADD_FAILURE() << key << " accepted 'first'";
    } catch (const xdd::InvalidArgument& e) {
      EXPECT_NE(std::string(e.what()).find(std::string(key) + " must be one of"), std::string::npos)
          << e.what();
    }
    EXPECT_THROW(xdd::config_from_json({{key, 1}}), xdd::InvalidArgument) << key;
  }
  const ExperimentConfig c = xdd::config_from_json({{"estimator", "kde"},
                                                    {"pairs", "all"},
                                                    {"relevance", "learned"},
                                                    {"scale", "detached"},
                                                    {"bn", "frozen"},
                                                    {"layers", "last2"},
                                                    {"optimizer", "sgd"}});
  EXPECT_EQ(c.estimator, xdd::Estimator::kKde);
  EXPECT_EQ(c.pairs, xdd::Pairs::kAll);
  EXPECT_EQ(c.relevance, xdd::Relevance::kLearned);
  EXPECT_EQ(c.scale, xdd::Scale::kDetached);
  EXPECT_EQ(c.bn, xdd::BatchNormMode::kFrozen);
  EXPECT_EQ(c.layers, xdd::TrainedLayers::kLast2);
  EXPECT_EQ(c.optimizer, xdd::Optimizer::kSgd);
  EXPECT_EQ(xdd::to_json(c).at("layers"), "last2");
  EXPECT_EQ(xdd::setting_names<xdd::Relevance>(),
            (std::vector<std::string>{"batch", "in_sample", "learned"}));
}

TEST(ExperimentConfig, JsonRoundTrip) {
  ExperimentConfig c;
  c.holdout = 3;
  c.beta = 0.25;
  c.method = xdd::Method::kMcdd;
  c.seed = 7;
  const ExperimentConfig back = xdd::config_from_json(xdd::to_json(c));
  EXPECT_EQ(xdd::to_json(back), xdd::to_json(c));
  EXPECT_EQ(back.holdout, 3);
  EXPECT_DOUBLE_EQ(back.beta, 0.25);
}

TEST(ExperimentConfig, JsonOverlaysOnlyGivenKeys) {
  ExperimentConfig base;
  base.holdout = 2;
  const ExperimentConfig c = xdd::config_from_json({{"beta", 10.0}}, base);
  EXPECT_EQ(c.holdout, 2);
  EXPECT_DOUBLE_EQ(c.beta, 10.0);
}

TEST(ExperimentConfig, UnknownKeyAndWrongTypeAreErrors) {
  EXPECT_THROW(xdd::config_from_json({{"betta", 1.0}}), xdd::InvalidArgument);
  EXPECT_THROW(xdd::config_from_json({{"holdout", "eight"}}), xdd::InvalidArgument);
  EXPECT_THROW(xdd::config_from_json(nlohmann::json::array()), xdd::InvalidArgument);
}

TEST(ExperimentConfig, BadConfigFileNamesTheFile) {
  xdd::test::ScratchDir dir;
  const auto file = dir.path() / "bad.json";
  std::ofstream(file) << "{ \"holdout\": 3, ";
  try {
    xdd::load_config_file(file);
    FAIL();
  } catch (const xdd::DataError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.json"), std::string::npos);
  }
  EXPECT_THROW(xdd::load_config_file(dir.path() / "missing.json"), xdd::IoError);
}

// Every config key, each with values that must be refused: the message names the key and says
// what is valid. A key added without an entry here fails the test.
TEST(ExperimentConfig, EveryKeyRejectsBadValuesNamingItsRange) {
  using nlohmann::json;
  const std::map<std::string, std::vector<json>> bad = {
      {"data_dir", {"", 5}},
      {"train_limit", {-1, 2.5, "10"}},
      {"test_limit", {-1, true}},
      {"holdout", {10, -1, 3.5, "3", 4294967304LL}},
      {"seed", {-1, 1.5, "x"}},
      {"labeled_per_class", {0, 5001}},
      {"preset", {"huge", 1}},
      {"gan_epochs", {-1, 1001}},
      {"gan_seed", {-1}},
      {"method", {"magic"}},
      {"beta", {-0.5, "1"}},
      {"estimator", {"mine"}},
      {"pairs", {"some"}},
      {"relevance", {"none"}},
      {"scale", {"median", 2}},
      {"bn", {"off"}},
      {"layers", {"first", "last4"}},
      {"retrain_steps", {-1, 1000001}},
      {"retrain_lr", {0, -1, 11}},
      {"optimizer", {"rmsprop"}},
      {"bandwidth", {-1}},
      {"info_plane_every", {-1, 1000001}},
      {"inject_fault", {"retrain:1:loss", 3}},
      {"threads", {-1, 1025}},
      {"device", {"tpu"}},
      {"cache_dir", {7}},
  };
  const json defaults = xdd::to_json(ExperimentConfig{});
  for (const auto& item : defaults.items()) {
    EXPECT_TRUE(bad.count(item.key())) << "no bad values listed for config key " << item.key();
  }
  for (const auto& [key, values] : bad) {
    for (const json& value : values) {
      try {
        xdd::validate(xdd::config_from_json(json{{key, value}}));
        ADD_FAILURE() << key << " = " << value.dump() << " was accepted";
      } catch (const xdd::InvalidArgument& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find(key), std::string::npos) << msg;
        EXPECT_TRUE(msg.find("must") != std::string::npos) << msg;
      }
    }
  }
}

// Found by tests/test_fuzz_json.cpp: nlohmann's get<T>() wrapped, truncated or converted these
// silently (holdout 2^32 + 8 became 8, seed -1 became 2^64 - 1, true became 1, 3.5 became 3).
TEST(ExperimentConfig, ValuesThatWouldWrapTruncateOrChangeTypeAreRefused) {
  const std::vector<nlohmann::json> bad = {
      {{"holdout", 4294967304LL}}, {{"seed", -1}},          {{"holdout", true}},
      {{"holdout", 3.5}},          {{"train_limit", 1e30}}, {{"beta", "1"}},
      {{"gan_seed", nullptr}},     {{"preset", 5}},         {{"threads", UINT64_MAX}}};
  for (const auto& j : bad) {
    SCOPED_TRACE(j.dump());
    try {
      xdd::config_from_json(j);
      ADD_FAILURE() << "accepted";
    } catch (const xdd::InvalidArgument& e) {
      EXPECT_NE(std::string(e.what()).find(j.begin().key()), std::string::npos) << e.what();
    }
  }
  const ExperimentConfig c =
      xdd::config_from_json({{"seed", UINT64_MAX}, {"beta", 2}, {"train_limit", INT64_MAX}});
  EXPECT_EQ(c.seed, UINT64_MAX);
  EXPECT_DOUBLE_EQ(c.beta, 2.0);
  EXPECT_EQ(c.train_limit, INT64_MAX);
}

// Found by tests/test_fuzz_json.cpp: a value nested 200,000 levels deep parsed, then overflowed
// the stack when the error message dumped it.
TEST(ExperimentConfig, DeeplyNestedConfigFileIsADataErrorNamingTheFile) {
  xdd::test::ScratchDir dir;
  const auto file = dir.path() / "deep.json";
  std::ofstream(file) << "{\"holdout\": " << std::string(200000, '[') << std::string(200000, ']')
                      << "}";
  try {
    xdd::load_config_file(file);
    FAIL();
  } catch (const xdd::DataError& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("nested"), std::string::npos) << e.what();
  }
  std::ofstream(file) << "{\"holdout\": " << std::string(50, '[') << std::string(50, ']') << "}";
  EXPECT_THROW(xdd::load_config_file(file), xdd::InvalidArgument);  // not too deep: a wrong type
}

TEST(ExperimentConfig, ConfigsFromBeforeTheEstimatorChangeKeepTheirMeaning) {
  // Written before "scale" existed: they ran the detached scale, and "batch" was in-sample.
  const nlohmann::json old = {{"method", "xdd"}, {"relevance", "batch"}, {"pairs", "all"}};
  const ExperimentConfig c = xdd::config_from_json(xdd::with_current_meaning(old));
  EXPECT_EQ(c.scale, xdd::Scale::kDetached);
  EXPECT_EQ(c.relevance, xdd::Relevance::kInSample);
  EXPECT_EQ(c.pairs, xdd::Pairs::kAll);
  const ExperimentConfig learned = xdd::config_from_json(
      xdd::with_current_meaning({{"relevance", "learned"}, {"pairs", "inter"}}));
  EXPECT_EQ(learned.relevance, xdd::Relevance::kLearned);
  EXPECT_EQ(learned.pairs, xdd::Pairs::kInter);
  // A current config is left as it is.
  const nlohmann::json now = xdd::to_json(ExperimentConfig{});
  EXPECT_EQ(xdd::with_current_meaning(now), now);
  EXPECT_EQ(ExperimentConfig{}.relevance, xdd::Relevance::kBatch);
  EXPECT_EQ(ExperimentConfig{}.scale, xdd::Scale::kNormalized);
}

TEST(Device, EachChoiceResolvesAndCudaNeedsAGpu) {
  EXPECT_EQ(xdd::resolve_device(xdd::DeviceChoice::kCpu).type(), torch::kCPU);
  if (torch::cuda::is_available()) {
    EXPECT_EQ(xdd::resolve_device(xdd::DeviceChoice::kAuto).type(), torch::kCUDA);
    EXPECT_EQ(xdd::resolve_device(xdd::DeviceChoice::kCuda).type(), torch::kCUDA);
  } else {
    EXPECT_EQ(xdd::resolve_device(xdd::DeviceChoice::kAuto).type(), torch::kCPU);
    EXPECT_THROW(xdd::resolve_device(xdd::DeviceChoice::kCuda), xdd::InvalidArgument);
  }
}
