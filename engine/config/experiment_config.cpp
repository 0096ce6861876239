#include "config/experiment_config.h"

#include <cmath>
#include <cstdlib>
#include <functional>
#include <limits>
#include <map>
#include <sstream>
#include <type_traits>
#include <vector>

#include "config/fault_injection.h"
#include "core/error.h"
#include "core/json_file.h"

namespace xdd {
namespace {

using json = nlohmann::json;

template <typename T>
void require_range(const std::string& key, T value, T lo, T hi, const std::string& range_text) {
  if (!(value >= lo && value <= hi)) {
    std::ostringstream msg;
    msg << key << " must be " << range_text << ", got " << value;
    throw InvalidArgument(msg.str());
  }
}

// One table of (key, reader, writer) keeps to_json and config_from_json in step.
struct Field {
  std::function<json(const ExperimentConfig&)> get;
  std::function<void(ExperimentConfig&, const json&)> set;
};

// JSON's own conversions are lenient (3.7 -> 3 for an int, -1 -> 2^64 - 1 for an unsigned); a
// setting takes only a value of its own kind.
template <typename T>
bool has_kind_of(const json& j) {
  if constexpr (std::is_same_v<T, std::string>) {
    return j.is_string();
  } else if constexpr (std::is_floating_point_v<T>) {
    return j.is_number();
  } else if constexpr (std::is_unsigned_v<T>) {
    return j.is_number_unsigned();
  } else if (j.is_number_unsigned()) {  // how the parser reads every integer >= 0
    return j.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<T>::max());
  } else {
    return j.is_number_integer() && j.get<int64_t>() >= std::numeric_limits<T>::min() &&
           j.get<int64_t>() <= std::numeric_limits<T>::max();
  }
}

// A choice-valued setting: its name in JSON, parsed here (config/run_settings.h).
template <typename E>
Field choice(const std::string& key, E ExperimentConfig::*member) {
  return {[member](const ExperimentConfig& c) { return json(setting_name(c.*member)); },
          [key, member](ExperimentConfig& c, const json& j) {
            if (!j.is_string()) throw json::type_error::create(302, "wrong kind", &j);
            c.*member = parse_setting<E>(key, j.get<std::string>());
          }};
}

template <typename T>
Field field(T ExperimentConfig::*member) {
  return {[member](const ExperimentConfig& c) { return json(c.*member); },
          [member](ExperimentConfig& c, const json& j) {
            if (!has_kind_of<T>(j)) throw json::type_error::create(302, "wrong kind", &j);
            c.*member = j.get<T>();
          }};
}

const std::map<std::string, Field>& fields() {
  static const std::map<std::string, Field> table = {
      {"data_dir", field(&ExperimentConfig::data_dir)},
      {"train_limit", field(&ExperimentConfig::train_limit)},
      {"test_limit", field(&ExperimentConfig::test_limit)},
      {"holdout", field(&ExperimentConfig::holdout)},
      {"seed", field(&ExperimentConfig::seed)},
      {"labeled_per_class", field(&ExperimentConfig::labeled_per_class)},
      {"preset", choice("preset", &ExperimentConfig::preset)},
      {"gan_epochs", field(&ExperimentConfig::gan_epochs)},
      {"gan_seed", field(&ExperimentConfig::gan_seed)},
      {"method", choice("method", &ExperimentConfig::method)},
      {"beta", field(&ExperimentConfig::beta)},
      {"estimator", choice("estimator", &ExperimentConfig::estimator)},
      {"pairs", choice("pairs", &ExperimentConfig::pairs)},
      {"relevance", choice("relevance", &ExperimentConfig::relevance)},
      {"scale", choice("scale", &ExperimentConfig::scale)},
      {"bn", choice("bn", &ExperimentConfig::bn)},
      {"layers", choice("layers", &ExperimentConfig::layers)},
      {"retrain_steps", field(&ExperimentConfig::retrain_steps)},
      {"retrain_lr", field(&ExperimentConfig::retrain_lr)},
      {"optimizer", choice("optimizer", &ExperimentConfig::optimizer)},
      {"bandwidth", field(&ExperimentConfig::bandwidth)},
      {"info_plane_every", field(&ExperimentConfig::info_plane_every)},
      {"inject_fault", field(&ExperimentConfig::inject_fault)},
      {"threads", field(&ExperimentConfig::threads)},
      {"device", choice("device", &ExperimentConfig::device)},
      {"cache_dir", field(&ExperimentConfig::cache_dir)},
  };
  return table;
}

std::string shortened(const std::string& text) {
  return text.size() > 60 ? text.substr(0, 60) + "..." : text;
}

// What a setting's default value says about its kind, for messages.
std::string kind_name(const json& example) {
  if (example.is_string()) return "a string";
  if (example.is_number_unsigned()) return "an integer >= 0";
  if (example.is_number_integer()) return "an integer";
  return "a number";
}

}  // namespace

