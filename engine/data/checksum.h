#pragma once
// FNV-1a 64-bit: a fast, dependency-free fingerprint for telling dataset files apart (not a
// cryptographic hash; it detects accidental differences, which is all a run record needs).
#include <cstddef>
#include <cstdint>
#include <string>

namespace xdd {

constexpr uint64_t kFnv1a64Offset = 0xcbf29ce484222325ULL;

// Continues the hash `state` over n bytes; start from kFnv1a64Offset.
uint64_t fnv1a64(const uint8_t* data, size_t n, uint64_t state = kFnv1a64Offset);

// 16 lower-case hex digits.
std::string to_hex64(uint64_t value);

}  // namespace xdd
