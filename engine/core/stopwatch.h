#pragma once
// Elapsed wall time, for progress, ETAs and the timings runs and benchmarks report.
#include <chrono>

namespace xdd {

using SteadyClock = std::chrono::steady_clock;

inline double seconds_since(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

}  // namespace xdd