void validate(const ExperimentConfig& c) {
  if (c.data_dir.empty()) throw InvalidArgument("data_dir must name a folder");
  require_range<int64_t>("train_limit", c.train_limit, 0, INT64_MAX, ">= 0 (0 = all)");
  require_range<int64_t>("test_limit", c.test_limit, 0, INT64_MAX, ">= 0 (0 = all)");
  require_range("holdout", c.holdout, 0, 9, "a digit 0-9");
  require_range("labeled_per_class", c.labeled_per_class, 1, 5000, "in 1-5000");
  require_range("gan_epochs", c.gan_epochs, 0, 1000, "in 0-1000 (0 = the preset's)");
  if (!std::isfinite(c.beta) || c.beta < 0) {
    throw InvalidArgument("beta must be a finite number >= 0, got " + std::to_string(c.beta));
  }
  require_range("retrain_steps", c.retrain_steps, 0, 1000000, "in 0-1000000");
  if (!std::isfinite(c.retrain_lr) || c.retrain_lr <= 0 || c.retrain_lr > 10) {
    throw InvalidArgument("retrain_lr must be in (0, 10], got " + std::to_string(c.retrain_lr));
  }
  require_range("info_plane_every", c.info_plane_every, 0, 1000000, "in 0-1000000 (0 = off)");
  if (!std::isfinite(c.bandwidth) || c.bandwidth < 0) {
    throw InvalidArgument("bandwidth must be >= 0 (0 = median pairwise distance), got " +
                          std::to_string(c.bandwidth));
  }
  parse_fault_injection(c.inject_fault, "inject_fault");
  require_range("threads", c.threads, 0, 1024, "in 0-1024 (0 = all cores)");
}

nlohmann::json to_json(const ExperimentConfig& c) {
  json j = json::object();
  for (const auto& [key, f] : fields()) j[key] = f.get(c);
  return j;
}

ExperimentConfig config_from_json(const nlohmann::json& j, ExperimentConfig base) {
  if (!j.is_object()) throw InvalidArgument("a config must be a JSON object of settings");
  for (const auto& [key, value] : j.items()) {
    auto it = fields().find(key);
    // A hostile file's key or value may be megabytes long: messages show their start.
    if (it == fields().end()) {
      throw InvalidArgument("unknown config key '" + shortened(key) + "'");
    }
    try {
      it->second.set(base, value);
    } catch (const json::exception&) {
      throw InvalidArgument("config key '" + key + "' must be " + kind_name(to_json({}).at(key)) +
                            ", got " + shortened(value.dump()));
    }
  }
  return base;
}

nlohmann::json with_current_meaning(const nlohmann::json& stored) {
  if (!stored.is_object() || stored.contains("scale")) return stored;
  json j = stored;
  j["scale"] = "detached";
  if (j.value("relevance", json("batch")) == json("batch")) j["relevance"] = "in_sample";
  if (!j.contains("pairs")) j["pairs"] = "all";
  return j;
}

ExperimentConfig load_config_file(const std::filesystem::path& file, ExperimentConfig base) {
  const json j = read_json_file(file, "config file");
  try {
    return config_from_json(j, std::move(base));
  } catch (const InvalidArgument& e) {
    throw InvalidArgument("config file " + file.string() + ": " + e.what());
  }
}

std::filesystem::path resolved_cache_dir(const ExperimentConfig& c) {
  if (!c.cache_dir.empty()) return c.cache_dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    return std::filesystem::path(xdg) / "xdd-studio";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::filesystem::path(home) / ".cache" / "xdd-studio";
  }
  return std::filesystem::temp_directory_path() / "xdd-studio-cache";
}

}  // namespace xdd
