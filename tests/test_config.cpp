#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "config/experiment_config.h"
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
  c.preset = "huge";
  expect_rejected(c, "preset");
  c = {};
  c.method = "magic";
  expect_rejected(c, "method");
  c = {};
  c.retrain_lr = 0;
  expect_rejected(c, "retrain_lr");
  c = {};
  c.bandwidth = -1;
  expect_rejected(c, "bandwidth");
  c = {};
  c.layers = "first";
  expect_rejected(c, "layers");
}

TEST(ExperimentConfig, JsonRoundTrip) {
  ExperimentConfig c;
  c.holdout = 3;
  c.beta = 0.25;
  c.method = "mcdd";
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
