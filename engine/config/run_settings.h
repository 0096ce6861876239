#pragma once
// The experiment's choice-valued settings as enums. Text is parsed into them once, where it comes
// in (a config file, a CLI flag: config/experiment_config.cpp), and named once, where it goes out
// (JSON, the screen). Adding a choice: add the enumerator and its row in the setting's table.
#include <array>
#include <string>
#include <utility>
#include <vector>

namespace xdd {

// The re-training loss: XDD, the six baselines (SPEC §5), or the control that only re-estimates
// BatchNorm statistics.
enum class Method { kXdd, kSoftmax, kMcdd, kIsoMax, kIsoMaxPlus, kSnn, kSvdd, kBnOnly };
// The GAN's size and pre-training length (models/presets.h): Table 1 | narrower generator | tests.
enum class GanPreset { kPaper, kFast, kTiny };
enum class DeviceChoice { kAuto, kCpu, kCuda };  // where LibTorch runs: CUDA when present | ...
enum class Estimator { kPaper, kKde };  // XDD compression: eq. 8 | kernel estimate (SPEC §4)
enum class Pairs { kInter, kAll };      // pairs eq. 8 averages: different classes only | all
// XDD's class model: fitted on the batch leaving each point out of its own class | fitted on the
// point itself (the first version, saturated) | learned parameters, started as Deep MCDD's.
enum class Relevance { kBatch, kInSample, kLearned };
// The terms on z / s(z) (degree 0 in z) | on z with the detached median distance (first version).
enum class Scale { kNormalized, kDetached };
enum class BatchNormMode { kTrain, kFrozen };  // batch statistics while re-training | kept
enum class TrainedLayers { kAll, kLast1, kLast2, kLast3 };  // which blocks of f re-train
enum class Optimizer { kAdam, kSgd };

// The names of a setting's choices, as files and the screen spell them.
template <typename E>
struct SettingNames;

template <>
struct SettingNames<Method> {
  static constexpr std::array<std::pair<Method, const char*>, 8> table{
      {{Method::kXdd, "xdd"},
       {Method::kSoftmax, "softmax"},
       {Method::kMcdd, "mcdd"},
       {Method::kIsoMax, "isomax"},
       {Method::kIsoMaxPlus, "isomax_plus"},
       {Method::kSnn, "snn"},
       {Method::kSvdd, "svdd"},
       {Method::kBnOnly, "bn_only"}}};
};
template <>
struct SettingNames<GanPreset> {
  static constexpr std::array<std::pair<GanPreset, const char*>, 3> table{
      {{GanPreset::kPaper, "paper"}, {GanPreset::kFast, "fast"}, {GanPreset::kTiny, "tiny"}}};
};
template <>
struct SettingNames<DeviceChoice> {
  static constexpr std::array<std::pair<DeviceChoice, const char*>, 3> table{
      {{DeviceChoice::kAuto, "auto"}, {DeviceChoice::kCpu, "cpu"}, {DeviceChoice::kCuda, "cuda"}}};
};
template <>
struct SettingNames<Estimator> {
  static constexpr std::array<std::pair<Estimator, const char*>, 2> table{
      {{Estimator::kPaper, "paper"}, {Estimator::kKde, "kde"}}};
};
template <>
struct SettingNames<Pairs> {
  static constexpr std::array<std::pair<Pairs, const char*>, 2> table{
      {{Pairs::kInter, "inter"}, {Pairs::kAll, "all"}}};
};
template <>
struct SettingNames<Relevance> {
  static constexpr std::array<std::pair<Relevance, const char*>, 3> table{
      {{Relevance::kBatch, "batch"},
       {Relevance::kInSample, "in_sample"},
       {Relevance::kLearned, "learned"}}};
};
template <>
struct SettingNames<Scale> {
  static constexpr std::array<std::pair<Scale, const char*>, 2> table{
      {{Scale::kNormalized, "normalized"}, {Scale::kDetached, "detached"}}};
};
template <>
struct SettingNames<BatchNormMode> {
  static constexpr std::array<std::pair<BatchNormMode, const char*>, 2> table{
      {{BatchNormMode::kTrain, "train"}, {BatchNormMode::kFrozen, "frozen"}}};
};
template <>
struct SettingNames<TrainedLayers> {
  static constexpr std::array<std::pair<TrainedLayers, const char*>, 4> table{
      {{TrainedLayers::kAll, "all"},
       {TrainedLayers::kLast1, "last1"},
       {TrainedLayers::kLast2, "last2"},
       {TrainedLayers::kLast3, "last3"}}};
};
template <>
struct SettingNames<Optimizer> {
  static constexpr std::array<std::pair<Optimizer, const char*>, 2> table{
      {{Optimizer::kAdam, "adam"}, {Optimizer::kSgd, "sgd"}}};
};

template <typename E>
const char* setting_name(E value) {
  for (const auto& [v, name] : SettingNames<E>::table) {
    if (v == value) return name;
  }
  return "?";  // unreachable: every enumerator has a row
}

template <typename E>
std::vector<std::string> setting_names() {
  std::vector<std::string> names;
  for (const auto& row : SettingNames<E>::table) names.emplace_back(row.second);
  return names;
}

// Throws InvalidArgument: "<key> must be one of <names>, got '<text>'" (text shortened).
[[noreturn]] void throw_unknown_choice(const std::string& key, const std::string& text,
                                       const std::vector<std::string>& names);

// The choice named `text`; InvalidArgument naming `key` and the choices otherwise.
template <typename E>
E parse_setting(const std::string& key, const std::string& text) {
  for (const auto& [v, name] : SettingNames<E>::table) {
    if (text == name) return v;
  }
  throw_unknown_choice(key, text, setting_names<E>());
}

}  // namespace xdd
