#include "data/checksum.h"

#include <cstdio>

namespace xdd {

uint64_t fnv1a64(const uint8_t* data, size_t n, uint64_t state) {
  constexpr uint64_t kPrime = 0x100000001b3ULL;
  for (size_t i = 0; i < n; ++i) {
    state ^= data[i];
    state *= kPrime;
  }
  return state;
}

std::string to_hex64(uint64_t value) {
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(value));
  return buf;
}

}  // namespace xdd
