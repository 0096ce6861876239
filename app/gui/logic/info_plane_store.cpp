#include "logic/info_plane_store.h"

#include <chrono>
#include <filesystem>
#include <set>
#include <utility>

#include "core/error.h"
#include "store/run_store.h"

namespace xdd {
namespace {

namespace fs = std::filesystem;

// The folder name a dataset is known by (data/dataset.cpp names datasets that are not MNIST or
// Fashion-MNIST after their folder).
std::string folder_name(const fs::path& dir) {
  fs::path p = fs::absolute(dir).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  return p.filename().string();
}

bool same_folder(const std::string& a, const std::string& b) {
  std::error_code ec1, ec2;
  const fs::path ca = fs::weakly_canonical(a, ec1), cb = fs::weakly_canonical(b, ec2);
  return !ec1 && !ec2 && ca == cb;
}

template <typename T>
std::optional<T> json_value(const nlohmann::json& j, const char* name) {
  if (!j.is_object() || !j.contains(name)) return std::nullopt;
  try {
    return j.at(name).get<T>();
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace

StoredPlaneRuns::~StoredPlaneRuns() {
  if (pending_.valid()) pending_.wait();
}

bool StoredPlaneRuns::update(const ExperimentConfig& config) {
  bool taken = false;
  if (pending_.valid() && pending_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    Result r = pending_.get();
    runs_ = std::move(r.runs);
    error_ = std::move(r.error);
    taken = true;
  }
  const Key key{config.holdout, config.data_dir, config.labeled_per_class};
  if (!pending_.valid() && !(key_ && *key_ == key)) {
    key_ = key;
    pending_ = std::async(std::launch::async, &StoredPlaneRuns::load, store_file_, key);
  }
  return taken;
}

void StoredPlaneRuns::set_store(const std::filesystem::path& store_file) {
  if (store_file == store_file_) return;
  store_file_ = store_file;
  key_.reset();  // load again (after a load in progress has been taken)
}

StoredPlaneRuns::Result StoredPlaneRuns::load(const fs::path& db, const Key& key) {
  Result out;
  try {
    std::error_code ec;
    if (!fs::exists(db, ec)) return out;  // no store yet: nothing to compare (and create nothing)
    store::RunStore runs(db);
    store::RunFilter filter;
    filter.holdout = key.holdout;
    filter.status = store::RunStatus::done;
    std::set<std::pair<std::string, double>> taken;
    for (const store::RunSummary& summary : runs.list(filter)) {  // newest first
      const bool xdd = summary.method == "xdd";
      const std::pair<std::string, double> slot{summary.method, xdd ? summary.beta.value_or(0) : 0};
      if (taken.count(slot)) continue;
      const store::RunRecord record = runs.get(summary.id);
      const auto data_dir = json_value<std::string>(record.config, "data_dir");
      const bool same_data =
          (data_dir && same_folder(*data_dir, key.data_dir)) ||
          (!summary.dataset_name.empty() && summary.dataset_name == folder_name(key.data_dir));
      const int per_class = json_value<int>(record.config, "labeled_per_class").value_or(10);
      if (!same_data || per_class != key.labeled_per_class || record.infoplane.empty()) continue;
      out.runs.push_back(StoredPlaneRun{summary.id, summary.method, summary.beta.value_or(0),
                                        summary.test_images, record.infoplane});
      taken.insert(slot);
    }
  } catch (const std::exception& e) {
    out.runs.clear();
    out.error = e.what();
  }
  return out;
}

}  // namespace xdd
