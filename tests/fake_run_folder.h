#pragma once
// Writes run folders in the run pipeline's format (metrics.json, losses.csv, scores.csv and the
// optional files) with known numbers, so store, figure and export tests can check exact values.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace xdd::test {

struct FakeRun {
  int holdout = 8;
  std::string method = "xdd";
  double beta = 0.5;
  int seed = 1;
  double auprc_before = 0.2, auprc_after = 0.6;
  int steps = 5;  // losses.csv rows: compression = 1/(s+1), relevance = s/2, total = c - beta r
  int test_images = 20;        // scores.csv and layout rows; label = index % 10
  bool optional_files = true;  // gan_losses.csv, infoplane.csv, layout_*.csv
};

inline double fake_compression(int step) {
  return 1.0 / (step + 1);
}
inline double fake_relevance(int step) {
  return step / 2.0;
}

inline nlohmann::json fake_metrics_json(const FakeRun& r) {
  nlohmann::json m;
  m["holdout"] = r.holdout;
  m["method"] = r.method;
  m["beta"] = r.beta;
  m["seed"] = r.seed;
  m["before"] = {{"auprc", r.auprc_before}, {"auroc", 0.7}, {"fpr95", 0.9}};
  m["after"] = {{"auprc", r.auprc_after}, {"auroc", 0.8}, {"fpr95", 0.5}};
  m["after_own_score"] = {{"auprc", r.auprc_after / 2}, {"auroc", 0.75}, {"fpr95", 0.6}};
  m["chance_auprc"] = 0.0974;
  m["entanglement"] = {{"before", 2.25}, {"after", 1.75}};
  m["dataset"] = {{"name", "mnist"}, {"checksum", "abc123"}, {"test_images", r.test_images}};
  m["compute"] = {{"threads", 2}, {"device", "cpu"}};
  m["seconds"] = {{"pretrain", 10.0}, {"retrain", 5.0}, {"total", 15.0}};
  m["version"] = "0.1.0";
  m["config"] = {{"data_dir", "/data"}, {"holdout", r.holdout},     {"seed", r.seed},
                 {"preset", "paper"},   {"gan_epochs", 3},          {"gan_seed", 7},
                 {"method", r.method},  {"beta", r.beta},           {"estimator", "kde"},
                 {"pairs", "all"},      {"relevance", "batch"},     {"bn", "train"},
                 {"layers", "all"},     {"retrain_steps", r.steps}, {"retrain_lr", 1e-4},
                 {"optimizer", "adam"}, {"bandwidth", "median"},    {"threads", 2},
                 {"device", "cpu"}};
  return m;
}

inline void write_fake_run_folder(const std::filesystem::path& dir, const FakeRun& r) {
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "metrics.json") << fake_metrics_json(r).dump(2);
  std::ofstream losses(dir / "losses.csv");
  losses << "step,compression,relevance,total\n";
  for (int s = 0; s < r.steps; ++s) {
    const double c = fake_compression(s), rel = fake_relevance(s);
    losses << s << "," << c << "," << rel << "," << c - r.beta * rel << "\n";
  }
  std::ofstream scores(dir / "scores.csv");
  scores << "index,label,score_before,score_after\n";
  for (int i = 0; i < r.test_images; ++i) {
    scores << i << "," << i % 10 << "," << i * 0.5 << "," << i * 0.25 << "\n";
  }
  if (!r.optional_files) return;
  std::ofstream gan(dir / "gan_losses.csv");
  gan << "step,epoch,d_loss,g_loss,d_real,d_fake\n0,0,1.5,0.7,0.6,0.4\n1,0,1.25,0.8,0.65,0.35\n";
  std::ofstream plane(dir / "infoplane.csv");
  plane << "step,phase,set,ixz,izy\n0,retrain,labeled,4.0,1.0\n1,retrain,labeled,3.5,1.5\n"
           "2,retrain,labeled,3.0,2.0\n";
  for (const char* name : {"layout_before.csv", "layout_after.csv"}) {
    std::ofstream layout(dir / name);
    layout << "x,y\n";
    for (int i = 0; i < r.test_images; ++i) layout << i % 10 << "," << i / 10 << "\n";
  }
}

}  // namespace xdd::test
