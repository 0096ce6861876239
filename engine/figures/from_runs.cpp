#include "figures/from_runs.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "core/error.h"
#include "store/run_artifacts.h"

namespace xdd::figures {
namespace fs = std::filesystem;
using store::RunRecord;
using store::RunSummary;

namespace {

std::string beta_text(double beta) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "β=%g", beta);
  return buf;
}

std::string method_title(const std::string& method) {
  return method == "xdd" ? "XDD" : method;
}

double metric(const RunSummary& r, const char* kind) {
  auto it = r.metrics.find(kind);
  return it == r.metrics.end() ? std::nan("") : it->second.auprc;
}

}  // namespace

std::string run_display_name(const RunSummary& run) {
  std::string name = "#" + std::to_string(run.id);
  if (!run.method.empty()) name += " " + run.method;
  if (run.beta) name += " " + beta_text(*run.beta);
  if (run.holdout) name += " h=" + std::to_string(*run.holdout);
  return name;
}

Figure1Data figure1_from_runs(const std::vector<RunSummary>& runs) {
  std::vector<const RunSummary*> used;
  std::set<int> digits;
  std::map<std::string, std::set<double>> betas_of;
  for (const auto& r : runs) {
    if (r.status != store::RunStatus::done || !r.holdout) continue;
    used.push_back(&r);
    digits.insert(*r.holdout);
    if (r.beta) betas_of[r.method].insert(*r.beta);
  }
  if (used.empty()) {
    throw InvalidArgument("Figure 1 needs finished runs with a held-out digit; none were given");
  }
  Figure1Data d;
  d.digits.assign(digits.begin(), digits.end());
  std::map<int, size_t> col;
  for (size_t i = 0; i < d.digits.size(); ++i) col[d.digits[i]] = i;
  d.chance.assign(d.digits.size(), std::nan(""));

  Figure1Series before{"after pre-training", std::vector<std::vector<double>>(d.digits.size())};
  std::set<std::tuple<int, long long, std::string, double>> seen_before;
  std::map<std::string, Figure1Series> after;  // by series name
  std::vector<std::string> order;
  for (const RunSummary* r : used) {
    const size_t c = col.at(*r->holdout);
    const double b = metric(*r, "kde_before");
    if (std::isfinite(b) &&
        seen_before.insert({*r->holdout, r->seed.value_or(-1), r->dataset_checksum, b}).second) {
      before.values[c].push_back(b);
    }
    std::string name = "after " + method_title(r->method);
    if (r->beta && betas_of[r->method].size() > 1) name += " (" + beta_text(*r->beta) + ")";
    if (!after.count(name)) {
      after[name] = Figure1Series{name, std::vector<std::vector<double>>(d.digits.size())};
      order.push_back(name);
    }
    const double a = metric(*r, "kde_after");
    if (std::isfinite(a)) after[name].values[c].push_back(a);
    if (r->chance_auprc && std::isnan(d.chance[c])) d.chance[c] = *r->chance_auprc;
  }
  // XDD first, so it takes the paper's orange; other methods follow by name.
  std::stable_sort(order.begin(), order.end(), [](const std::string& a, const std::string& b) {
    const bool xa = a.rfind("after XDD", 0) == 0, xb = b.rfind("after XDD", 0) == 0;
    return xa != xb ? xa : a < b;
  });
  d.series.push_back(std::move(before));
  for (const auto& name : order) d.series.push_back(std::move(after[name]));
  return d;
}

TsneFigureData tsne_from_run(const RunSummary& run) {
  if (run.files_dir.empty()) {
    throw InvalidArgument("run " + std::to_string(run.id) + " has no files folder with layouts");
  }
  const fs::path dir = run.files_dir;
  const store::RunScores scores = store::read_scores(dir / "scores.csv");
  TsneFigureData d;
  d.heldout = run.holdout.value_or(-1);
  d.after.title = "after " + method_title(run.method) + " re-training";
  auto fill = [&](TsnePanel& panel, const char* file) {
    const store::Layout l = store::read_layout(dir / file, scores.label);
    for (size_t i = 0; i < l.x.size(); ++i) {
      ScatterPoints& p = l.labeled[i] ? panel.labeled : panel.test;
      p.x.push_back(l.x[i]);
      p.y.push_back(l.y[i]);
      p.label.push_back(l.label[i]);
    }
  };
  fill(d.before, "layout_before.csv");
  fill(d.after, "layout_after.csv");
  return d;
}

LossFigureData losses_from_runs(const std::vector<RunRecord>& runs, const std::string& phase,
                                const std::vector<std::string>& terms) {
  LossFigureData d;
  if (phase == "pretrain") d.title = "GAN pre-training losses";
  for (const auto& r : runs) {
    const std::string name = run_display_name(r.summary);
    std::map<std::string, LossSeries> by_term;
    std::vector<std::string> order;
    for (const auto& s : r.steps) {
      if (s.phase != phase || s.term == "epoch") continue;
      if (!terms.empty() && std::find(terms.begin(), terms.end(), s.term) == terms.end()) continue;
      if (!by_term.count(s.term)) order.push_back(s.term);
      LossSeries& series = by_term[s.term];
      series.run = name;
      series.term = s.term;
      series.step.push_back(static_cast<double>(s.step));
      series.value.push_back(s.value);
    }
    for (const auto& t : order) d.series.push_back(std::move(by_term[t]));
  }
  return d;
}

InfoPlaneFigureData infoplane_from_runs(const std::vector<RunRecord>& runs, PlaneSet set) {
  std::map<double, int> beta_count;
  for (const auto& r : runs) {
    if (r.summary.beta) ++beta_count[*r.summary.beta];
  }
  InfoPlaneFigureData d;
  for (const auto& r : runs) {
    InfoPlanePath p;
    const auto& s = r.summary;
    p.label = s.beta ? beta_text(*s.beta) : s.method;
    if (!s.beta || beta_count[*s.beta] > 1) p.label = "#" + std::to_string(s.id) + " " + p.label;
    for (const auto& pt : r.infoplane) {  // stored order: phase (pretrain < retrain), set, step
      if (pt.set != set) continue;
      p.ixz.push_back(pt.ixz);
      p.izy.push_back(pt.izy);
    }
    d.paths.push_back(std::move(p));
  }
  return d;
}

}  // namespace xdd::figures
