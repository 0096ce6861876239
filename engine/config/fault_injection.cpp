#include "config/fault_injection.h"

#include <limits>
#include <sstream>
#include <vector>

#include "core/error.h"

namespace xdd {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, sep);) parts.push_back(part);
  if (!s.empty() && s.back() == sep) parts.emplace_back();
  return parts;
}

}  // namespace

FaultInjection parse_fault_injection(const std::string& spec, const std::string& key) {
  FaultInjection f;
  if (spec.empty()) return f;
  const auto bad = [&](const std::string& why) {
    return InvalidArgument(key + " must be empty or PHASE:STEP:TARGET:VALUE (PHASE pretrain or " +
                           "retrain, STEP >= 1, TARGET loss or gradient, VALUE nan or inf), got '" +
                           spec + "': " + why);
  };
  const std::vector<std::string> parts = split(spec, ':');
  if (parts.size() != 4) throw bad("expected 4 fields separated by ':'");
  if (parts[0] != "pretrain" && parts[0] != "retrain") throw bad("unknown phase");
  f.phase = parts[0];
  size_t used = 0;
  try {
    f.step = std::stoll(parts[1], &used);
  } catch (const std::exception&) {
    throw bad("STEP is not a number");
  }
  if (used != parts[1].size() || f.step < 1) throw bad("STEP must be an integer >= 1");
  if (parts[2] != "loss" && parts[2] != "gradient") throw bad("unknown target");
  f.target = parts[2];
  if (parts[3] == "nan") {
    f.value = std::numeric_limits<double>::quiet_NaN();
  } else if (parts[3] == "inf") {
    f.value = std::numeric_limits<double>::infinity();
  } else {
    throw bad("unknown value");
  }
  return f;
}

}  // namespace xdd
