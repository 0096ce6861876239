#pragma once
// Milliseconds per call of named phases, summed over repeated calls and printed in the order they
// were first timed: the per-phase tables of `xdd bench retrain` and `xdd bench scoring`.
#include <cstdio>
#include <iostream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/stopwatch.h"

namespace xdd::cli {

class PhaseTimes {
 public:
  template <typename F>
  auto time(const std::string& phase, F&& work) {
    const auto start = SteadyClock::now();
    if constexpr (std::is_void_v<decltype(work())>) {
      work();
      add(phase, seconds_since(start));
    } else {
      auto result = work();
      add(phase, seconds_since(start));
      return result;
    }
  }

  void print(const std::string& title, int calls) const {
    const double total = total_seconds();
    std::cout << title << " (ms per call, " << calls << " calls)\n";
    for (const auto& [name, s] : order_) {
      std::printf("  %-32s %8.2f  %5.1f %%\n", name.c_str(), 1e3 * s / calls, 100 * s / total);
    }
    std::printf("  %-32s %8.2f\n", "total", 1e3 * total / calls);
  }

  double total_seconds() const {
    double total = 0;
    for (const auto& [name, s] : order_) total += s;
    return total;
  }

 private:
  void add(const std::string& phase, double seconds) {
    for (auto& [name, s] : order_) {
      if (name == phase) {
        s += seconds;
        return;
      }
    }
    order_.emplace_back(phase, seconds);
  }
  std::vector<std::pair<std::string, double>> order_;
};

}  // namespace xdd::cli
